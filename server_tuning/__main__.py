"""``python -m server_tuning <rasa arguments>``: Rasa's command line with the overrides installed first.

Used by scripts/run.sh and harness/stack.py for both servers, e.g.
``python -m server_tuning run --model models/stretch-coach.tar.gz`` and
``python -m server_tuning run actions --actions actions`` (rasa-sdk's own entry point, which is what
``rasa run actions`` calls, with the same arguments).
"""

from __future__ import annotations

import logging
import os
import sys

import server_tuning


def main() -> None:
    if sys.argv[1:3] == ["run", "actions"]:
        # What `rasa run actions` runs, without importing Rasa's command line first (about 8 s of CPU and
        # 85 MB that the action server never uses, competing with the Rasa server's start on 2 cores).
        server_tuning.apply(rasa_server=False)
        from rasa_sdk.__main__ import create_argument_parser, main_from_args

        parser = create_argument_parser()
        parser.set_defaults(loglevel=None)
        args = parser.parse_args(sys.argv[3:])
        if args.loglevel is None:  # as Rasa's command line: LOG_LEVEL (default INFO) unless -v/-vv/--quiet
            level = getattr(logging, (os.environ.get("LOG_LEVEL") or "INFO").upper(), logging.INFO)
            args.loglevel = level if isinstance(level, int) else logging.INFO
        main_from_args(args)
        return
    server_tuning.apply()
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
