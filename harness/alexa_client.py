"""A client that sends properly signed Alexa requests to a running stack (tests and benchmarks)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from harness import alexa_signing as signing
from harness.alexa_signing import Pki
from harness.stack import Stack

ALEXA_PATH = "/webhooks/alexa/webhook"


@dataclass
class AlexaClient:
    """Sends properly signed Alexa requests to the running stack."""

    stack: Stack
    pki: Pki

    def send_raw(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        return self.stack.post(ALEXA_PATH, body, headers)

    def send(self, request: dict[str, Any], **envelope: Any) -> dict[str, Any]:
        body = signing.body_of(signing.envelope(request, **envelope))
        status, answer = self.send_raw(body, signing.headers(body, self.pki.leaf_key))
        assert status == 200, answer[:500]
        return dict(json.loads(answer))


def bad_chains(pki: Pki) -> dict[str, bytes]:
    """Chains the channel must refuse, served under these file names from the test seam."""
    past = datetime.now(UTC) - timedelta(days=10)
    return {
        "untrusted.pem": Pki(leaf_key=pki.leaf_key).chain_pem(),
        "wrong-name.pem": pki.chain_pem(pki.leaf_for("echo-api.example.com")),
        "expired.pem": pki.chain_pem(pki.leaf_for(not_before=past - timedelta(days=30), not_after=past)),
    }
