"""How each kind of format arranges the parts: a sheet, a tri-fold, a pocket card.

A layout paints one page each time its `run` generator is advanced, so the same
pages can be placed several times on an office sheet.  After a run, `complete`
says whether everything chosen found a place.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from hrleaflet.content.models import Service
from hrleaflet.i18n.leaflet import LocalisedTip
from hrleaflet.render.flow import DeferredCanvas, fill, frame
from hrleaflet.render.formats import Format, Rect, trifold_panels
from hrleaflet.render.parts import Footer, FooterBlock, Parts

RUNAWAY_PAGES = 60  # a sheet leaflet of this many pages means something is wrong


class Layout:
    def __init__(
        self,
        parts: Parts,
        fmt: Format,
        tips: Sequence[LocalisedTip],
        services: Sequence[Service],
        total_pages: int | None = None,
    ) -> None:
        self.parts = parts
        self.fmt = fmt
        self.tips = tips
        self.services = services
        self.total_pages = total_pages  # for "page 2 of 3"; unknown during a trial run
        self.complete = False
        self.pages = 0
        self.last_page_fill = 1.0  # share of the last page's body used (sheets)

    def run(self, canvas: Canvas) -> Iterator[None]:
        raise NotImplementedError

    def _inner(self, rect: Rect) -> Rect:
        m = self.fmt.margin
        return Rect(rect.x + m, rect.y + m, rect.width - 2 * m, rect.height - 2 * m)

    def _mirror(self, rect: Rect) -> Rect:
        """Right-to-left leaflets open from the other side: panels swap places."""
        if not self.parts.styles.rtl:
            return rect
        return Rect(self.fmt.width - rect.x - rect.width, rect.y, rect.width, rect.height)


class SheetLayout(Layout):
    """A4, Letter, A5: everything flows down the page(s), tips and services in columns."""

    def run(self, canvas: Canvas) -> Iterator[None]:
        fmt, parts = self.fmt, self.parts
        width = fmt.width - 2 * fmt.margin
        footer = Footer(parts, width)
        # The source and organisation close the leaflet once; every page has its number.
        numbers = footer.page_label_height
        body = Rect(fmt.margin, fmt.margin + numbers, width, fmt.height - 2 * fmt.margin - numbers)
        story: list[Flowable] = [
            parts.header(width),
            Spacer(1, 8),
            parts.emergency(width),
            Spacer(1, 8),
            parts.intro(),
            *parts.tips(self.tips, width, fmt.columns),
            parts.services_heading(),
            *parts.services(self.services, width, fmt.service_columns),
            Spacer(1, 6),
            FooterBlock(footer),
        ]
        limit = fmt.max_pages or RUNAWAY_PAGES
        while story and self.pages < limit:
            self.pages += 1
            target = frame(body)
            fill(target, story, canvas)
            self.last_page_fill = 1 - (target._y - target._y1) / body.height
            self._page_number(canvas, footer, self.pages)
            yield
        self.complete = not story

    def _page_number(self, canvas: Canvas, footer: Footer, page: int) -> None:
        margin = self.fmt.margin
        if self.total_pages is not None:
            footer.paint_page_number(canvas, margin, margin, page, self.total_pages)
        elif isinstance(canvas, DeferredCanvas):
            canvas.at_end(lambda c, total: footer.paint_page_number(c, margin, margin, page, total))


class TrifoldLayout(Layout):
    """Letter fold: outside = inside flap | back | cover; inside = panels 1 | 2 | 3.

    The cover carries the title, the emergency numbers and the introduction; tips run
    from the inside flap (seen first on opening) through the inside panels; the back
    carries the local services and the footer.  Services that do not fit the back
    continue after the tips.
    """

    def run(self, canvas: Canvas) -> Iterator[None]:
        parts = self.parts
        outside, inside = trifold_panels(self.fmt)
        flap, back, cover = (self._inner(self._mirror(p)) for p in outside)
        panels = [self._inner(self._mirror(p)) for p in inside]

        self.pages = 1
        footer = Footer(parts, back.width, with_logo=True)
        services: list[Flowable] = [
            parts.services_heading(),
            *parts.services(self.services, back.width, self.fmt.service_columns),
        ]
        back_body = Rect(back.x, back.y + footer.height, back.width, back.height - footer.height)
        fill(frame(back_body), services, canvas)
        footer.paint(canvas, back.x, back.y)

        cover_story: list[Flowable] = [
            parts.header(cover.width),
            Spacer(1, 14),
            parts.emergency(cover.width),
            Spacer(1, 14),
            parts.intro(),
        ]
        fill(frame(cover), cover_story, canvas)

        flow: list[Flowable] = [*parts.tips(self.tips, flap.width, 1), *services]
        fill(frame(flap), flow, canvas)
        yield
        self.pages = 2
        for panel in panels:
            fill(frame(panel), flow, canvas)
        yield
        self.complete = not flow and not cover_story


class CardLayout(Layout):
    """A6 pocket card, front and back: title, emergency numbers and the essential tips on
    the front; more tips, the top services with QR codes and the footer on the back."""

    def run(self, canvas: Canvas) -> Iterator[None]:
        parts, fmt = self.parts, self.fmt
        page = self._inner(Rect(0, 0, fmt.width, fmt.height))
        story: list[Flowable] = [
            parts.header(page.width, subtitle=False),  # a card has room for the title only
            Spacer(1, 6),
            parts.emergency(page.width),
            Spacer(1, 6),
            *parts.tips(self.tips, page.width, 1),
        ]
        if self.services:
            story += [
                parts.services_heading(),
                *parts.services(self.services, page.width, fmt.service_columns, compact=True),
            ]
        self.pages = 1
        fill(frame(page), story, canvas)
        yield
        self.pages = 2
        footer = Footer(parts, page.width, with_logo=False, compact=True)
        back = Rect(page.x, page.y + footer.height, page.width, page.height - footer.height)
        fill(frame(back), story, canvas)
        footer.paint(canvas, page.x, page.y)
        yield
        self.complete = not story


LAYOUTS: dict[str, type[Layout]] = {"sheet": SheetLayout, "trifold": TrifoldLayout, "card": CardLayout}
