"""Request-size limits, web chat rate limits and CORS limited to the chat origin."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from api.main import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SERVICE = {"Authorization": "Bearer test-service-token-0123456789"}


def test_a_body_over_the_limit_is_refused_with_413_in_the_error_shape(
    client: TestClient,
) -> None:
    huge = {"client_ref": "big", "text": "x" * 70_000}

    response = client.post("/api/v1/internal/views", json=huge, headers=SERVICE)

    assert response.status_code == 413
    assert response.json()["error"]["code"] == "payload_too_large"
    assert "too large" in response.json()["error"]["message"]
    assert client.get("/health").status_code == 200


def test_a_chunked_body_without_a_length_is_counted_and_refused(client: TestClient) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(80):
            yield b"x" * 1024

    response = client.post(
        "/api/v1/internal/views",
        content=chunks(),
        headers={**SERVICE, "Content-Type": "application/json"},
    )
    assert response.status_code == 413


def test_batches_may_be_larger_than_single_requests(client: TestClient) -> None:
    views = [
        {
            "client_ref": f"batch-{n}",
            "text": "The bus was late again. " * 120,
            "language": "en",
            "channel": "sms",
            "contributor": "ab12" * 16,
        }
        for n in range(30)
    ]
    response = client.post("/api/v1/internal/views/batch", json={"views": views}, headers=SERVICE)
    assert response.status_code == 200, response.text


def test_the_web_chat_limits_messages_a_minute_with_a_kind_429(
    api_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    client_class: Callable[..., Any],
) -> None:
    monkeypatch.setenv("CHAT_RATE_LIMIT_PER_MINUTE", "2")
    with client_class(create_app()) as chat:
        answers = [
            chat.post("/chat/messages", json={"sender": "page-1", "message": "hi"})
            for _ in range(3)
        ]
        other = chat.post("/chat/messages", json={"sender": "page-2", "message": "hi"})

    # Rasa is not running in unit tests (503), but the first two got past the limit.
    assert [a.status_code for a in answers] == [503, 503, 429]
    refused = answers[2].json()["error"]
    assert refused["code"] == "too_many_requests" and "wait a minute" in refused["message"]
    assert answers[2].headers["Retry-After"] == "60"
    assert other.status_code == 503


@pytest.mark.parametrize(("origin", "allowed"), [("https://chat.example.org", True),
                                                 ("https://evil.example.com", False)])
def test_cors_answers_only_the_chat_origin(
    api_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    client_class: Callable[..., Any],
    origin: str,
    allowed: bool,
) -> None:
    monkeypatch.setenv("CHAT_ORIGIN", "https://chat.example.org")
    with client_class(create_app()) as api:
        preflight = api.options(
            "/chat/messages",
            headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        )
    assert (preflight.headers.get("access-control-allow-origin") == origin) is allowed


def test_without_a_chat_origin_no_other_site_may_call_the_api(client: TestClient) -> None:
    preflight = client.options(
        "/chat/messages",
        headers={"Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers
