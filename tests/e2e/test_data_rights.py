"""Privacy notice and data rights through the real processes, looking in every store after."""

from __future__ import annotations

import hashlib
import hmac
import json
import sqlite3
import time
import uuid
from pathlib import Path

from conftest import Stack

CHANNELS = ("rest", "webchat", "sms", "telegram")


def texts(replies: list[dict]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def pseudonyms(stack: Stack, sender: str) -> set[str]:
    secret = stack.env.get("PSEUDONYM_SECRET", "local-pseudonym-secret").encode()
    return {
        hmac.new(secret, f"{channel}:{sender}".encode(), hashlib.sha256).hexdigest()
        for channel in CHANNELS
    }


def var(stack: Stack, name: str) -> Path:
    return Path(stack.env["VAR_DIR"]) / name


def rows(path: Path, query: str, *params: object) -> list[tuple]:
    if not path.exists():
        return []
    with sqlite3.connect(path) as db:
        return db.execute(query, params).fetchall()


def wait_for_view(stack: Stack, marker: str) -> None:
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        if any(marker in view["text"] for view in stack.views(limit="200")):
            return
        time.sleep(0.25)
    raise AssertionError("the view did not arrive")


def test_the_privacy_notice_comes_before_the_first_view_and_on_request(stack: Stack) -> None:
    sender = f"e2e-dr-{uuid.uuid4().hex[:10]}"
    first = texts(stack.say(sender, "The taxi escort changes every week and nobody tells us"))
    assert "Send PRIVACY" in first and "May I pass" in first
    assert first.index("Send PRIVACY") < first.index("May I pass")
    stack.say(sender, "no")

    second = texts(stack.say(sender, "The school never answers my emails about his plan"))
    assert "Send PRIVACY" not in second and "May I pass" in second
    stack.say(sender, "no")

    notice = texts(stack.say(sender, "privacy"))
    assert "30 days" in notice and "DELETE MY DATA" in notice


def test_what_do_you_keep_counts_the_views_shared(stack: Stack) -> None:
    sender = f"e2e-dr-{uuid.uuid4().hex[:10]}"
    marker = f"rambutan{uuid.uuid4().int % 10**6:06d}"
    stack.say(sender, f"The short breaks team cancelled our hours again {marker}")
    stack.say(sender, "yes")
    wait_for_view(stack, marker)

    summary = texts(stack.say(sender, "what do you keep about me"))

    assert "Views you shared with the forum: 1." in summary
    assert "DELETE MY DATA" in summary


def test_delete_my_data_leaves_nothing_in_any_store(stack: Stack) -> None:
    sender = "+447700900" + str(uuid.uuid4().int)[:3]
    marker = f"persimmon{uuid.uuid4().int % 10**6:06d}"
    stack.say(sender, f"The transport team never call back, ring me on 07700 900777 {marker}")
    stack.say(sender, "yes")
    wait_for_view(stack, marker)
    stack.say(sender, "i want to kill myself")
    people = pseudonyms(stack, sender)
    api_db = Path(stack.env["DATABASE_URL"].removeprefix("sqlite:///"))
    tracker_db = var(stack, "tracker.db")
    outbox_db = var(stack, "outbox.db")
    assert rows(tracker_db, "SELECT 1 FROM events WHERE sender_id = ?", sender)
    marks = ",".join("?" * len(people))
    views_of_person = f"SELECT 1 FROM views WHERE contributor IN ({marks})"  # noqa: S608
    events_of_person = f"SELECT 1 FROM safeguarding_events WHERE person IN ({marks})"  # noqa: S608
    assert rows(api_db, views_of_person, *people)
    assert rows(api_db, events_of_person, *people)

    asked = texts(stack.say(sender, "delete my data"))
    assert "cannot be undone" in asked
    done = texts(stack.say(sender, "1"))
    assert "deleted everything" in done

    # The tracker store: no row of the conversation, and the words are gone from the file.
    assert rows(tracker_db, "SELECT 1 FROM events WHERE sender_id = ?", sender) == []
    tracker_files = b"".join(p.read_bytes() for p in tracker_db.parent.glob("tracker.db*"))
    assert marker.encode() not in tracker_files
    # The API: no view, no safeguarding event linked to any of the person's pseudonyms.
    assert rows(api_db, views_of_person, *people) == []
    assert rows(api_db, events_of_person, *people) == []
    assert not any(marker in view["text"] for view in stack.views(limit="200"))
    # The outbox: nothing of the person's waits to be sent.
    for (payload,) in rows(outbox_db, "SELECT payload FROM outbox") + rows(
        outbox_db, "SELECT payload FROM safeguarding_outbox"
    ):
        body = json.loads(payload)
        assert body.get("contributor") not in people and body.get("person") not in people
    # Rasa's HTTP API starts a new, empty conversation for the sender.
    tracker = stack.tracker(sender)
    assert all(event.get("event") != "user" for event in tracker["events"])
    assert tracker["slots"]["view_text"] is None


def test_saying_no_to_delete_my_data_keeps_everything(stack: Stack) -> None:
    sender = f"e2e-dr-{uuid.uuid4().hex[:10]}"
    stack.say(sender, "hello")
    stack.say(sender, "delete my data")
    kept = texts(stack.say(sender, "2"))
    assert "did not delete anything" in kept
    assert any(event.get("event") == "user" for event in stack.tracker(sender)["events"])
