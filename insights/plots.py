"""The report's pictures, drawn by matplotlib (already pinned for Rasa) as PNG data for an <img> tag.

Every bar is a count as the tables show it (``insights.suppress.Protected.bar``): a hidden count is given as
its mark ("<5", or "*" for a count hidden so that a "<5" cannot be worked out), drawn as no bar and labelled
with the mark, so a picture never shows what a table hides. A bare number 1-4 is drawn as "<5" as well.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from insights.suppress import HIDDEN, THRESHOLD, small

COLOURS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#718096", "#c53030")
Bar = int | str
"""A bar's height, or the mark written where a hidden count's bar would be."""


def height(value: Bar) -> int:
    return 0 if isinstance(value, str) or small(value) else value


def mark(value: Bar) -> str | None:
    if isinstance(value, str):
        return value
    return HIDDEN if small(value) else None


def png(figure: Figure) -> str:
    """The figure as a ``data:`` URI (base64 PNG), closed after."""
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=96)
    plt.close(figure)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def figure(width: float = 8.0, height: float = 3.6) -> tuple[Figure, Axes]:
    fig, ax = plt.subplots(figsize=(width, height))
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def bars(ax: Axes, labels: Sequence[str], series: dict[str, Sequence[Bar]], *, horizontal: bool = False) -> None:
    """Grouped bars, one group per label, one bar per series; hidden counts labelled with their mark instead."""
    count = max(1, len(series))
    width = 0.8 / count
    for n, (name, values) in enumerate(series.items()):
        positions = [i - 0.4 + width * (n + 0.5) for i in range(len(labels))]
        heights = [height(v) for v in values]
        colour = COLOURS[n % len(COLOURS)]
        (ax.barh if horizontal else ax.bar)(positions, heights, width * 0.95, label=name, color=colour)
        for position, value in zip(positions, values, strict=True):
            if (text := mark(value)) is not None:
                if horizontal:
                    ax.text(0.1, position, text, va="center", fontsize=8, color=colour)
                else:
                    ax.text(position, 0.1, text, ha="center", va="bottom", fontsize=8, color=colour)
    top = max([THRESHOLD, *(height(v) for values in series.values() for v in values)]) * 1.12
    (ax.set_xlim if horizontal else ax.set_ylim)(0, top)
    ticks = list(range(len(labels)))
    if horizontal:
        ax.set_yticks(ticks, labels)
        ax.invert_yaxis()
    else:
        ax.set_xticks(ticks, labels, rotation=30 if len(labels) > 6 else 0, ha="right" if len(labels) > 6 else "center")
    if len(series) > 1:
        ax.legend(frameon=False, fontsize=8)


def bar_chart(
    title: str, labels: Sequence[str], series: dict[str, Sequence[Bar]], *, horizontal: bool = False, ylabel: str = ""
) -> str:
    height = max(2.6, 0.45 * len(labels) + 1.2) if horizontal else 3.6
    fig, ax = figure(8.0, height)
    if labels:
        bars(ax, labels, series, horizontal=horizontal)
    else:
        ax.text(0.5, 0.5, "nothing in this period", ha="center", va="center", transform=ax.transAxes)
        ax.set_xticks([])
        ax.set_yticks([])
    ax.set_title(title, fontsize=11, loc="left")
    if ylabel:
        (ax.set_xlabel if horizontal else ax.set_ylabel)(ylabel)
    return png(fig)


def line_chart(
    title: str, xs: Sequence[float], ys: Sequence[float], *, xlabel: str, ylabel: str, ylim: tuple[float, float]
) -> str:
    fig, ax = figure()
    if xs:
        ax.plot(xs, ys, marker="o", color=COLOURS[0])
        ax.set_xticks(list(xs))
    else:
        ax.text(
            0.5, 0.5, "too few people to show (fewer than 5 a week)", ha="center", va="center", transform=ax.transAxes
        )
    ax.set_ylim(*ylim)
    ax.set_title(title, fontsize=11, loc="left")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    return png(fig)
