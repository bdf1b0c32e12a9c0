"""Anonymising views: the actions use ``bot.privacy`` (kept here under its old name)."""

from __future__ import annotations

from bot.privacy import ANONYMISER_VERSION, anonymise

__all__ = ["ANONYMISER_VERSION", "anonymise"]
