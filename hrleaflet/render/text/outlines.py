"""Glyphs that carry no text, drawn as outline paths instead of with a code.

A glyph that stands for no character of its own (the second part of a split vowel,
a mark or piece of a cluster, Noto Sans Arabic's separate dots) has nothing to put
in the ToUnicode map; with an empty entry pdf.js, pdfium and MuPDF give the raw code
as a character (pdf.js `Font._charToGlyph`: `this.toUnicode.get(charcode) || charcode`),
and any character we put there instead is read by some reader into the word.  Drawn
as a path outside the text object it has no code at all: no reader can read anything
from it.  Each such glyph becomes a Form XObject in font units, defined once per
document and placed with `<scale> 0 0 <scale> x y cm /Name Do`; it has no colour
of its own, so it is filled with the line's colour.  Forms in font units (whole ones) and
placed by relative moves keep the cost to a few bytes a glyph.
"""

from __future__ import annotations

import itertools
from functools import cache
from pathlib import Path
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render.decimals import hundredths


def _num(value: float) -> str:
    return str(round(value))  # whole font units (a thousandth of an em, or finer) are enough


def _path_pen(glyph_set: Any) -> Any:
    """A pen that writes PDF path operators (font units); quadratic curves become cubic ones."""
    from fontTools.pens.basePen import BasePen

    class PathPen(BasePen):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__(glyph_set)
            self.ops: list[str] = []

        def _moveTo(self, pt: tuple[float, float]) -> None:
            self.ops.append(f"{_num(pt[0])} {_num(pt[1])} m")

        def _lineTo(self, pt: tuple[float, float]) -> None:
            self.ops.append(f"{_num(pt[0])} {_num(pt[1])} l")

        def _curveToOne(
            self, pt1: tuple[float, float], pt2: tuple[float, float], pt3: tuple[float, float]
        ) -> None:
            self.ops.append(" ".join(_num(v) for v in (*pt1, *pt2, *pt3)) + " c")

        def _closePath(self) -> None:
            self.ops.append("h")

    return PathPen()


@cache
def _glyph_set(path: Path) -> tuple[Any, list[str]]:
    from fontTools.ttLib import TTFont  # only when a leaflet has such glyphs

    font = TTFont(str(path), lazy=True)  # the default instance: what ReportLab embeds
    return font.getGlyphSet(), font.getGlyphOrder()


@cache
def outline(path: Path, gid: int) -> tuple[str, tuple[int, int, int, int]] | None:
    """A glyph's path operators and bounding box in font units; None if it draws nothing."""
    from fontTools.pens.boundsPen import BoundsPen

    glyph_set, order = _glyph_set(path)
    glyph = glyph_set[order[gid]]
    pen = _path_pen(glyph_set)
    glyph.draw(pen)
    bounds = BoundsPen(glyph_set)
    glyph.draw(bounds)
    if not pen.ops or bounds.bounds is None:
        return None
    x0, y0, x1, y1 = bounds.bounds
    box = (int(x0) - 1, int(y0) - 1, int(x1) + 1, int(y1) + 1)
    return "\n".join([*pen.ops, "f"]), box


class _GlyphForm(pdfdoc.PDFObject):  # type: ignore[misc]
    """A Form XObject with only what a bare path needs (no Type, Resources or Matrix): a few
    dozen bytes less each than ReportLab's own."""

    def __init__(self, ops: str, box: tuple[int, int, int, int], compress: bool) -> None:
        self.ops = ops
        self.box = box
        self.compress = compress

    def format(self, document: Any) -> bytes:
        stream = pdfdoc.PDFStream(content=self.ops.encode("ascii"))
        if self.compress:
            stream.filters = [pdfdoc.PDFZCompress]
        # /Type is optional for an XObject (PDF 32000-1, table 95): left out, as Khmer and
        # Burmese leaflets hold a hundred of these forms.
        stream.dictionary["Subtype"] = pdfdoc.PDFName("Form")
        stream.dictionary["BBox"] = pdfdoc.PDFArray(list(self.box))
        result: bytes = stream.format(document)
        return result


def form(canvas: Canvas, path: Path, gid: int) -> str | None:
    """The name of the form that draws glyph `gid` of the font at `path` (font units), defined
    in the canvas's document the first time and named in order of first use; None if the
    glyph draws nothing (a space)."""
    drawn = outline(path, gid)
    if drawn is None:
        return None
    doc = canvas._doc
    names: dict[tuple[Path, int], str] | None = getattr(doc, "_hrleaflet_glyph_forms", None)
    if names is None:
        names = doc._hrleaflet_glyph_forms = {}
    name = names.get((path, gid))
    if name is None:
        name = names[(path, gid)] = f"Glyph{len(names)}"
        ops, box = drawn
        doc.addForm(name, _GlyphForm(ops, box, bool(canvas._pageCompression)))
    if name not in canvas._formsinuse:
        canvas._formsinuse.append(name)
    return str(doc.getXObjectName(name))


def place(glyphs: list[tuple[str, float, float, float]]) -> list[str]:
    """Operators that draw forms (name, scale in points per font unit, x, y in points): the
    first of each scale placed in points, the next ones moved from it in whole font units."""
    ops: list[str] = []
    for scale, group in itertools.groupby(glyphs, key=lambda glyph: glyph[1]):
        s = f"{scale:.6f}".rstrip("0").rstrip(".")
        scale = float(s)  # moves measured with the scale as written: no drift along the line
        at: tuple[float, float] | None = None  # the origin, in points
        pen = (0, 0)  # where the last form went, in font units from the origin
        for name, _, x, y in group:
            if at is None:
                at = (x, y)
                ops.append(f"q {s} 0 0 {s} {hundredths(x)} {hundredths(y)} cm /{name} Do")
                continue
            to = (round((x - at[0]) / scale), round((y - at[1]) / scale))
            ops.append(f"1 0 0 1 {to[0] - pen[0]} {to[1] - pen[1]} cm /{name} Do")
            pen = to
        ops.append("Q")
    return ops
