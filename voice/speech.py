"""Speech synthesised with espeak-ng (which reads SSML with ``-m``) and measured with sox.

espeak-ng is no SSML validator (it reads malformed markup happily); channels.alexa.ssml checks that.
What it is good for: hearing a routine, and measuring that holds really are silence of the right length.
"""

from __future__ import annotations

import array
import shutil
import subprocess
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path

from channels.alexa.ssml import speak

TOOLS = ("espeak-ng", "sox", "soxi")


def missing_tools() -> list[str]:
    """The command-line tools this module needs that are not installed (``make voice-deps`` installs them)."""
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def synthesise(fragment: str, wav: Path, *, speed: int = 160) -> Path:
    """One SSML fragment to a WAV file."""
    wav.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".ssml", encoding="utf-8") as source:
        source.write(speak(fragment))
        source.flush()
        subprocess.run(["espeak-ng", "-m", "-s", str(speed), "-f", source.name, "-w", str(wav)], check=True)
    return wav


def concatenate(parts: Sequence[Path], wav: Path) -> Path:
    """Several WAV files, one after the other, as one file."""
    if len(parts) == 1:
        shutil.copyfile(parts[0], wav)
    else:
        subprocess.run(["sox", *map(str, parts), str(wav)], check=True)
    return wav


def duration(wav: Path) -> float:
    """Length in seconds, as sox reads it."""
    return float(subprocess.run(["soxi", "-D", str(wav)], check=True, capture_output=True, text=True).stdout)


def silences(wav: Path, *, at_least: float = 1.0, threshold: int = 64) -> list[float]:
    """Lengths (s) of the stretches of near-silence lasting ``at_least`` seconds: the audible pauses."""
    with wave.open(str(wav), "rb") as audio:
        if audio.getsampwidth() != 2 or audio.getnchannels() != 1:
            raise ValueError("expected 16-bit mono (espeak-ng's output)")
        rate = audio.getframerate()
        samples = array.array("h", audio.readframes(audio.getnframes()))
    found, run = [], 0
    for sample in samples:
        if -threshold <= sample <= threshold:
            run += 1
            continue
        if run >= at_least * rate:
            found.append(run / rate)
        run = 0
    if run >= at_least * rate:
        found.append(run / rate)
    return found
