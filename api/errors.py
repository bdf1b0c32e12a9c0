"""Every error the API returns, in one JSON shape, mapped in one place.

    {"error": {"code": "not_found", "message": "Plain words.", "details": [...]}}

Routes and services raise an `ApiError` subclass; FastAPI's own errors (validation, malformed
JSON, unknown address, wrong method) and unexpected failures are turned into the same shape
by the handlers that `register_error_handlers` installs.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    """What went wrong, in a stable code and in plain words."""

    code: str = Field(
        description="Stable, machine-readable, e.g. `validation_error`.",
        examples=["validation_error"],
    )
    message: str = Field(
        description="Plain English, safe to show to a person.",
        examples=["Some details are missing or do not fit. See details."],
    )
    details: list[Any] = Field(
        default_factory=list,
        description="More about each problem.",
        examples=[
            [
                {
                    "location": ["query", "from"],
                    "message": "'from' must be a month like 2025-01.",
                    "type": "invalid_period",
                }
            ]
        ],
    )


class ErrorResponse(BaseModel):
    """The one shape of every error response."""

    error: ErrorBody = Field(description="What went wrong.")


class ApiError(Exception):
    """An error with a status code and a plain-English message for the caller."""

    status_code = 400
    code = "bad_request"
    message = "We could not understand that request."

    def __init__(
        self,
        message: str | None = None,
        *,
        code: str | None = None,
        details: Sequence[Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        """Override the class defaults for this one error, if needed."""
        self.message = message or self.message
        self.code = code or self.code
        self.details = list(details or [])
        self.headers = dict(headers or {})
        super().__init__(self.message)


class Unauthorized(ApiError):
    """No key, or a key we do not know (or one that was revoked)."""

    status_code = 401
    code = "unauthorized"
    message = "Please send a valid key in the Authorization header, as 'Bearer <key>'."

    def __init__(self, message: str | None = None, **kwargs: Any) -> None:
        """Always ask for a Bearer token, as RFC 6750 requires."""
        kwargs.setdefault("headers", {"WWW-Authenticate": "Bearer"})
        super().__init__(message, **kwargs)


class Forbidden(ApiError):
    """A valid key whose role does not allow this."""

    status_code = 403
    code = "forbidden"
    message = "Your key does not allow this. Ask your forum's admin for a key with more access."


class NotFound(ApiError):
    """Nothing at this address, or nothing the caller may see."""

    status_code = 404
    code = "not_found"
    message = "We could not find that."


class Conflict(ApiError):
    """The request clashes with what is already there."""

    status_code = 409
    code = "conflict"
    message = "That clashes with something that is already there."


class InvalidRequest(ApiError):
    """A request that FastAPI's own checks let through, but that still does not fit."""

    status_code = 422
    code = "validation_error"
    message = "Some details are missing or do not fit. See details."


class BadGateway(ApiError):
    """A service we depend on answered, but not in a way we could use."""

    status_code = 502
    code = "bad_gateway"
    message = "Something went wrong on our side. Please try again in a few minutes."


class ServiceUnavailable(ApiError):
    """A service we depend on cannot be reached just now."""

    status_code = 503
    code = "service_unavailable"
    message = "This service is not available just now. Please try again in a few minutes."


# Codes and messages for errors raised by FastAPI and Starlette themselves.
_HTTP_ERRORS: dict[int, tuple[str, str]] = {
    400: ("bad_request", "We could not understand that request."),
    401: ("unauthorized", Unauthorized.message),
    403: ("forbidden", Forbidden.message),
    404: ("not_found", "There is nothing at this address. Please check it."),
    405: ("method_not_allowed", "This address does not accept that kind of request."),
    406: ("not_acceptable", "We can only answer in JSON or HTML."),
    409: ("conflict", Conflict.message),
    413: ("payload_too_large", "The request is too large."),
    415: ("unsupported_media_type", "Please send JSON, with Content-Type: application/json."),
    422: ("validation_error", "Some details are missing or do not fit. See details."),
    429: ("too_many_requests", "Too many requests. Please wait a little and try again."),
    500: ("internal_error", "Something went wrong on our side. Please try again later."),
    502: ("bad_gateway", BadGateway.message),
    503: ("service_unavailable", ServiceUnavailable.message),
}


def error_json(
    status_code: int,
    *,
    code: str,
    message: str,
    details: Sequence[Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    """Build a response in the one error shape."""
    body = ErrorResponse(error=ErrorBody(code=code, message=message, details=list(details or [])))
    return JSONResponse(
        status_code=status_code, content=body.model_dump(mode="json"), headers=dict(headers or {})
    )


def error_responses(*status_codes: int) -> dict[int | str, dict[str, Any]]:
    """Document error responses in OpenAPI, e.g. `responses=error_responses(401, 422)`."""
    return {
        status: {"model": ErrorResponse, "description": _HTTP_ERRORS.get(status, ("", ""))[1]}
        for status in status_codes
    }


def _validation_details(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Where each problem is and what it is, without echoing what was sent."""
    return [
        {
            "location": list(error.get("loc", ())),
            "message": error.get("msg", ""),
            "type": error.get("type", ""),
        }
        for error in errors
    ]


def _json_error_detail(error: Mapping[str, Any]) -> dict[str, Any]:
    """Say where the JSON stopped making sense (the character position), not what it held."""
    location = tuple(error.get("loc", ()))
    reason = str(error.get("ctx", {}).get("error", "Invalid JSON"))
    message = f"{reason} at character {location[-1]}." if len(location) > 1 else f"{reason}."
    return {"location": ["body"], "message": message, "type": "json_invalid"}


async def _api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_json(
        exc.status_code,
        code=exc.code,
        message=exc.message,
        details=exc.details,
        headers=exc.headers,
    )


async def _http_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, message = _HTTP_ERRORS.get(exc.status_code, ("http_error", "That did not work."))
    if code == "http_error" and isinstance(exc.detail, str):
        message = exc.detail
    return error_json(exc.status_code, code=code, message=message, headers=exc.headers)


async def _validation_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        return error_json(
            422,
            code="invalid_json",
            message="The request body is not valid JSON. "
            "Please check its brackets, quotes and commas.",
            details=[_json_error_detail(error) for error in errors],
        )
    code, message = _HTTP_ERRORS[422]
    return error_json(422, code=code, message=message, details=_validation_details(errors))


async def _unexpected_error_handler(request: Request, exc: Exception) -> JSONResponse:
    # The engine hides SQL parameters, so the traceback carries no view text.
    logger.error(
        "Unexpected %s on %s %s",
        type(exc).__name__,
        request.method,
        request.url.path,
        exc_info=exc,
    )
    code, message = _HTTP_ERRORS[500]
    return error_json(500, code=code, message=message)


def register_error_handlers(app: FastAPI) -> None:
    """Install the handlers that give every error the same JSON shape."""
    app.add_exception_handler(ApiError, _api_error_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_error_handler)
    app.add_exception_handler(Exception, _unexpected_error_handler)
