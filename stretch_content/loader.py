"""Reads content.yml into typed objects and refuses broken content at start-up, not mid-routine."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from stretch_content.model import Clinic, EmergencyResource, RedFlag, Repetitions, Step, StepKind, Stretch, Urgency

CONTENT_FILE = Path(__file__).with_name("content.yml")
_PLACEHOLDERS = ("{side}", "{other_side}")
_PHONE = re.compile(r"^\(\d{3}\) \d{3}-\d{4}$")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")


class ContentError(ValueError):
    """The content file breaks a rule; the message says where."""


def _text(raw: Mapping[str, Any], key: str, where: str, *, required: bool = True) -> str | None:
    value = raw.get(key)
    if value is None:
        if required:
            raise ContentError(f"{where}: '{key}' is missing")
        return None
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{where}: '{key}' must be non-empty text")
    return " ".join(value.split())


def _step(raw: Any, where: str, two_sided: bool) -> Step:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{where}: a step must be a mapping")
    try:
        kind = StepKind(str(raw.get("kind")))
    except ValueError:
        kinds = ", ".join(k.value for k in StepKind)
        raise ContentError(f"{where}: kind must be one of {kinds}") from None
    step = Step(
        kind=kind,
        illustration=_text(raw, "illustration", where) or "",
        text=_text(raw, "text", where, required=kind is not StepKind.HOLD),
        caution=_text(raw, "caution", where, required=False),
        seconds=raw.get("seconds"),
        breaths=_text(raw, "breaths", where, required=False),
        breath_pause_seconds=raw.get("breath_pause_seconds"),
    )
    if kind is StepKind.HOLD:
        timed = isinstance(step.seconds, int) and step.seconds > 0
        if timed == (step.breaths is not None):
            raise ContentError(f"{where}: a hold needs either positive 'seconds' or 'breaths'")
        paced = isinstance(step.breath_pause_seconds, int) and step.breath_pause_seconds > 0
        if paced != (step.breaths is not None):
            raise ContentError(f"{where}: a hold in 'breaths' needs a positive 'breath_pause_seconds' (only it)")
    elif step.seconds is not None or step.breaths is not None or step.breath_pause_seconds is not None:
        raise ContentError(f"{where}: only a hold may have 'seconds' or 'breaths'")
    if not two_sided:
        for field in (step.text, step.caution, step.illustration):
            if field and any(p in field for p in _PLACEHOLDERS):
                raise ContentError(f"{where}: '{{side}}' used in a stretch without sides")
    return step


def _steps(raw: Mapping[str, Any], key: str, where: str, two_sided: bool) -> tuple[Step, ...]:
    items = raw.get(key, [])
    if not isinstance(items, list):
        raise ContentError(f"{where}: '{key}' must be a list")
    return tuple(_step(item, f"{where}.{key}[{i}]", two_sided) for i, item in enumerate(items))


def _stretch(raw: Any, where: str) -> Stretch:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{where}: a stretch must be a mapping")
    stretch_id = _text(raw, "id", where) or ""
    if not _ID.match(stretch_id):
        raise ContentError(f"{where}: id '{stretch_id}' must be snake_case")
    where = f"stretch '{stretch_id}'"
    sides = tuple(raw.get("sides") or ())
    if sides and len(sides) != 2:
        raise ContentError(f"{where}: 'sides' must name both sides or none")
    reps = raw.get("repetitions") or {}
    repetitions = Repetitions(min=reps.get("min", 0), max=reps.get("max", 0))
    if not (isinstance(repetitions.min, int) and 1 <= repetitions.min <= repetitions.max):
        raise ContentError(f"{where}: repetitions need 1 <= min <= max")
    synonyms = tuple(str(s).strip().lower() for s in raw.get("synonyms") or ())
    stretch = Stretch(
        id=stretch_id,
        name=_text(raw, "name", where) or "",
        synonyms=synonyms,
        targets=_text(raw, "targets", where) or "",
        sides=sides,
        repetitions=repetitions,
        setup=_steps(raw, "setup", where, bool(sides)),
        cycle=_steps(raw, "cycle", where, bool(sides)),
        closing=_steps(raw, "closing", where, bool(sides)),
        said_alone=tuple(str(s).strip().lower() for s in raw.get("said_alone") or ()),
    )
    if not stretch.cycle:
        raise ContentError(f"{where}: 'cycle' needs at least one step")
    if not synonyms:
        raise ContentError(f"{where}: 'synonyms' needs at least one name people use")
    return stretch


def _patterns(raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    items = raw.get(key) or []
    if not isinstance(items, list) or not all(isinstance(item, str) and item for item in items):
        raise ContentError(f"{where}: '{key}' must be a list of regular expressions")
    for item in items:
        try:
            re.compile(item)
        except re.error as error:
            raise ContentError(f"{where}: '{key}' has a broken regular expression {item!r}: {error}") from None
        if item != item.lower() or "'" in item:
            raise ContentError(f"{where}: '{key}' is matched on lower case without apostrophes: {item!r}")
    return tuple(items)


def _red_flag(raw: Any, where: str) -> RedFlag:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{where}: a red flag must be a mapping")
    flag_id = _text(raw, "id", where) or ""
    if not _ID.match(flag_id):
        raise ContentError(f"{where}: id '{flag_id}' must be snake_case")
    where = f"red flag '{flag_id}'"
    try:
        alone = Urgency(str(raw.get("alone")))
    except ValueError:
        raise ContentError(f"{where}: 'alone' must be emergency or ask") from None
    terms = _patterns(raw, "terms", where)
    if not terms:
        raise ContentError(f"{where}: 'terms' needs at least one way people say it")
    urgent_with = _patterns(raw, "urgent_with", where)
    if urgent_with and alone is Urgency.EMERGENCY:
        raise ContentError(f"{where}: 'urgent_with' only makes sense for a flag that is 'ask' alone")
    for_others = raw.get("for_others", False)
    if not isinstance(for_others, bool):
        raise ContentError(f"{where}: 'for_others' must be true or false")
    others_with = _patterns(raw, "others_with", where)
    if others_with and not for_others:
        raise ContentError(f"{where}: 'others_with' needs 'for_others: true'")
    hedges = raw.get("hedges", True)
    if not isinstance(hedges, bool):
        raise ContentError(f"{where}: 'hedges' must be true or false")
    history_counts = raw.get("history_counts", False)
    if not isinstance(history_counts, bool):
        raise ContentError(f"{where}: 'history_counts' must be true or false")
    return RedFlag(
        id=flag_id,
        source=_text(raw, "source", where) or "",
        alone=alone,
        terms=terms,
        vague_terms=_patterns(raw, "vague_terms", where),
        urgent_with=urgent_with,
        lay=_text(raw, "lay", where, required=False),
        for_others=for_others,
        others_with=others_with,
        hedges=hedges,
        kind_words=_patterns(raw, "kind_words", where),
        history_counts=history_counts,
    )


def _red_flags(raw: Any) -> tuple[RedFlag, ...]:
    if not isinstance(raw, list) or not raw:
        raise ContentError("red_flags: must be a non-empty list")
    flags = tuple(_red_flag(item, f"red_flags[{i}]") for i, item in enumerate(raw))
    ids = [flag.id for flag in flags]
    if duplicates := sorted({i for i in ids if ids.count(i) > 1}):
        raise ContentError(f"red_flags: ids used twice: {', '.join(duplicates)}")
    if not any(flag.lay for flag in flags):
        raise ContentError("red_flags: at least one flag needs a 'lay' wording for the replies")
    return flags


def _clinic(raw: Any, red_flags: tuple[RedFlag, ...]) -> Clinic:
    if not isinstance(raw, Mapping):
        raise ContentError("clinic: must be a mapping")
    fields = ("name", "area", "phone", "consult", "stop_if_it_hurts", "booking_script", "emergency")
    clinic = Clinic(**{f: _text(raw, f, "clinic") or "" for f in fields}, red_flag_list=red_flags)
    if not _PHONE.match(clinic.phone):
        raise ContentError(f"clinic: phone '{clinic.phone}' must look like (555) 123-4567")
    return clinic


def _illustrations(raw: Any) -> dict[str, str]:
    if not isinstance(raw, Mapping) or not raw:
        raise ContentError("illustrations: must map each picture name to its alt text")
    pictures = {}
    for name, alt in raw.items():
        if not _ID.match(str(name)) or not isinstance(alt, str) or not alt.strip():
            raise ContentError(f"illustrations: '{name}' needs a snake_case name and alt text")
        pictures[str(name)] = " ".join(alt.split())
    return pictures


def _check_pictures(stretches: tuple[Stretch, ...], pictures: Mapping[str, str]) -> None:
    used = {name for stretch in stretches for name in stretch_illustrations(stretch)}
    if missing := sorted(used - set(pictures)):
        raise ContentError(f"illustrations: steps use pictures with no entry: {', '.join(missing)}")
    if unused := sorted(set(pictures) - used):
        raise ContentError(f"illustrations: listed but used by no step: {', '.join(unused)}")


def stretch_illustrations(stretch: Stretch) -> set[str]:
    """Picture names the stretch's steps use, with ``{side}`` filled in for each side."""
    sides = stretch.sides or ("",)
    names = set()
    for step in stretch.steps:
        for i, side in enumerate(sides):
            other = sides[1 - i] if len(sides) == 2 else ""
            names.add(step.illustration.format(side=side, other_side=other))
    return names


def parse_content(raw: Any) -> tuple[Clinic, dict[str, str], tuple[Stretch, ...]]:
    """Validate already-parsed YAML; separate from file reading so tests can feed broken content."""
    if not isinstance(raw, Mapping):
        raise ContentError("content: top level must be a mapping")
    clinic = _clinic(raw.get("clinic"), _red_flags(raw.get("red_flags")))
    pictures = _illustrations(raw.get("illustrations"))
    items = raw.get("stretches")
    if not isinstance(items, list) or not items:
        raise ContentError("content: 'stretches' must be a non-empty list")
    stretches = tuple(_stretch(item, f"stretches[{i}]") for i, item in enumerate(items))
    seen: dict[str, str] = {}
    for stretch in stretches:
        for name in (stretch.id, *stretch.synonyms, *stretch.said_alone):
            owner = seen.setdefault(name, stretch.id)
            if owner != stretch.id:
                raise ContentError(f"name '{name}' is used by both '{owner}' and '{stretch.id}'")
    _check_pictures(stretches, pictures)
    return clinic, pictures, stretches


_NUMBER = re.compile(r"^[0-9][0-9-]*[0-9]$")


def _resource(raw: Any, where: str) -> EmergencyResource:
    if not isinstance(raw, Mapping):
        raise ContentError(f"{where}: a resource must be a mapping")
    resource_id = _text(raw, "id", where) or ""
    if not _ID.match(resource_id):
        raise ContentError(f"{where}: id '{resource_id}' must be snake_case")
    where = f"emergency resource '{resource_id}'"
    name, number, spoken, contact, source = (
        _text(raw, f, where) or "" for f in ("name", "number", "spoken", "contact", "source")
    )
    if not _NUMBER.match(number):
        raise ContentError(f"{where}: number '{number}' must be digits and dashes, as people dial it")
    if "".join(spoken.split()) != number.replace("-", ""):
        raise ContentError(f"{where}: 'spoken' must be the number's own digits, spaced as a voice reads them")
    serves = raw.get("serves")
    if serves != "all" and (
        not isinstance(serves, list) or not serves or not all(isinstance(i, str) and _ID.match(i) for i in serves)
    ):
        raise ContentError(f"{where}: 'serves' must be 'all' or a list of red-flag ids")
    return EmergencyResource(
        id=resource_id,
        name=name,
        number=number,
        spoken=spoken,
        contact=contact,
        source=source,
        serves=() if serves == "all" else tuple(serves),
        serves_all=serves == "all",
    )


def parse_emergency_resources(raw: Any) -> tuple[EmergencyResource, ...]:
    """Validate the ``emergency_resources`` list: each resource once, one of them for every emergency."""
    if not isinstance(raw, list) or not raw:
        raise ContentError("emergency_resources: must be a non-empty list")
    resources = tuple(_resource(item, f"emergency_resources[{i}]") for i, item in enumerate(raw))
    for key in ("id", "number"):
        values = [getattr(r, key) for r in resources]
        if duplicates := sorted({v for v in values if values.count(v) > 1}):
            raise ContentError(f"emergency_resources: {key}s used twice: {', '.join(duplicates)}")
    if not any(r.serves_all for r in resources):
        raise ContentError("emergency_resources: one resource must serve all emergencies (911)")
    return resources


def read_raw(path: Path = CONTENT_FILE) -> Any:
    """The content file as parsed YAML, not yet validated."""
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_content(path: Path = CONTENT_FILE) -> tuple[Clinic, dict[str, str], tuple[Stretch, ...]]:
    """Read and validate a content file."""
    return parse_content(read_raw(path))
