"""Every kind of emergency gets its own number, said to the person it is about; pain outside a routine is
answered as pain; a message too long to act on is still read for an emergency.

The numbers below are written here by hand, from the services' own pages (SAMHSA and the FCC for 988,
HRSA for Poison Help), not read from the content, so a wrong number in the content fails here.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml

from channels.long_message import MAX_TRIAGED_CHARS, assess_in_full, reply_to_long, windows
from pacing import safety_replies
from pacing.reply import PhoneNumber, Words
from pacing.safety_replies import EmergencyKind, emergency_for, emergency_kinds
from stretch_content import Content, ContentError, load_content, parse_emergency_resources
from stretch_content.loader import CONTENT_FILE
from triage import Level, assess

CONTENT = load_content()
CLINIC = CONTENT.clinic
LIFELINE, POISON_HELP, DV_HOTLINE = "988", "1-800-222-1222", "1-800-799-7233"
STRETCH_NAMES = [s.name for s in CONTENT.stretches]


def spoken_numbers(reply: Any) -> list[str]:
    return [piece.shown for piece in reply.speech if isinstance(piece, PhoneNumber)]


def spoken_words(reply: Any) -> str:
    return " ".join(piece.text for piece in reply.speech if isinstance(piece, Words))


# --- the content: each resource once, with its number, its source and the flags it serves


def test_each_resource_is_listed_once_with_its_number_and_source() -> None:
    by_number = {r.number: r for r in CONTENT.emergency_resources}
    assert set(by_number) == {"911", LIFELINE, POISON_HELP, DV_HOTLINE}
    assert "SAMHSA" in by_number[LIFELINE].source and "FCC" in by_number[LIFELINE].source
    assert "text" in by_number[LIFELINE].contact
    assert "HRSA" in by_number[POISON_HELP].source
    assert "FCC" in by_number["911"].source
    assert by_number["911"].serves_all
    assert by_number[LIFELINE].serves == ("suicidal",)
    assert by_number[POISON_HELP].serves == ("overdose",)
    assert by_number[DV_HOTLINE].serves == ("abuse",) and "thehotline.org" in by_number[DV_HOTLINE].source


def test_every_flag_a_resource_serves_is_a_red_flag_the_triage_knows() -> None:
    known = {flag.id for flag in CLINIC.red_flag_list}
    served = {flag for r in CONTENT.emergency_resources for flag in r.serves}
    assert served <= known, f"resources for red flags the triage does not know: {sorted(served - known)}"


def test_the_kinds_replies_speak_to_are_red_flags_the_triage_knows() -> None:
    known = {flag.id for flag in CLINIC.red_flag_list}
    named = safety_replies.CRISIS_FLAGS | safety_replies.POISONING_FLAGS | safety_replies.CALL_911_FLAGS
    assert named <= known, f"replies for red flags the triage does not know: {sorted(named - known)}"


def test_resources_for_a_flag_put_its_own_number_before_911() -> None:
    assert [r.number for r in CONTENT.resources_for(("suicidal",))] == [LIFELINE, "911"]
    assert [r.number for r in CONTENT.resources_for(("overdose",))] == [POISON_HELP, "911"]
    assert [r.number for r in CONTENT.resources_for(("bladder",))] == ["911"]


def test_the_numbers_are_written_only_in_the_content_file() -> None:
    root = CONTENT_FILE.parents[1]
    for path in [*root.glob("pacing/*.py"), *root.glob("actions/*.py"), *root.glob("channels/**/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert POISON_HELP not in text and "222-1222" not in text, path
        assert not re.search(r"(?<![\d-])988(?![\d-])", text), path


@pytest.fixture()
def raw() -> list[dict[str, Any]]:
    return list(yaml.safe_load(CONTENT_FILE.read_text())["emergency_resources"])


@pytest.mark.parametrize(
    ("breakage", "message"),
    [
        (lambda r: r.clear(), "non-empty list"),
        (lambda r: r[1].update(number="98B"), "digits and dashes"),
        (lambda r: r[2].update(spoken="1 800 222 1223"), "own digits"),
        (lambda r: r[1].update(serves="suicidal"), "'all' or a list"),
        (lambda r: r[1].update(serves=[]), "'all' or a list"),
        (lambda r: r[2].update(id=r[1]["id"]), "ids used twice"),
        (lambda r: r[2].update(number=r[1]["number"], spoken=r[1]["spoken"]), "numbers used twice"),
        (lambda r: r[0].update(serves=["chest"]), "one resource must serve all"),
        (lambda r: r[1].pop("source"), "'source' is missing"),
    ],
)
def test_broken_resources_are_refused(raw: list[dict[str, Any]], breakage: Any, message: str) -> None:
    broken = copy.deepcopy(raw)
    breakage(broken)
    with pytest.raises(ContentError, match=message):
        parse_emergency_resources(broken)


# --- the replies, kind by kind


def test_suicidal_thoughts_get_988_call_or_text_and_911_if_in_danger_kindly() -> None:
    reply = emergency_for(CONTENT, ("suicidal",))
    assert "call or text 988" in reply.text.lower()
    assert "Call 911" in reply.text and "danger" in reply.text
    assert re.search(r"sorry|glad you told me", reply.text, re.IGNORECASE)
    assert reply.text.index("988") < reply.text.index("911")
    assert spoken_numbers(reply) == ["9 8 8", "9 1 1"]
    assert "988" not in spoken_words(reply)  # never "nine hundred eighty-eight"
    assert reply.reprompt and "9 8 8" in reply.reprompt


def test_an_overdose_or_poisoning_gets_poison_help_and_911_for_the_dangerous_signs() -> None:
    reply = emergency_for(CONTENT, ("overdose",))
    assert POISON_HELP in reply.text and "Poison Help" in reply.text
    assert reply.text.index(POISON_HELP) < reply.text.index("911")
    assert "breathing" in reply.text and "seizure" in reply.text
    assert spoken_numbers(reply) == ["1 800 222 1222", "9 1 1"]
    assert reply.reprompt and "1 800 222 1222" in reply.reprompt


@pytest.mark.parametrize("flag", ["chest", "breathing", "stroke", "bleeding"])
def test_chest_breathing_stroke_and_bleeding_get_911_now_and_nothing_first(flag: str) -> None:
    reply = emergency_for(CONTENT, (flag,))
    assert reply.text.startswith("Call 911 now")
    assert LIFELINE not in reply.text and POISON_HELP not in reply.text
    assert spoken_numbers(reply) == ["9 1 1"]


@pytest.mark.parametrize("flag", ["bladder", "bowel", "saddle_numbness", "legs", "trauma", "fever", "cauda_equina"])
def test_back_pain_red_flags_get_the_advice_they_always_had(flag: str) -> None:
    reply = emergency_for(CONTENT, (flag,))
    assert reply == safety_replies.emergency(CLINIC)
    assert "911" in reply.text and "emergency room" in reply.text and "Don't continue stretching" in reply.text


def test_suicidal_with_an_overdose_puts_911_first_and_gives_both_numbers() -> None:
    reply = emergency_for(CONTENT, ("overdose", "suicidal"))
    assert reply.text.startswith("Call 911 now")
    assert POISON_HELP in reply.text and LIFELINE in reply.text


@pytest.mark.parametrize(
    "flags", [("suicidal",), ("overdose",), ("chest",), ("stroke",), ("bleeding",), ("legs", "trauma"), ("bladder",)]
)
def test_someone_elses_emergency_is_spoken_of_as_theirs_and_asks_the_writer_nothing(flags: tuple[str, ...]) -> None:
    reply = emergency_for(CONTENT, flags, about_other=True)
    mine = emergency_for(CONTENT, flags)
    assert re.search(r"\b(them|they|they're)\b", reply.text), reply.text
    assert "?" not in reply.text and not reply.choices
    assert not re.search(r"\b(are you|do you have|you're having|you feel|you've taken)\b", reply.text, re.IGNORECASE)
    assert "Call 911" in reply.text
    assert {n for n in spoken_numbers(mine) if n != "(763) 201-8191"} <= set(spoken_numbers(reply))


def test_a_fall_someone_else_had_gets_911_for_them_not_a_drive_to_the_er() -> None:
    reply = emergency_for(CONTENT, ("trauma", "legs"), about_other=True)
    assert "Call 911 for them now" in reply.text and "emergency room" not in reply.text


@pytest.mark.parametrize(
    ("flags", "about_other"),
    [
        (f, o)
        for f in [("suicidal",), ("overdose",), ("chest",), ("bladder",), ("suicidal", "overdose")]
        for o in (0, 1)
    ],
)
def test_no_emergency_reply_offers_a_stretch_and_each_is_short(flags: tuple[str, ...], about_other: int) -> None:
    reply = emergency_for(CONTENT, flags, about_other=bool(about_other))
    assert not reply.choices
    assert not any(name in reply.text for name in STRETCH_NAMES)
    assert not any(name in (reply.reprompt or "") for name in STRETCH_NAMES)
    assert len(reply.text.split()) <= 70, reply.text
    assert reply.reprompt and len(reply.reprompt.split()) <= 30


def test_the_kinds_of_a_message() -> None:
    assert emergency_kinds(("suicidal",)) == {EmergencyKind.CRISIS}
    assert emergency_kinds(("overdose", "chest")) == {EmergencyKind.POISONING, EmergencyKind.CALL_911}
    assert emergency_kinds(("bladder", "suicidal")) == {EmergencyKind.BACK, EmergencyKind.CRISIS}
    assert emergency_kinds(("help_now",)) == {EmergencyKind.BACK}
    assert emergency_kinds(()) == {EmergencyKind.BACK}  # no flag named: the advice that always held


# --- pain outside a routine


def test_pain_outside_a_routine_is_about_the_pain_when_to_get_care_and_the_number() -> None:
    reply = safety_replies.pain(CONTENT, None)
    assert "don't continue a stretch that hurts" in reply.text
    assert CLINIC.red_flags in reply.text and "emergency care" in reply.text
    assert CLINIC.phone in reply.text and PhoneNumber(CLINIC.phone) in reply.speech
    assert "didn't understand" not in reply.text
    assert "911" not in reply.text  # a pointer to care, not an alarm: nothing here says this is an emergency
    assert "if you'd like" in reply.text.lower()  # the stretches only for someone who wants one
    assert {c.label for c in reply.choices} >= set(STRETCH_NAMES)


# --- long messages


def test_windows_cover_the_whole_text_and_keep_every_word_whole() -> None:
    text = " ".join(f"word{i}" for i in range(2500))
    pieces = windows(text)
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert pieces[0].startswith("word0 ") and pieces[-1].endswith("word2499")
    for word in text.split():
        assert any(f" {word} " in f" {p} " for p in pieces), word


def test_a_mention_cut_by_a_window_edge_is_still_read() -> None:
    filler = "we drove up to the lake for the weekend and the kids swam every single day. "
    for shift in range(0, 80, 7):
        text = filler * 25 + "x" * shift + " and since then I have wet myself twice. " + filler * 10
        assert assess_in_full(text).level is Level.EMERGENCY, shift


def test_an_emergency_buried_deep_in_a_long_message_gets_the_emergency_reply() -> None:
    story = (
        "Hi, I saw your page about the stretches. I've had lower back trouble on and off since I worked in a "
        "warehouse years ago, lifting boxes all day, and it comes and goes with the weather. "
    )
    text = (
        story * 30 + "Since last night I can't feel my bum when I wipe and I lost control of my bladder. " + story * 5
    )
    assert len(text) > 6000
    reply = reply_to_long(CONTENT, text, 1000)
    assert reply == safety_replies.emergency(CLINIC)


def test_a_long_message_without_an_emergency_is_too_long_and_asks_nothing() -> None:
    story = "My back has been stiff in the mornings and I like to walk the dog before work most days. " * 20
    assert "too long" in reply_to_long(CONTENT, story, 1000).text
    possible = reply_to_long(CONTENT, story + " Also I had a bit of a fever yesterday.", 1000)
    assert "too long" in possible.text and CLINIC.red_flags in possible.text
    assert "?" not in possible.text and not possible.choices  # nothing waits for an answer the guard can't hear
    assert "911" not in possible.text


def test_only_so_much_of_a_huge_message_is_read() -> None:
    text = "stretch " * 5000 + "I lost control of my bladder"
    assert len(text) > MAX_TRIAGED_CHARS
    assert assess_in_full(text).level is Level.NONE


def test_a_kind_whose_resource_is_missing_still_gets_911(raw: list[dict[str, Any]]) -> None:
    only_911 = Content(
        clinic=CLINIC,
        illustrations=CONTENT.illustrations,
        stretches=CONTENT.stretches,
        emergency_resources=parse_emergency_resources([raw[0]]),
    )
    for flags in [("suicidal",), ("overdose",)]:
        reply = emergency_for(only_911, flags)
        assert "Call 911" in reply.text and LIFELINE not in reply.text and POISON_HELP not in reply.text


def test_a_new_resource_for_a_flag_is_given_by_name_and_number(raw: list[dict[str, Any]]) -> None:
    extra: dict[str, Any] = {"id": "stroke_line", "name": "Stroke Help", "number": "555-0100", "spoken": "555 0100"}
    extra |= {"contact": "call", "serves": ["stroke"], "source": "a test"}
    content = Content(
        clinic=CLINIC,
        illustrations=CONTENT.illustrations,
        stretches=CONTENT.stretches,
        emergency_resources=parse_emergency_resources([*raw, extra]),
    )
    reply = emergency_for(content, ("stroke",))
    assert reply.text.startswith("Call 911 now") and "Call Stroke Help at 555-0100." in reply.text
    assert PhoneNumber("555 0100") in reply.speech


def test_someone_hurting_you_who_is_coming_back_gets_911_and_the_domestic_violence_hotline() -> None:
    """Blind set 26: "my boyfriend kicked me last night and he just texted hes coming back"."""
    found = assess("my back hurts bc my boyfriend kicked me last night and he just texted hes coming back")
    reply = emergency_for(CONTENT, found.flags)
    assert found.flags == ("abuse",)
    assert "Call 911 now" in reply.text and "National Domestic Violence Hotline at 1-800-799-7233" in reply.text
