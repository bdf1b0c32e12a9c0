"""A stand-in LibreTranslate server on 127.0.0.1, speaking its real HTTP API.

``POST /translate`` (``q``, ``source``, ``target``, ``format``, ``api_key`` as JSON, form
or query string, as the real server accepts them) answers ``{"translatedText": ...}``;
``GET /languages`` lists the languages with their targets. Errors have the real shape,
``{"error": "..."}`` with status 400 or 403.

Translations are canned (``libretranslate_canned.json``: ``{"es->en": {"q": "..."}}``);
text with no canned translation comes back as ``"[<target>] " + q`` (as it is when the
target is English), so a test can see that it went through the translator, with its
placeholders intact.

Only the standard library: both test environments use it, and it can run on its own
as an opt-in dev aid for ``make run``:
``python tests/fakes/libretranslate.py --port 5000`` then ``LIBRETRANSLATE_URL=http://127.0.0.1:5000``.

Test controls (not part of LibreTranslate): ``POST /_fake/settings`` with
``{"delay": seconds}`` slows every answer down; ``GET /_fake/requests`` lists what was asked.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

CANNED_FILE = Path(__file__).with_name("libretranslate_canned.json")

# The languages of LibreTranslate's Argos models that matter here: no Somali,
# Punjabi, Gujarati or Tamil, as on a real server.
LANGUAGES = {
    "en": "English",
    "ar": "Arabic",
    "bn": "Bengali",
    "de": "German",
    "es": "Spanish",
    "fa": "Persian",
    "fr": "French",
    "hi": "Hindi",
    "it": "Italian",
    "lt": "Lithuanian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sq": "Albanian",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "ur": "Urdu",
    "zh": "Chinese",
}


def _normalise(text: str) -> str:
    return " ".join(text.split())


class FakeLibreTranslate:
    """The server: start it, read ``url``, stop it.

    Args:
        canned: ``{"src->tgt": {q: translation}}``; defaults to the canned file.
        api_key: When set, requests must carry this key (403 otherwise).
        port: 0 picks a free port.
    """

    def __init__(
        self,
        canned: dict[str, dict[str, str]] | None = None,
        *,
        api_key: str | None = None,
        port: int = 0,
    ) -> None:
        if canned is None:
            canned = json.loads(CANNED_FILE.read_text(encoding="utf-8"))
        self.canned = {
            pair: {_normalise(q): t for q, t in table.items()} for pair, table in canned.items()
        }
        self.api_key = api_key
        self.delay = 0.0
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body, ensure_ascii=False).encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _params(self) -> dict[str, str]:
                parsed = urlparse(self.path)
                params = {k: v[0] for k, v in parse_qs(parsed.query).items()}
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                kind = self.headers.get("Content-Type") or ""
                if raw and "json" in kind:
                    params.update({k: str(v) for k, v in json.loads(raw).items()})
                elif raw:
                    params.update({k: v[0] for k, v in parse_qs(raw.decode("utf-8")).items()})
                return params

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                path = urlparse(self.path).path
                if path == "/languages":
                    codes = sorted(LANGUAGES)
                    self._send(
                        200,
                        [{"code": c, "name": LANGUAGES[c], "targets": codes} for c in codes],
                    )
                elif path == "/_fake/requests":
                    with fake._lock:
                        self._send(200, list(fake.requests))
                else:
                    self._send(404, {"error": "Not Found"})

            def do_POST(self) -> None:  # noqa: N802
                path = urlparse(self.path).path
                params = self._params()
                if path == "/_fake/settings":
                    fake.delay = float(params.get("delay", 0))
                    self._send(200, {"delay": fake.delay})
                    return
                if path != "/translate":
                    self._send(404, {"error": "Not Found"})
                    return
                with fake._lock:
                    fake.requests.append(dict(params))
                if fake.delay:
                    time.sleep(fake.delay)
                if fake.api_key and params.get("api_key") != fake.api_key:
                    self._send(403, {"error": "Invalid API key"})
                    return
                q, source, target = params.get("q"), params.get("source"), params.get("target")
                if not q:
                    self._send(400, {"error": "Invalid request: missing q parameter"})
                    return
                for code in (source, target):
                    if code != "auto" and code not in LANGUAGES:
                        self._send(400, {"error": f"{code} is not supported"})
                        return
                table = fake.canned.get(f"{source}->{target}", {})
                # Unknown text: English comes back as it is (harmless to understanding),
                # other targets marked, so a test sees it went through the translator.
                default = q if target == "en" else f"[{target}] {q}"
                translated = table.get(_normalise(q), default)
                self._send(200, {"translatedText": translated})

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self) -> FakeLibreTranslate:
        """Start serving in a background thread."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving."""
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    """Serve until Ctrl-C (an opt-in dev aid for ``make run``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args()
    fake = FakeLibreTranslate(port=args.port).start()
    print(f"fake LibreTranslate on {fake.url} (canned translations; Ctrl-C to stop)")
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
