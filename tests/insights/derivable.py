"""A reader's check of a report, written apart from ``insights.suppress``: can any hidden count be worked out?

For every row of parts shown with its total in the HTML (by ``data-key``), every value a hidden count
could take is tried: a "<5" is 1 to 4, a "*" is 5 or more (up to the total, or 100 when it is hidden too).
A hidden count is derived when only one value fits. This tries each row on its own, combination by
combination, where ``insights.suppress`` narrows bounds over all its constraints at once, so the two
check each other.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping

from insights.counts import CHANNELS, OTHER_CHANNEL

CAP = 100
"""The largest value tried for a hidden total (the reports tested here count far fewer)."""
Row = tuple[str, list[str]]
"""The key of a total and the keys of its parts."""


def report_rows(keys: Mapping[str, str]) -> list[Row]:
    """The rows of parts and totals the report's HTML shows, from the keys present."""
    rows: list[Row] = []
    channels = [c for c in (*CHANNELS, OTHER_CHANNEL) if f"conversations.{c}" in keys]
    rows.append(("conversations.total", [f"conversations.{c}" for c in channels]))
    for c in channels:
        for what in ("conversations", "sessions"):
            weekly = sorted(k for k in keys if re.fullmatch(rf"week\.[0-9-]+\.{what}\.{c}", k))
            rows.append((f"{what}.{c}", weekly))
    for key in keys:
        if stretch := re.fullmatch(r"started\.(\w+)", key):
            rows.append((key, sorted(k for k in keys if k.startswith(f"ends.{stretch[1]}."))))
        if action := re.fullmatch(r"fallback\.(action_\w+)", key):
            rows.append((key, sorted(k for k in keys if k.startswith(f"fallback_intent.{action[1]}."))))
    for question in ("screens", "red_flag"):
        rows.append((f"{question}.asked", [f"{question}.{a}" for a in ("yes", "no", "unanswered")]))
    stops = sorted(k for k in keys if k.startswith("pain_stops.") and k != "pain_stops.total")
    rows.append(("pain_stops.total", stops))
    if "fallback_kind.not_understood" in keys:
        rows.append(("fallback_kind.not_understood", sorted(k for k in keys if k.startswith("not_understood."))))
    return [(total, parts) for total, parts in rows if total in keys and parts]


def choices(text: str, cap: int) -> range:
    if text == "<5":
        return range(1, 5)
    if text == "*":
        return range(5, cap + 1)
    return range(int(text), int(text) + 1)


def derived(keys: Mapping[str, str], rows: list[Row]) -> list[str]:
    """Each hidden count that a row pins to one value, as ``key = value``."""
    found = []
    for total, parts in rows:
        cells = [total, *parts]
        if not any(keys[c] in ("<5", "*") for c in cells):
            continue
        cap = int(keys[total]) if keys[total] not in ("<5", "*") else CAP
        fits: dict[str, set[int]] = {c: set() for c in cells}
        ranges = [choices(keys[c], cap) for c in parts]
        assert math.prod(len(r) for r in ranges) <= 5_000_000, f"too many combinations to try for {total}"
        for values in itertools.product(*ranges):
            whole = sum(values)
            if whole in choices(keys[total], CAP):
                fits[total].add(whole)
                for c, v in zip(parts, values, strict=True):
                    fits[c].add(v)
        found += [f"{c} = {next(iter(v))}" for c, v in fits.items() if keys[c] in ("<5", "*") and len(v) == 1]
    return found
