"""The load balancer's routing, on the real nginx with two small stand-in backends.

Both configurations are run: the local production profile's (``scripts/nginx-conf.sh``) and
Compose's (``docker/nginx.conf``, its service names pointed at the stand-ins). Each
conversation must stay on one Rasa process, whichever channel it comes from, and move to the
other process when its own is down.
"""

from __future__ import annotations

import http.server
import shutil
import socket
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[3]
# scripts/test-tools.sh installs nginx before `make unit` runs these; without it they fail.
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
RUN = uuid.uuid4().hex[:8]  # this run's senders differ from another run's


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Backend:
    """An HTTP server that answers every POST with its own port."""

    def __init__(self) -> None:
        port_holder = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the standard library's name)
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = str(port_holder.port).encode()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def start_nginx(prefix: Path, conf: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [NGINX, "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        if process.poll() is not None:
            pytest.fail(f"nginx did not start: {process.stderr.read() if process.stderr else ''}")
        time.sleep(0.05)
    process.kill()
    pytest.fail("nginx did not open its port")


def local_profile(
    prefix: Path, backends: list[Backend], balance: str = "sticky"
) -> tuple[Path, str]:
    port = free_port()
    ports = " ".join(str(b.port) for b in backends)
    subprocess.run(
        ["bash", "scripts/nginx-conf.sh", str(prefix), str(port), str(free_port()), ports, ports],
        cwd=ROOT,
        check=True,
        env={"PATH": "/usr/bin:/bin", "RASA_BALANCE": balance},
    )
    return prefix / "nginx.conf", f"http://127.0.0.1:{port}/webhooks/rest/webhook"


def compose_profile(prefix: Path, backends: list[Backend]) -> tuple[Path, str]:
    # Compose's `rasa` name stands for all its replicas: here, the two stand-ins.
    port = free_port()
    servers = " ".join(f"server 127.0.0.1:{b.port};" for b in backends)
    site = (ROOT / "docker" / "nginx.conf").read_text()
    assert "server rasa:5005;" in site and "listen 80;" in site
    site = (
        site.replace("server rasa:5005;", servers)
        .replace("server api:8000;", servers)
        .replace("listen 80;", f"listen 127.0.0.1:{port};")
    )
    (prefix / "logs").mkdir(parents=True, exist_ok=True)
    (prefix / "site.conf").write_text(site)
    conf = prefix / "nginx.conf"
    conf.write_text(
        f"pid {prefix}/nginx.pid; error_log {prefix}/logs/error.log warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{ access_log off; client_body_temp_path {prefix}/body; "
        f"proxy_temp_path {prefix}/proxy; include {prefix}/site.conf; }}\n"
    )
    return conf, f"http://127.0.0.1:{port}/webhooks/rest/webhook"


@pytest.fixture(params=[local_profile, compose_profile], ids=["local", "compose"])
def balancer(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, list[Backend]]]:
    backends = [Backend(), Backend()]
    conf, url = request.param(tmp_path, backends)
    process = start_nginx(tmp_path, conf, int(url.split(":")[2].split("/")[0]))
    try:
        yield url, backends
    finally:
        process.terminate()
        process.wait(timeout=10)
        for backend in backends:
            backend.stop()


def rest(sender: str, text: str) -> dict:
    return {"json": {"sender": sender, "message": text}}


def twilio(number: str, text: str) -> dict:
    body = f"ToCountry=GB&Body={quote(text)}&From={quote(number)}&To=%2B447700900000"
    return {"content": body, "headers": {"Content-Type": "application/x-www-form-urlencoded"}}


def telegram(chat: int, text: str) -> dict:
    update = {
        "update_id": 1,
        "message": {"message_id": 2, "chat": {"id": chat, "type": "private"}, "text": text},
    }
    return {"json": update}


def served(url: str, request: dict) -> int:
    response = httpx.post(url, timeout=10, **request)
    response.raise_for_status()
    return int(response.text)


@pytest.mark.parametrize(
    "message",
    [
        lambda n, text: rest(f"web-{RUN}-{n}", text),
        lambda n, text: twilio(f"+4477009{n:05d}", text),
        lambda n, text: telegram(5100000000 + n, text),
    ],
    ids=["rest", "twilio", "telegram"],
)
def test_each_conversation_stays_on_one_process_and_they_spread(balancer, message) -> None:
    url, backends = balancer
    where = {}
    for n in range(24):
        turns = {served(url, message(n, text)) for text in ("hello", "what is an EHC plan", "2")}
        assert len(turns) == 1, f"conversation {n} moved between processes: {turns}"
        where[n] = turns.pop()
    assert set(where.values()) == {b.port for b in backends}  # all on one: 1 in 8 million


def test_a_conversation_moves_when_its_process_is_down(balancer) -> None:
    url, backends = balancer
    sender = f"web-{uuid.uuid4().hex[:8]}"
    home = served(url, rest(sender, "hello"))
    [other] = [b for b in backends if b.port != home]
    next(b for b in backends if b.port == home).stop()
    assert served(url, rest(sender, "are you there")) == other.port


def test_a_request_without_a_sender_is_still_answered(balancer) -> None:
    url, backends = balancer
    ports = {served(url, {"content": "not json"}) for _ in range(4)}
    assert ports == {b.port for b in backends}  # round robin


def test_least_conn_spreads_the_turns_of_one_conversation(tmp_path: Path) -> None:
    # The other setting (RASA_BALANCE=least_conn): turns go to whichever process is least
    # busy, so one conversation's turns, sent one after another, use both.
    backends = [Backend(), Backend()]
    conf, url = local_profile(tmp_path, backends, balance="least_conn")
    process = start_nginx(tmp_path, conf, int(url.split(":")[2].split("/")[0]))
    try:
        ports = {served(url, rest(f"web-{RUN}-spread", f"turn {n}")) for n in range(6)}
    finally:
        process.terminate()
        process.wait(timeout=10)
        for backend in backends:
            backend.stop()
    assert ports == {b.port for b in backends}
