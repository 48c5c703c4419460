"""`make shell`: the assistant in a terminal, through the REST channel every client uses.

Rasa's own `rasa shell` talks to a `cmdline` channel that has no renderer, so it printed the core's
reply data raw. This client is Rasa's console loop pointed at the project's REST channel instead:
words, numbered choices and the step's picture link, as REST renders them (channels/render/rest.py).
"""

from __future__ import annotations

import argparse
import asyncio
import uuid

from rasa.core.channels.console import record_messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://127.0.0.1:5005", help="the Rasa server")
    parser.add_argument("--sender", default=f"shell-{uuid.uuid4().hex[:8]}", help="the conversation (rest:<sender>)")
    args = parser.parse_args()
    try:
        asyncio.run(record_messages(args.sender, server_url=args.url, use_response_stream=False))
    except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C at the prompt: leave quietly
        print()


if __name__ == "__main__":
    main()
