"""SSML as Alexa accepts it: a checker (well-formed, allowed tags, breaks ≤ 10 s, length) and the wrapper.

espeak-ng reads malformed SSML without complaint, so this parser-based check is the validator.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

ALEXA_TAGS = frozenset(
    {
        "speak", "p", "s", "break", "emphasis", "lang", "phoneme", "prosody", "say-as", "sub", "voice", "w",
        "audio", "amazon:effect", "amazon:emotion", "amazon:domain",
    }
)  # fmt: skip
"""The tags Alexa's SSML reference lists."""
MAX_SPEECH_CHARS = 8000
"""Alexa's limit on an outputSpeech (and a reprompt), counting the markup."""
MAX_BREAK_SECONDS = 10.0
"""Alexa's longest single ``<break>``: the one place this limit lives (``channels/render/alexa.py`` splits by it)."""
_AMAZON_NS = "http://amazon.com/ssml"
_BREAK_TIME = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)$")


class SsmlError(ValueError):
    """Speech Alexa would refuse."""


def _tag(element: ET.Element) -> str:
    return element.tag.replace("{" + _AMAZON_NS + "}", "amazon:")


def _parse(document: str) -> ET.Element:
    # Declare the amazon: prefix so amazon:effect etc. parse; Alexa does the same implicitly.
    declared = document.replace("<speak>", f'<speak xmlns:amazon="{_AMAZON_NS}">', 1)
    try:
        return ET.fromstring(declared)
    except ET.ParseError as error:
        raise SsmlError(f"not well-formed: {error}") from error


def break_seconds(element: ET.Element) -> float:
    value = element.get("time", "")
    match = _BREAK_TIME.match(value)
    if not match:
        if element.get("strength") is not None and not value:
            return 0.0
        raise SsmlError(f"unreadable break time {value!r}")
    amount = float(match.group(1))
    return amount / 1000 if match.group(2) == "ms" else amount


def check(document: str) -> ET.Element:
    """Raise ``SsmlError`` unless ``document`` is one ``<speak>`` Alexa accepts; returns the parsed tree."""
    if len(document) > MAX_SPEECH_CHARS:
        raise SsmlError(f"{len(document)} characters, over Alexa's {MAX_SPEECH_CHARS}")
    root = _parse(document)
    if root.tag != "speak":
        raise SsmlError("root element is not <speak>")
    for element in root.iter():
        tag = _tag(element)
        if tag not in ALEXA_TAGS:
            raise SsmlError(f"<{tag}> is not an Alexa SSML tag")
        if tag == "speak" and element is not root:
            raise SsmlError("nested <speak>")
        if tag == "break" and break_seconds(element) > MAX_BREAK_SECONDS:
            raise SsmlError(f"break of {element.get('time')} is over {MAX_BREAK_SECONDS:g} s")
    return root


def speak(fragment: str) -> str:
    """Wrap an SSML fragment in ``<speak>``."""
    return f"<speak>{fragment}</speak>"


def plain_words(document: str) -> str:
    """The words of a speech without markup (for logs and tests)."""
    return " ".join("".join(_parse(document).itertext()).split())
