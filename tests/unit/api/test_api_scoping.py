"""Scoping: each role sees only what it may, and one forum never sees another's data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.both_databases

AddView = Callable[..., int]
Call = Callable[..., httpx.Response]
FEB = datetime(2025, 2, 10, tzinfo=timezone.utc)
PERIOD = {"from": "2025-01", "to": "2025-03"}
CHANGE = {
    "theme": "transport",
    "you_said": "The taxi is late.",
    "we_did": "New contract.",
    "views_from": "2025-01-01",
    "views_to": "2025-03-31",
}


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param("GET", "/api/v1/views", None, id="individual views"),
        pytest.param("PUT", "/api/v1/views/1/quote", {"status": "approved"}, id="quote approval"),
        pytest.param("POST", "/api/v1/actions", CHANGE, id="recording a change"),
        pytest.param("GET", "/api/v1/keys", None, id="listing keys"),
        pytest.param("POST", "/api/v1/keys", {"role": "admin"}, id="making a key"),
        pytest.param("POST", "/api/v1/keys/1/revoke", None, id="revoking a key"),
        pytest.param("GET", "/api/v1/audit", None, id="the audit log"),
        pytest.param("POST", "/api/v1/forums", {"slug": "x", "name": "X"}, id="making a forum"),
        pytest.param("PATCH", "/api/v1/forum", {"k": 10}, id="changing the forum"),
    ],
)
def test_a_reader_key_is_refused_what_only_moderators_or_admins_may_do(
    call: Call, make_key: Callable[..., str], add_view: AddView, method: str, path: str, body: Any
) -> None:
    add_view()

    response = call(method, path, make_key(role="reader"), json=body)

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        pytest.param("POST", "/api/v1/actions", CHANGE, id="recording a change"),
        pytest.param("GET", "/api/v1/keys", None, id="listing keys"),
        pytest.param("GET", "/api/v1/audit", None, id="the audit log"),
    ],
)
def test_a_moderator_key_is_refused_what_only_admins_may_do(
    call: Call, make_key: Callable[..., str], method: str, path: str, body: Any
) -> None:
    assert call(method, path, make_key(role="moderator"), json=body).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/themes/summary",
        "/api/v1/themes/summary.csv",
        "/api/v1/themes/trend",
        "/api/v1/reports/summary",
        "/api/v1/actions",
        "/api/v1/forum",
    ],
)
def test_a_reader_key_may_read_summaries_trends_reports_and_changes(
    call: Call, make_key: Callable[..., str], path: str
) -> None:
    assert call("GET", path, make_key(role="reader"), params=PERIOD).status_code == 200


def test_without_a_key_summaries_are_refused(client: Any) -> None:
    response = client.get("/api/v1/themes/summary")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_a_key_in_the_address_is_not_accepted(
    call: Call, make_key: Callable[..., str], client: Any
) -> None:
    key = make_key(role="reader")

    response = client.get("/api/v1/themes/summary", params={"key": key, **PERIOD})

    assert response.status_code == 401


def test_one_forums_summary_never_counts_another_forums_views(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    for who in range(1, 9):
        add_view(forum="north", who=who, themes=["transport"], when=FEB, quote="approved")
    for who in range(1, 7):
        add_view(forum="south", who=who, themes=["ehcp_process"], when=FEB)

    north = call(
        "GET", "/api/v1/themes/summary", make_key(forum="north", role="reader"), params=PERIOD
    ).json()
    south = call(
        "GET", "/api/v1/themes/summary", make_key(forum="south", role="reader"), params=PERIOD
    ).json()

    def views(body: dict[str, Any], code: str) -> Any:
        return next(t["views"] for t in body["themes"] if t["code"] == code)

    assert (views(north, "transport"), views(north, "ehcp_process")) == (8, 0)
    assert (views(south, "transport"), views(south, "ehcp_process")) == (0, 6)
    assert south["provenance"]["quote_ids"] == []
    assert north["provenance"]["forum"] == "north"


def test_a_moderator_cannot_approve_another_forums_view(
    add_view: AddView, call: Call, make_key: Callable[..., str]
) -> None:
    theirs = add_view(forum="south")

    response = call(
        "PUT", f"/api/v1/views/{theirs}/quote", make_key(forum="north"), json={"status": "approved"}
    )

    assert response.status_code == 404
    south_views = call("GET", "/api/v1/views", make_key(forum="south")).json()
    assert south_views[0]["quote_status"] == "pending"


def test_an_admin_cannot_see_or_revoke_another_forums_keys(
    call: Call, make_key: Callable[..., str]
) -> None:
    south_admin = make_key(forum="south", role="admin")
    north_admin = make_key(forum="north", role="admin")
    south_keys = call("GET", "/api/v1/keys", south_admin).json()

    listed = call("GET", "/api/v1/keys", north_admin).json()
    revoke = call("POST", f"/api/v1/keys/{south_keys[0]['id']}/revoke", north_admin)

    assert {key["forum_id"] for key in listed} == {listed[0]["forum_id"]}
    assert south_keys[0]["id"] not in {key["id"] for key in listed}
    assert revoke.status_code == 404
    assert call("GET", "/api/v1/keys", south_admin).status_code == 200


def test_an_admin_sees_only_their_own_forums_audit_log_and_changes(
    call: Call, make_key: Callable[..., str]
) -> None:
    south_admin = make_key(forum="south", role="admin")
    call("POST", "/api/v1/actions", south_admin, json=CHANGE)
    call("GET", "/api/v1/themes/summary", south_admin, params=PERIOD)
    north_admin = make_key(forum="north", role="admin")

    audit = call("GET", "/api/v1/audit", north_admin).json()
    changes = call("GET", "/api/v1/actions", north_admin).json()

    assert audit == []  # south's requests are in south's log only
    assert changes == []
    again = call("GET", "/api/v1/audit", north_admin).json()
    assert [event["route"] for event in again] == ["/api/v1/actions", "/api/v1/audit"]


def test_a_report_link_opens_only_the_forum_and_period_it_was_made_for(
    add_view: AddView, call: Call, make_key: Callable[..., str], client: Any
) -> None:
    for who in range(1, 7):
        add_view(
            forum="south",
            who=who,
            themes=["transport"],
            when=FEB,
            text=f"South view {who}",
            quote="approved",
        )
    link = call(
        "POST", "/api/v1/reports/links", make_key(forum="north", role="reader"), json=PERIOD
    ).json()

    page = client.get(link["url"])

    assert page.status_code == 200
    assert "South view" not in page.text
    assert "North" in page.text
