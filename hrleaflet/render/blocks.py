"""The building blocks of a leaflet page, as ReportLab flowables.

Text from a user's file is never markup: it goes into our own text blocks as
plain characters, so `Food & Shelter <Open Door>` prints exactly that.  In a
right-to-left language every block is mirrored: numbers, labels and QR codes
sit on the right.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from hrleaflet.content.models import EmergencyNumber, Service
from hrleaflet.content.phones import dialable_numbers, unbroken_numbers
from hrleaflet.render.qr import QrCode
from hrleaflet.render.styles import Styles, color
from hrleaflet.render.tags import Element, Tagger, tags_of
from hrleaflet.render.text.draw import draw_line
from hrleaflet.render.text.flowable import TextBlock
from hrleaflet.render.text.layout import Layout, layout_paragraph
from hrleaflet.render.text.style import Span, TextStyle, plain, separated, separator
from hrleaflet.render.themes import Theme
from hrleaflet.render.tipblock import TipBlock

Language = Callable[[str], str | None]  # the language of a text when it is not the leaflet's


def _same(_: str) -> str | None:
    return None


class TaggedText(TextBlock):
    """A paragraph that is one structure element in a tagged PDF: a heading (`role` "H1",
    "H2", ...) or a paragraph ("P"), with its own language where it differs from the
    leaflet's.  The two pieces of a split paragraph stay one element."""

    def __init__(
        self,
        spans: Sequence[Span] | str,
        style: TextStyle,
        layout: Layout | None = None,
        role: str = "P",
        lang: str | None = None,
        rank: int = 0,
        shared: list[tuple[Tagger, Element]] | None = None,
        link: tuple[str, str] | None = None,
        parts: Sequence[PartLink] = (),
    ) -> None:
        super().__init__(spans, style, layout)
        self.role = role
        self.lang = lang
        self.rank = rank  # its place among its siblings in the structure
        self._shared = [] if shared is None else shared  # the element, once made (per document)
        self.link = link  # (target, description): the paragraph is a tappable link
        self.parts = tuple(parts)  # tappable parts of it: each phone number of several

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        pieces = super().split(available_width, available_height)
        if len(pieces) != 2:
            return pieces
        return [
            TaggedText(
                piece.spans,
                piece.style,
                piece._layout,
                self.role,
                self.lang,
                self.rank,
                self._shared,
                self.link,
                self.parts,
            )
            for piece in pieces
        ]

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        tags = tags_of(canvas)
        element = None
        if tags.active:
            element = next((made for owner, made in self._shared if owner is tags), None)
            if element is None:
                element = tags.element(self.role, lang=self.lang, rank=self.rank)
                self._shared.append((tags, element))
        if self.link is None:
            with tags.mark(canvas, element):
                super().drawOn(canvas, x, y, _sW)
            linked: set[tuple[str, tuple[float, ...]]] = set()
            for part in self.parts:
                for box in self.text_boxes(part.shown):
                    if (part.target, box) in linked:  # the same number twice ("112 or 112")
                        continue
                    linked.add((part.target, box))
                    left, bottom, right, top = box
                    link = tags.element("Link", parent=element, alt=part.description) if element else None
                    tags.link(
                        canvas,
                        link,
                        part.target,
                        (x + left, y + bottom, x + right, y + top),
                        part.description,
                    )
            return
        target, description = self.link
        link = tags.element("Link", parent=element, alt=description) if element is not None else None
        with tags.mark(canvas, link):
            super().drawOn(canvas, x, y, _sW)
        left, bottom, right, top = self.ink_box()
        tags.link(canvas, link, target, (x + left, y + bottom, x + right, y + top), description)


class TaggedTable(Table):  # type: ignore[misc]
    """A layout table whose backgrounds and rules are artifacts (its cells tag themselves)."""

    def _drawBkgrnd(self) -> None:
        with tags_of(self.canv).artifact(self.canv):
            super()._drawBkgrnd()

    def _drawLines(self) -> None:
        with tags_of(self.canv).artifact(self.canv):
            super()._drawLines()


def text(
    value: str,
    style: TextStyle,
    label: str | None = None,
    ltr: bool = False,
    role: str = "P",
    lang: str | None = None,
    rank: int = 0,
    link: tuple[str, str] | None = None,
    parts: Sequence[PartLink] = (),
) -> TaggedText:
    """A paragraph of literal text, with an optional bold label before it.

    `ltr` marks a phone number, link or opening hours: read left to right as one unit.
    `role`, `lang` and `rank`: its structure element in the tagged PDF (`TaggedText`).
    """
    spans = [Span(f"{label} ", bold=True), Span(value, ltr=ltr)] if label else [Span(value, ltr=ltr)]
    return TaggedText(spans, style, role=role, lang=lang, rank=rank, link=link, parts=parts)


class PartLink(NamedTuple):
    """A tappable part of a paragraph: the text it shows, where it leads, what it is."""

    shown: str
    target: str
    description: str


def phone_parts(phone: str, shown: str, describe: Callable[[str], str]) -> tuple[PartLink, ...]:
    """A `tel:` link (`sms:` after "text") for each number in a phone field, over the number as
    the line shows it (`shown`: the field with its spaces made no-break, or as typed), described
    by `describe` from the number as typed."""
    return tuple(
        PartLink(shown[number.start : number.end], number.href, describe(phone[number.start : number.end]))
        for number in dialable_numbers(phone)
    )


def _emergency_taps(number: EmergencyNumber) -> tuple[PartLink, ...]:
    """A link for each number an emergency line gives, over the number as shown (no-break
    spaces: `unbroken_numbers`)."""
    return phone_parts(number.phone, unbroken_numbers(number.phone), lambda typed: f"{number.label}: {typed}")


def line_taps(parts: tuple[PartLink, ...], whole: str) -> tuple[tuple[str, str] | None, tuple[PartLink, ...]]:
    """How a line showing one phone field is tapped, as (a link over the whole line, links over
    parts of it): a field of one number makes the whole line its link (a larger target),
    described as `whole`; a field of several ("112 or 999") keeps a link over each number."""
    if len(parts) == 1:
        return (parts[0].target, whole), ()
    return None, parts


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
    table = TaggedTable(rows, colWidths=widths)
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands]))
    return table


class NumberBadge(Flowable):  # type: ignore[misc]
    """A tip's number in a filled circle: it reads in colour and on a photocopier."""

    role = "Lbl"  # in a tagged PDF, the label of the tip's list item

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
        tags = tags_of(canvas)
        with tags.artifact(canvas):
            canvas.setFillColor(color(self.theme.badge_fill))
            canvas.circle(radius, radius, radius, stroke=0, fill=1)
        laid = layout_paragraph([Span(self.label)], self.style, self.diameter * 4)
        line = laid.lines[0]
        baseline = radius - laid.ascent + laid.line_height / 2
        with tags.mark(canvas):  # the element the tip opened for its label
            draw_line(canvas, line, radius - line.width / 2, baseline, self.theme.badge_ink)


def header_block(
    title: str,
    subtitle: str | None,
    styles: Styles,
    theme: Theme,
    width: float,
    font: str,
    language: Language = _same,
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
    rows: list[list[object]] = [[text(title, styles.title, role="H1", lang=language(title))]]
    if subtitle:
        rows.append([text(subtitle, styles.subtitle, lang=language(subtitle))])
    return _table(rows, [width], font, commands)


NARROW = 330.0  # points: below this, the emergency label goes above the numbers


def emergency_block(
    label: str,
    numbers: Sequence[EmergencyNumber],
    styles: Styles,
    theme: Theme,
    width: float,
    font: str,
    language: Language = _same,
) -> Table:
    spans: list[Span] = []
    for index, number in enumerate(numbers):
        if index:
            spans.append(separator("   ·   ", bold=False))
        # No-break spaces keep a label with its number and each number in one piece.
        spans.append(Span(f"{number.label}:\u00a0"))
        spans.append(Span(unbroken_numbers(number.phone), scale=1.3, ltr=True))
    label_cell = text(label, styles.emergency, lang=language(label))
    # Ranks: the label reads first, also where a right-to-left row draws the numbers first.
    taps = [part for number in numbers for part in _emergency_taps(number)]
    numbers_cell = TaggedText(
        spans, styles.emergency_numbers, lang=language(plain(spans)), rank=1, parts=taps
    )
    padding = 10
    label_width = label_cell.natural_width() + 2 * padding + 2
    if label_width > width * 0.3 or width < NARROW:
        # A narrow panel, card or phone: the label above the numbers, each with the full
        # width, so that no phone number is ever broken across lines; where a number and its
        # label do not fit one line, the number starts the next.
        numbers_cells = _numbers_cell(numbers, numbers_cell, spans, styles, width - 2 * padding, language)
        rows: list[list[object]] = [[label_cell], [numbers_cells]]
        widths = [width]
    else:
        numbers_width = width - label_width
        beside = _numbers_cell(numbers, numbers_cell, spans, styles, numbers_width - 2 * padding, language)
        rows, widths = _row([label_cell, beside], [label_width, numbers_width], styles.rtl)
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


def _numbers_cell(
    numbers: Sequence[EmergencyNumber],
    together: TaggedText,
    spans: Sequence[Span],
    styles: Styles,
    width: float,
    language: Language,
) -> object:
    """The numbers on one line where they fit it (`together`); else each number on its own
    line(s), never running one label over into the next line after another number."""
    if _fits_one_line(spans, styles, width):
        return together
    return [
        paragraph
        for index, number in enumerate(numbers)
        for paragraph in _emergency_line(number, styles, width, language, rank=1 + index)
    ]


# A postcode of two parts ("TV1 2AB", "K1A 0B1", "D02 X285", "1012 AB"): two short parts
# that both have a digit, or the Dutch four digits and two capitals.
_TWO_PARTS = re.compile(r"\b([^\W_]{1,4}) (?=([^\W_]{1,4})\b)")


def _postcodes_whole(address: str) -> str:
    """The address with a no-break space inside each two-part postcode, so a line never ends
    between "TV1" and "2AB"; it prints and extracts exactly as typed."""

    def glued(match: re.Match[str]) -> str:
        first, second = match.groups()
        digits = any(c.isdigit() for c in first) and any(c.isdigit() for c in second)
        dutch = first.isdigit() and len(first) == 4 and second.isupper() and len(second) == 2
        return f"{first}\u00a0" if digits or dutch else match.group(0)

    return _TWO_PARTS.sub(glued, address)


def _emergency_line(
    number: EmergencyNumber, styles: Styles, width: float, language: Language, rank: int
) -> list[TaggedText]:
    """One emergency number on a panel of its own line(s): "label: number" where it fits one
    line; else the label, then the number on the next line, as two paragraphs of one structure
    element (each with its own line height: in one paragraph every line would be as tall as
    the number's, leaving wide gaps between the lines of a long label)."""
    style = styles.emergency_numbers
    shown = Span(unbroken_numbers(number.phone), scale=1.3, ltr=True)
    lang = language(f"{number.label}: {number.phone}")
    link, parts = line_taps(_emergency_taps(number), f"{number.label}: {number.phone}")
    whole = [Span(f"{number.label}: "), shown]
    if _fits_one_line(whole, styles, width):
        return [TaggedText(whole, style, lang=lang, rank=rank, link=link, parts=parts)]
    shared: list[tuple[Tagger, Element]] = []
    return [
        TaggedText(f"{number.label}:", style.but(space_after=0), lang=lang, rank=rank, shared=shared),
        TaggedText(
            [shown], style.but(space_before=0), lang=lang, rank=rank, shared=shared, link=link, parts=parts
        ),
    ]


def _fits_one_line(spans: Sequence[Span], styles: Styles, width: float) -> bool:
    from hrleaflet.render.text.layout import layout_paragraph

    return len(layout_paragraph(spans, styles.emergency_numbers, width).lines) <= 1


def tip_block(
    number: str,
    headline: str,
    body: str,
    icon: str | None,
    styles: Styles,
    theme: Theme,
    languages: tuple[str | None, str | None] = (None, None),
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
        # In the tip's structure the pictogram (rank 1) stands between headline and text.
        text(headline, styles.headline, role="H2", lang=languages[0]),
        text(body, styles.body, lang=languages[1], rank=2),
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
    compact: bool = False,
    language: Language = _same,
) -> ServiceLines:
    """One service: name, kinds, contact details and a QR code for its link.

    `compact` (a pocket card): name, kinds, phone and link only; the full leaflet has the rest.
    In a tagged PDF: its name is a heading (H3, under the services' H2), each other line a
    paragraph, then the QR code (a Figure); ranks keep that order where a right-to-left
    row draws the code first.
    """
    lines: list[Flowable] = [text(service.name, styles.service_name, role="H3", lang=language(service.name))]
    kinds = separated(kind_words[k] for k in service.kinds)
    lines.append(TaggedText(kinds, styles.service_kinds, lang=language(plain(kinds))))
    if service.address and not compact:
        address = _postcodes_whole(service.address)
        lines.append(text(address, styles.service, lang=language(service.address)))
    if service.phone:
        phone_word = words["leaflet/phone"]
        name = service.name
        shown = unbroken_numbers(service.phone)  # a line may break between numbers, not inside one
        dial, taps = line_taps(
            phone_parts(service.phone, shown, lambda typed: f"{phone_word} {typed}: {name}"),
            f"{phone_word} {service.phone}: {name}",
        )
        lines.append(text(shown, styles.service, label=phone_word, ltr=True, link=dial, parts=taps))
    if service.hours and not compact:
        hours_label = words["leaflet/open"]
        hours_lang = language(f"{hours_label} {service.hours}")
        lines.append(text(service.hours, styles.service, label=hours_label, ltr=True, lang=hours_lang))
    if service.url:
        label = Span(f"{words['leaflet/web']} ", bold=True)
        visit = (service.url, f"{words['leaflet/web']} {service.url}: {service.name}")
        lines.append(TaggedText([label, link_span(service.url)], styles.service, link=visit))
    if service.notes and not compact:
        lines.append(text(service.notes, styles.service, lang=language(service.notes)))
    qr_size = 40.0 if compact else 46.0
    qr = None
    if service.url:
        qr = QrCode(service.url, qr_size, ink=theme.ink, paper=theme.paper)
        qr.rank = len(lines)
    return ServiceLines(lines, qr, width, styles.rtl)


class ServiceLines(Flowable):  # type: ignore[misc]
    """A service's lines, one under another, and its QR code (if it has a link) beside them
    at the lines' end: on the right, on the left in a right-to-left language.

    A one-row layout table drew the same, but ReportLab's table measured every line again at
    each wrap and each draw.  The heights are summed in the table's order, so every line and
    code lands exactly where it did.
    """

    QR_GAP = 4.0

    def __init__(self, lines: list[Flowable], qr: QrCode | None, width: float, rtl: bool) -> None:
        super().__init__()
        self.lines = lines
        self.qr = qr
        self.rtl = rtl
        self.width = width
        self.qr_column = qr.size + self.QR_GAP if qr is not None else 0.0
        self.text_width = width - self.qr_column

    def _text_heights(self, available_height: float) -> list[float]:
        return [float(line.wrap(self.text_width, available_height)[1]) for line in self.lines]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        total = 0.0
        for line, height in zip(self.lines, self._text_heights(available_height), strict=True):
            total += height + line.getSpaceAfter() + line.getSpaceBefore()
        text_height = total - self.lines[0].getSpaceBefore() - self.lines[-1].getSpaceAfter()
        self.height = max(text_height, self.qr.size) if self.qr is not None else text_height
        return self.width, self.height

    def draw(self) -> None:
        qr = self.qr
        if qr is not None and self.rtl:
            qr.drawOn(self.canv, 0.0, self.height - qr.size)
        y = self.height + self.lines[0].getSpaceBefore()
        x = self.qr_column if self.rtl else 0.0
        for line, height in zip(self.lines, self._text_heights(self.height), strict=True):
            y -= line.getSpaceBefore()
            y -= height
            line.drawOn(self.canv, x, y)
            y -= line.getSpaceAfter()
        if qr is not None and not self.rtl:
            qr.drawOn(self.canv, self.text_width + self.qr_column - qr.size, self.height - qr.size)
