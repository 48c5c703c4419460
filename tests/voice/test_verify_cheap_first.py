"""Junk Alexa requests are refused on cheap checks, before any certificate download; failed downloads are cached."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from cryptography import x509
from cryptography.x509.verification import Store

from channels.alexa.certs import ChainFetcher
from channels.alexa.verify import RejectedRequestError, RequestVerifier
from harness import alexa_signing as signing
from harness.alexa_signing import CHAIN_URL, SKILL_ID, Pki


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


class CountingFetch:
    """A download that records each URL it is asked for, and serves ``served`` (or fails when None)."""

    def __init__(self, served: bytes | None) -> None:
        self.served = served
        self.urls: list[str] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        self.urls.append(url)
        if self.served is None:
            raise TimeoutError("no route to Amazon in this test")
        return self.served


def verifier(pki: Pki, fetch: CountingFetch, application_ids: list[str] | None = None) -> RequestVerifier:
    roots = Store(x509.load_pem_x509_certificates(signing.pem(pki.root)))
    ids = [SKILL_ID] if application_ids is None else application_ids
    return RequestVerifier(roots=roots, application_ids=ids, fetcher=ChainFetcher(fetch=fetch))


def signed(pki: Pki, url: str = CHAIN_URL, **envelope: Any) -> tuple[dict[str, str], bytes]:
    body = signing.body_of(signing.envelope(signing.launch(), **envelope))
    return signing.headers(body, pki.leaf_key, url), body


def refused(check: RequestVerifier, headers: dict[str, str], body: bytes, reason: str) -> None:
    with pytest.raises(RejectedRequestError, match=reason):
        check.verify(headers, body)


def test_with_no_skill_id_configured_nothing_is_downloaded(pki: Pki) -> None:
    fetch = CountingFetch(pki.chain_pem())
    refused(verifier(pki, fetch, application_ids=[]), *signed(pki), "no skill application id")
    assert fetch.urls == []


def test_another_skills_request_is_refused_before_any_download(pki: Pki) -> None:
    fetch = CountingFetch(pki.chain_pem())
    refused(verifier(pki, fetch), *signed(pki, skill_id="amzn1.ask.skill.someone-else"), "application id")
    assert fetch.urls == []


def test_a_stale_request_is_refused_before_any_download(pki: Pki) -> None:
    fetch = CountingFetch(pki.chain_pem())
    headers, body = signed(pki, offset=timedelta(minutes=-10))
    refused(verifier(pki, fetch), headers, body, "more than 150 s")
    assert fetch.urls == []


def test_junk_bodies_are_refused_before_any_download(pki: Pki) -> None:
    fetch = CountingFetch(pki.chain_pem())
    check = verifier(pki, fetch)
    for body in (b"", b"[]", b"not json", b'{"request": "x"}'):
        refused(check, signing.headers(body, pki.leaf_key), body, "not JSON|not an Alexa request")
    assert fetch.urls == []


def test_a_failed_download_is_not_repeated_for_the_same_url(pki: Pki) -> None:
    fetch = CountingFetch(None)
    check = verifier(pki, fetch)
    for _ in range(5):
        refused(check, *signed(pki), "could not fetch")
    assert fetch.urls == [CHAIN_URL]


def test_downloads_of_new_urls_are_capped_per_minute(pki: Pki) -> None:
    fetch = CountingFetch(None)
    check = verifier(pki, fetch)
    for n in range(30):
        with pytest.raises(RejectedRequestError):
            check.verify(*signed(pki, url=f"https://s3.amazonaws.com/echo.api/junk-{n}.pem"))
    assert len(fetch.urls) == check.fetcher.max_fetches_per_minute


def test_a_good_request_still_passes_and_its_chain_is_fetched_once(pki: Pki) -> None:
    fetch = CountingFetch(pki.chain_pem())
    check = verifier(pki, fetch)
    for _ in range(3):
        assert check.verify(*signed(pki))["request"]["type"] == "LaunchRequest"
    assert fetch.urls == [CHAIN_URL]
