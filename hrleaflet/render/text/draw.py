"""Draw laid-out lines on a ReportLab canvas, so that readers extract the source text.

Every glyph is drawn with a code whose ToUnicode entry spells its characters,
except glyphs that carry none (`shaping.SILENT`): those are painted as outline
paths after the text object, marked as an artifact (`outlines`), and the text
glyphs after them are moved to their places with TJ adjustments.
Where glyphs go on the page is the visual order; the order they are written
into the content stream, and the marked-content spans around them, are chosen
for the two kinds of text extraction:

- Readers that follow the stream (pypdf) reverse the right-to-left characters
  of each chunk of text they collect, and a font change (Tf) ends a chunk.  So
  the pieces of a line are written in logical order, each starting with its
  font, each right-to-left piece with its glyphs in visual order: reversed, it
  reads as written.
- Readers that follow geometry (poppler) join the glyphs of Indic clusters and
  of Arabic letters with marks badly, and rebuild right-to-left lines with a
  scan of their own.  So every line's glyphs are wrapped in spans whose
  /ActualText, read left to right, is the line's text in the order that scan
  reads back as written (`reading_order`); as the scan depends on the
  direction of the whole page, a canvas that holds pages back
  (`flow.DeferredCanvas`) writes the spans once the page is complete.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render.decimals import hundredths
from hrleaflet.render.text.layout import Line, Piece, drawn_glyphs, piece_starts
from hrleaflet.render.text.outlines import form, place
from hrleaflet.render.text.reading_order import actual_text_order, page_reads_rtl
from hrleaflet.render.text.shaping import SILENT, Glyph
from hrleaflet.render.text.tounicode import ExtractableFont

_TOLERANCE = 0.005  # points: closer than this, the viewer's own pen position is exact enough
_MIN_ADJUST = 0.5  # thousandths of an em: a smaller TJ adjustment is invisible


def _actual_text(text: str) -> str:
    """A PDF text string: a literal where every character is printable ASCII (a quarter of the
    bytes of UTF-16 in hex, and PDFDocEncoding agrees with ASCII there), else UTF-16."""
    if text.isascii() and text.isprintable():
        return "(" + text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


_SILENT = "/Span <</ActualText <FEFF>>> BDC"  # glyphs that add nothing to the text


def draw_line(
    canvas: Canvas, line: Line, x: float, baseline: float, colour: tuple[float, float, float]
) -> None:
    """Write the line's glyphs straight into the page as TJ arrays (positions as kerning)."""
    if not line.pieces:
        return
    # A batch draws the same laid-out lines in many leaflets, and a build the same in colour
    # and in black and white: what depends on neither the document (its glyph codes, font
    # subsets and outline forms) nor the ink is worked out once.
    key = (x, baseline)
    program = line.drawn.get(key)
    if program is None:
        program = line.drawn[key] = _program(line, x, baseline)
    held = HeldLine(line.text, program.spelled, spans=program.spans)
    # The colour as ReportLab writes it everywhere else, so text and shapes in the same ink
    # are one colour to the last digit (two decimals made the ink 0.11 for .105882).
    held.parts += ["q", "BT", f"{fp_str(*colour)} rg"]
    outlines: list[tuple[str, float, float, float]] = []  # glyphs that carry no text: after ET
    _replay(program.items, canvas, held.parts, outlines)
    parts = held.parts
    parts.append("ET")
    if outlines:
        # Paths say nothing to a reader: they are decoration of the text drawn above.
        parts += ["/Artifact BMC", *place(outlines), "EMC"]
    parts.append("Q")
    hold = getattr(canvas, "hold_text_line", None)
    if hold is not None:
        hold(held)  # marked once the page is complete
    else:
        canvas.addLiteral(held.marked(page_reads_rtl([line.text])))


def _program(line: Line, x: float, baseline: float) -> _Program:
    starts = dict(piece_starts(line, x))
    offsets = list(itertools.accumulate((len(piece.text) for piece in line.pieces), initial=0))
    items: list[_Item] = []
    for span, rank in _spans(line):
        slot = _Slot(rank, offsets[span[-1] + 1] - offsets[span[0]])
        # poppler starts a span's box at its first glyph: marks drawn before the leftmost
        # letter (Arabic dots and vowels) go in a span of their own that says nothing.
        lead = _leading_marks(line.pieces[span[0]])
        items.append(_SILENT if lead else slot)
        for number, group in enumerate(_groups(line, span)):  # logical order: module docstring
            # pypdf keeps reading right to left after an Arabic word, and reverses digits it
            # counts as neutral (Persian and Arabic-Indic ones): a font change before each
            # glyph of a left-to-right piece in a right-to-left line keeps them in order.
            one_by_one = line.has_rtl and line.pieces[group[0]].level % 2 == 0
            pieces = [(line.pieces[i], starts[i]) for i in group]
            opening: list[str | _Slot] = ["EMC", slot] if lead and number == 0 else []
            _piece_items(pieces, baseline, one_by_one, items, lead if opening else 0, opening)
        items.append("EMC")  # before ET: poppler sizes ActualText by the font in force at EMC
    return _Program(_glyphs_spell(line), tuple(items))


@dataclass(frozen=True)
class _Slot:
    """Where a span opens: its place from the left among the line's spans, and how many
    characters its glyphs stand for."""

    rank: int
    length: int


@dataclass
class HeldLine:
    """A line's operators with a gap at each span's ActualText, filled in once the
    direction poppler will give the page is known."""

    text: str
    spelled: bool = False  # its glyphs, as drawn, spell `text` (`_glyphs_spell`)
    parts: list[str | _Slot] = field(default_factory=list)
    # Each span's operator, by its rank, on a page read right to left (True) or not: the same
    # for every document that draws the line (kept with its program, `draw_line`).
    spans: dict[bool, dict[int, str]] = field(default_factory=dict)

    def marked(self, rtl_page: bool) -> str:
        if self.spelled and not rtl_page:
            # Every reader already reads the glyphs as written: an ActualText would only repeat
            # them (about a sixth of an English leaflet's bytes).  The span keeps its MCID.
            return "\n".join(part if isinstance(part, str) else "/Span <<>> BDC" for part in self.parts)
        operators = self.spans.get(rtl_page)
        if operators is None:
            operators = self.spans[rtl_page] = self._span_operators(rtl_page)
        return "\n".join(part if isinstance(part, str) else operators[part.rank] for part in self.parts)

    def _span_operators(self, rtl_page: bool) -> dict[int, str]:
        order = actual_text_order(self.text, rtl_page)
        slots = sorted((part for part in self.parts if isinstance(part, _Slot)), key=lambda s: s.rank)
        # poppler spreads a span's text evenly over its glyphs: so each span carries, of the
        # reordered text, as many characters as it draws, and mostly its own.
        operators: dict[int, str] = {}
        position = 0
        for slot in slots:
            chunk = "".join(self.text[i] for i in order[position : position + slot.length])
            operators[slot.rank] = f"/Span <</ActualText {_actual_text(chunk)}>> BDC"
            position += slot.length
        return operators


def _glyphs_spell(line: Line) -> bool:
    """Whether the line's glyphs, in the order they are drawn, carry its text exactly, one
    after the other, with no glyph drawn over another (no marks): then a reader that follows
    geometry on a left-to-right page reads it as written without help."""
    if line.has_rtl:
        return False
    glyphs = [glyph for _, glyph in drawn_glyphs(line)]
    if any(glyph.advance <= 0 or not _carries_text(glyph) for glyph in glyphs):
        return False
    return "".join(glyph.text for glyph in glyphs) == line.text


def mark_page_lines(code: list[str], lines: list[tuple[int, HeldLine]]) -> None:
    """Fill in the spans of the lines held back on a complete page (index into `code`, line)."""
    rtl_page = page_reads_rtl(line.text for _, line in lines)
    for index, line in lines:
        code[index] = line.marked(rtl_page)


def _spans(line: Line) -> list[tuple[list[int], int]]:
    """Pieces (logical order) that share one marked-content span, with the span's place
    from the left among the line's spans.

    poppler spreads a span's ActualText evenly from the first glyph drawn to the end of the
    last one, so a span may only hold pieces drawn from left to right: a line without
    right-to-left text is one span; otherwise a run of pieces in visual order is.
    """
    if not line.has_rtl:
        return [(list(range(len(line.pieces))), 0)]
    place = {index: rank for rank, index in enumerate(line.visual)}
    spans: list[list[int]] = []
    for index in range(len(line.pieces)):
        if spans and place[index] == place[spans[-1][-1]] + 1:
            spans[-1].append(index)
        else:
            spans.append([index])
    rank_of = {left: rank for rank, left in enumerate(sorted(place[span[0]] for span in spans))}
    return [(span, rank_of[place[span[0]]]) for span in spans]


def _leading_marks(piece: Piece) -> int:
    """How many glyphs of zero advance (marks) a piece draws before its first letter, if
    any of them is drawn as text (not as an outline, `_carries_text`)."""
    glyphs = piece.run.glyphs
    count = 0
    while count < len(glyphs) and glyphs[count].advance == 0:
        count += 1
    if not any(_carries_text(glyph) for glyph in glyphs[:count]):
        return 0
    return 0 if count == len(glyphs) else count


def _carries_text(glyph: Glyph) -> bool:
    """Whether a glyph is drawn with a code (else as an outline path: `outlines`)."""
    return glyph.text != SILENT


def _groups(line: Line, span: list[int]) -> list[list[int]]:
    """Pieces of a span drawn together: in a left-to-right line, neighbours in the same face
    and size (far fewer text operators); in a line with right-to-left text, each on its own."""
    groups: list[list[int]] = []
    for index in span:
        piece = line.pieces[index]
        if groups and not line.has_rtl:
            previous = line.pieces[groups[-1][-1]]
            if previous.face is piece.face and previous.size == piece.size:
                groups[-1].append(index)
                continue
        groups.append([index])
    return groups


def _runs(
    pieces: list[tuple[Piece, float]], one_by_one: bool, split: int
) -> list[list[tuple[Glyph, float, bool]]]:
    """Glyphs that are drawn on from one text position (a glyph raised or lowered by the
    shaper, as Nastaliq's are, is set with a text rise, `Ts`, not a new position: pypdf reads a
    new position as a new chunk of text and would reverse a word's parts one by one); a new run
    at glyph number `split` (where a span opens).

    Each glyph comes with its x and whether it starts a piece (its kerning is then measured).
    """
    runs: list[list[tuple[Glyph, float, bool]]] = []
    last: Glyph | None = None
    number = 0
    for piece, start in pieces:
        first_of_piece = True
        for glyph in piece.run.glyphs:
            if last is not None and not one_by_one and number != split:
                runs[-1].append((glyph, start + glyph.x, first_of_piece))
            else:
                runs.append([(glyph, start + glyph.x, True)])
            first_of_piece = False
            last = glyph
            number += 1
    return runs


@dataclass(frozen=True)
class _Codes:
    """Glyphs written from one text position, as TJ arrays in the document's font subsets:
    `events` are the text rises (Ts) and adjustments that go before glyph number `index`."""

    font: ExtractableFont
    size: str
    codes: str  # one character per glyph (`ExtractableFont.code_for`)
    one_by_one: bool  # the font set again before each subset's glyphs (`draw_line`)
    events: tuple[tuple[int, str | None, str | None], ...]  # (index, Ts operator, adjustment)
    resets_rise: bool


@dataclass(frozen=True)
class _Outline:
    """A glyph that carries no text, painted as its outline form (`outlines`)."""

    path: Path
    gid: int
    scale: float  # points per font unit
    x: float
    y: float


class _PieceStart:
    """Where a group of pieces starts: it sets its font whatever was set before."""


_PIECE_START = _PieceStart()
_Item = str | _Slot | _Codes | _Outline | _PieceStart


@dataclass(frozen=True)
class _Program:
    spelled: bool  # `HeldLine.spelled`
    items: tuple[_Item, ...]
    spans: dict[bool, dict[int, str]] = field(default_factory=dict)  # `HeldLine.spans`


def _piece_items(
    pieces: list[tuple[Piece, float]],
    baseline: float,
    one_by_one: bool,
    items: list[_Item],
    split: int = 0,
    opening: Sequence[str | _Slot] = (),
) -> None:
    """What to write for pieces of one face and size, each with the x where it starts;
    `opening` goes in before glyph number `split`.  Glyphs that carry no text are painted as
    outlines, and the glyphs after them are moved to their places in the TJ."""
    face = pieces[0][0].face
    font = face.reportlab
    size = pieces[0][0].size
    scale = 1000.0 / size
    size_text, baseline_text = hundredths(size), hundredths(baseline)
    advance, code_for = face.advance, font.code_for
    items.append(_PIECE_START)
    drawn = 0
    for run in _runs(pieces, one_by_one, split):
        if drawn == split:
            items.extend(opening)
        drawn += len(run)
        texts: list[tuple[Glyph, float, bool]] = []
        skipped = False  # after a glyph drawn as an outline, the adjustment is measured
        for glyph, x, starts_piece in run:
            if _carries_text(glyph):
                texts.append((glyph, x, starts_piece or skipped))
                skipped = False
            else:
                items.append(_Outline(face.path, glyph.gid, size / face.upem, x, baseline + glyph.y))
                skipped = True
        if not texts:
            continue
        run = texts
        _, first_x, _ = run[0]
        items.append(f"1 0 0 1 {hundredths(first_x)} {baseline_text} Tm")
        rise = 0.0
        events: list[tuple[int, str | None, str | None]] = []
        previous_end = first_x  # where the viewer's pen is after the previous glyph
        for position, (glyph, x, starts_piece) in enumerate(run):
            rise_op = None
            if abs(glyph.y - rise) >= _TOLERANCE:  # a glyph set higher or lower: a new rise
                rise_op = f"{hundredths(glyph.y)} Ts"
                rise = glyph.y
            # Inside a piece the shaper worked the adjustment out; at a piece's start, measure.
            adjust = -(x - previous_end) * scale if starts_piece else glyph.kern
            adjustment = hundredths(adjust) if position and abs(adjust) > _MIN_ADJUST else None
            if rise_op is not None or adjustment is not None:
                events.append((position, rise_op, adjustment))
            previous_end = x + advance(glyph.gid) * size / 1000
        codes = "".join(code_for(glyph.gid, glyph.text) for glyph, _, _ in run)
        items.append(_Codes(font, size_text, codes, one_by_one, tuple(events), bool(rise)))


def _replay(
    items: Sequence[_Item],
    canvas: Canvas,
    ops: list[str | _Slot],
    outlines: list[tuple[str, float, float, float]],
) -> None:
    """Write a line's items for this canvas's document: its glyph codes and font subsets
    (ReportLab numbers them per document) and its outline forms."""
    doc = canvas._doc
    current: str | None = None  # the font (subset) set last in this group of pieces
    for item in items:
        if isinstance(item, str | _Slot):
            ops.append(item)
        elif isinstance(item, _Codes):
            current = _write_codes(item, doc, ops, current)
        elif isinstance(item, _Outline):
            name = form(canvas, item.path, item.gid)
            if name is not None:
                outlines.append((name, item.scale, item.x, item.y))
        else:
            current = None


def _write_codes(run: _Codes, doc: object, ops: list[str | _Slot], current: str | None) -> str | None:
    font = run.font
    events = run.events
    event = 0
    position = 0  # index of the first glyph of the subset's chunk
    for subset, data in font.splitString(run.codes, doc):
        # Each piece starts with its font: readers that follow the stream (pypdf) end a
        # chunk of text there, which keeps right-to-left words in order.  Within a piece
        # the font is set again only when it changes (or glyph by glyph, `one_by_one`).
        name = font.getSubsetInternalName(subset, doc)
        if name != current or run.one_by_one:
            ops.append(f"{name} {run.size} Tf")
            current = name
        parts: list[str] = []
        pending = 0  # where the glyphs that need no adjustment between them start in `data`
        end = position + len(data)
        while event < len(events) and events[event][0] < end:
            index, rise_op, adjustment = events[event]
            cut = index - position
            if cut > pending:
                parts.append("(" + escapePDF(data[pending:cut]) + ")")
                pending = cut
            if rise_op is not None:
                if parts:
                    ops.append("[" + " ".join(parts) + "] TJ")
                    parts = []
                ops.append(rise_op)
            if adjustment is not None:
                parts.append(adjustment)
            event += 1
        if pending < len(data):
            parts.append("(" + escapePDF(data[pending:]) + ")")
        if parts:
            ops.append("[" + " ".join(parts) + "] TJ")
        position = end
    if run.resets_rise:
        ops.append("0 Ts")
    return current
