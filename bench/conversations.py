"""Simulated parents against the running stack, with a bare Rasa 3.6 assistant as baseline.

Each parent has a 6-turn conversation through the REST channel: greet, ask about a topic,
give a view, consent, answer the next question by number, say goodbye; each turn in one of
a few wordings, chosen at random. Loads: 50 and 200
parents pausing about 2 s between turns, and 50 with no pauses (saturation). The bare
baseline is `rasa init`'s default assistant, trained here, under the same loads.

Usage (from the repo root, after `make train`):
    .venvs/api/bin/python bench/conversations.py [--profile default|production] [--quick]

Prints one table: p50/p95/p99 reply latency, throughput, errors, the CPU time the stack's
processes used per reply and how busy the whole machine was during each load (on 2 cores,
a stack that needs more CPU per reply saturates sooner), and the peak memory of every
process of each stack (RSS each, and the sum of PSS, which counts shared pages once).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
BOT = ROOT / ".venvs" / "bot" / "bin"

# Each parent says each turn in one of these ways (the same choices for both stacks).
TURNS = [
    ["hello", "hi", "Hiya", "good morning"],
    [
        "what is an EHC plan?",
        "how do i get school transport for my son",
        "what are short breaks",
        "who can come with me to a meeting at school",
    ],
    [
        "The annual review was cancelled twice and nobody from the council told us why",
        "The taxi to school is late most mornings and he misses the start of the day",
        "We waited a year for the autism assessment and had no help at all in that time",
        "The short breaks club has been brilliant for us, the staff really get him",
    ],
    ["yes", "yes please", "yes thats fine"],
    ["2"],
    ["bye", "thanks bye", "goodbye"],
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all cores since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


class MemoryWatch:
    """Samples the memory of every process in a process group.

    Two measures: RSS, each process's resident memory, which counts memory shared between
    processes (library code, pages shared after a fork) once in every process; and PSS,
    which splits each shared page between the processes sharing it, so that the PSS of
    all processes adds up to the memory they really hold together.
    """

    def __init__(self, pgid: int) -> None:
        self.pgid = pgid
        self.peak_by_name: dict[str, int] = {}
        self.peak_total = 0
        self.peak_total_pss = 0
        self._cpu_by_pid: dict[str, int] = {}  # clock ticks, last seen (kept after exit)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _pss(pid: str) -> int:
        """Proportional set size in bytes (0 if the process has gone)."""
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError, IndexError):
            pass
        return 0

    def _sample(self) -> None:
        total = 0
        total_pss = 0
        for pid in os.listdir("/proc"):
            if not pid.isdigit():
                continue
            try:
                stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                if int(stat[2]) != self.pgid:
                    continue
                rss = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
                self._cpu_by_pid[pid] = int(stat[11]) + int(stat[12])  # utime + stime
                cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            except (OSError, IndexError, ValueError):
                continue
            name = self._name(cmd)
            if name == "sed":
                continue
            key = f"{name}[{pid}]"
            self.peak_by_name[key] = max(self.peak_by_name.get(key, 0), rss)
            total += rss
            total_pss += self._pss(pid)
        self.peak_total = max(self.peak_total, total)
        self.peak_total_pss = max(self.peak_total_pss, total_pss)

    @staticmethod
    def _name(cmd: list[bytes]) -> str:
        text = " ".join(c.decode(errors="replace") for c in cmd)
        if "rasa run actions" in text:
            return "action server"
        if "rasa run" in text:
            return "rasa server"
        if "uvicorn" in text or "multiprocessing" in text:
            return "api"
        if "nginx" in text:
            return "nginx"
        return Path(cmd[0].decode(errors="replace")).name or "?"

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            time.sleep(0.5)

    def cpu_seconds(self) -> float:
        """CPU time used by the group's processes so far (sampled now)."""
        self._sample()
        return sum(self._cpu_by_pid.values()) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> MemoryWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


@dataclass
class Result:
    stack: str
    load: str
    # Every message to SEND Voices must be answered, so an empty reply is an error there.
    # `rasa init`'s assistant has no reply for some of these messages ("2"): not an error.
    empty_is_error: bool = True
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    # CPU used by the stack's own processes (not PostgreSQL or Redis, which are system
    # services) and the busy share of the whole machine, over the load.
    stack_cpu_seconds: float = 0.0
    machine_busy: float = 0.0

    def row(self) -> list[str]:
        lat = sorted(self.latencies) or [0.0]

        def pct(p: float) -> float:
            return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        return [
            self.stack,
            self.load,
            str(len(self.latencies)),
            f"{pct(0.50):.0f}",
            f"{pct(0.95):.0f}",
            f"{pct(0.99):.0f}",
            f"{rate:.1f}",
            str(self.errors),
            f"{self.stack_cpu_seconds * 1000 / max(1, len(self.latencies)):.0f}",
            f"{self.machine_busy * 100:.0f}%",
        ]


async def parent(client: httpx.AsyncClient, url: str, pause: float, result: Result) -> None:
    sender = f"bench-{uuid.uuid4().hex[:12]}"
    if pause:
        # Parents are independent: each starts at her own moment within the first pause,
        # as real ones do. (All 50 sending their first message in the same millisecond
        # measures a 50-message queue, not reply latency.)
        await asyncio.sleep(random.uniform(0, pause))
    for choices in TURNS:
        text = random.choice(choices)
        start = time.perf_counter()
        try:
            response = await client.post(url, json={"sender": sender, "message": text})
            if response.status_code != 200 or (result.empty_is_error and not response.json()):
                result.errors += 1
            else:
                result.latencies.append(time.perf_counter() - start)
        except httpx.HTTPError:
            result.errors += 1
        if pause:
            await asyncio.sleep(random.uniform(0.5 * pause, 1.5 * pause))


async def run_load(stack: str, base_url: str, parents: int, pause: float) -> Result:
    load = f"{parents} parents, {'~2 s pauses' if pause else 'no pauses'}"
    result = Result(stack=stack, load=load, empty_is_error=not stack.startswith("bare"))
    limits = httpx.Limits(max_connections=parents, max_keepalive_connections=parents)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        url = f"{base_url}/webhooks/rest/webhook"
        start = time.perf_counter()
        await asyncio.gather(*(parent(client, url, pause, result) for _ in range(parents)))
        result.seconds = time.perf_counter() - start
    return result


def wait_for(url: str, process: subprocess.Popen, timeout: float = 400) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the process exited")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise RuntimeError(f"{url} did not answer")


def start_our_stack(profile: str, workdir: Path) -> tuple[subprocess.Popen, str, list[str]]:
    """The stack on free ports; also the PostgreSQL databases it uses, to drop afterwards."""
    port = free_port()
    # Addresses and stores derived from the ports are worked out again by scripts/env.sh;
    # ones inherited from a shell that sourced it would point at another stack.
    inherited = (
        "API_URL",
        "RASA_URL",
        "ACTION_SERVER_URL",
        "DATABASE_URL",
        "TRACKER_DB",
        "OUTBOX_DB",
        "TRACKER_DB_NAME",
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in inherited},
        "SKIP_SETUP": "1",
        "VAR_DIR": str(workdir / "var"),
        "RASA_PORT": str(port),
        "ACTION_PORT": str(free_port()),
        "API_PORT": str(free_port()),
        "BACKEND_PORT_BASE": str(port + 1000),
    }
    if profile == "production":
        env.update(
            PROFILE="production",
            TRACKER_DB_NAME=f"bench_tracker_{uuid.uuid4().hex[:6]}",
            DATABASE_URL=f"postgresql+psycopg://postgres@127.0.0.1:5432/bench_api_{uuid.uuid4().hex[:6]}",
            RASA_AUTH_TOKEN="bench-rasa-token-0123456789",
            API_SERVICE_TOKEN="bench-service-token-0123456789",
            PSEUDONYM_SECRET="bench-pseudonym-secret-0123456789",
            REDIS_DB="4",
        )
        db = env["DATABASE_URL"].rsplit("/", 1)[1]
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", db], check=True)
        # The tracker database is left to the production start-up (its preflight creates it).
        databases = [db, env["TRACKER_DB_NAME"]]
    else:
        databases = []
    log = (workdir / "stack.log").open("w")
    process = subprocess.Popen(
        ["scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 400
    while "run: ready." not in (workdir / "stack.log").read_text():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError((workdir / "stack.log").read_text()[-3000:])
        time.sleep(1)
    return process, f"http://127.0.0.1:{port}", databases


def stored_events(database: str) -> int:
    """How many events Rasa's SQL tracker store holds in ``database``."""
    found = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            database,
            "-tAc",
            "SELECT count(*) FROM events",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return int(found.stdout.strip() or 0) if found.returncode == 0 else 0


def drop_databases(names: list[str]) -> None:
    for name in names:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", name],
            check=False,
        )


def start_bare_rasa(workdir: Path) -> tuple[subprocess.Popen, str]:
    """`rasa init`'s default assistant (init trains it) on a free port."""
    project = workdir / "bare"
    project.mkdir()
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}
    subprocess.run(
        [str(BOT / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
    )
    port = free_port()
    process = subprocess.Popen(
        [str(BOT / "rasa"), "run", "--port", str(port), "--interface", "127.0.0.1"],
        cwd=project,
        env=env,
        stdout=(workdir / "bare.log").open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for(f"http://127.0.0.1:{port}/", process)
    return process, f"http://127.0.0.1:{port}"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def measure(
    stack: str,
    process: subprocess.Popen,
    url: str,
    loads: list[tuple[int, float]],
    results: list[Result],
    memory: dict[str, MemoryWatch],
) -> None:
    with MemoryWatch(os.getpgid(process.pid)) as watch:
        asyncio.run(run_load(stack, url, 5, 0.0))  # warm-up, not reported
        for parents, pause in loads:
            cpu_before, machine_before = watch.cpu_seconds(), machine_ticks()
            result = asyncio.run(run_load(stack, url, parents, pause))
            result.stack_cpu_seconds = watch.cpu_seconds() - cpu_before
            busy, total = (
                after - before
                for after, before in zip(machine_ticks(), machine_before, strict=True)
            )
            result.machine_busy = busy / total if total else 0.0
            results.append(result)
    memory[stack] = watch


def print_table(results: list[Result], memory: dict[str, MemoryWatch]) -> None:
    header = [
        "stack",
        "load",
        "replies",
        "p50 ms",
        "p95 ms",
        "p99 ms",
        "msg/s",
        "errors",
        "stack CPU ms/reply",
        "machine busy",
    ]
    rows = [header] + [r.row() for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for i, row in enumerate(rows):
        print("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print()
    print("| stack | process | peak memory (MiB) |")
    print("|---|---|---|")
    for stack, watch in memory.items():
        for name, rss in sorted(watch.peak_by_name.items()):
            print(f"| {stack} | {name} (RSS) | {rss / 2**20:.0f} |")
        total_rss, total_pss = watch.peak_total / 2**20, watch.peak_total_pss / 2**20
        print(f"| {stack} | all processes together, sum of RSS (peak) | {total_rss:.0f} |")
        print(f"| {stack} | **all processes together, sum of PSS (peak)** | {total_pss:.0f} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--profile", choices=["default", "production"], default="default")
    parser.add_argument("--quick", action="store_true", help="smaller loads, for a smoke run")
    parser.add_argument(
        "--stacks", default="ours,bare", help="which stacks, comma-separated: ours, bare"
    )
    parser.add_argument(
        "--loads",
        help="parents x pause in seconds, comma-separated (default 50x2,200x2,50x0)",
    )
    args = parser.parse_args()
    if args.loads:
        loads = [(int(n), float(p)) for n, p in (load.split("x") for load in args.loads.split(","))]
    else:
        loads = [(10, 2.0), (10, 0.0)] if args.quick else [(50, 2.0), (200, 2.0), (50, 0.0)]
    stacks = args.stacks.split(",")
    results: list[Result] = []
    memory: dict[str, MemoryWatch] = {}
    workdir = Path(tempfile.mkdtemp(prefix="bench-conv-"))
    try:
        if "ours" in stacks:
            process, url, databases = start_our_stack(args.profile, workdir)
            try:
                measure(f"SEND Voices ({args.profile})", process, url, loads, results, memory)
                if args.profile == "production":
                    stored = stored_events(databases[1])
                    print(f"tracker events stored in PostgreSQL: {stored}")
                    if not stored:  # Rasa fell back to keeping conversations in memory
                        raise RuntimeError("no conversation reached the tracker database")
            finally:
                stop(process)
                drop_databases(databases)
        if "bare" in stacks:
            bare, bare_url = start_bare_rasa(workdir)
            try:
                measure("bare Rasa 3.6 (rasa init)", bare, bare_url, loads, results, memory)
            finally:
                stop(bare)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print_table(results, memory)
    return 0


if __name__ == "__main__":
    sys.exit(main())
