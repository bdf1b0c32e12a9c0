"""The whole path through the real processes: web chat or REST in, anonymised view out.

The test marked `shutdown` stops the shared stack with a single SIGINT (Ctrl-C); it runs last.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import uuid

import httpx
import pytest
from conftest import Stack


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def new_sender() -> str:
    return f"e2e-{uuid.uuid4().hex[:12]}"


def wait_for_view(stack: Stack, marker: str, timeout: float = 5.0) -> dict | None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for view in stack.views(limit="100"):
            if marker in view["text"]:
                return view
        time.sleep(0.25)
    return None


def test_a_rest_message_gets_a_reply_with_the_menu(stack: Stack) -> None:
    replies = stack.say(new_sender(), "hello")
    assert replies, "no reply to hello"
    assert all("recipient_id" in r for r in replies)
    assert "1" in texts(replies) and "2" in texts(replies)


def test_the_language_slot_holds_english_after_the_first_message(stack: Stack) -> None:
    sender = new_sender()
    stack.say(sender, "hi there")
    assert stack.tracker(sender)["slots"]["language"] == "en"


def test_rasas_http_api_refuses_a_request_without_the_token(stack: Stack) -> None:
    response = httpx.get(f"{stack.rasa_url}/conversations/someone/tracker", timeout=30)
    assert response.status_code == 401


def test_a_question_about_an_ehc_plan_gets_a_plain_explanation(stack: Stack) -> None:
    reply = texts(stack.say(new_sender(), "what is an EHC plan?")).lower()
    assert "education, health and care" in reply


@pytest.mark.parametrize(
    ("question", "must_mention"),
    [
        ("how does an annual review work", "annual review"),
        ("are there short breaks for my son", "short break"),
        ("who are SENDIASS", "information, advice and support"),
    ],
)
def test_other_local_offer_topics_are_explained(
    stack: Stack, question: str, must_mention: str
) -> None:
    assert must_mention in texts(stack.say(new_sender(), question)).lower()


def test_a_consented_view_reaches_the_forum_anonymised_within_five_seconds(stack: Stack) -> None:
    sender = new_sender()
    marker = f"tangerine{uuid.uuid4().int % 10**6:06d}"
    view = (
        f"The annual review was a disaster, nobody from the council came ({marker}). "
        "My emails to jo.bloggs@example.com went unanswered, "
        "ring me on 07700 900123, we live at LS8 2AB"
    )
    stack.say(sender, "hi")
    stack.say(sender, "what is an EHC plan?")
    consent_question = texts(stack.say(sender, view)).lower()
    assert "forum" in consent_question and "1" in consent_question
    assert wait_for_view(stack, marker, timeout=1.0) is None, "passed on before consent"

    thanks = texts(stack.say(sender, "yes"))
    assert thanks

    shared = wait_for_view(stack, marker)
    assert shared is not None, "the consented view did not reach the API within 5 s"
    assert "07700" not in shared["text"] and "900123" not in shared["text"]
    assert "jo.bloggs@example.com" not in shared["text"]
    assert "2AB" not in shared["text"] and "LS8" in shared["text"]
    assert "annual review" in shared["text"].lower()
    assert shared["language"] == "en"
    assert shared["channel"] == "rest"
    assert {"id", "text", "themes", "sentiment", "language", "channel", "created_at"} <= set(shared)


def test_replying_1_to_the_consent_question_consents(stack: Stack) -> None:
    sender = new_sender()
    marker = f"plum{uuid.uuid4().int % 10**6:06d}"
    stack.say(
        sender, f"The school keeps sending my daughter home early and nobody listens {marker}"
    )
    stack.say(sender, "1")
    assert wait_for_view(stack, marker) is not None


def test_a_refused_consent_passes_nothing_on(stack: Stack) -> None:
    sender = new_sender()
    marker = f"quince{uuid.uuid4().int % 10**6:06d}"
    stack.say(sender, f"The taxi to school did not turn up again this week, {marker}")
    reply = texts(stack.say(sender, "no")).lower()
    assert reply
    time.sleep(3)
    assert wait_for_view(stack, marker, timeout=0.5) is None


def test_the_web_chat_page_is_served_and_talks_to_rasa(stack: Stack) -> None:
    page = httpx.get(f"{stack.api_url}/chat", timeout=30)
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "content-security-policy" in page.headers
    replies = httpx.post(
        f"{stack.api_url}/chat/messages",
        json={"sender": new_sender(), "message": "hello"},
        timeout=60,
    )
    assert replies.status_code == 200
    assert texts(replies.json())


def test_a_view_from_the_web_chat_is_labelled_webchat(stack: Stack) -> None:
    sender = new_sender()
    marker = f"damson{uuid.uuid4().int % 10**6:06d}"
    chat = f"{stack.api_url}/chat/messages"
    httpx.post(
        chat,
        json={"sender": sender, "message": f"The speech therapy wait is far too long {marker}"},
        timeout=60,
    )
    httpx.post(chat, json={"sender": sender, "message": "yes"}, timeout=60)
    shared = wait_for_view(stack, marker)
    assert shared is not None and shared["channel"] == "webchat"


@pytest.mark.parametrize("message", ["", "😀😀😀", "a" * 5000, "🙏"])
def test_odd_messages_get_a_kind_reply_and_the_bot_keeps_running(
    stack: Stack, message: str
) -> None:
    replies = stack.say(new_sender(), message)
    assert texts(replies).strip(), f"no reply to {message[:20]!r}"
    assert httpx.get(f"{stack.rasa_url}/", timeout=10).status_code == 200


def test_the_api_answers_malformed_json_with_a_clear_error(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.api_url}/api/v1/internal/views",
        content=b"{not json",
        headers={
            "Authorization": f"Bearer {stack.env.get('API_SERVICE_TOKEN', 'local-service-token')}",
            "Content-Type": "application/json",
        },
        timeout=30,
    )
    assert response.status_code == 422
    assert response.json()["error"]["message"]
    assert httpx.get(f"{stack.api_url}/health", timeout=10).status_code == 200


def test_views_need_a_moderator_key(stack: Stack) -> None:
    url = f"{stack.api_url}/api/v1/views"
    assert httpx.get(url, timeout=30).status_code == 401
    reader = stack.forum_key("reader")
    assert (
        httpx.get(url, headers={"Authorization": f"Bearer {reader}"}, timeout=30).status_code == 403
    )


@pytest.mark.shutdown
def test_one_ctrl_c_stops_every_part(stack: Stack) -> None:
    os.kill(stack.process.pid, signal.SIGINT)
    stack.process.wait(timeout=40)
    for url in (stack.rasa_url, stack.api_url, stack.action_url):
        port = int(url.rsplit(":", 1)[1])
        with socket.socket() as sock:
            assert sock.connect_ex(("127.0.0.1", port)) != 0, f"{url} still listening"
    leftover = subprocess.run(
        ["pgrep", "-g", str(stack.process.pid)], capture_output=True, text=True
    )
    assert leftover.stdout.strip() == "", "processes left behind"
    assert "run: stopped" in stack.log()
