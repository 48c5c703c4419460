"""The Rasa → action server timeout taken from ``endpoints.yml`` (``action_endpoint: timeout: <seconds>``).

Rasa 3.6 calls the action server with ``timeout=DEFAULT_REQUEST_TIMEOUT`` (300 s, hard-coded in
``RemoteAction.run``) and ignores any ``timeout`` in the endpoint's configuration, so a frozen action
server (a stopped process, a deadlock: the connection is accepted, no answer comes) holds every turn for
minutes; a person waiting mid-stretch gets nothing, or the web server's own 503. Here an endpoint whose
configuration names a ``timeout`` uses it for each request, as a total ``aiohttp.ClientTimeout``;
endpoints without one behave exactly as before. The timed-out call fails as a refused connection does
(Rasa logs it and runs no events), so the channel's guard (``channels.guard``) answers with the clinic's
number and the person keeps their place.
"""

from __future__ import annotations

from typing import Any

import aiohttp
from rasa.utils.endpoints import EndpointConfig

from server_tuning import pinning

TARGET = "rasa.utils.endpoints.EndpointConfig.request"
CALLER = "rasa.core.actions.action.RemoteAction.run"
"""Passes ``timeout=DEFAULT_REQUEST_TIMEOUT`` to ``TARGET``; pinned too, so a change of how it calls is reviewed."""
STOCK = EndpointConfig.__dict__["request"]
"""Rasa's own method, as imported (before :func:`install` replaces it)."""


def configured_timeout(endpoint: EndpointConfig) -> float | None:
    """The endpoint's ``timeout`` in seconds (positive), or None when it names none."""
    value = endpoint.kwargs.get("timeout")
    if value is None:
        return None
    seconds = float(value)
    if seconds <= 0:
        raise ValueError(f"endpoint timeout must be positive seconds, not {value!r}")
    return seconds


async def request(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
    """``EndpointConfig.request``, with the configured timeout in place of the caller's."""
    seconds = configured_timeout(self)
    if seconds is not None:
        kwargs["timeout"] = aiohttp.ClientTimeout(total=seconds)
    return await STOCK(self, *args, **kwargs)


def install() -> bool:
    """Replaces Rasa's method when it, and the action call that passes the timeout, are the pinned ones."""
    if EndpointConfig.request is request:
        return True
    if not (pinning.unchanged(TARGET) and pinning.unchanged(CALLER)):
        return False
    EndpointConfig.request = request
    return True
