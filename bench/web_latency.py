"""The clinic page in Chromium against the real servers: how long the page takes to load, and how long
from pressing Enter on a typed message to the bot's reply appearing in the widget.

Both are measured inside the browser (the Enter key's event time and a MutationObserver on the
messages), with the widget's typing delay set to 0 so the numbers are transport + Rasa + actions +
rendering; the widget's default typing delay (30 ms a character, 800-3000 ms) comes on top in real use.
A benchmark, not a test: it prints numbers and asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from bench.stats import summary
from harness.web_stack import free_port, launch, new_context, page_server, web_stack
from harness.widget import Widget

# Records, in the page, when Enter is pressed in the message box and when each bot message appears.
PROBE = """() => {
  window.__bench = {sent: [], shown: []};
  document.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.target.classList.contains("rw-new-message")) window.__bench.sent.push(e.timeStamp);
  }, true);
  // The coach's cards are moved into a fresh element at every update of the list: count a bubble once.
  const seen = new WeakSet();
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      const bubbles = n.matches(".rw-response") ? [n] : [...n.querySelectorAll(".rw-response")];
      if (bubbles.some((b) => !seen.has(b))) window.__bench.shown.push(performance.now());
      bubbles.forEach((b) => seen.add(b));
    }
  }).observe(document.body, {childList: true, subtree: true});
}"""


def page_load(page: Page, url: str) -> tuple[float, float]:
    """Navigation to the load event, and to the widget's launcher (shown once the socket session is confirmed)."""
    page.goto(url)
    load = page.evaluate("() => performance.getEntriesByType('navigation')[0].loadEventEnd")
    Widget(page).launcher.wait_for(timeout=30_000)
    ready = page.evaluate("() => performance.now()")
    return float(load), float(ready)


def typed_reply(page: Page, widget: Widget, text: str) -> float:
    """Enter pressed → first bot message of the reply in the DOM, in ms."""
    before = page.evaluate("() => window.__bench.shown.length")
    widget.type(text)
    page.wait_for_function(f"() => window.__bench.shown.length > {before}", timeout=30_000)
    sent, shown = page.evaluate(f"() => [window.__bench.sent.at(-1), window.__bench.shown[{before}]]")
    return float(shown) - float(sent)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10, help="fresh visitors loading the page")
    parser.add_argument("--nexts", type=int, default=15, help='"next" messages typed during a routine')
    args = parser.parse_args()
    page_port = free_port()
    with tempfile.TemporaryDirectory() as workdir:
        stack = web_stack(Path(workdir), page_port)
        started = time.perf_counter()
        stack.start()
        print(f"servers ready in {time.perf_counter() - started:.1f} s")
        try:
            with page_server(stack.url, port=page_port, message_delay_ms=0) as server, sync_playwright() as pw:
                browser = launch(pw)
                loads, readies, replies = [], [], []
                for _ in range(args.loads):
                    context = new_context(browser)
                    load, ready = page_load(context.new_page(), server.url)
                    loads.append(load)
                    readies.append(ready)
                    context.close()
                context = new_context(browser)
                page = context.new_page()
                page.goto(server.url)
                page.evaluate(PROBE)
                widget = Widget(page)
                widget.open()
                widget.bot_says("not a substitute")
                script = (
                    ["guide me through cat cow", "no"] + ["next"] * args.nexts + ["how do I book?", "what can you do"]
                )
                for text in script:
                    replies.append(typed_reply(page, widget, text))
                    page.wait_for_timeout(150)  # let the rest of a multi-message reply arrive
                context.close()
                browser.close()
        finally:
            stack.stop()
    print(summary("page load (navigation → load)", loads, 0.9))
    print(summary("widget ready (→ session confirmed)", readies, 0.9))
    print(summary("typed message → reply shown", replies, 0.9))


if __name__ == "__main__":
    main()
