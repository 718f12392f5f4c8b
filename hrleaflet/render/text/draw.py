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

from reportlab.lib.rl_accel import escapePDF
from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render.text.layout import Line, Piece
from hrleaflet.render.text.shaping import Glyph

_TOLERANCE = 0.005  # points: closer than this, the viewer's own pen position is exact enough
_MIN_ADJUST = 0.5  # thousandths of an em: a smaller TJ adjustment is invisible


def _actual_text(text: str) -> str:
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def draw_line(
    canvas: Canvas, line: Line, x: float, baseline: float, colour: tuple[float, float, float]
) -> None:
    """Write the line's glyphs straight into the page as TJ arrays (positions as kerning)."""
    if not line.pieces:
        return
    starts: dict[int, float] = {}
    pen = x
    for index in line.visual:
        starts[index] = pen
        pen += line.pieces[index].run.width
    ops: list[str] = ["q"]
    marked = not line.has_rtl
    if marked:
        ops.append(f"/Span <</ActualText {_actual_text(line.text)}>> BDC")
    ops.append("BT")
    ops.append(f"{_num(colour[0])} {_num(colour[1])} {_num(colour[2])} rg")
    for group in _groups(line):  # logical order: see the module docstring
        # pypdf keeps reading right to left after an Arabic word, and reverses digits it
        # counts as neutral (Persian and Arabic-Indic ones): a font change before each
        # glyph of a left-to-right piece in a right-to-left line keeps them in order.
        one_by_one = line.has_rtl and line.pieces[group[0]].level % 2 == 0
        _piece_ops(canvas, [(line.pieces[i], starts[i]) for i in group], baseline, one_by_one, ops)
    ops.append("ET")
    if marked:
        ops.append("EMC")
    ops.append("Q")
    canvas.addLiteral("\n".join(ops))


def _groups(line: Line) -> list[list[int]]:
    """Pieces drawn together: in a left-to-right line, neighbours in the same face and size
    (far fewer text operators); in a line with right-to-left text, each piece on its own."""
    groups: list[list[int]] = []
    for index, piece in enumerate(line.pieces):
        if groups and not line.has_rtl:
            previous = line.pieces[groups[-1][-1]]
            if previous.face is piece.face and previous.size == piece.size:
                groups[-1].append(index)
                continue
        groups.append([index])
    return groups


def _runs(pieces: list[tuple[Piece, float]], one_by_one: bool) -> list[list[tuple[Glyph, float, bool]]]:
    """Glyphs that can share one TJ array: same baseline offset, no span starting or ending inside.

    Each glyph comes with its x and whether it starts a piece (its kerning is then measured).
    """
    runs: list[list[tuple[Glyph, float, bool]]] = []
    last: Glyph | None = None
    for piece, start in pieces:
        first_of_piece = True
        for glyph in piece.run.glyphs:
            if (
                last is not None
                and not one_by_one
                and glyph.span is None
                and not last.span_end
                and abs(glyph.y - last.y) < _TOLERANCE
            ):
                runs[-1].append((glyph, start + glyph.x, first_of_piece))
            else:
                runs.append([(glyph, start + glyph.x, True)])
            first_of_piece = False
            last = glyph
    return runs


def _piece_ops(
    canvas: Canvas, pieces: list[tuple[Piece, float]], baseline: float, one_by_one: bool, ops: list[str]
) -> None:
    """Text operators for pieces of one face and size, each with the x where it starts."""
    face = pieces[0][0].face
    font = face.reportlab
    doc = canvas._doc  # ReportLab numbers font subsets per document
    size = pieces[0][0].size
    scale = 1000.0 / size
    current: str | None = None  # the font (subset) set last in this piece
    for run in _runs(pieces, one_by_one):
        first, first_x, _ = run[0]
        if first.span is not None:
            ops.append(f"/Span <</ActualText {_actual_text(first.span)}>> BDC")
        ops.append(f"1 0 0 1 {_num(first_x)} {_num(baseline + first.y)} Tm")
        codes = "".join(font.code_for(glyph.gid, glyph.text) for glyph, _, _ in run)
        position = 0  # index of the next glyph of `run`
        previous_end = first_x  # where the viewer's pen is after the previous glyph
        for subset, data in font.splitString(codes, doc):
            # Each piece starts with its font: readers that follow the stream (pypdf) end a
            # chunk of text there, which keeps right-to-left words in order.  Within a piece
            # the font is set again only when it changes (or glyph by glyph, `one_by_one`).
            name = font.getSubsetInternalName(subset, doc)
            if name != current or one_by_one:
                ops.append(f"{name} {_num(size)} Tf")
                current = name
            parts: list[str] = []
            pending = bytearray()  # glyphs that need no adjustment between them
            for byte in data:
                glyph, x, starts_piece = run[position]
                # Inside a piece the shaper worked the adjustment out; at a piece's start, measure.
                adjust = -(x - previous_end) * scale if starts_piece else glyph.kern
                if position and abs(adjust) > _MIN_ADJUST:
                    if pending:
                        parts.append("(" + escapePDF(bytes(pending)) + ")")
                        pending.clear()
                    parts.append(_num(adjust))
                pending.append(byte)
                previous_end = x + face.advance(glyph.gid) * size / 1000
                position += 1
            if pending:
                parts.append("(" + escapePDF(bytes(pending)) + ")")
            ops.append("[" + " ".join(parts) + "] TJ")
        if run[-1][0].span_end:
            ops.append("EMC")
