"""Liveness and database check for load balancers and the run script."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from api.db import check_database
from api.errors import ServiceUnavailable, error_responses

logger = logging.getLogger(__name__)

router = APIRouter(tags=["health"])


class Health(BaseModel):
    """The API is up and can reach its database."""

    status: str = Field(default="ok", description="Always `ok` when answering.", examples=["ok"])
    database: str = Field(
        default="ok", description="`ok` when the database answered.", examples=["ok"]
    )


@router.get("/health", response_model=Health, responses=error_responses(503))
async def health(request: Request) -> Health:
    """Say whether the API is running and its database answers."""
    try:
        await run_in_threadpool(check_database, request.app.state.engine)
    except SQLAlchemyError as exc:
        logger.warning("Health check: the database did not answer (%s)", type(exc).__name__)
        raise ServiceUnavailable(
            "The database is not answering just now.",
            code="database_unavailable",
            details=[{"database": "unavailable"}],
        ) from exc
    return Health()
