"""Amazon's signing certificate chain: where it may come from, and fetching it with a timeout and a cache.

Alexa names the chain in the ``SignatureCertChainUrl`` header; only Amazon's own S3 location is accepted,
and a chain that cannot be fetched fails the request (400), never the server (500).
"""

from __future__ import annotations

import posixpath
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cryptography import x509

CERT_HOST = "s3.amazonaws.com"
CERT_PATH_PREFIX = "/echo.api/"
FETCH_TIMEOUT_SECONDS = 3.0
MAX_CHAIN_BYTES = 64 * 1024
CACHE_SECONDS = 24 * 3600.0
CACHE_SIZE = 16
FAILURE_CACHE_SECONDS = 300.0
"""A chain that could not be fetched or parsed is refused without a new download for this long."""
MAX_FETCHES_PER_MINUTE = 10
"""Downloads of chains not in the cache, across all URLs: Amazon uses one or two, junk uses many."""


class CertificateError(Exception):
    """The chain URL, the download or the certificates themselves are unacceptable."""


def check_chain_url(url: str) -> str:
    """Amazon's rules for the chain URL; returns the normalised URL to fetch.

    https, host s3.amazonaws.com (case-insensitive), port 443 or none, and a path that still starts
    with /echo.api/ after resolving ``.`` and ``..`` (so /echo.api/../evil is refused).
    """
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise CertificateError(f"unparsable certificate URL: {error}") from error
    if parts.scheme.lower() != "https":
        raise CertificateError("certificate URL is not https")
    if (parts.hostname or "").lower() != CERT_HOST:
        raise CertificateError("certificate URL host is not s3.amazonaws.com")
    if port not in (None, 443):
        raise CertificateError("certificate URL port is not 443")
    raw_path = unquote(parts.path)
    path = posixpath.normpath(raw_path) if raw_path else ""
    if raw_path.endswith("/") and not path.endswith("/"):
        path += "/"
    if not path.startswith(CERT_PATH_PREFIX):
        raise CertificateError("certificate URL path is not under /echo.api/")
    return f"https://{CERT_HOST}{path}"


Fetch = Callable[[str, float], bytes]
"""(url, timeout in seconds) → the PEM bytes; raises on any failure."""


def fetch_https(url: str, timeout: float) -> bytes:
    """The production download: plain HTTPS with a timeout and a size cap."""
    with urllib.request.urlopen(url, timeout=timeout) as response:
        data: bytes = response.read(MAX_CHAIN_BYTES + 1)
    if len(data) > MAX_CHAIN_BYTES:
        raise CertificateError("certificate chain too large")
    return data


def fetch_from_dir(directory: Path) -> Fetch:
    """Test seam: serve chains from local files named like the URL's last path segment, no network.

    Enabled only by ``ALEXA_CERT_CHAIN_DIR`` (see README, "Alexa"); the URL is still checked first.
    """

    def fetch(url: str, timeout: float) -> bytes:
        name = posixpath.basename(urlsplit(url).path)
        path = directory / name
        if not name or not path.is_file():
            raise CertificateError(f"no local chain for {url}")
        return path.read_bytes()

    return fetch


@dataclass
class ChainFetcher:
    """Downloads and parses certificate chains, caching each by URL (Amazon rotates them rarely)."""

    fetch: Fetch = fetch_https
    timeout: float = FETCH_TIMEOUT_SECONDS
    cache_seconds: float = CACHE_SECONDS
    clock: Callable[[], float] = time.monotonic
    failure_seconds: float = FAILURE_CACHE_SECONDS
    max_fetches_per_minute: int = MAX_FETCHES_PER_MINUTE
    _cache: dict[str, tuple[float, list[x509.Certificate]]] = field(default_factory=dict)
    _failures: dict[str, tuple[float, str]] = field(default_factory=dict)
    _fetch_times: list[float] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def chain(self, url: str) -> list[x509.Certificate]:
        """Leaf first, then the intermediates, as Amazon's PEM file lists them."""
        normalised = check_chain_url(url)
        now = self.clock()
        with self._lock:
            cached = self._cache.get(normalised)
            if cached and now - cached[0] < self.cache_seconds:
                return cached[1]
            self._admit_download(normalised, now)
        try:
            certs = self._download(normalised)
        except CertificateError as error:
            with self._lock:
                _remember(self._failures, normalised, (now, str(error)))
            raise
        with self._lock:
            self._failures.pop(normalised, None)
            if len(self._cache) >= CACHE_SIZE:
                self._cache.pop(next(iter(self._cache)))
            self._cache[normalised] = (now, certs)
        return certs

    def _admit_download(self, url: str, now: float) -> None:
        """Refuse, without downloading, a URL that failed recently or any URL once the minute's budget is spent."""
        failed = self._failures.get(url)
        if failed and now - failed[0] < self.failure_seconds:
            raise CertificateError(f"{failed[1]} (failed recently, not fetched again)")
        self._fetch_times[:] = [t for t in self._fetch_times if now - t < 60.0]
        if len(self._fetch_times) >= self.max_fetches_per_minute:
            raise CertificateError("too many certificate chain downloads in the last minute")
        self._fetch_times.append(now)

    def _download(self, url: str) -> list[x509.Certificate]:
        try:
            pem = self.fetch(url, self.timeout)
        except CertificateError:
            raise
        except Exception as error:  # timeouts, DNS, HTTP errors: all mean "no chain", a 400
            raise CertificateError(f"could not fetch the certificate chain: {error!r}") from error
        try:
            return x509.load_pem_x509_certificates(pem)
        except ValueError as error:
            raise CertificateError("certificate chain is not PEM") from error


def _remember(failures: dict[str, tuple[float, str]], url: str, failure: tuple[float, str]) -> None:
    if url not in failures and len(failures) >= CACHE_SIZE:
        failures.pop(next(iter(failures)))
    failures[url] = failure
