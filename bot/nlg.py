"""The assistant's natural language generator: Rasa's own, then the person's language.

Configured in ``bot/endpoints.yml`` (``nlg: type: bot.nlg.TranslatingNLG``), so it runs
in the Rasa server for every response: rules, forms, the two-stage fallback and
actions that utter a response by name. Rasa picks and fills the English response
as usual; ``bot.language.localise`` then gives it in the ``language`` slot's
language. Translation can block on the network, so it runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.language.localise import localise
from bot.language.reviewed import reviewed_strings
from bot.language.translator import shared_translator
from bot.rasa_speedups import install as install_speedups

logger = logging.getLogger(__name__)


class TranslatingNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's templated responses, in the person's language."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, domain: Domain | None = None):
        """Use the domain's responses, as the default generator does."""
        super().__init__((domain or Domain.empty()).responses)
        install_speedups()
        self.reviewed = reviewed_strings()
        self.translator = shared_translator()

    async def generate(
        self,
        utter_action: str,
        tracker: DialogueStateTracker,
        output_channel: str,
        **kwargs: Any,
    ) -> dict[str, Any] | None:
        """Generate the English response, then localise it."""
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message is None:
            return None
        language = tracker.get_slot("language")
        if not language or language == "en":
            return message
        values = {**tracker.current_slot_values(), **kwargs}
        try:
            return await asyncio.to_thread(
                localise,
                message,
                response=utter_action,
                language=language,
                values=values,
                arguments=kwargs,
                translator=self.translator,
                reviewed=self.reviewed,
                channel=output_channel,
            )
        except Exception:
            logger.exception("Could not localise a response; sending it in English")
            return message
