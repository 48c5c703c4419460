"""A test certificate authority and properly signed Alexa requests, made offline.

Root → intermediate → leaf for ``echo-api.amazon.com``, like Amazon's real chain, so the production
verifier runs unchanged with this root as its trust store.
"""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from channels.alexa.mapping import catch_all_intent

SKILL_ID = "amzn1.ask.skill.test-back-stretch-coach"
CHAIN_NAME = "echo-api-cert-test.pem"
CHAIN_URL = f"https://s3.amazonaws.com/echo.api/{CHAIN_NAME}"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


def _cert(
    subject: str,
    key: rsa.RSAPrivateKey,
    issuer: tuple[x509.Name, rsa.RSAPrivateKey] | None,
    *,
    ca: bool,
    dns: str | None = None,
    not_before: datetime | None = None,
    not_after: datetime | None = None,
) -> x509.Certificate:
    now = datetime.now(UTC)
    issuer_name, issuer_key = issuer or (_name(subject), key)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before or now - timedelta(days=1))
        .not_valid_after(not_after or now + timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(
            x509.KeyUsage(
                digital_signature=not ca,
                content_commitment=False,
                key_encipherment=not ca,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=ca,
                crl_sign=ca,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    )
    if issuer is not None:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), critical=False
        )
    if dns:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(dns)]), critical=False)
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False
        )
    return builder.sign(issuer_key, hashes.SHA256())


def pem(*certs: x509.Certificate) -> bytes:
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certs)


@dataclass
class Pki:
    """Root, intermediate and a leaf; ``leaf_for`` makes other leaves (wrong name, expired)."""

    root_key: rsa.RSAPrivateKey = field(default_factory=_key)
    intermediate_key: rsa.RSAPrivateKey = field(default_factory=_key)
    leaf_key: rsa.RSAPrivateKey = field(default_factory=_key)

    def __post_init__(self) -> None:
        self.root = _cert("Test Alexa Root CA", self.root_key, None, ca=True)
        self.intermediate = _cert(
            "Test Alexa Intermediate CA", self.intermediate_key, (self.root.subject, self.root_key), ca=True
        )
        self.leaf = self.leaf_for()

    def leaf_for(
        self, dns: str = "echo-api.amazon.com", *, not_before: datetime | None = None, not_after: datetime | None = None
    ) -> x509.Certificate:
        return _cert(
            dns,
            self.leaf_key,
            (self.intermediate.subject, self.intermediate_key),
            ca=False,
            dns=dns,
            not_before=not_before,
            not_after=not_after,
        )

    def chain_pem(self, leaf: x509.Certificate | None = None) -> bytes:
        return pem(leaf or self.leaf, self.intermediate)

    def write(self, directory: Path) -> tuple[Path, Path]:
        """The trust store and the chain file the channel serves from ALEXA_CERT_CHAIN_DIR."""
        directory.mkdir(parents=True, exist_ok=True)
        roots = directory / "roots.pem"
        roots.write_bytes(pem(self.root))
        chains = directory / "chains"
        chains.mkdir(exist_ok=True)
        (chains / CHAIN_NAME).write_bytes(self.chain_pem())
        return roots, chains


def sign(body: bytes, key: rsa.RSAPrivateKey) -> str:
    return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()


def headers(body: bytes, key: rsa.RSAPrivateKey, url: str = CHAIN_URL) -> dict[str, str]:
    return {"Signature-256": sign(body, key), "SignatureCertChainUrl": url, "Content-Type": "application/json"}


def now_stamp(offset: timedelta = timedelta()) -> str:
    return (datetime.now(UTC) + offset).strftime("%Y-%m-%dT%H:%M:%SZ")


def envelope(
    request: dict[str, Any],
    *,
    user: str = "amzn1.ask.account.test-user",
    session: str = "amzn1.echo-api.session.test",
    skill_id: str = SKILL_ID,
    new: bool = False,
    offset: timedelta = timedelta(),
) -> dict[str, Any]:
    """A request as Alexa sends it: session, context and the request with id and timestamp."""
    application = {"applicationId": skill_id}
    return {
        "version": "1.0",
        "session": {"new": new, "sessionId": session, "application": application, "user": {"userId": user}},
        "context": {"System": {"application": application, "user": {"userId": user}}},
        "request": {
            "requestId": f"amzn1.echo-api.request.{uuid.uuid4()}",
            "timestamp": now_stamp(offset),
            "locale": "en-US",
            **request,
        },
    }


def launch() -> dict[str, Any]:
    return {"type": "LaunchRequest"}


def intent(name: str, **slots: str) -> dict[str, Any]:
    return {
        "type": "IntentRequest",
        "intent": {
            "name": name,
            "confirmationStatus": "NONE",
            "slots": {k: {"name": k, "value": v} for k, v in slots.items()},
        },
    }


def say(text: str) -> dict[str, Any]:
    """What Alexa sends for free speech: the first word picks the catch-all intent, the rest fills the slot."""
    carrier, _, rest = text.partition(" ")
    return intent(catch_all_intent(carrier), query=rest) if rest else intent(catch_all_intent(carrier))


def session_ended() -> dict[str, Any]:
    return {"type": "SessionEndedRequest", "reason": "USER_INITIATED"}


def body_of(data: dict[str, Any]) -> bytes:
    return json.dumps(data).encode()
