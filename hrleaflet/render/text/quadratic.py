"""A CFF glyph as a TrueType one: cubic curves made quadratic, contours turned clockwise.

This is what fontTools' `Cu2QuPen(TTGlyphPen(None), tolerance, reverse_direction=True)`
makes, point for point (fontTools' own `curve_to_quadratic` and `reversedContour` do the
work), without its three layers of pens and a recording replayed between them: a CJK face
has 65,535 glyphs, and those calls took a third of the time of its TrueType copy.
"""

from __future__ import annotations

from typing import Any

from fontTools.cu2qu import curve_to_quadratic
from fontTools.pens.basePen import decomposeSuperBezierSegment
from fontTools.pens.reverseContourPen import reversedContour
from fontTools.pens.ttGlyphPen import TTGlyphPen

Point = tuple[float, float]
_ON_CURVE, _OFF_CURVE = 1, 0


class QuadraticGlyphPen:
    """A segment pen (moveTo, lineTo, curveTo, qCurveTo, closePath) for one glyph; `glyph()`
    gives the TrueType glyph."""

    def __init__(self, tolerance: float) -> None:
        self.tolerance = tolerance  # font units a quadratic curve may stray from the cubic
        self.contour: list[tuple[str, tuple[Any, ...]]] = []  # as fontTools' RecordingPen records it
        self.current: Point | None = None
        self.points: list[Point] = []
        self.flags: list[int] = []
        self.ends: list[int] = []

    def moveTo(self, point: Point) -> None:
        self.contour.append(("moveTo", (point,)))
        self.current = point

    def lineTo(self, point: Point) -> None:
        self.contour.append(("lineTo", (point,)))
        self.current = point

    def curveTo(self, *points: Point) -> None:
        if len(points) < 3:
            self.qCurveTo(*points)
            return
        for segment in (points,) if len(points) == 3 else decomposeSuperBezierSegment(points):
            self.qCurveTo(*curve_to_quadratic((self.current, *segment), self.tolerance, True)[1:])

    def qCurveTo(self, *points: Point) -> None:
        self.contour.append(("qCurveTo", points))
        self.current = points[-1]

    def closePath(self) -> None:
        self.contour.append(("closePath", ()))
        self._add_contour()

    def endPath(self) -> None:
        self.contour.append(("endPath", ()))
        self._add_contour()

    def _add_contour(self) -> None:
        """The contour reversed (its first point kept), as TTGlyphPen adds its points."""
        points, flags, ends = self.points, self.flags, self.ends
        for operator, operands in reversedContour(self.contour):
            if operator == "qCurveTo":
                for point in operands[:-1]:
                    points.append(point)
                    flags.append(_OFF_CURVE)
                if operands[-1] is not None:  # None: a contour of off-curve points only
                    points.append(operands[-1])
                    flags.append(_ON_CURVE)
            elif operator in ("moveTo", "lineTo"):
                points.append(operands[0])
                flags.append(_ON_CURVE)
            else:  # closePath or endPath: TrueType contours are always closed
                end = len(points) - 1
                if end == 0 or (ends and end == ends[-1] + 1):  # a single point: an anchor, dropped
                    points.pop()
                    flags.pop()
                    continue
                start = ends[-1] + 1 if ends else 0
                if points[start] == points[end]:  # the closing point repeats the first
                    points.pop()
                    flags.pop()
                    end -= 1
                ends.append(end)
        self.contour = []
        self.current = None

    def glyph(self) -> Any:
        """The TrueType glyph (fontTools' `Glyph`), its coordinates rounded as TTGlyphPen does."""
        pen = TTGlyphPen(None)
        pen.points, pen.types, pen.endPts = self.points, self.flags, self.ends
        return pen.glyph()
