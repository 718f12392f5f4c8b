"""The layout audit: what a print designer would reject, measured on a composed leaflet.

It reads where every block was placed (the layout's record) and where every line of
text landed in the PDF itself, and lists each finding with its page and what to change:
too many pages for one sheet, a column ending well short of its neighbour although
the next block would fit, a heading left at the foot of a column, a mostly empty
page, text outside its panel or too near the trim, tip numbers out of sequence.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from hrleaflet.render.compose import RenderedLeaflet
from hrleaflet.render.formats import MM, Format, Rect, trifold_panels
from hrleaflet.render.layouts import MIN_PAGE_USE, Layout
from hrleaflet.render.place import Column, Placed

MAX_PAGES = 2  # every format is one sheet, printed on both sides
TRIM_SAFETY = 4 * MM  # text nearer the paper's edge than this is at risk in trimming or printing
TOLERANCE = 1.0  # points


@dataclass(frozen=True)
class Finding:
    page: int  # 0: the leaflet as a whole
    problem: str
    change: str  # what to do about it

    def __str__(self) -> str:
        where = f"page {self.page}: " if self.page else ""
        return f"{where}{self.problem}; {self.change}"


def audit(rendered: RenderedLeaflet, fmt: Format) -> list[Finding]:
    layout = rendered.layout
    if layout is None:
        return []
    findings = _pages(layout, fmt)
    for page in layout.placed:
        if page is not layout.placed[-1]:  # the last page's columns end where the content does
            findings += _column_ends(layout, page.number, page.sections)
        findings += _headings(page.number, page.sections)
    findings += _page_use(layout, fmt)
    findings += _numbers(layout)
    if rendered.copies == 1:
        findings += _text_inside(rendered.pdf, layout, fmt)
    return findings


def _pages(layout: Layout, fmt: Format) -> list[Finding]:
    if layout.pages <= MAX_PAGES or fmt.kind == "phone":  # a phone leaflet scrolls: screens, not sheets
        return []
    return [
        Finding(
            0,
            f"{layout.pages} pages: more than one sheet of {fmt.name}",
            "shorten the services' notes, choose fewer tips with --tips, or list fewer services",
        )
    ]


def _line_height(layout: Layout) -> float:
    styles = layout.parts.styles
    return styles.body_size * styles.body.leading


def _column_ends(layout: Layout, page: int, sections: list[list[Column]]) -> list[Finding]:
    """A column that ends higher than the longest beside it by more than a line, although
    the smallest piece of what came next would have fitted in the gap."""
    findings = []
    line = _line_height(layout)
    for columns in sections:
        if len(columns) < 2:
            continue
        lowest = min(column.bottom for column in columns)
        for number, column in enumerate(columns, start=1):
            if not column.next_minimum:
                continue  # nothing came after it: the end of the leaflet
            gap = column.bottom - lowest
            if gap > line + column.next_minimum + TOLERANCE:
                findings.append(
                    Finding(
                        page,
                        f"column {number} ends {gap / MM:.0f} mm above its neighbour, though the next"
                        f" block needs only {column.next_minimum / MM:.0f} mm",
                        "this is a layout fault in hrleaflet: please report it with the files you built",
                    )
                )
    return findings


def _headings(page: int, sections: list[list[Column]]) -> list[Finding]:
    """A heading that ends a column, unless it stands across the columns of what follows
    it on the same page."""
    findings = []
    for index, section in enumerate(sections):
        followed = len(section) == 1 and any(c.items for s in sections[index + 1 :] for c in s)
        for column in section:
            if column.items and column.items[-1].kind == "heading" and not followed:
                findings.append(
                    Finding(
                        page,
                        "a heading is the last line of a column, apart from what it introduces",
                        "this is a layout fault in hrleaflet: please report it with the files you built",
                    )
                )
    return findings


def _page_use(layout: Layout, fmt: Format) -> list[Finding]:
    """The share of each page's body that holds something; the only page and designed
    pages (the panels of a tri-fold, the two sides of a card) need not be full, nor the
    screens of a phone leaflet: no paper is wasted, and as a tip or a service is never split,
    a screen ends where the next one does not fit whole."""
    if layout.designed_pages or layout.pages < 2 or fmt.kind == "phone":
        return []
    findings = []
    for page in layout.placed:
        share = layout.page_use(page)
        if share < MIN_PAGE_USE:
            findings.append(
                Finding(
                    page.number,
                    f"only {share:.0%} of the page is used",
                    "add local services or tips, or choose a smaller format (a5) for this content",
                )
            )
    return findings


def _numbers(layout: Layout) -> list[Finding]:
    printed = [_number(item) for item in layout.reading_order() if item.kind == "tip"]
    expected = list(range(1, len(printed) + 1))
    if printed == expected:
        return []
    return [
        Finding(
            0,
            f"tips are numbered {', '.join(map(str, printed))} in reading order",
            "this is a layout fault in hrleaflet: please report it with the files you built",
        )
    ]


def _number(item: Placed) -> int | None:
    label = getattr(item.block.marker[0], "label", "") if getattr(item.block, "marker", None) else ""
    digits = [unicodedata.decimal(char, None) for char in label]
    if not digits or None in digits:
        return None
    return int("".join(str(d) for d in digits))


def _areas(layout: Layout, fmt: Format, page: int) -> list[Rect]:
    """Where text may be on a page: each panel of a tri-fold, the whole page otherwise,
    less the safety margin from the trim."""
    if fmt.kind == "trifold":
        outside, inside = trifold_panels(fmt, layout.parts.styles.rtl)
        panels = outside if page == 1 else inside
    else:
        panels = [Rect(0, 0, fmt.width, fmt.height)]
    edge = min(TRIM_SAFETY, fmt.margin)
    return [Rect(p.x + edge, p.y + edge, p.width - 2 * edge, p.height - 2 * edge) for p in panels]


def _text_inside(pdf: bytes, layout: Layout, fmt: Format) -> list[Finding]:
    """Every run of text in the PDF lies inside one panel, clear of the trim."""
    import pypdfium2 as pdfium

    findings = []
    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            left, bottom, _, _ = page.get_trimbox()
            areas = _areas(layout, fmt, index + 1)
            text = page.get_textpage()
            outside = 0
            for number in range(text.count_rects()):
                x0, y0, x1, y1 = text.get_rect(number)
                box = (x0 - left, y0 - bottom, x1 - left, y1 - bottom)
                if not any(_holds(area, box) for area in areas):
                    outside += 1
            if outside:
                findings.append(
                    Finding(
                        index + 1,
                        f"{outside} run(s) of text cross a fold or come within"
                        f" {TRIM_SAFETY / MM:.0f} mm of the paper's edge",
                        "this is a layout fault in hrleaflet: please report it with the files you built",
                    )
                )
    finally:
        document.close()
    return findings


def _holds(area: Rect, box: tuple[float, float, float, float]) -> bool:
    x0, y0, x1, y1 = box
    return (
        x0 >= area.x - TOLERANCE
        and x1 <= area.x + area.width + TOLERANCE
        and y0 >= area.y - TOLERANCE
        and y1 <= area.y + area.height + TOLERANCE
    )
