"""Builds the Alexa interaction model (the JSON uploaded to Amazon) from the NLU data and the content module.

Built-in intents get the matching Rasa intent's examples as extra samples; a STRETCH slot type lists
each stretch with its synonyms; everything else reaches Rasa as text through an AMAZON.SearchQuery slot.
Alexa forbids an utterance that is only a SearchQuery slot, so each sample starts with a carrier word
(the words people start their sentences with in the NLU data), one ``CatchAll_<word>`` intent per
carrier so the channel can put the word back in front of the slot text.

    python -m voice.skill_model --out build/skill/interaction-model.json
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from channels.alexa.mapping import BUILT_IN_INTENTS, CATCH_ALL_SLOT, STRETCH_INTENT, STRETCH_SLOT, catch_all_intent
from stretch_content import Content, load_content, normalise

ROOT = Path(__file__).resolve().parents[1]
NLU_DIR = ROOT / "data" / "nlu"
DEFAULT_OUT = ROOT / "build" / "skill" / "interaction-model.json"
INVOCATION_NAME = "back stretch coach"
STRETCH_TYPE = "STRETCH"
EXTENDED_BUILT_INS = frozenset(
    {
        "AMAZON.NextIntent", "AMAZON.RepeatIntent", "AMAZON.PreviousIntent", "AMAZON.StartOverIntent",
        "AMAZON.PauseIntent", "AMAZON.ResumeIntent", "AMAZON.HelpIntent", "AMAZON.YesIntent", "AMAZON.NoIntent",
    }
)  # fmt: skip
"""Built-ins that take the Rasa intent's examples. Stop/Cancel keep Amazon's own: they end the session,
so "finish" (a stop_routine example that completes a routine) must stay with Rasa's NLU."""
MAX_SAMPLE_CHARS = 200
MIN_CARRIER_USES = 2
"""A first word becomes a carrier once two examples start with it (keeps one-off typos out)."""

_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")
_NOT_SPEAKABLE = re.compile(r"[^a-z' .]")


def read_nlu(directory: Path = NLU_DIR) -> dict[str, list[str]]:
    """Rasa intent → its training examples (annotations removed), from every ``*.yml`` under ``directory``."""
    examples: dict[str, list[str]] = {}
    for path in sorted(directory.glob("*.yml")):
        data = yaml.safe_load(path.read_text()) or {}
        for block in data.get("nlu") or []:
            if not isinstance(block, Mapping) or "intent" not in block:
                continue
            lines = str(block.get("examples") or "").splitlines()
            texts = [_ANNOTATION.sub(r"\1", line.strip()[2:]) for line in lines if line.strip().startswith("- ")]
            examples.setdefault(str(block["intent"]), []).extend(texts)
    return examples


def spoken_form(text: str) -> str | None:
    """An example as Alexa accepts a sample (lowercase letters, apostrophes, spaces), or None if it can't be."""
    words = re.sub(r"[/\-_,!?;:\"()]", " ", text.lower()).replace("’", "'")
    words = " ".join(words.replace(".", " ").split())
    if not words or _NOT_SPEAKABLE.search(words) or len(words) > MAX_SAMPLE_CHARS:
        return None
    return words


def _unique(samples: Iterable[str], taken: set[str]) -> list[str]:
    kept = []
    for sample in samples:
        if sample not in taken:
            taken.add(sample)
            kept.append(sample)
    return kept


def _rasa_to_built_in() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for amazon, message in BUILT_IN_INTENTS.items():
        if amazon in EXTENDED_BUILT_INS:
            mapping.setdefault(message.removeprefix("/"), amazon)
    return mapping


def stretch_type(content: Content) -> dict[str, Any]:
    """The STRETCH slot type: each stretch's id, name and synonyms, straight from the content."""
    values = []
    for stretch in content.stretches:
        synonyms = sorted({normalise(s) for s in (stretch.id, *stretch.synonyms)} - {normalise(stretch.name)})
        values.append({"id": stretch.id, "name": {"value": normalise(stretch.name), "synonyms": synonyms}})
    return {"name": STRETCH_TYPE, "values": values}


def build_model(nlu: Mapping[str, list[str]], content: Content) -> dict[str, Any]:
    """The interaction model as a dict ready for ``json.dump``."""
    taken: set[str] = set()
    to_built_in = _rasa_to_built_in()
    intents: list[dict[str, Any]] = []
    for amazon in BUILT_IN_INTENTS:
        rasa_intent = next((r for r, a in to_built_in.items() if a == amazon), None)
        spoken = [s for s in (spoken_form(t) for t in nlu.get(rasa_intent or "", [])) if s]
        intents.append({"name": amazon, "samples": _unique(spoken, taken)})

    stretch_samples = _unique([f"{{{STRETCH_SLOT}}}", f"the {{{STRETCH_SLOT}}}", f"{{{STRETCH_SLOT}}} stretch"], taken)
    intents.append(
        {"name": STRETCH_INTENT, "slots": [{"name": STRETCH_SLOT, "type": STRETCH_TYPE}], "samples": stretch_samples}
    )

    starts: Counter[str] = Counter()
    for rasa_intent, texts in sorted(nlu.items()):
        if rasa_intent in to_built_in:
            continue
        for text in texts:
            words = (spoken_form(text) or "").split()
            if len(words) >= 2:
                starts[words[0]] += 1
    carriers = [word for word, count in starts.most_common() if count >= MIN_CARRIER_USES]
    for carrier in carriers:
        samples = _unique([f"{carrier} {{{CATCH_ALL_SLOT}}}"], taken)
        slot = {"name": CATCH_ALL_SLOT, "type": "AMAZON.SearchQuery"}
        intents.append({"name": catch_all_intent(carrier), "slots": [slot], "samples": samples})
    return {
        "interactionModel": {
            "languageModel": {"invocationName": INVOCATION_NAME, "intents": intents, "types": [stretch_type(content)]}
        }
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--nlu", type=Path, default=NLU_DIR)
    args = parser.parse_args(argv)
    model = build_model(read_nlu(args.nlu), load_content())
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n")
    intents = model["interactionModel"]["languageModel"]["intents"]
    print(f"wrote {args.out}: {len(intents)} intents, {sum(len(i['samples']) for i in intents)} samples")


if __name__ == "__main__":
    main()
