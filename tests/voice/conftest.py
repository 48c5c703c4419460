"""An Alexa-ready stack: the real Rasa and action servers, trusting the tests' own CA.

The channel reads ALEXA_TRUST_ROOTS, ALEXA_SKILL_IDS and ALEXA_CERT_CHAIN_DIR (the documented test
seam that serves the chain from a local file), so nothing reaches the network.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from harness.alexa_client import AlexaClient, bad_chains
from harness.alexa_signing import SKILL_ID, Pki
from harness.stack import Stack


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
