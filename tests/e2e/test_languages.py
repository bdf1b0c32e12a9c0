"""Languages through the real processes: detection, switching, reviewed replies, translation.

The stack talks to a stand-in LibreTranslate on 127.0.0.1 (tests/fakes) with canned
translations, through deep-translator's real client.
"""

from __future__ import annotations

import time
import uuid

import httpx
from conftest import Stack

from bot.language.bidi import is_rtl_safe


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def new_sender() -> str:
    return f"e2e-lang-{uuid.uuid4().hex[:12]}"


def test_a_polish_question_sets_polish_and_gets_a_polish_answer_keeping_the_term(
    stack: Stack,
) -> None:
    sender = new_sender()
    replies = stack.say(sender, "Dzien dobry, syn ma autyzm, szkola mowi o EHCP, co to jest?")

    assert stack.tracker(sender)["slots"]["language"] == "pl"
    reply = texts(replies)
    assert "Plan Education, Health and Care (EHCP) to dokument prawny" in reply
    assert "EHCP" in reply and "SENDIASS" in reply
    assert "W czym jeszcze mogę pomóc?" in reply


def test_asking_for_urdu_switches_to_urdu(stack: Stack) -> None:
    sender = new_sender()
    stack.say(sender, "hello")
    assert stack.tracker(sender)["slots"]["language"] == "en"

    replies = stack.say(sender, "Urdu please")

    assert stack.tracker(sender)["slots"]["language"] == "ur"
    reply = texts(replies)
    assert "اردو" in reply and "نمبر" in reply
    assert all(is_rtl_safe(r["text"]) for r in replies)


def test_urdu_typed_in_latin_letters_is_recognised_as_urdu(stack: Stack) -> None:
    sender = new_sender()
    stack.say(sender, "mera beta school nahi ja raha")
    assert stack.tracker(sender)["slots"]["language"] == "ur"


def test_an_arabic_reply_is_right_to_left_text_with_its_numbers(stack: Stack) -> None:
    sender = new_sender()
    replies = stack.say(sender, "بالعربية من فضلك")

    assert stack.tracker(sender)["slots"]["language"] == "ar"
    assert replies
    for reply in replies:
        assert is_rtl_safe(reply["text"]), reply["text"]
    menu = replies[-1]
    assert "1" in menu["text"] and "3" in menu["text"]
    assert [b["payload"] for b in menu["buttons"]] == ["/menu_topics", "/menu_view", "/help"]


def test_a_spanish_topic_question_gets_a_spanish_explanation_keeping_the_term(
    stack: Stack,
) -> None:
    sender = new_sender()
    replies = stack.say(sender, "¿Qué es un plan EHC? Mi hija tiene autismo.")

    assert stack.tracker(sender)["slots"]["language"] == "es"
    reply = texts(replies)
    assert "Un plan de Educación, Salud y Atención (EHCP) es un documento legal" in reply
    assert "¿En qué más puedo ayudarle?" in reply


def test_a_translator_that_times_out_gives_english_with_a_note_and_the_talk_goes_on(
    stack: Stack,
) -> None:
    assert stack.translator is not None
    sender = new_sender()
    stack.say(sender, "español")
    assert "1" in texts(stack.say(sender, "1"))  # the topics menu, reviewed Spanish
    stack.translator.delay = 4.0
    try:
        replies = stack.say(sender, "2")  # annual reviews: needs the translator
    finally:
        stack.translator.delay = 0.0
    reply = texts(replies)
    assert "(Lo siento, no he podido traducir esta parte ahora, así que está en inglés.)" in reply
    assert "annual review" in reply.lower()

    time.sleep(1.5)  # the translator's cool-down after the failure
    later = texts(stack.say(sender, "gracias"))
    assert later and "Lo siento, no he podido traducir" not in later


def test_the_view_from_a_polish_parent_is_recorded_as_polish(stack: Stack) -> None:
    sender = new_sender()
    marker = f"porzeczka{uuid.uuid4().int % 10**6:06d}"
    stack.say(sender, "po polsku")
    stack.say(sender, "2")
    stack.say(sender, f"Szkoła nie odpowiada na moje maile od miesięcy {marker}")
    stack.say(sender, "tak")
    key = stack.forum_key("moderator")
    deadline = time.monotonic() + 5
    found = None
    while time.monotonic() < deadline and found is None:
        views = httpx.get(
            f"{stack.api_url}/api/v1/views",
            params={"limit": "100"},
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
        ).json()
        found = next((v for v in views if marker in v["text"]), None)
        time.sleep(0.25)
    assert found is not None and found["language"] == "pl"


def test_urdu_stays_urdu_after_two_messages_the_assistant_did_not_understand(
    stack: Stack,
) -> None:
    # Rasa's two-stage fallback rewinds the turns it could not understand; the person's
    # language must not go with them (a "1" then brought the menu in English).
    sender = new_sender()
    stack.say(sender, "السلام علیکم، مجھے اپنے بیٹے کے لیے مدد چاہیے")
    stack.say(sender, "مینو")

    replies = stack.say(sender, "1")

    assert stack.tracker(sender)["slots"]["language"] == "ur"
    reply = texts(replies)
    assert any("\u0600" <= ch <= "\u06ff" for ch in reply), reply
    assert "What would you like to know about" not in reply
