"""The bot's action server stores views: POST /api/v1/internal/views (and /views/batch).

Every test runs on SQLite and on PostgreSQL: the batch path is set-based SQL that differs
between the two (ON CONFLICT DO NOTHING RETURNING; unnest on PostgreSQL)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from sqlmodel import Session, func, select

from api.models import Forum, View, ViewCreate, utc_now
from api.services import views as view_service
from api.services.forums import ensure_forum

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.both_databases

PostView = Callable[..., httpx.Response]
SERVICE_HEADERS = {"Authorization": "Bearer test-service-token-0123456789"}


def count_views(session: Session) -> int:
    return session.exec(select(func.count()).select_from(View)).one()


def test_a_new_view_is_stored_and_answers_201(post_view: PostView, session: Session) -> None:
    response = post_view(client_ref="first-view")

    assert response.status_code == 201
    body = response.json()
    assert body["created"] is True
    stored = session.get(View, body["id"])
    assert stored is not None
    assert stored.client_ref == "first-view"
    assert stored.created_at.tzinfo is not None


def test_the_same_client_ref_twice_stores_one_view(post_view: PostView, session: Session) -> None:
    first = post_view(client_ref="same-ref")
    second = post_view(client_ref="same-ref", text="A retry with other words.")

    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json() == {"id": first.json()["id"], "created": False}
    assert count_views(session) == 1
    stored = session.get(View, first.json()["id"])
    assert stored is not None
    assert stored.text.startswith("The annual review")


def test_views_go_to_the_default_forum(post_view: PostView, session: Session) -> None:
    view_id = post_view().json()["id"]

    view = session.get(View, view_id)
    assert view is not None
    forum = session.get(Forum, view.forum_id)
    assert forum is not None
    assert forum.slug == "local"


def test_text_is_stored_without_surrounding_spaces_and_repeated_themes_once(
    post_view: PostView, session: Session
) -> None:
    response = post_view(
        text="  Nobody answers my emails.  \n",
        themes=["communication", "communication", "attitudes_trust"],
        text_en="   ",
        contributor="ABCDEF" * 8,
    )

    assert response.status_code == 201
    view = session.get(View, response.json()["id"])
    assert view is not None
    assert view.text == "Nobody answers my emails."
    assert view.themes == ["communication", "attitudes_trust"]
    assert view.text_en is None
    assert view.contributor == "abcdef" * 8


def test_the_optional_fields_may_be_left_out(
    client: TestClient, view_payload: Callable[..., dict[str, Any]]
) -> None:
    body = view_payload()
    for optional in ("themes", "sentiment", "text_en", "hear_back"):
        body.pop(optional)

    response = client.post(
        "/api/v1/internal/views",
        json=body,
        headers=SERVICE_HEADERS,
    )

    assert response.status_code == 201


def test_a_view_of_exactly_5000_characters_is_accepted(post_view: PostView) -> None:
    assert post_view(text="a" * 5000).status_code == 201


def test_ingestion_without_a_token_is_refused_with_401(
    post_view: PostView, session: Session
) -> None:
    response = post_view(token=None)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthorized"
    assert count_views(session) == 0


def test_ingestion_with_a_wrong_token_is_refused_with_401(
    post_view: PostView, session: Session
) -> None:
    response = post_view(token="local-service-token")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert count_views(session) == 0


def test_a_forum_key_is_not_a_service_token(
    post_view: PostView, make_key: Callable[..., str]
) -> None:
    assert post_view(token=make_key(role="admin")).status_code == 401


@pytest.mark.parametrize(
    ("fields", "location"),
    [
        pytest.param({"themes": ["not_a_theme"]}, ["body", "themes"], id="unknown theme"),
        pytest.param(
            {"themes": ["transport", "short_breaks", "social_care", "other"]},
            ["body", "themes"],
            id="more than 3 themes",
        ),
        pytest.param({"text": "a" * 5001}, ["body", "text"], id="text too long"),
        pytest.param({"text": ""}, ["body", "text"], id="empty text"),
        pytest.param({"text": "   \n\t "}, ["body", "text"], id="only spaces"),
        pytest.param({"channel": "carrier-pigeon"}, ["body", "channel"], id="unknown channel"),
        pytest.param({"language": "English"}, ["body", "language"], id="language not a code"),
        pytest.param({"language": "EN"}, ["body", "language"], id="language in capitals"),
        pytest.param({"sentiment": 1.5}, ["body", "sentiment"], id="sentiment above 1"),
        pytest.param({"sentiment": -2}, ["body", "sentiment"], id="sentiment below -1"),
        pytest.param({"client_ref": ""}, ["body", "client_ref"], id="empty client_ref"),
        pytest.param({"contributor": "07700 900123"}, ["body", "contributor"], id="not a hash"),
        pytest.param({"text_en": "b" * 5001}, ["body", "text_en"], id="gloss too long"),
        pytest.param({"age_band": "4-7"}, ["body", "age_band"], id="unknown age band"),
        pytest.param(
            {"anonymiser_version": "v 1"}, ["body", "anonymiser_version"], id="version with a space"
        ),
        pytest.param(
            {"theme_model_version": "x" * 65},
            ["body", "theme_model_version"],
            id="version too long",
        ),
        pytest.param(
            {"recipient_ref": "has spaces in it"},
            ["body", "recipient_ref"],
            id="routing data with spaces",
        ),
        pytest.param(
            {"recipient_ref": "a" * 2049}, ["body", "recipient_ref"], id="routing data too long"
        ),
    ],
)
def test_a_view_that_does_not_fit_is_refused_with_422(
    post_view: PostView, session: Session, fields: dict[str, Any], location: list[str]
) -> None:
    response = post_view(**fields)

    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "validation_error"
    assert error["message"]
    assert [detail["location"][:2] for detail in error["details"]] == [location]
    assert count_views(session) == 0


def test_a_missing_field_is_named_in_the_422(
    client: TestClient, view_payload: Callable[..., dict[str, Any]]
) -> None:
    body = view_payload()
    del body["contributor"]

    response = client.post(
        "/api/v1/internal/views",
        json=body,
        headers=SERVICE_HEADERS,
    )

    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert details[0]["location"] == ["body", "contributor"]
    assert details[0]["type"] == "missing"


def test_an_unknown_theme_is_explained_in_plain_words(post_view: PostView) -> None:
    response = post_view(themes=["transport", "weather"])

    detail = response.json()["error"]["details"][0]
    assert detail["type"] == "unknown_theme"
    assert "weather" in detail["message"]
    assert "themes.yml" in detail["message"]


def test_the_logs_never_hold_a_views_text(
    post_view: PostView, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    post_view(text="Our SENCo Mrs Example said no.")
    post_view(text="Our SENCo Mrs Example said no." * 300)  # refused: too long

    assert "Mrs Example" not in caplog.text


def test_the_age_band_versions_and_routing_data_are_stored(
    post_view: PostView, session: Session
) -> None:
    response = post_view(
        age_band="11-15",
        anonymiser_version="anon-1.2.0",
        theme_model_version="themes-2025.11",
        recipient_ref="gAAAAABn-encrypted_routing==",
    )

    view = session.get(View, response.json()["id"])
    assert view is not None
    assert view.age_band is not None and view.age_band.value == "11-15"
    assert view.anonymiser_version == "anon-1.2.0"
    assert view.theme_model_version == "themes-2025.11"
    assert view.recipient_ref == "gAAAAABn-encrypted_routing=="


def test_a_body_without_the_new_fields_still_works_as_the_bot_sends_it(
    client: TestClient, view_payload: Callable[..., dict[str, Any]], session: Session
) -> None:
    response = client.post(
        "/api/v1/internal/views", json=view_payload(hear_back=True), headers=SERVICE_HEADERS
    )

    assert response.status_code == 201
    view = session.get(View, response.json()["id"])
    assert view is not None
    assert (view.age_band, view.recipient_ref, view.hear_back) == (None, None, True)


def batch(client: TestClient, views: list[dict[str, Any]]) -> Any:
    return client.post(
        "/api/v1/internal/views/batch", json={"views": views}, headers=SERVICE_HEADERS
    )


def test_a_batch_stores_each_view_once_and_says_which_were_new(
    client: TestClient,
    view_payload: Callable[..., dict[str, Any]],
    post_view: PostView,
    session: Session,
) -> None:
    earlier = post_view(client_ref="sent-before").json()["id"]

    response = batch(
        client,
        [
            view_payload(client_ref="b-1"),
            view_payload(client_ref="sent-before"),
            view_payload(client_ref="b-2"),
            view_payload(client_ref="b-1", text="The same reference again."),
        ],
    )

    assert response.status_code == 200
    results = response.json()["results"]
    assert [result["created"] for result in results] == [True, False, True, False]
    assert results[1]["id"] == earlier
    assert results[3]["id"] == results[0]["id"]
    assert count_views(session) == 3


def test_a_batch_sent_again_stores_nothing_and_answers_the_same_ids(
    client: TestClient,
    view_payload: Callable[..., dict[str, Any]],
    make_key: Callable[..., str],
    session: Session,
) -> None:
    views = [
        view_payload(client_ref=f"again-{n}", contributor=f"{n:064x}", themes=["transport"])
        for n in range(1, 7)
    ]
    first = batch(client, views).json()["results"]

    new = view_payload(client_ref="again-new", contributor=f"{7:064x}", themes=["transport"])
    again = batch(client, [new, *reversed(views)])

    assert again.status_code == 200
    results = again.json()["results"]
    assert results[0]["created"] is True
    assert [(r["id"], r["created"]) for r in results[1:]] == [
        (r["id"], False) for r in reversed(first)
    ]
    assert count_views(session) == 7
    summary = client.get(
        "/api/v1/themes/summary", headers={"Authorization": f"Bearer {make_key(role='reader')}"}
    ).json()
    (transport,) = [t for t in summary["themes"] if t["code"] == "transport"]
    assert (transport["views"], transport["contributors"]) == (7, 7)  # each counted once


def test_a_view_stored_by_another_request_meanwhile_is_not_stored_or_counted_twice(
    client: TestClient,
    view_payload: Callable[..., dict[str, Any]],
    make_key: Callable[..., str],
    session: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    raced = [
        ViewCreate.model_validate(
            view_payload(client_ref=f"race-{n}", contributor=f"{n:064x}", themes=["transport"])
        )
        for n in range(1, 7)
    ]
    forum, _ = ensure_forum(session=session, slug="local")
    assert forum.id is not None
    earlier = view_service.store_views(session=session, forum_id=forum.id, items=raced[:3])
    # The look-up misses them, as if the other request committed just after it.
    real_lookup = view_service._stored_ids
    misses = iter([True])
    monkeypatch.setattr(
        view_service,
        "_stored_ids",
        lambda s, refs: {} if next(misses, False) else real_lookup(s, refs),
    )

    results = view_service.store_views(session=session, forum_id=forum.id, items=raced)

    assert results[:3] == [(view_id, False) for view_id, _ in earlier]
    assert [created for _, created in results[3:]] == [True, True, True]
    assert count_views(session) == 6
    summary = client.get(
        "/api/v1/themes/summary", headers={"Authorization": f"Bearer {make_key(role='reader')}"}
    ).json()
    (transport,) = [t for t in summary["themes"] if t["code"] == "transport"]
    assert (transport["views"], transport["contributors"]) == (6, 6)


def test_a_batch_with_one_bad_view_stores_nothing(
    client: TestClient, view_payload: Callable[..., dict[str, Any]], session: Session
) -> None:
    response = batch(client, [view_payload(), view_payload(language="English")])

    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["location"][:4] == [
        "body",
        "views",
        1,
        "language",
    ]
    assert count_views(session) == 0


def test_every_bad_view_of_a_mixed_batch_is_named_and_nothing_is_stored(
    client: TestClient, view_payload: Callable[..., dict[str, Any]], session: Session
) -> None:
    views = [
        view_payload(client_ref="mixed-1"),
        view_payload(client_ref="mixed-2", themes=["no_such_theme"]),
        view_payload(client_ref="mixed-3"),
        view_payload(client_ref="mixed 4"),
    ]

    response = batch(client, views)

    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert {tuple(d["location"][:4]) for d in details} == {
        ("body", "views", 1, "themes"),
        ("body", "views", 3, "client_ref"),
    }
    assert all(d["message"] for d in details)
    assert count_views(session) == 0
    views[1]["themes"], views[3]["client_ref"] = ["transport"], "mixed-4"
    assert [r["created"] for r in batch(client, views).json()["results"]] == [True] * 4


def test_parents_who_asked_to_hear_back_in_a_batch_are_queued_once(
    client: TestClient,
    view_payload: Callable[..., dict[str, Any]],
    make_key: Callable[..., str],
) -> None:
    views = [
        view_payload(
            client_ref=f"hear-{n}",
            contributor=f"{n:064x}",
            themes=["transport"],
            channel="sms",
            hear_back=n <= 2,
            recipient_ref=f"enc-{n}",
        )
        for n in range(1, 4)
    ]
    batch(client, views)
    batch(client, views)  # a retry of the whole batch
    today = utc_now().date().isoformat()

    recorded = client.post(
        "/api/v1/actions",
        headers={"Authorization": f"Bearer {make_key(role='admin')}"},
        json={
            "theme": "transport",
            "you_said": "The transport helpline never answers.",
            "we_did": "We now have a named transport officer.",
            "views_from": today,
            "views_to": today,
        },
    )

    assert recorded.status_code == 201, recorded.text
    queued = client.get("/api/v1/internal/outbox", headers=SERVICE_HEADERS).json()
    assert sorted((item["recipient_ref"], item["channel"]) for item in queued) == [
        ("enc-1", "sms"),
        ("enc-2", "sms"),
    ]


@pytest.mark.parametrize("size", [0, 501])
def test_a_batch_holds_1_to_500_views(
    client: TestClient, view_payload: Callable[..., dict[str, Any]], size: int
) -> None:
    assert batch(client, [view_payload() for _ in range(size)]).status_code == 422


def test_ingested_views_count_in_the_summary_at_once(
    client: TestClient, view_payload: Callable[..., dict[str, Any]], make_key: Callable[..., str]
) -> None:
    views = [view_payload(contributor=f"{n:064x}", themes=["transport"]) for n in range(1, 7)]
    batch(client, views)

    response = client.get(
        "/api/v1/themes/summary", headers={"Authorization": f"Bearer {make_key(role='reader')}"}
    )

    (transport,) = [t for t in response.json()["themes"] if t["code"] == "transport"]
    assert (transport["views"], transport["contributors"]) == (6, 6)


def test_a_listened_to_score_is_stored_once_per_client_ref(client: TestClient) -> None:
    body = {"client_ref": "score-1", "contributor": "ab" * 32, "channel": "sms", "score": 4}

    first = client.post("/api/v1/internal/listened-scores", json=body, headers=SERVICE_HEADERS)
    again = client.post(
        "/api/v1/internal/listened-scores", json={**body, "score": 1}, headers=SERVICE_HEADERS
    )

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json() == {"id": first.json()["id"], "created": False}


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"score": 0}, id="score 0"),
        pytest.param({"score": 6}, id="score 6"),
        pytest.param({"contributor": "Jo Bloggs"}, id="not a pseudonym"),
        pytest.param({"channel": "fax"}, id="unknown channel"),
    ],
)
def test_a_listened_to_score_that_does_not_fit_gets_422(
    client: TestClient, fields: dict[str, Any]
) -> None:
    body = {
        "client_ref": "score-2",
        "contributor": "ab" * 32,
        "channel": "sms",
        "score": 4,
        **fields,
    }

    response = client.post("/api/v1/internal/listened-scores", json=body, headers=SERVICE_HEADERS)

    assert response.status_code == 422


def test_listened_to_scores_need_the_service_token(
    client: TestClient, make_key: Callable[..., str]
) -> None:
    body = {"client_ref": "score-3", "contributor": "ab" * 32, "channel": "sms", "score": 4}

    response = client.post(
        "/api/v1/internal/listened-scores",
        json=body,
        headers={"Authorization": f"Bearer {make_key(role='admin')}"},
    )

    assert response.status_code == 401
