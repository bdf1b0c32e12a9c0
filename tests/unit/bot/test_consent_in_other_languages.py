"""Consent replies are understood in the served languages, as typed, with no translation."""

from __future__ import annotations

import pytest

from bot.actions.consent import parse_consent


@pytest.mark.parametrize(
    "reply",
    [
        "tak",
        "Tak, proszę",
        "haan",
        "haan ji",
        "ji haan",
        "theek hai",
        "ہاں",
        "جی ہاں",
        "হ্যাঁ",
        "ਹਾਂ ਜੀ",
        "نعم",
        "نعم شكرا",
        "da",
        "Da, sigur",
        "haa",
        "sim",
        "Sim, pode",
        "sí",
        "si, claro",
        "vale",
        "так",
        "так, дякую",
        "1",
    ],
)
def test_yes_in_the_served_languages_consents(reply: str) -> None:
    assert parse_consent(reply) is True


@pytest.mark.parametrize(
    "reply",
    [
        "nie",
        "nie, dziękuję",
        "nahi",
        "nahi shukriya",
        "نہیں",
        "جی نہیں",
        "না",
        "ਨਹੀਂ",
        "لا",
        "لا شكرا",
        "nu",
        "nu, multumesc",
        "maya",
        "não",
        "nao obrigada",
        "no gracias",
        "ні",
        "2",
    ],
)
def test_no_in_the_served_languages_refuses(reply: str) -> None:
    assert parse_consent(reply) is False


@pytest.mark.parametrize("reply", ["tak nie", "haan nahi", "ji", "proszę", "szkoła", "نعم لا"])
def test_a_mixed_or_unclear_reply_in_another_language_is_asked_again(reply: str) -> None:
    assert parse_consent(reply) is None
