"""The building blocks of a leaflet page, as ReportLab flowables.

Text from a user's file is never markup: it goes into our own text blocks as
plain characters, so `Food & Shelter <Open Door>` prints exactly that.  In a
right-to-left language every block is mirrored: numbers, labels and QR codes
sit on the right.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from hrleaflet.content.models import EmergencyNumber, Service
from hrleaflet.render.qr import QrCode
from hrleaflet.render.styles import Styles, color
from hrleaflet.render.text.draw import draw_line
from hrleaflet.render.text.flowable import TextBlock
from hrleaflet.render.text.layout import layout_paragraph
from hrleaflet.render.text.style import Span, TextStyle, separated, separator
from hrleaflet.render.themes import Theme
from hrleaflet.render.tipblock import TipBlock

_TIGHT: list[tuple[object, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
]


def text(value: str, style: TextStyle, label: str | None = None, ltr: bool = False) -> TextBlock:
    """A paragraph of literal text, with an optional bold label before it.

    `ltr` marks a phone number, link or opening hours: read left to right as one unit.
    """
    spans = [Span(f"{label} ", bold=True), Span(value, ltr=ltr)] if label else [Span(value, ltr=ltr)]
    return TextBlock(spans, style)


def link_span(url: str) -> Span:
    """A link as people read and type it: without 'https://' (the QR code keeps the whole link),
    otherwise exactly as written, read left to right and broken only after a '/'."""
    shown = url[len("https://") :] if url.lower().startswith("https://") else url
    return Span(shown, ltr=True, link=True)


def _row(
    cells: Sequence[object], widths: Sequence[float], rtl: bool
) -> tuple[list[list[object]], list[float]]:
    """One table row, mirrored for right-to-left languages."""
    if rtl:
        return [list(reversed(cells))], list(reversed(widths))
    return [list(cells)], list(widths)


def _table(
    rows: list[list[object]], widths: list[float], font: str, commands: list[tuple[object, ...]]
) -> Table:
    """A layout table; its cell font is ours, or ReportLab would reference Helvetica."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
    return table


class NumberBadge(Flowable):  # type: ignore[misc]
    """A tip's number in a filled circle: it reads in colour and on a photocopier."""

    def __init__(self, label: str, diameter: float, theme: Theme, style: TextStyle) -> None:
        super().__init__()
        self.label = label
        self.diameter = diameter
        self.theme = theme
        self.style = style
        self.width = self.height = diameter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.diameter, self.diameter

    def draw(self) -> None:
        canvas = self.canv
        radius = self.diameter / 2
        canvas.setFillColor(color(self.theme.badge_fill))
        canvas.circle(radius, radius, radius, stroke=0, fill=1)
        laid = layout_paragraph([Span(self.label)], self.style, self.diameter * 4)
        line = laid.lines[0]
        baseline = radius - laid.ascent + laid.line_height / 2
        draw_line(canvas, line, radius - line.width / 2, baseline, self.theme.badge_ink)


def header_block(
    title: str, subtitle: str | None, styles: Styles, theme: Theme, width: float, font: str
) -> Table:
    commands: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (0, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    ]
    if theme.header_fill is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), color(theme.header_fill)))
    else:
        # An outline where colour has a fill: the same room, so black-and-white is laid out
        # exactly as colour (what fits, and where, never depends on the mode).
        commands.append(("BOX", (0, 0), (-1, -1), 1.5, color(theme.rule)))
    rows: list[list[object]] = [[text(title, styles.title)]]
    if subtitle:
        rows.append([text(subtitle, styles.subtitle)])
    return _table(rows, [width], font, commands)


NARROW = 330.0  # points: below this, the emergency label goes above the numbers


def emergency_block(
    label: str, numbers: Sequence[EmergencyNumber], styles: Styles, theme: Theme, width: float, font: str
) -> Table:
    spans: list[Span] = []
    for index, number in enumerate(numbers):
        if index:
            spans.append(separator("   ·   ", bold=False))
        # No-break spaces keep a label with its number and the number in one piece.
        spans.append(Span(f"{number.label}:\u00a0"))
        spans.append(Span(number.phone.replace(" ", "\u00a0"), scale=1.3, ltr=True))
    label_cell = text(label, styles.emergency)
    numbers_cell = TextBlock(spans, styles.emergency_numbers)
    padding = 10
    label_width = label_cell.natural_width() + 2 * padding + 2
    if label_width > width * 0.3 or width < NARROW:
        # A narrow panel or card: the label above the numbers, each with the full width, so
        # that no phone number is ever broken across lines.
        rows: list[list[object]] = [[label_cell], [numbers_cell]]
        widths = [width]
    else:
        rows, widths = _row([label_cell, numbers_cell], [label_width, width - label_width], styles.rtl)
    return _table(
        rows,
        widths,
        font,
        [
            ("BACKGROUND", (0, 0), (-1, -1), color(theme.emergency_fill)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), padding),
            ("RIGHTPADDING", (0, 0), (-1, -1), padding),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
        ],
    )


def tip_block(
    number: str,
    headline: str,
    body: str,
    icon: str | None,
    styles: Styles,
    theme: Theme,
) -> TipBlock:
    """A numbered tip, its pictogram under the number, headline and text beside them."""
    from hrleaflet.render.pictograms import Pictogram

    diameter = styles.body_size * 2.1
    marker: list[Flowable] = [NumberBadge(number, diameter, theme, styles.badge)]
    if icon:
        marker += [Spacer(1, 3), Pictogram(icon, diameter, ink=theme.accent, paper=theme.paper)]
    return TipBlock(
        marker,
        diameter,
        text(headline, styles.headline),
        text(body, styles.body),
        space_after=styles.body_size * 0.8 * styles.spacing,
        rtl=styles.rtl,
    )


def service_block(
    service: Service,
    kind_words: dict[str, str],
    words: dict[str, str],
    styles: Styles,
    theme: Theme,
    width: float,
    font: str,
    compact: bool = False,
) -> Table:
    """One service: name, kinds, contact details and a QR code for its link.

    `compact` (a pocket card): name, kinds, phone and link only; the full leaflet has the rest.
    """
    lines: list[Flowable] = [text(service.name, styles.service_name)]
    lines.append(TextBlock(separated(kind_words[k] for k in service.kinds), styles.service_kinds))
    if service.address and not compact:
        lines.append(text(service.address, styles.service))
    if service.phone:
        lines.append(text(service.phone, styles.service, label=words["leaflet/phone"], ltr=True))
    if service.hours and not compact:
        lines.append(text(service.hours, styles.service, label=words["leaflet/open"], ltr=True))
    if service.url:
        label = Span(f"{words['leaflet/web']} ", bold=True)
        lines.append(TextBlock([label, link_span(service.url)], styles.service))
    if service.notes and not compact:
        lines.append(text(service.notes, styles.service))
    qr_size = 40.0 if compact else 46.0
    if service.url:
        cells: list[object] = [lines, QrCode(service.url, qr_size, ink=theme.ink, paper=theme.paper)]
        rows, widths = _row(cells, [width - qr_size - 4, qr_size + 4], styles.rtl)
        qr_column = 0 if styles.rtl else 1
        align = [("ALIGN", (qr_column, 0), (qr_column, 0), "LEFT" if styles.rtl else "RIGHT")]
    else:
        rows, widths, align = [[lines]], [width], []
    spacing = ("BOTTOMPADDING", (0, 0), (-1, -1), 0)  # the card around it pads it
    return _table(rows, widths, font, [*_TIGHT, spacing, *align])
