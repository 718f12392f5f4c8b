"""Place blocks in columns, page by page, the way a newspaper is made up.

A leaflet is a list of sections (the opening block across the page, the tips and
services in columns).  Blocks fill a section's columns in order and are kept whole
(only a plain paragraph splits, between lines).  On a page the section goes on from,
the room left at the foot of each column is shared out between its blocks, so the
columns end together; where a section ends, its columns are balanced, the last
one reaching lowest.  A heading never ends a column: it moves on with the block it
introduces.

Placement only measures (wrap and split); painting the result is a separate step,
so a text size can be tried without drawing anything.  What was placed where is
kept for the layout audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from reportlab.platypus import Flowable

from hrleaflet.errors import RenderError
from hrleaflet.render.flow import first_text
from hrleaflet.render.formats import Rect
from hrleaflet.render.tags import tags_of

_BIG = 1e6
_SLACK = 0.01  # points: rounding in heights must not push a block on
JUSTIFY_LIMIT = 20.0  # points: the most space added between two blocks to fill a column


def kind_of(block: Flowable) -> str:
    """What a block is, for the audit: tip, heading, service, footer or text."""
    return str(getattr(block, "kind", "text"))


def keeps_with_next(block: Flowable) -> bool:
    return bool(getattr(block, "keepWithNext", False))


def minimum_start(blocks: Sequence[Flowable], width: float) -> float:
    """The least room that lets these blocks start in a column: the first block whole (a
    heading needs its first entry below it)."""
    total = 0.0
    for block in blocks:
        total += block.wrap(width, _BIG)[1]
        if not keeps_with_next(block):
            break
    return total


@dataclass
class Placed:
    block: Flowable
    x: float  # bottom-left corner on the page
    y: float
    width: float
    height: float

    @property
    def kind(self) -> str:
        return kind_of(self.block)

    @property
    def top(self) -> float:
        return self.y + self.height


@dataclass
class Column:
    """One column of a section on one page: its slot and what it holds."""

    x: float
    top: float
    width: float
    floor: float  # the lowest a block may reach here
    items: list[Placed] = field(default_factory=list)
    next_minimum: float = 0.0  # the room the blocks after this column needed to start in it

    @property
    def bottom(self) -> float:
        """Where the column's content ends (its top when empty)."""
        return min((item.y for item in self.items), default=self.top)


@dataclass
class PlacedPage:
    number: int
    body: Rect
    sections: list[list[Column]] = field(default_factory=list)
    extra: list[Placed] = field(default_factory=list)  # the footer, painted apart from the flow

    @property
    def items(self) -> list[Placed]:
        return [item for columns in self.sections for column in columns for item in column.items]


@dataclass
class Section:
    """Blocks that share one set of columns (count 1: across the body)."""

    blocks: list[Flowable]
    count: int = 1
    gap: float = 14.0  # between columns
    space_after: float = 8.0  # below the section, when something follows on the page
    rtl: bool = False  # columns run from the right
    keep_with_next: bool = False  # a heading across the columns: never without the next section
    # A page the section goes on from shares the room at its foot out between the blocks (so
    # printed columns end together); a phone's screens, read one after another, need not.
    justify: bool = True

    def column_width(self, width: float) -> float:
        return (width - self.gap * (self.count - 1)) / self.count

    def column_x(self, left: float, width: float, index: int) -> float:
        slot = self.count - 1 - index if self.rtl else index
        return left + slot * (self.column_width(width) + self.gap)


Packed = list[list[tuple[Flowable, float, float]]]  # per column: block, height, space above


def pack(
    blocks: Sequence[Flowable], width: float, height: float, count: int, split_last: bool = False
) -> tuple[Packed, list[Flowable]]:
    """Fill up to `count` columns of `width` x `height` in order, splitting blocks that allow it.

    A block does not split at the foot of the last column unless `split_last`: what follows
    it is on the back of the sheet or the next panel, and a reader should not turn over
    in the middle of a tip.  Returns the columns (the last ones may be empty) and the
    blocks or pieces left over.
    """
    columns: Packed = [[]]
    rest = list(blocks)
    used = 0.0
    while rest:
        block = rest[0]
        column = columns[-1]
        above = max(column[-1][0].getSpaceAfter(), block.getSpaceBefore()) if column else 0.0
        block_height = block.wrap(width, _BIG)[1]
        if used + above + block_height <= height + _SLACK:
            column.append((block, block_height, above))
            used += above + block_height
            rest.pop(0)
            continue
        room = height - used - above
        may_split = room > 0 and (split_last or len(columns) < count)
        pieces = block.split(width, room) if may_split else []
        head_height = pieces[0].wrap(width, _BIG)[1] if len(pieces) == 2 else _BIG
        if head_height <= room + _SLACK:
            column.append((pieces[0], head_height, above))
            rest[0] = pieces[1]
        last = len(columns) == count
        # A heading goes on with what it introduces; it may empty its column only at a page's end.
        trailing = 0
        while trailing < len(column) and keeps_with_next(column[-1 - trailing][0]):
            trailing += 1
        if trailing and (trailing < len(column) or last):
            rest[0:0] = [block for block, _, _ in column[-trailing:]]
            del column[-trailing:]
        if last or not column:
            break
        columns.append([])
        used = 0.0
    return columns, rest


def balance(
    blocks: Sequence[Flowable], width: float, height: float, count: int
) -> tuple[Packed, float] | None:
    """The lowest column height (up to `height`) that holds every block, with its packing."""
    packed, rest = pack(blocks, width, height, count)
    if rest:
        return None
    if count == 1:
        return packed, _used(packed[0])
    low, high = 0.0, height
    best = packed
    while high - low > 0.5:
        middle = (low + high) / 2
        trial, rest = pack(blocks, width, middle, count)
        if rest:
            low = middle
        else:
            high, best = middle, trial
    return best, max(_used(column) for column in best)


def balance_last_longest(
    blocks: Sequence[Flowable], width: float, height: float, count: int
) -> tuple[Packed, float] | None:
    """Balanced columns whose last column reaches lowest, blocks kept whole (the end of a
    leaflet).  PDF readers (poppler's reading order) take a block that has nothing beside it
    and text below it as spanning the columns, and would read the next column first."""
    whole = list(blocks)
    if count == 1 or not whole:
        return balance(whole, width, height, count)
    heights = [block.wrap(width, _BIG)[1] for block in whole]

    def fill_from_end(limit: float) -> Packed | None:
        columns: Packed = []
        end = len(whole)
        for _ in range(count):
            column: list[tuple[Flowable, float, float]] = []
            used = 0.0
            while end > 0:
                block = whole[end - 1]
                above = max(block.getSpaceAfter(), column[0][0].getSpaceBefore()) if column else 0.0
                if used + above + heights[end - 1] > limit + _SLACK:
                    break
                if column:
                    column[0] = (column[0][0], column[0][1], above)
                column.insert(0, (block, heights[end - 1], 0.0))
                used += above + heights[end - 1]
                end -= 1
            columns.insert(0, column)
        if end > 0:
            return None
        # A heading may not end a column: it joins the entry it introduces.
        for number in range(count - 1):
            if columns[number] and keeps_with_next(columns[number][-1][0]):
                return None
        return columns

    if fill_from_end(height) is None:
        return None
    low, high = 0.0, height
    best = fill_from_end(height)
    while high - low > 0.5:
        middle = (low + high) / 2
        trial = fill_from_end(middle)
        if trial is None:
            low = middle
        else:
            high, best = middle, trial
    assert best is not None
    return best, max(_used(column) for column in best)


def _used(column: list[tuple[Flowable, float, float]]) -> float:
    return sum(height + above for _, height, above in column)


def place_pages(
    sections: Sequence[Section],
    body: Rect,
    footer_height: float,
    footer_gap: float,
    limit: int,
) -> tuple[list[PlacedPage], bool]:
    """Lay the sections out on pages of `body`, keeping `footer_height` free at the foot of the
    last page.  Returns the pages and whether everything found a place within `limit` pages."""
    reserve_on = None  # the page that holds the footer: found by laying out without it first
    for _ in range(3):
        pages, complete = _place(sections, body, footer_height + footer_gap, reserve_on, limit)
        last = len(pages) - 1
        if not complete or (reserve_on is not None and last >= reserve_on):
            return pages, complete  # the footer's room is kept on the last page
        reserve_on = last
    return pages, complete


def _place(
    sections: Sequence[Section], body: Rect, reserve: float, reserve_on: int | None, limit: int
) -> tuple[list[PlacedPage], bool]:
    remaining = [list(section.blocks) for section in sections]
    index = 0
    pages: list[PlacedPage] = []
    while index < len(sections) and len(pages) < limit:
        page = PlacedPage(len(pages) + 1, body)
        pages.append(page)
        reserved = reserve_on is not None and len(pages) - 1 >= reserve_on
        floor = body.y + (reserve if reserved else 0.0)
        top = body.y + body.height
        while index < len(sections):
            section = sections[index]
            width = section.column_width(body.width)
            available = top - floor
            balanced = None
            if available > 0:
                if index == len(sections) - 1:
                    balanced = balance_last_longest(remaining[index], width, available, section.count)
                balanced = balanced or balance(remaining[index], width, available, section.count)
            heading = section.keep_with_next and page.sections and index + 1 < len(sections)
            if balanced is not None and heading:
                following = sections[index + 1]
                room = top - balanced[1] - section.space_after - floor
                if room < minimum_start(remaining[index + 1], following.column_width(body.width)):
                    break  # the heading goes over with its first entry
            if balanced is not None:
                packed, height = balanced
                columns = _columns(section, packed, body, top, height, width)
                _note_next(columns, packed, [], width)
                page.sections.append(columns)
                remaining[index] = []
                index += 1
                top -= height + section.space_after
                continue
            packed, rest = pack(remaining[index], width, max(available, 0.0), section.count)
            if any(packed):
                columns = _columns(section, packed, body, top, available, width, justify=section.justify)
                _note_next(columns, packed, rest, width)
                page.sections.append(columns)
                remaining[index] = rest
            elif not page.sections and floor > body.y:
                # The footer's room leaves an empty page too short for the next block (a tall
                # footer on a small page): the block takes the page, the footer the next one.
                assert reserve_on is not None
                reserve_on += 1
                floor = body.y
                continue
            elif not page.sections:  # an empty page cannot hold it: no page will
                raise BlockTooLarge(_too_large(remaining[index]))
            break
    if reserve_on is not None and reserve_on >= len(pages) and index >= len(sections) and len(pages) < limit:
        pages.append(PlacedPage(len(pages) + 1, body))  # the footer's page, moved on above
    return pages, index >= len(sections)


def _note_next(columns: list[Column], packed: Packed, rest: list[Flowable], width: float) -> None:
    """For the audit: how much room the blocks after each column needed to start in it."""
    for number, column in enumerate(columns):
        later = [block for blocks in packed[number + 1 :] for block, _, _ in blocks] + rest
        if later:
            column.next_minimum = minimum_start(later, width)


def stack(
    x: float,
    top: float,
    width: float,
    height: float,
    blocks: list[tuple[Flowable, float, float]],
    extra: float = 0.0,
) -> Column:
    """One column of packed blocks from `top` down, `extra` points more between blocks."""
    column = Column(x, top, width, top - height)
    y = top
    for index, (block, block_height, above) in enumerate(blocks):
        y -= above + block_height + (extra if index else 0.0)
        column.items.append(Placed(block, x, y, width, block_height))
    return column


def _columns(
    section: Section,
    packed: Packed,
    body: Rect,
    top: float,
    height: float,
    width: float,
    justify: bool = False,
) -> list[Column]:
    """Columns placed from `top`.  `justify` (a page the section goes on from): the room left
    at the foot of each column is shared out between its blocks, a little each, so the
    columns end together at the foot of the page."""
    columns = []
    for number, blocks in enumerate(packed):
        extra = 0.0
        if justify and len(blocks) > 1:
            extra = min((height - _used(blocks)) / (len(blocks) - 1), JUSTIFY_LIMIT)
        x = section.column_x(body.x, body.width, number)
        columns.append(stack(x, top, width, height, blocks, extra))
    return columns


class BlockTooLarge(RenderError):
    """A block does not fit on an empty page at the size tried: at a larger size than the
    smallest, the size is too large; at the smallest, the leaflet cannot be made."""


def _too_large(blocks: Sequence[Flowable]) -> str:
    """What does not fit an empty page: a heading kept with the block after it names that
    block (the services' heading, with a service too tall for a page)."""
    block = blocks[0]
    if getattr(block, "keepWithNext", False) and len(blocks) > 1:
        block = blocks[1]
    service = getattr(block, "kind", "") == "service" and getattr(block, "name", "")
    if service:
        return (
            f"the service '{service}' is too tall for one page of this format even at the smallest"
            " size; shorten its address or notes, or choose a larger format"
        )
    words = first_text(block)
    what = f"the text starting '{words[:60]}'" if words else f"a {type(block).__name__}"
    return (
        f"{what} is too large to fit on one page of this format even at the smallest size;"
        " shorten it or choose a larger format"
    )


def paint(canvas: object, page: PlacedPage) -> None:
    """Draw every block placed on a page.  In a tagged PDF each block's structure is kept
    apart, to be put in reading order at the end (`tags.py`); a block marked `artifact`
    (a heading repeated where its list goes on) is not read out again."""
    tags = tags_of(canvas)
    for item in [*page.items, *page.extra]:
        item.block.wrapOn(canvas, item.width, item.height)
        scope = tags.artifact(canvas) if getattr(item.block, "artifact", False) else tags.group(item.block)
        with scope:
            item.block.drawOn(canvas, item.x, item.y)
