"""Unicode bidi levels (UAX #9), and the visual order of a line's runs.

The levels come from python-bidi's pure-Python algorithm (`bidi.algorithm`), step by step.
It follows UAX #9 as of Unicode 6.0: it knows neither isolates (LRI/RLI/FSI/PDI fail its
checks) nor bracket pairs (rule N0).  python-bidi's Rust backend has both but gives back only
display strings, so this module adds the two:

- Rule N0 between the weak and the neutral rules.  Without it, in "Cheryl White (3D Research)،
  بالتعاون" in a right-to-left paragraph the opening bracket went with the Latin name and the
  closing one with the Arabic comma: printed "(White (3D Research".
- Isolates for what must read left to right (phone numbers, links, opening hours: `Span.ltr`):
  the text around an isolate is resolved with one neutral character in its place, as around
  LRI…PDI, and the isolate's characters take the next even level.  So a number after a link
  stays in the sentence instead of joining the link's run.  Nothing is inserted into the text.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from typing import Any, TypeVar

T = TypeVar("T")

_STRONG_RTL = frozenset({"R", "AL"})
_FIRST_RTL = "\u0590"  # no character before the Hebrew block is of class R or AL
_REMOVED_BY_X9 = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})
_NUMBER_OR_LETTER = frozenset({"L", "EN", "AN"})
_STAND_IN = "\ufffc"  # OBJECT REPLACEMENT CHARACTER, an Other Neutral: an isolate, seen from outside
_MAX_BRACKET_DEPTH = 63  # BD16


def first_strong_is_rtl(text: str) -> bool | None:
    """Rules P2-P3: the direction of the first strong character, or None when there is none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG_RTL:
            return True
        if kind == "L":
            return False
    return None


def has_rtl_letters(text: str) -> bool:
    """Whether any character is a right-to-left letter (bidi class R or AL)."""
    if not text or max(text) < _FIRST_RTL:
        return False  # the usual case for Latin, Cyrillic and Greek text, found without a lookup
    return any(unicodedata.bidirectional(ch) in _STRONG_RTL for ch in text)


def needs_bidi(text: str, rtl_paragraph: bool) -> bool:
    return rtl_paragraph or has_rtl_letters(text)


def embedding_levels(text: str, rtl_paragraph: bool, ltr_ranges: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The resolved embedding level of every character (even = left to right).

    Each of `ltr_ranges` reads left to right as an isolate (`_isolates`), in a left-to-right
    paragraph too: there, opening hours with the days in Arabic would otherwise take the times
    into the Arabic run and show "17:00-9:00".  One limit: an isolate that touches a Latin
    letter or digit outside it, with no space between, reads as one run with it (the LRI and
    PDI that would part them are not there to take a level).
    """
    if not needs_bidi(text, rtl_paragraph):
        return [0] * len(text)
    isolates = _isolates(text, ltr_ranges)
    if not isolates:
        return _levels(text, rtl_paragraph)
    outside: list[str] = []
    previous = 0
    for start, end, _ in isolates:
        outside += [text[previous:start], _STAND_IN]
        previous = end
    outside.append(text[previous:])
    around = iter(_levels("".join(outside), rtl_paragraph))
    levels: list[int] = []
    previous = 0
    for start, end, inside in isolates:
        levels += [next(around) for _ in range(start - previous)]
        next(around)  # the stand-in
        levels += [2 + level for level in inside]  # 2: the least even level above the paragraph's
        previous = end
    levels += around
    return levels


def _isolates(text: str, ltr_ranges: Sequence[tuple[int, int]]) -> list[tuple[int, int, list[int]]]:
    """The isolates for `ltr_ranges`: where each is, and the levels of its characters within it.

    - A range without right-to-left letters (a phone number, a Latin address, "09:30-17:00")
      reads left to right as a whole, Arabic-Indic digits too ("٠١٢ ٣٤٥" keeps its groups in
      order, where UAX #9 alone would swap them).
    - One word with right-to-left letters (a web address) reads left to right, its
      right-to-left parts in their own order, as between LRI and PDI.
    - Words with right-to-left letters (opening hours with the days written out,
      "من الأحد إلى الخميس 09:30-17:00") stay in the sentence's order; each stretch between
      the right-to-left letters, from its first to its last letter or digit, reads left to
      right as a whole.
    """
    isolates: list[tuple[int, int, list[int]]] = []
    for start, end in sorted(ltr_ranges):
        part = text[start:end]
        kinds = [unicodedata.bidirectional(char) for char in part]
        if not _STRONG_RTL.intersection(kinds):
            isolates.append((start, end, [0] * len(part)))
        elif not any(char.isspace() for char in part):
            isolates.append((start, end, _levels(part, rtl_paragraph=False)))
        else:
            first: int | None = None
            last = 0
            for offset, kind in enumerate([*kinds, "R"]):
                if kind in _STRONG_RTL:
                    if first is not None:
                        isolates.append((start + first, start + last + 1, [0] * (last + 1 - first)))
                    first = None
                elif kind in _NUMBER_OR_LETTER:
                    first = offset if first is None else first
                    last = offset
    return [isolate for isolate in isolates if isolate[0] < isolate[1]]


def _levels(text: str, rtl_paragraph: bool) -> list[int]:
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl_paragraph else 0
    storage["base_dir"] = "R" if rtl_paragraph else "L"
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
    _resolve_bracket_pairs(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    kept = iter(int(char["level"]) for char in storage["chars"])
    # Rule X9 drops boundary neutrals (ZWNJ, ZWJ) from the result: they take their neighbour's level.
    levels: list[int] = []
    for char in text:
        if unicodedata.bidirectional(char) in _REMOVED_BY_X9:
            levels.append(levels[-1] if levels else storage["base_level"])
        else:
            levels.append(next(kept))
    return levels


def _resolve_bracket_pairs(storage: dict[str, Any]) -> None:
    """Rule N0 on python-bidi's working storage (character types after the weak rules): both
    brackets of a pair take one direction, from what they enclose and what comes before."""
    for run in storage["runs"]:
        chars = storage["chars"][run["start"] : run["start"] + run["length"]]
        if not chars:
            continue
        embedding = "R" if chars[0]["level"] % 2 else "L"
        for opening, closing in _bracket_pairs(chars):
            inside = {_strong(char["type"]) for char in chars[opening + 1 : closing]}
            if embedding in inside:
                direction = embedding  # N0 b
            elif inside - {None}:
                # N0 c: only the opposite direction inside: the brackets go with it when the
                # text before them does too ("White (3D Research)"), else with the embedding.
                before = (_strong(char["type"]) for char in reversed(chars[:opening]))
                direction = next((kind for kind in before if kind), run["sor"])
            else:
                continue  # N0 d: nothing strong inside, the neutral rules decide
            for index in (opening, closing):
                chars[index]["type"] = direction
                after = index + 1
                while after < len(chars) and chars[after]["orig"] == "NSM":
                    chars[after]["type"] = direction  # a mark on a bracket goes with it
                    after += 1


def _strong(kind: str) -> str | None:
    """A type as rule N0 sees it: numbers count as right to left."""
    if kind == "L":
        return "L"
    if kind in ("R", "AL", "EN", "AN"):
        return "R"
    return None


def _bracket_pairs(chars: Sequence[dict[str, Any]]) -> list[tuple[int, int]]:
    """Rule BD16: the bracket pairs of a run of characters, in the order they open."""
    openers, closers = _brackets()
    stack: list[tuple[str, int]] = []  # (the closing bracket wanted, where the opening one is)
    pairs: list[tuple[int, int]] = []
    for index, char in enumerate(chars):
        if char["type"] != "ON":
            continue
        if char["ch"] in openers:
            if len(stack) == _MAX_BRACKET_DEPTH:
                break
            stack.append((openers[char["ch"]], index))
        elif char["ch"] in closers:
            wanted = closers[char["ch"]]
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == wanted:
                    pairs.append((stack[depth][1], index))
                    del stack[depth:]
                    break
    return sorted(pairs)


@functools.cache
def _brackets() -> tuple[dict[str, str], dict[str, str]]:
    """Opening and closing paired brackets (Bidi_Paired_Bracket_Type), each mapped to the
    closing bracket of its pair: the mirrored punctuation pairs that open (Ps) and close (Pe).
    Canonical equivalents close the same pairs (U+2329 and U+3008 are one bracket)."""
    from bidi.mirror import MIRRORED

    openers: dict[str, str] = {}
    closers: dict[str, str] = {}
    for char, mirror in MIRRORED.items():
        if unicodedata.category(char) == "Ps" and unicodedata.category(mirror) == "Pe":
            key = unicodedata.normalize("NFD", mirror)
            openers[char] = closers[mirror] = key
            closers[key] = key
    return openers, closers


def visual_order(items: Sequence[T], levels: Sequence[int]) -> list[T]:
    """Rule L2: from the highest level down to the lowest odd one, reverse each run at or above it."""
    order = list(range(len(items)))
    if not levels:
        return []
    highest = max(levels)
    lowest_odd = min((lvl for lvl in levels if lvl % 2), default=highest + 1)
    current = list(levels)
    for level in range(highest, lowest_odd - 1, -1):
        index = 0
        while index < len(order):
            if current[index] >= level:
                end = index
                while end < len(order) and current[end] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                current[index:end] = reversed(current[index:end])
                index = end
            else:
                index += 1
    return [items[i] for i in order]
