"""Compose a leaflet in a format: choose the text size and what fits, then paint the pages.

Nothing is clipped.  The text size steps down to the format's readable minimum;
on small formats, tips are then left out by priority (never an essential one) and,
last, services; everything left out is reported.  Sheet formats flow onto more pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from hrleaflet import __version__
from hrleaflet.content.models import Service
from hrleaflet.errors import RenderError
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.render.compact import compact
from hrleaflet.render.flow import Metadata, new_canvas
from hrleaflet.render.formats import MM, Format, Imposition, impose, trifold_panels
from hrleaflet.render.layouts import LAYOUTS, Layout
from hrleaflet.render.marks import MARK_SPACE, crop_marks, cut_marks, fold_marks
from hrleaflet.render.parts import Parts
from hrleaflet.render.place import BlockTooLarge
from hrleaflet.render.styles import Styles, make_styles
from hrleaflet.render.text.fonts import Family, families_for
from hrleaflet.render.themes import Theme

# Sheets take the largest size that keeps the fewest pages, so a short set fills its page;
# small formats start lower, since they fit as much as they can.
SHEET_SIZES = (14.0, 13.5, 13.0, 12.5, 12.0, 11.5, 11.0, 10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
SMALL_SIZES = (10.5, 10.0, 9.5, 9.0, 8.5, 8.0)
FOOT_ROOM = 12 * MM  # the most a column of a page that goes on may end above the page's foot


@dataclass(frozen=True)
class Step:
    """One try at fitting a leaflet: a body size and, as the last try, tighter spacing."""

    size: float
    tight: bool = False


def steps_for(fmt: Format) -> list[Step]:
    sizes = [Step(s) for s in (SMALL_SIZES if fmt.small else SHEET_SIZES) if s >= fmt.min_body]
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
    layout: Layout | None = None  # where everything was placed (for the layout audit)
    first_page: str = ""  # what page 1 looks like (`flow.first_page_identity`)


@dataclass(frozen=True)
class _Plan:
    step: Step
    tips: tuple[LocalisedTip, ...]
    services: tuple[Service, ...]
    layout: Layout


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
    try:
        plan = _plan(leaflet, theme, fmt, families, chosen, leaflet.services.services)
    except BlockTooLarge as error:  # say which of the leaflets being built
        raise RenderError(f"{leaflet.set_id} ({leaflet.locale.code}) on {fmt.name}: {error}") from None
    pdf, copies, first_page = _paint(leaflet, theme, fmt, families, plan, options)
    return RenderedLeaflet(
        pdf=pdf,
        pages=plan.layout.pages,
        body_size=plan.step.size,
        left_out_tips=tuple(t for t in chosen if t not in plan.tips),
        left_out_services=tuple(s for s in leaflet.services.services if s not in plan.services),
        copies=copies,
        first_page=first_page,
        layout=plan.layout,
    )


def _parts(
    leaflet: LocalisedLeaflet,
    theme: Theme,
    families: tuple[Family, ...],
    fmt: Format,
    step: Step,
    found: dict[object, object] | None = None,
) -> Parts:
    def restyle(size: float) -> Styles:
        return make_styles(
            theme,
            families,
            leaflet.locale.code,
            leaflet.locale.rtl,
            size,
            fmt.min_body,
            fmt.title_scale,
            tight=step.tight,
            keep_whole=leaflet.locale.keep_whole,
        )

    font = families[0].regular.reportlab.fontName
    return Parts(leaflet, restyle(step.size), theme, font, restyle, {} if found is None else found)


def _plan(
    leaflet: LocalisedLeaflet,
    theme: Theme,
    fmt: Format,
    families: tuple[Family, ...],
    tips: tuple[LocalisedTip, ...],
    services: tuple[Service, ...],
) -> _Plan:
    """Choose the text size, and on small formats what to leave out, by measuring (not painting)."""
    steps = steps_for(fmt)
    Tips = tuple[LocalisedTip, ...]
    Services = tuple[Service, ...]
    trials: dict[tuple[Step, Tips, Services], Layout] = {}
    learned: dict[object, object] = {}  # what one trial finds out that holds for the others

    def trial(step: Step, kept_tips: Tips, kept_services: Services) -> Layout:
        key = (step, kept_tips, kept_services)
        if key not in trials:
            parts = _parts(leaflet, theme, families, fmt, step, learned)
            trials[key] = LAYOUTS[fmt.kind](parts, fmt, kept_tips, kept_services).measure()
        return trials[key]

    def plan(step: Step, kept_tips: Tips, kept_services: Services) -> _Plan:
        return _Plan(step, kept_tips, kept_services, trial(step, kept_tips, kept_services))

    def everything_at(n: int) -> Layout | None:
        """Every tip and service at step `n`; None where a block is larger than a page at that
        size (a size the searches rule out; at the smallest, the error stands)."""
        try:
            return trial(steps[n], tips, services)
        except BlockTooLarge:
            return None

    if not fmt.small:
        # The fewest pages any size allows, at the largest size that keeps them.  Pages only
        # grow with the size, so a search outwards from the likely step finds it.  A size whose pages
        # end well short of their foot (the next tip or service would not fit) gives way to a
        # smaller one that fills them, or else to the one that leaves the least room.
        tightest = trial(steps[-1], tips, services)
        fewest = tightest.pages

        def keeps_pages(n: int) -> bool:
            layout = everything_at(n)
            return layout is not None and layout.pages <= fewest

        first = _least_near(len(steps) - 1, keeps_pages, _likely_step(steps, tightest)) or 0
        candidates = steps[first:]
        for step in candidates:
            layout = trial(step, tips, services)
            if layout.foot_room() <= FOOT_ROOM and layout.fills_pages():
                return plan(step, tips, services)

        def shortfall(step: Step) -> tuple[bool, bool, float]:
            """Pages too empty, then columns ending short, then the emptiest page (the
            first, largest size wins a tie)."""
            layout = trial(step, tips, services)
            emptiest = min(layout.page_use(page) for page in layout.placed)
            return not layout.fills_pages(), layout.foot_room() > FOOT_ROOM, -round(emptiest, 2)

        return plan(min(candidates, key=shortfall), tips, services)
    # The largest size at which everything fits (what fits only grows as the size falls): if
    # even the smallest leaves something out, no larger size needs trying.
    minimum = steps[-1]
    smallest = trial(minimum, tips, services)
    if smallest.complete:

        def fits(n: int) -> bool:
            layout = everything_at(n)
            return layout is not None and layout.complete

        found = _least_near(len(steps) - 1, fits, _likely_step(steps, smallest))
        return plan(steps[found or 0], tips, services)
    # At the smallest size: leave out tips, least important (and last) first, never an essential one.
    droppable = sorted((t for t in tips if t.priority > 1), key=lambda t: (-t.priority, -t.number))

    def keep_tips(drop: int) -> tuple[LocalisedTip, ...]:
        gone = set(droppable[:drop])
        return tuple(t for t in tips if t not in gone)

    # About as many tips as did not find a place: the first guess of how many to leave out.
    drop = _least_near(
        len(droppable),
        lambda n: trial(minimum, keep_tips(n), services).complete,
        len(tips) - _count(smallest, "tip"),
    )
    if drop is not None:
        return plan(minimum, keep_tips(drop), services)
    # Even the essential tips crowd out some services: keep the services that fit beside
    # them, then give back as many tips as still fit.
    essentials = keep_tips(len(droppable))
    keep = _most_near(
        len(services),
        lambda n: trial(minimum, essentials, services[:n]).complete,
        # A service fewer than found a place when all were tried (the last may stand alone).
        _count(trial(minimum, essentials, services), "service") - 1,
    )
    if keep is None:
        essential = ", ".join(t.id for t in tips if t.priority == 1)
        raise RenderError(
            f"{leaflet.set_id} ({leaflet.locale.code}): the essential tips ({essential}) do not fit on"
            f" {fmt.name} even at {minimum.size:g} pt; choose fewer with --tips or a larger format"
        )
    kept = list(services[:keep])
    if not kept:
        # The first service is too tall for the room left (a QR code makes an entry tall): a
        # smaller one after it, the first that fits, stands in, rather than no local service.
        # (Only then: with one or more kept, a tip given back is worth more than another service.)
        kept = next(
            ([service] for service in services[1:] if trial(minimum, essentials, (service,)).complete), []
        )
    if not kept and services and fmt.kind != "card":
        # A leaflet that promises local services must list at least one; a pocket card keeps
        # the emergency numbers and says which services it left out.
        raise RenderError(
            f"{leaflet.set_id} ({leaflet.locale.code}): on {fmt.name}"
            + (
                " its one service does not fit"
                if len(services) == 1
                else f" not one of the {len(services)} services fits"
            )
            + f" beside the essential tips, even at {minimum.size:g} pt;"
            " shorten the services' entries, choose a larger format (a4), or fewer tips with --tips"
        )
    kept_services = tuple(kept)
    # Services crowding the tips out means most of the droppable tips must go.
    drop = _least_near(
        len(droppable), lambda n: trial(minimum, keep_tips(n), kept_services).complete, len(droppable) - 1
    )
    return plan(minimum, keep_tips(len(droppable) if drop is None else drop), kept_services)


def _least_near(limit: int, works: Callable[[int], bool], guess: int) -> int | None:
    """The smallest n in 0..limit for which works(n), assuming it stays true once true (None if
    none), searched outwards from `guess`: steps of 1, 2, 4... towards the answer, then halving.
    A good guess takes two trials where halving 0..limit takes four."""
    if not works(limit):
        return None
    guess = min(max(guess, 0), limit)
    if works(guess):
        high, step = guess, 1  # works(high); find a low that does not
        while high - step >= 0 and works(high - step):
            high, step = high - step, step * 2
        low = max(high - step + 1, 0)
    else:
        low, step = guess + 1, 1  # not works(low - 1); find a high that does
        high = min(low, limit)
        while high < limit and not works(high):
            low, step = high + 1, step * 2
            high = min(high + step, limit)
    while low < high:
        middle = (low + high) // 2
        if works(middle):
            high = middle
        else:
            low = middle + 1
    return low


def _likely_step(steps: Sequence[Step], tightest: Layout) -> int:
    """The step whose size most likely is the largest that keeps the tightest step's pages: the
    room a leaflet takes grows about as its text size to the power 1.3 (more lines, each taller,
    while the title, icons and QR codes keep their size), measured on 4 tip sets in 8 languages."""
    used = sum(tightest.page_use(page) for page in tightest.placed)
    if used <= 0:
        return 0
    largest = steps[-1].size * (tightest.pages / used) ** (1 / 1.3)
    return next((n for n, step in enumerate(steps[:-1]) if step.size <= largest), len(steps) - 1)


def _most_near(limit: int, works: Callable[[int], bool], guess: int) -> int | None:
    """The largest n in 0..limit for which works(n), assuming it stays true once true going
    down (None if none), searched outwards from `guess` (`_least_near`)."""
    found = _least_near(limit, lambda n: works(limit - n), limit - guess)
    return None if found is None else limit - found


def _count(layout: Layout, kind: str) -> int:
    """How many blocks of a kind (tip, service) found a place in a trial layout."""
    return sum(1 for page in layout.placed for item in page.items if item.kind == kind)


def _paint(
    leaflet: LocalisedLeaflet,
    theme: Theme,
    fmt: Format,
    families: tuple[Family, ...],
    plan: _Plan,
    options: PrintOptions,
) -> tuple[bytes, int, str]:
    font = families[0].regular.reportlab.fontName
    metadata = _metadata(leaflet)
    grid: Imposition | None = impose(fmt, options.sheet) if options.sheet else None
    bleed = 0.0 if grid else options.bleed
    outer = bleed + (MARK_SPACE if options.marks and not grid else 0.0)
    size = (grid.sheet_width, grid.sheet_height) if grid else (fmt.width + 2 * outer, fmt.height + 2 * outer)
    canvas, buffer = new_canvas(size, metadata, font)
    copies = grid.copies if grid else 1
    pages = plan.layout.pages
    layout = plan.layout
    runs = [layout.run(canvas) for _ in range(copies)]
    for page in range(pages):
        if not grid:
            canvas.setTrimBox((outer, outer, outer + fmt.width, outer + fmt.height))
            if bleed:
                canvas.setBleedBox(
                    (outer - bleed, outer - bleed, outer + fmt.width + bleed, outer + fmt.height + bleed)
                )
        for copy, run in enumerate(runs):
            x, y = grid.slot(copy, back=page % 2 == 1) if grid else (outer, outer)
            canvas.saveState()
            canvas.translate(x, y)
            # Tagged PDF: the first copy carries the structure, the others are artifacts.
            if copy:
                with canvas.tags.artifact(canvas):
                    next(run, None)
            else:
                next(run, None)
            canvas.restoreState()
        if grid:
            cut_marks(canvas, grid)
        elif options.marks:
            crop_marks(canvas, outer, outer, fmt.width, fmt.height, bleed)
            if fmt.kind == "trifold":
                outside, inside = trifold_panels(fmt, leaflet.locale.rtl)
                panels = outside if page == 0 else inside
                folds = sorted(p.x for p in panels)[1:]  # left to right: each panel's left edge but the first
                fold_marks(canvas, [outer + x for x in folds], outer, fmt.height, bleed)
        canvas.showPage()
    extras = [item.block for placed in layout.placed for item in placed.extra]
    canvas.tags.arrange([item.block for item in layout.reading_order()] + extras)
    canvas.save()
    return compact(buffer.getvalue()), copies, canvas.first_page


def _metadata(leaflet: LocalisedLeaflet) -> Metadata:
    return Metadata(
        title=leaflet.title,
        subject=leaflet.subtitle,
        author=leaflet.services.organisation.name,
        lang=leaflet.locale.bcp47,
        creator=f"hrleaflet {__version__}",
        rtl=leaflet.locale.rtl,
    )
