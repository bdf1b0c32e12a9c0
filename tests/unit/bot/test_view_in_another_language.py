"""A view in another language keeps its language and goes with an anonymised English gloss."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot_factories import ViewsApi, bot_event, user_event
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.view_actions import ActionSubmitView

VIEW = "Szkoła nie oddzwania, mój numer to 07700 900123"
ENGLISH = "The school does not call back, my number is 07700 900123"


async def test_a_polish_view_is_sent_as_polish_with_an_anonymised_english_gloss(
    api_env: ViewsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    said = user_event(VIEW, intent="share_view", timestamp=1_700_000_000.0)
    said["parse_data"]["language"] = {"code": "pl", "text_en": ENGLISH}
    events = [
        said,
        bot_event("Czy mogę to przekazać?", response="utter_ask_view_consent"),
        user_event("tak", timestamp=1_700_000_010.0),
    ]
    tracker = make_tracker(
        slots={"view_text": VIEW, "view_consent": True, "language": "pl"}, events=events
    )

    await ActionSubmitView().run(CollectingDispatcher(), tracker, domain)

    [body] = api_env.received
    assert body["language"] == "pl"
    assert body["text"].startswith("Szkoła nie oddzwania") and "900123" not in body["text"]
    assert body["text_en"].startswith("The school does not call back")
    assert "900123" not in body["text_en"]


async def test_an_english_view_has_no_gloss(
    api_env: ViewsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    text = "The taxi did not come again"
    tracker = make_tracker(
        slots={"view_text": text, "view_consent": True, "language": "en"},
        events=[user_event(text, intent="share_view"), user_event("yes")],
    )

    await ActionSubmitView().run(CollectingDispatcher(), tracker, domain)

    assert api_env.received[0]["text_en"] is None
