"""The generated interaction model agrees with the channel, the NLU data and the content module."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from channels.alexa import mapping
from stretch_content import load_content, normalise
from voice.skill_model import INVOCATION_NAME, build_model, read_nlu, spoken_form

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = re.compile(r"^[a-z' ]*(\{[a-z]+\})?[a-z' ]*$")


@pytest.fixture(scope="module")
def nlu() -> dict[str, list[str]]:
    return read_nlu()


@pytest.fixture(scope="module")
def model(nlu: dict[str, list[str]]) -> dict[str, Any]:
    return dict(build_model(nlu, load_content())["interactionModel"]["languageModel"])


def intents(model: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {i["name"]: i for i in model["intents"]}


def test_invocation_name(model: dict[str, Any]) -> None:
    assert model["invocationName"] == INVOCATION_NAME == "back stretch coach"


def test_every_built_in_the_channel_maps_is_in_the_model_and_nothing_unmapped(model: dict[str, Any]) -> None:
    names = set(intents(model))
    assert set(mapping.BUILT_IN_INTENTS) <= names
    for name in names - set(mapping.BUILT_IN_INTENTS):
        assert name == mapping.STRETCH_INTENT or mapping.carrier_of(name), name


def test_samples_are_speakable_unique_and_searchquery_never_stands_alone(model: dict[str, Any]) -> None:
    seen: set[str] = set()
    for intent in model["intents"]:
        for sample in intent["samples"]:
            assert SAMPLE.match(sample), sample
            assert sample not in seen, sample
            seen.add(sample)
            if "{query}" in sample:
                assert sample != "{query}"
    assert len(seen) > 100


def test_each_catch_all_intent_has_a_search_query_slot_and_its_carrier_first(model: dict[str, Any]) -> None:
    catch_alls = [i for i in model["intents"] if mapping.carrier_of(i["name"])]
    assert len(catch_alls) >= 10
    for intent in catch_alls:
        assert intent["slots"] == [{"name": "query", "type": "AMAZON.SearchQuery"}]
        assert intent["samples"] == [f"{mapping.carrier_of(intent['name'])} {{query}}"]


def test_built_ins_carry_the_nlu_examples_of_their_rasa_intent(
    model: dict[str, Any], nlu: dict[str, list[str]]
) -> None:
    samples = {name: set(i["samples"]) for name, i in intents(model).items()}
    for amazon, rasa_intent in [("AMAZON.NextIntent", "next_step"), ("AMAZON.HelpIntent", "ask_capabilities")]:
        spoken = {spoken_form(t) for t in nlu[rasa_intent]} - {None}
        assert spoken and spoken <= samples[amazon] | set().union(*samples.values())
        assert len(samples[amazon]) >= len(spoken) // 2


def test_stop_and_cancel_keep_amazons_own_samples(model: dict[str, Any]) -> None:
    assert intents(model)["AMAZON.StopIntent"]["samples"] == []
    assert intents(model)["AMAZON.CancelIntent"]["samples"] == []


def test_the_stretch_slot_type_lists_the_contents_stretches_and_synonyms(model: dict[str, Any]) -> None:
    (stretch_type,) = model["types"]
    content = load_content()
    assert [v["id"] for v in stretch_type["values"]] == [s.id for s in content.stretches]
    for value, stretch in zip(stretch_type["values"], content.stretches, strict=True):
        assert value["name"]["value"] == normalise(stretch.name)
        assert {normalise(s) for s in stretch.synonyms} - {value["name"]["value"]} <= set(value["name"]["synonyms"])


def test_make_target_writes_the_model(tmp_path: Path) -> None:
    out = tmp_path / "interaction-model.json"
    subprocess.run([sys.executable, "-m", "voice.skill_model", "--out", str(out)], cwd=ROOT, check=True)
    written = json.loads(out.read_text())["interactionModel"]["languageModel"]
    assert written["invocationName"] == INVOCATION_NAME
