"""Starts the real stack (Rasa server, action server, forums API) with scripts/run.sh.

The processes run on free ports with their own data folder, so a `make run` on the same
machine is left alone. The tests talk to them over HTTP only.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
RASA_TOKEN = "e2e-rasa-token"

sys.path.insert(0, str(ROOT / "tests" / "fakes"))
from fake_telegram import FakeTelegram  # noqa: E402
from fake_twilio import FROM_NUMBER, FakeTwilio  # noqa: E402
from libretranslate import FakeLibreTranslate  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "shutdown: stops the shared stack; runs last")
    config.addinivalue_line(
        "markers", "log_scan: reads the whole stack log; runs after the others, before shutdown"
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every e2e module shares one stack, so the test that stops it must come last (and the
    one that reads every log line just before it)."""
    items.sort(
        key=lambda item: (
            item.get_closest_marker("shutdown") is not None,
            item.get_closest_marker("log_scan") is not None,
        )
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    process: subprocess.Popen
    env: dict[str, str]
    rasa_url: str
    api_url: str
    action_url: str
    log_path: Path
    translator: FakeLibreTranslate | None = None
    twilio: FakeTwilio | None = None
    telegram: FakeTelegram | None = None
    keys: dict[str, str] = field(default_factory=dict)

    def say(self, sender: str, message: str, **metadata: str) -> list[dict]:
        """Sends one message through the REST channel and returns Rasa's replies."""
        body = {"sender": sender, "message": message, "metadata": metadata}
        response = httpx.post(f"{self.rasa_url}/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()

    def tracker(self, sender: str) -> dict:
        response = httpx.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": RASA_TOKEN},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def forum_key(self, role: str, forum: str = "local") -> str:
        """Creates a key with the documented command, `make forum-key`."""
        if (forum, role) not in self.keys:
            result = subprocess.run(
                ["make", "--no-print-directory", "forum-key", f"FORUM={forum}", f"ROLE={role}"],
                cwd=ROOT,
                env=self.env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert result.returncode == 0, result.stderr
            self.keys[(forum, role)] = result.stdout.strip().splitlines()[-1]
        return self.keys[(forum, role)]

    def views(self, **params: str) -> list[dict]:
        key = self.forum_key("moderator")
        response = httpx.get(
            f"{self.api_url}/api/v1/views",
            params=params,
            headers={"Authorization": f"Bearer {key}"},
            timeout=30,
        )
        response.raise_for_status()
        return response.json()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def wait_until_ready(stack: Stack, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if stack.process.poll() is not None:
            raise RuntimeError(f"the stack exited early:\n{stack.log()[-4000:]}")
        if "run: ready." in stack.log():
            return
        time.sleep(0.5)
    raise RuntimeError(f"the stack did not become ready:\n{stack.log()[-4000:]}")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    var_dir = tmp_path_factory.mktemp("var")
    # A stand-in LibreTranslate (canned translations) for the languages tests.
    translator = FakeLibreTranslate().start()
    # Stand-in Twilio and Telegram Bot API servers: the real clients in the Rasa server and
    # the outbound dispatcher talk to them, and they call the real webhooks (tests/fakes).
    twilio = FakeTwilio().start()
    telegram = FakeTelegram().start()
    ports = {"RASA_PORT": free_port(), "ACTION_PORT": free_port(), "API_PORT": free_port()}
    rasa_url = f"http://127.0.0.1:{ports['RASA_PORT']}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("API_", "RASA_"))},
        **{k: str(v) for k, v in ports.items()},
        "VAR_DIR": str(var_dir),
        "RASA_AUTH_TOKEN": RASA_TOKEN,
        "SKIP_SETUP": "1",
        "DATABASE_URL": f"sqlite:///{var_dir}/api.db",
        "TRANSLATOR": "libre",
        "LIBRETRANSLATE_URL": translator.url,
        "TRANSLATOR_TIMEOUT": "2",
        "TRANSLATOR_COOLDOWN": "1",
        "TWILIO_ACCOUNT_SID": twilio.account_sid,
        "TWILIO_AUTH_TOKEN": twilio.auth_token,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_URL": twilio.url,
        "TWILIO_PUBLIC_URL": rasa_url,
        "TELEGRAM_BOT_TOKEN": telegram.token,
        "TELEGRAM_WEBHOOK_SECRET": "e2e-telegram-secret_0123456789",
        "TELEGRAM_API_URL": telegram.api_url,
        "TELEGRAM_WEBHOOK_URL": f"{rasa_url}/webhooks/telegram/webhook",
        "OUTBOUND_POLL_SECONDS": "1",
        "OUTBOUND_QUICK_VIEWS": "0",
        # Tests open and close quick views between turns: always ask the API.
        "QUICK_VIEWS_CACHE_SECONDS": "0",
        "DELIVERY_REPORT_WAIT": "5",
    }
    for name in ("API_URL", "RASA_URL", "ACTION_SERVER_URL", "TRACKER_DB", "OUTBOX_DB",
                 "TRANSLATION_DB", "CHANNEL_DB"):
        env.pop(name, None)
    log_path = var_dir / "stack.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["scripts/run.sh"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # A suite started in the background inherits an ignored SIGINT, and bash cannot
            # trap a signal ignored on entry: give the stack Ctrl-C back, as in a terminal.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
    stack = Stack(
        process=process,
        env=env,
        rasa_url=rasa_url,
        api_url=f"http://127.0.0.1:{ports['API_PORT']}",
        action_url=f"http://127.0.0.1:{ports['ACTION_PORT']}",
        log_path=log_path,
        translator=translator,
        twilio=twilio,
        telegram=telegram,
    )
    try:
        wait_until_ready(stack)
        yield stack
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        translator.stop()
        twilio.stop()
        telegram.stop()
