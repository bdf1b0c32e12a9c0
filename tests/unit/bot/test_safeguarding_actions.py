"""The urgent-help reply, the event for the safeguarding lead, and the NLU component."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from bot_factories import SERVICE_TOKEN, bot_event, unused_local_url, user_event
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.api_client import ApiSettings
from bot.actions.safeguarding_actions import ActionSafeguarding
from bot.actions.safeguarding_events import EventOutbox, flush_events
from bot.language.reviewed import reviewed_strings
from bot.safeguarding.replies import NUMBER_ON_WEBSITE, childrens_services, reply_responses

RISK = "i cant do this anymore, they would all be better off without me"


class EventsApi:
    """A stand-in for POST /api/v1/internal/safeguarding-events."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.server: TestServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    async def handle(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}":
            return web.json_response({}, status=401)
        self.received.append(await request.json())
        return web.json_response({"id": len(self.received), "created": True}, status=201)


@pytest.fixture
async def events_api(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> AsyncIterator[EventsApi]:
    api = EventsApi()
    app = web.Application()
    app.router.add_post("/api/v1/internal/safeguarding-events", api.handle)
    api.server = TestServer(app, host="127.0.0.1", port=0)
    await api.server.start_server()
    monkeypatch.setenv("API_URL", api.url)
    monkeypatch.setenv("API_SERVICE_TOKEN", SERVICE_TOKEN)
    monkeypatch.setenv("OUTBOX_DB", str(tmp_path / "outbox.db"))
    monkeypatch.setenv("PSEUDONYM_SECRET", "test-pseudonym-secret")
    monkeypatch.setenv("CHILDRENS_SERVICES_PHONE", "0113 496 0000")
    try:
        yield api
    finally:
        await api.server.close()


async def run(
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    *,
    text: str = RISK,
    events: list[dict[str, Any]] | None = None,
    active_loop: str | None = None,
    slots: dict[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    latest = user_event(text, intent="safeguarding_risk", timestamp=1_700_000_500)
    history = [*(events or []), latest]
    tracker = make_tracker(
        sender_id="+447700900123", events=history, active_loop=active_loop, slots=slots or {}
    )
    dispatcher = CollectingDispatcher()
    result = await ActionSafeguarding().run(dispatcher, tracker, domain)
    return result, dispatcher


async def test_the_reply_is_urgent_help_with_every_contact_and_the_configured_council_number(
    events_api: EventsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    _, dispatcher = await run(make_tracker, domain)

    assert [m["response"] for m in dispatcher.messages] == ["utter_safeguarding_urgent"]
    assert dispatcher.messages[0]["childrens_services"] == "call 0113 496 0000"
    text = domain["responses"]["utter_safeguarding_urgent"][0]["text"]
    for contact in ("999", "116 123", "0808 800 5000", "85258", "{childrens_services}"):
        assert contact in text
    assert "What happens next" in text and "not passed on what you wrote" in text


async def test_an_event_without_the_words_reaches_the_api_keyed_by_a_pseudonym(
    events_api: EventsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    await run(make_tracker, domain)

    (event,) = events_api.received
    assert event["category"] == "suicide"
    assert event["channel"] == "rest"
    assert event["language"] == "en"
    assert len(event["person"]) == 64 and "7700" not in event["person"]
    assert event["occurred_at"].startswith("2023-11-14T22:")
    flat = str(event)
    assert "better off" not in flat and "+447700900123" not in flat


async def test_a_view_being_given_is_dropped_and_the_form_ends(
    events_api: EventsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    result, _ = await run(
        make_tracker,
        domain,
        active_loop="view_form",
        slots={"view_text": "The review was late", "requested_slot": "view_consent"},
    )

    assert result[0] == ActiveLoop(None)
    assert SlotSet("view_text", None) in result
    assert SlotSet("view_consent", None) in result
    assert SlotSet("requested_slot", None) in result


async def test_the_second_time_in_a_conversation_the_reply_is_shorter(
    events_api: EventsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    earlier = [
        user_event(RISK, intent="safeguarding_risk"),
        bot_event("...", response="utter_safeguarding_urgent"),
    ]
    _, dispatcher = await run(make_tracker, domain, text="i want to die", events=earlier)

    assert [m["response"] for m in dispatcher.messages] == ["utter_safeguarding_again"]


async def test_domestic_abuse_adds_the_national_helpline(
    events_api: EventsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    _, dispatcher = await run(make_tracker, domain, text="my husband hits me")

    assert [m["response"] for m in dispatcher.messages] == [
        "utter_safeguarding_urgent",
        "utter_safeguarding_domestic_abuse",
    ]
    assert events_api.received[0]["category"] == "domestic_abuse"


async def test_a_message_in_polish_is_recorded_as_polish_and_the_number_fits_the_polish_reply(
    events_api: EventsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    _, dispatcher = await run(
        make_tracker, domain, text="nie chcę już żyć", slots={"language": "pl"}
    )

    # The NLG gives the reviewed Polish text; the number goes in without "call".
    assert [m["response"] for m in dispatcher.messages] == ["utter_safeguarding_urgent"]
    assert dispatcher.messages[0]["childrens_services"] == "0113 496 0000"
    assert events_api.received[0]["language"] == "pl"


def test_the_same_responses_are_sent_whatever_the_language() -> None:
    available = {"utter_safeguarding_urgent", "utter_safeguarding_domestic_abuse"}
    chosen = reply_responses(category="domestic_abuse", available=available, again=False)
    assert chosen == ["utter_safeguarding_urgent", "utter_safeguarding_domestic_abuse"]
    assert reply_responses(category="suicide", available=available, again=True) == [
        "utter_safeguarding_again"
    ]


def test_without_a_configured_number_the_reply_says_where_to_find_it() -> None:
    assert childrens_services({}) == "the number is on your council's website"
    configured = {"CHILDRENS_SERVICES_PHONE": " 0113 496 0000 "}
    assert childrens_services(configured) == "call 0113 496 0000"
    assert childrens_services(configured, language="en") == "call 0113 496 0000"


def test_in_a_reviewed_language_the_council_line_is_in_that_language() -> None:
    configured = {"CHILDRENS_SERVICES_PHONE": "0113 496 0000"}
    assert childrens_services(configured, language="ur") == "0113 496 0000"
    polish = childrens_services({}, language="pl")
    assert polish == reviewed_strings().override("pl", NUMBER_ON_WEBSITE)
    assert polish and "council" not in polish


def test_in_a_language_without_a_reviewed_urgent_reply_the_council_line_stays_english() -> None:
    # German has no reviewed urgent reply, so the whole reply is sent in English.
    configured = {"CHILDRENS_SERVICES_PHONE": "0113 496 0000"}
    assert childrens_services(configured, language="de") == "call 0113 496 0000"
    assert childrens_services({}, language="de") == NUMBER_ON_WEBSITE


async def test_when_the_api_is_down_the_event_waits_in_the_outbox_and_is_sent_later(
    events_api: EventsApi,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("API_URL", unused_local_url())
    _, dispatcher = await run(make_tracker, domain)
    assert dispatcher.messages, "the reply must not wait for the API"
    outbox = EventOutbox(tmp_path / "outbox.db")
    assert len(outbox.pending()) == 1

    delivered = await flush_events(
        ApiSettings(api_url=events_api.url, token=SERVICE_TOKEN, outbox_path=str(outbox.path))
    )

    assert delivered == 1 and outbox.pending() == []
    assert events_api.received[0]["category"] == "suicide"


def test_every_free_text_slot_mapping_leaves_out_a_safeguarding_message(
    domain: dict[str, Any],
) -> None:
    for name, slot in domain["slots"].items():
        for mapping in slot.get("mappings", []):
            if mapping.get("type") == "from_text" and not mapping.get("intent"):
                assert "safeguarding_risk" in mapping.get("not_intent", []), name


def test_the_safeguarding_component_is_last_in_the_nlu_pipeline() -> None:
    import yaml

    path = Path(__file__).resolve().parents[3] / "bot" / "config.yml"
    config = yaml.safe_load(path.read_text())
    assert config["pipeline"][-1]["name"] == "bot.safeguarding.component.SafeguardingDetector"


def test_the_component_overrides_the_classifier_for_a_risk_and_only_for_a_risk() -> None:
    from rasa.shared.nlu.training_data.message import Message

    from bot.safeguarding.component import apply_check

    risk = Message(
        data={
            "text": "my son is missing",
            "intent": {"name": "share_view", "confidence": 0.9},
            "intent_ranking": [{"name": "share_view", "confidence": 0.9}],
        }
    )
    view = Message(
        data={
            "text": "CAMHS discharged him after last year's self-harm",
            "intent": {"name": "safeguarding_risk", "confidence": 0.7},
            "intent_ranking": [
                {"name": "safeguarding_risk", "confidence": 0.7},
                {"name": "share_view", "confidence": 0.2},
            ],
        }
    )
    translated = Message(
        data={
            "text": "xyzzy plugh",
            "metadata": {"text_en": "I want to kill myself"},
            "intent": {"name": "nlu_fallback", "confidence": 0.5},
        }
    )

    assert apply_check(risk) is True
    assert risk.get("intent") == {"name": "safeguarding_risk", "confidence": 1.0}
    assert risk.get("intent_ranking")[1]["name"] == "share_view"
    assert apply_check(view) is False
    assert view.get("intent")["name"] == "share_view"
    assert all(r["name"] != "safeguarding_risk" for r in view.get("intent_ranking"))
    assert apply_check(translated) is True
