"""How a block of text looks: size, weight, colour, alignment, language."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import Enum

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
    space_before: float = 0.0
    space_after: float = 0.0

    def but(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]


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
