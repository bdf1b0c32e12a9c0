"""Safeguarding through the real processes: urgent help at once, nothing passed on."""

from __future__ import annotations

import sqlite3
import time
import uuid

import httpx
from conftest import Stack

from bot.language.bidi import LRI, PDI, RLM, is_rtl_safe
from bot.language.reviewed import reviewed_strings


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def new_sender() -> str:
    return f"e2e-sg-{uuid.uuid4().hex[:12]}"


def events(stack: Stack) -> list[dict]:
    key = stack.forum_key("admin")
    response = httpx.get(
        f"{stack.api_url}/api/v1/safeguarding-events",
        headers={"Authorization": f"Bearer {key}"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def view_texts(stack: Stack) -> list[str]:
    return [view["text"] for view in stack.views(limit="200")]


def assert_urgent_help(reply: str) -> None:
    for contact in ("999", "116 123", "0808 800 5000", "85258"):
        assert contact in reply, f"{contact} missing from the reply"
    assert "not passed on what you wrote" in reply


def test_the_example_from_the_issue_gets_urgent_help_and_an_event_without_its_words(
    stack: Stack,
) -> None:
    before = len(events(stack))
    message = "i cant do this anymore, they would all be better off without me"

    reply = texts(stack.say(new_sender(), message))

    assert_urgent_help(reply)
    assert "May I pass" not in reply
    after = events(stack)
    assert len(after) == before + 1
    assert after[0]["category"] == "suicide" and after[0]["channel"] == "rest"
    database = stack.env["DATABASE_URL"].removeprefix("sqlite:///")
    with sqlite3.connect(database) as db:
        rows = db.execute("SELECT * FROM safeguarding_events").fetchall()
    assert "better off" not in str(rows)


def test_a_risk_written_as_a_view_mid_form_is_never_passed_on(stack: Stack) -> None:
    sender = new_sender()
    marker = f"kumquat{uuid.uuid4().int % 10**6:06d}"
    stack.say(sender, "hi")
    asked = texts(stack.say(sender, "2")).lower()
    assert "what would you like to tell the forum" in asked

    reply = texts(stack.say(sender, f"my daughter is self harming {marker} and CAMHS won't help"))
    assert_urgent_help(reply)
    stack.say(sender, "yes")
    stack.say(sender, "1")

    time.sleep(2)
    assert not any(marker in text for text in view_texts(stack))
    assert stack.tracker(sender)["slots"]["view_text"] is None


def test_a_risk_at_the_consent_question_cancels_the_view(stack: Stack) -> None:
    sender = new_sender()
    marker = f"lychee{uuid.uuid4().int % 10**6:06d}"
    consent = texts(stack.say(sender, f"The annual review was late again, nobody rang {marker}"))
    assert "1" in consent

    assert_urgent_help(texts(stack.say(sender, "honestly i just want to die")))
    stack.say(sender, "1")

    time.sleep(2)
    assert not any(marker in text for text in view_texts(stack))


def test_talking_about_last_years_self_harm_is_a_view_that_can_be_shared(stack: Stack) -> None:
    sender = new_sender()
    marker = f"medlar{uuid.uuid4().int % 10**6:06d}"

    view = f"CAMHS discharged him after last year's self-harm, no follow up {marker}"
    consent = texts(stack.say(sender, view))
    assert "999" not in consent and "May I pass" in consent
    stack.say(sender, "yes")

    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(marker in t for t in view_texts(stack)):
        time.sleep(0.25)
    assert any(marker in text for text in view_texts(stack))


def plain(text: str) -> str:
    """The text without the direction marks added to right-to-left replies."""
    return text.replace(RLM, "").replace(LRI, "").replace(PDI, "")


def machine_translated(stack: Stack, english: str) -> bool:
    """Whether the stand-in LibreTranslate was asked to translate text containing ``english``."""
    return any(english in str(request.get("q") or "") for request in stack.translator.requests)


def council_line(stack: Stack, language: str) -> str:
    """What fills {childrens_services} in a reviewed language on this stack."""
    phone = (stack.env.get("CHILDRENS_SERVICES_PHONE") or "").strip()
    website = reviewed_strings().override(language, "the number is on your council's website")
    return phone or str(website)


def test_a_risk_in_polish_through_the_web_chat_gets_urgent_help_in_polish(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.api_url}/chat/messages",
        json={"sender": new_sender(), "message": "nie chcę już żyć"},
        timeout=60,
    )

    assert response.status_code == 200
    reply = texts(response.json())
    assert reply.startswith("Bardzo mi przykro"), reply
    for contact in ("999", "116 123", "0808 800 5000", "85258", "SHOUT", "HELP"):
        assert contact in reply, f"{contact} missing from the reply"
    assert "Nie przekazałem nikomu Twojej wiadomości" in reply
    assert f"(children's services): {council_line(stack, 'pl')}" in reply
    assert reviewed_strings().note("pl") not in reply
    assert not machine_translated(stack, "Samaritans")
    latest = events(stack)[0]
    assert latest["channel"] == "webchat" and latest["language"] == "pl"


def test_a_risk_written_in_urdu_gets_the_reviewed_urgent_reply_in_urdu(stack: Stack) -> None:
    sender = new_sender()

    replies = stack.say(sender, "میں خودکشی کرنا چاہتی ہوں")

    assert stack.tracker(sender)["slots"]["language"] == "ur"
    reply = texts(replies)
    assert all(is_rtl_safe(r.get("text") or "") for r in replies)
    text = plain(reply)
    assert "آپ اہم ہیں" in text, text
    for contact in ("999", "116 123", "0808 800 5000", "85258", "SHOUT", "HELP"):
        assert contact in text, f"{contact} missing from the reply"
    assert council_line(stack, "ur") in text
    assert "council" not in text and "I'm so sorry" not in text
    assert reviewed_strings().note("ur") not in text
    assert not machine_translated(stack, "Samaritans")
    assert events(stack)[0]["language"] == "ur"
