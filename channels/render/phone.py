"""The phone line (Twilio Voice): plain speech with real pauses, and TwiML built from it.

``<Say>`` cannot pause mid-sentence, so a reply's speech travels as a list of ``say`` and ``pause``
pieces in ``custom["phone"]``; after a hold the caller is told what to say next. ``twiml`` turns a
turn's messages into the ``<Response>`` Twilio plays; it listens (``<Gather>``) after the last one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from twilio.twiml.voice_response import Gather, VoiceResponse

from channels.render.base import Message
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
    """The reply's speech as say/pause pieces; after a silence, the prompt (what to say next)."""
    said = [piece(p) for p in reply.speech]
    if reply.reprompt and any(isinstance(p, Silence) for p in reply.speech):
        said.append({"say": spoken(reply.reprompt)})
    return said


def plain(said: Sequence[Mapping[str, Any]]) -> str:
    """The words of the pieces, pauses left out (the message's ``text``: logs, the tracker)."""
    return " ".join(str(p["say"]) for p in said if "say" in p)


@dataclass(frozen=True)
class PhoneRenderer:
    times_holds: bool = False  # the hold is a real pause in the call

    def render(self, reply: Reply) -> list[Message]:
        said = pieces(reply)
        reprompt = spoken(reply.reprompt) if reply.reprompt else None
        return [{"text": plain(said), "custom": {"phone": {"speech": said, "reprompt": reprompt}}}]


RENDERER = PhoneRenderer()


def speech_of(message: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A message's pieces: the renderer's, else its text said as it is (domain responses, guard answers)."""
    custom = message.get("custom")
    phone = custom.get("phone") if isinstance(custom, Mapping) else None
    said = phone.get("speech") if isinstance(phone, Mapping) else None
    if isinstance(said, list) and said:
        return [dict(p) for p in said if isinstance(p, Mapping)]
    text = message.get("text")
    return [{"say": spoken(text)}] if isinstance(text, str) and text.strip() else []


def reprompt_of(message: Mapping[str, Any]) -> str | None:
    """What to say to a caller who stays silent after ``message``."""
    custom = message.get("custom")
    phone = custom.get("phone") if isinstance(custom, Mapping) else None
    value = phone.get("reprompt") if isinstance(phone, Mapping) else None
    return value if isinstance(value, str) and value else None


def _add(verb: VoiceResponse | Gather, said: Sequence[Mapping[str, Any]], voice: str) -> None:
    for part in said:
        if "pause" in part:
            verb.pause(length=int(part["pause"]))
        elif "language" in part:
            verb.say(str(part["say"]), voice=voice, language=str(part["language"]))
        else:
            verb.say(str(part["say"]), voice=voice)


def twiml(
    messages: Sequence[Mapping[str, Any]],
    *,
    action: str,
    voice: str = "woman",
    speech_timeout: str = "5",
    speech_model: str = "default",
    enhanced: str = "false",
) -> VoiceResponse:
    """The turn's messages as TwiML: each said in turn, then listening for the caller's answer."""
    response = VoiceResponse()
    gather = Gather(
        input="speech",
        action=action,
        actionOnEmptyResult=True,
        timeout=GATHER_TIMEOUT_SECONDS,
        speechTimeout=speech_timeout,
        speechModel=speech_model,
        enhanced=enhanced,
    )
    said = [s for s in (speech_of(m) for m in messages) if s]
    for i, pieces_ in enumerate(said):
        if i + 1 < len(said):
            _add(response, pieces_, voice)
            response.pause(length=BETWEEN_MESSAGES_SECONDS)
        else:
            _add(gather, pieces_, voice)
    response.append(gather)
    return response
