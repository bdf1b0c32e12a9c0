"""In production the bot's processes refuse the local default secrets."""

from __future__ import annotations

import pytest

from bot.privacy.secrets import LOCAL_DEFAULTS, InsecureSecret, require_production_secrets

NAMES = ("RASA_AUTH_TOKEN", "API_SERVICE_TOKEN", "PSEUDONYM_SECRET")
GOOD = {name: "a-long-random-value-0123456789" for name in NAMES}


def test_the_local_defaults_are_fine_outside_production() -> None:
    require_production_secrets(NAMES, {"ENVIRONMENT": "development"})
    require_production_secrets(NAMES, {})


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("problem", ["missing", "local default", "short"])
def test_production_refuses_a_missing_default_or_short_secret_and_names_it(
    name: str, problem: str
) -> None:
    env = {**GOOD, "ENVIRONMENT": "Production"}
    if problem == "missing":
        env.pop(name)
    else:
        env[name] = LOCAL_DEFAULTS[name] if problem == "local default" else "short"
    with pytest.raises(InsecureSecret, match=name) as refused:
        require_production_secrets(NAMES, env)
    assert "short" not in str(refused.value).split(name)[0]
    assert LOCAL_DEFAULTS[name] not in str(refused.value)


def test_production_starts_with_long_random_secrets() -> None:
    require_production_secrets(NAMES, {**GOOD, "ENVIRONMENT": "production"})
