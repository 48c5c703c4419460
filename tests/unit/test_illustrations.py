"""Every step's picture exists as a legible SVG with its alt text, and every SVG is a picture some step uses."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from stretch_content import load_content
from stretch_content.loader import stretch_illustrations
from web.draw_poses import POSES_DIR, render_all

SVG = "{http://www.w3.org/2000/svg}"
CONTENT = load_content()
USED = sorted({name for stretch in CONTENT.stretches for name in stretch_illustrations(stretch)})
FILES = sorted(POSES_DIR.glob("*.svg"))


def test_every_step_picture_has_an_svg_file() -> None:
    missing = [name for name in USED if not (POSES_DIR / f"{name}.svg").is_file()]
    assert not missing, f"steps name pictures with no file in {POSES_DIR}: {missing}"


def test_every_svg_file_is_used_by_a_step() -> None:
    unused = [path.name for path in FILES if path.stem not in USED]
    assert not unused, f"pictures no step uses: {unused}"


def test_every_listed_illustration_is_used() -> None:
    assert sorted(CONTENT.illustrations) == USED


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_svg_is_well_formed_with_the_alt_text_as_title(path: Path) -> None:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("viewBox"), "a viewBox lets the widget scale the picture"
    title = root.find(f"{SVG}title")
    assert title is not None, "the <title> is the picture's accessible name"
    assert title.text == CONTENT.illustrations[path.stem]
    assert root.get("aria-labelledby") == title.get("id")


def test_committed_svgs_are_what_the_script_draws() -> None:
    """Changing an alt text or a drawing without re-running web/draw_poses.py fails here."""
    drawn = render_all()
    committed = {path.name: path.read_text(encoding="utf-8") for path in FILES}
    assert committed == drawn, "run `python -m web.draw_poses` and commit web/static/poses/"
