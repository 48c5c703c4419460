"""The content module loads the article's facts and refuses broken content."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml

from stretch_content import ContentError, StepKind, load_content, parse_content
from stretch_content.loader import CONTENT_FILE

ARTICLE = CONTENT_FILE.with_name("article.txt")  # the clinic's article, verbatim: what content.yml is checked against


@pytest.fixture()
def raw() -> dict[str, Any]:
    return dict(yaml.safe_load(CONTENT_FILE.read_text()))


def test_the_three_stretches_of_the_article_in_its_order() -> None:
    content = load_content()
    assert [s.name for s in content.stretches] == ["Lying Knee Twist", "Cat/Cow", "Forward Fold"]
    assert content.clinic.phone == "(763) 201-8191"
    assert content.clinic.phone_digits == "7632018191"


def test_article_facts_are_there() -> None:
    content = load_content()
    twist = content.stretch("lying_knee_twist")
    holds = [s for s in twist.cycle if s.kind is StepKind.HOLD]
    assert [h.seconds for h in holds] == [20]
    assert twist.repetitions.min == twist.repetitions.max == 3
    assert twist.sides == ("right", "left")
    cat_cow = content.stretch("cat_cow")
    assert (cat_cow.repetitions.min, cat_cow.repetitions.max) == (5, 10)
    fold = content.stretch("forward_fold")
    assert any("lengthening your upper body rather than your legs" in (s.caution or "") for s in fold.steps)
    assert any("bend your knees" in (s.text or "") and "seated" in (s.text or "") for s in fold.steps)
    assert any("Don't force your leg over" in (s.caution or "") for s in twist.steps)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower().replace("’", "'")))


def test_pose_sentences_use_the_articles_words() -> None:
    """Guard against invented advice: every word of a step or caution appears in the article."""
    article = _words(ARTICLE.read_text(encoding="utf-8"))
    allowed = article | {"get", "lie", "side", "right", "left", "then", "version", "easier", "for", "an", "or", "pain"}
    for stretch in load_content().stretches:
        for step in stretch.steps:
            for sentence in (step.text, step.caution):
                if sentence:
                    extra = _words(sentence.replace("{side}", "").replace("{other_side}", "")) - allowed
                    assert not extra, f"{stretch.id}: {sentence!r} uses words not in the article: {extra}"


def test_names_people_use_find_the_stretch() -> None:
    content = load_content()
    cases = {
        "guide me through cat cow": "cat_cow",
        "cat-cow": "cat_cow",
        "CatCow please": "cat_cow",
        "the one on all fours": "cat_cow",
        "let's do the knee twist": "lying_knee_twist",
        "supine twist": "lying_knee_twist",
        "how do I do a forward fold": "forward_fold",
        "forward bend": "forward_fold",
        "touch my toes stretch": "forward_fold",
        "fowrard fold": "forward_fold",
    }
    for text, expected in cases.items():
        found = content.find_stretch(text)
        assert found is not None and found.id == expected, text
    assert content.find_stretch("what's the weather") is None
    assert content.find_stretch("") is None
    # a live tester's "ITS JUST THE OLD KNEE NOT BAD" was read as "the fold"
    assert content.find_stretch("its just the old knee not bad") is None
    assert content.find_stretch("the old one again") is None


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda r: r["stretches"][0]["cycle"][1].pop("seconds"), "hold needs"),
        (lambda r: r["stretches"][0]["cycle"][0].update(text="  "), "non-empty"),
        (lambda r: r["stretches"][1]["setup"][0].update(kind="jump"), "kind must be"),
        (lambda r: r["stretches"][1].update(repetitions={"min": 5, "max": 2}), "repetitions"),
        (lambda r: r["stretches"][1]["cycle"][1].update(seconds=4), "only a hold"),
        (lambda r: r["stretches"][1]["cycle"][0].pop("breath_pause_seconds"), "breath_pause_seconds"),
        (lambda r: r["stretches"][0]["cycle"][1].update(breath_pause_seconds=5), "breath_pause_seconds"),
        (lambda r: r["stretches"][1]["cycle"][1].update(breath_pause_seconds=5), "only a hold"),
        (lambda r: r["stretches"][2]["cycle"][0].update(text="Raise your {side} arm."), "without sides"),
        (lambda r: r["stretches"][2].update(cycle=[]), "at least one step"),
        (lambda r: r["stretches"][2]["synonyms"].append("knee twist"), "used by both"),
        (lambda r: r["clinic"].update(phone="call us"), "phone"),
        (lambda r: r["clinic"].pop("consult"), "'consult' is missing"),
        (lambda r: r["illustrations"].pop("cat"), "no entry: cat"),
        (lambda r: r["illustrations"].update(spare="A picture nobody uses."), "used by no step"),
        (lambda r: r.update(stretches=[]), "non-empty list"),
        (lambda r: r.pop("red_flags"), "red_flags: must be a non-empty list"),
        (lambda r: r["red_flags"][0].update(terms=["(unclosed"]), "broken regular expression"),
        (lambda r: r["red_flags"][0].update(terms=["Can't pee"]), "lower case without apostrophes"),
        (lambda r: r["red_flags"][0].update(terms=[]), "'terms' needs at least one"),
        (lambda r: r["red_flags"][0].update(alone="maybe"), "'alone' must be emergency or ask"),
        (lambda r: r["red_flags"][0].update(urgent_with=["both"]), "only makes sense"),
        (lambda r: r["red_flags"][1].update(id=r["red_flags"][0]["id"]), "ids used twice"),
    ],
)
def test_broken_content_is_rejected(raw: dict[str, Any], breakage: Any, message: str) -> None:
    broken = copy.deepcopy(raw)
    breakage(broken)
    with pytest.raises(ContentError, match=message):
        parse_content(broken)


def test_the_real_file_parses(raw: dict[str, Any]) -> None:
    clinic, pictures, stretches = parse_content(raw)
    assert clinic.name == "iSpine Pain Physicians"
    assert len(stretches) == 3 and len(pictures) == 9


NICE_NHS_FLAGS = {"bladder", "bowel", "saddle_numbness", "legs", "trauma", "fever"}


def test_red_flags_live_here_with_their_sources() -> None:
    clinic = load_content().clinic
    flags = {flag.id: flag for flag in clinic.red_flag_list}
    assert NICE_NHS_FLAGS | {"chest", "breathing"} <= set(flags)
    for flag_id in NICE_NHS_FLAGS:
        assert "NICE NG59" in flags[flag_id].source or "NHS" in flags[flag_id].source, flag_id
        assert flags[flag_id].lay, flag_id
    assert clinic.red_flag("fever").urgent_with, "fever alone is a question, with back pain an emergency"


def test_the_lay_list_and_the_question_are_built_from_the_flags() -> None:
    clinic = load_content().clinic
    lays = [flag.lay for flag in clinic.red_flag_list if flag.lay]
    assert clinic.red_flags.startswith(lays[0]) and clinic.red_flags.endswith(f", or {lays[-1]}")
    assert all(lay in clinic.red_flags for lay in lays)
    assert clinic.red_flag_question == f"Are you having any of these right now: {clinic.red_flags}?"
    assert "911" not in clinic.red_flag_question
