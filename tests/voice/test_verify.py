"""The request verifier with a test CA: a good request passes; every forgery the issue lists is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from channels.alexa.certs import CertificateError, ChainFetcher, check_chain_url
from channels.alexa.verify import MAX_BODY_BYTES, RejectedRequestError, RequestVerifier
from harness import alexa_signing as signing
from harness.alexa_signing import CHAIN_URL, SKILL_ID, Pki


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


def verifier_for(pki: Pki, chain: bytes | None = None, roots: bytes | None = None, **kwargs) -> RequestVerifier:
    from cryptography import x509
    from cryptography.x509.verification import Store

    served = chain if chain is not None else pki.chain_pem()
    fetched: list[str] = []

    def fetch(url: str, timeout: float) -> bytes:
        fetched.append(url)
        return served

    root_certs = x509.load_pem_x509_certificates(roots or signing.pem(pki.root))
    verifier = RequestVerifier(
        roots=Store(root_certs), application_ids=[SKILL_ID], fetcher=ChainFetcher(fetch=fetch), **kwargs
    )
    verifier.fetched = fetched  # type: ignore[attr-defined]
    return verifier


def good_body(**kwargs) -> bytes:
    return signing.body_of(signing.envelope(signing.launch(), **kwargs))


def test_a_properly_signed_request_passes_and_is_returned_parsed(pki: Pki) -> None:
    body = good_body()
    envelope = verifier_for(pki).verify(signing.headers(body, pki.leaf_key), body)
    assert envelope["request"]["type"] == "LaunchRequest"


def test_the_chain_is_fetched_once_and_then_cached(pki: Pki) -> None:
    verifier = verifier_for(pki)
    for _ in range(3):
        body = good_body()
        verifier.verify(signing.headers(body, pki.leaf_key), body)
    assert verifier.fetched == [CHAIN_URL]  # type: ignore[attr-defined]


def rejected(verifier: RequestVerifier, headers: dict[str, str], body: bytes, reason: str) -> None:
    with pytest.raises(RejectedRequestError, match=reason):
        verifier.verify(headers, body)


def test_forged_body_is_refused(pki: Pki) -> None:
    body = good_body()
    headers = signing.headers(body, pki.leaf_key)
    forged = body.replace(b"LaunchRequest", b"IntentRequest")
    rejected(verifier_for(pki), headers, forged, "signature")


def test_reserialised_json_is_refused_because_the_signature_covers_the_raw_bytes(pki: Pki) -> None:
    body = good_body()
    headers = signing.headers(body, pki.leaf_key)
    reserialised = json.dumps(json.loads(body), indent=1).encode()
    rejected(verifier_for(pki), headers, reserialised, "signature")


def test_signature_from_another_key_is_refused(pki: Pki) -> None:
    body = good_body()
    other = Pki().leaf_key
    rejected(verifier_for(pki), signing.headers(body, other), body, "signature")


def test_untrusted_root_is_refused(pki: Pki) -> None:
    body = good_body()
    stranger = Pki()
    verifier = verifier_for(pki, chain=stranger.chain_pem())
    rejected(verifier, signing.headers(body, stranger.leaf_key), body, "certificate chain rejected")


def test_trust_store_without_our_root_refuses_our_chain(pki: Pki) -> None:
    body = good_body()
    verifier = verifier_for(pki, roots=signing.pem(Pki().root))
    rejected(verifier, signing.headers(body, pki.leaf_key), body, "certificate chain rejected")


def test_wrong_subject_name_is_refused(pki: Pki) -> None:
    body = good_body()
    verifier = verifier_for(pki, chain=pki.chain_pem(pki.leaf_for("echo-api.example.com")))
    rejected(verifier, signing.headers(body, pki.leaf_key), body, "certificate chain rejected")


def test_expired_leaf_is_refused(pki: Pki) -> None:
    body = good_body()
    past = datetime.now(UTC) - timedelta(days=10)
    expired = pki.leaf_for(not_before=past - timedelta(days=30), not_after=past)
    rejected(verifier_for(pki, chain=pki.chain_pem(expired)), signing.headers(body, pki.leaf_key), body, "rejected")


def test_not_yet_valid_leaf_is_refused(pki: Pki) -> None:
    body = good_body()
    future = datetime.now(UTC) + timedelta(days=2)
    early = pki.leaf_for(not_before=future, not_after=future + timedelta(days=30))
    rejected(verifier_for(pki, chain=pki.chain_pem(early)), signing.headers(body, pki.leaf_key), body, "rejected")


def test_chain_missing_its_intermediate_is_refused(pki: Pki) -> None:
    body = good_body()
    verifier = verifier_for(pki, chain=signing.pem(pki.leaf))
    rejected(verifier, signing.headers(body, pki.leaf_key), body, "certificate chain rejected")


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "not https"),
        ("https://notamazon.com/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem", "host"),
        ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com/echo.api/%2e%2e/invalid.path/echo-api-cert.pem", "path"),
        ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem", "port"),
        ("https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem", "unparsable"),
    ],
)
def test_bad_certificate_urls_are_refused_before_any_fetch(pki: Pki, url: str, reason: str) -> None:
    body = good_body()
    verifier = verifier_for(pki)
    rejected(verifier, signing.headers(body, pki.leaf_key, url=url), body, reason)
    assert verifier.fetched == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("url", "normalised"),
    [
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem", "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
        (
            "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
        ("https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem", "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"),
        (
            "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
            "https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        ),
    ],
)
def test_amazons_valid_url_forms_are_accepted_and_normalised(url: str, normalised: str) -> None:
    assert check_chain_url(url) == normalised


def test_a_failed_fetch_is_a_refusal_not_a_crash(pki: Pki) -> None:
    def timeout(url: str, seconds: float) -> bytes:
        raise TimeoutError(f"{url} took longer than {seconds}s")

    verifier = verifier_for(pki)
    verifier.fetcher = ChainFetcher(fetch=timeout, timeout=0.5)
    body = good_body()
    rejected(verifier, signing.headers(body, pki.leaf_key), body, "could not fetch")


def test_a_chain_that_is_not_pem_is_refused(pki: Pki) -> None:
    body = good_body()
    rejected(verifier_for(pki, chain=b"<html>Access denied</html>"), signing.headers(body, pki.leaf_key), body, "PEM")


def test_fetcher_raises_certificate_error_for_bad_urls() -> None:
    with pytest.raises(CertificateError):
        ChainFetcher(fetch=lambda url, timeout: b"").chain("ftp://s3.amazonaws.com/echo.api/x.pem")


@pytest.mark.parametrize(("offset", "ok"), [(-200, False), (-140, True), (140, True), (200, False)])
def test_timestamp_must_be_within_150_seconds_either_way(pki: Pki, offset: int, ok: bool) -> None:
    body = good_body(offset=timedelta(seconds=offset))
    headers = signing.headers(body, pki.leaf_key)
    if ok:
        verifier_for(pki).verify(headers, body)
    else:
        rejected(verifier_for(pki), headers, body, "timestamp")


def test_wrong_application_id_is_refused(pki: Pki) -> None:
    body = good_body(skill_id="amzn1.ask.skill.someone-else")
    rejected(verifier_for(pki), signing.headers(body, pki.leaf_key), body, "application id")


def test_no_configured_application_id_refuses_everything(pki: Pki) -> None:
    body = good_body()
    verifier = verifier_for(pki)
    verifier.application_ids = []
    rejected(verifier, signing.headers(body, pki.leaf_key), body, "no skill application id")


def test_one_of_several_application_ids_passes(pki: Pki) -> None:
    body = good_body()
    verifier = verifier_for(pki)
    verifier.application_ids = ["amzn1.ask.skill.other", SKILL_ID]
    assert verifier.verify(signing.headers(body, pki.leaf_key), body)


@pytest.mark.parametrize("missing", ["Signature-256", "SignatureCertChainUrl"])
def test_missing_headers_are_refused(pki: Pki, missing: str) -> None:
    body = good_body()
    headers = signing.headers(body, pki.leaf_key)
    del headers[missing]
    rejected(verifier_for(pki), headers, body, f"missing {missing}")


def test_signature_that_is_not_base64_is_refused(pki: Pki) -> None:
    body = good_body()
    headers = {**signing.headers(body, pki.leaf_key), "Signature-256": "not base64!!"}
    rejected(verifier_for(pki), headers, body, "base64")


def test_properly_signed_malformed_json_is_refused(pki: Pki) -> None:
    body = b'{"version": "1.0", "request": {'
    rejected(verifier_for(pki), signing.headers(body, pki.leaf_key), body, "not JSON")


def test_properly_signed_json_that_is_no_alexa_request_is_refused(pki: Pki) -> None:
    body = b'["hello"]'
    rejected(verifier_for(pki), signing.headers(body, pki.leaf_key), body, "not an Alexa request")


def test_an_enormous_body_is_refused_even_when_signed(pki: Pki) -> None:
    data = signing.envelope(signing.say("x" * MAX_BODY_BYTES))
    body = signing.body_of(data)
    rejected(verifier_for(pki), signing.headers(body, pki.leaf_key), body, "too large")


def test_header_names_are_case_insensitive(pki: Pki) -> None:
    body = good_body()
    headers = {k.lower(): v for k, v in signing.headers(body, pki.leaf_key).items()}
    assert verifier_for(pki).verify(headers, body)
