"""A TrueType font for ReportLab whose glyph codes extract as the text they stand for.

A shaped glyph may stand for several characters (a Devanagari conjunct), or be
one of several glyphs for one character, or be a contextual form (Arabic).  We
draw each such glyph with a private code point of its own and record the text
it carries; the font's ToUnicode CMap then maps the code to that text.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont

from hrleaflet.render.text.name_table import slim_name_table

FIRST_PRIVATE = 0xF0000  # Supplementary Private Use Area-A: never in a font's own cmap


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
        entries = [f"<{i:02X}> <{_utf16_hex(self._text_of.get(v, chr(v)))}>" for i, v in enumerate(subset)]
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
