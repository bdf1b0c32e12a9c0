"""Quick views, the "listened to" score, hear-back consent, questions inside views and the
view pipeline, tested the rasa-sdk way against a local stand-in of the forums API."""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from bot_factories import bot_event, unused_local_url, user_event
from forums_api_standin import SERVICE_TOKEN, ForumsApi
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.listened import parse_score, should_ask
from bot.actions.menu_actions import ActionMenuChoice
from bot.actions.mixed import topic_asked
from bot.actions.quick_view_actions import (
    NONE_OPEN,
    ActionLoadQuickView,
    ActionOfferQuickView,
    ActionQuickViewLater,
    ActionSubmitQuickViewAnswer,
    ValidateQuickViewForm,
)
from bot.actions.quick_views import SKIP, QuickView, from_api, numbered, parse_answer, pick
from bot.actions.view_actions import ActionSubmitView, ValidateViewForm
from bot.actions.view_pipeline import MAX_TEXT, clip, prepare_view

QUESTION = {
    "id": 5,
    "question": "Has your child's annual review happened on time?",
    "options": ["Yes", "No, it was late", "No, it has not happened"],
    "closes_at": None,
    "open": True,
    "closed_at": None,
    "created_at": "2025-04-01T09:00:00Z",
}
OPTIONS = QUESTION["options"]


@pytest.fixture
async def forums_api(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[ForumsApi]:
    api = ForumsApi(quick_views=[dict(QUESTION)])
    await api.start()
    monkeypatch.setenv("API_URL", api.url)
    monkeypatch.setenv("API_SERVICE_TOKEN", SERVICE_TOKEN)
    monkeypatch.setenv("OUTBOX_DB", str(tmp_path / "outbox.db"))
    monkeypatch.setenv("PSEUDONYM_SECRET", "test-pseudonym-secret")
    try:
        yield api
    finally:
        assert api.server is not None
        await api.server.close()


def pseudonym(channel: str, sender: str) -> str:
    message = f"{channel}:{sender}".encode()
    return hmac.new(b"test-pseudonym-secret", message, hashlib.sha256).hexdigest()


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


# -- answers in words and numbers ---------------------------------------------------------


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        ("2", 2),
        ("two", 2),
        ("option 3", 3),
        ("No, it was late", 2),
        ("it was late", 2),
        ("yes", 1),
        ("Yeah", 1),
        ("has not happened", 3),
        ("skip", SKIP),
        ("not now", SKIP),
        ("7", None),
        ("no", None),  # two options start with "No"
        ("maybe", None),
        ("", None),
    ],
)
def test_an_answer_is_read_by_number_or_by_its_words(reply: str, expected: Any) -> None:
    assert parse_answer(reply, OPTIONS) == expected


def test_the_options_are_numbered_for_sms() -> None:
    assert numbered(["Yes", "No"]) == "1 Yes\n2 No"


def test_the_newest_quick_view_not_answered_or_put_off_is_picked() -> None:
    views = from_api([{"id": 9, "question": "Q9", "options": ["A", "B"]}, QUESTION, {"bad": 1}])
    now = time.time()
    assert [v.id for v in views] == [9, 5]
    assert pick(views, answered=[9], declined={}, now=now) == QuickView(
        5, QUESTION["question"], tuple(OPTIONS)
    )
    assert pick(views, answered=[9], declined={"5": now - 3600}, now=now) is None
    assert pick(views, answered=[9], declined={"5": now - 8 * 86400}, now=now) is not None


# -- the listened-to score ----------------------------------------------------------------


def test_the_listened_question_is_asked_at_most_once_in_thirty_days() -> None:
    now = 1_800_000_000.0
    assert should_ask(None, now)
    assert not should_ask(now - 29 * 86400, now)
    assert should_ask(now - 30 * 86400, now)


@pytest.mark.parametrize(
    ("reply", "score"), [("4", 4), ("five", 5), ("3/5", 3), ("6", None), ("no", None)]
)
def test_a_score_is_a_number_from_one_to_five(reply: str, score: int | None) -> None:
    assert parse_score(reply) == score


def listened_tracker(make_tracker: Callable[..., Any], reply: str, intent: str) -> Any:
    return make_tracker(
        sender_id="p9",
        events=[
            bot_event("How much do you feel listened to?", response="utter_ask_listened"),
            user_event(reply, intent=intent, timestamp=1_700_000_500.0),
        ],
    )


async def test_a_typed_score_after_the_listened_question_reaches_the_api(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = listened_tracker(make_tracker, "4", "choose_number")

    await ActionMenuChoice().run(dispatcher, tracker, domain)

    [body] = forums_api.bodies("/api/v1/internal/listened-scores")
    assert body["score"] == 4 and body["contributor"] == pseudonym("rest", "p9")
    assert responses(dispatcher) == ["utter_listened_thanks", "utter_anything_else"]


async def test_no_after_the_listened_question_skips_it_and_sends_nothing(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()

    await ActionMenuChoice().run(dispatcher, listened_tracker(make_tracker, "no", "deny"), domain)

    assert forums_api.requests == []
    assert responses(dispatcher) == ["utter_listened_skipped", "utter_anything_else"]


# -- consent with hear-back, and the listened question after a view ------------------------

VIEW = "The taxi did not come again and Amira missed her speech therapy, ring 07700 900123"


async def test_consent_option_3_means_yes_and_hear_back(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": "3", "requested_slot": "view_consent"},
        events=[user_event("3", intent="choose_number"), SlotSet("view_consent", "3")],
        active_loop="view_form",
    )

    events = await ValidateViewForm().run(CollectingDispatcher(), tracker, domain)

    assert SlotSet("view_consent", True) in events
    assert SlotSet("view_hear_back", True) in events


async def test_a_view_with_hear_back_is_sent_themed_and_the_wish_is_remembered(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={
            "view_text": VIEW,
            "view_consent": True,
            "view_hear_back": True,
            "listened_asked_at": time.time() - 86400,
        },
        events=[user_event(VIEW, intent="share_view"), user_event("3", intent="choose_number")],
    )
    dispatcher = CollectingDispatcher()

    events = await ActionSubmitView().run(dispatcher, tracker, domain)

    [body] = forums_api.bodies("/api/v1/internal/views")
    assert body["hear_back"] is True
    assert "[child]" in body["text"] and "[phone]" in body["text"] and "Amira" not in body["text"]
    assert {"transport", "health_therapies"} <= set(body["themes"])
    assert SlotSet("hear_back", True) in events
    # asked yesterday: not asked again
    assert responses(dispatcher) == ["utter_view_shared_hear_back", "utter_anything_else"]


async def test_a_question_inside_a_view_is_answered_before_consent_is_asked(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    text = "what even is an EHCP? we asked 40 weeks ago and nobody answers"
    tracker = make_tracker(
        slots={"view_text": text},
        events=[user_event(text, intent="share_view"), SlotSet("view_text", text)],
        active_loop="view_form",
    )
    dispatcher = CollectingDispatcher()

    await ValidateViewForm().run(dispatcher, tracker, domain)

    assert responses(dispatcher) == ["utter_topic_ehcp"]


def test_only_a_question_about_a_topic_is_answered() -> None:
    assert topic_asked("how long should an annual review take, ours took 8 months") == (
        "utter_topic_annual_review"
    )
    assert topic_asked("the EHCP is 40 weeks late and nobody answers") is None
    assert topic_asked("why is nobody answering?") is None


# -- quick views in the conversation ----------------------------------------------------


async def test_after_hello_an_open_quick_view_is_offered(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(events=[user_event("hi", intent="greet")])

    events = await ActionOfferQuickView().run(dispatcher, tracker, domain)

    assert responses(dispatcher) == ["utter_quick_view_offer"]
    assert SlotSet("quick_view_id", 5) in events
    assert SlotSet("quick_view_options", OPTIONS) in events


async def test_a_quick_view_already_answered_is_not_offered_again(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"quick_views_answered": [5]})

    assert await ActionOfferQuickView().run(dispatcher, tracker, domain) == []
    assert responses(dispatcher) == ["utter_menu"]


async def test_with_the_api_down_the_menu_is_shown_instead(
    monkeypatch: pytest.MonkeyPatch, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    monkeypatch.setenv("API_URL", unused_local_url())
    dispatcher = CollectingDispatcher()

    await ActionOfferQuickView().run(dispatcher, make_tracker(), domain)

    assert responses(dispatcher) == ["utter_menu"]


async def test_asking_when_nothing_is_open_fills_the_form_with_none(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    forums_api.closed.add(5)

    events = await ActionLoadQuickView().run(CollectingDispatcher(), make_tracker(), domain)

    assert SlotSet("quick_view_answer", NONE_OPEN) in events


@pytest.mark.parametrize(("reply", "answer"), [("2", 2), ("it was late", 2), ("huh?", None)])
async def test_the_form_reads_the_answer(
    reply: str, answer: int | None, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={
            "quick_view_id": 5,
            "quick_view_options": OPTIONS,
            "quick_view_answer": reply,
            "requested_slot": "quick_view_answer",
        },
        events=[user_event(reply), SlotSet("quick_view_answer", reply)],
        active_loop="quick_view_form",
    )
    dispatcher = CollectingDispatcher()

    events = await ValidateQuickViewForm().run(dispatcher, tracker, domain)

    assert SlotSet("quick_view_answer", answer) in events
    assert responses(dispatcher) == ([] if answer else ["utter_quick_view_unclear"])


def answered_tracker(make_tracker: Callable[..., Any], answer: Any, sender: str = "p7") -> Any:
    return make_tracker(
        sender_id=sender,
        slots={"quick_view_id": 5, "quick_view_options": OPTIONS, "quick_view_answer": answer},
        events=[user_event("2", intent="choose_number", timestamp=1_700_000_900.0)],
    )


async def test_an_answer_reaches_the_api_once_per_person_and_can_be_changed(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitQuickViewAnswer().run(
        dispatcher, answered_tracker(make_tracker, 2), domain
    )
    await ActionSubmitQuickViewAnswer().run(
        CollectingDispatcher(), answered_tracker(make_tracker, 3), domain
    )

    [(key, option)] = forums_api.answers.items()
    assert key == (5, pseudonym("rest", "p7")) and option == 3
    assert SlotSet("quick_views_answered", [5]) in events
    assert responses(dispatcher) == ["utter_quick_view_thanks", "utter_anything_else"]


async def test_an_answer_to_a_closed_quick_view_is_not_counted_and_the_parent_is_told(
    forums_api: ForumsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    forums_api.closed.add(5)
    dispatcher = CollectingDispatcher()

    await ActionSubmitQuickViewAnswer().run(dispatcher, answered_tracker(make_tracker, 1), domain)

    assert forums_api.answers == {}
    assert responses(dispatcher) == ["utter_quick_view_closed", "utter_anything_else"]


async def test_not_now_puts_the_quick_view_off_and_shows_the_menu(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"quick_view_id": 5})

    events = await ActionQuickViewLater().run(dispatcher, tracker, domain)

    [declined] = [e for e in events if e["name"] == "quick_views_declined"]
    assert set(declined["value"]) == {"5"}
    assert responses(dispatcher) == ["utter_quick_view_later", "utter_menu"]


# -- the view pipeline with odd input ----------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "the taxi was late again and nobody rang, Amira cried. " * 100,  # ~5,400 characters
        "😡😡😡",
        "<script>alert(1)</script> the SENCo'; DROP TABLE views;-- never replies",
        "میرے بیٹے کو اسکول سے نکال دیا گیا اور کوئی جواب نہیں دیتا",
    ],
)
def test_odd_views_become_a_body_the_api_accepts(text: str) -> None:
    language = "ur" if "میرے" in text else "en"
    body = prepare_view(
        text=text,
        language=language,
        channel="sms",
        contributor="ab" * 32,
        client_ref="ref-1",
    )
    assert 0 < len(body["text"]) <= MAX_TEXT
    assert "Amira" not in body["text"]
    assert len(body["themes"]) <= 3
    if language == "ur":
        assert body["themes"] == [] and body["sentiment"] is None and body["text"] == text
    else:
        assert body["themes"] and -1 <= body["sentiment"] <= 1


def test_clipping_keeps_whole_words_and_marks_the_cut() -> None:
    clipped = clip("word " * 2000, limit=100)
    assert len(clipped) <= 100 and clipped.endswith(" …") and "wor …" not in clipped
