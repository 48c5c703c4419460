"""Which messages get "I can only chat in English": whole messages in another language, not a
borrowed word in an English sentence."""

from __future__ import annotations

import pytest

from pacing.language import english_only_in_spanish, is_foreign, is_spanish, spanish_courtesy
from stretch_content import load_content


@pytest.mark.parametrize(
    "text",
    [
        "hola, necesito ayuda con mi espalda",
        "me duele la espalda",
        "¿Hablas español?",
        "no hablo mucho inglés",
        "tengo dolor de espalda y no puedo mover las piernas",
        "Quiero hacer el estiramiento del gato",
        "je voudrais un rendez-vous",
        "ich habe Rückenschmerzen und bin nicht sicher",
        "你好",
        "привет как дела",
    ],
)
def test_another_language_is_recognised(text: str) -> None:
    assert is_foreign(text)


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "guide me through cat cow",
        "y is my back sore",
        "gracias amigo thanks so much",
        "i have dolor in my back",
        "pour the soy sauce",
        "I had a café latte and my back hurts",
        "no",
        "my name is José and I want to book",
        "",
    ],
)
def test_english_with_a_borrowed_word_is_english(text: str) -> None:
    assert not is_foreign(text)


@pytest.mark.parametrize(
    ("text", "spanish"),
    [
        ("me duele la espalda", True),
        ("Waan dhacay shalay, dhabarka ayaa i xanuunaya", False),
        ("Kuv txiv mob hauv siab heev thiab nws ua tsis taus pa", False),
    ],
)
def test_spanish_is_told_from_languages_the_coach_cannot_read(text: str, spanish: bool) -> None:
    assert is_foreign(text) and is_spanish(text) is spanish


@pytest.mark.parametrize("text", ["hola", "gracias", "muchas gracias", "si", "sí", "listo", "Buenos días", "ok listo"])
def test_spanish_words_english_speakers_say_alone_are_social_turns(text: str) -> None:
    """A greeting, thanks, yes or ready in Spanish is read as that social turn, not as another language."""
    assert not is_foreign(text)


@pytest.mark.parametrize(
    ("text", "greets"),
    [
        ("hola", True),
        ("hola!", True),
        ("buenas tardes", True),
        ("gracias", False),
        ("si", False),
        ("hola, necesito ayuda", False),
    ],
)
def test_a_spanish_greeting_alone_gets_a_line_in_spanish(text: str, greets: bool) -> None:
    assert spanish_courtesy(text) is greets


def test_the_line_in_spanish_says_english_only_and_gives_the_number() -> None:
    clinic = load_content().clinic
    line = english_only_in_spanish(clinic).text
    assert "inglés" in line
    assert clinic.phone in line
