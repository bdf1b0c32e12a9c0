"""The OpenAPI document describes every field with an example, and no generated request
makes the API fail (schemathesis)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.main import create_app
from api.settings import Settings

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

# FastAPI's own validation-error schemas (our handlers answer in ErrorResponse instead) and
# the chat page's models, which belong to the chat page's owners.
NOT_OURS = {"HTTPValidationError", "ValidationError", "ChatMessage", "Body_chat_message"}
SERVICE_TOKEN = "test-service-token-0123456789"


def walk_properties(openapi: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, schema in openapi["components"]["schemas"].items():
        if name in NOT_OURS or name.startswith("Chat"):
            continue
        for field, spec in schema.get("properties", {}).items():
            yield name, field, spec


def is_reference(spec: dict[str, Any]) -> bool:
    """A field that is another documented model, or a list or optional of one."""
    if "$ref" in spec:
        return True
    if spec.get("type") == "array" and "$ref" in spec.get("items", {}):
        return True
    options = spec.get("anyOf", [])
    return bool(options) and all("$ref" in o or o.get("type") == "null" for o in options)


def test_every_field_has_a_description(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()

    missing = [
        f"{model}.{field}"
        for model, field, spec in walk_properties(openapi)
        if not spec.get("description")
    ]

    assert missing == []


def test_every_plain_field_has_an_example(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()

    missing = [
        f"{model}.{field}"
        for model, field, spec in walk_properties(openapi)
        if not is_reference(spec) and not (spec.get("examples") or "example" in spec)
    ]

    assert missing == []


def test_every_operation_and_parameter_is_described(client: TestClient) -> None:
    openapi = client.get("/openapi.json").json()
    problems = []
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            if "chat" in operation.get("tags", []):
                continue
            if not operation.get("description"):
                problems.append(f"{method.upper()} {path}: no description")
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    problems.append(f"{method.upper()} {path} {parameter['name']}: no description")
                if not (parameter.get("examples") or parameter.get("schema", {}).get("examples")):
                    problems.append(f"{method.upper()} {path} {parameter['name']}: no example")

    assert problems == []


@pytest.fixture
def admin_key(make_key: Callable[..., str]) -> str:
    """An admin key of the default forum, so generated requests get past authentication."""
    return make_key(role="admin")


def _openapi_document() -> dict[str, Any]:
    """The document as the app serves it (made without a database, which it does not need)."""
    settings = Settings(_env_file=None, DATABASE_URL="sqlite://", ENVIRONMENT="test")  # type: ignore[call-arg]
    document: dict[str, Any] = create_app(settings).openapi()
    return document


# Built from the document, not from a running app: the test calls each test's own app.
schema = schemathesis.openapi.from_dict(_openapi_document()).exclude(tag="chat")


@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_generated_request_makes_the_api_fail(
    case: Any, client: TestClient, admin_key: str
) -> None:
    token = SERVICE_TOKEN if case.path.startswith("/api/v1/internal") else admin_key
    response = case.call(app=client.app, headers={"Authorization": f"Bearer {token}"})
    if os.environ.get("API_TEST_SHOW_STATUSES"):
        print(case.method, case.path, response.status_code)

    assert response.status_code < 500, response.text
