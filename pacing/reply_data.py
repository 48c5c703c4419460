"""A ``Reply`` as plain JSON data and back: how a reply travels from the action server to the channels.

The action server sends every reply once, in the same form whatever the channel (a bot message whose
``custom`` is ``{"reply": to_data(reply)}``); each channel of the Rasa server reads it back with
``from_data`` and renders it its own way (``channels/render/``). Plain Python, no Rasa.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pacing.reply import Act, ChartPoint, Choice, OtherLanguage, PhoneNumber, Reply, Silence, Speech, StepText, Words

KEY = "reply"
"""The key of the serialised reply in a bot message's ``custom``."""


def _piece(part: Speech) -> dict[str, Any]:
    if isinstance(part, Words):
        return {"words": part.text}
    if isinstance(part, Silence):
        return {"silence": part.seconds}
    if isinstance(part, PhoneNumber):
        return {"phone_number": part.shown}
    if isinstance(part, OtherLanguage):
        return {"words": part.text, "lang": part.lang}
    raise TypeError(f"no data form for {part!r}")


def to_data(reply: Reply) -> dict[str, Any]:
    """``reply`` as JSON-ready data (every field, defaults included, so a reader needs no defaults)."""
    return {
        "text": reply.text,
        "blocks": list(reply.blocks),
        "speech": [_piece(p) for p in reply.speech],
        "choices": [{"act": c.act.value, "label": c.label, "stretch": c.stretch} for c in reply.choices],
        "picture": reply.picture,
        "title": reply.title,
        "reprompt": reply.reprompt,
        "hold_seconds": reply.hold_seconds,
        "farewell": reply.farewell,
        "ends_conversation": reply.ends_conversation,
        "step": {"heading": reply.step.heading, "text": reply.step.text} if reply.step else None,
        "chart": [{"label": p.label, "before": p.before, "after": p.after} for p in reply.chart],
        "link": reply.link,
    }


def _speech(data: Mapping[str, Any]) -> Speech:
    if "silence" in data:
        return Silence(int(data["silence"]))
    if "phone_number" in data:
        return PhoneNumber(str(data["phone_number"]))
    if "lang" in data:
        return OtherLanguage(str(data["lang"]), str(data["words"]))
    return Words(str(data["words"]))


def _optional(value: Any) -> str | None:
    return None if value is None else str(value)


def _score(value: Any) -> int | None:
    return None if value is None else int(value)


def from_data(data: Mapping[str, Any]) -> Reply:
    """The reply ``to_data`` made; ``ValueError`` (``KeyError``, ``TypeError`` included) if it is not one."""
    try:
        step = data["step"]
        return Reply(
            text=str(data["text"]),
            blocks=tuple(str(b) for b in data["blocks"]),
            speech=tuple(_speech(p) for p in data["speech"]),
            choices=tuple(Choice(Act(c["act"]), str(c["label"]), _optional(c.get("stretch"))) for c in data["choices"]),
            picture=_optional(data["picture"]),
            title=_optional(data["title"]),
            reprompt=_optional(data["reprompt"]),
            hold_seconds=None if data["hold_seconds"] is None else int(data["hold_seconds"]),
            farewell=_optional(data["farewell"]),
            ends_conversation=bool(data["ends_conversation"]),
            step=StepText(str(step["heading"]), str(step["text"])) if step else None,
            link=_optional(data.get("link")),
            chart=tuple(
                ChartPoint(str(p["label"]), _score(p["before"]), _score(p["after"])) for p in data.get("chart") or ()
            ),
        )
    except (KeyError, TypeError) as error:
        raise ValueError(f"not a serialised reply: {error}") from error


def reply_of(message: Mapping[str, Any]) -> Reply | None:
    """The reply a bot message carries (``custom["reply"]``), None for any other message (a domain response)."""
    custom = message.get("custom")
    data = custom.get(KEY) if isinstance(custom, Mapping) else None
    return from_data(data) if isinstance(data, Mapping) else None


def message_of(reply: Reply) -> dict[str, Any]:
    """The bot message that carries ``reply``: its words as ``text`` (the tracker, logs), the reply in ``custom``."""
    return {"text": reply.text, "custom": {KEY: to_data(reply)}}
