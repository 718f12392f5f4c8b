"""Paragraph styles for one leaflet, derived from a theme, fonts and a body size."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from hrleaflet.render.fonts import FontFamily
from hrleaflet.render.themes import RGB, Theme

MIN_BODY_SIZE = 9.0  # the readable minimum for body text on A4/Letter


def color(rgb: RGB) -> Color:
    return Color(*rgb)


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    intro: ParagraphStyle
    emergency_label: ParagraphStyle
    emergency: ParagraphStyle
    headline: ParagraphStyle
    body: ParagraphStyle
    section: ParagraphStyle
    service_name: ParagraphStyle
    service_kinds: ParagraphStyle
    service: ParagraphStyle
    footer: ParagraphStyle
    body_size: float


def make_styles(theme: Theme, fonts: FontFamily, body_size: float, rtl: bool = False) -> Styles:
    align = TA_RIGHT if rtl else TA_LEFT
    leading = 1.3

    def style(name: str, size: float, ink: RGB, bold: bool = False, **extra: object) -> ParagraphStyle:
        settings: dict[str, object] = {
            "fontName": fonts.bold if bold else fonts.regular,
            "fontSize": size,
            "leading": round(size * leading, 2),
            "textColor": color(ink),
            "alignment": align,
            **extra,
        }
        return ParagraphStyle(name, **settings)

    small = max(MIN_BODY_SIZE, body_size - 1)
    return Styles(
        title=style("title", body_size * 2.3, theme.header_ink, bold=True, leading=body_size * 2.6),
        subtitle=style("subtitle", body_size * 1.2, theme.header_ink),
        intro=style("intro", body_size + 0.5, theme.ink, spaceAfter=body_size * 0.6),
        emergency_label=style("emergency-label", body_size * 1.25, theme.emergency_ink, bold=True),
        emergency=style("emergency", body_size * 1.25, theme.emergency_ink, bold=True),
        headline=style("headline", body_size + 1, theme.ink, bold=True, spaceAfter=1),
        body=style("body", body_size, theme.ink),
        section=style("section", body_size * 1.35, theme.accent, bold=True, spaceBefore=4, spaceAfter=4),
        service_name=style("service-name", body_size, theme.card_ink, bold=True),
        service_kinds=style("service-kinds", small, theme.card_accent, bold=True),
        service=style("service", small, theme.card_ink),
        footer=style("footer", MIN_BODY_SIZE, theme.muted),
        body_size=body_size,
    )
