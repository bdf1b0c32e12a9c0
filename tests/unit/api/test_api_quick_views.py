"""Quick views: admins ask, the bot collects one answer per parent, readers see safe counts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

import httpx
import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.both_databases

Call = Callable[..., httpx.Response]
SERVICE = {"Authorization": "Bearer test-service-token-0123456789"}
QUESTION = {
    "question": "Has your child's annual review happened on time?",
    "options": ["Yes", "No, it was late", "No, not at all"],
}


def ask(call: Call, key: str, **fields: Any) -> dict[str, Any]:
    response = call("POST", "/api/v1/quick-views", key, json={**QUESTION, **fields})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def answer(client: TestClient, quick_view_id: int, who: int, option: int) -> httpx.Response:
    return client.post(
        f"/api/v1/internal/quick-views/{quick_view_id}/answers",
        json={"contributor": f"{who:064x}", "channel": "sms", "option": option},
        headers=SERVICE,
    )


def results(call: Call, key: str, quick_view_id: int) -> dict[str, Any]:
    response = call("GET", f"/api/v1/quick-views/{quick_view_id}/results", key)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_the_bot_sees_open_quick_views_and_each_parent_answers_once(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    quick_view = ask(call, make_key(role="admin"))
    listed = client.get("/api/v1/internal/quick-views", headers=SERVICE).json()

    first = answer(client, quick_view["id"], who=1, option=2)
    changed = answer(client, quick_view["id"], who=1, option=1)

    assert [item["id"] for item in listed] == [quick_view["id"]]
    assert listed[0]["options"] == QUESTION["options"]
    assert first.status_code == 201 and first.json()["created"] is True
    assert changed.status_code == 200 and changed.json()["created"] is False
    assert changed.json()["id"] == first.json()["id"]


def test_results_are_counted_per_option_with_small_counts_suppressed(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    quick_view = ask(call, make_key(role="admin"))
    for who in range(1, 11):
        answer(client, quick_view["id"], who=who, option=1)
    for who in range(11, 17):
        answer(client, quick_view["id"], who=who, option=2)
    for who in range(17, 19):
        answer(client, quick_view["id"], who=who, option=3)

    body = results(call, make_key(role="reader"), quick_view["id"])

    assert body["answers"] == 18
    counts = {option["option"]: option["answers"] for option in body["options"]}
    # "No, not at all" (2 parents) is withheld, and so is the next smallest with it.
    assert counts == {"Yes": 10, "No, it was late": None, "No, not at all": None}


def test_a_changed_answer_counts_only_once(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    quick_view = ask(call, make_key(role="admin"))
    for who in range(1, 6):
        answer(client, quick_view["id"], who=who, option=1)
    for who in range(1, 6):
        answer(client, quick_view["id"], who=who, option=2)

    body = results(call, make_key(role="reader"), quick_view["id"])

    assert body["answers"] == 5
    assert [option["answers"] for option in body["options"]] == [0, 5, 0]


def test_fewer_than_k_answers_show_nothing(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    quick_view = ask(call, make_key(role="admin"))
    for who in range(1, 5):
        answer(client, quick_view["id"], who=who, option=1)

    body = results(call, make_key(role="reader"), quick_view["id"])

    assert body["answers"] is None
    assert body["options"][0]["answers"] is None


def test_a_closed_quick_view_takes_no_more_answers(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    admin = make_key(role="admin")
    quick_view = ask(call, admin)

    closed = call("POST", f"/api/v1/quick-views/{quick_view['id']}/close", admin)
    late = answer(client, quick_view["id"], who=1, option=1)

    assert closed.json()["open"] is False
    assert late.status_code == 409
    assert "closed" in late.json()["error"]["message"]
    assert client.get("/api/v1/internal/quick-views", headers=SERVICE).json() == []


def test_an_answer_must_name_one_of_the_options(
    call: Call, make_key: Callable[..., str], client: TestClient
) -> None:
    quick_view = ask(call, make_key(role="admin"))

    response = answer(client, quick_view["id"], who=1, option=4)

    assert response.status_code == 422
    assert "choose 1 to 3" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"options": ["Only one"]}, id="one option"),
        pytest.param({"options": ["Yes", "yes"]}, id="the same option twice"),
        pytest.param({"options": ["a", "b", "c", "d", "e", "f", "g"]}, id="seven options"),
        pytest.param({"question": ""}, id="no question"),
        pytest.param({"closes_at": "2020-01-01T00:00:00Z"}, id="closing in the past"),
    ],
)
def test_a_quick_view_that_does_not_fit_gets_422(
    call: Call, make_key: Callable[..., str], fields: dict[str, Any]
) -> None:
    response = call(
        "POST", "/api/v1/quick-views", make_key(role="admin"), json={**QUESTION, **fields}
    )

    assert response.status_code == 422


def test_a_quick_view_with_a_closing_time_is_open_until_then(
    call: Call, make_key: Callable[..., str]
) -> None:
    closes = (datetime.now(timezone.utc) + timedelta(days=7)).isoformat()

    quick_view = ask(call, make_key(role="admin"), closes_at=closes)

    assert quick_view["open"] is True
    listed = call("GET", "/api/v1/quick-views", make_key(role="reader")).json()
    assert [item["id"] for item in listed] == [quick_view["id"]]


def test_quick_views_belong_to_one_forum_and_need_an_admin_to_ask(
    call: Call, make_key: Callable[..., str]
) -> None:
    quick_view = ask(call, make_key(role="admin"))

    other = call(
        "GET",
        f"/api/v1/quick-views/{quick_view['id']}/results",
        make_key(forum="south", role="admin"),
    )
    by_reader = call("POST", "/api/v1/quick-views", make_key(role="reader"), json=QUESTION)

    assert other.status_code == 404
    assert by_reader.status_code == 403
