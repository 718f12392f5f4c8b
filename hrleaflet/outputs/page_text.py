"""A page's text as written, read back from one of our own PDFs: alt text for a page image.

General text extractors get right-to-left lines wrong (pdfium reverses the Latin words in an
Arabic line and drops digits), so this reads what the leaflet itself put there for readers:
- the structure tree gives the reading order, as marked-content ids (MCIDs) per page;
- each MCID is a span of one text line with an /ActualText (`render/text/draw.py`): the
  line's text in the order poppler's scan turns back into the text as written, the spans
  laid out from the left of the line; a span without one draws glyphs that spell its text,
  read through the fonts' ToUnicode maps.  Running that scan over the line's spans, left to
  right, gives the line as written, in any script.
Each line of a structure element becomes a line of text; elements are separated by a blank
line.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from hrleaflet.render.text.reading_order import page_reads_rtl, reader_class

# Characters that have no place in alt text: controls (tab and newline are ours to add),
# and the direction marks a reader may have left (ours are plain text).
_UNWANTED = re.compile("[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass
class _Line:
    """One text object (BT ... ET): a line's spans as (x of the first glyph, ActualText)."""

    spans: list[tuple[float, str]] = field(default_factory=list)

    def text(self, rtl_page: bool) -> str:
        visual = "".join(text for _, text in sorted(self.spans, key=lambda span: span[0]))
        return _as_written(visual, rtl_page)


def pages_text(pdf: Any) -> list[str]:
    """Each page's text, for a `pikepdf.Pdf`."""
    lines_by_page = [_lines(page) for page in pdf.pages]
    order = _reading_order(pdf)
    texts = []
    for number, (lines, mcid_line) in enumerate(lines_by_page):
        rtl_page = page_reads_rtl(text for line in lines for _, text in line.spans)
        blocks: list[list[str]] = []
        seen: set[int] = set()
        for mcids in order.get(number, []):
            block = []
            for mcid in mcids:
                index = mcid_line.get(mcid)
                if index is not None and index not in seen:
                    seen.add(index)
                    block.append(lines[index].text(rtl_page))
            if block:
                blocks.append(block)
        texts.append(normalise("\n\n".join("\n".join(block) for block in blocks)))
    return texts


def normalise(text: str) -> str:
    """No control characters or no-break spaces, no spaces at a line's ends, at most one blank
    line in a row."""
    text = _UNWANTED.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    # The leaflet joins a phone number's parts with no-break spaces (`render/blocks.py`) so a
    # line never breaks inside it; alt text gives the number as it was typed.
    text = text.replace("\u00a0", " ")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _lines(page: Any) -> tuple[list[_Line], dict[int, int]]:
    """The page's text lines, and which line each MCID belongs to."""
    import pikepdf

    lines: list[_Line] = []
    mcid_line: dict[int, int] = {}
    current: _Line | None = None
    fonts = _FontTexts(page)
    font = ""
    span: _Span | None = None  # the text line's span open now
    for instruction in pikepdf.parse_content_stream(page):
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operands, op = instruction.operands, str(instruction.operator)
        if op == "BT":
            current = _Line()
        elif op == "ET":
            if current is not None and current.spans:
                lines.append(current)
            current = None
        elif op == "Tf" and operands:
            font = str(operands[0])
        elif op == "BDC" and current is not None and len(operands) == 2:
            properties = operands[1]
            if isinstance(properties, pikepdf.Dictionary) and operands[0] == pikepdf.Name.Span:
                marked = properties.get("/MCID")
                actual = properties.get("/ActualText")
                span = _Span(None if actual is None else str(actual), None if marked is None else int(marked))
        elif op == "Tm" and span is not None and span.x is None:
            span.x = float(operands[4])
        elif op in ("Tj", "TJ") and span is not None and span.actual is None:
            shown = operands[0]
            # By index: pikepdf 9's stubs do not type an Array as iterable.
            strings = [shown] if op == "Tj" else [shown[i] for i in range(len(shown))]
            for string in strings:
                if isinstance(string, pikepdf.String):  # not a TJ adjustment
                    span.glyphs += fonts.text(font, bytes(string))
        elif op == "EMC" and span is not None and current is not None:
            # A line whose glyphs spell its text has spans without ActualText (`text/draw.py`).
            text = span.glyphs if span.actual is None else span.actual
            if text and span.x is not None:
                current.spans.append((span.x, text))
                if span.mcid is not None:
                    mcid_line[span.mcid] = len(lines)
            span = None
    return lines, mcid_line


@dataclass
class _Span:
    """A text line's marked span: its ActualText (if any), MCID, where its first glyph is, and
    the text of the glyphs drawn in it."""

    actual: str | None
    mcid: int | None
    x: float | None = None
    glyphs: str = ""


class _FontTexts:
    """The text of each glyph code of the page's fonts, from their ToUnicode maps (ours hold
    one-byte codes in `bfchar` blocks: `render/text/tounicode.py`)."""

    _ENTRY = re.compile(rb"<([0-9A-Fa-f]{2})>\s*<([0-9A-Fa-f]*)>")

    def __init__(self, page: Any) -> None:
        self._fonts = page.obj.get("/Resources", {}).get("/Font", {})
        self._maps: dict[str, dict[int, str]] = {}

    def text(self, font: str, codes: bytes) -> str:
        mapping = self._maps.get(font)
        if mapping is None:
            mapping = self._maps[font] = self._read(font)
        return "".join(mapping.get(code, "") for code in codes)

    def _read(self, font: str) -> dict[int, str]:
        entry = self._fonts.get(font)
        cmap = None if entry is None else entry.get("/ToUnicode")
        if cmap is None:
            return {}
        return {
            int(code, 16): bytes.fromhex(text.decode()).decode("utf-16-be", "replace")
            for code, text in self._ENTRY.findall(cmap.read_bytes())
        }


def _reading_order(pdf: Any) -> dict[int, list[list[int]]]:
    """Per page number, the MCIDs of each structure element that holds text, in reading order."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return {}
    page_number = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
    order: dict[int, list[list[int]]] = {}
    elements = 0

    def visit(node: Any, page: int | None, element: int) -> Iterator[tuple[int, int, int]]:
        """(page, element, MCID) in document order; elements numbered as met."""
        nonlocal elements
        if isinstance(node, int):
            if page is not None:
                yield page, element, node
        elif isinstance(node, pikepdf.Array):
            for index in range(len(node)):  # by index: pikepdf 9's stubs type __iter__ as an Iterable
                yield from visit(node[index], page, element)
        elif isinstance(node, pikepdf.Dictionary):
            if "/Pg" in node:
                page = page_number.get(node["/Pg"].objgen, page)
            if node.get("/Type") == "/MCR":
                if page is not None and "/MCID" in node:
                    yield page, element, int(node["/MCID"])
            elif node.get("/S") == "/Link" and "/K" in node:  # inline: read as part of its paragraph
                yield from visit(node["/K"], page, element)
            elif node.get("/Type") != "/OBJR" and "/K" in node:
                elements += 1
                yield from visit(node["/K"], page, elements)

    last: tuple[int, int] | None = None
    for page, element, mcid in visit(root.get("/K"), None, 0):
        if (page, element) != last:
            order.setdefault(page, []).append([])
            last = (page, element)
        order[page][-1].append(mcid)
    return order


def _as_written(visual: str, rtl_page: bool) -> str:
    """The line as written, from its ActualText laid out left to right.

    This undoes `reading_order.actual_text_order`, which writes, from the start of the page's
    direction, sections of the line alternately as they read: left-to-right text (Latin
    letters and numbers, and the neutrals among them) left to right, right-to-left text
    right to left.  Spaces and punctuation where a left-to-right section meets a
    right-to-left one could belong to either (poppler gives them all to one side):
    `_closing` gives the left-to-right text its own.
    """
    runs = [(kind, "".join(chars)) for kind, chars in itertools.groupby(visual, key=_strength)]
    sections: list[list[str]] = []  # [kind, text], left to right

    def add(kind: str, text: str) -> None:
        if sections and sections[-1][0] == kind:
            sections[-1][1] += text
        elif text:
            sections.append([kind, text])

    for index, (kind, text) in enumerate(runs):
        left = runs[index - 1][0] if index else None
        right = runs[index + 1][0] if index + 1 < len(runs) else None
        if kind != "N":
            add(kind, text)
        elif left is not None and left == right:
            add(left, text)
        elif left is None or right is None:
            # A right-to-left page's line begins at the right, maybe with neutrals: "(" of
            # "(example):"; a left-to-right page's neutrals at either end go with their text.
            add("R" if rtl_page else (left or right or "L"), text)
        elif left == "L":  # the end of left-to-right text, then right-to-left text
            # On a right-to-left page, more right-to-left text follows when there is some
            # further left; on a left-to-right page, the left-to-right text went first.
            follows = not rtl_page or any(kind == "R" for kind, _ in runs[:index])
            give = _closing(text, runs[index - 1][1][-1], follows)
            add("L", text[:give])
            add("R", text[give:])
        else:  # not written that way by `actual_text_order`: side with the page, as poppler does
            add("R" if rtl_page else "L", text)
    pieces = [text[::-1] if kind == "R" else text for kind, text in sections]
    return "".join(reversed(pieces) if rtl_page else pieces)


def _strength(char: str) -> str:
    """L: reads left to right (Latin letters, numbers); R: right to left; N: either."""
    kind = reader_class(char)
    return "L" if kind == "#" else kind


def _closing(neutrals: str, before: str, follows: bool) -> int:
    """How many of the neutrals between left-to-right text (whose last character is
    `before`) and right-to-left text, as laid out, end the left-to-right text.

    Laid out, they are the left-to-right text's closing marks and the space after them,
    then the right-to-left text's spaces and opening marks, reversed ("» " + "« ").
    """
    count = 0
    while count < len(neutrals) and _is_closer(neutrals[count]):
        count += 1
    spaces = 0
    while count + spaces < len(neutrals) and neutrals[count + spaces].isspace():
        spaces += 1
    # With two spaces, each side has one ("abc " + " مرحبا" laid out); one space follows
    # punctuation ("19، بين"), or text that more right-to-left text follows ("19 في"); a lone
    # space before numbers at the end of a line is the right-to-left text's ("الهاتف +44").
    if spaces and (count or spaces > 1 or follows or unicodedata.category(before).startswith("P")):
        count += 1
    return count


def _is_closer(char: str) -> bool:
    """Punctuation that ends what comes before it (not an opening bracket or quote, not a space)."""
    category = unicodedata.category(char)
    return category.startswith("P") and category not in ("Ps", "Pi")
