"""The default theme taxonomy, shipped with the package as `api/themes.yml`.

`themes.yml` is a copy of the project's public contract (`shared/contract/themes.yml`);
a unit test checks that the two stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Theme:
    """One theme of the taxonomy."""

    code: str
    label: str
    about: str


@lru_cache(maxsize=1)
def load_themes() -> tuple[Theme, ...]:
    """Read the themes shipped with the package, in the order they are listed."""
    raw = resources.files("api").joinpath("themes.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    return tuple(
        Theme(code=item["code"], label=item["label"], about=item.get("about", ""))
        for item in data["themes"]
    )


def theme_codes() -> frozenset[str]:
    """The stable codes a view's themes may use."""
    return frozenset(theme.code for theme in load_themes())
