"""How each kind of format arranges the parts: a sheet, a tri-fold, a pocket card.

A layout first places everything (`measure`: sizes only, nothing drawn), so a text
size can be tried quickly; `run` then paints one page each time it is advanced, so
the same pages can be placed several times on an office sheet.  After measuring,
`complete` says whether everything chosen found a place, and `placed` says where
(for the layout audit).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from hrleaflet.content.models import Service
from hrleaflet.i18n.leaflet import LocalisedTip
from hrleaflet.render.formats import Format, Rect, trifold_panels
from hrleaflet.render.parts import Footer, FooterBlock, Parts
from hrleaflet.render.place import (
    Column,
    Placed,
    PlacedPage,
    Section,
    balance,
    pack,
    paint,
    place_pages,
    stack,
)

RUNAWAY_PAGES = 60  # a sheet leaflet of this many pages means something is wrong
COLUMN_GAP = 22.0  # wide enough that PDF readers never join lines across columns
FOOTER_GAP = 8.0
MIN_PAGE_USE = 0.6  # a page of a flowing leaflet should be at least this full
COVER_SCALES = (1.5, 1.4, 1.3, 1.2, 1.1, 1.0)
# A tri-fold's tips, as large as they fit the inside: few tips (overdose-response's eight
# steps) in large print rather than half the inside left empty.
INSIDE_SIZES = (16.0, 15.0, 14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5)
FULL_INSIDE = 12.0  # the largest while a plan still leaves tips out (`TrifoldLayout._inside`)


class Layout:
    designed_pages = False  # panels and sides with set places: a page need not be full

    def __init__(
        self,
        parts: Parts,
        fmt: Format,
        tips: Sequence[LocalisedTip],
        services: Sequence[Service],
    ) -> None:
        self.parts = parts
        self.fmt = fmt
        self.tips = tips
        self.services = services
        self.complete = False
        self.placed: list[PlacedPage] = []

    @property
    def pages(self) -> int:
        return len(self.placed)

    def measure(self) -> Layout:
        raise NotImplementedError

    def fills_pages(self) -> bool:
        """Every page but the only one is at least `MIN_PAGE_USE` full."""
        return self.pages < 2 or all(self.page_use(page) >= MIN_PAGE_USE for page in self.placed)

    def foot_room(self) -> float:
        """The most room left at the foot of a column on a page that goes on (0: none)."""
        return max(
            (
                column.bottom - column.floor
                for page in self.placed[:-1]
                for section in page.sections
                for column in section
            ),
            default=0.0,
        )

    def page_use(self, page: PlacedPage) -> float:
        """The share of a page's body that holds something (sections and footer)."""
        used = sum(
            max(column.top for column in section) - min(column.bottom for column in section)
            for section in page.sections
            if section
        )
        used += sum(extra.height for extra in page.extra)
        return used / page.body.height

    def reading_order(self) -> list[Placed]:
        """Every placed block in the order a reader meets it."""
        return [item for page in self.placed for item in page.items]

    def run(self, canvas: Canvas) -> Iterator[None]:
        raise NotImplementedError

    def _inner(self, rect: Rect) -> Rect:
        m = self.fmt.margin
        return Rect(rect.x + m, rect.y + m, rect.width - 2 * m, rect.height - 2 * m)


class SheetLayout(Layout):
    """A4, Letter, A5: the title block across the page, then tips and services flowing
    through balanced columns, and the footer at the foot of the last page."""

    subtitle = True
    compact = False  # services with every detail
    justify = True  # columns that go on over a page end together at its foot (`place.Section`)

    def _footer(self, width: float) -> Footer:
        return Footer(self.parts, width)

    def measure(self) -> SheetLayout:
        fmt, parts = self.fmt, self.parts
        width = fmt.width - 2 * fmt.margin
        self.footer = footer = self._footer(width)
        numbers = footer.page_label_height
        body = Rect(fmt.margin, fmt.margin + numbers, width, fmt.height - 2 * fmt.margin - numbers)
        lead: list[Flowable] = [
            parts.header(width, subtitle=self.subtitle),
            Spacer(1, 6),
            parts.emergency(width),
        ]
        if self.subtitle:
            lead += [Spacer(1, 8), parts.intro()]
        rtl = parts.styles.rtl
        tips = parts.tips(self.tips)
        services = parts.services(self.services, compact=self.compact) if self.services else []
        sections = [Section(lead, space_after=8)]
        if fmt.columns == fmt.service_columns:
            # Tips, then the services under their heading, in the same columns.
            titled = [parts.services_heading(), *services] if services else []
            sections.append(Section([*tips, *titled], fmt.columns, COLUMN_GAP, rtl=rtl))
        else:
            # A5: the tips across the page, the services in columns under a heading across them.
            sections.append(Section(tips, fmt.columns, COLUMN_GAP, space_after=4, rtl=rtl))
            if services:
                title = Section([parts.services_heading()], space_after=0, keep_with_next=True)
                sections += [title, Section(services, fmt.service_columns, COLUMN_GAP, rtl=rtl)]
        for section in sections:
            section.justify = self.justify
        reserve = footer.height - numbers
        limit = fmt.max_pages or RUNAWAY_PAGES
        self.placed, self.complete = place_pages(sections, body, reserve, FOOTER_GAP, limit)
        if self.complete:
            last = self.placed[-1]
            last.extra.append(Placed(FooterBlock(footer), body.x, body.y, width, reserve))
        return self

    def run(self, canvas: Canvas) -> Iterator[None]:
        if not self.placed:
            self.measure()
        for page in self.placed:
            paint(canvas, page)
            self._page_number(canvas, page.number)
            yield

    def _page_number(self, canvas: Canvas, page: int) -> None:
        if self.designed_pages:
            return  # a card's front and back need no numbers
        # Placed before painting, the leaflet knows how many pages it has.
        self.footer.paint_page_number(canvas, self.fmt.margin, self.fmt.margin, page, self.pages)


class CardLayout(SheetLayout):
    """A6 pocket card, front and back: the title, emergency numbers and tips by priority,
    then the top services (name, kinds, phone, link and QR code) and a short footer."""

    designed_pages = True
    subtitle = False  # a card has room for the title only
    compact = True

    def _footer(self, width: float) -> Footer:
        return Footer(self.parts, width, with_logo=False, compact=True)


class TrifoldLayout(Layout):
    """Letter fold: outside = inside flap | back | cover; inside = panels 1 | 2 | 3.

    The cover carries the title, the emergency numbers and the introduction; the tips
    fill the three inside panels (balanced), and go on to the inside flap if they must;
    the local services, under their heading, take the flap (when the tips leave it free)
    and the back, above the footer.
    """

    designed_pages = True

    def measure(self) -> TrifoldLayout:
        parts = self.parts
        outside, inside = trifold_panels(self.fmt, parts.styles.rtl)
        flap, back, cover = (self._inner(p) for p in outside)
        panels = [self._inner(p) for p in inside]
        self.footer = footer = Footer(parts, back.width, with_logo=True)
        back_body = Rect(back.x, back.y + footer.height, back.width, back.height - footer.height - 4)

        cover_page = PlacedPage(1, Rect(0, 0, self.fmt.width, self.fmt.height))
        inside_page = PlacedPage(2, Rect(0, 0, self.fmt.width, self.fmt.height))
        cover_rest = self._cover(cover, cover_page)

        tips_rest = self._inside(panels, inside_page)
        service_panels = [flap, back_body]
        services: list[Flowable] = []
        if self.services:
            services = [parts.services_heading(), *parts.services(self.services)]
        # The flap takes the tips that did not fit inside, then the services begin.
        rest = _flow([*tips_rest, *services], service_panels, cover_page, keep_heading=parts)
        cover_page.extra.append(Placed(_FooterAt(footer), back.x, back.y, back.width, footer.height))
        self.placed = [cover_page, inside_page]
        self.complete = not rest and not cover_rest
        return self

    def reading_order(self) -> list[Placed]:
        """The cover, then the inside panels, then the flap and the back."""
        if len(self.placed) < 2:
            return super().reading_order()
        outside, inside = self.placed
        cover, *rest = outside.sections
        return [
            *(i for c in cover for i in c.items),
            *inside.items,
            *(i for s in rest for c in s for i in c.items),
        ]

    def _inside(self, panels: list[Rect], page: PlacedPage) -> list[Flowable]:
        """The tips spread over the three inside panels, as large as they fit there (the
        services on the outside may need a smaller size); what does not fit goes on to the
        inside flap."""
        width = min(panel.width for panel in panels)  # the inside flap is a little narrower
        size = self.parts.styles.body_size
        # Larger than 12 pt only where every tip is printed: while a plan tries which tips to
        # leave out, a trial's inside is larger only where it is not full anyway.
        every_tip = len(self.tips) == len(self.parts.leaflet.tips)
        sizes = [s for s in INSIDE_SIZES if s > size and (every_tip or s <= FULL_INSIDE)]  # largest first
        # Whether the tips fit at a size depends on the tips alone, not on the trial's body
        # size or services: a plan's trials share what one found out (size -> fits). Each lays
        # its own tips out (a tip's number badge goes by the trial's body size).
        fits: dict[float, bool] = self.parts.found.setdefault(  # type: ignore[assignment]
            ("inside", tuple(tip.id for tip in self.tips), self.parts.styles.spacing), {}
        )
        laid: dict[int, list[Column] | None] = {}

        def at(index: int) -> list[Column] | None:
            if index not in laid:
                tips = self.parts.scaled(sizes[index] / size).tips(self.tips)
                laid[index] = _balanced_panels(tips, panels, width)
                fits[sizes[index]] = laid[index] is not None
            return laid[index]

        def fit(index: int) -> bool:
            known = fits.get(sizes[index])
            return at(index) is not None if known is None else known

        # Tips that fit at a size fit at every smaller one: the largest that fits, by bisection
        # (on what is known where it is known: a trial after the first lays out one size).
        low, high = 0, len(sizes)
        while low < high:
            middle = (low + high) // 2
            low, high = (low, middle) if fit(middle) else (middle + 1, high)
        if low < len(sizes) and (balanced := at(low)) is not None:
            page.sections.append(balanced)
            return []
        tips = self.parts.tips(self.tips)
        balanced = _balanced_panels(tips, panels, width)
        if balanced is not None:
            page.sections.append(balanced)
            return []
        return _flow(tips, panels, page)

    def _cover(self, cover: Rect, page: PlacedPage) -> list[Flowable]:
        """The title and introduction from the top of the cover, set as large as the panel
        allows (up to half as large again as the inside); the emergency numbers at its foot,
        where the eye lands when the leaflet lies folded.  They keep their size: they are
        large already, and a bigger number would have to break inside its line."""
        emergency = self.parts.emergency(cover.width)
        below = emergency.wrap(cover.width, cover.height)[1] + 14
        top = Rect(cover.x, cover.y + below, cover.width, cover.height - below)
        for factor in COVER_SCALES:
            parts = self.parts.scaled(factor)
            story: list[Flowable] = [parts.header(cover.width), Spacer(1, 14), parts.intro()]
            if factor == COVER_SCALES[-1] or not pack(story, top.width, top.height, 1)[1]:
                rest = _flow(story, [top], page)
                foot = Column(cover.x, cover.y + below - 14, cover.width, cover.y)
                foot.items.append(Placed(emergency, cover.x, cover.y, cover.width, below - 14))
                page.sections.append([foot])
                return rest
        return []

    def run(self, canvas: Canvas) -> Iterator[None]:
        if not self.placed:
            self.measure()
        for page in self.placed:
            paint(canvas, page)
            yield


def _flow(
    blocks: list[Flowable], panels: Sequence[Rect], page: PlacedPage, keep_heading: Parts | None = None
) -> list[Flowable]:
    """Blocks through one-column panels in turn; returns what did not fit."""
    rest = list(blocks)
    width = min(panel.width for panel in panels)  # a piece split in one panel fits the next
    for number, panel in enumerate(panels, start=1):
        if not rest:
            break
        packed, rest = pack(rest, width, panel.height, 1, split_last=number < len(panels))
        column = stack(panel.x, panel.y + panel.height, width, panel.height, packed[0])
        page.sections.append([column])
        headed = any(item.kind == "heading" for item in column.items)
        if rest and keep_heading is not None and headed and getattr(rest[0], "kind", "") == "service":
            again = keep_heading.services_heading()  # services go on under their heading
            again.artifact = True  # read out once: a tagged PDF's list of services goes on
            rest.insert(0, again)
    return rest


def _balanced_panels(blocks: list[Flowable], panels: Sequence[Rect], width: float) -> list[Column] | None:
    """Tips spread evenly over the inside panels, top-aligned; None if they do not all fit."""
    found = balance(blocks, width, min(p.height for p in panels), len(panels))
    if found is None:
        return None
    packed, height = found
    return [
        stack(panel.x, panel.y + panel.height, width, height, blocks_here)
        for panel, blocks_here in zip(panels, packed, strict=False)
    ]


class _FooterAt(Flowable):  # type: ignore[misc]
    """A panel's footer (source, date, organisation) as a placed block."""

    kind = "footer"

    def __init__(self, footer: Footer) -> None:
        super().__init__()
        self.footer = footer

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.footer.width, self.footer.height

    def draw(self) -> None:
        self.footer.paint(self.canv, 0, 0)


class PhoneLayout(SheetLayout):
    """A leaflet for a phone screen: one column, as many screens as it takes (the tips are never
    cut), the title and the emergency numbers on the first screen; the blocks keep their own
    spacing rather than spreading to fill a screen."""

    subtitle = True
    compact = False
    justify = False


LAYOUTS: dict[str, type[Layout]] = {
    "sheet": SheetLayout,
    "trifold": TrifoldLayout,
    "card": CardLayout,
    "phone": PhoneLayout,
}
