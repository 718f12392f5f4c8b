"""Unicode bidi levels (UAX #9) from python-bidi, and the visual order of a line's runs."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")

_STRONG_RTL = frozenset({"R", "AL"})
_REMOVED_BY_X9 = frozenset({"RLE", "LRE", "RLO", "LRO", "PDF", "BN"})


def first_strong_is_rtl(text: str) -> bool | None:
    """Rules P2-P3: the direction of the first strong character, or None when there is none."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG_RTL:
            return True
        if kind == "L":
            return False
    return None


def needs_bidi(text: str, rtl_paragraph: bool) -> bool:
    return rtl_paragraph or any(unicodedata.bidirectional(ch) in _STRONG_RTL for ch in text)


LRE, PDF = "\u202a", "\u202c"


def embedding_levels(text: str, rtl_paragraph: bool, ltr_ranges: Sequence[tuple[int, int]] = ()) -> list[int]:
    """The resolved embedding level of every character (even = left to right).

    Characters in `ltr_ranges` are embedded left to right (as if between LRE and PDF).
    """
    if not needs_bidi(text, rtl_paragraph):
        return [0] * len(text)
    if ltr_ranges and rtl_paragraph:
        marked = list(text)
        for start, end in sorted(ltr_ranges, reverse=True):
            marked[end:end] = [PDF]
            marked[start:start] = [LRE]
        levels = _levels("".join(marked), rtl_paragraph)
        return [lvl for ch, lvl in zip(marked, levels, strict=True) if ch not in (LRE, PDF)]
    return _levels(text, rtl_paragraph)


def _levels(text: str, rtl_paragraph: bool) -> list[int]:
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl_paragraph else 0
    storage["base_dir"] = "R" if rtl_paragraph else "L"
    algorithm.get_embedding_levels(text, storage)
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage, False)
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
