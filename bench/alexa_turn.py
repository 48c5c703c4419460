"""Response time of an Alexa turn, verification included, on the real Rasa and action servers.

Requests are signed by a test CA (harness/alexa_signing.py) and the chain is served by the channel's
documented test seam, so only the download time of Amazon's chain is left out (it is fetched once and
cached; the fetch timeout bounds it). Also times the verifier alone, in process. Alexa allows 8 s.
A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.x509.verification import Store

from bench.stats import summary
from channels.alexa.certs import ChainFetcher
from channels.alexa.verify import RequestVerifier
from harness import alexa_signing as signing
from harness.alexa_client import AlexaClient
from harness.stack import Stack
from pacing import Routine
from stretch_content import load_content

USER = "amzn1.ask.account.bench"


def timed(action: Callable[[], Any]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def verifier_only(pki: signing.Pki, rounds: int) -> tuple[float, list[float]]:
    """(first verification with a chain fetch and parse, then cached ones) in milliseconds."""
    chain = pki.chain_pem()
    verifier = RequestVerifier(
        roots=Store([pki.root]), application_ids=[signing.SKILL_ID], fetcher=ChainFetcher(fetch=lambda url, t: chain)
    )
    bodies = [signing.body_of(signing.envelope(signing.intent("AMAZON.NextIntent"))) for _ in range(rounds + 1)]
    signed = [(signing.headers(b, pki.leaf_key), b) for b in bodies]
    first = timed(lambda: verifier.verify(*signed[0]))
    return first, [timed(partial(verifier.verify, h, b)) for h, b in signed[1:]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--walks", type=int, default=3, help="how many times to walk every routine")
    args = parser.parse_args()
    pki = signing.Pki()
    first, cached = verifier_only(pki, 200)
    print(f"verifier alone, first request (chain parse): {first:.2f} ms")
    print(summary("verifier alone, cached chain", cached))
    x509.load_pem_x509_certificates(pki.chain_pem())  # warm the PEM parser outside the HTTP timings
    content = load_content()
    with tempfile.TemporaryDirectory() as workdir:
        roots, chains = pki.write(Path(workdir) / "pki")
        env = {
            "ALEXA_TRUST_ROOTS": str(roots),
            "ALEXA_CERT_CHAIN_DIR": str(chains),
            "ALEXA_SKILL_IDS": signing.SKILL_ID,
            "RATE_LIMIT_PER_SENDER": "0",  # one user walking every routine back to back: faster than a person
        }
        stack = Stack(workdir=Path(workdir), env=env)
        stack.start()
        try:
            alexa = AlexaClient(stack, pki)
            launch = timed(lambda: alexa.send(signing.launch(), user=USER, new=True))
            print(f"first Alexa turn (launch, chain fetched and cached): {launch:.1f} ms")
            turns: dict[str, list[float]] = {
                "catch-all (Rasa NLU)": [],
                "AMAZON.NoIntent (the screen)": [],
                "AMAZON.NextIntent": [],
            }
            for _ in range(args.walks):
                for stretch in content.stretches:
                    phrase = signing.say(f"guide me through the {stretch.synonyms[0]}")
                    turns["catch-all (Rasa NLU)"].append(timed(partial(alexa.send, phrase, user=USER)))
                    # Alexa keeps nothing about the screen's answer: it is asked before every stretch
                    no = partial(alexa.send, signing.intent("AMAZON.NoIntent"), user=USER)
                    turns["AMAZON.NoIntent (the screen)"].append(timed(no))
                    for _ in range(Routine(stretch).total):
                        turns["AMAZON.NextIntent"].append(
                            timed(lambda: alexa.send(signing.intent("AMAZON.NextIntent"), user=USER))
                        )
            rejected = [
                timed(lambda: alexa.send_raw(b"{}", {"Signature-256": "x", "SignatureCertChainUrl": signing.CHAIN_URL}))
                for _ in range(50)
            ]
        finally:
            stack.stop()
    print("signed Alexa turns over HTTP, verification + Rasa + actions + response (Alexa's limit: 8000 ms):")
    for name, millis in turns.items():
        print(summary(name, millis))
    print(summary("rejected request (400)", rejected))


if __name__ == "__main__":
    main()
