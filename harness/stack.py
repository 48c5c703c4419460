"""Starts the real Rasa server and action server on free ports, for end-to-end tests of every channel.

The servers start the way ``scripts/run.sh`` (``make run``) starts them: both on loopback, the
action server through ``SANIC_HOST``, Rasa's HTTP API only with a token (``?token=``, which
``tracker()`` sends), Sanic's request size bound, a session secret and a Twilio auth token. Each stack
gets its own SQLite tracker store, so tests never share conversations, and restarting the Rasa
server keeps the conversations (what the restart test proves).

The test process and the servers it starts share one ``SESSION_SECRET`` (set here in this process's
environment when unset), as the page server and Rasa share it under ``make run``, so a page server
started in-process (tests/browser) issues owner tokens the socket.io channel accepts.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from channels.conversation_id import NAMESPACES, rest_conversation

ROOT = Path(__file__).resolve().parents[1]
TRACKER_STORE = "storage.tracker_store.SafeSQLTrackerStore"
"""The store endpoints.yml configures, so tests run the same storage as `make run`."""
os.environ["RASA_TELEMETRY_ENABLED"] = "false"  # as the Makefile exports it for make run / make test
LAUNCH = [sys.executable, "-m", "server_tuning"]
"""Both servers start as scripts/run.sh starts them: Rasa's command line behind the project's overrides."""
START_TIMEOUT = 240.0
TWILIO_PATH = "/webhooks/twilio_voice/webhook"
LOOPBACK = "127.0.0.1"
"""The address tests talk from unless they pick another loopback address (``client=``)."""
os.environ.setdefault("SESSION_SECRET", secrets.token_hex(32))


def action_timeout() -> float:
    """The seconds Rasa waits for the action server, as the project's endpoints.yml sets them."""
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    return float(endpoints["action_endpoint"]["timeout"])


def conversation(sender: str) -> str:
    """The conversation id of ``sender``: a REST sender's (``rest:<sender>``) unless it names its namespace.

    Conversation ids carry their channel (``channels/conversation_id.py``): tests that talk REST pass their
    REST sender, the web, phone and Alexa tests the full id (``web:…``, ``phone:…``, ``alexa:…``).
    """
    if sender.partition(":")[0] in NAMESPACES.values():
        return sender
    return rest_conversation(sender)


def run_sh_settings() -> dict[str, str]:
    """The environment scripts/run.sh gives the servers, whatever the tests' own environment says."""
    return {"SANIC_REQUEST_MAX_SIZE": "1048576", "SESSION_SECRET": os.environ["SESSION_SECRET"]}


NO_SERVERS = "HARNESS_NO_SERVERS"
"""Set by ``make test-unit``: a fixture that starts servers there was not marked as needing them."""


def refuse_servers_in_unit_runs() -> None:
    """Fail loudly instead of quietly turning the fast run into a slow one (tests/conftest.py marks)."""
    if os.environ.get(NO_SERVERS):
        raise RuntimeError(
            f"{NO_SERVERS} is set (make test-unit) but a test started servers: add its fixture to "
            "SLOW_FIXTURES in tests/conftest.py"
        )


def stop_process(proc: subprocess.Popen[bytes] | None) -> None:
    """Stop a server started in its own process group: SIGTERM, then SIGKILL after 20 s."""
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def latest_model() -> Path:
    models = sorted((ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime)
    if not models:
        raise RuntimeError("no trained model: run `make model` first (make test does)")
    return models[-1]


def wait_for(url: str, timeout: float, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url} exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (OSError, http.client.HTTPException):  # HTTPException: a connection to itself (see bench)
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {timeout:.0f}s:\n{log.read_text()[-4000:]}")


@dataclass
class Stack:
    """A running pair of servers. ``url`` is the Rasa server, ``rest()`` talks over the REST channel."""

    workdir: Path
    cors: str = "*"
    """Rasa's ``--cors``: one origin, or several separated by commas (as ``WEB_ORIGIN``; each its own argument)."""
    tracker_store: bool = True
    env: Mapping[str, str] = field(default_factory=dict)
    model: Path | None = None
    """The model Rasa serves; the newest under models/ when None."""
    rasa_port: int = field(default_factory=free_port)
    action_port: int = field(default_factory=free_port)
    auth_token: str = field(default_factory=lambda: "t" + secrets.token_urlsafe(24))
    """Rasa's API token (``RASA_AUTH_TOKEN`` under make run); ``tracker()`` and ``api()`` send it. It never starts
    with "-" (one in 64 of ``token_urlsafe``'s did, and Rasa's command line read it as an option and did not start)."""
    twilio_token: str = field(default_factory=lambda: secrets.token_hex(16))
    """The Twilio auth token the Twilio Voice channel verifies signatures with; ``twilio()`` signs with it."""
    _rasa: subprocess.Popen[bytes] | None = None
    _actions: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def tracker_db(self) -> Path:
        return self.workdir / "tracker.db"

    def _environment(self) -> dict[str, str]:
        settings = {**run_sh_settings(), "TWILIO_AUTH_TOKEN": self.twilio_token}
        return {**os.environ, "PYTHONPATH": str(ROOT), **settings, **self.env}

    def _endpoints(self) -> Path:
        path = self.workdir / "endpoints.yml"
        store = f"tracker_store:\n  type: {TRACKER_STORE}\n  dialect: sqlite\n  db: {self.tracker_db}\n"
        action = f"action_endpoint:\n  url: {self.action_url}/webhook\n  timeout: {action_timeout()}\n"
        path.write_text(action + (store if self.tracker_store else ""))
        return path

    def _spawn(self, args: list[str], log: Path, extra: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
        """A server in its own process group (so stop() ends its children too), logging to ``log``."""
        refuse_servers_in_unit_runs()
        env = {**self._environment(), **(extra or {})}
        with log.open("ab") as out:  # appended: a restarted server keeps the earlier log
            return subprocess.Popen(
                args, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )

    def start_actions(self) -> None:
        log = self.workdir / "actions.log"
        args = [*LAUNCH, "run", "actions", "--actions", "actions", "-p", str(self.action_port)]
        # ENDPOINTS: the store the action server keeps progress in (storage/progress.py), as scripts/run.sh sets it
        self._actions = self._spawn(args, log, {"SANIC_HOST": "127.0.0.1", "ENDPOINTS": str(self._endpoints())})
        wait_for(f"{self.action_url}/health", START_TIMEOUT, self._actions, log)

    def start_rasa(self) -> None:
        log = self.workdir / "rasa.log"
        args = [
            *LAUNCH,
            "run",
            "--enable-api",
            "--auth-token",
            self.auth_token,
            "-i",
            "127.0.0.1",
            "-p",
            str(self.rasa_port),
        ]
        args += ["--model", str(self.model or latest_model()), "--endpoints", str(self._endpoints())]
        args += ["--credentials", str(ROOT / "credentials.yml"), "--cors", *self.cors.split(",")]  # as run.sh
        self._rasa = self._spawn(args, log)
        wait_for(f"{self.url}/", START_TIMEOUT, self._rasa, log)
        self._wait_model_loaded()

    def _wait_model_loaded(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/status?token={self.auth_token}", timeout=5) as response:
                    if json.load(response).get("model_id"):
                        return
            except urllib.error.HTTPError as error:  # 409 Conflict: Rasa's answer while no agent is loaded yet
                if error.code != 409:
                    raise
            time.sleep(0.5)
        raise RuntimeError("Rasa server has no model loaded")

    def start(self) -> Stack:
        self.start_actions()
        self.start_rasa()
        return self

    _stop = staticmethod(stop_process)

    def stop_rasa(self) -> None:
        self._stop(self._rasa)

    def stop_actions(self) -> None:
        self._stop(self._actions)

    def stop(self) -> None:
        self.stop_rasa()
        self.stop_actions()

    def post(
        self,
        path: str,
        body: bytes,
        headers: Mapping[str, str] | None = None,
        timeout: float = 30,
        *,
        client: str = LOOPBACK,
    ) -> tuple[int, bytes]:
        """A raw POST to the Rasa server; returns status and body, HTTP errors included.

        ``client`` is the loopback address it is sent from: the server rate-limits per address, so a
        suite that sends hundreds of messages (many patients) sends them from addresses of their own.
        """
        connection = http.client.HTTPConnection(LOOPBACK, self.rasa_port, timeout=timeout, source_address=(client, 0))
        try:
            connection.request("POST", path, body, {"Content-Type": "application/json", **(headers or {})})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def rest(self, sender: str, message: str, *, client: str = LOOPBACK) -> list[dict[str, Any]]:
        """Send one message on the REST channel (from ``client``) and return the bot's messages."""
        payload = json.dumps({"sender": sender, "message": message}).encode()
        status, body = self.post("/webhooks/rest/webhook", payload, client=client)
        if status != 200:
            raise RuntimeError(f"REST channel answered {status}: {body[:500]!r}")
        return list(json.loads(body))

    def api_url(self, path: str) -> str:
        """A URL of Rasa's HTTP API with the token, as an operator with ``RASA_AUTH_TOKEN`` would call it."""
        return f"{self.url}{path}{'&' if '?' in path else '?'}token={self.auth_token}"

    def tracker(self, sender: str) -> dict[str, Any]:
        """A conversation from Rasa's API (which needs the token): a REST sender's, or a full id (``conversation``)."""
        path = f"/conversations/{conversation(sender)}/tracker"
        with urllib.request.urlopen(self.api_url(path), timeout=30) as response:
            return dict(json.load(response))

    def twilio_signature(self, url: str, form: Mapping[str, str]) -> str:
        """``X-Twilio-Signature`` as Twilio computes it: HMAC-SHA1 over the URL and the sorted form fields."""
        data = url + "".join(f"{key}{form[key]}" for key in sorted(form))
        digest = hmac.new(self.twilio_token.encode(), data.encode(), hashlib.sha1).digest()
        return base64.b64encode(digest).decode()

    def twilio(self, form: Mapping[str, str], *, signed: bool = True) -> tuple[int, bytes]:
        """A Twilio Voice webhook request, signed like Twilio's own unless ``signed=False``."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signed:
            headers["X-Twilio-Signature"] = self.twilio_signature(self.url + TWILIO_PATH, form)
        return self.post(TWILIO_PATH, urlencode(form).encode(), headers)
