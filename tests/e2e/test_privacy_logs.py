"""No personal data in logs: a conversation full of identifiers, then every log line read."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from conftest import Stack

NAME = "Zebedee Quixotic"
EMAIL = "zebedee.quixotic@example.com"
POSTCODE = "LS8 2AB"
NHS_NUMBER = "943 476 5919"


@pytest.mark.log_scan
def test_a_conversation_full_of_identifiers_leaves_none_in_any_log_line(stack: Stack) -> None:
    digits = str(uuid.uuid4().int)[:3]
    phone_sender = f"+447700900{digits}"  # as the SMS channel names a sender
    local_phone = f"07700 900{digits}"
    messages = [
        "hello",
        f"My name is {NAME}, ring me on {local_phone} or email {EMAIL}",
        f"The school in {POSTCODE} will not talk to me about my son's plan, NHS no {NHS_NUMBER}",
        "yes",
        "i want to kill myself",
        "what do you keep about me",
        "privacy",
        f"{NAME} {local_phone} " * 150,  # too long: refused by the channel
        "delete my data",
        "1",
    ]
    for message in messages:
        stack.say(phone_sender, message)
    httpx.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        content=f'{{"sender": "{phone_sender}", "message": "{EMAIL}'.encode(),
        timeout=30,
    )
    httpx.post(
        f"{stack.api_url}/chat/messages",
        json={"sender": phone_sender, "message": f"I am {NAME} from {POSTCODE}"},
        timeout=60,
    )
    httpx.get(f"{stack.rasa_url}/conversations/{phone_sender}/tracker", timeout=30)

    log = stack.log()
    forbidden = [
        phone_sender,
        phone_sender.lstrip("+"),
        local_phone,
        local_phone.replace(" ", ""),
        EMAIL,
        NAME,
        "Quixotic",
        POSTCODE,
        NHS_NUMBER,
        "kill myself",
    ]
    lines = log.splitlines()
    assert len(lines) > 20, "the stack log is unexpectedly short"
    for line in lines:
        for item in forbidden:
            assert item.lower() not in line.lower(), f"{item!r} appears in a log line"
        assert not re.search(r"900\d{3}", line), "a phone number appears in a log line"
