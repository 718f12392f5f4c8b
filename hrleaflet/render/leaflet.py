"""Compose a LocalisedLeaflet into PDF bytes: header, emergency, tips, services, footer.

Nothing is clipped: the body size steps down within the readable minimum to fit
one page, and content that still does not fit flows onto further pages.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.platypus.doctemplate import LayoutError

from hrleaflet import __version__
from hrleaflet.errors import RenderError
from hrleaflet.i18n.leaflet import LocalisedLeaflet
from hrleaflet.render import logo as logo_images
from hrleaflet.render.blocks import emergency_block, header_block, para, service_block, tip_block
from hrleaflet.render.columns import Columns
from hrleaflet.render.fonts import FontFamily, register_sans
from hrleaflet.render.page import Metadata, render_story
from hrleaflet.render.paper import Paper
from hrleaflet.render.styles import MIN_BODY_SIZE, Styles, color, make_styles
from hrleaflet.render.themes import Theme

# Body sizes tried in turn; the first that fits one page wins.
BODY_SIZES = (10.5, 10.0, 9.5, MIN_BODY_SIZE)
COLUMN_GAP = 14.0
LOGO_HEIGHT = 30.0


@dataclass(frozen=True)
class RenderedLeaflet:
    pdf: bytes
    pages: int
    body_size: float


def compose(leaflet: LocalisedLeaflet, theme: Theme, paper: Paper) -> RenderedLeaflet:
    fonts = register_sans()
    best: RenderedLeaflet | None = None
    for size in BODY_SIZES:
        rendered = _render_at(leaflet, theme, paper, fonts, size)
        if rendered.pages == 1:
            return rendered
        if best is None or rendered.pages < best.pages:
            best = rendered
    assert best is not None
    return best


def _render_at(
    leaflet: LocalisedLeaflet, theme: Theme, paper: Paper, fonts: FontFamily, size: float
) -> RenderedLeaflet:
    styles = make_styles(theme, fonts, size, rtl=leaflet.locale.rtl)
    width = paper.width - 2 * paper.margin
    footer = _Footer(leaflet, styles, theme, paper, fonts)
    metadata = Metadata(
        title=leaflet.title,
        subject=leaflet.subtitle,
        author=leaflet.services.organisation.name,
        lang=leaflet.locale.bcp47,
        creator=f"hrleaflet {__version__}",
    )
    try:
        pdf, pages = render_story(
            _story(leaflet, styles, theme, width), paper, footer.height, footer.paint, metadata, fonts.regular
        )
    except LayoutError as exc:
        raise RenderError(
            f"{leaflet.set_id} ({leaflet.locale.code}): a block is too large for the page: {exc}"
        ) from None
    return RenderedLeaflet(pdf=pdf, pages=pages, body_size=size)


def _story(leaflet: LocalisedLeaflet, styles: Styles, theme: Theme, width: float) -> list[Flowable]:
    column = (width - COLUMN_GAP) / 2
    rtl = leaflet.locale.rtl
    tips = [tip_block(t.number, t.headline, t.body, styles, theme, column) for t in leaflet.tips]
    services = leaflet.services
    box_padding = 8.0
    service_column = (width - 2 * box_padding - COLUMN_GAP) / 2
    entries = [
        service_block(s, leaflet.kind_words, leaflet.words, styles, theme, service_column)
        for s in services.services
    ]
    heading = leaflet.word("leaflet/services-heading", locality=services.locality)
    return [
        header_block(leaflet.title, leaflet.subtitle, styles, theme, width),
        Spacer(1, 8),
        emergency_block(leaflet.words["leaflet/emergency"], services.emergency, styles, theme, width),
        Spacer(1, 8),
        para(leaflet.intro, styles.intro),
        Columns(tips, gap=COLUMN_GAP, rtl=rtl, space_after=4),
        para(heading, styles.section),
        Columns(
            entries,
            gap=COLUMN_GAP,
            rtl=rtl,
            padding=box_padding,
            fill=None if theme.grey_only else color(theme.card_fill),
            stroke=color(theme.rule) if theme.grey_only else None,
        ),
    ]


class _Footer:
    """Source, review date, organisation and page number, at the foot of every page."""

    def __init__(
        self, leaflet: LocalisedLeaflet, styles: Styles, theme: Theme, paper: Paper, fonts: FontFamily
    ) -> None:
        self.paper = paper
        self.theme = theme
        self.fonts = fonts
        self.leaflet = leaflet
        organisation = leaflet.services.organisation
        self.logo = logo_images.load(organisation.logo, grey=theme.grey_only) if organisation.logo else None
        logo_width = self.logo.width_for(LOGO_HEIGHT) + 8 if self.logo else 0
        self.text_width = paper.width - 2 * paper.margin - logo_width
        produced = leaflet.word("leaflet/produced-by", organisation=organisation.name)
        if organisation.website:
            produced += f" · {organisation.website}"
        lines = [
            leaflet.word("leaflet/source", attribution=leaflet.attribution) + f" {leaflet.source_url}",
            leaflet.word("leaflet/reviewed", date=leaflet.reviewed_text) + f" · {produced}",
        ]
        if leaflet.partly_english:
            lines.append(leaflet.words["leaflet/partly-english"])
        self.paragraphs: list[Paragraph] = [para(line, styles.footer) for line in lines]
        heights = [p.wrap(self.text_width, paper.height)[1] for p in self.paragraphs]
        self.text_height = sum(heights) + 2 * (len(heights) - 1)
        self.height = max(self.text_height, LOGO_HEIGHT if self.logo else 0) + styles.footer.leading + 10

    def paint(self, canvas: Canvas, page: int, pages: int) -> None:
        margin = self.paper.margin
        top = margin + self.height - 6
        canvas.saveState()
        canvas.setStrokeColor(color(self.theme.rule))
        canvas.setLineWidth(0.75)
        canvas.line(margin, top, self.paper.width - margin, top)
        y = top - 4
        x = self.paper.width - margin - self.text_width if self.leaflet.locale.rtl else margin
        for paragraph in self.paragraphs:
            _, height = paragraph.wrap(self.text_width, self.paper.height)
            y -= height
            paragraph.drawOn(canvas, x, y)
            y -= 2
        if self.logo:
            logo_x = (
                margin
                if self.leaflet.locale.rtl
                else self.paper.width - margin - self.logo.width_for(LOGO_HEIGHT)
            )
            self.logo.draw(canvas, logo_x, top - 4 - LOGO_HEIGHT, LOGO_HEIGHT)
        if pages > 1:
            label = self.leaflet.word("leaflet/page", page=str(page), pages=str(pages))
            canvas.setFillColor(color(self.theme.muted))
            canvas.setFont(self.fonts.regular, MIN_BODY_SIZE)
            canvas.drawRightString(self.paper.width - margin, margin, label)
        canvas.restoreState()
