"""The order to write a line's /ActualText in, so that poppler reads the line as written.

poppler (pdftotext, and the viewers built on it) does not run the Unicode bidi
algorithm.  It decides one direction for a whole page, by counting its
left-to-right letters against its right-to-left ones, and then rebuilds every
line from the left-to-right order of its characters with a two-state scan:

- on a right-to-left page, from the right: a right-to-left section runs over
  everything but Latin letters and number characters and is read right to
  left; then a left-to-right section runs over everything but right-to-left
  letters and is read left to right; and so on;
- on a left-to-right page, the same from the left with the roles swapped.

"Number characters" there are digits and the separators and terminators that
go with them (``+ - , . / : % #``, the Arabic comma).

A line's whole ActualText is laid out left to right over the line, so writing
it in the order this scan turns back into the logical text makes pdftotext
return the line as written.  One thing no order can give: on a right-to-left
page, a neutral character (a bracket, a quotation mark) after a run of Latin or
digits and before right-to-left text or the end of the line; poppler always
moves it to the other side of the run (and the mirror image on a left-to-right
page).  Whitespace in such places also moves, which text comparisons ignore.
Line breaking avoids making such a line end (`layout._break_units`).
"""

from __future__ import annotations

import itertools
import unicodedata
from collections import Counter
from collections.abc import Iterable
from typing import Literal

ReaderClass = Literal["L", "R", "#", "N"]

_CLASSES: dict[str, ReaderClass] = {
    "L": "L",
    "R": "R",
    "AL": "R",
    "EN": "#",
    "AN": "#",
    "ES": "#",
    "ET": "#",
    "CS": "#",
}


class _Classes(dict[str, ReaderClass]):
    """Each character's class, looked up in the Unicode database once (a page asks of every
    character it draws, of a few hundred distinct ones)."""

    def __missing__(self, char: str) -> ReaderClass:
        kind = self[char] = _CLASSES.get(unicodedata.bidirectional(char), "N")
        return kind


_CLASS_OF = _Classes()


def reader_class(char: str) -> ReaderClass:
    """Left-to-right letter, right-to-left letter, number character or neutral."""
    return _CLASS_OF[char]


def page_reads_rtl(texts: Iterable[str]) -> bool:
    """Whether poppler will read a page with these lines as right to left."""
    counts = Counter(itertools.chain.from_iterable(texts))
    balance = 0
    for char, count in counts.items():
        kind = _CLASS_OF[char]
        if kind == "L":
            balance += count
        elif kind == "R":
            balance -= count
    return balance < 0


def actual_text_order(text: str, rtl_page: bool) -> list[int]:
    """Indices into `text`, in the order poppler's scan turns back into `text`."""
    kinds = [_CLASS_OF[char] for char in text]
    return _for_rtl_page(kinds) if rtl_page else _for_ltr_page(kinds)


def _for_rtl_page(kinds: list[ReaderClass]) -> list[int]:
    sections: list[list[int]] = []
    start, end = 0, len(kinds)
    while start < end:
        split = _run(kinds, start, stop=("L", "#"))
        sections.append(list(range(split - 1, start - 1, -1)))  # read right to left
        start, split = split, _run(kinds, split, stop=("R",))
        sections.append(list(range(start, split)))  # read left to right
        start = split
    return [index for section in reversed(sections) for index in section]  # the scan starts at the right


def _for_ltr_page(kinds: list[ReaderClass]) -> list[int]:
    sections: list[list[int]] = []
    start, end = 0, len(kinds)
    while start < end:
        split = _run(kinds, start, stop=("R",))
        sections.append(list(range(start, split)))
        start, split = split, _run(kinds, split, stop=("L", "#"))
        sections.append(list(range(split - 1, start - 1, -1)))
        start = split
    return [index for section in sections for index in section]


def _run(kinds: list[ReaderClass], start: int, stop: tuple[ReaderClass, ...]) -> int:
    """Where a section that began at `start` ends: at the first character of a `stop` class."""
    index = start
    while index < len(kinds) and kinds[index] not in stop:
        index += 1
    return index
