"""Lay a paragraph out in lines: fonts per character, bidi levels, ICU line breaks, shaping.

Lines break only where ICU's line-break rules allow (for Thai, at dictionary word
boundaries), never inside a word the language file keeps whole (`TextStyle.keep_whole`);
a word longer than the line is broken between grapheme clusters, never inside one.
Nothing is ever dropped, except a list's separator (`Span.separator`) where a line breaks at it.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from hrleaflet.errors import RenderError
from hrleaflet.render.text.bidi import embedding_levels, first_strong_is_rtl, visual_order
from hrleaflet.render.text.fonts import Face, Family
from hrleaflet.render.text.reading_order import reader_class
from hrleaflet.render.text.shaping import Glyph, ShapedRun, shape
from hrleaflet.render.text.style import Align, Span, TextStyle, plain

# Tall scripts (Thai, Bengali, Arabic) need more line height than Latin; a face's own ascent +
# descent says how much, but Noto Sans Arabic's (2.1 em) leaves lines looking unrelated.
MAX_LINE_HEIGHT = 1.45  # and PDF readers (poppler) take lines 1.5 em apart as separate blocks


class Piece(NamedTuple):
    """A run of one face, size and bidi level within one breakable unit (a named tuple: a
    leaflet's trial sizes make tens of thousands)."""

    face: Face
    size: float
    level: int
    text: str
    run: ShapedRun

    @property
    def is_space(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class Line:
    pieces: tuple[Piece, ...]  # in logical order, without the trailing space the line broke at
    visual: tuple[int, ...]  # indices of `pieces` from left to right
    width: float
    text: str  # the line's characters in logical order: what a reader should extract
    has_rtl: bool = False  # any right-to-left piece
    # What drawing the line at a place writes, apart from its ink and the document's glyph
    # codes (`draw.draw_line`): kept with the line, which a batch lays out once.
    drawn: dict[tuple[float, float], Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True)
class Layout:
    lines: tuple[Line, ...]
    line_height: float
    ascent: float  # from the top of a line box to its baseline

    @property
    def height(self) -> float:
        return len(self.lines) * self.line_height

    @property
    def width(self) -> float:
        return max((line.width for line in self.lines), default=0.0)


_NEUTRAL = ("M", "Z", "P", "N", "S", "C")  # marks, spaces, punctuation, digits, symbols, format


def covering_family(char: str, families: Sequence[Family]) -> Family | None:
    for family in families:
        if family.covers(char):
            return family
    return None


def is_ignorable(char: str) -> bool:
    """Format characters (ZWNJ, ZWJ) need no glyph: HarfBuzz uses them to steer shaping."""
    return unicodedata.category(char) == "Cf"


def _families_per_char(text: str, families: Sequence[Family]) -> list[Family]:
    """Each character's family: a letter takes the first that covers it; neutrals stay with the last."""
    first = families[0]
    if first.coverage.issuperset(map(ord, text)):
        return [first] * len(text)  # the usual case: the language's own font has every character
    chosen: list[Family] = []
    previous: Family | None = None
    for char in text:
        family: Family | None
        if (
            previous is not None
            and unicodedata.category(char)[0] in _NEUTRAL
            and (previous.covers(char) or is_ignorable(char))
        ):
            family = previous
        else:
            family = covering_family(char, families)
            if family is None and is_ignorable(char):
                family = previous or families[0]
        if family is None:
            raise RenderError(
                f"no font has a glyph for U+{ord(char):04X} {unicodedata.name(char, 'unnamed character')}"
            )
        chosen.append(family)
        previous = family
    return chosen


_HYPHENS = ("-", "\u2010")


def _break_units(text: str, locale: str, rtl: bool) -> list[tuple[int, int]]:
    """ICU's line-break opportunities, except inside hyphenated words ("fixez-vous", "COVID-19")
    and, in right-to-left text, after a bracket or quotation mark that closes a Latin word or a
    number ("«… Drugs» (Russell").

    A line ending in a hyphen reads as a word split by hyphenation: PDF readers drop
    the hyphen when extracting, and people may too.  A right-to-left line ending in such a
    bracket is one poppler can only read back with the bracket moved (`reading_order`).
    """
    from icu4py.breakers import LineBreaker

    units: list[tuple[int, int]] = []
    for start, end in LineBreaker(text, locale).segments():
        if units and (
            (text[units[-1][1] - 1] in _HYPHENS and text[start : start + 1].isalnum())
            or (rtl and _closes_latin_run(text[units[-1][0] : units[-1][1]]))
        ):
            units[-1] = (units[-1][0], end)
        else:
            units.append((start, end))
    return units


def _cut_at_separators(
    units: list[tuple[int, int]], separators: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Each separator one unit of its own: a line may break before it or after it (and then
    leaves it out), never inside it ("999   ·   111" has ICU's break after the first spaces)."""
    if not separators:
        return units
    cuts = {start for start, _ in units} | {units[-1][1]}
    for start, end in separators:
        cuts.difference_update(range(start + 1, end))
        cuts.update((start, end))
    return list(itertools.pairwise(sorted(cuts)))


@functools.lru_cache(maxsize=64)
def _term_pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a language's keep-whole words, longest first (compiled once per language)."""
    words = sorted({term for term in terms if term}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))) if words else None


def _inside_terms(text: str, terms: tuple[str, ...]) -> set[int]:
    """Positions strictly inside an occurrence of a keep-whole word: no line breaks there."""
    pattern = _term_pattern(terms) if terms else None
    if pattern is None:
        return set()
    return {inside for match in pattern.finditer(text) for inside in range(match.start() + 1, match.end())}


def _join_units(
    units: list[tuple[int, int]],
    text: str,
    links: Sequence[tuple[int, int]],
    kept: set[int],
    separators: Sequence[tuple[int, int]],
) -> list[list[tuple[int, int]]]:
    """ICU's units grouped so that a line does not break inside a keep-whole word (`kept`) and,
    inside a web address, breaks only after '/' or after a '.' of the path (ICU would also break
    after '-', '?' or '&').  A group keeps its units: one wider than the whole line falls back
    to ICU's breaks, not to any letter.  A separator's edges always stay breaks."""
    edges = {edge for separator in separators for edge in separator}
    groups: list[list[tuple[int, int]]] = []
    for start, end in units:
        link = next(((a, b) for a, b in links if a < start < b), None)
        joined = start in kept or (link is not None and not _link_break_before(text, link[0], start))
        if groups and joined and start not in edges:
            groups[-1].append((start, end))
        else:
            groups.append([(start, end)])
    return groups


def _items(
    groups: list[list[tuple[int, int]]], separators: Sequence[tuple[int, int]]
) -> Iterator[tuple[bool, list[list[tuple[int, int]]]]]:
    """(is a separator, groups) in order: the groups of each list item between separators.
    Without separators each group is an item of its own."""
    if not separators:
        for group in groups:
            yield False, [group]
        return
    marks = set(separators)
    item: list[list[tuple[int, int]]] = []
    for group in groups:
        if len(group) == 1 and group[0] in marks:
            if item:
                yield False, item
            item = []
            yield True, [group]
        else:
            item.append(group)
    if item:
        yield False, item


def _link_break_before(text: str, link_start: int, position: int) -> bool:
    previous = text[position - 1]
    path_started = "/" in text[link_start : position - 1]
    return previous == "/" or (previous == "." and path_started)


def _closes_latin_run(unit: str) -> bool:
    """Whether a unit ends with neutral characters after a Latin letter or digit ("Drugs»")."""
    kinds = [reader_class(char) for char in unit.rstrip()]
    end = len(kinds)
    while end and kinds[end - 1] == "N":
        end -= 1
    return end < len(kinds) and end > 0 and kinds[end - 1] in ("L", "#")


def _graphemes(text: str, locale: str) -> list[tuple[int, int]]:
    from icu4py.breakers import CharacterBreaker

    return list(CharacterBreaker(text, locale).segments())


@dataclass(frozen=True)
class _Analysis:
    """What a paragraph's layout needs that does not depend on its text size: the same for
    every size a leaflet tries (`compose._plan`), so worked out once."""

    text: str
    bold: tuple[bool, ...]
    scale: tuple[float, ...]
    link_ranges: tuple[tuple[int, int], ...]
    separators: tuple[tuple[int, int], ...]
    rtl: bool  # the paragraph's direction
    levels: tuple[int, ...]
    families: tuple[Family, ...]  # per character
    # Where pieces are cut: each character whose face, scale or level differs from the one
    # before it, and each right-to-left punctuation mark (`key`).
    cuts: tuple[int, ...]
    items: tuple[tuple[bool, list[list[tuple[int, int]]]], ...]  # `_items`: where lines may break
    # Units made so far, by (size, start, end, separator): a paragraph is laid out in several
    # widths at one size (A4 and Letter columns, each balancing trial), and its words are the
    # same units in each.
    units: dict[tuple[float, int, int, bool], _Unit] = field(default_factory=dict, compare=False)
    unbroken: dict[float, tuple[list[_Unit], float]] = field(default_factory=dict, compare=False)


_AnalysisKey = tuple[tuple[Span, ...], tuple[Family, ...], str, bool, bool, bool, tuple[str, ...]]
_ANALYSES: dict[_AnalysisKey, _Analysis] = {}


def _analysis(spans: Sequence[Span], style: TextStyle) -> _Analysis:
    key = (
        tuple(spans),
        style.families,
        style.locale,
        style.rtl,
        style.auto_direction,
        style.bold,
        style.keep_whole,
    )
    found = _ANALYSES.get(key)
    if found is None:
        if len(_ANALYSES) >= _LAYOUT_LIMIT:
            _ANALYSES.clear()
        found = _ANALYSES[key] = _analyse(spans, style)
    return found


def _analyse(spans: Sequence[Span], style: TextStyle) -> _Analysis:
    text = plain(spans)
    bold: list[bool] = []
    scale: list[float] = []
    ltr_ranges: list[tuple[int, int]] = []
    link_ranges: list[tuple[int, int]] = []
    separators: list[tuple[int, int]] = []
    for span in spans:
        here = (len(bold), len(bold) + len(span.text))
        if span.ltr:
            ltr_ranges.append(here)
        if span.link:
            link_ranges.append(here)
        if span.separator and span.text:
            if separators and separators[-1][1] == here[0]:
                here = (separators.pop()[0], here[1])  # two in a row separate as one
            separators.append(here)
        bold += [style.bold if span.bold is None else span.bold] * len(span.text)
        scale += [span.scale] * len(span.text)
    rtl = style.rtl
    if style.auto_direction:
        found = first_strong_is_rtl(text)
        rtl = rtl if found is None else found
    levels = embedding_levels(text, rtl, ltr_ranges)
    families = _families_per_char(text, style.families)

    def key(index: int) -> tuple[str, float, int, int]:
        # Each punctuation mark in right-to-left text is a piece of its own: extractors that
        # reverse right-to-left runs (pypdf) misplace brackets and stops at a run's edge.
        level = levels[index]
        alone = index if level % 2 == 1 and unicodedata.category(text[index])[0] in "PS" else -1
        family = families[index]
        face = family.bold if bold[index] else family.regular
        return (face.name, scale[index], level, alone)

    keys = tuple(key(index) for index in range(len(text)))
    cuts = tuple(index for index in range(1, len(text)) if keys[index] != keys[index - 1])
    items: tuple[tuple[bool, list[list[tuple[int, int]]]], ...] = ()
    if text:
        breaks = _cut_at_separators(_break_units(text, style.locale, rtl), separators)
        kept = _inside_terms(text, style.keep_whole)
        groups = _join_units(breaks, text, link_ranges, kept, separators)
        items = tuple(_items(groups, separators))
    return _Analysis(
        text,
        tuple(bold),
        tuple(scale),
        tuple(link_ranges),
        tuple(separators),
        rtl,
        tuple(levels),
        tuple(families),
        cuts,
        items,
    )


class _Shaper:
    """Turns character ranges of one paragraph into shaped pieces at the style's size."""

    def __init__(self, spans: Sequence[Span], style: TextStyle) -> None:
        self.style = style
        analysis = _analysis(spans, style)
        self.items = analysis.items
        self.text = analysis.text
        self.bold = analysis.bold
        self.scale = analysis.scale
        self.link_ranges = analysis.link_ranges
        self.separators = analysis.separators
        self.rtl = analysis.rtl
        self.levels = analysis.levels
        self.families = analysis.families
        self.cuts = analysis.cuts
        self.units = analysis.units
        self.unbroken = analysis.unbroken

    def face_at(self, index: int) -> Face:
        family = self.families[index]
        return family.bold if self.bold[index] else family.regular

    def pieces(self, start: int, end: int) -> list[Piece]:
        """Shaped pieces of text[start:end], cut where face, size or level change, and before end spaces."""
        if start >= end:
            return []
        text = self.text
        core_end = start + len(text[start:end].rstrip())
        # The analysis's cuts inside the range (most words have none), found by bisection:
        # between two of them face, size and level stay the same.
        first = bisect.bisect_right(self.cuts, start)
        bounds = [start, *self.cuts[first : bisect.bisect_left(self.cuts, end, first)], end]
        result = []
        for left, right in itertools.pairwise(bounds):
            face = self.face_at(left)
            size = self.style.size * self.scale[left]
            level = self.levels[left]
            parts = ((left, core_end), (core_end, right)) if left < core_end < right else ((left, right),)
            for part_start, part_end in parts:
                chunk = text[part_start:part_end]
                result.append(Piece(face, size, level, chunk, shape(face, size, chunk, level % 2 == 1)))
        return result

    def unit(self, start: int, end: int, separator: bool = False) -> _Unit:
        """The unit of text[start:end] at the style's size, made once for every width."""
        key = (self.style.size, start, end, separator)
        found = self.units.get(key)
        if found is None:
            found = self.units[key] = _unit(start, end, self.pieces(start, end), separator)
        return found


_LAYOUTS: dict[tuple[tuple[Span, ...], TextStyle, float], Layout] = {}
_LAYOUT_LIMIT = 20_000
_UNBOUNDED_WIDTH = 1e6  # a paragraph measured on one line (natural width): no box to align in


def forget_layouts() -> None:
    """Forget every paragraph laid out (and analysed) so far: for measuring a fresh leaflet."""
    _LAYOUTS.clear()
    _ANALYSES.clear()


def layout_paragraph(spans: Sequence[Span], style: TextStyle, width: float) -> Layout:
    """Lines for a paragraph; remembered, since a batch lays the same tips out again and again."""
    key = (tuple(spans), style.for_layout, round(width, 3))
    found = _LAYOUTS.get(key)
    if found is None:
        if len(_LAYOUTS) >= _LAYOUT_LIMIT:
            _LAYOUTS.clear()
        found = _LAYOUTS[key] = _layout_paragraph(spans, style, width)
    return found


class _Unit(NamedTuple):
    """A run of text a line never breaks inside, shaped."""

    start: int
    end: int
    pieces: list[Piece]
    separator: bool  # left out where a line breaks at it
    width: float  # its pieces' advances, trailing space included
    visible: float  # as the end of a line shows it: trailing space does not count


def _unit(start: int, end: int, pieces: list[Piece], separator: bool = False) -> _Unit:
    width = visible = 0.0
    for piece in pieces:  # summed in order, as `_make_line` sums a line's widths
        width += piece.run.width
        if not piece.is_space:
            visible = width
    return _Unit(start, end, pieces, separator, width, visible)


def _layout_paragraph(spans: Sequence[Span], style: TextStyle, width: float) -> Layout:
    shaper = _Shaper(spans, style)
    text = shaper.text
    lines = _fill(_units(shaper, width), text, width) if text else []

    faces = {(piece.face.name, piece.size): piece for line in lines for piece in line.pieces}
    natural = max(
        (min(p.face.ascent + p.face.descent, MAX_LINE_HEIGHT) * p.size for p in faces.values()), default=0.0
    )
    line_height = max(style.size * style.leading, natural)
    ascent = max((p.face.ascent * p.size for p in faces.values()), default=style.size * 0.8)
    descent = max((p.face.descent * p.size for p in faces.values()), default=style.size * 0.2)
    ascent += (line_height - ascent - descent) / 2  # centre the glyphs in the line box
    # Ink that would reach the next line's (Nastaliq's deep descent and high marks) moves
    # the lines apart, so no line's ink touches another's.
    reach = _ink_reach(lines, width, style, line_height)
    if reach > line_height:
        ascent += (reach - line_height) / 2
        line_height = reach
    return Layout(tuple(lines), line_height, ascent)


def piece_starts(line: Line, x: float = 0.0) -> Iterator[tuple[int, float]]:
    """The line's pieces left to right, as they are drawn from `x`: (logical index, x)."""
    for index in line.visual:
        yield index, x
        x += line.pieces[index].run.width


def drawn_glyphs(line: Line) -> Iterator[tuple[float, Glyph]]:
    """The line's glyphs left to right, as they are drawn, each with its x from the line's start."""
    for index, start in piece_starts(line):
        for glyph in line.pieces[index].run.glyphs:
            yield start + glyph.x, glyph


def line_offset(line: Line, width: float, style: TextStyle) -> float:
    """Where a line starts in its box: right-to-left text is set flush right, as is START."""
    if style.align is Align.CENTRE:
        return (width - line.width) / 2
    right_aligned = (style.align is Align.START) == style.rtl
    return width - line.width if right_aligned else 0.0


_INK_BIN = 1.0  # points: ink is compared across neighbouring lines in columns this wide


def _ink_reach(lines: Sequence[Line], width: float, style: TextStyle, pitch: float) -> float:
    """The line pitch at which no line's ink meets the next line's ink above or below it:
    over every pair of neighbouring lines, the deepest ink of the upper line plus the
    highest of the lower one where the two share columns (points).  Exact whenever it
    exceeds `pitch` (all the caller asks); otherwise some value up to `pitch`: a pair of lines
    whose deepest and highest ink together cannot exceed it is not compared column by column."""
    # Each line's highest and deepest ink anywhere (at least 0): bounds for its pairs.
    highest = [max((piece.run.ink_top for piece in line.pieces), default=0.0) for line in lines]
    deepest = [max((piece.run.ink_depth for piece in line.pieces), default=0.0) for line in lines]
    bound = max(highest, default=0.0) + max(deepest, default=0.0)
    if bound <= pitch:
        return bound  # no two lines can meet at this pitch (all but the tallest scripts)
    columns: dict[int, tuple[dict[int, float], dict[int, float]]] = {}

    def ink_columns(number: int) -> tuple[dict[int, float], dict[int, float]]:
        """A line's highest and deepest ink in each column (kept: each line is in two pairs)."""
        if number in columns:
            return columns[number]
        line = lines[number]
        tops: dict[int, float] = {}
        depths: dict[int, float] = {}
        offset = line_offset(line, width, style) if width < _UNBOUNDED_WIDTH else 0.0
        for index, x in piece_starts(line, offset):
            piece = line.pieces[index]
            for glyph in piece.run.glyphs:
                above, below, left, right = piece.face.ink(glyph.gid)
                if left == right:
                    continue
                top, depth = above * piece.size + glyph.y, below * piece.size - glyph.y
                origin = x + glyph.x
                first = int((origin + left * piece.size) // _INK_BIN)
                last = int((origin + right * piece.size) // _INK_BIN)
                for column in range(first, last + 1):
                    tops[column] = max(tops.get(column, 0.0), top)
                    depths[column] = max(depths.get(column, 0.0), depth)
        columns[number] = tops, depths
        return tops, depths

    reach = 0.0
    for number in range(len(lines)):
        deepest_above = deepest[number - 1] if number else 0.0  # nothing above the first line
        if deepest_above + highest[number] > max(pitch, reach):  # this pair may reach further
            previous = ink_columns(number - 1)[1] if number else {}
            for column, top in ink_columns(number)[0].items():
                reach = max(reach, previous.get(column, 0.0) + top)
    return reach


def _units(shaper: _Shaper, width: float) -> list[_Unit]:
    """The units of a paragraph's lines at `width`: the same list at any width where each list
    item and word fits a line, made once a size (most paragraphs are laid out in several)."""
    found = shaper.unbroken.get(shaper.style.size)
    if found is None:
        unbroken = _units_at(shaper, math.inf)
        widest = max((unit.visible for unit in unbroken if not unit.separator), default=0.0)
        found = shaper.unbroken[shaper.style.size] = (unbroken, widest)
    unbroken, widest = found
    return unbroken if widest <= width else _units_at(shaper, width)


def _units_at(shaper: _Shaper, width: float) -> list[_Unit]:
    units: list[_Unit] = []
    for is_separator, item in shaper.items:
        start, end = item[0][0][0], item[-1][-1][1]
        if is_separator:
            units.append(shaper.unit(start, end, separator=True))
            continue
        if len(item) > 1:
            # A list item that fits on a line is not broken: the line breaks at a separator.
            whole = shaper.unit(start, end)
            if whole.visible <= width:
                units.append(whole)
                continue
        for group in item:
            units += _group_units(shaper, group, width)
    return units


def _group_units(shaper: _Shaper, group: list[tuple[int, int]], width: float) -> list[_Unit]:
    whole = shaper.unit(group[0][0], group[-1][1])
    if whole.visible <= width:
        return [whole]
    units: list[_Unit] = []
    for start, end in group:
        unit = whole if len(group) == 1 else shaper.unit(start, end)
        if unit.visible > width:
            # One word wider than the line (a long web address): break between grapheme clusters.
            for g_start, g_end in _graphemes(shaper.text[start:end], shaper.style.locale):
                units.append(shaper.unit(start + g_start, start + g_end))
        else:
            units.append(unit)
    return units


def _fill(units: Sequence[_Unit], text: str, width: float) -> list[Line]:
    """Greedy lines; a separator goes on a line only with the unit after it."""
    lines: list[Line] = []
    current: list[_Unit] = []
    used = 0.0  # width of the units on the line so far, their spaces included
    waiting: _Unit | None = None  # a separator, until the unit after it is placed
    for unit in units:
        if unit.separator:
            waiting = unit if current else None  # at a paragraph's start it separates nothing
            continue
        between = waiting.width if waiting else 0.0
        if current and used + between + unit.visible > width:
            lines.append(_make_line(current, text))
            current, used = [], 0.0
        elif waiting is not None:
            current.append(waiting)
            used += between
        waiting = None
        current.append(unit)
        used += unit.width
    if current:
        lines.append(_make_line(current, text))
    return lines


def _make_line(units: Sequence[_Unit], text: str) -> Line:
    pieces = [piece for unit in units for piece in unit.pieces]
    while pieces and pieces[-1].is_space:
        pieces.pop()
    levels = [piece.level for piece in pieces]
    has_rtl = any(level % 2 for level in levels)
    # With no odd level, rule L2 reverses nothing (`visual_order`).
    order = range(len(pieces))
    visual = visual_order(list(order), levels) if has_rtl else order
    logical = text[units[0].start : units[-1].end].rstrip()
    return Line(tuple(pieces), tuple(visual), sum(piece.run.width for piece in pieces), logical, has_rtl)
