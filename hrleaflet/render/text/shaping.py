"""Shape one run of text (one face, size and direction) with HarfBuzz, remembering results.

Each glyph carries the text it stands for, for the PDF's ToUnicode map: the widest
glyph of a cluster (its base, not a zero-width mark) carries the whole cluster, so
a conjunct drawn as one glyph, or a vowel sign drawn before its consonant,
extracts as the characters that were written, where they were written.
"""

from __future__ import annotations

from dataclasses import dataclass

import uharfbuzz as hb

from hrleaflet.render.text.fonts import Face

FEATURES = {"kern": True, "liga": True}
_CACHE_LIMIT = 100_000


@dataclass(frozen=True)
class Glyph:
    gid: int
    text: str  # the characters this glyph stands for ("" for the rest of a cluster)
    x: float  # pen position plus HarfBuzz offset, in points from the start of the run
    y: float
    advance: float  # HarfBuzz advance in points


@dataclass(frozen=True)
class ShapedRun:
    glyphs: tuple[Glyph, ...]  # in drawing (visual) order
    width: float


_cache: dict[tuple[str, float, str, bool], ShapedRun] = {}


def shape(face: Face, size: float, text: str, rtl: bool) -> ShapedRun:
    key = (face.name, size, text, rtl)
    found = _cache.get(key)
    if found is None:
        if len(_cache) >= _CACHE_LIMIT:
            _cache.clear()
        found = _cache[key] = _shape(face, size, text, rtl)
    return found


def _shape(face: Face, size: float, text: str, rtl: bool) -> ShapedRun:
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    buffer.direction = "rtl" if rtl else "ltr"
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_GRAPHEMES
    hb.shape(face.hb_font, buffer, FEATURES)
    infos = buffer.glyph_infos
    positions = buffer.glyph_positions
    starts = sorted({info.cluster for info in infos})
    ends = dict(zip(starts, [*starts[1:], len(text)], strict=True))
    carrier: dict[int, int] = {}  # cluster -> index of its widest glyph
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        best = carrier.get(info.cluster)
        if best is None or position.x_advance > positions[best].x_advance:
            carrier[info.cluster] = index
    scale = size / face.upem
    glyphs = []
    pen = 0.0
    for index, (info, position) in enumerate(zip(infos, positions, strict=True)):
        cluster = info.cluster
        carried = text[cluster : ends[cluster]] if carrier[cluster] == index else ""
        glyphs.append(
            Glyph(
                gid=info.codepoint,
                text=carried,
                x=pen + position.x_offset * scale,
                y=position.y_offset * scale,
                advance=position.x_advance * scale,
            )
        )
        pen += position.x_advance * scale
    return ShapedRun(tuple(glyphs), pen)
