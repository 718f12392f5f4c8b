"""Printer's marks: crop marks at the trim corners, fold marks, and cut marks on office sheets."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render.formats import MM, Imposition

MARK_LENGTH = 5 * MM
MARK_OFFSET = 2 * MM  # gap between the trim (or bleed) edge and a mark
MARK_SPACE = MARK_LENGTH + MARK_OFFSET  # room the page needs outside the trim for marks
_WIDTH = 0.3


def crop_marks(canvas: Canvas, x: float, y: float, width: float, height: float, bleed: float) -> None:
    """Eight short lines outside the corners of the trimmed page, clear of the bleed."""
    gap = bleed + MARK_OFFSET
    canvas.saveState()
    canvas.setStrokeGray(0)
    canvas.setLineWidth(_WIDTH)
    for cx in (x, x + width):
        for cy in (y, y + height):
            sx = -1 if cx == x else 1
            sy = -1 if cy == y else 1
            canvas.line(cx + sx * gap, cy, cx + sx * (gap + MARK_LENGTH), cy)
            canvas.line(cx, cy + sy * gap, cx, cy + sy * (gap + MARK_LENGTH))
    canvas.restoreState()


def fold_marks(canvas: Canvas, folds: list[float], y: float, height: float, bleed: float) -> None:
    """Dashed lines above and below the trim where the sheet is folded."""
    gap = bleed + MARK_OFFSET
    canvas.saveState()
    canvas.setStrokeGray(0)
    canvas.setLineWidth(_WIDTH)
    canvas.setDash(2, 1.5)
    for fx in folds:
        canvas.line(fx, y - gap, fx, y - gap - MARK_LENGTH)
        canvas.line(fx, y + height + gap, fx, y + height + gap + MARK_LENGTH)
    canvas.restoreState()


def cut_marks(canvas: Canvas, grid: Imposition) -> None:
    """Ticks at every cut line, from each sheet edge inwards (into the copies' blank margins)."""
    x0, y0 = grid.origin
    xs = [x0 + i * grid.page_width for i in range(grid.columns + 1)]
    ys = [y0 + j * grid.page_height for j in range(grid.rows + 1)]
    tick = 4 * MM
    canvas.saveState()
    canvas.setStrokeGray(0)
    canvas.setLineWidth(_WIDTH)
    for x in xs:
        canvas.line(x, 0, x, tick)
        canvas.line(x, grid.sheet_height - tick, x, grid.sheet_height)
    for y in ys:
        canvas.line(0, y, tick, y)
        canvas.line(grid.sheet_width - tick, y, grid.sheet_width, y)
    canvas.restoreState()
