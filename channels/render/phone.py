"""The phone line (Twilio Voice): plain speech with real pauses, and TwiML built from it.

``<Say>`` cannot pause mid-sentence, so a reply's speech becomes a list of ``say`` and ``pause``
pieces; after a hold the caller is told what to say next. ``twiml`` turns a turn's replies (collected
by ``channels/twilio_voice.py``) into the ``<Response>`` Twilio plays; it listens (``<Gather>``) after
the last one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from twilio.twiml.voice_response import Gather, VoiceResponse

from channels.render.speech import spoken
from pacing import Reply
from pacing.reply import OtherLanguage, PhoneNumber, Silence, Speech, Words

CHANNEL = "twilio_voice"
GATHER_TIMEOUT_SECONDS = 15
"""How long Twilio listens after the last word before it reports silence (its default, 5 s, made a
silent caller hear the prompt again every few seconds)."""
BETWEEN_MESSAGES_SECONDS = 1


def piece(part: Speech) -> dict[str, Any]:
    if isinstance(part, Words):
        return {"say": spoken(part.text)}
    if isinstance(part, Silence):
        return {"pause": part.seconds}
    if isinstance(part, PhoneNumber):
        return {"say": part.shown}
    if isinstance(part, OtherLanguage):
        return {"say": part.text, "language": part.lang}
    raise TypeError(f"no phone speech for {part!r}")


def pieces(reply: Reply) -> list[dict[str, Any]]:
    """The reply's speech as say/pause pieces (its text, if it has no speech); after a silence, the prompt."""
    said = [piece(p) for p in reply.speech]
    if not said:
        return [{"say": spoken(reply.text.strip())}] if reply.text.strip() else []
    if reply.reprompt and any(isinstance(p, Silence) for p in reply.speech):
        said.append({"say": spoken(reply.reprompt)})
    return said


def plain(said: Sequence[Mapping[str, Any]]) -> str:
    """The words of the pieces, pauses left out (what a caller hears, for logs and tests)."""
    return " ".join(str(p["say"]) for p in said if "say" in p)


def reprompt(reply: Reply) -> str | None:
    """What to say to a caller who stays silent after ``reply``."""
    return spoken(reply.reprompt) if reply.reprompt else None


def _add(verb: VoiceResponse | Gather, said: Sequence[Mapping[str, Any]], voice: str) -> None:
    for part in said:
        if "pause" in part:
            verb.pause(length=int(part["pause"]))
        elif "language" in part:
            verb.say(str(part["say"]), voice=voice, language=str(part["language"]))
        else:
            verb.say(str(part["say"]), voice=voice)


def twiml(
    said: Sequence[Reply],
    *,
    action: str,
    voice: str = "woman",
    speech_timeout: str = "5",
    speech_model: str = "default",
    enhanced: str = "false",
) -> VoiceResponse:
    """The turn's replies as TwiML: each said in turn, then listening for the caller's answer."""
    response = VoiceResponse()
    gather = Gather(
        input="dtmf speech",  # keypad digits too: the pain check-in's 0-10 (channels/twilio_voice.py)
        finishOnKey="#",
        action=action,
        actionOnEmptyResult=True,
        timeout=GATHER_TIMEOUT_SECONDS,
        speechTimeout=speech_timeout,
        speechModel=speech_model,
        enhanced=enhanced,
    )
    spoken_ = [s for s in (pieces(r) for r in said) if s]
    for i, pieces_ in enumerate(spoken_):
        if i + 1 < len(spoken_):
            _add(response, pieces_, voice)
            response.pause(length=BETWEEN_MESSAGES_SECONDS)
        else:
            _add(gather, pieces_, voice)
    response.append(gather)
    return response
