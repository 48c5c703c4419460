"""``make run-scaled``: the assistant on several Rasa servers behind HAProxy, on PostgreSQL and Redis.

Starts, in this order: PostgreSQL and Redis (data in ``.rasa/scaled/``; PostgreSQL's survives
restarts, Redis only holds the seconds-long conversation locks), the action server, ``SCALE`` Rasa
servers (2 by default), HAProxy on ``RASA_PORT`` (5005) and the clinic page on ``WEB_PORT`` (8080),
pointing at HAProxy. A Rasa server that stops is started again (the others carry on meanwhile);
Ctrl-C stops everything. How it is wired: docs/scaling.md.

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
    try:
        print(f"Starting PostgreSQL, Redis, the action server and {scale} Rasa servers (data in {DATA}) ...")
        stack.start()
        page = subprocess.Popen(
            [sys.executable, "-m", "web.serve", "--port", str(web_port), "--rasa-url", public_url], cwd=ROOT
        )
        print(f"Clinic page: http://localhost:{web_port}  (chat through HAProxy on {stack.url}, {scale} Rasa servers)")
        while not stopping:
            time.sleep(1)
            if page.poll() is not None or not stack.actions_running():
                print("The page server or the action server stopped; stopping everything.", file=sys.stderr)
                return 1
            if not (stack.postgres.running and stack.redis.running and stack.balancer.running):
                print("PostgreSQL, Redis or HAProxy stopped; stopping everything.", file=sys.stderr)
                return 1
            for index in range(scale):
                if not stack.rasa_running(index) and not stopping:
                    print(f"Rasa server {index + 1} stopped; starting it again (the others carry on).")
                    stack.start_rasa(index)
        return 0
    finally:
        if page is not None and page.poll() is None:
            page.terminate()
            page.wait()
        stack.stop()


if __name__ == "__main__":
    Path(DATA).mkdir(parents=True, exist_ok=True)
    sys.exit(main())
