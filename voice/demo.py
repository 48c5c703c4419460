"""Each routine spoken the way a speaker says it, walked with "next", written to WAV files to listen to.

    python -m voice.demo --out test-artifacts/voice

Writes ``<stretch>.wav`` (the whole routine), ``<stretch>/turn-NN.wav`` (one file per turn) and
``durations.json``. The speech comes from the pacing core, exactly what the Alexa channel sends.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from channels.alexa.ssml import break_seconds, check, speak
from channels.render.alexa import ssml
from pacing import Routine, replies
from pacing.steps import show_step
from stretch_content import Content, load_content
from voice.speech import concatenate, duration, missing_tools, synthesise

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "test-artifacts" / "voice"


def routine_turns(content: Content, routine: Routine) -> list[str]:
    """The SSML of each turn of a routine walked with "next": start, every step, then the finish."""
    said = [replies.start(content, routine, with_notice=True)]
    said += [show_step(routine.at(i)) for i in range(1, routine.total)]
    said.append(replies.finished(content, routine))
    return [ssml(reply.speech) for reply in said]


def silence_seconds(fragment: str) -> float:
    """The total of a fragment's breaks: the least silence its audio must hold."""
    return sum(break_seconds(b) for b in check(speak(fragment)).iter("break"))


@dataclass(frozen=True)
class RoutineAudio:
    stretch: str
    wav: str
    turns: int
    seconds: float
    hold_seconds: int
    silence_seconds: float


def render(content: Content, routine: Routine, out: Path) -> RoutineAudio:
    """Synthesise every turn and the whole routine; returns what was written and how long it lasts."""
    turns = routine_turns(content, routine)
    stretch_id = routine.stretch.id
    parts = [synthesise(t, out / stretch_id / f"turn-{n:02d}.wav") for n, t in enumerate(turns, 1)]
    whole = concatenate(parts, out / f"{stretch_id}.wav")
    return RoutineAudio(
        stretch=stretch_id,
        wav=str(whole),
        turns=len(turns),
        seconds=round(duration(whole), 2),
        hold_seconds=sum(m.step.seconds or 0 for m in routine.moments),
        silence_seconds=sum(silence_seconds(t) for t in turns),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Synthesise each routine with espeak-ng.")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    if missing := missing_tools():
        raise SystemExit(f"missing {', '.join(missing)}: run `make voice-deps`")
    content = load_content()
    results = [render(content, Routine(s), args.out) for s in content.stretches]
    (args.out / "durations.json").write_text(json.dumps([asdict(r) for r in results], indent=2) + "\n")
    for r in results:
        print(
            f"{r.stretch:18} {r.seconds:7.1f} s audio, {r.turns} turns, "
            f"{r.hold_seconds} s timed holds, {r.silence_seconds:g} s of breaks -> {r.wav}"
        )


if __name__ == "__main__":
    main()
