"""Safeguarding events: recorded by the bot without any message text, read by admin keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect
from sqlmodel import Session, select

from api.models import SafeguardingEvent

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SERVICE_HEADERS = {"Authorization": "Bearer test-service-token-0123456789"}
PERSON = "ab12" * 16


def event(**fields: Any) -> dict[str, Any]:
    body = {
        "client_ref": "sg-1",
        "category": "suicide",
        "channel": "sms",
        "language": "pl",
        "occurred_at": "2025-03-14T21:40:00Z",
        "person": PERSON,
    }
    body.update(fields)
    return body


def test_the_bot_records_an_event_once_per_client_ref(
    client: TestClient, session: Session
) -> None:
    first = client.post(
        "/api/v1/internal/safeguarding-events", json=event(), headers=SERVICE_HEADERS
    )
    again = client.post(
        "/api/v1/internal/safeguarding-events", json=event(), headers=SERVICE_HEADERS
    )

    assert first.status_code == 201 and first.json()["created"] is True
    assert again.status_code == 200 and again.json() == {"id": first.json()["id"], "created": False}
    stored = session.exec(select(SafeguardingEvent)).all()
    assert [(e.category.value, e.channel.value, e.language, e.person) for e in stored] == [
        ("suicide", "sms", "pl", PERSON)
    ]


def test_there_is_nowhere_to_store_message_text(client: TestClient) -> None:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    columns = {c["name"] for c in inspect(engine).get_columns("safeguarding_events")}
    assert not {"text", "message", "text_en", "body"} & columns

    response = client.post(
        "/api/v1/internal/safeguarding-events",
        json=event(client_ref="sg-text", text="I want to die"),
        headers=SERVICE_HEADERS,
    )
    assert response.status_code == 201
    assert "I want to die" not in str(client.get("/openapi.json").json())


def test_an_unknown_category_or_a_missing_token_is_refused(client: TestClient) -> None:
    bad = client.post(
        "/api/v1/internal/safeguarding-events",
        json=event(category="sad"),
        headers=SERVICE_HEADERS,
    )
    assert bad.status_code == 422
    assert client.post("/api/v1/internal/safeguarding-events", json=event()).status_code == 401


def test_admin_keys_read_the_events_newest_first_and_other_roles_cannot(
    client: TestClient, make_key: Callable[..., str]
) -> None:
    for number, when in enumerate(["2025-03-01T10:00:00Z", "2025-03-05T10:00:00Z"]):
        client.post(
            "/api/v1/internal/safeguarding-events",
            json=event(client_ref=f"sg-{number}", occurred_at=when, category="missing_child"),
            headers=SERVICE_HEADERS,
        )
    admin = {"Authorization": f"Bearer {make_key(role='admin')}"}
    moderator = {"Authorization": f"Bearer {make_key(role='moderator')}"}

    listed = client.get("/api/v1/safeguarding-events", headers=admin)
    recent = client.get(
        "/api/v1/safeguarding-events", params={"since": "2025-03-03T00:00:00Z"}, headers=admin
    )

    assert listed.status_code == 200
    assert [e["occurred_at"][:10] for e in listed.json()] == ["2025-03-05", "2025-03-01"]
    assert set(listed.json()[0]) == {
        "id",
        "category",
        "channel",
        "language",
        "occurred_at",
        "person",
        "created_at",
    }
    assert len(recent.json()) == 1
    assert client.get("/api/v1/safeguarding-events", headers=moderator).status_code == 403
    assert client.get("/api/v1/safeguarding-events").status_code == 401
