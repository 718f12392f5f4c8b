"""Printer's marks: crop marks at the trim corners, fold marks, and cut marks on office sheets.

In a tagged PDF every mark is an artifact: no reader reads it out."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render.formats import MM, Imposition
from hrleaflet.render.tags import tags_of

MARK_LENGTH = 5 * MM
MARK_OFFSET = 2 * MM  # gap between the trim (or bleed) edge and a mark
MARK_SPACE = MARK_LENGTH + MARK_OFFSET  # room the page needs outside the trim for marks
_WIDTH = 0.3


def crop_marks(canvas: Canvas, x: float, y: float, width: float, height: float, bleed: float) -> None:
    """Eight short lines outside the corners of the trimmed page, clear of the bleed."""
    gap = bleed + MARK_OFFSET
    with tags_of(canvas).artifact(canvas):
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
    with tags_of(canvas).artifact(canvas):
        canvas.saveState()
        canvas.setStrokeGray(0)
        canvas.setLineWidth(_WIDTH)
        canvas.setDash(2, 1.5)
        for fx in folds:
            canvas.line(fx, y - gap, fx, y - gap - MARK_LENGTH)
            canvas.line(fx, y + height + gap, fx, y + height + gap + MARK_LENGTH)
        canvas.restoreState()


PRINTABLE_INSET = 5 * MM  # office printers leave about this much of each edge blank


def cut_marks(canvas: Canvas, grid: Imposition) -> None:
    """Ticks at every cut line inside the sheet, starting 5 mm in from each edge (where an office
    printer still prints) and running into the copies' blank margins.  A cut line that is the
    sheet's own edge needs no mark."""
    x0, y0 = grid.origin
    xs = [x0 + i * grid.page_width for i in range(grid.columns + 1)]
    ys = [y0 + j * grid.page_height for j in range(grid.rows + 1)]
    tick = 4 * MM
    near, far = PRINTABLE_INSET, PRINTABLE_INSET + tick
    with tags_of(canvas).artifact(canvas):
        canvas.saveState()
        canvas.setStrokeGray(0)
        canvas.setLineWidth(_WIDTH)
        for x in xs:
            if near <= x <= grid.sheet_width - near:
                canvas.line(x, near, x, far)
                canvas.line(x, grid.sheet_height - far, x, grid.sheet_height - near)
        for y in ys:
            if near <= y <= grid.sheet_height - near:
                canvas.line(near, y, far, y)
                canvas.line(grid.sheet_width - far, y, grid.sheet_width - near, y)
        canvas.restoreState()
