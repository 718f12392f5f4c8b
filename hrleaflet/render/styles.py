"""Text styles for one leaflet, from a theme, a language's fonts and a body size."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color

from hrleaflet.render.text.fonts import Family
from hrleaflet.render.text.style import TextStyle
from hrleaflet.render.themes import RGB, Theme

MIN_BODY_SIZE = 9.0  # the readable minimum for body text on A4/Letter


def color(rgb: RGB) -> Color:
    return Color(*rgb)


@dataclass(frozen=True)
class Styles:
    title: TextStyle
    subtitle: TextStyle
    intro: TextStyle
    emergency: TextStyle
    emergency_numbers: TextStyle
    headline: TextStyle
    body: TextStyle
    section: TextStyle
    service_name: TextStyle
    service_kinds: TextStyle
    service: TextStyle
    footer: TextStyle
    badge: TextStyle
    body_size: float
    rtl: bool
    spacing: float = 1.0  # space between blocks, relative (the tight step closes it up)


def make_styles(
    theme: Theme,
    families: tuple[Family, ...],
    locale: str,
    rtl: bool,
    body_size: float,
    minimum: float = MIN_BODY_SIZE,
    title_scale: float = 2.3,
    tight: bool = False,
    keep_whole: tuple[str, ...] = (),
) -> Styles:
    """`tight`: the last step before a leaflet needs more paper (or leaves tips out): the same
    readable text size, with closer lines, less space between blocks and a smaller title.
    `keep_whole`: the language's words that lines never break inside."""
    leading = 1.18 if tight else 1.3
    if tight:
        title_scale *= 0.85
    base = TextStyle(
        size=body_size,
        colour=theme.ink,
        families=families,
        locale=locale,
        rtl=rtl,
        leading=leading,
        keep_whole=keep_whole,
    )
    small = max(minimum, body_size - 1)
    gap = 0.5 if tight else 1.0
    return Styles(
        title=base.but(size=body_size * title_scale, colour=theme.header_ink, bold=True, leading=1.12),
        subtitle=base.but(size=body_size * (1.1 if tight else 1.2), colour=theme.header_ink),
        intro=base.but(size=body_size + 0.5, space_after=body_size * 0.6 * gap),
        emergency=base.but(size=body_size * 1.25, colour=theme.emergency_ink, bold=True),
        emergency_numbers=base.but(
            size=body_size * 1.25, colour=theme.emergency_ink, bold=True, auto_direction=True
        ),
        headline=base.but(size=body_size + 1, bold=True, leading=1.1 if tight else 1.2, space_after=1),
        body=base,
        section=base.but(
            size=body_size * 1.35, colour=theme.accent, bold=True, space_before=4 * gap, space_after=4 * gap
        ),
        service_name=base.but(colour=theme.card_ink, bold=True, auto_direction=True),
        service_kinds=base.but(size=small, colour=theme.card_accent, bold=True),
        service=base.but(size=small, colour=theme.card_ink, auto_direction=True),
        footer=base.but(size=max(8.0, minimum - 1), colour=theme.muted),  # fine print
        badge=base.but(size=body_size * 1.15, colour=theme.badge_ink, bold=True, leading=1.0),
        body_size=body_size,
        spacing=0.7 if tight else 1.0,
        rtl=rtl,
    )
