"""The content glossary explains only the guide's own words; pacing.glossary finds what is asked."""

from __future__ import annotations

import pytest

from pacing import glossary
from stretch_content import ContentError, load_content, parse_glossary

CONTENT = load_content()


def test_a_word_in_no_step_of_the_guide_is_refused() -> None:
    with pytest.raises(ContentError, match="in no step of the guide"):
        parse_glossary([{"words": ["neutral spine"], "meaning": "Your spine's natural curve."}], CONTENT.stretches)


@pytest.mark.parametrize(
    ("text", "word"),
    [("what does exhale mean", "exhale"), ("gaze means look up?", "gaze"), ("what is all fours?", "all fours")],
)
def test_asked_meanings(text: str, word: str) -> None:
    entry = glossary.asked(CONTENT, text)
    assert entry is not None and entry.words[0] == word


@pytest.mark.parametrize("text", ["exhale", "ok exhale done next", "how long do i exhale", "what is a neutral spine"])
def test_not_a_meaning_asked_or_not_the_guides_word(text: str) -> None:
    assert glossary.asked(CONTENT, text) is None
