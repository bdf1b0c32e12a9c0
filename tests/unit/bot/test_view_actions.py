"""The view form and submission, tested the rasa-sdk way against a local API."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from bot_factories import ViewsApi, bot_event, unused_local_url, user_event
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.api_client import Outbox
from bot.actions.view_actions import (
    ActionResetView,
    ActionSubmitView,
    ValidateViewForm,
    reset_view,
)
from bot.privacy import ANONYMISER_VERSION

VIEW = (
    "The annual review was a disaster, nobody from the council came and my emails to "
    "jo@example.com went unanswered, ring me 07700 900123"
)
ANONYMISED = (
    "The annual review was a disaster, nobody from the council came and my emails to "
    "[email] went unanswered, ring me [phone]"
)

RAMBLING_VIEW = "  ok so basically... nobody calls back  "


def consent_turn(reply: str, *, metadata: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [
        user_event(VIEW, intent="share_view", timestamp=1_700_000_100.5, metadata=metadata),
        bot_event("May I pass it on?", response="utter_ask_view_consent"),
        user_event(reply, intent="affirm", timestamp=1_700_000_130.0, metadata=metadata),
    ]


async def validate_consent(
    reply: str, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    events = consent_turn(reply) + [SlotSet("view_consent", reply)]
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": reply, "requested_slot": "view_consent"},
        events=events,
        active_loop="view_form",
    )
    dispatcher = CollectingDispatcher()
    result = await ValidateViewForm().run(dispatcher, tracker, domain)
    return result, dispatcher


@pytest.mark.parametrize(("reply", "answer"), [("Yes!", True), ("1", True), ("nope", False)])
async def test_a_clear_answer_fills_the_consent(
    reply: str, answer: bool, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    events, dispatcher = await validate_consent(reply, make_tracker, domain)

    assert events == [SlotSet("view_consent", answer)]
    assert dispatcher.messages == []


async def test_an_unclear_answer_asks_again_and_keeps_the_view(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    events, dispatcher = await validate_consent("who will see it?", make_tracker, domain)

    assert events == [SlotSet("view_consent", None)]
    assert SlotSet("view_text", None) not in events
    assert [m["response"] for m in dispatcher.messages] == ["utter_consent_unclear"]


async def test_clearing_the_view_before_the_form_starts_is_not_an_unclear_answer(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"view_text": None, "view_consent": None},
        events=[
            user_event("2", intent="menu_view"),
            SlotSet("view_text", None),
            SlotSet("view_consent", None),
        ],
        active_loop="view_form",
    )
    dispatcher = CollectingDispatcher()

    events = await ValidateViewForm().run(dispatcher, tracker, domain)

    assert dispatcher.messages == []
    assert SlotSet("view_consent", None) in events


async def test_the_next_message_is_the_view_whatever_it_says(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"view_text": RAMBLING_VIEW, "requested_slot": "view_text"},
        events=[user_event(RAMBLING_VIEW), SlotSet("view_text", RAMBLING_VIEW)],
        active_loop="view_form",
    )

    events = await ValidateViewForm().run(CollectingDispatcher(), tracker, domain)

    assert events == [SlotSet("view_text", "ok so basically... nobody calls back")]


async def test_a_button_payload_is_not_taken_as_a_view(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"view_text": "/menu_topics", "requested_slot": "view_text"},
        events=[user_event("/menu_topics"), SlotSet("view_text", "/menu_topics")],
        active_loop="view_form",
    )

    events = await ValidateViewForm().run(CollectingDispatcher(), tracker, domain)

    assert events == [SlotSet("view_text", None)]


async def test_with_consent_the_anonymised_view_reaches_the_api(
    api_env: ViewsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        sender_id="t1",
        slots={"view_text": VIEW, "view_consent": True, "language": "en"},
        events=consent_turn("1", metadata={"channel": "webchat"}),
    )
    dispatcher = CollectingDispatcher()

    events = await ActionSubmitView().run(dispatcher, tracker, domain)

    [body] = api_env.received
    assert body["text"] == ANONYMISED
    assert body["language"] == "en"
    assert body["channel"] == "webchat"
    assert (
        body["contributor"]
        == hmac.new(b"test-pseudonym-secret", b"webchat:t1", hashlib.sha256).hexdigest()
    )
    assert "ehcp_process" in body["themes"] and body["hear_back"] is False
    assert body["sentiment"] < 0
    assert body["anonymiser_version"] == ANONYMISER_VERSION
    assert body["theme_model_version"].startswith("themes-")
    assert "07700" not in str(body) and "jo@example.com" not in str(body)
    assert events[:3] == reset_view()
    assert [e["name"] for e in events[3:]] == ["listened_asked_at"]
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_view_shared",
        "utter_ask_listened",
    ]


async def test_submitting_the_same_view_again_uses_the_same_client_ref(
    api_env: ViewsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": True}, events=consent_turn("yes")
    )

    await ActionSubmitView().run(CollectingDispatcher(), tracker, domain)
    await ActionSubmitView().run(CollectingDispatcher(), tracker, domain)

    assert len(api_env.received) == 2
    assert len(api_env.stored) == 1


@pytest.mark.parametrize("consent", [False, None, "yes", "1"])
async def test_without_a_validated_yes_nothing_is_sent(
    consent: Any,
    api_env: ViewsApi,
    outbox_path: Path,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
) -> None:
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": consent}, events=consent_turn("2")
    )
    dispatcher = CollectingDispatcher()

    events = await ActionSubmitView().run(dispatcher, tracker, domain)

    assert api_env.auth_headers == []
    assert not outbox_path.exists()
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_view_not_shared",
        "utter_anything_else",
    ]
    assert events == reset_view()


async def test_with_the_api_down_the_anonymised_view_waits_in_the_outbox(
    monkeypatch: pytest.MonkeyPatch,
    outbox_path: Path,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
) -> None:
    monkeypatch.setenv("API_URL", unused_local_url())
    monkeypatch.setenv("OUTBOX_DB", str(outbox_path))
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": True}, events=consent_turn("1")
    )
    dispatcher = CollectingDispatcher()

    await ActionSubmitView().run(dispatcher, tracker, domain)

    [queued] = Outbox(outbox_path).pending()
    assert queued["text"] == ANONYMISED
    assert queued["channel"] == "rest"
    assert [m["response"] for m in dispatcher.messages][0] == "utter_view_shared"


async def test_if_the_view_cannot_even_be_queued_the_parent_is_told(
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the outbox folder should be")
    monkeypatch.setenv("API_URL", unused_local_url())
    monkeypatch.setenv("OUTBOX_DB", str(blocker / "outbox.db"))
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": True}, events=consent_turn("1")
    )
    dispatcher = CollectingDispatcher()

    events = await ActionSubmitView().run(dispatcher, tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == [
        "utter_view_failed",
        "utter_anything_else",
    ]
    assert events == reset_view()


async def test_resetting_forgets_the_view_and_its_consent(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(slots={"view_text": VIEW, "view_consent": None})

    events = await ActionResetView().run(CollectingDispatcher(), tracker, domain)

    assert events == [
        SlotSet("view_text", None),
        SlotSet("view_consent", None),
        SlotSet("view_hear_back", None),
    ]
