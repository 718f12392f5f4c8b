"""The building blocks of a leaflet page, as ReportLab flowables.

Every string from a user's file passes through `para()`, which escapes it: a
service called `Food & Shelter <Open Door>` prints exactly that.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from hrleaflet.content.models import EmergencyNumber, Service
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


def qr_code(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def header_block(title: str, subtitle: str, styles: Styles, theme: Theme, width: float) -> Table:
    table = Table([[para(title, styles.title)], [para(subtitle, styles.subtitle)]], colWidths=[width])
    commands: list[tuple[object, ...]] = [
        ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (0, 0), 8),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
    ]
    if theme.header_fill is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), color(theme.header_fill)))
    else:
        commands += [("LEFTPADDING", (0, 0), (-1, -1), 0), ("LINEBELOW", (0, -1), (-1, -1), 2.5, color(theme.rule))]
    table.setStyle(TableStyle(commands))
    return table


def emergency_block(
    label: str, numbers: tuple[EmergencyNumber, ...], styles: Styles, theme: Theme, width: float
) -> Table:
    entries = " &nbsp;·&nbsp; ".join(
        f"{escape(n.label)}:&nbsp;<font size='+3'>{escape(n.phone).replace(' ', '&nbsp;')}</font>" for n in numbers
    )
    label_cell = para(label, styles.emergency_label)
    label_width = min(width * 0.3, label_cell.minWidth() + 20)
    table = Table(
        [[label_cell, Paragraph(entries, styles.emergency)]],
        colWidths=[label_width, width - label_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), color(theme.emergency_fill)),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def tip_block(number: int, headline: str, body: str, styles: Styles, theme: Theme, width: float) -> Table:
    diameter = styles.body_size * 2.1
    badge = NumberBadge(number, diameter, theme, styles.headline.fontName)
    gap = 6
    table = Table(
        [[badge, [para(headline, styles.headline), para(body, styles.body)]]],
        colWidths=[diameter + gap, width - diameter - gap],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.body_size * 0.8),
            ]
        )
    )
    return table


def service_block(
    service: Service, kind_words: dict[str, str], words: dict[str, str], styles: Styles, width: float
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
        cells.append(qr_code(service.url, qr_size))
        widths.append(qr_size)
    table = Table([cells], colWidths=widths)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 4),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), styles.body_size * 0.9),
            ]
        )
    )
    return table
