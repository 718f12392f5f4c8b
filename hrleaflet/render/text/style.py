"""How a block of text looks: size, weight, colour, alignment, language."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import Enum
from functools import cached_property

from hrleaflet.render.text.fonts import Family


class Align(Enum):
    START = "start"  # left in left-to-right languages, right in right-to-left ones
    CENTRE = "centre"
    END = "end"


@dataclass(frozen=True)
class TextStyle:
    size: float
    colour: tuple[float, float, float]
    families: tuple[Family, ...]  # fallback order for this language
    locale: str  # for line breaking rules (Thai has no spaces between words)
    rtl: bool = False  # the leaflet's direction: alignment, and the base direction of its own text
    # Free text from a services file takes its base direction from its first letter (like
    # dir="auto" in HTML), so an English service name in an Arabic leaflet keeps its brackets.
    auto_direction: bool = False
    bold: bool = False
    leading: float = 1.3  # line height as a multiple of the size, before tall scripts raise it
    align: Align = Align.START
    # Words a line never breaks inside, from the language file: transliterated names that a
    # dictionary-based breaker (ICU's Thai) would split between syllables (นาล็อก|โซน).
    keep_whole: tuple[str, ...] = ()
    space_before: float = 0.0
    space_after: float = 0.0

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]

    @cached_property
    def for_layout(self) -> TextStyle:
        """This style in one ink, whatever its colour: where lines break does not depend on
        colour, so a paragraph laid out for the colour leaflet serves the black-and-white one
        (`layout_paragraph` keys on this)."""
        return self if self.colour == _LAYOUT_INK else replace(self, colour=_LAYOUT_INK)


_LAYOUT_INK = (0.0, 0.0, 0.0)


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with its own weight or size (a bold label, a large phone number)."""

    text: str
    bold: bool | None = None  # None: the style's weight
    scale: float = 1.0
    # A phone number, web address or opening hours: always read left to right as one unit,
    # even inside right-to-left text (the bidi algorithm alone would reverse "+44 1632 960101"
    # into three groups in the wrong order).
    ltr: bool = False
    # A web address printed as people read it: lines break only after a '/' (or a '.' of the
    # path), never inside a host name or a word of the path.
    link: bool = False
    # What goes between the items of a list (" · "): a line may break at it, and then it is
    # left out, so that no line starts or ends with a dangling separator.
    separator: bool = False


def plain(spans: Iterable[Span]) -> str:
    """The characters of a paragraph, without its styling."""
    return "".join(span.text for span in spans)


def separator(text: str = " · ", bold: bool | None = None) -> Span:
    """What goes between two items of a list; left out where a line breaks at it."""
    return Span(text, bold=bold, separator=True)


def separated(items: Iterable[str]) -> list[Span]:
    """Words as one list (service kinds): " · " between each two."""
    spans: list[Span] = []
    for item in items:
        if spans:
            spans.append(separator())
        spans.append(Span(item))
    return spans
