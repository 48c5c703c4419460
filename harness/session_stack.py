"""The one server pair a pytest session shares, set up for every suite that talks to it.

Starting Rasa and the action server costs tens of seconds each time, so the suites that can share
servers share one pair, configured for all of them at once:

- the voice suite: Alexa's trust in the tests' own CA (``ALEXA_TRUST_ROOTS``), the test skill id
  (``ALEXA_SKILL_IDS``) and the chains served from a local folder (``ALEXA_CERT_CHAIN_DIR``, the
  channel's documented test seam, with the bad chains the channel must refuse), so nothing reaches
  the network;
- the browser and security suites: a page on a port known before the servers start, whose origin is
  the only one allowed to open a socket (``WEB_ORIGIN``, CORS) and where the pose pictures are served
  (``POSE_IMAGE_BASE_URL``);
- the end-to-end and security suites: REST, Twilio and the token-only API as ``make run`` serves them.

Suites that need servers configured otherwise start their own (see tests/conftest.py for which, and why).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from harness.alexa_client import bad_chains
from harness.alexa_signing import SKILL_ID, Pki
from harness.stack import Stack
from harness.web_stack import chat_origins, page_origin


@dataclass(frozen=True)
class AlexaTrust:
    """Where the tests' own CA and certificate chains were written for the Alexa channel to read."""

    roots: Path
    chains: Path

    def env(self) -> dict[str, str]:
        return {
            "ALEXA_TRUST_ROOTS": str(self.roots),
            "ALEXA_CERT_CHAIN_DIR": str(self.chains),
            "ALEXA_SKILL_IDS": SKILL_ID,
        }


def alexa_trust(pki: Pki, folder: Path) -> AlexaTrust:
    """Writes the CA's roots and its good and bad chains under ``folder``."""
    roots, chains = pki.write(folder)
    for name, chain in bad_chains(pki).items():
        (chains / name).write_bytes(chain)
    return AlexaTrust(roots, chains)


def session_stack(workdir: Path, pki: Pki, page_port: int, host_port: int | None = None) -> Stack:
    """Rasa and the action server (not started) for every sharing suite: Alexa trust and the page's origin.

    ``host_port``: the example clinic site that embeds the chat (tests/browser/test_embed.py), whose origin is
    allowed too, through the one setting a deployment uses for it (``WEB_ORIGIN``, which also gives the CORS list)."""
    origin = page_origin(page_port)
    origins = chat_origins(page_port) if host_port is None else chat_origins(page_port, host_port)
    env = alexa_trust(pki, workdir / "pki").env()
    env |= {"WEB_ORIGIN": origins, "POSE_IMAGE_BASE_URL": f"{origin}/poses/"}
    return Stack(workdir=workdir, cors=origins, env=env)
