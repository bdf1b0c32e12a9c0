"""One translator for the whole assistant, on ``deep-translator``.

Configuration (environment variables, read by ``settings_from_env``):

| variable | meaning |
| --- | --- |
| ``TRANSLATOR`` | ``libre`` (default), ``google``, ``microsoft``, ``deepl`` or ``none`` |
| ``LIBRETRANSLATE_URL`` | a self-hosted LibreTranslate server; unset = no machine translation |
| ``LIBRETRANSLATE_API_KEY`` | its key, if it asks for one |
| ``MICROSOFT_TRANSLATOR_KEY``, ``MICROSOFT_TRANSLATOR_REGION`` | for ``microsoft`` |
| ``DEEPL_API_KEY``, ``DEEPL_FREE_API`` (``true``) | for ``deepl`` |
| ``TRANSLATOR_TIMEOUT`` | seconds to wait for one translation (default 3) |
| ``TRANSLATOR_COOLDOWN`` | after a failure, seconds without trying again (default 30) |
| ``TRANSLATION_DB`` | the translation memory (default ``$VAR_DIR/translations.db``) |

Self-hosted LibreTranslate is the default because parents' messages then never
leave the service; Google, Microsoft and DeepL send text to a third party, so a
council choosing one needs that in its privacy notice.

Order for the assistant's own text (English to the person's language): reviewed
override, translation memory, machine translation (then remembered). A parent's
message (to English, for understanding) goes only to the machine translator and is
never stored. SEND terms, names, numbers and links are protected with placeholders
(``protect.py``). A failure (timeout, error, lost placeholder, unsupported language)
gives ``None`` and the caller falls back on English with a note.
"""

from __future__ import annotations

import concurrent.futures
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.language.memory import TranslationMemory
from bot.language.protect import protect, restore
from bot.language.reviewed import ReviewedStrings, reviewed_strings

logger = logging.getLogger(__name__)

PROVIDERS = ("libre", "google", "microsoft", "deepl", "none")


@dataclass(frozen=True)
class TranslatorSettings:
    """How to translate; see the module docstring for the variables."""

    provider: str = "libre"
    libre_url: str | None = None
    libre_api_key: str | None = None
    microsoft_key: str | None = None
    microsoft_region: str | None = None
    deepl_key: str | None = None
    deepl_free: bool = True
    timeout: float = 3.0
    cooldown: float = 30.0
    memory_path: Path | None = None


def settings_from_env(env: dict[str, str] | None = None) -> TranslatorSettings:
    """Read the translator settings from the environment."""
    env = dict(os.environ if env is None else env)
    provider = (env.get("TRANSLATOR") or "libre").strip().lower()
    if provider not in PROVIDERS:
        logger.warning("Unknown TRANSLATOR %r: machine translation is off", provider)
        provider = "none"
    memory = env.get("TRANSLATION_DB") or str(Path(env.get("VAR_DIR") or "var") / "translations.db")
    return TranslatorSettings(
        provider=provider,
        libre_url=(env.get("LIBRETRANSLATE_URL") or "").strip() or None,
        libre_api_key=env.get("LIBRETRANSLATE_API_KEY") or None,
        microsoft_key=env.get("MICROSOFT_TRANSLATOR_KEY") or None,
        microsoft_region=env.get("MICROSOFT_TRANSLATOR_REGION") or None,
        deepl_key=env.get("DEEPL_API_KEY") or None,
        deepl_free=(env.get("DEEPL_FREE_API") or "true").lower() != "false",
        timeout=float(env.get("TRANSLATOR_TIMEOUT") or 3.0),
        cooldown=float(env.get("TRANSLATOR_COOLDOWN") or 30.0),
        memory_path=Path(memory),
    )


class TranslationFailed(Exception):
    """The machine translator did not give a usable translation."""


# Codes some providers spell differently.
_PROVIDER_CODES = {"google": {"zh": "zh-CN"}, "deepl": {}, "microsoft": {"zh": "zh-Hans"}}


def _libre_engine(settings: TranslatorSettings) -> Callable[[str, str, str], str]:
    from deep_translator import LibreTranslator

    base = settings.libre_url or ""
    base = base if base.endswith("/") else base + "/"

    def run(text: str, source: str, target: str) -> str:
        # deep-translator checks codes against a short built-in list; the server's own
        # /languages is the real authority, so the codes are set after construction.
        client = LibreTranslator(
            source="en", target="es", api_key=settings.libre_api_key or "-", custom_url=base
        )
        client.source, client.target = source, target
        return str(client.translate(text))

    return run


def _google_engine(settings: TranslatorSettings) -> Callable[[str, str, str], str]:
    from deep_translator import GoogleTranslator

    codes = _PROVIDER_CODES["google"]

    def run(text: str, source: str, target: str) -> str:
        client = GoogleTranslator(
            source=codes.get(source, source), target=codes.get(target, target)
        )
        return str(client.translate(text))

    return run


def _microsoft_engine(settings: TranslatorSettings) -> Callable[[str, str, str], str]:
    from deep_translator import MicrosoftTranslator

    codes = _PROVIDER_CODES["microsoft"]

    def run(text: str, source: str, target: str) -> str:
        client = MicrosoftTranslator(
            api_key=settings.microsoft_key,
            region=settings.microsoft_region,
            source=codes.get(source, source),
            target=codes.get(target, target),
        )
        return str(client.translate(text))

    return run


def _deepl_engine(settings: TranslatorSettings) -> Callable[[str, str, str], str]:
    from deep_translator import DeeplTranslator

    def run(text: str, source: str, target: str) -> str:
        client = DeeplTranslator(
            api_key=settings.deepl_key,
            source=source,
            target=target,
            use_free_api=settings.deepl_free,
        )
        return str(client.translate(text))

    return run


def machine_engine(settings: TranslatorSettings) -> Callable[[str, str, str], str] | None:
    """The provider's translate function, or ``None`` when machine translation is off."""
    if settings.provider == "libre" and settings.libre_url:
        return _libre_engine(settings)
    if settings.provider == "google":
        return _google_engine(settings)
    if settings.provider == "microsoft" and settings.microsoft_key:
        return _microsoft_engine(settings)
    if settings.provider == "deepl" and settings.deepl_key:
        return _deepl_engine(settings)
    return None


def libre_languages(url: str, timeout: float) -> set[str] | None:
    """The target languages a LibreTranslate server offers (``GET /languages``)."""
    import requests

    try:
        response = requests.get(url.rstrip("/") + "/languages", timeout=timeout)
        response.raise_for_status()
        return {str(entry["code"]) for entry in response.json()}
    except Exception:  # noqa: BLE001 - any failure means "not known"
        logger.warning("Could not read the languages of the LibreTranslate server")
        return None


@dataclass(frozen=True)
class Translation:
    """A translation and where it came from.

    Attributes:
        text: The translated text, or the original when ``ok`` is false.
        ok: Whether ``text`` is in the target language.
        origin: ``same`` (no translation needed), ``reviewed``, ``memory``,
            ``machine`` or ``failed``.
    """

    text: str
    ok: bool
    origin: str


class Translator:
    """Translates the assistant's replies and parents' messages.

    Args:
        settings: Provider, timeout, cool-down and memory location.
        reviewed: Reviewed overrides (defaults to the shipped ones).
        engine: The machine translation function; by default the provider's.
    """

    def __init__(
        self,
        settings: TranslatorSettings,
        *,
        reviewed: ReviewedStrings | None = None,
        engine: Callable[[str, str, str], str] | None = None,
    ) -> None:
        self.settings = settings
        self.reviewed = reviewed or reviewed_strings()
        self.engine = engine if engine is not None else machine_engine(settings)
        self.memory = TranslationMemory(settings.memory_path) if settings.memory_path else None
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=4, thread_name_prefix="translate"
        )
        self._lock = threading.Lock()
        self._closed_until = 0.0
        self._languages: set[str] | None = None
        self._languages_read = 0.0

    @property
    def machine_available(self) -> bool:
        """Whether machine translation is configured and not cooling down after a failure."""
        return self.engine is not None and time.monotonic() >= self._closed_until

    def _supports(self, source: str, target: str) -> bool:
        if self.settings.provider != "libre" or not self.settings.libre_url:
            return True
        now = time.monotonic()
        if self._languages is None or now - self._languages_read > 300:
            self._languages = libre_languages(self.settings.libre_url, self.settings.timeout)
            self._languages_read = now
        return self._languages is None or {source, target} <= self._languages

    def _machine(self, text: str, source: str, target: str, extra: Iterable[str]) -> str:
        if not self.machine_available or self.engine is None:
            raise TranslationFailed("machine translation is off or cooling down")
        if not self._supports(source, target):
            raise TranslationFailed(f"the translator does not offer {source}->{target}")
        protected = protect(text, extra=extra)
        future = self._pool.submit(self.engine, protected.text, source, target)
        try:
            raw = future.result(timeout=self.settings.timeout)
        except concurrent.futures.TimeoutError as error:
            self._cool_down("timed out")
            raise TranslationFailed("timed out") from error
        except Exception as error:
            self._cool_down(type(error).__name__)
            raise TranslationFailed(type(error).__name__) from error
        restored = restore(raw or "", protected.kept)
        if not restored or not restored.strip():
            raise TranslationFailed("the translation lost a protected term")
        return restored

    def _cool_down(self, reason: str) -> None:
        with self._lock:
            self._closed_until = time.monotonic() + self.settings.cooldown
        logger.warning(
            "Machine translation failed (%s); not trying again for %.0f s",
            reason,
            self.settings.cooldown,
        )

    def from_english(self, text: str, target: str, *, extra: Iterable[str] = ()) -> Translation:
        """Translate the assistant's English text into ``target``.

        Args:
            text: English text (a reply, an explanation, a directory entry).
            target: The person's language.
            extra: Strings to keep exactly (service names, links).

        Returns:
            The translation, or the English with ``ok=False``.
        """
        if target == "en" or not text.strip():
            return Translation(text, True, "same")
        override = self.reviewed.override(target, text)
        if override:
            return Translation(override, True, "reviewed")
        if self.memory is not None:
            try:
                remembered = self.memory.get(text, source="en", target=target)
            except Exception:  # noqa: BLE001 - a broken memory must not stop replies
                logger.exception("Could not read the translation memory")
                remembered = None
            if remembered:
                return Translation(remembered, True, "memory")
        try:
            translated = self._machine(text, "en", target, extra)
        except TranslationFailed as failure:
            logger.info("Reply left in English for %s: %s", target, failure)
            return Translation(text, False, "failed")
        if self.memory is not None:
            try:
                self.memory.put(
                    text, translated, source="en", target=target, provider=self.settings.provider
                )
            except Exception:  # noqa: BLE001
                logger.exception("Could not write the translation memory")
        return Translation(translated, True, "machine")

    def to_english(self, text: str, source: str) -> Translation:
        """Translate a parent's message into English, for understanding only.

        Never stored. On failure the original text comes back with ``ok=False``.
        """
        if source == "en" or not text.strip():
            return Translation(text, True, "same")
        try:
            return Translation(self._machine(text, source, "en", ()), True, "machine")
        except TranslationFailed as failure:
            logger.info("Message from %s not translated: %s", source, failure)
            return Translation(text, False, "failed")


_shared: Translator | None = None
_shared_lock = threading.Lock()


def shared_translator() -> Translator:
    """The process's translator, built from the environment on first use."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Translator(settings_from_env())
            logger.info(
                "Translator: %s (%s)",
                _shared.settings.provider,
                "machine translation on" if _shared.engine else "reviewed text only",
            )
        return _shared


def describe(translator: Translator) -> dict[str, Any]:
    """A small summary for logs and health checks (no secrets)."""
    return {
        "provider": translator.settings.provider,
        "machine": translator.engine is not None,
        "timeout": translator.settings.timeout,
    }
