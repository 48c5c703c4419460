"""Which messages get "I can only chat in English": whole messages in another language, not a
borrowed word in an English sentence."""

from __future__ import annotations

import pytest

from pacing.language import is_foreign, is_spanish


@pytest.mark.parametrize(
    "text",
    [
        "hola",
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
        ("hola", True),
        ("me duele la espalda", True),
        ("Waan dhacay shalay, dhabarka ayaa i xanuunaya", False),
        ("Kuv txiv mob hauv siab heev thiab nws ua tsis taus pa", False),
    ],
)
def test_spanish_is_told_from_languages_the_coach_cannot_read(text: str, spanish: bool) -> None:
    assert is_foreign(text) and is_spanish(text) is spanish
