"""By ear: the spoken routines synthesised with espeak-ng and measured with sox.

A 20-second hold must be at least 20 seconds of audio, and each routine at least as long as its
holds add up to, plus its words. espeak-ng and sox are installed by `make voice-deps`; without them
these tests fail rather than skip.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from channels.render.alexa import ssml
from pacing import Routine, replies
from pacing.reply import Words
from pacing.steps import speak_step
from stretch_content import load_content
from voice.demo import render, routine_turns, silence_seconds
from voice.speech import duration, missing_tools, silences, synthesise

CONTENT = load_content()
SENTENCE_PAUSE = 0.5
"""espeak-ng's pause after a sentence is at most this long; a break that follows one replaces it."""
_BREAK = re.compile(r"<break[^>]*/>")
TWENTY_SECOND_HOLDS = [
    m for s in CONTENT.stretches for m in Routine(s).moments if m.step.seconds == 20
]  # the knee twist's holds, one per round and side


def test_espeak_ng_and_sox_are_installed() -> None:
    assert missing_tools() == [], "run `make voice-deps`"


def test_there_is_a_twenty_second_hold_to_listen_to() -> None:
    assert TWENTY_SECOND_HOLDS


def test_a_twenty_second_hold_step_lasts_at_least_twenty_seconds(tmp_path: Path) -> None:
    moment = TWENTY_SECOND_HOLDS[0]
    spoken = synthesise(ssml(speak_step(moment)), tmp_path / "hold.wav")
    said = " ".join(p.text for p in speak_step(moment) if isinstance(p, Words))
    words_only = synthesise(said, tmp_path / "words.wav")
    assert duration(spoken) >= 20.0
    # The length comes from real silence, not from the words: two pauses of ten seconds, words between.
    pauses = silences(spoken, at_least=5.0)
    assert len(pauses) == 2 and all(p >= 9.9 for p in pauses) and sum(pauses) >= 20.0
    assert duration(words_only) < 10.0


@pytest.mark.parametrize("stretch", [s.id for s in CONTENT.stretches])
def test_each_routine_lasts_as_long_as_its_holds_plus_its_words(tmp_path: Path, stretch: str) -> None:
    routine = Routine(CONTENT.stretch(stretch))
    audio = render(CONTENT, routine, tmp_path)
    turns = routine_turns(CONTENT, routine)
    breaks = sum(t.count("<break") for t in turns)
    words = synthesise(" ".join(_BREAK.sub("", t) for t in turns), tmp_path / "words.wav")
    assert audio.turns == routine.total + 1
    assert audio.hold_seconds == sum(m.step.seconds or 0 for m in routine.moments)
    assert audio.silence_seconds >= audio.hold_seconds
    # Every break is heard as silence at least as long as it says ...
    heard = silences(Path(audio.wav), at_least=4.0)
    assert len(heard) == breaks and sum(heard) >= audio.silence_seconds
    # ... and the routine lasts its holds plus its words (a break replaces the usual pause after a sentence).
    assert audio.seconds >= audio.silence_seconds + duration(words) - SENTENCE_PAUSE * breaks


def test_the_routine_speech_is_the_core_speech() -> None:
    routine = Routine(CONTENT.stretch("forward_fold"))
    turns = routine_turns(CONTENT, routine)
    assert turns[0] == ssml(replies.start(CONTENT, routine, with_notice=True).speech)
    assert turns[1:-1] == [ssml(speak_step(m)) for m in routine.moments[1:]]
    assert turns[-1] == ssml(replies.finished(CONTENT, routine).speech)
    assert silence_seconds(ssml(speak_step(TWENTY_SECOND_HOLDS[0]))) == 20
