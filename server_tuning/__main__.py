"""``python -m server_tuning <rasa arguments>``: Rasa's command line with the overrides installed first.

Used by scripts/run.sh and harness/stack.py for both servers, e.g.
``python -m server_tuning run --model models/stretch-coach.tar.gz`` and
``python -m server_tuning run actions --actions actions``.
"""

from __future__ import annotations

import sys

import server_tuning


def main() -> None:
    server_tuning.apply(rasa_server=sys.argv[1:3] != ["run", "actions"])
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *sys.argv[1:]]
    rasa_main()


if __name__ == "__main__":
    main()
