"""Paper sizes, in PDF points (1/72 inch)."""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4


@dataclass(frozen=True)
class Paper:
    name: str  # goes into the file name
    width: float
    height: float
    margin: float


PAPERS: dict[str, Paper] = {
    "a4": Paper("a4", 210 * MM, 297 * MM, 12 * MM),
    "letter": Paper("letter", 612.0, 792.0, 0.5 * 72),
}
