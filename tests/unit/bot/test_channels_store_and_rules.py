"""The channel store (encrypted addresses, opt-outs, deduplication), quiet hours, pacing,
and the dispatcher's rules, with a stand-in sender and a clock that can stand at any hour."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest

from channels.identity import AddressBox, UnreadableRef, conversation_id
from channels.outbound import Dispatcher, OutboundSettings, Outcome
from channels.schedule import Pacer, QuietHours, backoff
from channels.senders import SendResult
from channels.store import ChannelStore

NUMBER = "+447700900123"
NOON = datetime(2025, 7, 1, 11, 0, tzinfo=timezone.utc)  # 12:00 in London (BST)
NIGHT = datetime(2025, 7, 1, 20, 30, tzinfo=timezone.utc)  # 21:30 in London


def make_store(tmp_path: Path, *, key: str = "test-channel-key") -> ChannelStore:
    return ChannelStore(
        tmp_path / "channels.db", AddressBox.from_env({"CHANNEL_ENCRYPTION_KEY": key})
    )


class RecordingSender:
    channel = "sms"

    def __init__(self, results: Sequence[SendResult] = ()) -> None:
        self.sent: list[tuple[str, str]] = []
        self.results = list(results)

    async def send(self, to: str, body: str, *, buttons: Sequence[Any] = ()) -> SendResult:
        self.sent.append((to, body))
        if self.results:
            return self.results.pop(0)
        return SendResult(True, provider_id=f"SM{len(self.sent)}", status="queued")


async def no_sleep(seconds: float) -> None:
    return None


def subscriber(store: ChannelStore, number: str = NUMBER) -> str:
    conversation = conversation_id("sms", number, secret="s")
    store.remember("sms", conversation, number)
    store.opt_in(conversation)
    return conversation


# -- identities and encryption ---------------------------------------------------------------------


def test_conversation_ids_are_keyed_hashes_one_per_channel_identity() -> None:
    sms = conversation_id("sms", NUMBER, secret="s")
    assert sms.startswith("sms-") and NUMBER[1:] not in sms
    assert sms == conversation_id("sms", NUMBER, secret="s")
    assert sms != conversation_id("sms", NUMBER, secret="other")
    assert conversation_id("telegram", "5100001234", secret="s").startswith("tg-")


def test_addresses_are_stored_only_encrypted(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    conversation = subscriber(store)
    assert store.get(conversation).address == NUMBER  # type: ignore[union-attr]
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert NUMBER.encode() not in raw and NUMBER[1:].encode() not in raw


def test_another_key_cannot_read_a_recipient_ref() -> None:
    box = AddressBox.from_env({"CHANNEL_ENCRYPTION_KEY": "key-one"})
    ref = box.recipient_ref("sms", "sms-abc")
    assert box.read_recipient_ref(ref) == ("sms", "sms-abc")
    assert " " not in ref and len(ref) < 2048
    with pytest.raises(UnreadableRef):
        AddressBox.from_env({"CHANNEL_ENCRYPTION_KEY": "key-two"}).read_recipient_ref(ref)
    rotated = AddressBox.from_env({"CHANNEL_ENCRYPTION_KEY": "key-two,key-one"})
    assert rotated.read_recipient_ref(ref) == ("sms", "sms-abc")


def test_stop_holds_until_start_and_keeps_an_earlier_opt_in(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    conversation = subscriber(store)
    store.opt_out(conversation)
    assert store.is_opted_out(conversation) and store.subscribers() == []
    store.remember("sms", conversation, NUMBER)  # writing again is not START
    assert store.is_opted_out(conversation)
    store.opt_back_in(conversation)
    assert store.subscribers("sms") == [conversation]


def test_a_webhook_id_is_handled_once(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    assert store.first_time("sms", "SM1") is True
    assert store.first_time("sms", "SM1") is False
    assert store.first_time("telegram", "SM1") is True


def test_a_status_callback_never_replaces_a_final_state(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.record(channel="sms", conversation="c", kind="reply", status="queued", provider_id="SM9")
    assert store.status_callback("SM9", "delivered")
    assert not store.status_callback("SM9", "sent")  # a late "sent" after "delivered"
    assert store.deliveries()[0].status == "delivered"


# -- quiet hours, pacing, backoff ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "quiet"),
    [
        ("2025-07-01T19:59:00+00:00", False),  # 20:59 BST
        ("2025-07-01T20:00:00+00:00", True),  # 21:00 BST
        ("2025-07-02T06:59:00+00:00", True),  # 07:59 BST
        ("2025-07-02T07:00:00+00:00", False),  # 08:00 BST
        ("2025-01-15T20:59:00+00:00", False),  # 20:59 GMT
        ("2025-01-15T21:00:00+00:00", True),  # 21:00 GMT
        ("2025-01-16T07:59:00+00:00", True),
        ("2025-01-16T08:00:00+00:00", False),
    ],
)
def test_sms_quiet_hours_are_21_to_8_uk_time_summer_and_winter(when: str, quiet: bool) -> None:
    assert QuietHours.parse(None).is_quiet(datetime.fromisoformat(when)) is quiet


def test_quiet_hours_end_at_8_the_next_morning() -> None:
    later = QuietHours().next_allowed(NIGHT)
    assert (later.day, later.hour, later.minute) == (2, 8, 0)
    assert QuietHours.parse("off").is_quiet(NIGHT) is False
    with pytest.raises(ValueError):
        QuietHours.parse("late")


async def test_the_pacer_spaces_messages_evenly() -> None:
    now = [0.0]
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    pacer = Pacer(4, clock=lambda: now[0], sleep=sleep)
    for _ in range(5):
        await pacer.wait()
    assert now[0] == pytest.approx(1.0)  # 5 messages at 4 a second: the 5th at 1.0 s
    assert slept == pytest.approx([0.25, 0.25, 0.25, 0.25])


def test_backoff_doubles_up_to_a_cap() -> None:
    assert 0.8 <= backoff(1) <= 1.2
    assert 3.2 <= backoff(3) <= 4.8
    assert backoff(20, cap=60) <= 72


# -- the dispatcher's rules ------------------------------------------------------------------------


def dispatcher(store: ChannelStore, sender: RecordingSender, when: datetime = NOON) -> Dispatcher:
    settings = OutboundSettings(sms_rate=1000, retry_base=0.01)
    return Dispatcher(store, {"sms": sender}, settings, now=lambda: when, sleep=no_sleep)


async def send(d: Dispatcher, conversation: str, ref: str = "1") -> Outcome:
    return await d.send_one(
        channel="sms", conversation=conversation, kind="hear_back", ref=ref, text="News."
    )


async def test_only_people_who_opted_in_get_outbound_messages(tmp_path: Path) -> None:
    store, sender = make_store(tmp_path), RecordingSender()
    conversation = conversation_id("sms", NUMBER, secret="s")
    store.remember("sms", conversation, NUMBER)
    assert await send(dispatcher(store, sender), conversation) is Outcome.not_opted_in
    assert await send(dispatcher(store, sender), "sms-unknown") is Outcome.unknown
    assert sender.sent == []


async def test_nothing_goes_by_sms_in_quiet_hours_and_it_goes_later(tmp_path: Path) -> None:
    store, sender = make_store(tmp_path), RecordingSender()
    conversation = subscriber(store)
    assert await send(dispatcher(store, sender, NIGHT), conversation) is Outcome.quiet_hours
    assert sender.sent == []
    assert await send(dispatcher(store, sender, NOON), conversation) is Outcome.sent
    assert sender.sent == [(NUMBER, "News.")]


async def test_each_message_goes_to_each_person_once(tmp_path: Path) -> None:
    store, sender = make_store(tmp_path), RecordingSender()
    conversation = subscriber(store)
    d = dispatcher(store, sender)
    assert await send(d, conversation) is Outcome.sent
    assert await send(d, conversation) is Outcome.duplicate
    assert len(sender.sent) == 1


async def test_a_failed_send_is_retried_with_backoff_and_recorded(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    sender = RecordingSender([SendResult(False, status="failed", retry=True, error="twilio 20500")])
    conversation = subscriber(store)
    assert await send(dispatcher(store, sender), conversation) is Outcome.sent
    assert len(sender.sent) == 2
    [row] = store.deliveries(kind="hear_back")
    assert (row.status, row.provider_id) == ("queued", "SM2")


async def test_a_carrier_opt_out_is_an_opt_out_not_a_retry(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    sender = RecordingSender([SendResult(False, status="opted_out", error="twilio 21610")])
    assert await send(dispatcher(store, sender), subscriber(store)) is Outcome.opted_out
    assert len(sender.sent) == 1


async def test_stop_wins_over_a_message_already_waiting_its_turn(tmp_path: Path) -> None:
    store, sender = make_store(tmp_path), RecordingSender()
    first, second = subscriber(store, "+447700900001"), subscriber(store, "+447700900002")
    settings = OutboundSettings(sms_rate=5, concurrency=1)
    d = Dispatcher(store, {"sms": sender}, settings, now=lambda: NOON)

    async def stop_second_soon() -> None:
        await asyncio.sleep(0.05)
        store.opt_out(second)

    outcomes, _ = await asyncio.gather(
        d.broadcast(kind="quick_view", ref="7", conversations=[first, second], text="Q?"),
        stop_second_soon(),
    )
    assert outcomes == {Outcome.sent: 1, Outcome.opted_out: 1}
    assert [to for to, _ in sender.sent] == ["+447700900001"]


def test_delete_my_data_forgets_the_address_but_keeps_a_stop(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    kept, gone = subscriber(store, "+447700900001"), subscriber(store, "+447700900002")
    store.record(channel="sms", conversation=gone, kind="reply", status="queued")
    store.opt_out(kept)
    store.forget(kept)
    store.forget(gone)
    assert store.get(gone) is None and store.deliveries(conversation=gone) == []
    stopped = store.get(kept)
    assert stopped is not None and stopped.opted_out and not stopped.opted_in


def test_replies_are_collected_under_the_channels_name_for_channel_variations() -> None:
    from channels.turns import ChannelCollector

    assert ChannelCollector("twilio_sms").name() == "twilio_sms"


def test_a_telegram_bot_token_never_reaches_a_log_line() -> None:
    from bot.privacy.redaction import redact

    url = "POST https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/getMe"
    assert redact(url) == "POST https://api.telegram.org/bot[token]/getMe"
