"""Small counts are never shown: a count of 1 to 4 people or turns is "<5", so no one is recognisable."""

from __future__ import annotations

THRESHOLD = 5
"""Counts below this (but above 0) are suppressed."""
HIDDEN = "<5"


def small(count: int) -> bool:
    """Whether ``count`` must not be shown (1-4; 0 reveals no one and is shown)."""
    return 0 < count < THRESHOLD


def shown(count: int) -> str:
    """A count as the report prints it."""
    return HIDDEN if small(count) else str(count)


def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage, hidden when either count is small (it would reveal the part)."""
    if small(part) or small(whole):
        return HIDDEN
    if whole == 0:
        return "–"
    return f"{100 * part / whole:.1f}%"


def plotted(count: int) -> int:
    """The height a bar may have: 0 for a suppressed count (the plot labels it "<5" instead)."""
    return 0 if small(count) else count
