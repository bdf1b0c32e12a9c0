"""The theme taxonomy shipped with the API is the project's public contract."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from api.themes import load_themes, theme_codes

REPO_ROOT = Path(__file__).resolve().parents[3]
API_THEMES = REPO_ROOT / "api" / "themes.yml"
CONTRACT_THEMES = (
    Path(os.environ.get("CONTRACT_DIR", REPO_ROOT.parent / "shared" / "contract")) / "themes.yml"
)


@pytest.mark.skipif(not CONTRACT_THEMES.exists(), reason="the shared contract is not here")
def test_the_shipped_themes_are_the_contracts_themes() -> None:
    assert API_THEMES.read_text(encoding="utf-8") == CONTRACT_THEMES.read_text(encoding="utf-8")


def test_theme_codes_are_unique_and_include_other() -> None:
    codes = [theme.code for theme in load_themes()]

    assert len(codes) == len(set(codes))
    assert "other" in codes
    assert theme_codes() == frozenset(codes)


def test_every_theme_has_a_label() -> None:
    assert all(theme.label for theme in load_themes())
