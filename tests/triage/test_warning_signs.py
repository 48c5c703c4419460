"""Warning signs as the clinical sources list them, said in lay and in clinicians' words.

Each group comes from its source's own list, not from one writer's words: the 988 Lifeline's and
NIMH's warning signs of suicide (saying goodbye, being a burden, the means at hand, a hedged denial),
SAMHSA's signs of an opioid overdose (slow or shallow breathing), NICE's cauda equina signs in a
clinician's shorthand (saddle paraesthesia, new retention). Beside each, the near-miss that shares
its words and must stay quiet. Also what the context readers must get right about time and cause:
an all-clear that is denied ("it's not going away now") is no all-clear, and a foot "asleep" from
being sat on is explained unless it is both legs or the writer is unsure.
"""

from __future__ import annotations

import pytest

from triage import Level, assess

EMERGENCIES = [
    ("my back doesnt hurt anymore because i wont be here tomorrow", "suicidal"),
    ("Im done. Made my peace. Just wanted to say thanks for the stretches", "suicidal"),
    ("keep thinking the family would be better off with the life insurance money", "suicidal"),
    ("i think im worth more to my family dead", "suicidal"),
    ("got my rifle out tonight. not gonna do anything dumb probably. back is just one more thing", "suicidal"),
    ("the voice keeps telling me to cut again and the razor is right here", "suicidal"),
    ("whats the point of stretching when im not gonna be here next week", "suicidal"),
    ("I just want it all to be over. Not the back, everything.", "suicidal"),
    ("took more of the oxy than im supposed to and my breathing feels slow", "overdose"),
    ("took a lot more of my sleeping pills than i was prescribed", "overdose"),
    ("his breathing is really shallow and i cant wake him", "breathing"),
    ("nurse here, for me: new retention and saddle paresthesia since this morning", "bladder"),
    ("perianal numbness since yesterday with my sciatica", "saddle_numbness"),
]

QUIET = [
    "I have made peace with my back pain, it is what it is",
    "got the gun out for deer season tonight, my back better hold up in the stand",
    "water retention in my ankles since the baby, normal they said",
    "keep your breathing slow in the fold?",
    "I'm gonna kill my brother-in-law, he borrowed my heating pad and never brought it back",
    "years back I lost control of my bladder after a disc blew, had surgery, been fine going on 10 years",
    "pins and needles in my foot cause I sat on it, its gone now",
    "my feet tingle a bit if i sit cross legged too long but it goes away right away",
    "the lying one sounds better for me. I do get a little dizzy when I stand up to fast, I take a blood pressure pill",
]


@pytest.mark.parametrize(("text", "flag"), EMERGENCIES)
def test_a_warning_sign_from_the_sources_list_is_an_emergency_of_its_kind(text: str, flag: str) -> None:
    found = assess(text)
    assert found.level is Level.EMERGENCY, found.reason
    assert flag in found.flags, found.reason


@pytest.mark.parametrize("text", QUIET)
def test_its_near_miss_is_no_alarm(text: str) -> None:
    assert assess(text).level not in (Level.EMERGENCY, Level.ASK), assess(text).reason


def test_a_denied_all_clear_leaves_the_sign_standing() -> None:
    text = "chest pressure and my jaw too, I get this shoveling sometimes but it's not going away now that I'm sitting"
    assert assess(text).level is Level.EMERGENCY
    assert assess("my chest got tight when i was shoveling but it went away as soon as i stood up").level is Level.NONE


def test_a_foot_asleep_is_not_explained_when_both_legs_or_unsure() -> None:
    text = "my legs both feel a bit tingly right now but it might be because I was sitting cross-legged"
    assert assess(text).level is Level.ASK


@pytest.mark.parametrize(
    "text",
    [
        "not great. kinda stabby",
        "got a charley horse in my hamstring doing the fold, bad one",
        "every time I round my back in the cat it catches and I gotta stop",
        "nope nope that twisted something",
        "the forward fold made my hamstrings scream",
    ],
)
def test_pain_in_lay_words_is_pain(text: str) -> None:
    assert assess(text).level is Level.PAIN, assess(text).reason


def test_dizzy_now_after_standing_up_is_still_stop_and_rest() -> None:
    found = assess("i just stood up too fast and now im dizzy")
    assert found.level is Level.ASK and found.flags == ("faint",)
