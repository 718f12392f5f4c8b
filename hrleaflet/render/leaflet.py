"""Compose a LocalisedLeaflet into PDF bytes: header, emergency, tips, services, footer.

Nothing is clipped: the body size steps down within the readable minimum to fit
one page, and content that still does not fit flows onto further pages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.doctemplate import LayoutError

from hrleaflet import __version__
from hrleaflet.errors import RenderError
from hrleaflet.i18n.leaflet import LocalisedLeaflet
from hrleaflet.render import logo as logo_images
from hrleaflet.render.blocks import emergency_block, header_block, service_block, text, tip_block
from hrleaflet.render.columns import Columns
from hrleaflet.render.numerals import local_digits
from hrleaflet.render.page import Metadata, render_story
from hrleaflet.render.paper import Paper
from hrleaflet.render.styles import MIN_BODY_SIZE, Styles, color, make_styles
from hrleaflet.render.text.flowable import TextBlock
from hrleaflet.render.text.fonts import Family, families_for
from hrleaflet.render.text.style import Align
from hrleaflet.render.themes import Theme

# Body sizes tried in turn; the first that fits one page wins.
BODY_SIZES = (10.5, 10.0, 9.5, MIN_BODY_SIZE)
COLUMN_GAP = 22.0
BOX_PADDING = 8.0
LOGO_HEIGHT = 30.0


@dataclass(frozen=True)
class RenderedLeaflet:
    pdf: bytes
    pages: int
    body_size: float


def compose(
    leaflet: LocalisedLeaflet, theme: Theme, paper: Paper, font_dirs: Sequence[Path] = ()
) -> RenderedLeaflet:
    families = families_for(leaflet.locale.code, font_dirs)

    def render(size: float) -> RenderedLeaflet:
        return _render_at(leaflet, theme, paper, families, size)

    # Largest first; if it needs more pages, the smallest tells whether stepping down helps.
    largest = render(BODY_SIZES[0])
    if largest.pages == 1:
        return largest
    smallest = render(BODY_SIZES[-1])
    if smallest.pages >= largest.pages:
        return largest  # more pages either way: keep the comfortable size
    for size in BODY_SIZES[1:-1]:
        rendered = render(size)
        if rendered.pages == smallest.pages:
            return rendered
    return smallest


def _render_at(
    leaflet: LocalisedLeaflet, theme: Theme, paper: Paper, families: tuple[Family, ...], size: float
) -> RenderedLeaflet:
    styles = make_styles(theme, families, leaflet.locale.code, leaflet.locale.rtl, size)
    font = families[0].regular.reportlab.fontName
    width = paper.width - 2 * paper.margin
    footer = _Footer(leaflet, styles, theme, paper)
    metadata = Metadata(
        title=leaflet.title,
        subject=leaflet.subtitle,
        author=leaflet.services.organisation.name,
        lang=leaflet.locale.bcp47,
        creator=f"hrleaflet {__version__}",
    )
    story = _story(leaflet, styles, theme, width, font)
    try:
        pdf, pages = render_story(story, paper, footer.height, footer.paint, metadata, font)
    except LayoutError as exc:
        raise RenderError(
            f"{leaflet.set_id} ({leaflet.locale.code}): a block is too large for the page: {exc}"
        ) from None
    return RenderedLeaflet(pdf=pdf, pages=pages, body_size=size)


def _story(
    leaflet: LocalisedLeaflet, styles: Styles, theme: Theme, width: float, font: str
) -> list[Flowable]:
    code = leaflet.locale.code
    rtl = leaflet.locale.rtl
    column = (width - COLUMN_GAP) / 2
    tips = [
        tip_block(local_digits(str(t.number), code), t.headline, t.body, styles, theme, column, font)
        for t in leaflet.tips
    ]
    services = leaflet.services
    service_column = (width - 2 * BOX_PADDING - COLUMN_GAP) / 2
    entries = [
        service_block(s, leaflet.kind_words, leaflet.words, styles, theme, service_column, font)
        for s in services.services
    ]
    heading = leaflet.word("leaflet/services-heading", locality=services.locality)
    return [
        header_block(leaflet.title, leaflet.subtitle, styles, theme, width, font),
        Spacer(1, 8),
        emergency_block(leaflet.words["leaflet/emergency"], services.emergency, styles, theme, width, font),
        Spacer(1, 8),
        text(leaflet.intro, styles.intro),
        Columns(tips, gap=COLUMN_GAP, rtl=rtl, space_after=4),
        text(heading, styles.section),
        Columns(
            entries,
            gap=COLUMN_GAP,
            rtl=rtl,
            padding=BOX_PADDING,
            fill=None if theme.grey_only else color(theme.card_fill),
            stroke=color(theme.rule) if theme.grey_only else None,
        ),
    ]


class _Footer:
    """Source, review date, organisation and page number, at the foot of every page."""

    def __init__(self, leaflet: LocalisedLeaflet, styles: Styles, theme: Theme, paper: Paper) -> None:
        self.paper = paper
        self.theme = theme
        self.leaflet = leaflet
        self.styles = styles
        organisation = leaflet.services.organisation
        self.logo = logo_images.load(organisation.logo, grey=theme.grey_only) if organisation.logo else None
        logo_width = self.logo.width_for(LOGO_HEIGHT) + 8 if self.logo else 0
        self.text_width = paper.width - 2 * paper.margin - logo_width
        code = leaflet.locale.code
        produced = leaflet.word("leaflet/produced-by", organisation=organisation.name)
        if organisation.website:
            produced += f" · {organisation.website}"
        lines = [
            leaflet.word("leaflet/source", attribution=leaflet.attribution) + f" {leaflet.source_url}",
            leaflet.word("leaflet/reviewed", date=local_digits(leaflet.reviewed_text, code))
            + f" · {produced}",
        ]
        if leaflet.partly_english:
            lines.append(leaflet.words["leaflet/partly-english"])
        self.blocks = [text(line, styles.footer) for line in lines]
        heights = [block.wrap(self.text_width, paper.height)[1] for block in self.blocks]
        self.text_height = sum(heights) + 2 * (len(heights) - 1)
        self.page_label_height = styles.footer.size * 1.6
        self.height = max(self.text_height, LOGO_HEIGHT if self.logo else 0) + self.page_label_height + 8

    def paint(self, canvas: Canvas, page: int, pages: int) -> None:
        margin = self.paper.margin
        rtl = self.leaflet.locale.rtl
        top = margin + self.height - 4
        canvas.saveState()
        canvas.setStrokeColor(color(self.theme.rule))
        canvas.setLineWidth(0.75)
        canvas.line(margin, top, self.paper.width - margin, top)
        y = top - 4
        x = self.paper.width - margin - self.text_width if rtl else margin
        for block in self.blocks:
            block.wrap(self.text_width, self.paper.height)
            y -= block.height
            block.drawOn(canvas, x, y)
            y -= 2
        if self.logo:
            logo_x = margin if rtl else self.paper.width - margin - self.logo.width_for(LOGO_HEIGHT)
            self.logo.draw(canvas, logo_x, top - 4 - LOGO_HEIGHT, LOGO_HEIGHT)
        if pages > 1:
            label = self.leaflet.word("leaflet/page", page=str(page), pages=str(pages))
            block = TextBlock(
                local_digits(label, self.leaflet.locale.code), self.styles.footer.but(align=Align.END)
            )
            block.wrap(self.paper.width - 2 * margin, self.paper.height)
            block.drawOn(canvas, margin, margin)
        canvas.restoreState()
