"""Secrets come only from the environment; in production the local defaults are refused.

The action server (``bot/actions/__init__.py``) and the Rasa server (the REST channel)
call ``require_production_secrets`` when they start, as the API does in its settings: with
``ENVIRONMENT=production`` a missing, local-default or short secret stops the process with
a plain message, rather than letting it run with a secret printed in the README.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping

LOCAL_DEFAULTS = {
    "RASA_AUTH_TOKEN": "local-rasa-token",
    "API_SERVICE_TOKEN": "local-service-token",
    "PSEUDONYM_SECRET": "local-pseudonym-secret",
    "CHANNEL_ENCRYPTION_KEY": "local-channel-key",
}
MIN_LENGTH = 16


class InsecureSecret(RuntimeError):
    """A secret is missing, a local default or too short in production."""


def require_production_secrets(
    names: Iterable[str], environ: Mapping[str, str] | None = None
) -> None:
    """Refuse to start in production on a missing, default or short secret.

    Args:
        names: The environment variables this process needs.
        environ: The environment (``os.environ`` by default).

    Raises:
        InsecureSecret: Naming the variable, never its value.
    """
    env = os.environ if environ is None else environ
    if (env.get("ENVIRONMENT") or "").strip().lower() != "production":
        return
    for name in names:
        value = env.get(name) or ""
        if value == LOCAL_DEFAULTS.get(name) or len(value) < MIN_LENGTH:
            raise InsecureSecret(
                f"{name} is missing, the local default or shorter than {MIN_LENGTH} "
                "characters. Set a long random value before running in production."
            )
