"""A TrueType font for ReportLab whose glyph codes extract as the text they stand for.

A shaped glyph may stand for several characters (a Devanagari conjunct), or be
one of several glyphs for one character, or be a contextual form (Arabic).  We
draw each such glyph with a private code point of its own and record the text
it carries; the font's ToUnicode CMap then maps the code to that text.
"""

from __future__ import annotations

import itertools
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from hrleaflet.render.text.name_table import slim_name_table

FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: never in a font's own cmap
# The order in which a subset hands out its codes.  A content stream writes codes 33-126 as
# one byte each and the others as four-byte escapes (\001), so the first glyphs a font
# draws (most of a Latin or Cyrillic leaflet's) take printable codes.  0 is .notdef, and 32
# stays the space, as ReportLab keeps it.
CODE_ORDER = (*range(33, 256), *range(1, 32))
SPACE = 32


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


class ExtractableFont(TTFont):  # type: ignore[misc]
    def __init__(self, name: str, path: str, advances: Any) -> None:
        # Every code reaches readers through the ToUnicode map, so ASCII need not keep codes
        # 32-126 of each font's first subset to itself (ReportLab's `asciiReadable`): a
        # subset then holds 255 glyph codes, not about 160, and a script font with many
        # codes (Bengali conjuncts) needs fewer subsets, each embedding its glyphs again.
        super().__init__(name, path, asciiReadable=False)
        # ReportLab copies the `name` table into every subset as it is: embed a slim one.
        table = self.face.get_table
        names = slim_name_table(table("name"))
        self.face.get_table = lambda tag: names if tag == "name" else table(tag)
        self._advances = advances  # gid -> advance in PDF units (1/1000 em)
        self._codes: dict[tuple[int, str], str] = {}
        self._text_of: dict[int, str] = {}
        self._next_private = FIRST_PRIVATE

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """The text as (subset, codes) chunks, codes handed out in CODE_ORDER (ReportLab's
        own splitString hands out 1-31 first)."""
        state = self.state.get(doc)
        if state is None:
            state = self.state[doc] = TTFont.State(False, self)
            state.assignments = _Assignments(self, state)
        # Each character becomes the one whose number is its subset and code (256 × subset +
        # code), new ones handed out on the way (`_Assignments.__missing__`).
        numbered = text.translate(state.assignments)
        if not numbered:
            return []
        if max(numbered) < "\u0100":  # all in the first subset: the usual case
            return [(0, numbered.encode("latin-1"))]
        return [
            (subset, bytes(ord(char) & 0xFF for char in chars))
            for subset, chars in itertools.groupby(numbered, key=lambda char: ord(char) >> 8)
        ]

    def code_for(self, gid: int, text: str) -> str:
        """The character to draw for glyph `gid` so that it extracts as `text`."""
        key = (gid, text)
        code = self._codes.get(key)
        if code is not None:
            return code
        face = self.face
        if len(text) == 1 and face.charToGlyph.get(ord(text)) == gid:
            code = text
        else:
            point = self._next_private
            self._next_private += 1
            face.charToGlyph[point] = gid
            face.glyphToChar.setdefault(gid, []).append(point)
            face.charWidths[point] = self._advances(gid)
            self._text_of[point] = text
            code = chr(point)
        self._codes[key] = code
        return code

    def addObjects(self, doc: Any) -> None:
        # ReportLab builds each subset's ToUnicode with a module-level helper; ours knows the
        # text behind private codes.  Swapped only while this font writes its objects.
        original = ttfonts.makeToUnicodeCMap
        ttfonts.makeToUnicodeCMap = self._to_unicode_cmap
        try:
            super().addObjects(doc)
        finally:
            ttfonts.makeToUnicodeCMap = original

    def _to_unicode_cmap(self, fontname: str, subset: list[int]) -> str:
        # A code not handed out (a gap before a later one) holds a space: no text to map.
        entries = [
            f"<{i:02X}> <{_utf16_hex(self._text_of.get(v, chr(v)))}>"
            for i, v in enumerate(subset)
            if v != SPACE or i == SPACE
        ]
        lines = [
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            f"/CIDSystemInfo << /Registry ({fontname}) /Ordering ({fontname}) /Supplement 0 >> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
        ]
        for start in range(0, len(entries), 100):  # at most 100 entries per block (PDF spec)
            chunk = entries[start : start + 100]
            lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
        lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
        return "\n".join(lines)


class _Assignments(dict[int, int]):
    """A font's codes in one document (ReportLab's subset `state`), by character: a character
    met for the first time gets the next code in CODE_ORDER (a character the font lacks draws
    .notdef, 0; a no-break space, the space)."""

    def __init__(self, font: ExtractableFont, state: Any) -> None:
        super().__init__(state.assignments)  # ReportLab's own: .notdef and the space
        self.font, self.state = font, state
        self.handed_out = 0

    def __missing__(self, point: int) -> int:
        if point == 0xA0:
            return self[SPACE]
        if point not in self.font.face.charToGlyph:
            return 0
        state = self.state
        if state.frozen:
            raise ValueError(f"font {self.font.fontName} is already written; cannot add U+{point:04X}")
        subset, place = divmod(self.handed_out, len(CODE_ORDER))
        self.handed_out += 1
        if subset == len(state.subsets):
            state.subsets.append([0] + [SPACE] * SPACE)
        code = CODE_ORDER[place]
        codes = state.subsets[subset]
        codes.extend([SPACE] * (code + 1 - len(codes)))  # codes not handed out yet draw a space
        codes[code] = point
        number: int = subset << 8 | code
        self[point] = number
        return number
