"""A stand-in Twilio on 127.0.0.1, speaking the parts of its real HTTP API the bot uses.

- ``POST /2010-04-01/Accounts/{AccountSid}/Messages.json`` (HTTP Basic auth with the account
  SID and auth token, form fields ``To``, ``From`` or ``MessagingServiceSid``, ``Body``,
  ``StatusCallback``) answers ``201`` with a Message resource shaped as Twilio's, then POSTs
  the status callbacks (``sent``, then ``delivered``) to ``StatusCallback``, signed with
  ``X-Twilio-Signature`` as Twilio signs them. Errors have Twilio's shape
  (``{"code", "message", "more_info", "status"}``): 401 for a wrong token; ``21610`` for a
  number that sent STOP to the carrier (``opt_out_at_carrier``); 500s on demand (``fail_next``).
- ``send_inbound(...)`` plays Twilio calling our webhook with an incoming SMS, signed with
  ``twilio.request_validator.RequestValidator`` (or the same HMAC-SHA1 in the standard library
  when ``twilio`` is not installed: the API's test environment), or with a forged signature.

Everything received is recorded (``messages``, ``callbacks``) so tests can assert on it.
Standard library only (plus ``twilio`` when present). Run alone:
``python tests/fakes/fake_twilio.py --port 5099``.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

ACCOUNT_SID = "AC" + "0" * 31 + "1"
AUTH_TOKEN = "fake-twilio-auth-token-0123456789"
FROM_NUMBER = "+447700900000"

try:  # the real library's signature, where it is installed (the bot's environment)
    from twilio.request_validator import RequestValidator as _Validator
except ImportError:  # pragma: no cover - the API's environment
    _Validator = None


def twilio_signature(token: str, url: str, params: dict[str, str]) -> str:
    """``X-Twilio-Signature`` for a POST of ``params`` to ``url``, as Twilio computes it."""
    if _Validator is not None:
        return _Validator(token).compute_signature(url, params)
    data = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    digest = hmac.new(token.encode(), data.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def _error(status: int, code: int, message: str) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "more_info": f"https://www.twilio.com/docs/errors/{code}",
        "status": status,
    }


@dataclass
class SentMessage:
    """A message the bot asked Twilio to send."""

    sid: str
    to: str
    body: str
    sender: str
    status_callback: str | None
    at: float = field(default_factory=time.monotonic)


class FakeTwilio:
    """The server: ``start()``, ``url``, ``stop()``.

    Args:
        account_sid: The account the bot must use.
        auth_token: Its token (Basic auth password, and the signature key).
        callbacks: Send status callbacks (``sent``, ``delivered``) after each message.
    """

    def __init__(
        self,
        *,
        account_sid: str = ACCOUNT_SID,
        auth_token: str = AUTH_TOKEN,
        callbacks: bool = True,
        port: int = 0,
    ) -> None:
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.send_callbacks = callbacks
        self.messages: list[SentMessage] = []
        self.callbacks: list[dict[str, Any]] = []
        self.opt_out_at_carrier: set[str] = set()
        self._fail_next = 0
        self._lock = threading.Lock()
        self._port = port
        self._server: ThreadingHTTPServer | None = None
        self._inbound_counter = 0
        fake = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True  # one request must not wait 40 ms for an ACK

            def log_message(self, *args: Any) -> None:
                return

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode() if length else ""
                form = {k: v[0] for k, v in urllib.parse.parse_qs(raw).items()}
                status, body = fake._handle(self.path, self.headers.get("Authorization"), form)
                self._send(status, body)

        self._handler = Handler

    # --- the server -------------------------------------------------------------------------

    def start(self) -> FakeTwilio:
        self._server = ThreadingHTTPServer(("127.0.0.1", self._port), self._handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def fail_next(self, count: int = 1) -> None:
        """The next ``count`` sends get a 500 (Twilio having a bad moment)."""
        with self._lock:
            self._fail_next = count

    # --- the Messages resource ------------------------------------------------------------

    def _handle(self, path: str, auth: str | None, form: dict[str, str]) -> tuple[int, Any]:
        prefix = f"/2010-04-01/Accounts/{self.account_sid}/Messages.json"
        if urllib.parse.urlparse(path).path != prefix:
            return 404, _error(404, 20404, "The requested resource was not found")
        expected = base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if auth != f"Basic {expected}":
            return 401, _error(401, 20003, "Authenticate")
        to, body = form.get("To"), form.get("Body")
        sender = form.get("From") or form.get("MessagingServiceSid")
        if not to or not body or not sender:
            return 400, _error(400, 21604, "A 'To', 'Body' and 'From' are required.")
        with self._lock:
            if self._fail_next:
                self._fail_next -= 1
                return 500, _error(500, 20500, "Internal Server Error")
        if to in self.opt_out_at_carrier:
            return 400, _error(400, 21610, "Attempt to send to unsubscribed recipient")
        sid = "SM" + secrets.token_hex(16)
        message = SentMessage(sid, to, body, sender, form.get("StatusCallback"))
        with self._lock:
            self.messages.append(message)
        now = formatdate(usegmt=True)
        resource = {
            "account_sid": self.account_sid,
            "api_version": "2010-04-01",
            "body": body,
            "date_created": now,
            "date_sent": None,
            "date_updated": now,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": form.get("From"),
            "messaging_service_sid": form.get("MessagingServiceSid"),
            "num_media": "0",
            "num_segments": "1",
            "price": None,
            "price_unit": "USD",
            "sid": sid,
            "status": "queued",
            "subresource_uris": {
                "media": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}/Media.json"
            },
            "to": to,
            "uri": f"/2010-04-01/Accounts/{self.account_sid}/Messages/{sid}.json",
        }
        if message.status_callback and self.send_callbacks:
            threading.Thread(target=self._status_callbacks, args=(message,), daemon=True).start()
        return 201, resource

    def _status_callbacks(self, message: SentMessage) -> None:
        for state in ("sent", "delivered"):
            time.sleep(0.05)
            params = {
                "AccountSid": self.account_sid,
                "ApiVersion": "2010-04-01",
                "From": message.sender,
                "MessageSid": message.sid,
                "MessageStatus": state,
                "SmsSid": message.sid,
                "SmsStatus": state,
                "To": message.to,
            }
            status = self.post_signed(message.status_callback or "", params)
            with self._lock:
                self.callbacks.append({"sid": message.sid, "status": state, "answer": status})

    # --- Twilio calling the bot ---------------------------------------------------------------

    def post_signed(self, url: str, params: dict[str, str], *, signature: str | None = None) -> int:
        """POST ``params`` to ``url`` as Twilio does; returns the HTTP status."""
        data = urllib.parse.urlencode(params).encode()
        request = urllib.request.Request(url, data=data, method="POST")  # noqa: S310 - local
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        request.add_header("User-Agent", "TwilioProxy/1.1")
        request.add_header(
            "X-Twilio-Signature",
            signature if signature is not None else twilio_signature(self.auth_token, url, params),
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - local
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def inbound_params(self, sender: str, body: str, *, sid: str | None = None) -> dict[str, str]:
        """The form Twilio posts for an incoming SMS from ``sender``."""
        with self._lock:
            self._inbound_counter += 1
        sid = sid or "SM" + secrets.token_hex(16)
        return {
            "AccountSid": self.account_sid,
            "ApiVersion": "2010-04-01",
            "Body": body,
            "From": sender,
            "FromCountry": "GB",
            "MessageSid": sid,
            "NumMedia": "0",
            "NumSegments": "1",
            "SmsMessageSid": sid,
            "SmsSid": sid,
            "SmsStatus": "received",
            "To": FROM_NUMBER,
            "ToCountry": "GB",
        }

    def send_inbound(
        self,
        webhook_url: str,
        sender: str,
        body: str,
        *,
        sid: str | None = None,
        signature: str | None = None,
    ) -> int:
        """Play an incoming SMS at ``webhook_url``; ``signature`` forces a header value."""
        return self.post_signed(
            webhook_url, self.inbound_params(sender, body, sid=sid), signature=signature
        )

    # --- reading what was sent ----------------------------------------------------------------

    def sent_to(self, number: str) -> list[SentMessage]:
        with self._lock:
            return [m for m in self.messages if m.to == number]

    def wait_for(
        self, number: str, after: int, *, timeout: float = 60, quiet: float = 1.0
    ) -> list[SentMessage]:
        """Messages to ``number`` beyond the first ``after``, once they stop coming for
        ``quiet`` seconds (a reply's parts come together)."""
        deadline = time.monotonic() + timeout
        last_count, last_change = after, time.monotonic()
        while time.monotonic() < deadline:
            count = len(self.sent_to(number))
            if count != last_count:
                last_count, last_change = count, time.monotonic()
            elif count > after and time.monotonic() - last_change >= quiet:
                break
            time.sleep(0.05)
        return self.sent_to(number)[after:]


def main() -> None:
    parser = argparse.ArgumentParser(description="A stand-in Twilio REST API")
    parser.add_argument("--port", type=int, default=5099)
    args = parser.parse_args()
    fake = FakeTwilio(port=args.port).start()
    print(f"fake Twilio on {fake.url} (account {fake.account_sid}, token {fake.auth_token})")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
