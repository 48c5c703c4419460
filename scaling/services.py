"""The shared services of the scaled stack: PostgreSQL, Redis and HAProxy, from Debian's packages.

Each runs in the foreground as a child process (its own process group), with its data in a folder of
the project (``make run-scaled``: ``.rasa/scaled/``; tests: their own temporary folder), listening on
loopback only, with a generated password (PostgreSQL: scram-sha-256; Redis: ``requirepass``).

PostgreSQL refuses to run as root. As root (CI), its programs run as Debian's ``postgres`` system
user, keeping one capability, ``CAP_DAC_READ_SEARCH`` (or ``CAP_DAC_OVERRIDE`` where that one is not
allowed), so that it can reach its data folder inside a project that may sit under a 0700 folder
(``/root``, or ``.rasa``, which the SQLite store keeps 0700).
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 60.0
DATABASE = "rasa"
DB_USER = "rasa"


class ServiceError(RuntimeError):
    """A service is not installed or did not come up; the message says which and why."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def postgres_bin() -> Path:
    """The newest installed PostgreSQL's program folder (Debian keeps them out of PATH)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"), key=lambda p: int(p.parts[-3]))
    if not found:
        raise ServiceError("PostgreSQL is not installed (make installs it: apt-get install postgresql)")
    return found[-1].parent


def program(name: str) -> str:
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if path is None:
        raise ServiceError(f"{name} is not installed (make installs it with apt-get)")
    return path


CAP_DAC_OVERRIDE = 1
CAP_DAC_READ_SEARCH = 2


def folder_capability() -> str:
    """The capability that lets PostgreSQL through 0700 folders: read-search if allowed here, else override.

    Docker's default set has no ``CAP_DAC_READ_SEARCH`` but has ``CAP_DAC_OVERRIDE`` (which also allows it).
    """
    status = Path("/proc/self/status").read_text()
    bounding = int(next(line.split()[1] for line in status.splitlines() if line.startswith("CapBnd:")), 16)
    return "+dac_read_search" if bounding >> CAP_DAC_READ_SEARCH & 1 else "+dac_override"


def as_postgres_user(args: Sequence[str]) -> list[str]:
    """``args`` as Debian's ``postgres`` user when this process is root (PostgreSQL refuses root)."""
    if os.geteuid() != 0:
        return list(args)
    caps = folder_capability()
    user = ["--reuid=postgres", "--regid=postgres", "--clear-groups"]
    return ["setpriv", *user, f"--inh-caps={caps}", f"--ambient-caps={caps}", *args]


def give_to_postgres(path: Path) -> None:
    """Make ``path`` (a folder or file) PostgreSQL's when running as root."""
    if os.geteuid() != 0:
        return
    user = pwd.getpwnam("postgres")
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.chown(item, user.pw_uid, user.pw_gid)


def secret(path: Path) -> str:
    """A password kept in ``path`` (0600), generated the first time."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(24))
    return path.read_text().strip()


@dataclass
class Service:
    """One server program in the foreground, in its own process group, logging to a file."""

    folder: Path
    port: int = field(default_factory=free_port)
    _proc: subprocess.Popen[bytes] | None = None
    stop_signal: int = signal.SIGTERM

    @property
    def log(self) -> Path:
        return self.folder / f"{type(self).__name__.lower()}.log"

    def _spawn(self, args: Sequence[str], env: Mapping[str, str] | None = None) -> None:
        with self.log.open("ab") as out:
            self._proc = subprocess.Popen(
                list(args),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                env={**os.environ, **(env or {})},
            )

    def _wait(self, ready: str) -> None:
        """Until the port accepts connections (then ``ready`` is true) or the process died."""
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._proc is not None and self._proc.poll() is not None:
                raise ServiceError(f"{ready} exited early:\n{self.log.read_text()[-3000:]}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise ServiceError(f"{ready} not ready after {START_TIMEOUT:.0f}s:\n{self.log.read_text()[-3000:]}")

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def stop(self) -> None:
        proc = self._proc
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, self.stop_signal)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@dataclass
class PostgreSQL(Service):
    """A PostgreSQL cluster of its own in ``folder/postgres``, with database and user ``rasa``."""

    stop_signal: int = signal.SIGINT
    """PostgreSQL's "fast" shutdown (SIGTERM's "smart" one waits until every client has gone)."""

    @property
    def data(self) -> Path:
        return self.folder / "postgres"

    @property
    def password(self) -> str:
        return secret(self.folder / "postgres.password")

    def init(self) -> None:
        """initdb once: a cluster whose only user is ``rasa`` (password auth, also on loopback)."""
        if (self.data / "PG_VERSION").exists():
            return
        self.data.mkdir(mode=0o700, parents=True, exist_ok=True)
        pwfile = self.folder / "postgres.pwfile"
        pwfile.write_text(self.password + "\n")
        give_to_postgres(self.data)
        give_to_postgres(pwfile)
        initdb = [str(postgres_bin() / "initdb"), "-D", str(self.data), "-U", DB_USER, f"--pwfile={pwfile}"]
        initdb += ["--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"]
        try:
            with self.log.open("ab") as out:
                subprocess.run(as_postgres_user(initdb), check=True, stdout=out, stderr=subprocess.STDOUT)
        finally:
            pwfile.unlink()

    def start(self) -> PostgreSQL:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.init()
        args = [str(postgres_bin() / "postgres"), "-D", str(self.data), "-p", str(self.port)]
        args += ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200"]
        self._spawn(as_postgres_user(args))
        self._wait("PostgreSQL")
        self._create_database()
        return self

    def _create_database(self) -> None:
        """The ``rasa`` database, created here once (so several Rasa servers never race to create it)."""
        import psycopg2  # in requirements/rasa.lock.txt (Rasa's PostgreSQL driver)

        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                conn = psycopg2.connect(
                    host="127.0.0.1", port=self.port, user=DB_USER, password=self.password, dbname="postgres"
                )
                break
            except psycopg2.OperationalError:  # accepting connections, still starting up
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        try:
            conn.autocommit = True
            with conn.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,))
                if cursor.fetchone() is None:
                    cursor.execute(f"CREATE DATABASE {DATABASE}")
        finally:
            conn.close()


@dataclass
class Redis(Service):
    """A Redis server for Rasa's lock store: in memory only (locks live seconds), password required."""

    @property
    def password(self) -> str:
        return secret(self.folder / "redis.password")

    def start(self) -> Redis:
        self.folder.mkdir(parents=True, exist_ok=True)
        config = self.folder / "redis.conf"
        fd = os.open(config, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(
                f"bind 127.0.0.1\nport {self.port}\nprotected-mode yes\nrequirepass {self.password}\n"
                f'save ""\nappendonly no\ndir {self.folder}\ndaemonize no\nloglevel warning\n'
            )
        self._spawn([program("redis-server"), str(config)])
        self._wait("Redis")
        return self


@dataclass
class HAProxy(Service):
    """HAProxy with a configuration rendered by ``scaling.config.haproxy_config``."""

    config: str = ""

    def start(self) -> HAProxy:
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / "haproxy.cfg"
        path.write_text(self.config)
        check = subprocess.run([program("haproxy"), "-c", "-q", "-f", str(path)], capture_output=True, text=True)
        if check.returncode != 0:
            raise ServiceError(f"HAProxy refuses {path}:\n{check.stdout}{check.stderr}")
        self._spawn([program("haproxy"), "-db", "-f", str(path)])
        self._wait("HAProxy")
        return self
