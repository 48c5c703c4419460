"""``make run`` itself (scripts/run.sh) on ports of its own: the supervised stack, for tests that kill its servers.

``harness/stack.py`` starts the servers the way run.sh does, one by one, which lets a test stop and start
each; this starts run.sh, so a test sees what a clinic sees when one of its servers dies or freezes:
whether run.sh restarts it and whether the others carry on. Its own endpoints file points the action
server's port and the tracker store into the test's folder, and its API token lets ``tracker()`` read
conversations; everything else is run.sh's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from harness.stack import (
    ROOT,
    START_TIMEOUT,
    TRACKER_STORE,
    Stack,
    action_timeout,
    free_port,
    refuse_servers_in_unit_runs,
    wait_for,
)

SERVERS = {"actions": "run actions", "rasa": "--credentials", "page": "web.serve"}
"""Each supervised server and a piece of its command line that tells it apart."""


def children(pid: int) -> list[int]:
    """The direct child processes of ``pid`` (Linux /proc)."""
    try:
        listed = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(child) for child in listed]


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        return ""


@dataclass
class SupervisedStack(Stack):
    """scripts/run.sh with the page, the action server and Rasa on free ports; ``rest()``, ``tracker()`` as Stack's."""

    web_port: int = field(default_factory=free_port)
    _run_sh: subprocess.Popen[bytes] | None = None

    @property
    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    @property
    def log(self) -> Path:
        return self.workdir / "run.log"

    def _run_sh_endpoints(self) -> Path:
        path = self.workdir / "endpoints.yml"
        path.write_text(
            f"action_endpoint:\n  url: http://localhost:{self.action_port}/webhook\n  timeout: {action_timeout()}\n"
            f"tracker_store:\n  type: {TRACKER_STORE}\n  dialect: sqlite\n  db: {self.tracker_db}\n"
        )
        return path

    def start(self) -> SupervisedStack:
        refuse_servers_in_unit_runs()
        env = {
            **os.environ,
            **self.env,
            "RASA_PORT": str(self.rasa_port),
            "WEB_PORT": str(self.web_port),
            "ACTION_PORT": str(self.action_port),
            "ENDPOINTS": str(self._run_sh_endpoints()),
            "RASA_AUTH_TOKEN": self.auth_token,
            "TWILIO_AUTH_TOKEN": self.twilio_token,
        }
        with self.log.open("ab") as out:
            self._run_sh = subprocess.Popen(
                ["scripts/run.sh"], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.wait_until_up()
        return self

    def wait_until_up(self, timeout: float = START_TIMEOUT) -> None:
        """Until all three servers answer (Rasa with its model loaded)."""
        assert self._run_sh is not None
        wait_for(f"{self.action_url}/health", timeout, self._run_sh, self.log)
        wait_for(f"{self.page_url}/", timeout, self._run_sh, self.log)
        wait_for(f"{self.url}/", timeout, self._run_sh, self.log)
        self._wait_model_loaded()

    @property
    def running(self) -> bool:
        """Whether run.sh itself is still running."""
        return self._run_sh is not None and self._run_sh.poll() is None

    def server_pid(self, name: str) -> int | None:
        """The pid of run.sh's ``name`` server (``SERVERS``), or None when it has none running."""
        assert self._run_sh is not None
        for child in children(self._run_sh.pid):
            if SERVERS[name] in command_line(child):
                return child
        return None

    def signal_server(self, name: str, signum: signal.Signals) -> int:
        """Sends ``signum`` to run.sh's ``name`` server; returns its pid."""
        pid = self.server_pid(name)
        assert pid is not None, f"run.sh has no {name} server running:\n{self.log.read_text()[-3000:]}"
        os.kill(pid, signum)
        return pid

    def wait_for_new_server(self, name: str, old_pid: int, timeout: float = START_TIMEOUT) -> int:
        """Until run.sh has started ``name`` again (a new pid) and it answers; returns the new pid."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid = self.server_pid(name)
            if pid is not None and pid != old_pid and self.answers(name):
                return pid
            time.sleep(0.5)
        raise AssertionError(f"run.sh did not start {name} again:\n{self.log.read_text()[-3000:]}")

    def answers(self, name: str) -> bool:
        url = {"actions": f"{self.action_url}/health", "rasa": f"{self.url}/", "page": f"{self.page_url}/"}[name]
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def stop(self) -> None:
        proc = self._run_sh
        if proc is None or proc.poll() is not None:
            return
        for name in SERVERS:  # a frozen server would not see run.sh's SIGTERM
            pid = self.server_pid(name)
            if pid is not None:
                os.kill(pid, signal.SIGCONT)
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
