"""A faster check of the action server's replies in the Rasa server.

Rasa 3.6 checks every action server reply with ``jsonschema.validate``, which first checks
the schema itself against JSON Schema's meta-schema, every time. Under load that was
nearly half of the Rasa server's CPU (``bench/conversations.py`` with py-spy). This keeps
the check, with a validator built once per schema; errors are the same
(``jsonschema.exceptions.best_match``, raised as ``ValidationError``).

Installed by the Rasa server's own plug-ins (``bot/nlg.py``), so it needs no change to Rasa.
"""

from __future__ import annotations

import json
from typing import Any

import jsonschema
from jsonschema import exceptions, validators

_original_validate = jsonschema.validate
_validators: dict[str, Any] = {}


def validate(instance: Any, schema: Any, cls: Any = None, *args: Any, **kwargs: Any) -> None:
    """``jsonschema.validate`` with the schema checked once, not at every call."""
    if cls is not None or args or kwargs:
        return _original_validate(instance, schema, cls, *args, **kwargs)
    key = json.dumps(schema, sort_keys=True, default=str)
    validator = _validators.get(key)
    if validator is None:
        validator_class = validators.validator_for(schema)
        validator_class.check_schema(schema)
        validator = _validators[key] = validator_class(schema)
    error = exceptions.best_match(validator.iter_errors(instance))
    if error is not None:
        raise error
    return None


def install() -> None:
    """Use the faster check everywhere ``jsonschema.validate`` is looked up at call time."""
    jsonschema.validate = validate
