"""``make run-scaled``: the assistant on several Rasa servers behind HAProxy, on PostgreSQL and Redis.

Starts, in this order: PostgreSQL and Redis (data in ``.rasa/scaled/``; PostgreSQL's survives
restarts, Redis only holds the seconds-long conversation locks), the action server, ``SCALE`` Rasa
servers (2 by default), HAProxy on ``RASA_PORT`` (5005) and the clinic page on ``WEB_PORT`` (8080),
pointing at HAProxy. Any server that stops (a Rasa server, the action server, the page, PostgreSQL,
Redis, HAProxy) is started again, with a growing delay while it keeps stopping (``scaling/supervisor.py``);
the others carry on meanwhile. Ctrl-C stops everything. How it is wired: docs/scaling.md.

Settings (env), as for ``make run`` (scripts/run.sh): SCALE, RASA_PORT, RASA_HOST (where HAProxy
listens, 127.0.0.1), WEB_PORT, WEB_ORIGIN, RASA_PUBLIC_URL, RASA_AUTH_TOKEN, SESSION_SECRET, and the
voice channels' settings.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

from harness.scaled_stack import ScaledStack
from harness.stack import ROOT
from scaling.supervisor import Supervised, Supervisor

DATA = ROOT / ".rasa" / "scaled"


def main() -> int:
    scale = int(os.environ.get("SCALE") or 2)
    rasa_port = int(os.environ.get("RASA_PORT") or 5005)
    web_port = int(os.environ.get("WEB_PORT") or 8080)
    origin = os.environ.get("WEB_ORIGIN") or f"http://localhost:{web_port}"
    public_url = os.environ.get("RASA_PUBLIC_URL") or f"http://localhost:{rasa_port}"
    stack = ScaledStack(
        workdir=DATA,
        scale=scale,
        page_origin=origin,
        port=rasa_port,
        bind_address=os.environ.get("RASA_HOST") or "127.0.0.1",
        auth_token=os.environ.get("RASA_AUTH_TOKEN") or None,
    )
    stopping = False

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    page: subprocess.Popen[bytes] | None = None

    def start_page() -> None:
        nonlocal page
        page = subprocess.Popen(
            [sys.executable, "-m", "web.serve", "--port", str(web_port), "--rasa-url", public_url], cwd=ROOT
        )

    try:
        print(f"Starting PostgreSQL, Redis, the action server and {scale} Rasa servers (data in {DATA}) ...")
        stack.start()
        start_page()
        print(f"Clinic page: http://localhost:{web_port}  (chat through HAProxy on {stack.url}, {scale} Rasa servers)")
        page_running = Supervised("the page server", lambda: page is not None and page.poll() is None, start_page)
        supervisor = Supervisor([*stack.supervised(), page_running], say=lambda line: print(line, file=sys.stderr))
        while not stopping:
            time.sleep(1)
            if not stopping:
                supervisor.check()
        return 0
    finally:
        if page is not None and page.poll() is None:
            page.terminate()
            page.wait()
        stack.stop()


if __name__ == "__main__":
    Path(DATA).mkdir(parents=True, exist_ok=True)
    sys.exit(main())
