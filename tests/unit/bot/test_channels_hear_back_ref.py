"""A hear-back view on SMS or Telegram carries a sealed way back; other channels none."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import yaml
from bot_factories import ViewsApi, bot_event, user_event
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.view_actions import OPT_IN_SIGNAL, ActionSubmitView
from bot.language.readability import MAX_GRADE, MAX_SENTENCE_WORDS, measure
from channels.identity import AddressBox
from channels.limits import REPLIES_FILE

VIEW = "The school bus is late every single day and nobody tells us why"


def tracker_for(make_tracker: Callable[..., Any], channel: str, reply: str, **slots: Any) -> Any:
    metadata = {"channel": channel}
    return make_tracker(
        sender_id="sms-0123abcd",
        slots={"view_text": VIEW, "view_consent": True, "language": "en", **slots},
        events=[
            user_event(VIEW, intent="share_view", timestamp=1_700_000_100.0, metadata=metadata),
            bot_event("May I pass it on?", response="utter_ask_view_consent"),
            user_event(reply, intent="affirm", timestamp=1_700_000_130.0, metadata=metadata),
        ],
    )


@pytest.mark.parametrize("channel", ["sms", "telegram"])
async def test_a_hear_back_view_on_a_texting_channel_carries_a_sealed_recipient_ref(
    api_env: ViewsApi,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    channel: str,
) -> None:
    monkeypatch.setenv("CHANNEL_ENCRYPTION_KEY", "test-channel-key")
    dispatcher = CollectingDispatcher()
    tracker = tracker_for(make_tracker, channel, "3", view_hear_back=True)
    await ActionSubmitView().run(dispatcher, tracker, domain)
    [body] = api_env.received
    assert body["hear_back"] is True
    opened = AddressBox.from_env({"CHANNEL_ENCRYPTION_KEY": "test-channel-key"})
    assert opened.read_recipient_ref(body["recipient_ref"]) == (channel, "sms-0123abcd")
    assert dispatcher.messages[0]["custom"] == OPT_IN_SIGNAL


@pytest.mark.parametrize(("channel", "hear_back"), [("sms", False), ("webchat", True)])
async def test_no_recipient_ref_without_hear_back_or_a_way_to_write_first(
    api_env: ViewsApi,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    channel: str,
    hear_back: bool,
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = tracker_for(make_tracker, channel, "1", view_hear_back=hear_back)
    await ActionSubmitView().run(dispatcher, tracker, domain)
    [body] = api_env.received
    assert "recipient_ref" not in body
    assert not [m for m in dispatcher.messages if m.get("custom")]


def test_every_channel_reply_is_plain_english() -> None:
    replies = yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8"))["en"]
    for name, text in replies.items():
        figures = measure(text.format(limit=2000, numbers="1, 2 or 3"))
        assert figures.grade <= MAX_GRADE, (name, figures.grade)
        assert figures.longest_sentence <= MAX_SENTENCE_WORDS, name
