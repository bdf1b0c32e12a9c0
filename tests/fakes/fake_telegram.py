"""A stand-in Telegram Bot API on 127.0.0.1, speaking the methods the bot uses.

``POST /bot<token>/<method>`` (JSON, form or query parameters, as the real one takes them;
python-telegram-bot sends a form with JSON-encoded values): ``getMe``, ``setWebhook``,
``deleteWebhook``, ``getWebhookInfo``, ``sendMessage``, ``answerCallbackQuery``,
``editMessageReplyMarkup``, ``editMessageText``, answering ``{"ok": true, "result": ...}`` with
objects shaped as Telegram's (User, Message, Chat...), or ``{"ok": false, "error_code",
"description"}`` (401 for a wrong token, 400 for a missing parameter, 403 for a chat that
blocked the bot: ``blocked``).

``post_update(update)`` plays Telegram delivering an Update to the webhook registered with
``setWebhook``, with its ``X-Telegram-Bot-Api-Secret-Token`` (or another, to test refusal);
``text_update``, ``callback_update``, ``sticker_update``, ``edited_update`` build real-shaped
Updates. Everything the bot sent is recorded. Standard library only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

TOKEN = "123456789:AAFakeTelegramTokenForTests_0123456789"
BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "SEND Voices",
    "username": "send_voices_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
    "can_connect_to_business": False,
    "has_main_web_app": False,
}


@dataclass
class BotCall:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)


class FakeTelegram:
    """The server: ``start()``, ``api_url`` (for ``base_url``), ``stop()``."""

    def __init__(self, *, token: str = TOKEN, port: int = 0) -> None:
        self.token = token
        self.calls: list[BotCall] = []
        self.webhook: dict[str, Any] = {}
        self.blocked: set[int] = set()
        self._message_ids = itertools.count(1000)
        self._update_ids = itertools.count(500000)
        self._lock = threading.Lock()
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # one request must not wait 40 ms for an ACK

            def log_message(self, *args: Any) -> None:
                return

            def _answer(self) -> None:
                parsed = urllib.parse.urlparse(self.path)
                params: dict[str, Any] = {
                    k: v[0] for k, v in urllib.parse.parse_qs(parsed.query).items()
                }
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                kind = self.headers.get("Content-Type") or ""
                if raw and "json" in kind:
                    params.update(json.loads(raw))
                elif raw:
                    params.update({k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()})
                status, body = fake._handle(parsed.path, params)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _answer  # noqa: N815 - http.server's naming
            do_POST = _answer  # noqa: N815

        self._handler = Handler

    def start(self) -> FakeTelegram:
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def api_url(self) -> str:
        """What python-telegram-bot takes as ``base_url`` (the token is appended)."""
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/bot"

    # --- the Bot API ----------------------------------------------------------------------------

    @staticmethod
    def _value(params: dict[str, Any], name: str) -> Any:
        value = params.get(name)
        if isinstance(value, str) and value[:1] in "[{":
            return json.loads(value)
        return value

    def _handle(self, path: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        prefix = f"/bot{self.token}/"
        if not path.startswith(prefix):
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        method = path[len(prefix) :]
        decoded = {k: self._value(params, k) for k in params}
        with self._lock:
            self.calls.append(BotCall(method, decoded))
        handler = getattr(self, f"_m_{method}", None)
        if handler is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return handler(decoded)

    def _m_getMe(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        return 200, {"ok": True, "result": BOT_USER}

    def _m_setWebhook(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        if not params.get("url"):
            return 400, {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: bad webhook: an HTTPS URL must be provided",
            }
        self.webhook = {
            "url": params["url"],
            "secret_token": params.get("secret_token"),
            "allowed_updates": params.get("allowed_updates"),
        }
        return 200, {"ok": True, "result": True, "description": "Webhook was set"}

    def _m_deleteWebhook(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        self.webhook = {}
        return 200, {"ok": True, "result": True, "description": "Webhook was deleted"}

    def _m_getWebhookInfo(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        info = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": 0,
        }
        return 200, {"ok": True, "result": info}

    def _message(self, chat_id: int, text: str, reply_markup: Any = None) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "from": BOT_USER,
            "chat": {"id": chat_id, "first_name": "Parent", "type": "private"},
            "date": int(time.time()),
            "text": text,
        }
        if reply_markup:
            message["reply_markup"] = reply_markup
        return message

    def _m_sendMessage(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        if not params.get("chat_id") or not params.get("text"):
            return 400, {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: message text is empty",
            }
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return 403, {
                "ok": False,
                "error_code": 403,
                "description": "Forbidden: bot was blocked by the user",
            }
        return 200, {
            "ok": True,
            "result": self._message(chat_id, str(params["text"]), params.get("reply_markup")),
        }

    def _m_answerCallbackQuery(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        if not params.get("callback_query_id"):
            return 400, {
                "ok": False,
                "error_code": 400,
                "description": "Bad Request: query is too old",
            }
        return 200, {"ok": True, "result": True}

    def _m_editMessageReplyMarkup(self, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:  # noqa: N802
        return 200, {
            "ok": True,
            "result": self._message(int(params.get("chat_id") or 0), "(edited)"),
        }

    _m_editMessageText = _m_editMessageReplyMarkup

    # --- Telegram calling the bot -----------------------------------------------------------------

    def post_update(
        self, update: dict[str, Any], *, secret: str | None = None, url: str | None = None
    ) -> int:
        """POST an Update to the registered webhook; returns the HTTP status."""
        target = url or self.webhook.get("url")
        assert target, "no webhook registered (setWebhook was not called)"
        request = urllib.request.Request(  # noqa: S310 - a local test URL
            target, data=json.dumps(update).encode(), method="POST"
        )
        request.add_header("Content-Type", "application/json")
        token = self.webhook.get("secret_token") if secret is None else secret
        if token:
            request.add_header("X-Telegram-Bot-Api-Secret-Token", token)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def _user(self, chat_id: int) -> dict[str, Any]:
        return {"id": chat_id, "is_bot": False, "first_name": "Parent", "language_code": "en"}

    def _incoming(self, chat_id: int, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "from": self._user(chat_id),
            "chat": {"id": chat_id, "first_name": "Parent", "type": "private"},
            "date": int(time.time()),
            **content,
        }

    def text_update(
        self, chat_id: int, text: str, *, update_id: int | None = None
    ) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [
                {"offset": 0, "length": len(text.split()[0]), "type": "bot_command"}
            ]
        return {
            "update_id": update_id or next(self._update_ids),
            "message": self._incoming(chat_id, **content),
        }

    def sticker_update(self, chat_id: int) -> dict[str, Any]:
        sticker = {
            "file_id": "CAACAgIAAxkBAAEFake",
            "file_unique_id": "AgADFake",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "👍",
        }
        return {
            "update_id": next(self._update_ids),
            "message": self._incoming(chat_id, sticker=sticker),
        }

    def voice_update(self, chat_id: int) -> dict[str, Any]:
        voice = {
            "file_id": "AwACAgQAAxkBFake",
            "file_unique_id": "AgADVoice",
            "duration": 3,
            "mime_type": "audio/ogg",
        }
        return {
            "update_id": next(self._update_ids),
            "message": self._incoming(chat_id, voice=voice),
        }

    def edited_update(self, chat_id: int, text: str) -> dict[str, Any]:
        edited = self._incoming(chat_id, text=text, edit_date=int(time.time()))
        return {"update_id": next(self._update_ids), "edited_message": edited}

    def callback_update(
        self, chat_id: int, data: str, *, message_id: int | None = None
    ) -> dict[str, Any]:
        message = {
            "message_id": message_id or next(self._message_ids),
            "from": BOT_USER,
            "chat": {"id": chat_id, "first_name": "Parent", "type": "private"},
            "date": int(time.time()),
            "text": "(the message with the keyboard)",
        }
        query = {
            "id": str(next(self._update_ids)),
            "from": self._user(chat_id),
            "message": message,
            "chat_instance": "-1234567890",
            "data": data,
        }
        return {"update_id": next(self._update_ids), "callback_query": query}

    # --- reading what was sent ------------------------------------------------------------------

    def sent_to(self, chat_id: int) -> list[BotCall]:
        with self._lock:
            return [
                c
                for c in self.calls
                if c.method == "sendMessage" and int(c.params.get("chat_id") or 0) == chat_id
            ]

    def calls_of(self, method: str) -> list[BotCall]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self, chat_id: int, after: int, *, timeout: float = 60, quiet: float = 1.0
    ) -> list[BotCall]:
        """Messages to ``chat_id`` beyond the first ``after``, once they stop for ``quiet`` s."""
        deadline = time.monotonic() + timeout
        last_count, last_change = after, time.monotonic()
        while time.monotonic() < deadline:
            count = len(self.sent_to(chat_id))
            if count != last_count:
                last_count, last_change = count, time.monotonic()
            elif count > after and time.monotonic() - last_change >= quiet:
                break
            time.sleep(0.05)
        return self.sent_to(chat_id)[after:]


def main() -> None:
    parser = argparse.ArgumentParser(description="A stand-in Telegram Bot API")
    parser.add_argument("--port", type=int, default=5098)
    args = parser.parse_args()
    fake = FakeTelegram(port=args.port).start()
    print(f"fake Telegram Bot API on {fake.api_url} (token {fake.token})")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
