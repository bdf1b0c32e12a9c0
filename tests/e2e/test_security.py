"""Bad input gets a clear, kind answer and never a crash; limits; CORS; the HTTP API token."""

from __future__ import annotations

import uuid

import httpx
from conftest import Stack


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def new_sender() -> str:
    return f"e2e-sec-{uuid.uuid4().hex[:12]}"


def post_raw(stack: Stack, content: bytes) -> httpx.Response:
    return httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        content=content,
        headers={"Content-Type": "application/json"},
        timeout=60,
    )


def test_a_too_long_message_gets_a_kind_reply_and_is_not_processed(stack: Stack) -> None:
    sender = new_sender()
    reply = texts(stack.say(sender, "The transport is late. " * 200))
    assert "too long" in reply and "shorter parts" in reply
    assert all(e.get("event") != "user" for e in stack.tracker(sender)["events"])


def test_a_long_message_that_shows_a_risk_still_gets_urgent_help(stack: Stack) -> None:
    reply = texts(stack.say(new_sender(), "The transport is late. " * 200 + "I want to die."))
    assert "116 123" in reply


def test_a_sender_sending_too_fast_is_asked_to_wait_but_a_risk_always_gets_through(
    stack: Stack,
) -> None:
    sender = new_sender()
    replies = [texts(stack.say(sender, "hi")) for _ in range(21)]
    assert "wait a minute" in replies[-1]
    assert all("wait a minute" not in reply for reply in replies[:20])
    assert "116 123" in texts(stack.say(sender, "my son is missing"))


def test_broken_requests_get_a_plain_words_error_not_a_crash(stack: Stack) -> None:
    for body, status in [
        (b"{not json", 400),
        (b'["a list"]', 400),
        (b'{"message": "hi"}', 400),
        (b'{"sender": "x", "message": 42}', 400),
        (b'{"sender": "' + b"x" * 300 + b'", "message": "hi"}', 400),
        (b'{"sender": "x", "message": "' + b"a" * 40_000 + b'"}', 413),
    ]:
        response = post_raw(stack, body)
        assert response.status_code == status, body[:40]
        assert response.json()["error"]["message"]
    assert httpx.get(f"{stack.rasa_url}/", timeout=10).status_code == 200


def test_a_client_cannot_pretend_to_be_another_channel(stack: Stack) -> None:
    sender = new_sender()
    httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": sender, "message": "hello", "input_channel": "sms"},
        timeout=60,
    )
    users = [e for e in stack.tracker(sender)["events"] if e.get("event") == "user"]
    assert users and users[-1]["input_channel"] == "rest"


def test_rasa_and_the_api_answer_no_other_web_origin(stack: Stack) -> None:
    evil = {"Origin": "https://evil.example.com", "Access-Control-Request-Method": "POST"}
    rasa = httpx.options(f"{stack.rasa_url}/webhooks/rest/webhook", headers=evil, timeout=30)
    api = httpx.options(f"{stack.api_url}/chat/messages", headers=evil, timeout=30)
    assert "access-control-allow-origin" not in rasa.headers
    assert "access-control-allow-origin" not in api.headers


def test_rasas_http_api_needs_the_token_even_to_read_one_conversation(stack: Stack) -> None:
    sender = new_sender()
    stack.say(sender, "hi")
    url = f"{stack.rasa_url}/conversations/{sender}/tracker"
    assert httpx.get(url, timeout=30).status_code == 401
    assert httpx.get(url, params={"token": "wrong"}, timeout=30).status_code == 401
    events = f"{stack.rasa_url}/conversations/{sender}/tracker/events"
    assert httpx.post(events, json={"event": "restart"}, timeout=30).status_code == 401


def test_the_api_refuses_an_over_large_body_kindly(stack: Stack) -> None:
    response = httpx.post(
        f"{stack.api_url}/chat/messages",
        json={"sender": new_sender(), "message": "x" * 100_000},
        timeout=30,
    )
    assert response.status_code == 413
    assert "too large" in response.json()["error"]["message"]
