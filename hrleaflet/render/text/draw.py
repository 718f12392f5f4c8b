"""Draw laid-out lines on a ReportLab canvas, so that readers extract the source text.

Every glyph is drawn with a code whose ToUnicode entry spells its characters.
Where glyphs go on the page is the visual order; the order they are written
into the content stream, and the marked-content spans around them, are chosen
for the two kinds of text extraction:

- Readers that follow the stream (pypdf) reverse the right-to-left characters
  of each chunk of text they collect, and a font change (Tf) ends a chunk.  So
  the pieces of a line are written in logical order, each starting with its
  font, each right-to-left piece with its glyphs in visual order: reversed, it
  reads as written.
- Readers that follow geometry (poppler, pdfium) join the glyphs of Indic
  clusters and of Arabic letters with marks badly.  So a line without
  right-to-left text is wrapped in a span whose /ActualText is the line as
  written, and in right-to-left text each letter drawn with marks gets such a
  span (in the left-to-right order poppler expects of ActualText there).
  Whole right-to-left lines are not wrapped: poppler reverses their ActualText.
"""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render.text.layout import Line

_TOLERANCE = 0.01  # points: closer than this, the viewer's own pen position is exact enough


def _actual_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw_line(
    canvas: Canvas, line: Line, x: float, baseline: float, colour: tuple[float, float, float]
) -> None:
    if not line.pieces:
        return
    starts: dict[int, float] = {}
    pen = x
    for index in line.visual:
        starts[index] = pen
        pen += line.pieces[index].run.width
    marked = not line.has_rtl
    if marked:
        canvas.addLiteral(f"/Span <</ActualText {_actual_text(line.text)}>> BDC")
    text = canvas.beginText()
    text.setFillColorRGB(*colour)
    for index in range(len(line.pieces)):  # logical order: see the module docstring
        piece = line.pieces[index]
        pen_x = starts[index]
        font = piece.face.reportlab
        text.setFont(font.fontName, piece.size)
        pending = ""
        expected: tuple[float, float] | None = None
        # pypdf keeps reading right to left after an Arabic word, and reverses digits it
        # counts as neutral (Persian and Arabic-Indic ones): a font change before each
        # glyph of a left-to-right piece in a right-to-left line keeps them in order.
        one_by_one = line.has_rtl and piece.level % 2 == 0
        for glyph in piece.run.glyphs:
            gx, gy = pen_x + glyph.x, baseline + glyph.y
            code = font.code_for(glyph.gid, glyph.text)
            if one_by_one and pending:
                text.textOut(pending)
                text.setFont(font.fontName, piece.size)
                pending = ""
                expected = None
            if glyph.span is not None:
                if pending:
                    text.textOut(pending)
                    pending = ""
                # Inside the text object: a new BT would end the reader's right-to-left run.
                text._code.append(f"/Span <</ActualText {_actual_text(glyph.span)}>> BDC")
                expected = None
            if expected is None or abs(gx - expected[0]) > _TOLERANCE or abs(gy - expected[1]) > _TOLERANCE:
                if pending:
                    text.textOut(pending)
                text.setTextOrigin(gx, gy)
                pending = ""
            pending += code
            expected = (gx + piece.face.advance(glyph.gid) * piece.size / 1000, gy)
            if glyph.span_end:
                text.textOut(pending)
                pending = ""
                text._code.append("EMC")
        if pending:
            text.textOut(pending)
    canvas.drawText(text)
    if marked:
        canvas.addLiteral("EMC")
