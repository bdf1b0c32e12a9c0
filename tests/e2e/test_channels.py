"""SMS and Telegram through the real stack: the real Rasa server behind the connectors, the
real ``twilio`` and ``python-telegram-bot`` clients talking to stand-in Twilio and Telegram
servers on 127.0.0.1 (tests/fakes), which also play the providers calling our webhooks.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import sqlite3
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from conftest import Stack

UCS2_SEGMENT = 70
URDU_LETTERS = re.compile("[\u0600-\u06ff]")
DEFAULT_SECRET = "local-pseudonym-secret"


def new_number() -> str:
    """A UK mobile number from Ofcom's drama range (07700 900000-900999)."""
    return f"+447700900{uuid.uuid4().int % 1000:03d}"


def new_chat() -> int:
    return 5_100_000_000 + uuid.uuid4().int % 10_000_000


def conversation_id(stack: Stack, channel: str, address: str) -> str:
    secret = stack.env.get("PSEUDONYM_SECRET") or DEFAULT_SECRET
    digest = hmac.new(secret.encode(), f"address:{channel}:{address}".encode(), hashlib.sha256)
    return {"sms": "sms-", "telegram": "tg-"}[channel] + digest.hexdigest()[:40]


def channel_db(stack: Stack) -> Path:
    return Path(stack.env["VAR_DIR"]) / "channels.db"


def query(stack: Stack, sql: str, *args: object) -> list[tuple]:
    with sqlite3.connect(channel_db(stack)) as db:
        return db.execute(sql, args).fetchall()


def sms_webhook(stack: Stack) -> str:
    return f"{stack.rasa_url}/webhooks/twilio_sms/webhook"


# -- one script, three channels ------------------------------------------------------------------


class WebChat:
    name = "webchat"

    def __init__(self, stack: Stack) -> None:
        self.stack, self.sender = stack, f"e2e-web-{uuid.uuid4().hex[:10]}"

    def say(self, text: str) -> str:
        response = httpx.post(
            f"{self.stack.api_url}/chat/messages",
            json={"sender": self.sender, "message": text},
            timeout=60,
        )
        response.raise_for_status()
        return "\n".join(r.get("text") or "" for r in response.json())


class Sms:
    name = "sms"

    def __init__(self, stack: Stack) -> None:
        assert stack.twilio is not None
        self.stack, self.fake, self.number = stack, stack.twilio, new_number()

    def say(self, text: str) -> str:
        before = len(self.fake.sent_to(self.number))
        assert self.fake.send_inbound(sms_webhook(self.stack), self.number, text) == 200
        return "\n".join(m.body for m in self.fake.wait_for(self.number, before))


class Telegram:
    name = "telegram"

    def __init__(self, stack: Stack) -> None:
        assert stack.telegram is not None
        self.stack, self.fake, self.chat = stack, stack.telegram, new_chat()

    def say(self, text: str) -> str:
        before = len(self.fake.sent_to(self.chat))
        assert self.fake.post_update(self.fake.text_update(self.chat, text)) == 200
        return "\n".join(c.params["text"] for c in self.fake.wait_for(self.chat, before))


@pytest.fixture(scope="module")
def quick_view(stack: Stack) -> Iterator[dict]:
    """An open quick question from the forum, closed again after these tests."""
    headers = {"Authorization": f"Bearer {stack.forum_key('admin')}"}
    response = httpx.post(
        f"{stack.api_url}/api/v1/quick-views",
        json={
            "question": "Did the school bus come on time this week?",
            "options": ["Yes", "No, it was late", "No, it did not come"],
        },
        headers=headers,
        timeout=30,
    )
    response.raise_for_status()
    created = response.json()
    yield created
    httpx.post(
        f"{stack.api_url}/api/v1/quick-views/{created['id']}/close", headers=headers, timeout=30
    )


@pytest.mark.parametrize("kind", [WebChat, Sms, Telegram], ids=["webchat", "sms", "telegram"])
def test_one_script_passes_on_web_chat_sms_and_telegram(
    stack: Stack, quick_view: dict, kind: type
) -> None:
    person = kind(stack)
    # Ask about short breaks.
    assert "short break" in person.say("are there short breaks for my son").lower()
    # Give a view, with consent (3: yes, and tell me if things change).
    asked = person.say(
        "The annual review was cancelled twice and nobody from the council told us why"
    )
    assert "pass this on" in asked.lower()
    shared = person.say("3")
    assert "we will tell you if something changes" in shared.lower()
    if "listened to" in shared.lower():
        person.say("no")
    # Answer the forum's quick view by number.
    offer = person.say("hello")
    assert "quick question" in offer.lower()
    question = person.say("1")
    assert quick_view["question"] in question
    assert "your answer has gone to the parent carer forum" in person.say("2").lower()
    # Ask for help: who runs it and how to reach a person.
    helped = person.say("help").lower()
    assert "parent carer forum" in helped and "sendiass" in helped
    # STOP.
    assert "you will not get any more messages" in person.say("STOP").lower()

    if isinstance(person, Sms):
        conversation = conversation_id(stack, "sms", person.number)
        assert query(
            stack, "SELECT opted_out FROM identities WHERE conversation = ?", conversation
        ) == [(1,)]
        before = len(person.fake.sent_to(person.number))
        assert person.fake.send_inbound(sms_webhook(stack), person.number, "hello") == 200
        time.sleep(2)
        assert len(person.fake.sent_to(person.number)) == before, "a reply after STOP"
        assert "welcome back" in person.say("START").lower()
    if isinstance(person, Telegram):
        conversation = conversation_id(stack, "telegram", str(person.chat))
        assert query(
            stack, "SELECT opted_out FROM identities WHERE conversation = ?", conversation
        ) == [(1,)]


# -- nothing forged gets in; nothing twice -----------------------------------------------------


def test_a_forged_twilio_signature_is_refused_and_reaches_nothing(stack: Stack) -> None:
    assert stack.twilio is not None
    number = new_number()
    url = sms_webhook(stack)
    forged = stack.twilio.send_inbound(url, number, "hello", signature="bm90IGEgc2lnbmF0dXJl")
    missing = stack.twilio.send_inbound(url, number, "hello", signature="")
    # Signed with the right key, but for another address (a replayed request).
    params = stack.twilio.inbound_params(number, "hello")
    from fake_twilio import twilio_signature

    elsewhere = twilio_signature(stack.twilio.auth_token, "https://example.org/sms", params)
    replayed = stack.twilio.post_signed(url, params, signature=elsewhere)
    assert (forged, missing, replayed) == (403, 403, 403)
    time.sleep(1)
    assert stack.twilio.sent_to(number) == []
    conversation = conversation_id(stack, "sms", number)
    assert query(stack, "SELECT 1 FROM identities WHERE conversation = ?", conversation) == []
    events = stack.tracker(conversation)["events"]
    assert not [e for e in events if e.get("event") == "user"]


def test_a_wrong_telegram_secret_is_refused_and_reaches_nothing(stack: Stack) -> None:
    assert stack.telegram is not None
    chat = new_chat()
    update = stack.telegram.text_update(chat, "hello")
    assert stack.telegram.post_update(update, secret="not-the-secret") == 403
    url = f"{stack.rasa_url}/webhooks/telegram/webhook"
    assert httpx.post(url, json=update, timeout=30).status_code == 403  # no header at all
    time.sleep(1)
    assert stack.telegram.sent_to(chat) == []
    conversation = conversation_id(stack, "telegram", str(chat))
    assert query(stack, "SELECT 1 FROM identities WHERE conversation = ?", conversation) == []


def test_the_telegram_webhook_was_registered_with_its_secret(stack: Stack) -> None:
    assert stack.telegram is not None
    assert stack.telegram.webhook["url"].endswith("/webhooks/telegram/webhook")
    assert stack.telegram.webhook["secret_token"] == stack.env["TELEGRAM_WEBHOOK_SECRET"]


def test_a_duplicated_sms_webhook_gives_one_reply(stack: Stack) -> None:
    assert stack.twilio is not None
    number, sid = new_number(), "SM" + uuid.uuid4().hex
    for _ in range(3):  # Twilio retrying the same message
        assert (
            stack.twilio.send_inbound(sms_webhook(stack), number, "what is an EHC plan?", sid=sid)
            == 200
        )
    replies = stack.twilio.wait_for(number, 0)
    assert "education, health and care" in "\n".join(m.body for m in replies).lower()
    time.sleep(2)
    assert len(stack.twilio.sent_to(number)) == len(replies)


def test_a_duplicated_telegram_update_gives_one_reply(stack: Stack) -> None:
    assert stack.telegram is not None
    chat = new_chat()
    update = stack.telegram.text_update(chat, "what is an EHC plan?")
    assert [stack.telegram.post_update(update) for _ in range(3)] == [200, 200, 200]
    replies = stack.telegram.wait_for(chat, 0)
    assert "education, health and care" in replies[0].params["text"].lower()
    time.sleep(2)
    assert len(stack.telegram.sent_to(chat)) == len(replies)


# -- SMS: segments, options, delivery reports, no numbers kept ------------------------------------


def test_an_urdu_reply_is_split_into_correct_ucs2_segments(stack: Stack) -> None:
    person = Sms(stack)
    person.say("السلام علیکم، مجھے اپنے بیٹے کے لیے مدد چاہیے")
    parts = [m.body for m in stack.twilio.sent_to(person.number)]  # type: ignore[union-attr]
    assert any(URDU_LETTERS.search(p) for p in parts), parts
    starts = [i for i, p in enumerate(parts) if p.startswith("1/")]
    assert starts, f"no Urdu reply was long enough to split: {parts}"
    for start in starts:
        total = int(parts[start].split(" ", 1)[0].split("/")[1])
        group = parts[start : start + total]
        assert len(group) == total
        for number, part in enumerate(group, start=1):
            assert part.startswith(f"{number}/{total} ")
            # UCS-2: one segment is 70 UTF-16 code units.
            assert len(part.encode("utf-16-le")) // 2 <= UCS2_SEGMENT, part
            assert not part.endswith((" ", "\n"))
    for part in parts:
        if not part[:1].isdigit() or "/" not in part.split(" ", 1)[0]:
            assert (
                len(part.encode("utf-16-le")) // 2 <= UCS2_SEGMENT
                or URDU_LETTERS.search(part) is None
            ), f"an Urdu reply over one segment was not split: {part}"


def test_buttons_become_numbered_options_and_twilio_reports_delivery(stack: Stack) -> None:
    person = Sms(stack)
    menu = person.say("menu")
    assert "1 Ask about support" in menu and "3 Help" in menu
    assert "what would you like to know about" in person.say("1").lower()
    conversation = conversation_id(stack, "sms", person.number)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        states = {
            row[0]
            for row in query(
                stack, "SELECT status FROM deliveries WHERE conversation = ?", conversation
            )
        }
        if states == {"delivered"}:
            break
        time.sleep(0.2)
    assert states == {"delivered"}, states
    answers = {c["answer"] for c in stack.twilio.callbacks}  # type: ignore[union-attr]
    assert answers <= {200, 204}


def test_phone_numbers_and_chat_ids_are_not_stored_in_the_clear(stack: Stack) -> None:
    person = Sms(stack)
    person.say("hi")
    chat = Telegram(stack)
    chat.say("hi")
    var = Path(stack.env["VAR_DIR"])
    for name in ("channels.db", "channels.db-wal", "tracker.db"):
        path = var / name
        if path.exists():
            data = path.read_bytes()
            assert person.number.encode() not in data, name
            assert person.number[1:].encode() not in data, name
            assert str(chat.chat).encode() not in data, name


# -- Telegram: buttons, commands, stickers, edits --------------------------------------------------


def test_telegram_buttons_are_inline_keyboards_answered_by_callback(stack: Stack) -> None:
    fake = stack.telegram
    assert fake is not None
    person = Telegram(stack)
    person.say("menu")
    keyboard = fake.sent_to(person.chat)[-1].params["reply_markup"]["inline_keyboard"]
    assert [row[0]["callback_data"] for row in keyboard] == ["/menu_topics", "/menu_view", "/help"]
    before = len(fake.sent_to(person.chat))
    assert fake.post_update(fake.callback_update(person.chat, "/menu_topics")) == 200
    replies = fake.wait_for(person.chat, before)
    assert "what would you like to know about" in replies[0].params["text"].lower()
    assert fake.calls_of("answerCallbackQuery")
    assert fake.calls_of("editMessageReplyMarkup")


def test_telegram_commands_and_kind_replies(stack: Stack) -> None:
    fake = stack.telegram
    assert fake is not None
    person = Telegram(stack)
    assert "welcome" in person.say("/start").lower()
    assert "sendiass" in person.say("/help").lower()
    languages = person.say("/language")
    assert "language" in languages.lower()
    names = [
        row[0]["text"]
        for row in fake.sent_to(person.chat)[-1].params["reply_markup"]["inline_keyboard"]
    ]
    assert "English" in names and "اردو" in names
    for update in (fake.sticker_update(person.chat), fake.voice_update(person.chat)):
        before = len(fake.sent_to(person.chat))
        assert fake.post_update(update) == 200
        assert "only read written messages" in fake.wait_for(person.chat, before)[0].params["text"]
    before = len(fake.sent_to(person.chat))
    assert fake.post_update(fake.edited_update(person.chat, "edited words")) == 200
    assert "changed a message" in fake.wait_for(person.chat, before)[0].params["text"]
    assert "you will not get any more messages" in person.say("/stop").lower()
    assert "asked us to stop" in person.say("hello").lower()


# -- "you said, we did" reaches who opted in, never who sent STOP ----------------------------------


def test_hear_back_reaches_a_telegram_parent_who_opted_in_but_not_one_who_stopped(
    stack: Stack,
) -> None:
    fake = stack.telegram
    assert fake is not None
    marker = f"kumquat{uuid.uuid4().int % 10**6:06d}"  # digits: hex letters can spell a name
    view = f"The school transport is always late and the bus driver never calls us ({marker})"
    keen, stopped = Telegram(stack), Telegram(stack)
    for person in (keen, stopped):
        assert "pass this on" in person.say(view).lower()
        if "listened to" in person.say("3").lower():
            person.say("no")
    stopped.say("STOP")
    deadline = time.monotonic() + 10
    themes: list[str] = []
    while time.monotonic() < deadline and not themes:
        themes = [t for v in stack.views(limit="100") if marker in v["text"] for t in v["themes"]]
        time.sleep(0.3)
    assert "transport" in themes
    today = date.today().isoformat()
    news = f"You said the school bus is late. We did: a new bus firm starts on Monday ({marker})."
    response = httpx.post(
        f"{stack.api_url}/api/v1/actions",
        json={
            "theme": "transport",
            "you_said": "The school bus is late.",
            "we_did": "A new bus firm starts on Monday.",
            "views_from": today,
            "views_to": today,
            "message": news,
        },
        headers={"Authorization": f"Bearer {stack.forum_key('admin')}"},
        timeout=30,
    )
    assert response.status_code == 201, response.text
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if any(
            marker in c.params["text"] and "bus firm" in c.params["text"]
            for c in fake.sent_to(keen.chat)
        ):
            break
        time.sleep(0.2)
    else:
        pytest.fail("the hear-back message did not reach the parent who opted in")
    time.sleep(2)
    assert not any("bus firm" in c.params["text"] for c in fake.sent_to(stopped.chat))
    keen_id = conversation_id(stack, "telegram", str(keen.chat))
    rows = query(
        stack,
        "SELECT status, reported FROM deliveries WHERE kind = 'hear_back' AND conversation = ?",
        keen_id,
    )
    assert rows and rows[0][0] == "delivered"
    # The bot token is in every Bot API URL: it must not reach the logs.
    assert fake.token.split(":")[1] not in stack.log()


# -- privacy and safeguarding over SMS (issue 8) -------------------------------------------------


def safeguarding_events(stack: Stack) -> list[dict]:
    response = httpx.get(
        f"{stack.api_url}/api/v1/safeguarding-events",
        headers={"Authorization": f"Bearer {stack.forum_key('admin')}"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def test_a_risk_sent_by_sms_gets_urgent_help_and_an_event_without_its_words(
    stack: Stack,
) -> None:
    sms = Sms(stack)
    before = len(safeguarding_events(stack))

    reply = sms.say("i cant go on anymore, i want to end my life tonight")

    for contact in ("999", "116 123", "85258"):
        assert contact in reply
    assert "pass" not in reply.lower() or "not passed on" in reply.lower()
    after = safeguarding_events(stack)
    assert len(after) == before + 1
    assert "end my life" not in str(after)


def test_what_do_you_keep_and_delete_my_data_work_by_sms(stack: Stack) -> None:
    sms = Sms(stack)
    marker = f"greengage{uuid.uuid4().int % 10**6:06d}"
    sms.say(f"The school transport has been late every single day this term {marker}")
    sms.say("1")
    deadline = time.monotonic() + 15
    while not any(marker in v["text"] for v in stack.views(limit="200")):
        assert time.monotonic() < deadline, "the view did not arrive"
        time.sleep(0.5)

    summary = sms.say("what do you keep about me")
    assert "Views you shared with the forum: 1" in summary

    assert "cannot be undone" in sms.say("delete my data")
    assert "deleted everything" in sms.say("1")
    assert not any(marker in v["text"] for v in stack.views(limit="200"))
    rasa_id = conversation_id(stack, "sms", sms.number)
    tracker = stack.tracker(rasa_id)
    assert all(event.get("event") != "user" for event in tracker["events"])
