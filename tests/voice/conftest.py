"""An Alexa-ready stack: the real Rasa and action servers, trusting the tests' own CA.

The channel reads ALEXA_TRUST_ROOTS, ALEXA_SKILL_IDS and ALEXA_CERT_CHAIN_DIR (the documented test
seam that serves the chain from a local file), so nothing reaches the network.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.stack import Stack
from tests.voice import signing
from tests.voice.signing import SKILL_ID, Pki

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


@pytest.fixture(scope="session")
def pki() -> Pki:
    return Pki()


@pytest.fixture(scope="session")
def alexa_stack(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> Iterator[Stack]:
    workdir = tmp_path_factory.mktemp("alexa")
    roots, chains = pki.write(workdir / "pki")
    for name, chain in bad_chains(pki).items():
        (chains / name).write_bytes(chain)
    env = {"ALEXA_TRUST_ROOTS": str(roots), "ALEXA_CERT_CHAIN_DIR": str(chains), "ALEXA_SKILL_IDS": SKILL_ID}
    stack = Stack(workdir=workdir, env=env)
    try:
        yield stack.start()
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def alexa(alexa_stack: Stack, pki: Pki) -> AlexaClient:
    return AlexaClient(alexa_stack, pki)
