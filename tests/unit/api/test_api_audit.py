"""The audit log records who pulled what: key id, route, time and query, never view text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlalchemy import text
from sqlmodel import Session, select

from api.models import AuditEvent
from api.services.audit import audit_query

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

Call = Callable[..., httpx.Response]
AddView = Callable[..., int]


def events(client: TestClient) -> list[AuditEvent]:
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        return list(session.exec(select(AuditEvent).order_by(AuditEvent.id)).all())


def key_id(call: Call, admin: str) -> int:
    (own,) = [k for k in call("GET", "/api/v1/keys", admin).json() if k["role"] == "admin"]
    return int(own["id"])


@pytest.mark.both_databases
def test_each_pull_is_recorded_with_key_route_time_query_and_status(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    reader = make_key(role="reader")
    started = datetime.now(timezone.utc) - timedelta(seconds=1)

    call("GET", "/api/v1/themes/summary", reader, params={"from": "2025-01", "to": "2025-03"})
    call("GET", "/api/v1/views", reader)  # refused: still recorded

    summary_event, refused_event = events(client)
    assert summary_event.route == "/api/v1/themes/summary"
    assert summary_event.method == "GET"
    assert summary_event.query == {"from": "2025-01", "to": "2025-03"}
    assert summary_event.status_code == 200
    assert summary_event.created_at >= started
    assert refused_event.route == "/api/v1/views"
    assert refused_event.status_code == 403
    assert summary_event.key_id == refused_event.key_id


def test_an_admin_reads_the_log_newest_first_and_can_filter_by_key(
    call: Call, make_key: Callable[..., str]
) -> None:
    admin = make_key(role="admin")
    reader = make_key(role="reader")
    call("GET", "/api/v1/themes/trend", reader, params={"to": "2025-06"})
    admin_id = key_id(call, admin)  # this request is logged too

    everything = call("GET", "/api/v1/audit", admin).json()
    only_admin = call("GET", "/api/v1/audit", admin, params={"key_id": admin_id}).json()

    assert [event["route"] for event in everything] == ["/api/v1/keys", "/api/v1/themes/trend"]
    assert everything[1]["query"] == {"to": "2025-06"}
    assert everything[1]["key_id"] != admin_id
    assert [event["route"] for event in only_admin] == ["/api/v1/audit", "/api/v1/keys"]


def test_the_log_never_holds_view_text(
    call: Call, make_key: Callable[..., str], client: TestClient, post_view: Callable[..., Any]
) -> None:
    post_view(text="Our daughter Poppy at Example Primary was excluded.")
    moderator = make_key(role="moderator")
    (view,) = call("GET", "/api/v1/views", moderator).json()
    call("PUT", f"/api/v1/views/{view['id']}/quote", moderator, json={"status": "approved"})

    with client.app.state.engine.connect() as connection:  # type: ignore[attr-defined]
        dump = " ".join(str(row) for row in connection.execute(text("SELECT * FROM audit_events")))
    assert "Poppy" not in dump and "Example Primary" not in dump
    assert "/api/v1/views/{view_id}/quote" in dump


def test_secrets_put_in_an_address_are_not_stored() -> None:
    query = audit_query(b"from=2025-01&key=sv_abc&token=xyz&theme=a&theme=b&long=" + b"x" * 500)

    assert query["key"] == "[removed]"
    assert query["token"] == "[removed]"
    assert query["theme"] == ["a", "b"]
    assert len(query["long"]) == 200


def test_requests_without_a_forum_key_are_not_logged(
    client: TestClient, post_view: Callable[..., Any]
) -> None:
    post_view()
    client.get("/api/v1/themes/summary")

    assert events(client) == []


def test_if_the_log_cannot_be_written_the_data_is_withheld(
    call: Call,
    make_key: Callable[..., str],
    client: TestClient,
    post_view: Callable[..., Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    post_view(text="A view that must not leave without a trace.")
    moderator = make_key(role="moderator")

    def broken(**_: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("api.middleware.record_event", broken)
    response = call("GET", "/api/v1/views", moderator)

    assert response.status_code == 503
    assert response.json()["error"]["code"] == "audit_unavailable"
    assert "without a trace" not in response.text


def test_opening_a_report_link_is_logged_against_the_key_that_made_it(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    reader = make_key(role="reader")
    link = call("POST", "/api/v1/reports/links", reader, json={"from": "2025-01", "to": "2025-03"})

    client.get(link.json()["url"])

    made, opened = events(client)
    assert opened.route == "/api/v1/reports/shared/{token}"
    assert opened.via_link is True
    assert opened.key_id == made.key_id
    token = link.json()["url"].rsplit("/", 1)[-1]
    assert token not in str(opened.model_dump())
