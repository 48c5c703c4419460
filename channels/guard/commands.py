"""Which ``/intent`` a person may type: the served model's own intents, never Rasa's internal ones.

Messages are matched the way Rasa 3.6 unpacks them (``YAMLStoryReader.unpack_regex_message``: the text
is stripped, then ``/`` followed by a name up to ``{`` or ``@``, itself stripped), so ``/ restart`` is
the internal ``restart`` intent exactly as ``/restart`` is. Rasa would run ``/restart``, ``/back`` or
``/session_start`` for anyone who types them, silently; those, and ``/EXTERNAL_*`` (sent only by the
server's own reminders), get a clear answer instead.

The intents are read from the domain of the model the server runs (``agent.processor.domain``), not
from ``domain.yml`` in the source tree: a server runs the model it was given, which may be older or
newer than the files beside it, and a deployed server need not have the files at all.
"""

from __future__ import annotations

import logging
import re

from rasa.shared.core.domain import Domain
from sanic import Sanic
from sanic.exceptions import SanicException

logger = logging.getLogger(__name__)

_RASA_COMMAND = re.compile(r"^/(?P<name>[^{@]+)")  # rasa YAMLStoryReader._regex_message_pattern, intent part
_known: tuple[Domain, frozenset[str]] | None = None
"""The last served domain and its intents (a model replaced at run time brings a new domain)."""


def rasa_command(text: str) -> str | None:
    """The intent Rasa would run for ``text`` typed as a command (``/ restart``, ``/back@1.0``), else None."""
    match = _RASA_COMMAND.match(text.strip())
    return match.group("name").strip() if match else None


def user_intents(domain: Domain) -> frozenset[str]:
    """Intents a person (or a button) may send as ``/intent``: the domain's own, minus timer-only ones.

    ``Domain.as_dict`` lists the intents the domain file declared, without the defaults Rasa adds
    (``restart``, ``back``, ``session_start``, ``nlu_fallback``), as the trained model keeps them.
    """
    intents = domain.as_dict().get("intents") or []
    names = {i if isinstance(i, str) else next(iter(i)) for i in intents}
    return frozenset(n for n in names if not n.startswith("EXTERNAL_"))


def served_domain() -> Domain | None:
    """The domain of the model this Rasa server runs, or None before a model is loaded."""
    try:
        agent = getattr(Sanic.get_app().ctx, "agent", None)
    except SanicException:  # no app, or several (only in tests that build their own)
        return None
    processor = getattr(agent, "processor", None)
    domain = getattr(processor, "domain", None)
    return domain if isinstance(domain, Domain) else None


def served_intents() -> frozenset[str]:
    """``user_intents`` of the served model; none before a model is loaded (Rasa could run none then)."""
    global _known
    domain = served_domain()
    if domain is None:
        return frozenset()
    if _known is None or _known[0] is not domain:
        _known = (domain, user_intents(domain))
    return _known[1]
