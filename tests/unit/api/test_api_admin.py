"""Admins make forums and keys, revoke keys, and change their forum's k."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.both_databases

Call = Callable[..., httpx.Response]


def test_an_admin_makes_a_forum_and_gets_its_first_admin_key_once(
    call: Call, make_key: Callable[..., str]
) -> None:
    response = call(
        "POST",
        "/api/v1/forums",
        make_key(role="admin"),
        json={"slug": "north-yorkshire", "name": "North Yorkshire PCF", "k": 6},
    )

    assert response.status_code == 201
    body = response.json()
    assert body["forum"]["slug"] == "north-yorkshire"
    assert body["forum"]["k"] == 6
    new_key = body["admin_key"]["key"]
    assert new_key.startswith("sv_")
    forum = call("GET", "/api/v1/forum", new_key).json()
    assert forum["slug"] == "north-yorkshire"
    listed = call("GET", "/api/v1/keys", new_key).json()
    assert "key" not in listed[0]


def test_a_forum_name_already_taken_gets_409(call: Call, make_key: Callable[..., str]) -> None:
    response = call(
        "POST", "/api/v1/forums", make_key(role="admin"), json={"slug": "local", "name": "Again"}
    )

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"


@pytest.mark.parametrize("k", [1, 2])
def test_a_forum_cannot_be_made_with_a_k_that_would_show_single_parents(
    call: Call, make_key: Callable[..., str], k: int
) -> None:
    response = call(
        "POST", "/api/v1/forums", make_key(role="admin"), json={"slug": "tiny", "name": "T", "k": k}
    )

    assert response.status_code == 422


def test_an_admin_makes_a_labelled_key_that_works_with_its_role(
    call: Call, make_key: Callable[..., str]
) -> None:
    admin = make_key(role="admin")

    response = call("POST", "/api/v1/keys", admin, json={"role": "reader", "label": "Chair (Jo)"})

    assert response.status_code == 201
    created = response.json()
    assert created["role"] == "reader" and created["label"] == "Chair (Jo)"
    assert created["prefix"] == created["key"][:8]
    assert call("GET", "/api/v1/themes/summary", created["key"]).status_code == 200
    assert call("GET", "/api/v1/views", created["key"]).status_code == 403


def test_a_revoked_key_stops_working_at_once(call: Call, make_key: Callable[..., str]) -> None:
    admin = make_key(role="admin")
    reader = call("POST", "/api/v1/keys", admin, json={"role": "reader"}).json()

    revoked = call("POST", f"/api/v1/keys/{reader['id']}/revoke", admin)

    assert revoked.status_code == 200
    assert revoked.json()["revoked_at"] is not None
    assert call("GET", "/api/v1/themes/summary", reader["key"]).status_code == 401


def test_the_last_admin_key_cannot_be_revoked(call: Call, make_key: Callable[..., str]) -> None:
    admin = make_key(role="admin")
    (own,) = call("GET", "/api/v1/keys", admin).json()

    response = call("POST", f"/api/v1/keys/{own['id']}/revoke", admin)

    assert response.status_code == 409
    assert "last admin key" in response.json()["error"]["message"]


def test_an_admin_may_raise_k_but_not_below_three(call: Call, make_key: Callable[..., str]) -> None:
    admin = make_key(role="admin")

    raised = call("PATCH", "/api/v1/forum", admin, json={"k": 10})
    too_low = call("PATCH", "/api/v1/forum", admin, json={"k": 2})

    assert raised.status_code == 200 and raised.json()["k"] == 10
    assert too_low.status_code == 422
    assert call("GET", "/api/v1/forum", admin).json()["k"] == 10


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"role": "owner"}, id="unknown role"),
        pytest.param({"role": "reader", "label": ""}, id="empty label"),
        pytest.param({}, id="no role"),
    ],
)
def test_a_key_request_that_does_not_fit_gets_422(
    call: Call, make_key: Callable[..., str], body: dict[str, Any]
) -> None:
    assert call("POST", "/api/v1/keys", make_key(role="admin"), json=body).status_code == 422
