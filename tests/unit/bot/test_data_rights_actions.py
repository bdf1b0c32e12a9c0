"""Data rights actions: the summary, the confirmed deletion everywhere, the form's answer."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from bot_factories import SERVICE_TOKEN, unused_local_url, user_event
from rasa_sdk.events import AllSlotsReset, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.actions.api_client import Outbox
from bot.actions.data_rights import pseudonyms_for
from bot.actions.data_rights_actions import (
    ActionDataSummary,
    ActionDeleteMyData,
    ValidateDeleteDataForm,
)
from bot.actions.privacy_actions import ActionAskViewConsent, ActionShowPrivacy
from bot.actions.safeguarding_events import EventOutbox

SENDER = "+447700900123"
OTHER = "+447700900456"


class ContributorsApi:
    """A stand-in for GET/DELETE /api/v1/internal/contributors/{pseudonym}."""

    def __init__(self) -> None:
        self.server: TestServer | None = None
        self.held: dict[str, dict[str, int]] = {}
        self.deleted: list[str] = []
        self.fail = False

    @property
    def url(self) -> str:
        assert self.server is not None
        return str(self.server.make_url("")).rstrip("/")

    async def get(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}" or self.fail:
            return web.json_response({}, status=503)
        empty = dict.fromkeys(
            (
                "views",
                "hear_back",
                "quick_view_answers",
                "listened_scores",
                "pending_messages",
                "safeguarding_events",
            ),
            0,
        )
        return web.json_response({**empty, **self.held.get(request.match_info["p"], {})})

    async def delete(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {SERVICE_TOKEN}" or self.fail:
            return web.json_response({}, status=503)
        self.deleted.append(request.match_info["p"])
        self.held.pop(request.match_info["p"], None)
        return web.json_response({"views_deleted": 0})


@pytest.fixture
async def contributors_api(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> AsyncIterator[ContributorsApi]:
    api = ContributorsApi()
    app = web.Application()
    app.router.add_get("/api/v1/internal/contributors/{p}", api.get)
    app.router.add_delete("/api/v1/internal/contributors/{p}", api.delete)
    api.server = TestServer(app, host="127.0.0.1", port=0)
    await api.server.start_server()
    monkeypatch.setenv("API_URL", api.url)
    monkeypatch.setenv("API_SERVICE_TOKEN", SERVICE_TOKEN)
    monkeypatch.setenv("OUTBOX_DB", str(tmp_path / "outbox.db"))
    monkeypatch.setenv("PSEUDONYM_SECRET", "test-pseudonym-secret")
    monkeypatch.setenv("RETENTION_DAYS", "30")
    try:
        yield api
    finally:
        await api.server.close()


def queue_view(path: Path, sender: str, ref: str) -> None:
    Outbox(path).add({"client_ref": ref, "contributor": pseudonyms_for(sender)[0], "text": "x"})


async def test_the_summary_adds_up_every_channel_and_the_outbox(
    contributors_api: ContributorsApi,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    tmp_path: Path,
) -> None:
    sms, webchat = pseudonyms_for(SENDER)[2], pseudonyms_for(SENDER)[1]
    contributors_api.held = {
        sms: {"views": 2, "hear_back": 1, "quick_view_answers": 1},
        webchat: {"views": 1, "safeguarding_events": 1},
    }
    queue_view(tmp_path / "outbox.db", SENDER, "waiting-1")
    queue_view(tmp_path / "outbox.db", OTHER, "someone-else")
    tracker = make_tracker(
        sender_id=SENDER,
        slots={"opted_out": True},
        events=[user_event("hi"), user_event("what do you keep about me")],
    )
    dispatcher = CollectingDispatcher()

    assert await ActionDataSummary().run(dispatcher, tracker, domain) == []

    summary = dispatcher.messages[0]
    assert summary["response"] == "utter_data_summary"
    assert (summary["messages"], summary["views"], summary["queued"]) == (2, 3, 1)
    assert (summary["hear_back"], summary["answers"], summary["retention_days"]) == (1, 1, 30)
    assert [m["response"] for m in dispatcher.messages[1:]] == [
        "utter_data_summary_opted_out",
        "utter_data_summary_safeguarding",
        "utter_data_summary_how_to_delete",
    ]


async def test_when_the_api_cannot_answer_the_summary_says_so(
    contributors_api: ContributorsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    contributors_api.fail = True
    dispatcher = CollectingDispatcher()
    await ActionDataSummary().run(dispatcher, make_tracker(sender_id=SENDER), domain)
    assert [m["response"] for m in dispatcher.messages] == ["utter_data_summary_failed"]


async def test_a_confirmed_deletion_erases_the_outbox_and_the_api_then_resets_everything(
    contributors_api: ContributorsApi,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    tmp_path: Path,
) -> None:
    outbox_path = tmp_path / "outbox.db"
    queue_view(outbox_path, SENDER, "mine")
    queue_view(outbox_path, OTHER, "theirs")
    events = EventOutbox(outbox_path)
    events.add({"client_ref": "sg", "person": pseudonyms_for(SENDER)[0], "category": "suicide"})
    tracker = make_tracker(sender_id=SENDER, slots={"delete_confirmed": True})
    dispatcher = CollectingDispatcher()

    result = await ActionDeleteMyData().run(dispatcher, tracker, domain)

    assert result == [AllSlotsReset()]
    assert [m["response"] for m in dispatcher.messages] == ["utter_data_deleted"]
    assert sorted(contributors_api.deleted) == sorted(pseudonyms_for(SENDER))
    assert not Outbox(outbox_path).contains("mine")
    assert Outbox(outbox_path).contains("theirs")
    assert events.all() == [{"client_ref": "sg", "person": None, "category": "suicide"}]


async def test_if_the_api_cannot_erase_the_person_is_told_and_the_chat_is_kept(
    contributors_api: ContributorsApi,
    make_tracker: Callable[..., Any],
    domain: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("API_URL", unused_local_url())
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(sender_id=SENDER, slots={"delete_confirmed": True})

    result = await ActionDeleteMyData().run(dispatcher, tracker, domain)

    assert AllSlotsReset() not in result
    assert [m["response"] for m in dispatcher.messages] == ["utter_data_delete_failed"]


async def test_saying_no_deletes_nothing(
    contributors_api: ContributorsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(sender_id=SENDER, slots={"delete_confirmed": False})

    result = await ActionDeleteMyData().run(dispatcher, tracker, domain)

    assert result == [SlotSet("delete_confirmed", None)]
    assert contributors_api.deleted == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_data_kept"]


@pytest.mark.parametrize(("reply", "answer"), [("1", True), ("yes please", True), ("2", False)])
async def test_a_clear_answer_confirms_or_refuses(
    reply: str, answer: bool, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"delete_confirmed": reply, "requested_slot": "delete_confirmed"},
        events=[user_event(reply), SlotSet("delete_confirmed", reply)],
        active_loop="delete_data_form",
    )
    dispatcher = CollectingDispatcher()
    result = await ValidateDeleteDataForm().run(dispatcher, tracker, domain)
    assert SlotSet("delete_confirmed", answer) in result


async def test_an_unclear_answer_deletes_nothing_and_asks_again(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    tracker = make_tracker(
        slots={"delete_confirmed": "what?", "requested_slot": "delete_confirmed"},
        events=[user_event("what?"), SlotSet("delete_confirmed", "what?")],
        active_loop="delete_data_form",
    )
    dispatcher = CollectingDispatcher()
    result = await ValidateDeleteDataForm().run(dispatcher, tracker, domain)
    assert SlotSet("delete_confirmed", None) in result
    assert [m["response"] for m in dispatcher.messages] == ["utter_delete_unclear"]


async def test_the_privacy_notice_comes_once_before_the_first_consent_question(
    make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    first = CollectingDispatcher()
    events = await ActionAskViewConsent().run(first, make_tracker(), domain)
    later = CollectingDispatcher()
    again = await ActionAskViewConsent().run(
        later, make_tracker(slots={"privacy_notice_shown": True}), domain
    )

    assert [m["response"] for m in first.messages] == [
        "utter_privacy_before_view",
        "utter_ask_view_consent",
    ]
    assert events == [SlotSet("privacy_notice_shown", True)]
    assert [m["response"] for m in later.messages] == ["utter_ask_view_consent"]
    assert again == []


async def test_privacy_shows_the_notice_with_the_retention_period(
    make_tracker: Callable[..., Any], domain: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RETENTION_DAYS", "14")
    dispatcher = CollectingDispatcher()
    await ActionShowPrivacy().run(dispatcher, make_tracker(), domain)
    (message,) = dispatcher.messages
    assert message["response"] == "utter_privacy" and message["retention_days"] == 14
    notice = domain["responses"]["utter_privacy"][0]["text"]
    for words in (
        "{retention_days} days",
        "say yes",
        "names and numbers",
        "DELETE MY DATA",
        "WHAT DO YOU KEEP",
        "Information Commissioner",
    ):
        assert words in notice


async def test_a_confirmed_deletion_by_sms_tells_the_connector_to_forget_the_number(
    contributors_api: ContributorsApi, make_tracker: Callable[..., Any], domain: dict[str, Any]
) -> None:
    from bot.actions.data_rights_actions import FORGET_SIGNAL

    tracker = make_tracker(
        sender_id=SENDER,
        slots={"delete_confirmed": True},
        events=[user_event("1", metadata={"channel": "sms"})],
    )
    dispatcher = CollectingDispatcher()

    assert await ActionDeleteMyData().run(dispatcher, tracker, domain) == [AllSlotsReset()]

    assert dispatcher.messages[0]["response"] == "utter_data_deleted"
    assert dispatcher.messages[1]["custom"] == FORGET_SIGNAL
