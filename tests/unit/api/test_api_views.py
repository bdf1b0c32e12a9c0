"""Moderators read their forum's views: GET /api/v1/views."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

import httpx
import pytest
from sqlmodel import Session

from api.models import View

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PostView = Callable[..., httpx.Response]
GetViews = Callable[..., httpx.Response]


def set_created_at(session: Session, view_id: int, when: datetime) -> None:
    view = session.get(View, view_id)
    assert view is not None
    view.created_at = when
    session.add(view)
    session.commit()


def test_a_moderator_sees_views_newest_first(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str], session: Session
) -> None:
    ids = [post_view(text=f"View number {n}").json()["id"] for n in range(3)]
    now = datetime.now(timezone.utc)
    for age_in_days, view_id in zip((3, 1, 2), ids, strict=True):
        set_created_at(session, view_id, now - timedelta(days=age_in_days))

    response = get_views(make_key(role="moderator"))

    assert response.status_code == 200
    body = response.json()
    assert isinstance(body, list)
    assert [view["id"] for view in body] == [ids[1], ids[2], ids[0]]


def test_an_admin_may_read_views_too(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str]
) -> None:
    post_view()

    response = get_views(make_key(role="admin"))

    assert response.status_code == 200
    assert len(response.json()) == 1


def test_a_view_shows_its_anonymised_text_and_never_who_gave_it(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str]
) -> None:
    post_view(
        client_ref="ref-123",
        text="Transport was cancelled twice. [phone]",
        themes=["transport"],
        sentiment=-0.8,
        language="en",
        channel="webchat",
        text_en="Transport was cancelled twice.",
        hear_back=True,
    )

    (view,) = get_views(make_key()).json()

    assert set(view) == {
        "id",
        "text",
        "text_en",
        "themes",
        "sentiment",
        "language",
        "channel",
        "age_band",
        "quote_status",
        "created_at",
    }
    assert view["text"] == "Transport was cancelled twice. [phone]"
    assert view["themes"] == ["transport"]
    assert view["sentiment"] == -0.8
    assert view["channel"] == "webchat"
    assert view["quote_status"] == "pending"
    created_at = datetime.fromisoformat(view["created_at"].replace("Z", "+00:00"))
    assert created_at.utcoffset() == timedelta(0)


def test_views_can_be_filtered_by_theme(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str]
) -> None:
    transport = post_view(themes=["transport", "communication"]).json()["id"]
    post_view(themes=["short_breaks"])
    post_view(themes=[])

    response = get_views(make_key(), theme="transport")

    assert [view["id"] for view in response.json()] == [transport]


def test_a_theme_filter_matches_whole_codes_only(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str]
) -> None:
    post_view(themes=["school_support"])

    assert get_views(make_key(), theme="school_places").json() == []


def test_views_can_be_filtered_by_time(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str], session: Session
) -> None:
    old = post_view().json()["id"]
    new = post_view().json()["id"]
    set_created_at(session, old, datetime(2024, 1, 10, 12, 0, tzinfo=timezone.utc))
    set_created_at(session, new, datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc))

    response = get_views(make_key(), since="2024-02-01T00:00:00Z")

    assert [view["id"] for view in response.json()] == [new]


def test_a_time_in_another_offset_is_compared_in_utc(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str], session: Session
) -> None:
    view_id = post_view().json()["id"]
    set_created_at(session, view_id, datetime(2024, 6, 1, 12, 0, tzinfo=timezone.utc))
    key = make_key()

    # 13:30 in UK summer time is 12:30 UTC, after the view.
    assert get_views(key, since="2024-06-01T13:30:00+01:00").json() == []
    # A time without an offset is taken as UTC.
    assert len(get_views(key, since="2024-06-01T11:59:00").json()) == 1


def test_limit_caps_the_number_of_views(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str]
) -> None:
    ids = [post_view().json()["id"] for _ in range(4)]

    response = get_views(make_key(), limit=2)

    assert [view["id"] for view in response.json()] == [ids[3], ids[2]]


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"limit": 0}, id="limit 0"),
        pytest.param({"limit": 501}, id="limit 501"),
        pytest.param({"since": "last tuesday"}, id="since not a time"),
        pytest.param({"theme": "weather"}, id="unknown theme"),
    ],
)
def test_a_filter_that_does_not_fit_is_refused_with_422(
    get_views: GetViews, make_key: Callable[..., str], params: dict[str, object]
) -> None:
    response = get_views(make_key(), **params)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_views_can_be_filtered_by_quote_decision(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str], client: TestClient
) -> None:
    key = make_key()
    approved = post_view().json()["id"]
    post_view()
    client.put(
        f"/api/v1/views/{approved}/quote",
        json={"status": "approved"},
        headers={"Authorization": f"Bearer {key}"},
    )

    response = get_views(key, quote_status="approved")

    assert [view["id"] for view in response.json()] == [approved]
    assert response.json()[0]["quote_status"] == "approved"
