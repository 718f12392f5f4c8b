"""Compose a leaflet in a format: choose the text size and what fits, then paint the pages.

Nothing is clipped.  The text size steps down to the format's readable minimum;
on small formats, tips are then left out by priority (never an essential one) and,
last, services; everything left out is reported.  Sheet formats flow onto more pages.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from hrleaflet import __version__
from hrleaflet.content.models import Service
from hrleaflet.errors import RenderError
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.render.flow import DeferredCanvas, Metadata, new_canvas
from hrleaflet.render.formats import MM, Format, Imposition, impose, trifold_panels
from hrleaflet.render.layouts import LAYOUTS, Layout
from hrleaflet.render.marks import MARK_SPACE, crop_marks, cut_marks, fold_marks
from hrleaflet.render.parts import Parts
from hrleaflet.render.styles import make_styles
from hrleaflet.render.text.fonts import Family, families_for
from hrleaflet.render.themes import Theme

BODY_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)


@dataclass(frozen=True)
class Step:
    """One try at fitting a leaflet: a body size and, as the last try, tighter spacing."""

    size: float
    tight: bool = False

    @property
    def area(self) -> float:
        """Roughly how much room the text takes, relative to size 1 (for choosing what to try)."""
        return (self.size * (0.9 if self.tight else 1.0)) ** 2


def steps_for(fmt: Format) -> list[Step]:
    sizes = [Step(s) for s in BODY_SIZES if s >= fmt.min_body]
    return [*sizes, Step(sizes[-1].size, tight=True)]


@dataclass(frozen=True)
class PrintOptions:
    marks: bool = False  # crop marks (and fold marks on a tri-fold)
    bleed: float = 0.0  # points of background colour past the trim, for print shops
    sheet: str | None = None  # place copies of a small format on an office sheet


@dataclass(frozen=True)
class RenderedLeaflet:
    pdf: bytes
    pages: int  # pages of the leaflet itself (a sheet holds copies of each)
    body_size: float
    left_out_tips: tuple[LocalisedTip, ...] = ()
    left_out_services: tuple[Service, ...] = ()
    copies: int = 1  # copies on each sheet


@dataclass(frozen=True)
class _Plan:
    step: Step
    tips: tuple[LocalisedTip, ...]
    services: tuple[Service, ...]
    pages: int
    canvas: DeferredCanvas
    buffer: io.BytesIO

    def finish(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def compose(
    leaflet: LocalisedLeaflet,
    theme: Theme,
    fmt: Format,
    options: PrintOptions = PrintOptions(),
    font_dirs: Sequence[Path] = (),
    tips: Sequence[LocalisedTip] | None = None,
) -> RenderedLeaflet:
    families = families_for(leaflet.locale.code, font_dirs)
    chosen = tuple(leaflet.tips if tips is None else tips)
    plan = _plan(leaflet, theme, fmt, families, chosen, leaflet.services.services)
    if options == PrintOptions():
        pdf, copies = plan.finish(), 1  # the trial that chose the plan is the leaflet itself
    else:
        pdf, copies = _paint(leaflet, theme, fmt, families, plan, options)
    return RenderedLeaflet(
        pdf=pdf,
        pages=plan.pages,
        body_size=plan.step.size,
        left_out_tips=tuple(t for t in chosen if t not in plan.tips),
        left_out_services=tuple(s for s in leaflet.services.services if s not in plan.services),
        copies=copies,
    )


def _parts(
    leaflet: LocalisedLeaflet, theme: Theme, families: tuple[Family, ...], fmt: Format, step: Step
) -> Parts:
    styles = make_styles(
        theme,
        families,
        leaflet.locale.code,
        leaflet.locale.rtl,
        step.size,
        fmt.min_body,
        fmt.title_scale,
        tight=step.tight,
        keep_whole=leaflet.locale.keep_whole,
    )
    return Parts(leaflet, styles, theme, families[0].regular.reportlab.fontName)


def _plan(
    leaflet: LocalisedLeaflet,
    theme: Theme,
    fmt: Format,
    families: tuple[Family, ...],
    tips: tuple[LocalisedTip, ...],
    services: tuple[Service, ...],
) -> _Plan:
    steps = steps_for(fmt)
    runs: dict[tuple[Step, int, int], tuple[Layout, DeferredCanvas, io.BytesIO]] = {}
    metadata = _metadata(leaflet)
    font = families[0].regular.reportlab.fontName
    Tips = tuple[LocalisedTip, ...]
    Services = tuple[Service, ...]

    def run(
        step: Step, kept_tips: Tips, kept_services: Services
    ) -> tuple[Layout, DeferredCanvas, io.BytesIO]:
        key = (step, len(kept_tips), len(kept_services))
        if key not in runs:
            layout = LAYOUTS[fmt.kind](
                _parts(leaflet, theme, families, fmt, step), fmt, kept_tips, kept_services
            )
            canvas, buffer = new_canvas((fmt.width, fmt.height), metadata, font)
            for _ in layout.run(canvas):
                canvas.showPage()
            runs[key] = (layout, canvas, buffer)
        return runs[key]

    def trial(step: Step, kept_tips: Tips, kept_services: Services) -> Layout:
        return run(step, kept_tips, kept_services)[0]

    def plan(step: Step, kept_tips: Tips, kept_services: Services) -> _Plan:
        layout, canvas, buffer = run(step, kept_tips, kept_services)
        return _Plan(step, kept_tips, kept_services, layout.pages, canvas, buffer)

    largest = trial(steps[0], tips, services)
    if largest.complete and largest.pages == 1:
        return plan(steps[0], tips, services)
    if not fmt.small:
        # Sheets flow onto more pages: step down only if that saves a page.  Text area grows
        # with the square of the size, so often it cannot, and the smaller trial is skipped.
        shrink = steps[-1].area / steps[0].area
        if largest.pages - 1 <= (largest.pages - 1 + largest.last_page_fill) * shrink:
            return plan(steps[0], tips, services)
        smallest = trial(steps[-1], tips, services)
        if smallest.pages >= largest.pages:
            return plan(steps[0], tips, services)
        for step in steps[1:]:
            if trial(step, tips, services).pages == smallest.pages:
                return plan(step, tips, services)
    for step in steps:
        if trial(step, tips, services).complete:
            return plan(step, tips, services)
    # At the smallest size: leave out tips, least important (and last) first, never an essential one.
    droppable = sorted((t for t in tips if t.priority > 1), key=lambda t: (-t.priority, -t.number))
    minimum = steps[-1]

    def keep_tips(drop: int) -> tuple[LocalisedTip, ...]:
        gone = set(droppable[:drop])
        return tuple(t for t in tips if t not in gone)

    drop = _least(len(droppable), lambda n: trial(minimum, keep_tips(n), services).complete)
    if drop is not None:
        return plan(minimum, keep_tips(drop), services)
    # Even the essential tips crowd out some services: keep the services that fit beside
    # them, then give back as many tips as still fit.
    essentials = keep_tips(len(droppable))
    keep = _most(len(services), lambda n: trial(minimum, essentials, services[:n]).complete)
    if keep == 0 and services and fmt.kind != "card":
        # A leaflet that promises local services must list at least one; a pocket card keeps
        # the emergency numbers and says which services it left out.
        raise RenderError(
            f"{leaflet.set_id} ({leaflet.locale.code}): on {fmt.name} not one of the"
            f" {len(services)} services fits beside the essential tips, even at {minimum.size:g} pt;"
            " shorten the first service's entry, choose a larger format (a4), or fewer tips with --tips"
        )
    if keep is not None:
        kept_services = services[:keep]
        drop = _least(len(droppable), lambda n: trial(minimum, keep_tips(n), kept_services).complete)
        return plan(minimum, keep_tips(len(droppable) if drop is None else drop), kept_services)
    essential = ", ".join(t.id for t in tips if t.priority == 1)
    raise RenderError(
        f"{leaflet.set_id} ({leaflet.locale.code}): the essential tips ({essential}) do not fit on"
        f" {fmt.name} even at {minimum.size:g} pt; choose fewer with --tips or a larger format"
    )


def _least(limit: int, works: Callable[[int], bool]) -> int | None:
    """The smallest n in 0..limit for which works(n), assuming it stays true once true."""
    if not works(limit):
        return None
    low, high = 0, limit
    while low < high:
        middle = (low + high) // 2
        if works(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _most(limit: int, works: Callable[[int], bool]) -> int | None:
    """The largest n in 0..limit for which works(n), assuming it stays true once true going down."""
    found = _least(limit, lambda n: works(limit - n))
    return None if found is None else limit - found


def _paint(
    leaflet: LocalisedLeaflet,
    theme: Theme,
    fmt: Format,
    families: tuple[Family, ...],
    plan: _Plan,
    options: PrintOptions,
) -> tuple[bytes, int]:
    font = families[0].regular.reportlab.fontName
    metadata = _metadata(leaflet)
    grid: Imposition | None = impose(fmt, options.sheet) if options.sheet else None
    bleed = 0.0 if grid else options.bleed
    outer = bleed + (MARK_SPACE if options.marks and not grid else 0.0)
    size = (grid.sheet_width, grid.sheet_height) if grid else (fmt.width + 2 * outer, fmt.height + 2 * outer)
    canvas, buffer = new_canvas(size, metadata, font)
    copies = grid.copies if grid else 1
    parts = _parts(leaflet, theme, families, fmt, plan.step)
    runs = [
        LAYOUTS[fmt.kind](parts, fmt, plan.tips, plan.services, total_pages=plan.pages).run(canvas)
        for _ in range(copies)
    ]
    for page in range(plan.pages):
        if not grid:
            canvas.setTrimBox((outer, outer, outer + fmt.width, outer + fmt.height))
            if bleed:
                canvas.setBleedBox(
                    (outer - bleed, outer - bleed, outer + fmt.width + bleed, outer + fmt.height + bleed)
                )
                _bleed_band(canvas, theme, outer, fmt, bleed)
        for copy, run in enumerate(runs):
            x, y = grid.slot(copy, back=page % 2 == 1) if grid else (outer, outer)
            canvas.saveState()
            canvas.translate(x, y)
            next(run, None)
            canvas.restoreState()
        if grid:
            cut_marks(canvas, grid)
        elif options.marks:
            crop_marks(canvas, outer, outer, fmt.width, fmt.height, bleed)
            if fmt.kind == "trifold":
                outside, inside = trifold_panels(fmt)
                panels = outside if page == 0 else inside
                fold_marks(canvas, [outer + p.x for p in panels[1:]], outer, fmt.height, bleed)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue(), copies


def _metadata(leaflet: LocalisedLeaflet) -> Metadata:
    return Metadata(
        title=leaflet.title,
        subject=leaflet.subtitle,
        author=leaflet.services.organisation.name,
        lang=leaflet.locale.bcp47,
        creator=f"hrleaflet {__version__}",
    )


def _bleed_band(canvas: Canvas, theme: Theme, outer: float, fmt: Format, bleed: float) -> None:
    """A colour band along the top edge that runs past the trim into the bleed (print shops)."""
    if theme.header_fill is None:
        return
    canvas.saveState()
    canvas.setFillColorRGB(*theme.header_fill)
    top = outer + fmt.height
    canvas.rect(outer - bleed, top - 4 * MM, fmt.width + 2 * bleed, 4 * MM + bleed, stroke=0, fill=1)
    canvas.restoreState()
