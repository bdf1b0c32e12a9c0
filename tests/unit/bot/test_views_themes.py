"""bot.themes: 1 to 3 themes from themes.yml and a sentiment, offline, from labelled views."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.themes import assess
from bot.themes import model as theme_model
from bot.themes.lexicon import normalise
from bot.themes.model import (
    HOLDOUT_FILE,
    OTHER,
    TRAIN_FILE,
    ThemeModel,
    get_model,
    load_views,
    model_version,
    theme_codes,
)
from bot.themes.sentiment import vader_score

REPO_ROOT = Path(__file__).resolve().parents[3]
VERSION_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._+-]{0,63}$"


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ThemeModel]:
    """The real model, cached in a temporary folder."""
    folder = tmp_path_factory.mktemp("theme-models")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("THEME_MODEL_DIR", str(folder))
        theme_model._load_or_train.cache_clear()
        yield get_model()
    theme_model._load_or_train.cache_clear()


def test_the_bots_theme_list_is_the_apis() -> None:
    assert (REPO_ROOT / "bot/themes/themes.yml").read_text() == (
        REPO_ROOT / "api/themes.yml"
    ).read_text()


def test_the_labelled_views_are_enough_valid_and_the_held_out_ones_are_never_trained_on() -> None:
    train, holdout = load_views(TRAIN_FILE), load_views(HOLDOUT_FILE)
    assert len(train) + len(holdout) >= 400
    assert len(holdout) >= 100
    codes = set(theme_codes())
    for view in train + holdout:
        assert 1 <= len(view.themes) <= 3
        assert set(view.themes) <= codes
        assert OTHER not in view.themes or len(view.themes) <= 2
        assert view.sentiment in (-1, 0, 1)
    assert {t for v in holdout for t in v.themes} == codes
    assert not {normalise(v.text) for v in train} & {normalise(v.text) for v in holdout}


def test_the_issue_example_is_about_transport_and_therapy_and_negative(trained: ThemeModel) -> None:
    view = (
        "3rd time the taxi hasnt turned up, [child] missed her speech therapy again, "
        "nobody at county hall answers [phone]"
    )
    result = assess(view)
    assert {"transport", "health_therapies"} <= set(result.themes)
    assert result.sentiment is not None and result.sentiment < -0.3


@pytest.mark.parametrize(
    ("view", "theme"),
    [
        ("CAMHS said she isnt ill enough to be seen even tho she is self harming", "mental_health"),
        (
            "the tribunal was booked for march and the council conceded the day before",
            "disputes_complaints",
        ),
        ("we got a place at the special school at last after a year at home", "school_places"),
        ("respite has been cut to 2 hours a month", "short_breaks"),
        ("the portage worker comes every week and she is brilliant with him", "early_years"),
    ],
)
def test_plain_views_get_the_theme_they_are_about(
    trained: ThemeModel, view: str, theme: str
) -> None:
    assert theme in trained.predict(view)


def test_every_prediction_has_one_to_three_known_codes_and_other_only_alone(
    trained: ThemeModel,
) -> None:
    codes = set(theme_codes())
    for view in load_views(HOLDOUT_FILE)[:40] + [load_views(TRAIN_FILE)[0]]:
        themes = trained.predict(view.text)
        assert 1 <= len(themes) <= 3 and set(themes) <= codes
        assert OTHER not in themes or themes == [OTHER]
    assert trained.predict("🙂") == [OTHER]


def test_sentiment_is_between_minus_one_and_one_and_points_the_right_way(
    trained: ThemeModel,
) -> None:
    bad = trained.sentiment("nobody answers, the plan is 40 weeks late and we have no support")
    good = trained.sentiment("the SENCo is brilliant and the school have been so kind to him")
    assert -1 <= bad < -0.2 and 0.2 < good <= 1
    assert vader_score("excluded again, refused again") < 0


def test_a_view_in_another_language_is_themed_from_its_english_gloss(trained: ThemeModel) -> None:
    urdu = "ٹیکسی پھر نہیں آئی"
    assert assess(urdu, "ur").themes == []
    assert assess(urdu, "ur").sentiment is None
    glossed = assess(urdu, "ur", text_en="the school taxi did not come again")
    assert "transport" in glossed.themes and glossed.sentiment is not None


def test_the_fitted_model_is_cached_under_its_version_and_read_back(
    trained: ThemeModel, monkeypatch: pytest.MonkeyPatch
) -> None:
    version = model_version()
    assert trained.version == version and re.match(VERSION_PATTERN, version)
    folder = Path(theme_model.cache_dir())
    assert (folder / f"{version}.pkl").exists()
    theme_model._load_or_train.cache_clear()
    monkeypatch.setattr(
        theme_model.ThemeModel, "train", classmethod(lambda cls, *a, **k: pytest.fail("trained"))
    )
    again = get_model()
    assert again.version == version and again is not trained
