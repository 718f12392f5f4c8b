"""The parts every format arranges: header, emergency numbers, introduction, tips, services, footer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from hrleaflet.content.models import Service
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.render import logo as logo_images
from hrleaflet.render.blocks import (
    TaggedText,
    emergency_block,
    header_block,
    link_span,
    service_block,
    text,
    tip_block,
)
from hrleaflet.render.cards import ServiceCard
from hrleaflet.render.numerals import local_digits
from hrleaflet.render.styles import Styles, color
from hrleaflet.render.tags import latin_only, mostly_latin, tags_of
from hrleaflet.render.text.flowable import TextBlock
from hrleaflet.render.text.style import Align, Span, plain, separator
from hrleaflet.render.themes import Theme

LOGO_HEIGHT = 30.0


@dataclass(frozen=True)
class Parts:
    """Builds the flowables of one leaflet at one text size; each call makes fresh ones."""

    leaflet: LocalisedLeaflet
    styles: Styles
    theme: Theme
    font: str  # the cell font for layout tables
    # The same leaflet's styles at another body size (a tri-fold's cover sets its text larger).
    restyle: Callable[[float], Styles] | None = None
    # What one plan's trial layouts have found out and may share (a tri-fold's inside size).
    found: dict[object, object] = field(default_factory=dict, compare=False, repr=False)

    def scaled(self, factor: float) -> Parts:
        if self.restyle is None or factor == 1:
            return self
        return replace(self, styles=self.restyle(self.styles.body_size * factor))

    @property
    def code(self) -> str:
        return self.leaflet.locale.code

    @cached_property
    def _latin_leaflet(self) -> bool:
        leaflet = self.leaflet
        return mostly_latin([leaflet.title, leaflet.intro, *(t.headline + t.body for t in leaflet.tips)])

    @cached_property
    def _english(self) -> frozenset[str]:
        """Catalog contexts printed in English for want of a translation."""
        if self.leaflet.locale.code.split("_")[0] == "en":
            return frozenset()
        return frozenset(context for context, _ in self.leaflet.gaps)

    def language(self, value: str, context: str | None = None) -> str | None:
        """A text's language where it is known not to be the leaflet's (`tags.py`): a catalog
        string that fell back to English, or free text in Latin letters in a leaflet in
        another script."""
        if context is not None and context in self._english:
            return "en"
        if not self._latin_leaflet and latin_only(value):
            return "en"
        return None

    def header(self, width: float, subtitle: bool = True) -> Flowable:
        sub = self.leaflet.subtitle if subtitle else None
        return header_block(
            self.leaflet.title, sub, self.styles, self.theme, width, self.font, self._set_language
        )

    def _set_language(self, value: str) -> str | None:
        """The language of the tip set's own strings (title, subtitle)."""
        leaflet = self.leaflet
        contexts = {leaflet.title: "title", leaflet.subtitle: "subtitle", leaflet.intro: "intro"}
        field_name = contexts.get(value)
        return self.language(value, f"{leaflet.set_id}/{field_name}" if field_name else None)

    def emergency(self, width: float) -> Flowable:
        words = self.leaflet.words["leaflet/emergency"]
        numbers = self.leaflet.services.emergency

        def language(value: str) -> str | None:
            return self.language(value, "leaflet/emergency" if value == words else None)

        return emergency_block(words, numbers, self.styles, self.theme, width, self.font, language)

    def intro(self) -> Flowable:
        return text(self.leaflet.intro, self.styles.intro, lang=self._set_language(self.leaflet.intro))

    def tip(self, tip: LocalisedTip, number: int) -> Flowable:
        shown = local_digits(str(number), self.code)
        base = f"{self.leaflet.set_id}/{tip.id}"
        languages = (
            self.language(tip.headline, f"{base}/headline"),
            self.language(tip.body, f"{base}/body"),
        )
        return tip_block(shown, tip.headline, tip.body, tip.icon, self.styles, self.theme, languages)

    def tips(self, tips: Sequence[LocalisedTip]) -> list[Flowable]:
        """The tips, numbered as printed, 1 to n: a card that leaves tips out shows no gaps."""
        return [self.tip(t, n) for n, t in enumerate(tips, start=1)]

    def services_heading(self) -> Flowable:
        locality = self.leaflet.services.locality
        words = self.leaflet.word("leaflet/services-heading", locality=locality)
        lang = self.language(words, "leaflet/services-heading")
        heading = text(words, self.styles.section, role="H2", lang=lang)
        heading.keepWithNext = True  # never the last line of a column or page
        heading.kind = "heading"
        return heading

    def services(self, services: Sequence[Service], compact: bool = False) -> list[Flowable]:
        """A card per service. `compact` (a pocket card): name, kinds, phone and link only."""
        leaflet, styles, theme = self.leaflet, self.styles, self.theme
        fill = None if theme.grey_only else color(theme.card_fill)
        stroke = color(theme.rule) if theme.grey_only else None

        def card(service: Service) -> ServiceCard:
            def content(width: float) -> Flowable:
                return service_block(
                    service,
                    leaflet.kind_words,
                    leaflet.words,
                    styles,
                    theme,
                    width,
                    compact,
                    self.language,
                )

            space_after = styles.body_size * 0.5 * styles.spacing
            return ServiceCard(content, fill, stroke, space_after, styles.spacing, name=service.name)

        return [card(s) for s in services]


def _with_ltr_value(template: str, name: str, value: str) -> list[Span]:
    """A translated line whose `{name}` holds Latin text (publishers, years): that value is one
    left-to-right run, so a right-to-left line does not move its brackets ("Zana (2016)")."""
    before, marker, after = template.partition(f"{{{name}}}")
    if not marker:
        return [Span(template)]
    return [Span(before), Span(value, ltr=True), Span(after)]


class Footer:
    """Source, review date, organisation (and logo), and the page number."""

    def __init__(self, parts: Parts, width: float, with_logo: bool = True, compact: bool = False) -> None:
        """`compact` (a pocket card): the attribution names the source; its web address is left off."""
        leaflet = parts.leaflet
        self.parts = parts
        self.width = width
        organisation = leaflet.services.organisation
        theme = parts.theme
        self.logo = (
            logo_images.load(organisation.logo, grey=theme.grey_only, height=LOGO_HEIGHT)
            if organisation.logo and with_logo
            else None
        )
        logo_width = self.logo.width_for(LOGO_HEIGHT) + 8 if self.logo else 0
        self.text_width = width - logo_width
        produced = leaflet.word("leaflet/produced-by", organisation=organisation.name)
        reviewed = leaflet.review_line(local_digits(leaflet.date_text, parts.code))
        source = leaflet.word("leaflet/source", attribution=leaflet.attribution)
        lines: list[list[Span]] = [[Span(source)]]
        if not compact:  # a card names its source; the links and the full list need a sheet's room
            lines[0] += [Span(" "), link_span(leaflet.source_url)]
            lines.append(_with_ltr_value(leaflet.words["leaflet/sources"], "sources", leaflet.sources_text))
        last = [Span(reviewed), separator(), Span(produced)]
        if organisation.website and not compact:
            last += [separator(), link_span(organisation.website)]
        lines.append(last)
        if leaflet.partly_english:
            lines.append([Span(leaflet.words["leaflet/partly-english"])])
        style = parts.styles.footer
        self.blocks: list[TextBlock] = [
            TaggedText(spans, style, lang=parts.language(plain(spans))) for spans in lines
        ]
        heights = [block.wrap(self.text_width, 1e6)[1] for block in self.blocks]
        self.text_height = sum(heights) + 2 * (len(heights) - 1)
        self.page_label_height = style.size * 1.6
        self.height = max(self.text_height, LOGO_HEIGHT if self.logo else 0) + self.page_label_height + 8

    def paint(self, canvas: Canvas, x: float, y: float, page: int | None = None, pages: int = 1) -> None:
        """Draw with the footer's bottom-left corner at (x, y)."""
        theme = self.parts.theme
        rtl = self.parts.styles.rtl
        top = y + self.height - 4
        tags = tags_of(canvas)
        canvas.saveState()
        with tags.artifact(canvas):  # the rule and the logo are decoration; each line is a P
            canvas.setStrokeColor(color(theme.rule))
            canvas.setLineWidth(0.75)
            canvas.line(x, top, x + self.width, top)
        line_y = top - 4
        text_x = x + self.width - self.text_width if rtl else x
        for block in self.blocks:
            block.wrap(self.text_width, 1e6)
            line_y -= block.height
            block.drawOn(canvas, text_x, line_y)
            line_y -= 2
        if self.logo:
            logo_x = x if rtl else x + self.width - self.logo.width_for(LOGO_HEIGHT)
            with tags.artifact(canvas):  # the organisation is named in the text beside it
                self.logo.draw(canvas, logo_x, top - 4 - LOGO_HEIGHT, LOGO_HEIGHT)
        canvas.restoreState()
        if page is not None:
            self.paint_page_number(canvas, x, y, page, pages)

    def paint_page_number(self, canvas: Canvas, x: float, y: float, page: int, pages: int) -> None:
        """'Page 2 of 3' at the foot of the page, on the side where lines start: text there
        cannot make a PDF reader take the foot of one column as part of the next."""
        if pages <= 1:
            return
        label = self.parts.leaflet.word("leaflet/page", page=str(page), pages=str(pages))
        style = self.parts.styles.footer.but(align=Align.START)
        block = TextBlock(local_digits(label, self.parts.code), style)
        block.wrap(self.width, 1e6)
        with tags_of(canvas).artifact(canvas):  # a page number is pagination, not content
            block.drawOn(canvas, x, y)


class FooterBlock(Flowable):  # type: ignore[misc]
    """The footer as the last block of a flowing leaflet, so it is printed once."""

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = self.footer.height - self.footer.page_label_height
        return self.width, self.height

    def draw(self) -> None:
        self.footer.paint(self.canv, 0, -self.footer.page_label_height)
