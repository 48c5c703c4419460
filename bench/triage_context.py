"""medspaCy's ConText as triage's context reader, scored on the labeled file (run by bench/triage_compare.py).

Runs in its own venv (build/venv-medspacy, requirements/medspacy.lock.txt): medspaCy is not a product
dependency. Same red-flag terms, pain words and levels as the product; only "whose / when / whether"
comes from ConText's default rules (negated, historical, hypothetical, family) on spaCy's blank English
pipeline. Prints {variant: {split: score}} as JSON.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Any

import medspacy  # noqa: F401  (registers the medspacy_context factory)
import spacy

from triage import Level, assess
from triage.context import Discard, Message
from triage.evaluation import read_labeled, score_splits

# ConText's rules are written with apostrophes ("don't"); triage's text has none ("dont"). Put them back
# for ConText and keep a map from triage's character offsets to ConText's.
_CONTRACTIONS = re.compile(r"\b(?:do|does|did|ca|wo|is|are|was|were|have|has|could|would|should|ai)n(t)\b|\bi(m|ve)\b")


@lru_cache(maxsize=1)
def _nlp() -> Any:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("medspacy_context")
    return nlp


def _with_apostrophes(text: str) -> tuple[str, list[int]]:
    cuts = {match.start(1) if match.group(1) else match.start(2) for match in _CONTRACTIONS.finditer(text)}
    out: list[str] = []
    offsets: list[int] = []
    for i, char in enumerate(text):
        if i in cuts:
            out.append("'")
        offsets.append(len(out))
        out.append(char)
    offsets.append(len(out))
    return "".join(out), offsets


def context_reader(message: Message, start: int, end: int) -> Discard | None:
    """Why ConText says the mention does not count (family counts as another person)."""
    text, offsets = _with_apostrophes(message.text)
    nlp = _nlp()
    doc = nlp.make_doc(text)
    span = doc.char_span(offsets[start], offsets[end], label="SYMPTOM", alignment_mode="expand")
    if span is None:
        return None
    doc.ents = [span]
    for _, process in nlp.pipeline:
        doc = process(doc)
    found = doc.ents[0]
    if found._.is_family:
        return Discard.OTHER_PERSON
    if found._.is_negated:
        return Discard.NEGATED
    if found._.is_hypothetical:
        return Discard.HYPOTHETICAL
    if found._.is_historical:
        return Discard.HISTORICAL
    return None


def main() -> None:
    labeled = read_labeled()
    variants = {
        "context": lambda text: assess(text, reader=context_reader, learned=False).level,
        "context_without_idioms": lambda text: assess(text, reader=context_reader, idioms=False, learned=False).level,
    }
    result: dict[str, dict[str, Any]] = {}
    for name, judge in variants.items():
        scores = score_splits(labeled, judge)
        result[name] = {split: s.as_json() for split, s in scores.items()}
    assert Level.NONE  # the judges return triage levels
    print(json.dumps(result))


if __name__ == "__main__":
    main()
