"""The production profile on the real local servers: Rasa's tracker store on PostgreSQL,
the Redis lock store, two Rasa servers and two action servers behind nginx, the API on
PostgreSQL with two workers. Started with the same scripts/run.sh as `make run`, with
PROFILE=production (configuration only, no other code path).

Redis is a real redis-server of the test's own (Debian's binary, nothing kept on disk), so
the result does not depend on how the machine's shared Redis happens to be configured."""

from __future__ import annotations

import os
import random
import shutil
import signal
import socket
import subprocess
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import psycopg
import pytest

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "prod-test-rasa-token"


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def free_block(size: int) -> int:
    for _ in range(200):
        base = random.randrange(40000, 60000, 100)
        if all(port_is_free(base + i) for i in range(size)):
            return base
    raise RuntimeError("no free block of ports")


@dataclass
class ProductionStack:
    process: subprocess.Popen
    env: dict[str, str]
    balancer: str
    backends: list[str]
    api: str
    log_path: Path

    def say(self, url: str, sender: str, message: str) -> list[dict]:
        response = httpx.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        response.raise_for_status()
        replies = response.json()
        # Rasa's REST channel answers 200 with no replies when handling the message failed
        # (a lock store or tracker store error): show why rather than a bare empty list.
        assert replies, f"no reply to {message!r}; the stack's log ends:\n{self.log_tail()}"
        return replies

    def served_by(self, sender: str, message: str) -> str:
        """Send a turn through the balancer; the backend URL of the process that answered."""
        response = httpx.post(
            f"{self.balancer}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=60,
        )
        response.raise_for_status()
        assert response.json(), f"no reply to {message!r}; the stack's log ends:\n{self.log_tail()}"
        # nginx lists every process it tried; the last one answered.
        return "http://" + response.headers["X-Upstream"].split(",")[-1].strip()

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def user_turns(self, sender: str) -> list[str]:
        response = httpx.get(
            f"{self.balancer}/conversations/{sender}/tracker",
            params={"token": TOKEN},
            timeout=30,
        )
        response.raise_for_status()
        return [e["text"] for e in response.json()["events"] if e["event"] == "user"]


def start_redis(folder: Path) -> tuple[subprocess.Popen, int]:
    """A throw-away redis-server on a free port; tries other ports if one is taken."""
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    failures = []
    for attempt in range(3):
        port = free_block(1)
        log = folder / f"redis-{attempt}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(folder)],
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 20
        while port_is_free(port) and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        if process.poll() is None and not port_is_free(port):
            return process, port
        process.kill()
        process.wait(timeout=10)
        failures.append(f"port {port}: {log.read_text(errors='replace')[-1500:]}")
    pytest.fail("redis-server did not start:\n" + "\n".join(failures))


@pytest.fixture(scope="module")
def redis_port(tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    process, port = start_redis(tmp_path_factory.mktemp("redis"))
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory, redis_port: int) -> Iterator[ProductionStack]:
    suffix = uuid.uuid4().hex[:8]
    tracker_db, api_db = f"prod_tracker_{suffix}", f"prod_api_{suffix}"
    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f'CREATE DATABASE "{api_db}"')
        db.execute(f'CREATE DATABASE "{tracker_db}"')
    base = free_block(100)
    var_dir = tmp_path_factory.mktemp("prod")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("API_", "RASA_", "TRACKER_"))},
        "PROFILE": "production",
        "SKIP_SETUP": "1",
        "VAR_DIR": str(var_dir),
        "RASA_PORT": str(base),
        "ACTION_PORT": str(base + 1),
        "API_PORT": str(base + 2),
        "BACKEND_PORT_BASE": str(base + 10),
        "RASA_AUTH_TOKEN": TOKEN,
        "API_SERVICE_TOKEN": "prod-test-service-token-0123456789",
        "PSEUDONYM_SECRET": "prod-test-pseudonym-secret-0123456789",
        "TRACKER_DB_NAME": tracker_db,
        "DATABASE_URL": f"postgresql+psycopg://postgres@127.0.0.1:5432/{api_db}",
        "REDIS_HOST": "127.0.0.1",
        "REDIS_PORT": str(redis_port),
        "REDIS_DB": "3",
    }
    for name in ("API_URL", "RASA_URL", "ACTION_SERVER_URL", "OUTBOX_DB", "DEFAULT_FORUM"):
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
        )
    stack = ProductionStack(
        process=process,
        env=env,
        balancer=f"http://127.0.0.1:{base}",
        backends=[f"http://127.0.0.1:{base + 11}", f"http://127.0.0.1:{base + 12}"],
        api=f"http://127.0.0.1:{base + 2}",
        log_path=log_path,
    )
    try:
        deadline = time.monotonic() + 420
        while "run: ready." not in log_path.read_text():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the production stack did not start:\n{log_path.read_text()[-5000:]}")
            time.sleep(1)
        yield stack
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        with psycopg.connect(
            "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
        ) as db:
            db.execute(f'DROP DATABASE IF EXISTS "{api_db}" WITH (FORCE)')
            db.execute(f'DROP DATABASE IF EXISTS "{tracker_db}" WITH (FORCE)')


def test_conversations_are_kept_in_postgres(stack: ProductionStack) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    stack.say(stack.balancer, sender, "hello")
    name = stack.env["TRACKER_DB_NAME"]
    with psycopg.connect(f"postgresql://postgres@127.0.0.1:5432/{name}") as db:
        rows = db.execute("SELECT count(*) FROM events WHERE sender_id = %s", (sender,)).fetchone()
    assert rows is not None and rows[0] > 0


def test_one_conversation_moves_between_rasa_processes_and_keeps_its_state(
    stack: ProductionStack,
) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    first, second = stack.backends
    marker = f"walnut{uuid.uuid4().int % 10**6:06d}"
    turns = [
        (first, "hello"),
        (second, f"The taxi to school has been late every day this term {marker}"),
        (first, "1"),
    ]
    replies = [stack.say(url, sender, text) for url, text in turns]
    assert "forum" in " ".join(r.get("text") or "" for r in replies[1]).lower()
    assert stack.user_turns(sender) == [text for _, text in turns]


def test_concurrent_messages_of_one_conversation_are_all_kept(stack: ProductionStack) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    messages = [f"what is a short break {i}" for i in range(8)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(
            pool.map(
                lambda pair: stack.say(stack.backends[pair[0] % 2], sender, pair[1]),
                enumerate(messages),
            )
        )
    assert sorted(stack.user_turns(sender)) == sorted(messages)


def say_again_on_502(stack: ProductionStack, sender: str, text: str) -> list[dict]:
    """Send a turn as a client would around a crash: a 502 means it was not acknowledged
    (the restarted process may take a connection while it is still loading), so resend it.
    The test then checks the conversation holds each turn exactly once."""
    for attempt in range(3):
        try:
            return stack.say(stack.balancer, sender, text)
        except httpx.HTTPStatusError as error:
            if error.response.status_code != 502 or attempt == 2:
                raise
            time.sleep(1)
    return []


def alive(pid: int) -> bool:
    """Whether a process still runs (a zombie waiting to be reaped does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def test_the_balancer_keeps_each_conversation_on_one_process(stack: ProductionStack) -> None:
    # Sticky by sender id, so a process's kept tracker serves the next turn; different
    # conversations still spread over both processes (16 of them all on one: 1 in 30,000).
    served: dict[str, set[str]] = {}
    for n in range(16):
        sender = f"prod-{uuid.uuid4().hex[:8]}-{n}"
        served[sender] = {stack.served_by(sender, text) for text in ("hello", "what is SENDIASS")}
    assert all(len(backends) == 1 for backends in served.values()), served
    assert set().union(*served.values()) == set(stack.backends)


def test_killing_a_rasa_process_loses_no_acknowledged_turn(stack: ProductionStack) -> None:
    sender = f"prod-{uuid.uuid4().hex[:8]}"
    sent = []
    served = set()
    for text in ("hello", "what is an EHC plan", "what is SENDIASS"):
        served.add(stack.served_by(sender, text))
        sent.append(text)
    # Kill the process that holds this conversation, so the next turn must move.
    [backend] = served
    port = backend.rsplit(":", 1)[1]
    pids = subprocess.run(
        ["fuser", "-n", "tcp", port], capture_output=True, text=True
    ).stdout.split()
    assert pids, f"no process on the Rasa port {port}"
    for pid in pids:
        os.kill(int(pid), signal.SIGKILL)
    # SIGKILL is not instant: until the process is gone its socket may still take a
    # connection and then reset it, and nginx does not resend a POST (it may have been
    # handled). Wait for it to be gone, so the next turn is sent after the crash.
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(int(pid)) for pid in pids):
        time.sleep(0.05)
    for text in ("what is an annual review", "tell me about transport"):
        assert say_again_on_502(stack, sender, text), "the balancer did not route around"
        sent.append(text)
    assert stack.user_turns(sender) == sent
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{backend}/", timeout=5).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(2)
    else:
        pytest.fail("the killed Rasa process was not started again")
    assert "starting it again" in stack.log_path.read_text()
