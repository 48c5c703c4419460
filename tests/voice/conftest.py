"""The voice suites talk to the session's shared servers (tests/conftest.py), which trust the tests' own CA.

The channel reads ALEXA_TRUST_ROOTS, ALEXA_SKILL_IDS and ALEXA_CERT_CHAIN_DIR (the documented test
seam that serves the chain from a local file), so nothing reaches the network; harness/session_stack.py
sets them for the shared pair.
"""

from __future__ import annotations

import pytest

from harness.alexa_client import AlexaClient
from harness.alexa_signing import Pki
from harness.stack import Stack


@pytest.fixture(scope="session")
def alexa_stack(rasa_stack: Stack) -> Stack:
    """The shared servers, under the name the voice tests read best (Alexa and the phone line)."""
    return rasa_stack


@pytest.fixture(scope="session")
def alexa(rasa_stack: Stack, pki: Pki) -> AlexaClient:
    return AlexaClient(rasa_stack, pki)
