"""Builds the spaCy pipeline Rasa's SpacyNLP loads: blank English, lookup lemmas, pose names from the content.

No pretrained model can be downloaded here, and pose names belong to the content module anyway:
adding a stretch there adds its names to the entity ruler on the next `make model`.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

from stretch_content import Content, load_content, surface_forms

ENTITY = "stretch"
DEFAULT_OUT = Path("build/spacy_pipeline")


def patterns(nlp: Language, content: Content) -> list[dict[str, Any]]:
    """Token patterns (case-insensitive) for every surface form of every stretch name."""
    result = []
    for stretch in content.stretches:
        seen = set()
        for form in (*surface_forms(stretch), *stretch.synonyms, stretch.name.lower()):
            tokens = tuple(t.lower_ for t in nlp.make_doc(form))
            if tokens and tokens not in seen:
                seen.add(tokens)
                result.append({"label": ENTITY, "id": stretch.id, "pattern": [{"LOWER": t} for t in tokens]})
    return result


def build(content: Content) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    # initialize() first: it wipes patterns added before it, and add_patterns() before it fails with E1004
    # (no lemma_lookup table yet), as spaCy 3.4 behaves.
    nlp.initialize()
    ruler.add_patterns(patterns(nlp, content))  # type: ignore[attr-defined]
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    nlp = build(load_content())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(args.out)
    print(f"spaCy pipeline with pose-name patterns from the content -> {args.out}")


if __name__ == "__main__":
    main()
