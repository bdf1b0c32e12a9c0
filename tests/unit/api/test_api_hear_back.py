"""You said, we did: a recorded change queues the parents who asked to hear back."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlmodel import Session, select

from api.models import OutboxMessage, utc_now
from api.services.outbox import lease_messages

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.both_databases

AddView = Callable[..., int]
Call = Callable[..., httpx.Response]
SERVICE = {"Authorization": "Bearer test-service-token-0123456789"}
FEB = datetime(2025, 2, 10, tzinfo=timezone.utc)
CHANGE = {
    "theme": "transport",
    "you_said": "The transport helpline never answers.",
    "we_did": "We now have a named transport officer.",
    "views_from": "2025-01-01",
    "views_to": "2025-03-31",
}


def record(call: Call, key: str, **fields: Any) -> httpx.Response:
    return call("POST", "/api/v1/actions", key, json={**CHANGE, **fields})


def outbox(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/internal/outbox", params=params, headers=SERVICE)
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()
    return items


def test_parents_who_asked_to_hear_back_on_the_theme_in_the_period_are_queued(
    add_view: AddView,
    call: Call,
    make_key: Callable[..., str],
    client: TestClient,
    pseudonym: Callable[[int], str],
) -> None:
    add_view(who=1, themes=["transport"], hear_back=True, channel="sms", when=FEB)
    add_view(
        who=2, themes=["transport", "communication"], hear_back=True, channel="telegram", when=FEB
    )
    add_view(who=3, themes=["transport"], hear_back=False, when=FEB)  # did not ask
    add_view(who=4, themes=["ehcp_process"], hear_back=True, when=FEB)  # another theme
    add_view(
        who=5,
        themes=["transport"],
        hear_back=True,
        when=datetime(2024, 12, 31, 23, 0, tzinfo=timezone.utc),
    )
    add_view(
        who=6,
        themes=["transport"],
        hear_back=True,
        when=datetime(2025, 3, 31, 23, 59, tzinfo=timezone.utc),
    )

    response = record(call, make_key(role="admin"))

    assert response.status_code == 201
    queued = outbox(client)
    assert {(item["contributor"], item["channel"]) for item in queued} == {
        (pseudonym(1), "sms"),
        (pseudonym(2), "telegram"),
        (pseudonym(6), "webchat"),
    }
    assert {item["message"] for item in queued} == {
        "You said: The transport helpline never answers. "
        "We did: We now have a named transport officer."
    }
    assert {item["theme"] for item in queued} == {"transport"}
    assert {item["forum"] for item in queued} == {"local"}
    assert {item["action_id"] for item in queued} == {response.json()["id"]}


def test_a_parent_with_several_views_is_queued_once_with_their_newest_routing_data(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    add_view(who=1, hear_back=True, channel="sms", recipient_ref="enc-old", when=FEB)
    add_view(
        who=1, hear_back=True, channel="sms", recipient_ref="enc-new", when=FEB + timedelta(days=3)
    )
    add_view(who=1, hear_back=True, channel="sms", when=FEB + timedelta(days=5))

    record(call, make_key(role="admin"), message="Thank you: the helpline is fixed.")

    (item,) = outbox(client)
    assert item["recipient_ref"] == "enc-new"
    assert item["message"] == "Thank you: the helpline is fixed."


def test_the_number_told_is_withheld_when_fewer_than_k(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    for who in range(1, 4):
        add_view(who=who, hear_back=True, when=FEB)
    admin = make_key(role="admin")

    few = record(call, admin).json()
    for who in range(4, 9):
        add_view(who=who, hear_back=True, when=FEB)
    many = record(call, admin).json()

    assert few["parents_told"] is None
    assert many["parents_told"] == 8
    listed = call("GET", "/api/v1/actions", make_key(role="reader")).json()
    assert [item["parents_told"] for item in listed] == [8, None]


def test_forum_keys_never_see_the_outbox_or_routing_data(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    add_view(who=1, hear_back=True, recipient_ref="enc-secret", when=FEB)
    admin = make_key(role="admin")
    record(call, admin)

    assert call("GET", "/api/v1/internal/outbox", admin).status_code == 401
    everything = [
        call("GET", "/api/v1/actions", admin).text,
        call("GET", "/api/v1/views", admin).text,
        call("GET", "/api/v1/themes/summary", admin).text,
    ]
    assert not any("enc-secret" in text for text in everything)


def test_a_listed_message_is_held_for_its_reader_then_offered_again(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    for who in (1, 2, 3):
        add_view(who=who, hear_back=True, when=FEB)
    record(call, make_key(role="admin"))

    first = outbox(client, limit=2)
    second = outbox(client, limit=2)
    third = outbox(client, limit=2)

    assert len(first) == 2 and len(second) == 1 and third == []
    assert {item["id"] for item in first}.isdisjoint({item["id"] for item in second})
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        later = utc_now() + timedelta(minutes=6)
        offered_again = lease_messages(session=session, limit=10, now=later)
    assert len(offered_again) == 3


def test_a_delivered_message_is_not_offered_again(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    add_view(who=1, hear_back=True, when=FEB)
    record(call, make_key(role="admin"))
    (item,) = outbox(client)

    delivered = client.post(f"/api/v1/internal/outbox/{item['id']}/delivered", headers=SERVICE)
    again = client.post(f"/api/v1/internal/outbox/{item['id']}/delivered", headers=SERVICE)

    assert delivered.json() == {"id": item["id"], "status": "delivered", "attempts": 0}
    assert again.status_code == 200
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        assert lease_messages(session=session, limit=10, now=utc_now() + timedelta(hours=1)) == []


def test_a_failed_message_is_retried_until_five_tries_then_given_up(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    add_view(who=1, hear_back=True, when=FEB)
    record(call, make_key(role="admin"))
    (item,) = outbox(client)
    failure = {"reason": "unreachable", "retry": True}

    states = [
        client.post(
            f"/api/v1/internal/outbox/{item['id']}/failed", json=failure, headers=SERVICE
        ).json()
        for _ in range(5)
    ]

    assert [state["status"] for state in states] == ["pending"] * 4 + ["failed"]
    assert states[-1]["attempts"] == 5
    with Session(client.app.state.engine) as session:  # type: ignore[attr-defined]
        message = session.exec(select(OutboxMessage)).one()
        assert message.failure_reason == "unreachable"


def test_a_message_given_up_on_at_once_is_failed(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    add_view(who=1, hear_back=True, when=FEB)
    record(call, make_key(role="admin"))
    (item,) = outbox(client)

    state = client.post(
        f"/api/v1/internal/outbox/{item['id']}/failed",
        json={"reason": "opted_out"},
        headers=SERVICE,
    )

    assert state.json()["status"] == "failed"


def test_the_outbox_needs_the_service_token_and_says_so_for_unknown_messages(
    client: TestClient,
) -> None:
    assert client.get("/api/v1/internal/outbox").status_code == 401
    missing = client.post("/api/v1/internal/outbox/999/delivered", headers=SERVICE)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"theme": "weather"}, id="unknown theme"),
        pytest.param({"views_from": "2025-04-01"}, id="period backwards"),
        pytest.param({"you_said": ""}, id="empty you said"),
        pytest.param({"message": "x" * 481}, id="message too long"),
    ],
)
def test_a_change_that_does_not_fit_gets_422_and_queues_nothing(
    call: Call, make_key: Callable[..., str], client: TestClient, fields: dict[str, Any]
) -> None:
    response = record(call, make_key(role="admin"), **fields)

    assert response.status_code == 422
    assert outbox(client) == []


def test_workers_listing_the_outbox_at_the_same_moment_never_get_the_same_message(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    for who in range(1, 31):
        add_view(who=who, hear_back=True, when=FEB)
    record(call, make_key(role="admin"))
    engine = client.app.state.engine  # type: ignore[attr-defined]
    start = threading.Barrier(3)
    handed_out: list[int] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait(timeout=10)
            with Session(engine) as session:
                for _ in range(4):
                    handed_out.extend(
                        m.id or 0 for m, _, _ in lease_messages(session=session, limit=3)
                    )
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert len(handed_out) == 30
    assert len(set(handed_out)) == 30
