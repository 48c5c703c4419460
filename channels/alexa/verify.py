"""Alexa's checks on every request, run before Rasa sees it; any failure is a ``RejectedRequestError`` (HTTP 400).

Cheap checks first, so junk never costs a certificate download: a skill id must be configured, the
headers present, the certificate URL Amazon's, the body an Alexa request with a timestamp within 150 s
and this skill's application id. Only then the chain (fetched once and cached, failures too; to a
trusted root, dates, subject name ``echo-api.amazon.com``, in one ``cryptography`` path validation)
and the signature over the raw body. The application id and timestamp are read before the signature
is checked, but nothing of the body is used unless the signature holds. The trust store is a
parameter, so tests run this very code with their own root.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import certifi
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from channels.alexa.certs import CertificateError, ChainFetcher, check_chain_url

SIGNING_NAME = "echo-api.amazon.com"
SIGNATURE_HEADER = "Signature-256"
CHAIN_URL_HEADER = "SignatureCertChainUrl"
TIMESTAMP_TOLERANCE = timedelta(seconds=150)
MAX_BODY_BYTES = 128 * 1024
"""Real Alexa requests are a few KB; anything this big is refused before parsing."""


class RejectedRequestError(Exception):
    """The request failed a check; the message says which (logged, never sent to the caller)."""


def load_roots(pem_path: Path | str | None = None) -> Store:
    """Trusted roots from a PEM bundle; certifi's (Mozilla's) bundle when no path is given."""
    data = Path(pem_path or certifi.where()).read_bytes()
    return Store(x509.load_pem_x509_certificates(data))


def _header(headers: Mapping[str, str], name: str) -> str:
    lowered = {k.lower(): v for k, v in headers.items()}
    value = lowered.get(name.lower(), "").strip()
    if not value:
        raise RejectedRequestError(f"missing {name} header")
    return value


def _parse_time(value: Any) -> datetime:
    if not isinstance(value, str):
        raise RejectedRequestError("request has no timestamp")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise RejectedRequestError("unreadable timestamp") from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def application_id(envelope: Mapping[str, Any]) -> str | None:
    """The skill id, from context.System (always sent) or the session (sent with most requests)."""
    for path in (("context", "System", "application"), ("session", "application")):
        node: Any = envelope
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        if isinstance(node, Mapping) and isinstance(node.get("applicationId"), str):
            return str(node["applicationId"])
    return None


@dataclass
class RequestVerifier:
    """Checks one Alexa request; ``verify`` returns the parsed JSON of a request that passed."""

    roots: Store
    application_ids: Collection[str]
    fetcher: ChainFetcher = field(default_factory=ChainFetcher)
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))

    def verify(self, headers: Mapping[str, str], body: bytes) -> dict[str, Any]:
        if len(body) > MAX_BODY_BYTES:
            raise RejectedRequestError(f"body of {len(body)} bytes is too large")
        if not self.application_ids:
            raise RejectedRequestError("no skill application id configured (ALEXA_SKILL_IDS)")
        signature_b64 = _header(headers, SIGNATURE_HEADER)
        chain_url = _header(headers, CHAIN_URL_HEADER)
        try:
            check_chain_url(chain_url)
        except CertificateError as error:
            raise RejectedRequestError(str(error)) from error
        now = self.now()
        envelope = self._parse(body)
        self._check_timestamp(envelope, now)
        self._check_application(envelope)
        leaf = self._verified_leaf(chain_url, now)  # the only step that may download anything
        self._check_signature(leaf, signature_b64, body)
        return envelope

    def _verified_leaf(self, chain_url: str, now: datetime) -> x509.Certificate:
        try:
            chain = self.fetcher.chain(chain_url)
        except CertificateError as error:
            raise RejectedRequestError(str(error)) from error
        if not chain:
            raise RejectedRequestError("empty certificate chain")
        leaf, intermediates = chain[0], chain[1:]
        verifier = PolicyBuilder().store(self.roots).time(now).build_server_verifier(x509.DNSName(SIGNING_NAME))
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as error:
            raise RejectedRequestError(f"certificate chain rejected: {error}") from error
        return leaf

    @staticmethod
    def _check_signature(leaf: x509.Certificate, signature_b64: str, body: bytes) -> None:
        try:
            signature = base64.b64decode(signature_b64, validate=True)
        except (binascii.Error, ValueError) as error:
            raise RejectedRequestError("signature is not base64") from error
        key = leaf.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise RejectedRequestError("signing certificate has no RSA key")
        try:
            key.verify(signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as error:
            raise RejectedRequestError("signature does not match the body") from error

    @staticmethod
    def _parse(body: bytes) -> dict[str, Any]:
        try:
            envelope = json.loads(body)
        except (ValueError, UnicodeDecodeError) as error:
            raise RejectedRequestError("body is not JSON") from error
        if not isinstance(envelope, dict) or not isinstance(envelope.get("request"), dict):
            raise RejectedRequestError("body is not an Alexa request")
        return envelope

    @staticmethod
    def _check_timestamp(envelope: Mapping[str, Any], now: datetime) -> None:
        stamp = _parse_time(envelope["request"].get("timestamp"))
        if abs(now - stamp) > TIMESTAMP_TOLERANCE:
            raise RejectedRequestError(f"timestamp {stamp.isoformat()} is more than 150 s from now")

    def _check_application(self, envelope: Mapping[str, Any]) -> None:
        app_id = application_id(envelope)
        if app_id not in self.application_ids:
            raise RejectedRequestError(f"application id {app_id!r} is not this skill's")
