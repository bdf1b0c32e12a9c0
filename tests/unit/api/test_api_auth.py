"""Forum keys: Bearer auth, roles reader < moderator < admin, and each forum sees only its own."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

import httpx
import pytest
from sqlmodel import Session, select

from api.models import ApiKey, Channel, Role, ViewCreate
from api.services.forums import ensure_forum
from api.services.keys import generate_key, hash_key
from api.services.views import store_view

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

PostView = Callable[..., httpx.Response]
GetViews = Callable[..., httpx.Response]


def test_reading_views_without_a_key_gets_401_asking_for_a_bearer_token(
    client: TestClient,
) -> None:
    response = client.get("/api/v1/views")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(
    "key",
    [
        pytest.param("sv_" + "x" * 43, id="well formed but unknown"),
        pytest.param("not-a-key", id="not a key at all"),
        pytest.param("test-service-token-0123456789", id="the service token"),
    ],
)
def test_a_key_we_do_not_know_gets_401(get_views: GetViews, key: str) -> None:
    response = get_views(key)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_reader_may_not_read_individual_views(
    get_views: GetViews, make_key: Callable[..., str]
) -> None:
    response = get_views(make_key(role="reader"))

    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "forbidden"
    assert "moderator" in error["message"]


def test_a_revoked_key_gets_401(
    get_views: GetViews, make_key: Callable[..., str], session: Session
) -> None:
    key = make_key()
    api_key = session.exec(select(ApiKey).where(ApiKey.key_hash == hash_key(key))).one()
    api_key.revoked_at = datetime.now(timezone.utc)
    session.add(api_key)
    session.commit()

    assert get_views(key).status_code == 401


def test_a_forum_key_sees_only_its_own_forums_views(
    post_view: PostView, get_views: GetViews, make_key: Callable[..., str], session: Session
) -> None:
    local_view = post_view(text="A view for the local forum.").json()["id"]
    other_forum, _ = ensure_forum(session=session, slug="other-forum")
    assert other_forum.id is not None
    other_view, _ = store_view(
        session=session,
        forum_id=other_forum.id,
        data=ViewCreate(
            client_ref="other-1",
            text="A view for the other forum.",
            language="en",
            channel=Channel.sms,
            contributor="ab" * 32,
        ),
    )

    local_ids = [view["id"] for view in get_views(make_key(forum="local")).json()]
    other_ids = [view["id"] for view in get_views(make_key(forum="other-forum")).json()]

    assert local_ids == [local_view]
    assert other_ids == [other_view.id]


def test_only_a_hash_of_the_key_is_stored(make_key: Callable[..., str], session: Session) -> None:
    key = make_key()

    stored = session.exec(select(ApiKey)).one()
    assert stored.key_hash == hash_key(key)
    assert len(stored.key_hash) == 64
    assert stored.prefix == key[:8]
    assert key not in {stored.key_hash, stored.prefix}


def test_a_key_records_when_it_was_last_used(
    get_views: GetViews, make_key: Callable[..., str], session: Session
) -> None:
    key = make_key()

    get_views(key)

    stored = session.exec(select(ApiKey)).one()
    assert stored.last_used_at is not None


def test_new_keys_are_long_random_and_url_safe() -> None:
    keys = {generate_key() for _ in range(100)}

    assert len(keys) == 100
    for key in keys:
        assert key.startswith("sv_")
        assert len(key) >= 3 + 43
        assert all(c.isalnum() or c in "-_" for c in key[3:])


def test_roles_are_ordered_reader_then_moderator_then_admin() -> None:
    assert Role.admin.includes(Role.moderator)
    assert Role.admin.includes(Role.reader)
    assert Role.moderator.includes(Role.reader)
    assert Role.moderator.includes(Role.moderator)
    assert not Role.reader.includes(Role.moderator)
    assert not Role.moderator.includes(Role.admin)
