"""The printed formats: page sizes, panels, and how many fit on an office sheet.

All sizes in PDF points (1/72 inch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

MM = 72 / 25.4
MAX_BLEED_MM = 20  # print shops ask for 3 mm (0.125 in); more is a unit mistake
_LENGTH = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*(mm|cm|pt|in)?\s*")
LENGTH_UNITS = {"mm": MM, "cm": 10 * MM, "pt": 1.0, "in": 72.0}


FOLD_ALLOWANCE = 2 * MM  # a letter-folded leaflet's inside flap is this much narrower

Kind = Literal["sheet", "trifold", "card", "phone"]


def parse_length(value: str | float) -> float:
    """A bleed as people write it, in points: '3mm', '0.3cm', '0.125in', '9pt', or a bare number
    of millimetres (a decimal comma as well as a point: '3,5mm'); ValueError says what is wrong."""
    match = _LENGTH.fullmatch(str(value).lower())
    if not match:
        raise ValueError(f"'{value}' is not a length; write it like 3mm, 0.3cm, 9pt or 0.125in")
    points = float(match.group(1).replace(",", ".")) * LENGTH_UNITS[match.group(2) or "mm"]
    if points > MAX_BLEED_MM * MM + 1e-9:
        raise ValueError(
            f"{points / MM:.4g} mm is more than {MAX_BLEED_MM} mm; print shops usually ask for 3 mm"
        )
    return points


@dataclass(frozen=True)
class Rect:
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Format:
    name: str  # goes into the file name
    kind: Kind
    width: float  # one page, trimmed
    height: float
    margin: float
    min_body: float  # the readable minimum for body text
    columns: int = 2  # tips
    service_columns: int = 2
    max_pages: int | None = None  # beyond this, tips are left out by priority
    title_scale: float = 2.3  # title size over body size

    @property
    def printed(self) -> bool:
        """Paper, which can have crop marks and bleed; a phone screen has nothing to trim."""
        return self.kind != "phone"

    @property
    def small(self) -> bool:
        """Small formats show tips by priority."""
        return self.max_pages is not None


def _trifold(name: str, width: float, height: float) -> Format:
    return Format(
        name,
        "trifold",
        width,
        height,
        margin=7 * MM,
        min_body=9.0,
        columns=1,
        service_columns=1,
        max_pages=2,
        title_scale=2.0,
    )


FORMATS: dict[str, Format] = {
    "a4": Format("a4", "sheet", 210 * MM, 297 * MM, margin=10 * MM, min_body=9.0),
    "letter": Format("letter", "sheet", 612.0, 792.0, margin=10 * MM, min_body=9.0),
    "a5": Format(
        "a5",
        "sheet",
        148 * MM,
        210 * MM,
        margin=9 * MM,
        min_body=9.0,
        columns=1,  # a tip on one wide line fills the small page with less left over
        max_pages=2,
        title_scale=2.0,
    ),
    "trifold-a4": _trifold("trifold-a4", 297 * MM, 210 * MM),
    "trifold-letter": _trifold("trifold-letter", 792.0, 612.0),
    "card": Format(
        "card",
        "card",
        105 * MM,
        148 * MM,
        margin=5 * MM,
        min_body=8.0,
        columns=1,
        service_columns=1,
        max_pages=2,
        title_scale=1.6,
    ),
}

# A phone screen, 9:16 portrait.  At 90 mm wide, a page shown across a 6-inch phone's width
# (about 68 mm) sets 10.5 pt body text at about 8 pt: the size of a messaging app's text.
FORMATS["phone"] = Format(
    "phone",
    "phone",
    90 * MM,
    160 * MM,
    margin=5 * MM,
    min_body=10.5,
    columns=1,
    service_columns=1,
    title_scale=1.9,
)

SHEETS: dict[str, tuple[float, float]] = {"a4": (210 * MM, 297 * MM), "letter": (612.0, 792.0)}


def trifold_panels(fmt: Format, rtl: bool = False) -> tuple[list[Rect], list[Rect]]:
    """Panels of the outside (inside flap | back | cover) and inside (1 | 2 | 3) pages, in
    reading order.

    Printed on both sides and folded in three (letter fold): the flap that folds in is a
    little narrower, so on the inside page it is the right-hand panel.  A right-to-left
    leaflet opens from the other side: its panels, and so its folds, are mirrored.
    """
    outside, inside = _trifold_panels(fmt)
    if not rtl:
        return outside, inside

    def mirrored(panels: list[Rect]) -> list[Rect]:
        return [Rect(fmt.width - p.x - p.width, p.y, p.width, p.height) for p in panels]

    return mirrored(outside), mirrored(inside)


def _trifold_panels(fmt: Format) -> tuple[list[Rect], list[Rect]]:
    full = (fmt.width + FOLD_ALLOWANCE) / 3
    flap = fmt.width - 2 * full
    outside = [
        Rect(0, 0, flap, fmt.height),
        Rect(flap, 0, full, fmt.height),
        Rect(flap + full, 0, full, fmt.height),
    ]
    inside = [
        Rect(0, 0, full, fmt.height),
        Rect(full, 0, full, fmt.height),
        Rect(2 * full, 0, flap, fmt.height),
    ]
    return outside, inside


@dataclass(frozen=True)
class Imposition:
    """Copies of one small page on an office sheet, in a grid centred on the sheet."""

    sheet_width: float
    sheet_height: float
    columns: int
    rows: int
    page_width: float
    page_height: float

    @property
    def copies(self) -> int:
        return self.columns * self.rows

    @property
    def origin(self) -> tuple[float, float]:
        """Lower-left corner of the grid."""
        return (
            (self.sheet_width - self.columns * self.page_width) / 2,
            (self.sheet_height - self.rows * self.page_height) / 2,
        )

    def slot(self, index: int, back: bool = False) -> tuple[float, float]:
        """Lower-left corner of copy `index`; a back page mirrors across the long edge (duplex)."""
        column, row = index % self.columns, index // self.columns
        if back:
            column = self.columns - 1 - column
        x0, y0 = self.origin
        return x0 + column * self.page_width, y0 + (self.rows - 1 - row) * self.page_height


def impose(fmt: Format, sheet: str) -> Imposition:
    """The most copies of `fmt` that fit the sheet, portrait or landscape (pages are never rotated)."""
    width, height = SHEETS[sheet]
    best: Imposition | None = None
    for sheet_w, sheet_h in ((width, height), (height, width)):
        columns = int((sheet_w + 0.5) // fmt.width)
        rows = int((sheet_h + 0.5) // fmt.height)
        candidate = Imposition(sheet_w, sheet_h, columns, rows, fmt.width, fmt.height)
        if columns and rows and (best is None or candidate.copies > best.copies):
            best = candidate
    if best is None:
        raise ValueError(f"{fmt.name} does not fit on {sheet}")
    return best
