"""Small counts are never shown, nor worked out: the report's primary and complementary suppression.

**Primary suppression.** A count of 1 to 4 people or turns is shown as "<5" (0 reveals no one and is shown).

**Complementary (secondary) suppression**, the rule statistics offices apply to health tables: when a
row of parts is shown with its total, a single hidden part is the total minus the others. So wherever
counts are linked (``Constraint``: a row or column and its total, two breakdowns of the same count, what
a shown mean says about the counts it was made from), ``protect`` works out what a reader can deduce
from everything shown, and while any hidden count comes out as one number it hides the smallest other
count that is not 0 in a row that pins it (a part, or the total when no part is left), shown as "*";
when none is left it hides the shown statistic (a mean), and when even that is not enough (a row of
"<5"s, each at least 1, adding up to a "<5" total) it shows the row's 0s as "<5" too, so a "<5" there
may be 0.

What a reader is assumed to know (``reader_ranges``): a shown count exactly; a "<5" is 1 to 4 (0 to 4 in
a row whose 0s are hidden); a "*" is 5 or more (it was shown before, so it was neither 0 nor 1-4); every
constraint of the report holds. From these, bounds are narrowed constraint by constraint until nothing
changes (interval propagation on integers): exact for one row and its total, and for totals of totals.
A row that does not add up for the period (a question asked before the period and answered in it) is
left out: subtracting there gives a wrong number.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

THRESHOLD = 5
"""Counts below this (but above 0) are suppressed."""
HIDDEN = "<5"
"""How a count of 1-4 is shown (primary suppression)."""
COMPLEMENT = "*"
"""How a count hidden so that a "<5" cannot be worked out is shown (complementary suppression)."""
Range = tuple[float, float]
"""What a reader can tell of a count: from, to (inclusive; ``math.inf`` for no upper bound)."""
_SLACK = 1e-9


def small(count: int) -> bool:
    """Whether ``count`` must not be shown (1-4; 0 reveals no one and is shown)."""
    return 0 < count < THRESHOLD


def shown(count: int) -> str:
    """A count as the report prints it, on its own (``Protected.text`` for a count in a table)."""
    return HIDDEN if small(count) else str(count)


def share(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage, hidden when either count is small (it would reveal the part)."""
    if small(part) or small(whole):
        return HIDDEN
    return percent(part, whole)


def percent(part: int, whole: int) -> str:
    """``part`` of ``whole`` as a percentage with one decimal (a dash of nothing), without suppression."""
    if whole == 0:
        return "–"
    return f"{100 * part / whole:.1f}%"


@dataclass(frozen=True)
class Constraint:
    """What a reader knows links counts: ``low <= sum(weight * count) <= high``.

    ``statistic``: the key of the shown figure this comes from (a mean), when it is one; hiding that figure
    removes the constraint. A row of parts and its total is ``adds_up``; a mean is ``mean_of``."""

    terms: tuple[tuple[str, float], ...]
    low: float = 0.0
    high: float = 0.0
    statistic: str | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.terms)

    def holds(self, values: Mapping[str, int]) -> bool:
        """Whether the true counts satisfy it (only such constraints are used)."""
        total = sum(weight * values[key] for key, weight in self.terms)
        return self.low - _SLACK <= total <= self.high + _SLACK


def adds_up(total: str, parts: Iterable[str]) -> Constraint:
    """The count ``total`` is the sum of the counts ``parts`` (one part: the two counts are equal)."""
    return Constraint(((total, -1.0), *((part, 1.0) for part in parts)))


def same_sum(left: Iterable[str], right: Iterable[str]) -> Constraint:
    """Two breakdowns of one count that is not itself shown (fallbacks by action and by kind)."""
    return Constraint((*((key, 1.0) for key in left), *((key, -1.0) for key in right)))


def mean_of(statistic: str, counts: Mapping[str, float], of: int, mean: float, decimals: int = 1) -> Constraint:
    """A mean shown with ``decimals`` decimals, of ``of`` values: ``counts`` maps the key of the count of
    each value to that value (score 7 → the count of sessions scored 7), so ``sum(value * count)`` lies
    within half a last digit of ``mean * of``."""
    half = 0.5 * 10**-decimals
    terms = tuple((key, float(value)) for key, value in counts.items() if value)
    return Constraint(terms, (mean - half) * of, (mean + half) * of, statistic)


@dataclass(frozen=True)
class Protected:
    """The report's counts with what must be hidden: read every shown count and share through it."""

    values: Mapping[str, int]
    primary: frozenset[str] = frozenset()
    """Counts 1-4, and the 0s of rows whose 0s are hidden: shown as "<5"."""
    complement: frozenset[str] = frozenset()
    """Counts hidden so that no "<5" can be worked out: shown as "*"."""
    statistics: frozenset[str] = frozenset()
    """Shown figures (means) hidden for the same reason."""
    open_zero_rows: tuple[Constraint, ...] = field(default=())
    """The constraints whose 0s are shown as "<5"."""

    def hidden(self, key: str) -> bool:
        self.values[key]  # a key the report never declared is an error, not a shown count
        return key in self.primary or key in self.complement

    def text(self, key: str) -> str:
        """The count as the report prints it: the number, "<5" or "*"."""
        value = self.values[key]
        if key in self.primary:
            return HIDDEN
        if key in self.complement:
            return COMPLEMENT
        return str(value)

    def bar(self, key: str) -> int | str:
        """A bar's height, or the mark a plot writes instead of drawing it."""
        return self.text(key) if self.hidden(key) else self.values[key]

    def share(self, part: str, whole: str) -> str:
        """``part`` of ``whole`` as a percentage, hidden ("<5" or "*") when either count is hidden."""
        for key in (part, whole):
            if self.hidden(key):
                return self.text(key)
        return percent(self.values[part], self.values[whole])

    def statistic_hidden(self, key: str) -> bool:
        return key in self.statistics


def reader_ranges(
    values: Mapping[str, int],
    primary: Iterable[str],
    complement: Iterable[str],
    constraints: Sequence[Constraint],
    zeros_hidden: Iterable[str] = (),
) -> dict[str, Range]:
    """What a reader can work out of every hidden count (the keys of ``primary`` and ``complement``).

    ``zeros_hidden``: keys shown as "<5" in a row whose 0s are hidden, so that "<5" can be 0 there."""
    ranges: dict[str, Range] = {key: (float(value), float(value)) for key, value in values.items()}
    for key in primary:
        ranges[key] = (1.0, THRESHOLD - 1.0)
    for key in zeros_hidden:
        ranges[key] = (0.0, THRESHOLD - 1.0)
    for key in complement:
        ranges[key] = (float(THRESHOLD), math.inf)
    hidden = set(primary) | set(complement) | set(zeros_hidden)
    changed = True
    rounds = 0
    while changed and rounds < 1000:
        changed = False
        rounds += 1
        for constraint in constraints:
            for key, bounds in narrowed(constraint, ranges).items():
                if bounds != ranges[key]:
                    ranges[key] = bounds
                    changed = True
    return {key: ranges[key] for key in hidden}


ENUMERATE = 20_000
"""A constraint whose open counts have at most this many combinations is also tried combination by
combination, which finds what whole numbers alone allow (a mean of 5.8 from 10 scores of 5 and 9)."""


def narrowed(constraint: Constraint, ranges: Mapping[str, Range]) -> dict[str, Range]:
    """Each count's range as ``constraint`` and the others' ranges allow (whole numbers)."""
    out = bounded(constraint, ranges)
    open_keys = [key for key in dict.fromkeys(constraint.keys) if out[key][0] < out[key][1]]
    sizes = [out[key][1] - out[key][0] + 1 for key in open_keys]
    if not open_keys or math.inf in sizes or math.prod(sizes) > ENUMERATE:
        return out
    weights = dict.fromkeys(constraint.keys, 0.0)
    for key, weight in constraint.terms:
        weights[key] += weight
    fixed = sum(weights[key] * out[key][0] for key in weights if key not in open_keys)
    seen: dict[str, set[int]] = {key: set() for key in open_keys}
    choices = [range(int(out[key][0]), int(out[key][1]) + 1) for key in open_keys]
    for combination in itertools.product(*choices):
        total = fixed + sum(weights[key] * value for key, value in zip(open_keys, combination, strict=True))
        if constraint.low - _SLACK <= total <= constraint.high + _SLACK:
            for key, value in zip(open_keys, combination, strict=True):
                seen[key].add(value)
    for key, values in seen.items():
        if not values:  # the true counts satisfy every constraint used, so this cannot happen
            raise ValueError(f"constraint contradicts the counts at {key}: {constraint}")
        out[key] = (float(min(values)), float(max(values)))
    return out


def bounded(constraint: Constraint, ranges: Mapping[str, Range]) -> dict[str, Range]:
    """Each count's range from the sums of the others' bounds."""
    spans = []
    for key, weight in constraint.terms:
        low, high = ranges[key]
        spans.append((weight * low, weight * high) if weight > 0 else (weight * high, weight * low))
    low_finite = sum(lo for lo, _ in spans if lo != -math.inf)
    low_infinite = sum(1 for lo, _ in spans if lo == -math.inf)
    high_finite = sum(hi for _, hi in spans if hi != math.inf)
    high_infinite = sum(1 for _, hi in spans if hi == math.inf)
    out: dict[str, Range] = {}
    for (key, weight), (lo, hi) in zip(constraint.terms, spans, strict=True):
        others_low = -math.inf if low_infinite - (lo == -math.inf) else low_finite - (lo if lo != -math.inf else 0)
        others_high = math.inf if high_infinite - (hi == math.inf) else high_finite - (hi if hi != math.inf else 0)
        # low <= weight * x + others <= high
        term_low, term_high = constraint.low - others_high, constraint.high - others_low
        x_low, x_high = (
            (term_low / weight, term_high / weight) if weight > 0 else (term_high / weight, term_low / weight)
        )
        own_low, own_high = ranges[key]
        new_low = max(own_low, math.ceil(x_low - _SLACK) if x_low != -math.inf else own_low)
        new_high = min(own_high, math.floor(x_high + _SLACK) if x_high != math.inf else own_high)
        if new_low > new_high:  # the true counts satisfy every constraint used, so this cannot happen
            raise ValueError(f"constraint contradicts the counts at {key}: {constraint}")
        out[key] = (float(new_low), float(new_high))
    return out


def exposed(ranges: Mapping[str, Range]) -> list[str]:
    """The hidden counts a reader can work out exactly."""
    return sorted(key for key, (low, high) in ranges.items() if low == high)


def protect(values: Mapping[str, int], constraints: Iterable[Constraint]) -> Protected:
    """Which counts and statistics to hide so that no hidden count can be worked out from what is shown.

    Counts 1-4 are hidden ("<5"). Then, while a reader could work out a hidden count, the smallest count
    above 0 still shown in a constraint that holds it is hidden ("*"); with none left, a statistic of such a
    constraint; with none left either, the 0s of its constraints become "<5" (a "<5" there may be 0)."""
    linked = [c for c in constraints if c.terms and all(weight for _, weight in c.terms) and c.holds(values)]
    for constraint in linked:
        for key in constraint.keys:
            values[key]  # every key named must be a count
    primary = {key for key, value in values.items() if small(value)}
    complement: set[str] = set()
    statistics: set[str] = set()
    open_rows: list[Constraint] = []
    zeros: set[str] = set()
    while True:
        active = [c for c in linked if c.statistic not in statistics]
        wide = {key for c in open_rows for key in c.keys if key in primary or key in zeros}
        ranges = reader_ranges(values, primary - wide, complement, active, wide)
        found = exposed(ranges)
        if not found:
            break
        holding = [c for c in active if any(key in found for key in c.keys)]
        candidates = sorted(
            (values[k], k)
            for c in holding
            for k in c.keys
            if values[k] > 0 and k not in primary and k not in complement
        )
        if candidates:
            complement.add(candidates[0][1])
            continue
        with_statistic = [c for c in holding if c.statistic is not None]
        if with_statistic:
            statistics.add(str(with_statistic[0].statistic))
            continue
        fresh = [c for c in holding if c not in open_rows]
        if not fresh:  # cannot happen: with every 0 open, each "<5" of the row ranges over 0-4
            raise ValueError(f"cannot protect {', '.join(found)}")
        open_rows.extend(fresh)
        zeros |= {k for c in fresh for k in c.keys if values[k] == 0}
    return Protected(
        values=dict(values),
        primary=frozenset(primary | zeros),
        complement=frozenset(complement),
        statistics=frozenset(statistics),
        open_zero_rows=tuple(open_rows),
    )
