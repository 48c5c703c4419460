"""The action server answers a malformed request with its 4xx, quietly, instead of a 500 with a traceback.

rasa-sdk 3.6 registers one handler for every exception (``rasa_sdk.endpoint.create_app``): it logs the
exception with its traceback and answers HTTP 500, even for Sanic's own refusals (a 404, a 405, a bad
request head refused by :mod:`server_tuning.http_guard`), so any stranger who reaches the port writes a
traceback to the log per request. Here Sanic's client errors get their own status and a one-line JSON
error, unlogged (Sanic picks the most specific handler); every other exception still goes to rasa-sdk's.
"""

from __future__ import annotations

from typing import Any

import rasa_sdk.endpoint
from sanic import Sanic, response
from sanic.exceptions import (
    HeaderExpectationFailed,
    InvalidUsage,
    MethodNotSupported,
    NotFound,
    PayloadTooLarge,
    RequestTimeout,
)
from sanic.request import Request
from sanic.response import HTTPResponse

from server_tuning import pinning

TARGET = "rasa_sdk.endpoint.create_app"
STOCK = rasa_sdk.endpoint.create_app
"""rasa-sdk's own function, as imported (before :func:`install` replaces it)."""
CLIENT_ERRORS = (InvalidUsage, NotFound, MethodNotSupported, RequestTimeout, PayloadTooLarge, HeaderExpectationFailed)


async def client_error(_request: Request, exception: Exception) -> HTTPResponse:
    status = int(getattr(exception, "status_code", 400))
    return response.json({"error": str(exception)}, status=status)


def create_app(*args: Any, **kwargs: Any) -> Sanic:
    """rasa-sdk's app, with Sanic's client errors answered as themselves."""
    app: Sanic = STOCK(*args, **kwargs)
    app.exception(*CLIENT_ERRORS)(client_error)  # type: ignore[no-untyped-call]
    return app


def install() -> bool:
    """Replaces rasa-sdk's ``create_app`` (called by ``rasa_sdk.endpoint.run``) when it is the one written for."""
    if rasa_sdk.endpoint.create_app is create_app:
        return True
    if not pinning.unchanged(TARGET):
        return False
    rasa_sdk.endpoint.create_app = create_app
    return True
