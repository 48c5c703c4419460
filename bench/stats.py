"""One way to summarise timings, so every benchmark prints the same columns."""

from __future__ import annotations

import statistics


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))]


def summary(name: str, values_ms: list[float], fraction: float = 0.95) -> str:
    """ "name  n=…  median … ms  p95 … ms  max … ms" for a list of milliseconds."""
    label = f"p{round(fraction * 100)}"
    return (
        f"{name:<34} n={len(values_ms):<4} median {statistics.median(values_ms):8.1f} ms  "
        f"{label} {percentile(values_ms, fraction):8.1f} ms  max {max(values_ms):8.1f} ms"
    )
