"""The building blocks of a leaflet page, as ReportLab flowables.

Every string from a user's file passes through `para()`, which escapes it: a
service called `Food & Shelter <Open Door>` prints exactly that.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from hrleaflet.content.models import EmergencyNumber, Service
from hrleaflet.render.qr import QrCode
from hrleaflet.render.styles import Styles, color
from hrleaflet.render.themes import Theme


def para(text: str, style: object, bold_prefix: str | None = None) -> Paragraph:
    """A paragraph of literal text (never markup), with an optional bold label."""
    body = escape(text)
    if bold_prefix:
        body = f"<b>{escape(bold_prefix)}</b> {body}"
    return Paragraph(body, style)


class NumberBadge(Flowable):  # type: ignore[misc]
    """A tip's number in a filled circle: it reads in colour and on a photocopier."""

    def __init__(self, number: int, diameter: float, theme: Theme, font: str) -> None:
        super().__init__()
        self.number = number
        self.diameter = diameter
        self.theme = theme
        self.font = font
        self.width = self.height = diameter

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.diameter, self.diameter

    def draw(self) -> None:
        canvas = self.canv
        radius = self.diameter / 2
        canvas.setFillColor(color(self.theme.badge_fill))
        canvas.circle(radius, radius, radius, stroke=0, fill=1)
        canvas.setFillColor(color(self.theme.badge_ink))
        size = self.diameter * 0.55
        canvas.setFont(self.font, size)
        canvas.drawCentredString(radius, radius - size * 0.36, str(self.number))


_TIGHT: list[tuple[object, ...]] = [
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 0),
    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ("TOPPADDING", (0, 0), (-1, -1), 0),
]


def _table(
    rows: list[list[object]], widths: list[float], font: str, commands: list[tuple[object, ...]]
) -> Table:
    """A layout table; its cell font is ours, or ReportLab would reference Helvetica."""
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
    return table


def header_block(title: str, subtitle: str, styles: Styles, theme: Theme, width: float) -> Table:
    commands: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (0, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    ]
    if theme.header_fill is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), color(theme.header_fill)))
    else:
        commands += [
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("LINEBELOW", (0, -1), (-1, -1), 2.5, color(theme.rule)),
        ]
    rows: list[list[object]] = [[para(title, styles.title)], [para(subtitle, styles.subtitle)]]
    return _table(rows, [width], styles.body.fontName, commands)


def emergency_block(
    label: str, numbers: tuple[EmergencyNumber, ...], styles: Styles, theme: Theme, width: float
) -> Table:
    entries = " &nbsp;·&nbsp; ".join(
        f"{escape(n.label)}:&nbsp;<font size='+3'>{escape(n.phone).replace(' ', '&nbsp;')}</font>"
        for n in numbers
    )
    label_cell = para(label, styles.emergency_label)
    label_width = min(width * 0.3, label_cell.minWidth() + 20)
    return _table(
        [[label_cell, Paragraph(entries, styles.emergency)]],
        [label_width, width - label_width],
        styles.body.fontName,
        [
            ("BACKGROUND", (0, 0), (-1, -1), color(theme.emergency_fill)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
        ],
    )


def tip_block(number: int, headline: str, body: str, styles: Styles, theme: Theme, width: float) -> Table:
    diameter = styles.body_size * 2.1
    badge = NumberBadge(number, diameter, theme, styles.headline.fontName)
    gap = 6
    return _table(
        [[badge, [para(headline, styles.headline), para(body, styles.body)]]],
        [diameter + gap, width - diameter - gap],
        styles.body.fontName,
        [*_TIGHT, ("BOTTOMPADDING", (0, 0), (-1, -1), styles.body_size * 0.8)],
    )


def service_block(
    service: Service,
    kind_words: dict[str, str],
    words: dict[str, str],
    styles: Styles,
    theme: Theme,
    width: float,
) -> Table:
    lines: list[Paragraph] = [para(service.name, styles.service_name)]
    lines.append(para(" · ".join(kind_words[k] for k in service.kinds), styles.service_kinds))
    if service.address:
        lines.append(para(service.address, styles.service))
    if service.phone:
        lines.append(para(service.phone, styles.service, bold_prefix=words["leaflet/phone"]))
    if service.hours:
        lines.append(para(service.hours, styles.service, bold_prefix=words["leaflet/open"]))
    if service.url:
        lines.append(para(service.url, styles.service, bold_prefix=words["leaflet/web"]))
    if service.notes:
        lines.append(para(service.notes, styles.service))
    qr_size = 46.0 if service.url else 0.0
    cells: list[object] = [lines]
    widths = [width - qr_size]
    if service.url:
        cells.append(QrCode(service.url, qr_size, ink=theme.ink, paper=theme.paper))
        widths.append(qr_size)
    return _table(
        [cells],
        widths,
        styles.body.fontName,
        [
            *_TIGHT,
            ("RIGHTPADDING", (0, 0), (0, 0), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), styles.body_size * 0.9),
        ],
    )
