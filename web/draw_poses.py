"""Draws the pose pictures as small SVG files, one per illustration named in the content module.

The figures are hand-placed joint coordinates, drawn in one style: a dark figure, the body part
that moves in the clinic's accent colour, a mat for the floor. Lying poses are seen from above
(head to the left, the person's right side at the bottom), so a twist shows which knee crosses;
the other poses are seen from the side, facing right. The <title> of each file is the alt text
from ``stretch_content/content.yml``, so a screen reader and the chat say the same thing.

Run ``python -m web.draw_poses`` after changing a drawing or an alt text; a unit test checks that
the committed files are what this script draws.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from stretch_content import load_content

POSES_DIR = Path(__file__).resolve().parent / "static" / "poses"
WIDTH, HEIGHT = 320, 220
FLOOR = 200

INK = "#1f3b4d"
ACCENT = "#d9622b"
MAT = "#cfe0e6"
BACKGROUND = "#f5f9fa"
LIMB = 11
TORSO = 15
HEAD = 14

Point = tuple[float, float]


@dataclass
class Drawing:
    """The shapes of one picture, in drawing order (later shapes on top)."""

    shapes: list[str] = field(default_factory=list)

    def line(self, points: Sequence[Point], *, accent: bool = False, width: int = LIMB) -> None:
        path = " ".join(f"{x:g},{y:g}" for x, y in points)
        colour = ACCENT if accent else INK
        self.shapes.append(f'<polyline points="{path}" stroke="{colour}" stroke-width="{width}"/>')

    def curve(self, start: Point, control: Point, end: Point, *, accent: bool = False, width: int = TORSO) -> None:
        colour = ACCENT if accent else INK
        d = f"M{start[0]:g},{start[1]:g} Q{control[0]:g},{control[1]:g} {end[0]:g},{end[1]:g}"
        self.shapes.append(f'<path d="{d}" stroke="{colour}" stroke-width="{width}"/>')

    def head(self, centre: Point, *, accent: bool = False) -> None:
        colour = ACCENT if accent else INK
        self.shapes.append(f'<circle cx="{centre[0]:g}" cy="{centre[1]:g}" r="{HEAD}" fill="{colour}" stroke="none"/>')

    def arrow(self, start: Point, control: Point, end: Point) -> None:
        """A thin curved arrow showing which way the body moves."""
        d = f"M{start[0]:g},{start[1]:g} Q{control[0]:g},{control[1]:g} {end[0]:g},{end[1]:g}"
        self.shapes.append(
            f'<path d="{d}" stroke="{ACCENT}" stroke-width="3" stroke-dasharray="6 5" marker-end="url(#tip)"/>'
        )

    def floor(self) -> None:
        rect = f'x="16" y="{FLOOR}" width="{WIDTH - 32}" height="8" rx="4"'
        self.shapes.append(f'<rect {rect} fill="{MAT}" stroke="none"/>')

    def mat_from_above(self) -> None:
        rect = f'x="22" y="40" width="{WIDTH - 44}" height="140" rx="14"'
        self.shapes.append(f'<rect {rect} fill="{MAT}" stroke="none"/>')


# Lying on the back, seen from above: head left, the person's left side up, right side down.
_SHOULDERS = ((84, 82), (84, 138))
_HIPS = ((160, 96), (160, 124))


def _lying_body(d: Drawing) -> None:
    d.mat_from_above()
    d.line([_SHOULDERS[0], (122, 74), (156, 72)])  # left arm along the body
    d.line([_SHOULDERS[1], (122, 146), (156, 148)])  # right arm
    d.line([(70, 110), (160, 110)], width=34)  # trunk
    d.line([_SHOULDERS[0], _SHOULDERS[1]], width=LIMB)
    d.head((52, 110))


def lying_on_back(d: Drawing) -> None:
    _lying_body(d)
    d.line([_HIPS[0], (222, 94), (284, 92)])
    d.line([_HIPS[1], (222, 126), (284, 128)])


def _knee_twist(d: Drawing, mirror: bool) -> None:
    """Right knee (bottom leg) bent and drawn across the left side; mirrored for the left knee."""

    def m(p: Point) -> Point:
        return (p[0], 2 * 110 - p[1]) if mirror else p

    _lying_body(d)
    straight, moving = (_HIPS[1], _HIPS[0]) if mirror else (_HIPS[0], _HIPS[1])
    d.line([straight, m((222, 94)), m((284, 92))])
    d.line([moving, m((204, 50)), m((244, 86))], accent=True)  # thigh across, shin back over the left leg
    d.arrow(m((262, 150)), m((276, 96)), m((246, 50)))


def knee_twist_right(d: Drawing) -> None:
    _knee_twist(d, mirror=False)


def knee_twist_left(d: Drawing) -> None:
    _knee_twist(d, mirror=True)


# On all fours, from the side, facing right: hands under shoulders, knees under hips.
_HIP, _SHOULDER = (112, 118), (210, 118)


def _limbs_on_all_fours(d: Drawing, shoulder: Point, hip: Point) -> None:
    d.floor()
    d.line([hip, (hip[0], FLOOR - 6), (58, FLOOR - 6)])  # thigh down, shin back along the floor
    d.line([shoulder, (shoulder[0], FLOOR - 4)])  # straight arm, hand under the shoulder


def all_fours(d: Drawing) -> None:
    _limbs_on_all_fours(d, _SHOULDER, _HIP)
    d.line([_HIP, _SHOULDER], width=TORSO)
    d.line([_SHOULDER, (228, 108)], width=9)
    d.head((240, 102))


def cat(d: Drawing) -> None:
    _limbs_on_all_fours(d, _SHOULDER, _HIP)
    d.curve(_HIP, (160, 40), _SHOULDER, accent=True)  # spine curled upward
    d.line([_SHOULDER, (222, 132)], width=9)
    d.head((226, 146))  # head drawn towards the chest
    d.arrow((136, 52), (160, 30), (184, 52))


def cow(d: Drawing) -> None:
    _limbs_on_all_fours(d, _SHOULDER, _HIP)
    d.curve(_HIP, (160, 170), _SHOULDER, accent=True)  # stomach dropped
    d.line([_SHOULDER, (226, 98)], width=9)
    d.head((236, 84))  # gaze lifted
    d.arrow((244, 66), (250, 40), (266, 22))
    d.arrow((140, 124), (160, 150), (180, 124))


def arms_raised(d: Drawing) -> None:
    d.floor()
    hip, shoulder = (160, 118), (162, 70)
    d.line([(176, FLOOR - 3), (158, FLOOR - 4), (160, 158), hip])  # foot, shin, thigh
    d.line([hip, shoulder], width=TORSO)
    d.head((174, 50))
    d.line([shoulder, (154, 40), (152, 10)], accent=True)  # arm raised overhead
    d.arrow((196, 96), (206, 60), (190, 22))


def forward_fold(d: Drawing) -> None:
    d.floor()
    hip = (146, 100)
    d.line([(166, FLOOR - 3), (146, FLOOR - 4), (148, 150), hip])  # straight legs
    shoulder = (196, 138)
    d.line([hip, shoulder], width=TORSO, accent=True)  # hinged at the hips
    d.head((214, 156))
    d.line([shoulder, (194, 168), (196, FLOOR - 5)])  # hands towards the floor
    d.arrow((196, 76), (236, 86), (242, 124))


def seated_fold(d: Drawing) -> None:
    d.floor()
    hip = (70, FLOOR - 10)
    d.line([hip, (150, FLOOR - 8), (232, FLOOR - 7), (240, FLOOR - 26)])  # legs extended, toes up
    shoulder = (134, 144)
    d.line([hip, shoulder], width=TORSO, accent=True)  # bending forward from the hips
    d.head((154, 128))
    d.line([shoulder, (176, 160), (216, 172)])  # reaching along the legs
    d.arrow((96, 100), (140, 84), (176, 102))


POSES: dict[str, Callable[[Drawing], None]] = {
    f.__name__: f
    for f in (
        lying_on_back,
        knee_twist_right,
        knee_twist_left,
        all_fours,
        cat,
        cow,
        arms_raised,
        forward_fold,
        seated_fold,
    )
}


def render(name: str, alt: str) -> str:
    """The SVG document for one pose; ``alt`` becomes its <title> (its accessible name)."""
    drawing = Drawing()
    POSES[name](drawing)
    body = "\n    ".join(drawing.shapes)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}" '
        f'role="img" aria-labelledby="title">\n'
        f'  <title id="title">{escape(alt)}</title>\n'
        f"  <defs>\n"
        f'    <marker id="tip" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="4" markerHeight="4" orient="auto">'
        f'<path d="M0,0 L10,5 L0,10 z" fill="{ACCENT}"/></marker>\n'
        f"  </defs>\n"
        f'  <rect width="{WIDTH}" height="{HEIGHT}" rx="16" fill="{BACKGROUND}"/>\n'
        f'  <g fill="none" stroke-linecap="round" stroke-linejoin="round">\n'
        f"    {body}\n"
        f"  </g>\n"
        f"</svg>\n"
    )


def render_all() -> dict[str, str]:
    """File name → SVG text for every illustration the content module lists."""
    illustrations = load_content().illustrations
    missing = sorted(set(illustrations) - set(POSES))
    if missing:
        raise SystemExit(f"no drawing for: {', '.join(missing)}")
    return {f"{name}.svg": render(name, alt) for name, alt in illustrations.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=POSES_DIR)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    for file_name, svg in render_all().items():
        (out / file_name).write_text(svg, encoding="utf-8")
        print(out / file_name)


if __name__ == "__main__":
    main()
