"""Action server responses validated with a validator built once, instead of ``jsonschema.validate`` per call.

``jsonschema.validate(instance, schema)`` picks the validator class for the schema, checks the schema
against its metaschema (``check_schema``), builds a validator and raises the best-matching error. Rasa
3.6 calls it for every response of the action server with the same schema, so the metaschema check
and the validator construction are repeated on every turn. Here they run once per ``RemoteAction``
class; each response still goes through the same validator class and the same ``best_match`` error,
and Rasa's message about the action server's response format is appended as before.
"""

from __future__ import annotations

from typing import Any

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL

from server_tuning import pinning

TARGET = "rasa.core.actions.action.RemoteAction._validate_action_result"
STOCK = RemoteAction.__dict__["_validate_action_result"]
"""Rasa's own method, as imported (before :func:`install` replaces it)."""


_validators: dict[type, Validator] = {}


def validator(action_class: type) -> Validator:
    """The response schema's validator (per RemoteAction class), its schema checked against the metaschema once."""
    if action_class not in _validators:
        schema = action_class.action_response_format_spec()  # type: ignore[attr-defined]
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validators[action_class] = cls(schema)
    return _validators[action_class]


def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
    """What ``RemoteAction._validate_action_result`` does, with the validator built once."""
    error = best_match(validator(type(self)).iter_errors(result))
    if error is None:
        return True
    if not isinstance(error, ValidationError):  # best_match returns the iterated errors, all ValidationErrors
        raise TypeError(f"unexpected validation error {error!r}")
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def install() -> bool:
    """Replaces Rasa's method when it is still the one this override was written for."""
    if RemoteAction._validate_action_result is validate_action_result:
        return True
    if not pinning.unchanged(TARGET):
        return False
    RemoteAction._validate_action_result = validate_action_result
    return True
