"""The logic modules can be imported and used without rasa_sdk installed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
PURE_MODULES = [
    "anonymise",
    "api_client",
    "channel",
    "consent",
    "history",
    "labels",
    "language",
    "menu",
    "pseudonym",
    "gloss",
    "listened",
    "mixed",
    "quick_views",
    "view_pipeline",
]


def test_the_logic_modules_import_without_rasa_sdk() -> None:
    code = (
        "import sys\n"
        "sys.modules['rasa_sdk'] = None\n"  # any import of rasa_sdk now fails
        "sys.modules['rasa'] = None\n"
        + "".join(f"import bot.actions.{name}\n" for name in PURE_MODULES)
        + "import bot.privacy\n"
        + "from bot.actions.consent import parse_consent\n"
        "assert parse_consent('yes') is True\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
