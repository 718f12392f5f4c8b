"""The leaflets' pictograms as inline SVG, drawn by the very code that draws them in the PDF.

`render/pictograms.py` draws each icon on a ReportLab canvas.  Here that canvas is a real one,
and the PDF drawing operators it writes for the icon (paths, fills, strokes, transforms and
colours: a small, fixed set) are translated one for one into SVG paths, so the web page shows
exactly the printed shapes.  Ink is drawn in `currentColor` and the paper knock-outs carry a
class (`k` for fills, `ks` for strokes) that the page colours as its background: the icons
follow the page into dark mode.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import cache

from hrleaflet.render.decimals import hundredths

_INK = (0.0, 0.0, 0.0)
_PAPER = (1.0, 1.0, 1.0)
_GRID = 100.0  # draw_pictogram's design grid; the SVG's viewBox
_PATH_OPS = {"m", "l", "c", "h", "re"}
_PAINT_OPS = {"f", "f*", "S", "B", "B*", "n"}

Matrix = tuple[float, float, float, float, float, float]


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m applied first, then n (PDF's `cm` order)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


@dataclass
class _State:
    ctm: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    fill: tuple[float, ...] = _INK
    stroke: tuple[float, ...] = _INK
    width: float = 1.0
    cap: int = 0
    join: int = 0

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.width, self.cap, self.join)


@dataclass
class _Translator:
    """Reads a content stream's operators and writes one SVG <path> per painted path."""

    state: _State = field(default_factory=_State)
    saved: list[_State] = field(default_factory=list)
    path: list[str] = field(default_factory=list)
    out: list[str] = field(default_factory=list)

    def point(self, x: float, y: float) -> str:
        a, b, c, d, e, f = self.state.ctm
        # PDF's y axis points up, SVG's down.
        return f"{hundredths(a * x + c * y + e)} {hundredths(_GRID - (b * x + d * y + f))}"

    def operator(self, op: str, args: list[float]) -> None:
        state = self.state
        if op == "q":
            self.saved.append(state.copy())
        elif op == "Q":
            self.state = self.saved.pop()
        elif op == "cm":
            a, b, c, d, e, f = args
            state.ctm = _times((a, b, c, d, e, f), state.ctm)
        elif op == "rg":
            state.fill = tuple(args)
        elif op == "RG":
            state.stroke = tuple(args)
        elif op == "w":
            state.width = args[0]
        elif op == "J":
            state.cap = int(args[0])
        elif op == "j":
            state.join = int(args[0])
        elif op in _PATH_OPS:
            self.segment(op, args)
        elif op in _PAINT_OPS:
            self.paint(op)
        else:  # a new operator in pictograms.py must be taught here, not silently dropped
            raise ValueError(f"pictogram SVG: PDF operator {op!r} is not translated")

    def segment(self, op: str, args: list[float]) -> None:
        if op == "m":
            self.path.append("M" + self.point(*args))
        elif op == "l":
            self.path.append("L" + self.point(*args))
        elif op == "c":
            self.path.append("C" + " ".join(self.point(*args[i : i + 2]) for i in (0, 2, 4)))
        elif op == "h":
            self.path.append("Z")
        else:  # re: x y w h
            x, y, w, h = args
            corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)]
            self.path.append("M" + "L".join(self.point(*p) for p in corners) + "Z")

    def paint(self, op: str) -> None:
        path, self.path = self.path, []
        if op == "n" or not path:
            return
        attributes = [f'd="{"".join(path)}"']
        fills = op in ("f", "f*", "B", "B*")
        strokes = op in ("S", "B", "B*")
        if fills:
            attributes.append(self.colour("fill", self.state.fill, "k"))
            if op.endswith("*"):
                attributes.append('fill-rule="evenodd"')
        else:
            attributes.append('fill="none"')
        if strokes:
            a, b, c, d, _, _ = self.state.ctm
            scale = math.sqrt(abs(a * d - b * c))  # pictograms only turn and scale evenly
            attributes.append(self.colour("stroke", self.state.stroke, "ks"))
            attributes.append(f'stroke-width="{hundredths(self.state.width * scale)}"')
            attributes.append(f'stroke-linecap="{("butt", "round", "square")[self.state.cap]}"')
            attributes.append(f'stroke-linejoin="{("miter", "round", "bevel")[self.state.join]}"')
        self.out.append(f"<path {' '.join(attributes)}/>")

    def colour(self, attribute: str, rgb: tuple[float, ...], knock_class: str) -> str:
        if rgb == _INK:
            return f'{attribute}="currentColor"'
        if rgb == _PAPER:  # white until the page's style gives it the background's colour
            return f'{attribute}="#fff" class="{knock_class}"'
        raise ValueError(f"pictogram SVG: a colour {rgb} that is neither ink nor paper")


def _operators(content: str) -> list[tuple[str, list[float]]]:
    found: list[tuple[str, list[float]]] = []
    args: list[float] = []
    for token in content.split():
        try:
            args.append(float(token))
        except ValueError:
            found.append((token, args))
            args = []
    return found


@cache
def pictogram_paths(name: str) -> str:
    """The SVG paths of pictogram `name` on a 100 x 100 view box (y pointing down)."""
    from reportlab.pdfgen.canvas import Canvas

    from hrleaflet.render.pictograms import draw_pictogram

    canvas = Canvas(io.BytesIO(), pageCompression=0, invariant=1)
    draw_pictogram(canvas, name, 0, 0, _GRID, _INK, _PAPER)
    translator = _Translator()
    for op, args in _operators(canvas.getCurrentPageContent()):
        translator.operator(op, args)
    return "".join(translator.out)


def pictogram_svg(name: str, size_class: str = "icon") -> str:
    """Pictogram `name` as an inline <svg>, hidden from screen readers: it stands beside the
    tip's headline, which says the same in words (a second reading would only repeat it)."""
    return (
        f'<svg class="{size_class}" viewBox="0 0 100 100" aria-hidden="true" focusable="false">'
        f"{pictogram_paths(name)}</svg>"
    )
