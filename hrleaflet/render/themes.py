"""Colour and black-and-white palettes, with the text/background pairs they use.

Colour mode meets WCAG AA (4.5:1) for every pair; black-and-white mode is grey
only, designed for photocopiers: no light-grey text (7:1 or more), no large
solid areas that streak, and nothing whose meaning depends on colour.
"""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[float, float, float]


def hex_rgb(code: str) -> RGB:
    code = code.lstrip("#")
    return (int(code[0:2], 16) / 255, int(code[2:4], 16) / 255, int(code[4:6], 16) / 255)


@dataclass(frozen=True)
class Theme:
    name: str  # "colour" or "bw": goes into the file name
    ink: RGB  # body text
    paper: RGB
    muted: RGB  # footer and small print
    header_fill: RGB | None  # band behind the title; None draws a rule instead
    header_ink: RGB
    accent: RGB  # headings, numbers, kind labels on paper
    badge_fill: RGB
    badge_ink: RGB
    emergency_fill: RGB
    emergency_ink: RGB
    card_fill: RGB  # background of the services box
    card_ink: RGB
    card_accent: RGB  # kind labels inside the services box
    rule: RGB
    min_contrast: float
    grey_only: bool

    def text_pairs(self) -> dict[str, tuple[RGB, RGB]]:
        """Every (text, background) pair a leaflet prints, by role."""
        header_bg = self.header_fill or self.paper
        return {
            "body": (self.ink, self.paper),
            "muted": (self.muted, self.paper),
            "accent": (self.accent, self.paper),
            "header": (self.header_ink, header_bg),
            "badge": (self.badge_ink, self.badge_fill),
            "emergency": (self.emergency_ink, self.emergency_fill),
            "card": (self.card_ink, self.card_fill),
            "card-accent": (self.card_accent, self.card_fill),
        }


COLOUR = Theme(
    name="colour",
    ink=hex_rgb("#1b1b1b"),
    paper=hex_rgb("#ffffff"),
    muted=hex_rgb("#4d4d4d"),
    header_fill=hex_rgb("#005a5e"),
    header_ink=hex_rgb("#ffffff"),
    accent=hex_rgb("#005a5e"),
    badge_fill=hex_rgb("#005a5e"),
    badge_ink=hex_rgb("#ffffff"),
    emergency_fill=hex_rgb("#a4102a"),
    emergency_ink=hex_rgb("#ffffff"),
    card_fill=hex_rgb("#e8f3f2"),
    card_ink=hex_rgb("#1b1b1b"),
    card_accent=hex_rgb("#00494c"),
    rule=hex_rgb("#7fb3b1"),
    min_contrast=4.5,
    grey_only=False,
)

BLACK_AND_WHITE = Theme(
    name="bw",
    ink=hex_rgb("#000000"),
    paper=hex_rgb("#ffffff"),
    muted=hex_rgb("#262626"),
    header_fill=None,
    header_ink=hex_rgb("#000000"),
    accent=hex_rgb("#000000"),
    badge_fill=hex_rgb("#000000"),
    badge_ink=hex_rgb("#ffffff"),
    emergency_fill=hex_rgb("#000000"),
    emergency_ink=hex_rgb("#ffffff"),
    card_fill=hex_rgb("#ffffff"),
    card_ink=hex_rgb("#000000"),
    card_accent=hex_rgb("#000000"),
    rule=hex_rgb("#000000"),
    min_contrast=7.0,
    grey_only=True,
)

THEMES: dict[str, Theme] = {theme.name: theme for theme in (COLOUR, BLACK_AND_WHITE)}
MODES: tuple[str, ...] = tuple(THEMES)
SPELLINGS = {"color": "colour"}  # a mode as people in the US write it


def mode_named(name: str) -> str:
    """A mode as typed, in any case and either spelling of colour (unknown names unchanged)."""
    key = name.strip().lower()
    return SPELLINGS.get(key, key)
