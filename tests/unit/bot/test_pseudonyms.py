"""pseudonym: keyed hashes that count people without naming them."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from bot.actions.pseudonym import DEFAULT_SECRET, client_ref, contributor_id


def test_the_contributor_is_hmac_sha256_of_channel_and_sender() -> None:
    expected = hmac.new(b"s3cret", b"sms:+447700900123", hashlib.sha256).hexdigest()
    assert contributor_id("sms", "+447700900123", secret="s3cret") == expected


def test_the_secret_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PSEUDONYM_SECRET", "from-env")
    expected = hmac.new(b"from-env", b"rest:t1", hashlib.sha256).hexdigest()
    assert contributor_id("rest", "t1") == expected


def test_the_local_default_secret_is_used_when_none_is_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("PSEUDONYM_SECRET", raising=False)
    assert contributor_id("rest", "t1") == contributor_id("rest", "t1", secret=DEFAULT_SECRET)


def test_the_same_person_on_another_channel_is_another_contributor() -> None:
    assert contributor_id("sms", "x", secret="k") != contributor_id("telegram", "x", secret="k")


def test_the_contributor_does_not_contain_the_sender_id() -> None:
    assert "07700900123" not in contributor_id("sms", "07700900123", secret="k")


def test_the_same_message_always_gives_the_same_client_ref() -> None:
    first = client_ref("t1", 1700000000.25, secret="k")
    assert first == client_ref("t1", 1700000000.25, secret="k")


def test_another_message_or_sender_gives_another_client_ref() -> None:
    ref = client_ref("t1", 1700000000.25, secret="k")
    assert ref != client_ref("t1", 1700000001.25, secret="k")
    assert ref != client_ref("t2", 1700000000.25, secret="k")
    assert len(ref) == 64
