"""Tells a message in another language from English, so it gets "English only" instead of a guess.

The classifier is trained on English only: a Spanish message otherwise lands on whatever intent its
character n-grams resemble. Function words decide (they are the most frequent words of any language
and rarely shared), and letters of another script count as foreign outright.
"""

from __future__ import annotations

import re
import unicodedata

from pacing.replies import phone_speech
from pacing.reply import OtherLanguage, Reply, Words
from stretch_content import Clinic

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


_ENGLISH = _words(
    """a about after again all am an and any are as at back be been but by can could did do does doing
    done don't for from get go going got had has have he her here hi him his how i i'm if in into is it
    it's its just know let like me more my no not now of off ok okay on one or our out please so some
    stop that the their them then there they this to too up us was we well what when where which who
    why will with would yes you your"""
)
# Function words of the languages patients of a Twin Cities clinic most often write in, minus any
# that are also English words ("a", "no", "me", "die", "art"...).
_FOREIGN = _words(
    # Spanish, then a few unmistakable ones each of Portuguese, French, Italian and German, then
    # Somali and Hmong (both large communities in the Twin Cities)
    """el la los las un una unos unas pero porque que qué de del al en por para sobre
    es está están estoy estás eres fue ser estar tengo tiene tienes puedo puede
    quiero necesito mi mis tu tus su sus yo usted ustedes nosotros ella ellos muy más menos también
    cómo como cuándo dónde cuál hola gracias buenos buenas días tardes noches ayuda ayúdame dolor
    espalda duele estiramiento estiramientos cita llamar habla hablas hablo español inglés sí bien mal
    mucho mucha poco entiendo necesita hacer ejercicio ejercicios cuello rodilla pierna piernas ayudar
    puedes podría gato vaca médico
    ahora hoy favor señor señora les se nos este esta esto ese esa eso aquí allí
    você obrigado obrigada olá não está é dor costas
    bonjour merci je vous nous est sont avec dans mais très douleur dos
    ciao grazie sono che della perché schiena
    ich nicht und ist mit danke hallo rücken schmerzen
    waa iyo ayaa ayay aan waxaan wuxuu waxay hadda iska sidee maxaan fadlan mahadsanid maya haa
    xanuun xanuunaya dhabarka lugaha lugood ila qofka inuu inay ayuu karo sameeyaa sameeyo
    kuv koj nws thiab yog tsis muaj heev nyob ntawm hauv lawv peb txhais ceg nraub qaum"""
)
_SHORT_GREETINGS = frozenset({"bonjour", "merci", "ciao", "grazie", "olá", "obrigado", "danke"})
_SHARED = _words("no me a se te mi")
"""Words Spanish shares with English (or nearly): they decide nothing either way."""
_COURTESY = _words(
    """hola gracias muchas si sí listo lista listos vale adios adiós bueno buenos buenas dias días tardes noches
    claro amigo amiga pues ok por favor hasta luego"""
)
"""Spanish words many English-speaking patients use too ("hola", "gracias", "si", "listo"): read as English
social turns (a greeting, thanks, yes, ready), not as a message in another language."""


_MARKED = re.compile(r"[áéíóúñãõçàèìòùâêôûäöüß]")
"""Letters English words don't carry (a café or a naïve aside is one word, never two)."""


def _is_latin(char: str) -> bool:
    return "LATIN" in unicodedata.name(char, "")


_SPANISH = _words(
    """el los las del pero porque está están estoy estás tengo tiene tienes puedo puede quiero necesito
    mis yo usted muy más también cómo cuándo dónde hola gracias buenos buenas ayuda ayúdame dolor espalda
    duele estiramiento cita hablo español inglés sí pierna piernas hacer ejercicio qué señor señora ahora hoy"""
)


def is_spanish(text: str) -> bool:
    """A message in another language that has Spanish words in it: the coach reads Spanish red flags
    (``triage.spanish``); other languages (Somali, Hmong, ...) it cannot read at all."""
    return any(w.lower() in _SPANISH for w in _WORD.findall(text))


def is_foreign(text: str) -> bool:
    """True when the message is most likely not English (a word or two of it alone is not enough)."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return False
    letters = [ch for w in words for ch in w]
    if sum(not _is_latin(ch) for ch in letters) > len(letters) / 2:
        return True
    if all(w in _COURTESY for w in words):
        return False
    if len(words) == 1:
        return words[0] in _SHORT_GREETINGS
    foreign = sum((w in _FOREIGN or bool(_MARKED.search(w))) and w not in _COURTESY for w in words)
    english = sum(w in _ENGLISH for w in words)
    if foreign and all(w in _FOREIGN or w in _SHARED or w in _COURTESY or _MARKED.search(w) for w in words):
        return True  # "no entiendo": every word Spanish, "no" being both
    return foreign >= 2 and foreign > english


_GREETINGS_ES = frozenset({"hola", "buenos", "buenas"})


def spanish_courtesy(text: str) -> bool:
    """ "hola", "buenos dias": a Spanish greeting said alone, answered in English with one line in Spanish."""
    words = [w.lower() for w in _WORD.findall(text)]
    return bool(words) and all(w in _COURTESY for w in words) and any(w in _GREETINGS_ES for w in words)


def english_only_in_spanish(clinic: Clinic) -> Reply:
    """After a welcome to "hola": that the chat is in English, and the number to talk to someone, in Spanish."""
    spanish = (
        f"Solo puedo conversar en inglés. Para hablar con alguien de {clinic.name} en español, llame al {clinic.phone}."
    )
    return Reply(text=spanish, speech=(OtherLanguage("es-US", spanish),))


_EMERGENCY_ES = (
    "Estos síntomas pueden ser señal de un problema grave. Llame al 911 o vaya a la sala de emergencias "
    "más cercana ahora. No siga con los estiramientos. Cuando esté a salvo, un especialista puede darle "
    "seguimiento: llame a {name} al {phone}."
)


_CRISIS_ES = (
    "Si está pensando en quitarse la vida, llame o envíe un mensaje de texto al {number} (oprima 2 para español)."
)
"""The Lifeline's own Spanish service (its Spanish site: call and press 2, or text AYUDA)."""


def emergency_in_spanish(clinic: Clinic, *, lifeline: str | None = None) -> Reply:
    """A red flag written in Spanish: the emergency advice in Spanish first, then in English.

    Somali and Hmong get no sentence of their own: no one here can have a medical translation checked,
    and a wrong one is worse than English with the number (README, "Other languages").
    """
    spanish = _EMERGENCY_ES.format(name=clinic.name, phone=clinic.phone)
    if lifeline is not None:  # "quiero quitarme la vida": the Lifeline's number (content) in Spanish first
        spanish = f"{_CRISIS_ES.format(number=lifeline)} {spanish}"
    english = f"{clinic.emergency} Once you're safe, a specialist can follow up: call {clinic.name} at {clinic.phone}."
    follow_up = "Once you are safe, a specialist can follow up:"
    speech = (OtherLanguage("es-US", spanish), Words(clinic.emergency), *phone_speech(clinic, follow_up))
    return Reply(text=f"{spanish}\n\n{english}", speech=speech, reprompt=clinic.emergency, blocks=(spanish, english))
