"""One incoming message on SMS or Telegram: through the assistant, replies out, all recorded.

The connectors answer the provider's webhook at once and hand the message to ``Turns.run``
in the background. It passes the message to Rasa with a collecting output channel, then:

- reads the assistant's signals that are not for the person (``{"send_voices": {"opt_in":
  true}}``: they agreed to hear back; ``{"forget": true}``: DELETE MY DATA) and applies them
  to the channel store;
- renders each reply for the channel (``render``: numbered options and segments for SMS, an
  inline keyboard for Telegram) and sends it, retrying what a provider failed to take;
- keeps the options of the last reply, so a numbered answer means that option;
- records every delivery, and the person's language for the channel's own replies.

Logs carry the conversation id's hash only, never a number, a chat id or message text.
"""

from __future__ import annotations

import asyncio
import logging
from asyncio import CancelledError
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.limits import reply
from channels.render import Rendered
from channels.senders import SendResult
from channels.store import ChannelStore

logger = logging.getLogger(__name__)

OPT_IN_SIGNAL = "send_voices"
RETRIES = 3


class Sender(Protocol):
    """What the connectors need from ``channels.senders``."""

    channel: str

    async def send(self, to: str, body: str, *, buttons: Sequence[Any] = ()) -> SendResult:
        """Send one message."""


Render = Callable[[dict[str, Any], str | None], Rendered]


class ChannelCollector(CollectingOutputChannel):
    """Collects the replies, named after the channel, so a response may have a variation
    for it (``channel: twilio_sms`` or ``channel: telegram`` in the domain)."""

    def __init__(self, channel_name: str) -> None:
        """Collect for ``channel_name`` (Rasa's input channel name)."""
        super().__init__()
        self.channel_name = channel_name

    def name(self) -> str:  # type: ignore[override] - Rasa calls it on the instance
        """The channel's name, as Rasa's NLG matches response variations."""
        return self.channel_name


@dataclass
class Turns:
    """Runs messages through the assistant for one channel.

    Attributes:
        channel: ``sms`` or ``telegram`` (the API's channel name, in metadata).
        input_channel: Rasa's input channel name (``twilio_sms``, ``telegram``).
        store: The channel store.
        sender: Sends on the provider.
        render: Turns one of Rasa's messages into what the provider sends.
        retry_pause: Seconds before the first retry of a failed send (doubles).
    """

    channel: str
    input_channel: str
    store: ChannelStore
    sender: Sender
    render: Render
    retry_pause: float = 0.5
    tasks: set[asyncio.Task[None]] = field(default_factory=set)

    def start(self, work: Awaitable[None]) -> None:
        """Run ``work`` in the background, keeping a reference until it ends."""
        task = asyncio.ensure_future(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def run(
        self,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        *,
        text: str,
        conversation: str,
        address: str,
        app: Any = None,
        metadata: dict[str, Any] | None = None,
    ) -> None:
        """Pass ``text`` to the assistant as ``conversation`` and send the replies."""
        collector = ChannelCollector(self.input_channel)
        message = UserMessage(
            text,
            collector,
            conversation,
            input_channel=self.input_channel,
            metadata={"channel": self.channel, **(metadata or {})},
        )
        try:
            await on_new_message(message)
        except CancelledError:
            logger.error("The assistant took too long to answer a %s message", self.channel)
        except Exception as error:  # noqa: BLE001 - the person must still get an answer
            logger.error(
                "The assistant failed on a %s message (%s)", self.channel, type(error).__name__
            )
            if not collector.messages:
                collector.messages.append({"text": reply("busy", self.language(conversation))})
        language = await self.remember_language(app, conversation)
        await self.deliver(
            collector.messages, conversation=conversation, address=address, language=language
        )

    def language(self, conversation: str) -> str | None:
        """The person's language as the store last heard it."""
        identity = self.store.get(conversation)
        return identity.language if identity else None

    async def remember_language(self, app: Any, conversation: str) -> str | None:
        """Copy the tracker's ``language`` slot to the channel store (best effort)."""
        language = None
        agent = getattr(getattr(app, "ctx", None), "agent", None)
        try:
            if agent is not None and agent.tracker_store is not None:
                tracker = await agent.tracker_store.retrieve(conversation)
                value = tracker.get_slot("language") if tracker else None
                language = value if isinstance(value, str) else None
        except Exception as error:  # noqa: BLE001 - only the channel's own replies need it
            logger.warning("Could not read the conversation language (%s)", type(error).__name__)
        if language:
            await asyncio.to_thread(self.store.set_language, conversation, language)
            return language
        return await asyncio.to_thread(self.language, conversation)

    async def deliver(
        self,
        messages: Sequence[dict[str, Any]],
        *,
        conversation: str,
        address: str,
        language: str | None,
        kind: str = "reply",
    ) -> list[SendResult]:
        """Render and send the assistant's messages; keep the last one's options."""
        results: list[SendResult] = []
        last_options: list[dict[str, str]] = []
        for message in messages:
            custom = message.get("custom")
            if isinstance(custom, dict) and OPT_IN_SIGNAL in custom:
                signal = custom[OPT_IN_SIGNAL] or {}
                if signal.get("opt_in") is True:
                    await asyncio.to_thread(self.store.opt_in, conversation)
                    logger.info("A %s identity opted in to hear back", self.channel)
                if signal.get("forget") is True:
                    await asyncio.to_thread(self.store.forget, conversation)
                    logger.info("A %s identity was forgotten at their request", self.channel)
                    last_options = []
                continue
            if not (message.get("text") or message.get("buttons")):
                continue
            rendered = self.render(message, language)
            buttons = message.get("buttons") or []
            last_options = [
                {"title": str(b.get("title") or ""), "payload": str(b.get("payload") or "")}
                for b in buttons
                if b.get("payload")
            ]
            results += await self.send_rendered(
                rendered, conversation=conversation, address=address, kind=kind
            )
        await asyncio.to_thread(self.store.set_options, conversation, last_options)
        return results

    async def send_rendered(
        self, rendered: Rendered, *, conversation: str, address: str, kind: str = "reply"
    ) -> list[SendResult]:
        """Send each part (the buttons go with the last), retrying what can be retried."""
        results = []
        for index, part in enumerate(rendered.parts):
            buttons = rendered.buttons if index == len(rendered.parts) - 1 else ()
            result = await self.send_with_retries(address, part, buttons)
            results.append(result)
            await asyncio.to_thread(
                self.store.record,
                channel=self.channel,
                conversation=conversation,
                kind=kind,
                status=result.status,
                provider_id=result.provider_id,
                error=result.error,
                segments=rendered.segments if index == 0 else None,
            )
            if not result.ok:
                logger.warning("A %s %s was not accepted (%s)", self.channel, kind, result.error)
                break
        return results

    async def send_with_retries(
        self, address: str, body: str, buttons: Sequence[Any]
    ) -> SendResult:
        """Send once, then retry a failure that may pass, with a growing pause."""
        result = await self.sender.send(address, body, buttons=buttons)
        pause = self.retry_pause
        for _ in range(RETRIES - 1):
            if result.ok or not result.retry:
                break
            await asyncio.sleep(pause)
            pause *= 2
            result = await self.sender.send(address, body, buttons=buttons)
        return result
