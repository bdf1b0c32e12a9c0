"""SMS segments per reply: how long the assistant's replies are by text message.

Two measures (goal: median 1, 95th percentile at most 3):

- ``live`` (default): the test conversations played over SMS through the real stack
  (``scripts/run.sh``: Rasa, the action server, the API, the SMS connector), with the stand-in
  Twilio of ``tests/fakes``: what the real ``twilio`` client sent is what is counted. A reply
  is one assistant message: one SMS, or its numbered parts (``1/3``...), each part counted by
  its own segments;
- ``static``: every response of the domain, in English and in each reviewed translation,
  rendered for SMS (no stack; every reply counted once, however rare) as the SMS channel
  picks it: the domain's ``channel: twilio_sms`` variation and a translation's ``sms``
  version when there is one.

Both list the replies over 3 segments after the table.

Usage (from the repo root, after ``make train``)::

    .venvs/bot/bin/python -m bench.sms_segments            # live, about 3 minutes
    .venvs/bot/bin/python -m bench.sms_segments static     # a second
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

from bot.language.bidi import make_rtl
from bot.language.languages import RTL
from channels.render import render_sms
from channels.sms_text import encoding, segment_count

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fakes"))
from fake_twilio import FROM_NUMBER, FakeTwilio  # noqa: E402

# The test conversations (tests/e2e/test_channels.py and the topics), as a parent texts them.
CONVERSATIONS: dict[str, list[str]] = {
    "parity (en)": [
        "are there short breaks for my son",
        "The annual review was cancelled twice and nobody from the council told us why",
        "3",
        "no",
        "hello",
        "1",
        "2",
        "help",
        "STOP",
        "START",
    ],
    "menus (en)": ["hi", "menu", "1", "4", "2", "The school never calls me back", "2", "bye"],
    "topics (en)": [
        "what is an EHC plan?",
        "how does an annual review work",
        "what is SEN support",
        "who are SENDIASS",
        "can my child get free transport to school",
        "what is a personal budget",
        "I disagree with the council's decision",
        "thanks",
    ],
    "privacy (en)": ["privacy", "what do you keep about me", "delete my data", "2"],
    "urdu (ur)": ["السلام علیکم، مجھے اپنے بیٹے کے لیے مدد چاہیے", "مینو", "1", "STOP"],
    "polish (pl)": ["Dzień dobry, potrzebuję pomocy dla syna", "menu", "3", "STOP"],
}
DOMAIN = ROOT / "bot" / "domain"
SMS_CHANNEL = "twilio_sms"
TRANSLATIONS = ROOT / "bot" / "translations"


def percentile(values: list[int], share: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(share * len(ordered) + 0.4999))
    return float(ordered[min(rank, len(ordered)) - 1])


def replies_of(bodies: list[str]) -> list[list[str]]:
    """Group the SMS sent into replies: numbered parts ``1/n``..``n/n`` are one reply."""
    replies: list[list[str]] = []
    waiting = 0
    for body in bodies:
        label = body.split(" ", 1)[0]
        if waiting:
            replies[-1].append(body)
            waiting -= 1
            continue
        if "/" in label and label.replace("/", "").isdigit() and label.startswith("1/"):
            replies.append([body])
            waiting = int(label.split("/")[1]) - 1
        else:
            replies.append([body])
    return replies


def table(rows: list[tuple[str, list[int]]]) -> None:
    """Print median, p95, max and the share over 3 segments for each row."""
    print("| set | replies | median | p95 | max | over 3 |")
    print("| --- | --- | --- | --- | --- | --- |")
    for label, values in rows:
        if not values:
            continue
        over = sum(1 for v in values if v > 3)
        print(
            f"| {label} | {len(values)} | {statistics.median(values):g} | "
            f"{percentile(values, 0.95):g} | {max(values)} | {over} ({over / len(values):.0%}) |"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def live() -> None:
    """Play the conversations over SMS through the real stack."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the stack is stopped too
    twilio = FakeTwilio(callbacks=False).start()
    var = Path(tempfile.mkdtemp(prefix="sms-bench-"))
    ports = {name: free_port() for name in ("RASA_PORT", "ACTION_PORT", "API_PORT")}
    rasa_url = f"http://127.0.0.1:{ports['RASA_PORT']}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("API_", "RASA_"))},
        **{k: str(v) for k, v in ports.items()},
        "VAR_DIR": str(var),
        "SKIP_SETUP": "1",
        "DATABASE_URL": f"sqlite:///{var}/api.db",
        "TRANSLATOR": "none",
        "TWILIO_ACCOUNT_SID": twilio.account_sid,
        "TWILIO_AUTH_TOKEN": twilio.auth_token,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_URL": twilio.url,
        "TWILIO_PUBLIC_URL": rasa_url,
    }
    for name in (
        "TRACKER_DB",
        "OUTBOX_DB",
        "TRANSLATION_DB",
        "CHANNEL_DB",
        "API_URL",
        "RASA_URL",
        "ACTION_SERVER_URL",
    ):
        env.pop(name, None)
    log = (var / "stack.log").open("w")
    stack = subprocess.Popen(
        ["scripts/run.sh"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 300
        while "run: ready." not in (var / "stack.log").read_text(errors="replace"):
            if stack.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the stack did not start; see {var / 'stack.log'}")
            time.sleep(0.5)
        webhook = f"{rasa_url}/webhooks/twilio_sms/webhook"
        by_set: dict[str, list[int]] = defaultdict(list)
        long: list[str] = []
        for n, (label, turns) in enumerate(CONVERSATIONS.items()):
            number = f"+447700900{n:03d}"
            for turn in turns:
                before = len(twilio.sent_to(number))
                twilio.send_inbound(webhook, number, turn)
                twilio.wait_for(number, before, timeout=60, quiet=1.0)
            bodies = [m.body for m in twilio.sent_to(number)]
            for reply in replies_of(bodies):
                count = sum(segment_count(part) for part in reply)
                by_set[label].append(count)
                if count > 3:
                    start = reply[0].split(" ", 1)[-1][:50].replace("\n", " ")
                    long.append(f"{label}: {count} segments: {start}...")
        everything = [v for values in by_set.values() for v in values]
        english = [v for k, values in by_set.items() if "(en)" in k for v in values]
        other = [v for k, values in by_set.items() if "(en)" not in k for v in values]
        table(
            [
                ("all test conversations", everything),
                ("English", english),
                ("Urdu and Polish", other),
                *sorted(by_set.items()),
            ]
        )
        print("\nOver 3 segments:", *(long or ["none"]), sep="\n- ")
    finally:
        os.killpg(stack.pid, signal.SIGTERM)
        stack.wait(timeout=60)
        twilio.stop()


def sms_variation(variations: list[dict]) -> dict:
    """The variation the SMS channel picks: ``channel: twilio_sms`` if any, else the first."""
    for variation in variations:
        if variation.get("channel") == SMS_CHANNEL:
            return variation
    return variations[0]


def static() -> None:
    """Every domain response, in English and in each reviewed translation, as SMS."""
    english: dict[str, dict] = {}
    for path in sorted(DOMAIN.glob("*.yml")):
        for name, variations in (
            (yaml.safe_load(path.read_text()) or {}).get("responses", {}).items()
        ):
            if variations and variations[0].get("text") and "{" not in variations[0]["text"]:
                english[name] = sms_variation(variations)
    rows: list[tuple[str, list[int]]] = []
    long: list[str] = []

    def count(language: str, name: str, message: dict) -> int:
        segments = render_sms(message, language).segments
        if segments > 3:
            long.append(f"{language} {name}: {segments}")
        return segments

    values = [count("en", name, v) for name, v in english.items()]
    rows.append(("English (GSM-7)", values))
    for path in sorted(TRANSLATIONS.glob("*.yml")):
        data = yaml.safe_load(path.read_text()) or {}
        if data.get("reviewed") is not True:
            continue
        counts = []
        responses = {**(data.get("responses") or {}), **(data.get("sms") or {})}
        for name, text in responses.items():
            if name not in english:
                continue
            body = text.get("text") if isinstance(text, dict) else text
            titles = text.get("buttons") or [] if isinstance(text, dict) else []
            buttons = [
                {**button, "title": title}
                for button, title in zip(english[name].get("buttons") or [], titles, strict=False)
            ]
            if data["language"] in RTL:  # as bot.language.localise sends them
                body = make_rtl(body)
                buttons = [{**b, "title": make_rtl(b["title"])} for b in buttons]
            message = {"text": body, "buttons": buttons or english[name].get("buttons")}
            counts.append(count(data["language"], name, message))
        sample = next(iter((data.get("responses") or {}).values()), "")
        sample = sample.get("text", "") if isinstance(sample, dict) else sample
        rows.append((f"{data['name']} ({data['language']}, {encoding(sample)})", counts))
    table(rows)
    print("\nOver 3 segments:", *(long or ["none"]), sep="\n- ")


def main() -> None:
    parser = argparse.ArgumentParser(description="SMS segments per reply")
    parser.add_argument("mode", nargs="?", choices=["live", "static"], default="live")
    args = parser.parse_args()
    live() if args.mode == "live" else static()


if __name__ == "__main__":
    main()
