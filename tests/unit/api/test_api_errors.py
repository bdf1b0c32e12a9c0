"""Every error has one JSON shape: {"error": {"code", "message", "details"}}."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from fastapi import FastAPI

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SERVICE_HEADERS = {"Authorization": "Bearer test-service-token-0123456789"}


def assert_error_shape(body: Any, code: str) -> None:
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    assert isinstance(body["error"]["details"], list)


def test_malformed_json_gets_422_in_the_error_shape(client: TestClient) -> None:
    response = client.post(
        "/api/v1/internal/views",
        content=b'{"text": "unfinished',
        headers={**SERVICE_HEADERS, "Content-Type": "application/json"},
    )

    assert response.status_code == 422
    assert_error_shape(response.json(), "invalid_json")
    assert response.json()["error"]["details"][0]["type"] == "json_invalid"


def test_a_json_list_instead_of_an_object_gets_422(client: TestClient) -> None:
    response = client.post("/api/v1/internal/views", json=["a view"], headers=SERVICE_HEADERS)

    assert response.status_code == 422
    assert_error_shape(response.json(), "validation_error")


def test_validation_errors_do_not_echo_what_was_sent(client: TestClient) -> None:
    secret_text = "My son Sam Smith at 10 Acacia Avenue " * 200

    response = client.post(
        "/api/v1/internal/views",
        json={"text": secret_text, "language": "en", "channel": "rest"},
        headers=SERVICE_HEADERS,
    )

    assert response.status_code == 422
    assert "Acacia" not in response.text


def test_an_unknown_address_gets_404_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")

    assert response.status_code == 404
    assert_error_shape(response.json(), "not_found")


def test_a_wrong_method_gets_405_in_the_error_shape(client: TestClient) -> None:
    response = client.delete("/api/v1/views")

    assert response.status_code == 405
    assert_error_shape(response.json(), "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_a_missing_key_gets_401_in_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/views")

    assert response.status_code == 401
    assert_error_shape(response.json(), "unauthorized")


def test_an_unexpected_failure_gets_500_in_the_error_shape(
    app: FastAPI, client_class: type[TestClient]
) -> None:
    def explode() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/explode", explode)
    with client_class(app, raise_server_exceptions=False) as client:
        response = client.get("/explode")

    assert response.status_code == 500
    assert_error_shape(response.json(), "internal_error")
    assert "boom" not in response.text
