"""Shape one run of text (one face, size and direction) with HarfBuzz, remembering results.

Each glyph carries the text it stands for, for the PDF's ToUnicode map.  Where the
glyphs of a cluster each stand for one character, in the order written (a consonant,
then its vowel sign and tone mark), each carries its own.  Otherwise the widest glyph
of a cluster (its base, not a zero-width mark) carries the whole cluster, so a conjunct
drawn as one glyph, or a vowel sign drawn before its consonant, extracts as the
characters that were written, where they were written.

The other glyphs of a cluster carry no text (`SILENT`): the second part of a split
vowel, marks and pieces of an Indic or Thai cluster, Noto Sans Arabic's separate dots.
No ToUnicode entry is right for them in every reader (an empty one makes pdf.js, pdfium
and MuPDF give the raw code, a control character: pdf.js `Font._charToGlyph` does
`this.toUnicode.get(charcode) || charcode`; a direction mark is kept inside the word by
pypdf), so they get no code at all: `draw` paints them as outline paths (`outlines`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import uharfbuzz as hb

from hrleaflet.render.text.fonts import Face

FEATURES = {"kern": True, "liga": True}
_CACHE_LIMIT = 100_000
# What a glyph that stands for no character of its own carries: drawn as an outline.
SILENT = ""


class Glyph(NamedTuple):
    """One shaped glyph (a named tuple: a leaflet's trial sizes make tens of thousands)."""

    gid: int
    text: str  # the characters this glyph stands for (`SILENT` for the rest of a cluster)
    x: float  # pen position plus HarfBuzz offset, in points from the start of the run
    y: float
    advance: float  # HarfBuzz advance in points
    # TJ adjustment before this glyph (thousandths of an em) when the previous glyph of the
    # run was drawn with its plain advance: kerning and mark positioning, ready for the PDF.
    kern: float = 0.0


class ShapedRun:
    """A run at one size: its width and ink reach, and its glyphs.

    Lines are broken at every trial size from widths alone, and only the chosen size is
    drawn, so the glyphs are worked out when first asked for (`glyphs`), with the same
    arithmetic in the same order as the width: about a third of a fresh leaflet's runs
    are ever drawn or looked at glyph by glyph."""

    __slots__ = ("_face", "_glyphs", "_shaped", "_size", "ink_depth", "ink_top", "width")

    def __init__(
        self, face: Face, size: float, shaped: _Shaped, width: float, ink_top: float, ink_depth: float
    ) -> None:
        self.width = width
        # How far the run's ink reaches above and below the baseline (points, at least 0): a
        # bound that spares most paragraphs the column-by-column ink check (`layout._ink_reach`).
        self.ink_top = ink_top
        self.ink_depth = ink_depth
        self._face = face
        self._size = size
        self._shaped = shaped
        self._glyphs: tuple[Glyph, ...] | None = None

    @property
    def glyphs(self) -> tuple[Glyph, ...]:
        """The glyphs in drawing (visual) order."""
        if self._glyphs is None:
            self._glyphs = _glyphs_at_size(self._face, self._size, self._shaped)
        return self._glyphs

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ShapedRun):
            return NotImplemented
        return (self.width, self.ink_top, self.ink_depth, self.glyphs) == (
            other.width,
            other.ink_top,
            other.ink_depth,
            other.glyphs,
        )

    def __hash__(self) -> int:
        return hash((self.width, self._shaped.gids))  # both decided by what __eq__ compares

    def __repr__(self) -> str:
        return f"ShapedRun(width={self.width!r}, glyphs={self.glyphs!r})"


_cache: dict[tuple[str, float, str, bool], ShapedRun] = {}


def shape(face: Face, size: float, text: str, rtl: bool) -> ShapedRun:
    key = (face.name, size, text, rtl)
    found = _cache.get(key)
    if found is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        found = _cache[key] = _at_size(face, size, _in_font_units(face, text, rtl))
    return found


def forget_shapes() -> None:
    """Forget every run shaped so far (at any size): for measuring a fresh leaflet."""
    _cache.clear()
    _units.clear()


@dataclass(frozen=True)
class _Shaped:
    """HarfBuzz's answer for a text in a face, in font units: the same at every text size (the
    font is not hinted), so a leaflet that tries several sizes shapes each word once."""

    gids: tuple[int, ...]
    carried: tuple[str, ...]  # the text each glyph stands for (`SILENT` for none)
    x_offsets: tuple[int, ...]
    y_offsets: tuple[int, ...]
    x_advances: tuple[int, ...]
    naturals: tuple[float, ...]  # each glyph's advance in its font's widths, in font units
    inks: tuple[tuple[float, float] | None, ...]  # its ink above and below the baseline (ems)


_units: dict[tuple[str, str, bool], _Shaped] = {}


def _in_font_units(face: Face, text: str, rtl: bool) -> _Shaped:
    key = (face.name, text, rtl)
    found = _units.get(key)
    if found is None:
        if len(_units) >= _CACHE_LIMIT:
            _units.clear()
        found = _units[key] = _harfbuzz(face, text, rtl)
    return found


def _character_clusters(face: Face, text: str, rtl: bool) -> list[int] | None:
    """Each glyph's cluster at character level (the glyphs are the same at every level), or
    None for right-to-left text, whose clusters run against the glyph order."""
    if rtl:
        return None
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "ltr"
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    hb.shape(face.hb_font, buffer, FEATURES)
    return [info.cluster for info in buffer.glyph_infos]


def _harfbuzz(face: Face, text: str, rtl: bool) -> _Shaped:
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES
    hb.shape(face.hb_font, buffer, FEATURES)
    infos = buffer.glyph_infos
    positions = buffer.glyph_positions
    clusters = [info.cluster for info in infos]
    if not rtl and clusters == list(range(len(text))):
        # One glyph for each character, in the order written (most Latin and Cyrillic words):
        # each carries its own character, as the general case below would find.
        return _shaped(face, [info.codepoint for info in infos], text, positions)
    starts = sorted(set(clusters))
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    members: dict[int, list[int]] = {}
    for index, info in enumerate(infos):
        members.setdefault(info.cluster, []).append(index)
    carried = [SILENT for _ in infos]
    characters = _character_clusters(face, text, rtl) if any(len(m) > 1 for m in members.values()) else None
    for cluster, indexes in members.items():
        chars = text[cluster : ends[cluster]]
        if characters is not None and [characters[i] for i in indexes] == list(range(cluster, ends[cluster])):
            # Each glyph of the cluster stands for one character, in the order written (a
            # consonant, then its vowel sign and tone mark): each carries its own, so none is
            # drawn as an outline (`outlines`), which saves a form per such glyph.
            for index in indexes:
                carried[index] = text[characters[index]]
        elif rtl and len(indexes) >= len(chars) > 1:
            # An Arabic letter and its marks: one character per glyph, so that extractors
            # that reverse right-to-left text character by character put every mark back
            # after its letter.  HarfBuzz gives a right-to-left cluster's glyphs in visual
            # order, marks first and the letter last.
            for index, char in zip(indexes[-len(chars) :], reversed(chars), strict=True):
                carried[index] = char
        else:
            widest = max(indexes, key=lambda i: positions[i].x_advance)
            carried[widest] = chars
    return _shaped(face, [info.codepoint for info in infos], carried, positions)


def _shaped(face: Face, gids: Sequence[int], carried: Iterable[str], positions: Sequence[Any]) -> _Shaped:
    return _Shaped(
        tuple(gids),
        tuple(carried),
        tuple(position.x_offset for position in positions),
        tuple(position.y_offset for position in positions),
        tuple(position.x_advance for position in positions),
        tuple(face.advance(gid) * face.upem / 1000 for gid in gids),
        tuple(_ink(face, gid) for gid in gids),
    )


def _ink(face: Face, gid: int) -> tuple[float, float] | None:
    above, below, left, right = face.ink(gid)
    return None if left == right else (above, below)


def _at_size(face: Face, size: float, shaped: _Shaped) -> ShapedRun:
    """The run's width and ink reach at `size`; its glyphs wait until asked for."""
    scale = size / face.upem
    pen = 0.0
    ink_top = ink_depth = 0.0
    for y_offset, x_advance, ink in zip(shaped.y_offsets, shaped.x_advances, shaped.inks, strict=True):
        if ink is not None:
            y = y_offset * scale
            top, depth = ink[0] * size + y, ink[1] * size - y
            if top > ink_top:
                ink_top = top
            if depth > ink_depth:
                ink_depth = depth
        pen += x_advance * scale
    return ShapedRun(face, size, shaped, pen, ink_top, ink_depth)


def _glyphs_at_size(face: Face, size: float, shaped: _Shaped) -> tuple[Glyph, ...]:
    """Each glyph's place at `size`: the pen moves exactly as `_at_size` moves it."""
    scale = size / face.upem
    upem = face.upem
    glyphs = []
    pen = 0.0
    natural_end = 0.0  # where a viewer's pen is after the previous glyph, in font units
    for index, (gid, text, x_offset, y_offset, x_advance, natural) in enumerate(
        zip(
            shaped.gids,
            shaped.carried,
            shaped.x_offsets,
            shaped.y_offsets,
            shaped.x_advances,
            shaped.naturals,
            strict=True,
        )
    ):
        x_units = pen / scale + x_offset
        kern = -(x_units - natural_end) * 1000 / upem if index else 0.0
        natural_end = x_units + natural
        glyphs.append(Glyph(gid, text, pen + x_offset * scale, y_offset * scale, x_advance * scale, kern))
        pen += x_advance * scale
    return tuple(glyphs)
