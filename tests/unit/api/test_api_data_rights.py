"""Data rights in the API: what is held under a pseudonym, and erasing it from every table."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import httpx
from sqlmodel import Session, func, select

from api.models import (
    ContributorMonth,
    ListenedScore,
    OutboxMessage,
    QuickViewAnswer,
    SafeguardingEvent,
    View,
    ViewStat,
)
from api.services.stats import contributor_key

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

SERVICE = {"Authorization": "Bearer test-service-token-0123456789"}
PERSON = "ab12" * 16
SOMEONE_ELSE = "cd34" * 16


def seed(
    client: TestClient, post_view: Callable[..., httpx.Response], make_key: Callable[..., str]
) -> None:
    """Give PERSON (and SOMEONE_ELSE) something in every table that holds a pseudonym."""
    for number, who in enumerate([PERSON, PERSON, SOMEONE_ELSE]):
        response = post_view(
            client_ref=f"dr-{number}", contributor=who, themes=["transport"], hear_back=True
        )
        assert response.status_code == 201, response.text
    admin = {"Authorization": f"Bearer {make_key(role='admin')}"}
    quick = client.post(
        "/api/v1/quick-views",
        json={"question": "Is the bus on time?", "options": ["Yes", "No"]},
        headers=admin,
    )
    assert quick.status_code == 201, quick.text
    for who in (PERSON, SOMEONE_ELSE):
        answered = client.post(
            f"/api/v1/internal/quick-views/{quick.json()['id']}/answers",
            json={"option": 2, "channel": "sms", "contributor": who},
            headers=SERVICE,
        )
        assert answered.status_code in (200, 201), answered.text
    scored = client.post(
        "/api/v1/internal/listened-scores",
        json={"client_ref": "ls-1", "score": 2, "channel": "sms", "contributor": PERSON},
        headers=SERVICE,
    )
    assert scored.status_code == 201, scored.text
    today = date.today()
    change = client.post(
        "/api/v1/actions",
        json={
            "theme": "transport",
            "you_said": "The bus is late.",
            "we_did": "We changed the bus company.",
            "views_from": str(today - timedelta(days=7)),
            "views_to": str(today),
        },
        headers=admin,
    )
    assert change.status_code == 201, change.text
    event = client.post(
        "/api/v1/internal/safeguarding-events",
        json={
            "client_ref": "sg-dr",
            "category": "suicide",
            "channel": "sms",
            "language": "en",
            "occurred_at": "2025-03-14T21:40:00Z",
            "person": PERSON,
        },
        headers=SERVICE,
    )
    assert event.status_code == 201, event.text


def count(session: Session, model: Any, *conditions: Any) -> int:
    session.expire_all()
    return session.exec(select(func.count()).select_from(model).where(*conditions)).one()


def test_the_summary_counts_what_is_held_under_a_pseudonym(
    client: TestClient,
    post_view: Callable[..., httpx.Response],
    make_key: Callable[..., str],
) -> None:
    seed(client, post_view, make_key)

    held = client.get(f"/api/v1/internal/contributors/{PERSON}", headers=SERVICE)

    assert held.status_code == 200
    assert held.json() == {
        "views": 2,
        "hear_back": 2,
        "quick_view_answers": 1,
        "listened_scores": 1,
        "pending_messages": 1,
        "safeguarding_events": 1,
    }


def test_erasing_leaves_nothing_linked_to_the_person_in_any_table(
    client: TestClient,
    post_view: Callable[..., httpx.Response],
    make_key: Callable[..., str],
    session: Session,
) -> None:
    seed(client, post_view, make_key)
    key = contributor_key(PERSON)
    stats_before = count(session, ViewStat)
    assert count(session, ContributorMonth, ContributorMonth.contributor_key == key) > 0

    erased = client.delete(f"/api/v1/internal/contributors/{PERSON}", headers=SERVICE)

    assert erased.status_code == 200
    assert erased.json()["views_deleted"] == 2
    assert count(session, View, View.contributor == PERSON) == 0
    assert count(session, OutboxMessage, OutboxMessage.contributor == PERSON) == 0
    assert count(session, ContributorMonth, ContributorMonth.contributor_key == key) == 0
    assert count(session, QuickViewAnswer, QuickViewAnswer.contributor == PERSON) == 0
    assert count(session, ListenedScore, ListenedScore.contributor == PERSON) == 0
    assert count(session, SafeguardingEvent, SafeguardingEvent.person == PERSON) == 0
    # Counts stay: the answer, the score and the event are still counted, unlinked.
    assert count(session, QuickViewAnswer) == 2
    assert count(session, ListenedScore) == 1
    assert count(session, SafeguardingEvent) == 1
    assert count(session, ViewStat) == stats_before
    # Someone else's data is untouched.
    assert count(session, View, View.contributor == SOMEONE_ELSE) == 1
    again = client.get(f"/api/v1/internal/contributors/{PERSON}", headers=SERVICE).json()
    assert set(again.values()) == {0}


def test_erasing_twice_is_harmless_and_a_bad_pseudonym_or_token_is_refused(
    client: TestClient,
) -> None:
    url = f"/api/v1/internal/contributors/{PERSON}"
    assert client.delete(url, headers=SERVICE).status_code == 200
    assert client.delete(url, headers=SERVICE).status_code == 200
    bad = client.delete("/api/v1/internal/contributors/not-hex!", headers=SERVICE)
    assert bad.status_code == 422
    assert client.delete(url).status_code == 401
    assert client.get(url).status_code == 401
