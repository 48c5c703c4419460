"""axe-core (from npm, pinned in package.json) run inside the page: WCAG 2.1 A and AA rules plus axe's best practices.

The script is evaluated through the browser's debugging protocol, not added as a ``<script>``, so the page's
Content-Security-Policy (scripts from its own origin only) stays as it is served.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Page

from harness.stack import ROOT

AXE = ROOT / "node_modules" / "axe-core"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
"""The rules run: WCAG 2.0 and 2.1 levels A and AA, and axe's best practices (heading order, landmarks, ...)."""


def axe_version() -> str:
    return str(json.loads((AXE / "package.json").read_text())["version"])


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.rule} ({self.impact}): {self.help} at {', '.join(self.targets[:4])}"


def settle(page: Page) -> None:
    """Waits for the widget's animations that end (a panel sliding in is half transparent: low contrast).

    Transitions are left alone: the countdown's bar starts one every 200 ms."""
    page.wait_for_function(
        "() => document.getAnimations().every(a => !(a instanceof CSSAnimation) || a.playState !== 'running'"
        " || a.effect.getComputedTiming().iterations === Infinity)",
        timeout=5_000,
    )


def axe_violations(page: Page) -> list[Violation]:
    """Every violation axe-core finds in the page as it is now (any impact)."""
    settle(page)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate((AXE / "axe.min.js").read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = page.evaluate(
        """async tags => {
            const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return result.violations.map(v => ({
                rule: v.id, impact: v.impact || '', help: v.help,
                targets: v.nodes.map(n => n.target.join(' ')),
            }));
        }""",
        TAGS,
    )
    return [Violation(v["rule"], v["impact"], v["help"], tuple(v["targets"])) for v in found]
