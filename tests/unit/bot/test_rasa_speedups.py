"""The faster check of action server replies accepts and refuses exactly what Rasa's does."""

from __future__ import annotations

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from bot import rasa_speedups

SCHEMA = RemoteAction.action_response_format_spec()


def test_a_valid_reply_passes_both_checks() -> None:
    reply = {"events": [{"event": "slot", "name": "x", "value": 1}], "responses": [{"text": "hi"}]}
    jsonschema.validate(reply, SCHEMA)
    rasa_speedups.validate(reply, SCHEMA)


def test_an_invalid_reply_is_refused_with_the_same_error() -> None:
    reply = {"events": "not a list", "responses": []}
    with pytest.raises(jsonschema.ValidationError) as original:
        rasa_speedups._original_validate(reply, SCHEMA)
    with pytest.raises(jsonschema.ValidationError) as faster:
        rasa_speedups.validate(reply, SCHEMA)
    assert faster.value.message == original.value.message


def test_an_invalid_schema_is_still_refused() -> None:
    with pytest.raises(jsonschema.SchemaError):
        rasa_speedups.validate({}, {"type": "no such type"})


def test_installing_replaces_the_function_rasa_imports_at_call_time() -> None:
    before = jsonschema.validate
    try:
        rasa_speedups.install()
        from jsonschema import validate

        assert validate is rasa_speedups.validate
    finally:
        jsonschema.validate = before
