"""Writes a test story per stretch that walks it to the end by saying only "next" (after "no" to the screen).

Generated from the content module, so a longer routine or a fourth stretch is tested without edits.
"""

from __future__ import annotations

import sys

from pacing import Routine
from stretch_content import load_content


def story(name: str, nexts: int) -> str:
    lines = [
        f"  - story: {name} walked to the end with next",
        "    steps:",
        "      - user: |",
        f"          guide me through the [{name.lower()}](stretch)",
        "        intent: request_stretch",
        "      - action: action_start_stretch",
        # the screen before exercise comes first: a clear no starts the stretch
        "      - user: |",
        "          no",
        "        intent: deny",
        "      - action: action_deny",
    ]
    for _ in range(nexts):
        lines += ["      - user: |", "          next", "        intent: next_step", "      - action: action_next_step"]
    return "\n".join(lines)


def main() -> None:
    stories = [story(s.name, Routine(s).total) for s in load_content().stretches]
    sys.stdout.write('version: "3.1"\n\nstories:\n' + "\n\n".join(stories) + "\n")


if __name__ == "__main__":
    main()
