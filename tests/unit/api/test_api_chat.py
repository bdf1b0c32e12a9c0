"""The web chat page (/chat) and its bridge to Rasa (/chat/messages)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from api.main import create_app

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

STATIC_CHAT = Path(__file__).resolve().parents[3] / "api" / "static" / "chat"


@pytest.fixture
def rasa_calls(client: TestClient) -> Iterator[list[httpx.Request]]:
    """Swap the app's HTTP client for one that answers as Rasa would, and record the calls."""
    calls: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        sender = json.loads(request.content)["sender"]
        return httpx.Response(
            200,
            json=[
                {"recipient_id": sender, "text": "May I pass this on to the forum?"},
                {
                    "recipient_id": sender,
                    "buttons": [
                        {"title": "Yes", "payload": "/affirm"},
                        {"title": "No", "payload": "/deny"},
                    ],
                },
            ],
        )

    state = client.app.state  # type: ignore[attr-defined]
    real_client = state.http_client
    state.http_client = httpx.AsyncClient(transport=httpx.MockTransport(answer))
    try:
        yield calls
    finally:
        state.http_client = real_client


def test_the_chat_page_is_served_with_a_strict_content_security_policy(
    client: TestClient,
) -> None:
    response = client.get("/chat")

    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "require-trusted-types-for 'script'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "set-cookie" not in response.headers
    assert response.headers["X-Content-Type-Options"] == "nosniff"


class _Controls(HTMLParser):
    """Collects a page's form controls, labels and language options."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labels: set[str] = set()
        self.options: list[dict[str, str | None]] = []
        self._option: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in {"input", "select", "textarea"}:
            self.controls.append(found)
        elif tag == "label" and found.get("for"):
            self.labels.add(str(found["for"]))
        elif tag == "option":
            self._option = found

    def handle_data(self, data: str) -> None:
        if self._option is not None:
            self.options.append({**self._option, "name": data.strip()})
            self._option = None


def test_the_chat_page_has_a_labelled_message_box_a_send_button_and_a_polite_live_region(
    client: TestClient,
) -> None:
    page = client.get("/chat").text

    assert '<html lang="en">' in page
    assert '<label for="message">' in page
    assert re.search(r"<textarea id=\"message\"", page)
    assert re.search(r"<button[^>]*type=\"submit\"[^>]*>Send</button>", page)
    assert re.search(r'id="announcer"[^>]*aria-live="polite"', page)
    assert 'role="status"' in page


def test_every_control_on_the_chat_page_has_a_label(client: TestClient) -> None:
    controls = _Controls()
    controls.feed(client.get("/chat").text)

    assert len(controls.controls) == 3  # language, Easy Read, message
    for control in controls.controls:
        assert control.get("id") in controls.labels, control


def test_the_language_picker_names_each_language_in_its_own_script(client: TestClient) -> None:
    controls = _Controls()
    controls.feed(client.get("/chat").text)
    options = {str(o["value"]): o for o in controls.options}

    for code, name in {
        "en": "English",
        "pl": "Polski",
        "ur": "اردو",
        "bn": "বাংলা",
        "pa": "ਪੰਜਾਬੀ",
        "ar": "العربية",
        "ro": "Română",
        "so": "Soomaali",
        "pt": "Português",
        "es": "Español",
        "uk": "Українська",
    }.items():
        assert options[code]["name"] == name
    for option in options.values():
        assert option["lang"] == option["value"], option
    assert options["ar"]["dir"] == options["ur"]["dir"] == "rtl"


def test_the_privacy_notice_is_on_the_chat_page_and_has_its_own_page(client: TestClient) -> None:
    chat = client.get("/chat").text
    privacy = client.get("/chat/privacy")

    assert "We only pass on your views if you say yes." in chat
    assert chat.count('href="/chat/privacy"') == 2  # in the notice and in the footer
    assert privacy.status_code == 200
    assert "<h1>How we use what you tell us</h1>" in privacy.text
    assert "unsafe-inline" not in privacy.headers["Content-Security-Policy"]
    assert "cookies" in privacy.text


def test_the_chat_page_loads_only_its_own_script_and_styles(client: TestClient) -> None:
    page = client.get("/chat").text

    assert "<style" not in page
    assert "<script>" not in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    for asset in ("text.js", "chat.js", "chat.css", "icon.svg"):
        assert client.get(f"/static/chat/{asset}").status_code == 200, asset
        assert f"/static/chat/{asset}" in page


@pytest.mark.parametrize("script", ["chat.js", "text.js"])
def test_the_chat_scripts_add_text_with_textcontent_never_as_html(script: str) -> None:
    source = (STATIC_CHAT / script).read_text(encoding="utf-8")

    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source, sink


def test_the_chat_keeps_the_conversation_in_the_tab_and_sets_no_cookie() -> None:
    script = (STATIC_CHAT / "chat.js").read_text(encoding="utf-8")

    assert "textContent" in script
    assert "sessionStorage" in script
    assert "document.cookie" not in script


def test_the_chat_proxy_forwards_to_rasa_and_returns_its_replies_as_they_are(
    client: TestClient, rasa_calls: list[httpx.Request], api_env: dict[str, str]
) -> None:
    response = client.post("/chat/messages", json={"sender": "abc-123", "message": "  Hello "})

    assert response.status_code == 200
    assert response.json()[0] == {
        "recipient_id": "abc-123",
        "text": "May I pass this on to the forum?",
    }
    assert response.json()[1]["buttons"][0] == {"title": "Yes", "payload": "/affirm"}
    (call,) = rasa_calls
    assert str(call.url) == api_env["RASA_URL"] + "/webhooks/rest/webhook"
    assert json.loads(call.content) == {
        "sender": "abc-123",
        "message": "Hello",
        "metadata": {"channel": "webchat"},
    }


def test_the_chosen_language_and_easy_read_go_to_rasa_as_metadata(
    client: TestClient, rasa_calls: list[httpx.Request]
) -> None:
    response = client.post(
        "/chat/messages",
        json={"sender": "abc", "message": "Polski", "language": "pl", "easy_read": True},
    )

    assert response.status_code == 200
    (call,) = rasa_calls
    assert json.loads(call.content)["metadata"] == {
        "channel": "webchat",
        "language": "pl",
        "easy_read": True,
    }


def test_a_page_cannot_claim_another_channel(
    client: TestClient, rasa_calls: list[httpx.Request]
) -> None:
    client.post("/chat/messages", json={"sender": "abc", "message": "hi", "channel": "sms"})

    (call,) = rasa_calls
    assert json.loads(call.content)["metadata"] == {"channel": "webchat"}


def test_the_chat_proxy_answers_503_kindly_when_rasa_is_unreachable(
    client: TestClient,
) -> None:
    # RASA_URL points at a closed port (see conftest).
    response = client.post("/chat/messages", json={"sender": "abc", "message": "Hello"})

    assert response.status_code == 503
    error = response.json()["error"]
    assert error["code"] == "assistant_unavailable"
    assert "try again" in error["message"]


@pytest.mark.parametrize(
    ("rasa_status", "rasa_body", "status", "code"),
    [
        pytest.param(500, {"oops": True}, 503, "assistant_unavailable", id="rasa failed"),
        pytest.param(400, {"oops": True}, 502, "assistant_error", id="rasa refused"),
        pytest.param(200, {"not": "a list"}, 502, "assistant_error", id="not a list"),
    ],
)
def test_a_broken_answer_from_rasa_gives_a_clean_error(
    client: TestClient, rasa_status: int, rasa_body: Any, status: int, code: str
) -> None:
    state = client.app.state  # type: ignore[attr-defined]
    real_client = state.http_client
    state.http_client = httpx.AsyncClient(
        transport=httpx.MockTransport(lambda _: httpx.Response(rasa_status, json=rasa_body))
    )
    try:
        response = client.post("/chat/messages", json={"sender": "abc", "message": "Hello"})
    finally:
        state.http_client = real_client

    assert response.status_code == status
    assert response.json()["error"]["code"] == code


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"sender": "abc", "message": ""}, id="empty message"),
        pytest.param({"sender": "abc", "message": "   "}, id="only spaces"),
        pytest.param({"sender": "abc", "message": "x" * 2001}, id="message too long"),
        pytest.param({"sender": "", "message": "Hello"}, id="no sender"),
        pytest.param({"message": "Hello"}, id="sender missing"),
        pytest.param({"sender": "abc", "message": "Hi", "language": "Polish"}, id="bad language"),
        pytest.param({"sender": "abc", "message": "Hi", "easy_read": "maybe"}, id="bad easy read"),
    ],
)
def test_a_chat_message_that_does_not_fit_is_refused_with_422(
    client: TestClient, body: dict[str, str]
) -> None:
    response = client.post("/chat/messages", json=body)

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_error"


def test_a_message_of_2000_characters_is_passed_on(
    client: TestClient, rasa_calls: list[httpx.Request]
) -> None:
    response = client.post("/chat/messages", json={"sender": "abc", "message": "x" * 2000})

    assert response.status_code == 200
    assert len(rasa_calls) == 1


def test_chat_origin_lets_one_other_site_post_chat_messages(
    api_env: dict[str, str], monkeypatch: pytest.MonkeyPatch, client_class: type[TestClient]
) -> None:
    monkeypatch.setenv("CHAT_ORIGIN", "https://www.council.example/")

    with client_class(create_app()) as client:
        allowed = client.options(
            "/chat/messages",
            headers={
                "Origin": "https://www.council.example",
                "Access-Control-Request-Method": "POST",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        other = client.options(
            "/chat/messages",
            headers={
                "Origin": "https://elsewhere.example",
                "Access-Control-Request-Method": "POST",
            },
        )

    assert allowed.headers["access-control-allow-origin"] == "https://www.council.example"
    assert "access-control-allow-origin" not in other.headers
