"""The scaled stack on free ports: PostgreSQL, Redis, one action server, N Rasa servers and HAProxy.

Started as ``make run-scaled`` starts it (``scripts/run_scaled.py``), from the same configuration
(``scaling/config.py``, ``deploy/haproxy.cfg.template``) and in the same order: the shared services,
the action server, the first Rasa server alone (it creates the tracker table), then the others, then
the balancer. Each stack has its own folder, so tests never share data. ``rest()`` talks through the
balancer and says which Rasa server answered (HAProxy's ``X-Served-By``); ``kill(i)`` stops one Rasa
server the hard way (SIGKILL), as a crash would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from functools import partial
from pathlib import Path
from typing import Any

from harness.socketio_client import PollingClient
from harness.stack import (
    LAUNCH,
    ROOT,
    START_TIMEOUT,
    conversation,
    free_port,
    latest_model,
    refuse_servers_in_unit_runs,
    run_sh_settings,
    stop_process,
    wait_for,
)
from scaling import config
from scaling.services import DATABASE, DB_USER, HAProxy, PostgreSQL, Redis
from scaling.supervisor import Supervised


@dataclass(frozen=True)
class Reply:
    """What the balancer answered: which Rasa server, the HTTP status and the bot's messages."""

    server: str
    status: int
    messages: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "\n".join(str(m.get("text", "")) for m in self.messages)


def rasa_command(port: int, endpoints: Path, credentials: Path, cors: str, auth_token: str | None) -> list[str]:
    """``rasa run`` for one server of the stack, through the project's launcher (server_tuning), on loopback,
    as scripts/run.sh starts its one server."""
    api = ["--enable-api", "--auth-token", auth_token] if auth_token else []
    files = ["--model", str(latest_model()), "--endpoints", str(endpoints), "--credentials", str(credentials)]
    return [*LAUNCH, "run", *api, "-i", "127.0.0.1", "-p", str(port), *files, "--cors", cors]


@dataclass
class ScaledStack:
    workdir: Path
    scale: int = 2
    page_origin: str = "http://127.0.0.1:8080"
    """The clinic page's origin (``WEB_ORIGIN``): the only one the socket.io channel accepts."""
    port: int = field(default_factory=free_port)
    """The balancer's port: the one address of the stack."""
    bind_address: str = "127.0.0.1"
    """Where the balancer listens (``make run-scaled``: ``RASA_HOST``); everything else stays on loopback."""
    env: Mapping[str, str] = field(default_factory=dict)
    auth_token: str | None = field(default_factory=lambda: os.urandom(18).hex())
    action_port: int = field(default_factory=free_port)
    rasa_ports: list[int] = field(default_factory=list)
    postgres: PostgreSQL = field(init=False)
    redis: Redis = field(init=False)
    balancer: HAProxy = field(init=False)
    _rasa: list[subprocess.Popen[bytes] | None] = field(default_factory=list)
    _actions: subprocess.Popen[bytes] | None = None

    def __post_init__(self) -> None:
        self.workdir.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.workdir.chmod(0o700)  # passwords, logs and the database: the owner's (PostgreSQL's via its capability)
        self.rasa_ports = self.rasa_ports or [free_port() for _ in range(self.scale)]
        self._rasa = [None] * self.scale
        self.postgres = PostgreSQL(self.workdir)
        self.redis = Redis(self.workdir)
        self.balancer = HAProxy(
            self.workdir, port=self.port, config=config.haproxy_config(self.bind_address, self.port, self.rasa_ports)
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def server_name(self, index: int) -> str:
        """HAProxy's name for Rasa server ``index`` (0-based), as ``X-Served-By`` gives it."""
        return f"rasa{index + 1}"

    # -- start and stop ----------------------------------------------------------------------------

    def _environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            **run_sh_settings(),
            "WEB_ORIGIN": self.page_origin,
            "POSE_IMAGE_BASE_URL": f"{self.page_origin}/poses/",
            "SANIC_PROXIES_COUNT": "1",  # behind the balancer: visitors' addresses from X-Forwarded-For
            config.POSTGRES_PASSWORD_ENV: self.postgres.password,
            config.REDIS_PASSWORD_ENV: self.redis.password,
            **self.env,
        }

    def _spawn(self, args: list[str], log: Path, extra: Mapping[str, str] | None = None) -> subprocess.Popen[bytes]:
        refuse_servers_in_unit_runs()
        with log.open("ab") as out:
            return subprocess.Popen(
                args,
                cwd=ROOT,
                env={**self._environment(), **(extra or {})},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def _write_config(self) -> tuple[Path, Path]:
        endpoints = self.workdir / "endpoints.yml"
        action_url = f"http://127.0.0.1:{self.action_port}/webhook"
        endpoints.write_text(
            config.endpoints(action_url, self.postgres.port, self.redis.port, DATABASE, DB_USER), encoding="utf-8"
        )
        credentials = self.workdir / "credentials.yml"
        credentials.write_text(config.credentials(), encoding="utf-8")
        return endpoints, credentials

    def spawn_actions(self) -> None:
        """Starts the action server without waiting for it (``start_actions`` waits)."""
        args = [*LAUNCH, "run", "actions", "--actions", "actions", "-p", str(self.action_port)]
        env = {"SANIC_HOST": "127.0.0.1", "ENDPOINTS": str(self.workdir / "endpoints.yml")}  # the progress store
        self._actions = self._spawn(args, self.workdir / "actions.log", env)

    def start_actions(self) -> None:
        self.spawn_actions()
        assert self._actions is not None
        log = self.workdir / "actions.log"
        wait_for(f"http://127.0.0.1:{self.action_port}/health", START_TIMEOUT, self._actions, log)

    def supervised(self) -> list[Supervised]:
        """Every server of the stack, for ``scaling.supervisor.Supervisor`` (make run-scaled keeps them running)."""
        rasa = [
            Supervised(f"Rasa server {i + 1}", partial(self.rasa_running, i), partial(self.spawn_rasa, i))
            for i in range(self.scale)
        ]
        return [
            Supervised("PostgreSQL", lambda: self.postgres.running, self.postgres.start),
            Supervised("Redis", lambda: self.redis.running, self.redis.start),
            Supervised("the action server", self.actions_running, self.spawn_actions),
            *rasa,
            Supervised("HAProxy", lambda: self.balancer.running, self.balancer.start),
        ]

    def spawn_rasa(self, index: int) -> None:
        endpoints, credentials = self.workdir / "endpoints.yml", self.workdir / "credentials.yml"
        log = self.workdir / f"rasa{index + 1}.log"
        args = rasa_command(self.rasa_ports[index], endpoints, credentials, self.page_origin, self.auth_token)
        self._rasa[index] = self._spawn(args, log)

    def wait_rasa(self, index: int) -> None:
        proc = self._rasa[index]
        assert proc is not None
        log = self.workdir / f"rasa{index + 1}.log"
        base = f"http://127.0.0.1:{self.rasa_ports[index]}"
        wait_for(f"{base}/", START_TIMEOUT, proc, log)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:  # the model loads after the server answers
            if self.auth_token is None or self._status(base).get("model_id"):
                return
            time.sleep(0.5)
        raise RuntimeError(f"Rasa server {index + 1} has no model loaded:\n{log.read_text()[-3000:]}")

    def _status(self, base: str) -> dict[str, Any]:
        """Rasa's /status; empty while no agent is loaded yet (Rasa answers 409 Conflict then)."""
        try:
            with urllib.request.urlopen(f"{base}/status?token={self.auth_token}", timeout=5) as response:
                return dict(json.load(response))
        except urllib.error.HTTPError as error:
            if error.code != 409:
                raise
            return {}

    def start_rasa(self, index: int) -> None:
        self.spawn_rasa(index)
        self.wait_rasa(index)

    def start(self) -> ScaledStack:
        refuse_servers_in_unit_runs()
        self.postgres.start()
        self.redis.start()
        self._write_config()
        self.start_actions()
        self.start_rasa(0)  # alone: it creates the tracker table, so the others never race to
        for index in range(1, self.scale):
            self.spawn_rasa(index)
        for index in range(1, self.scale):
            self.wait_rasa(index)
        self.balancer.start()
        self.wait_balanced(set(range(self.scale)))
        return self

    def wait_balanced(self, indices: set[int], timeout: float = 30) -> None:
        """Until the balancer has sent requests to exactly the servers ``indices`` (its checks caught up).

        Only the round-robin backend can be watched this way; the socket.io backend checks the same servers
        on its own clock (one source address always hashes to one server), so its checks get the time of a
        server's rise once more (a socket opened on a server that backend had not yet taken back polled the
        other one: "Invalid session", seen under load)."""
        wanted = {self.server_name(i) for i in indices}
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while time.monotonic() < deadline:
            seen = [self.get("/")[0] for _ in range(2 * self.scale)]
            if set(seen) == wanted:
                time.sleep(config.CHECK_INTERVAL_S * (config.CHECK_RISE + 1))
                return
            time.sleep(0.5)
        raise RuntimeError(f"balancer sends to {sorted(set(seen))}, expected {sorted(wanted)}")

    def rasa_running(self, index: int) -> bool:
        proc = self._rasa[index]
        return proc is not None and proc.poll() is None

    def process_groups(self) -> dict[str, int]:
        """Each running server's process group (its children included), for CPU accounting by the benchmark."""
        groups = {self.server_name(i): p.pid for i, p in enumerate(self._rasa) if p is not None and p.poll() is None}
        for name, proc in [("actions", self._actions), ("postgres", self.postgres._proc), ("redis", self.redis._proc)]:
            if proc is not None and proc.poll() is None:
                groups[name] = proc.pid
        if self.balancer._proc is not None:
            groups["haproxy"] = self.balancer._proc.pid
        return groups

    def actions_running(self) -> bool:
        return self._actions is not None and self._actions.poll() is None

    def actions_answering(self) -> bool:
        """Whether the action server answers its health check."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.action_port}/health", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def kill_actions(self) -> None:
        """The action server dies at once (SIGKILL to its process group), as a crash would."""
        proc = self._actions
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    def kill(self, index: int) -> None:
        """Rasa server ``index`` dies at once (SIGKILL to its process group): no clean shutdown."""
        proc = self._rasa[index]
        if proc is not None and proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()

    _stop = staticmethod(stop_process)

    def stop(self) -> None:
        self.balancer.stop()
        for proc in self._rasa:
            self._stop(proc)
        self._stop(self._actions)
        self.redis.stop()
        self.postgres.stop()

    # -- talking to it -----------------------------------------------------------------------------

    def get(self, path: str) -> tuple[str, int]:
        """A GET through the balancer: which server answered, and the status."""
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.headers.get("X-Served-By", ""), response.status
        except urllib.error.HTTPError as error:
            return error.headers.get("X-Served-By", ""), error.code

    def rest(self, sender: str, message: str, timeout: float = 120) -> Reply:
        """One message on the REST channel, through the balancer."""
        body = json.dumps({"sender": sender, "message": message}).encode()
        request = urllib.request.Request(
            self.url + "/webhooks/rest/webhook", data=body, headers={"Content-Type": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return Reply(response.headers.get("X-Served-By", ""), response.status, list(json.load(response)))
        except urllib.error.HTTPError as error:
            return Reply(error.headers.get("X-Served-By", ""), error.code, [])

    def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation as Rasa's API gives it (through the balancer: any server reads the shared store)."""
        url = f"{self.url}/conversations/{conversation(sender)}/tracker?token={self.auth_token}"
        with urllib.request.urlopen(url, timeout=30) as response:
            return dict(json.load(response))

    def slots(self, sender: str) -> dict[str, Any]:
        return dict(self.tracker(sender)["slots"])


@dataclass
class BalancedPollingClient(PollingClient):
    """The widget's socket.io client, noting which Rasa server answered each request (through the balancer)."""

    servers: list[str] = field(default_factory=list)

    def answered(self, headers: Message) -> None:
        self.servers.append(headers.get("X-Served-By", ""))
