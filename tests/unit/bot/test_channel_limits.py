"""Limits of the REST channel: message size, messages a minute, kind words."""

from __future__ import annotations

from channels.limits import MessageLimits, RateLimiter, reply


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_sender_gets_the_limit_in_any_minute_and_then_waits() -> None:
    clock = Clock()
    limiter = RateLimiter(3, 60.0, clock=clock)

    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b") is True, "another sender has their own count"
    clock.now += 59.9
    assert limiter.allow("a") is False
    clock.now += 0.2
    assert limiter.allow("a") is True


def test_memory_stays_bounded_however_many_senders_there_are() -> None:
    limiter = RateLimiter(1, 60.0, max_keys=100)
    for number in range(1000):
        limiter.allow(f"sender-{number}")
    assert len(limiter._seen) == 100


def test_the_limits_come_from_the_environment_with_safe_defaults() -> None:
    assert MessageLimits.from_env({}) == MessageLimits(2000, 32 * 1024, 20)
    custom = MessageLimits.from_env(
        {"MAX_MESSAGE_CHARS": "500", "MAX_BODY_BYTES": "4096", "RATE_LIMIT_PER_MINUTE": "5"}
    )
    assert custom == MessageLimits(500, 4096, 5)
    assert MessageLimits.from_env({"MAX_MESSAGE_CHARS": "lots", "RATE_LIMIT_PER_MINUTE": "-1"}) == (
        MessageLimits()
    )


def test_the_replies_are_kind_plain_and_fall_back_to_english() -> None:
    too_long = reply("too_long", limit=2000)
    assert "shorter parts" in too_long and "2000" in too_long
    assert "999" in reply("too_fast")
    assert reply("too_fast", "de") == reply("too_fast", "en")  # no reviewed German texts
    assert reply("too_fast", "pl") != reply("too_fast", "en")  # reviewed Polish ones
