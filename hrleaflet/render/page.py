"""The page frame around a leaflet's story: margins, footer and page numbers."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from hrleaflet.render.paper import Paper

FooterPainter = Callable[[Canvas, int, int], None]  # canvas, page number, page count


class _CountingCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end, so each footer can say 'page 2 of 3'."""

    def __init__(self, *args: Any, paint_footer: FooterPainter, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._paint_footer = paint_footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._paint_footer(self, number, total)
            super().showPage()
        super().save()


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str
    author: str
    lang: str
    creator: str


def render_story(
    story: list[Flowable],
    paper: Paper,
    footer_height: float,
    paint_footer: FooterPainter,
    metadata: Metadata,
    font_name: str,
) -> tuple[bytes, int]:
    """Lay out the story on as many pages as it needs; return the PDF and its page count."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(paper.width, paper.height),
        leftMargin=paper.margin,
        rightMargin=paper.margin,
        topMargin=paper.margin,
        bottomMargin=paper.margin + footer_height,
        title=metadata.title,
        subject=metadata.subject,
        author=metadata.author,
        creator=metadata.creator,
        lang=metadata.lang,
        invariant=1,  # no clock time or random ids: same inputs, same bytes
        initialFontName=font_name,  # or ReportLab references Helvetica, never embedded
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="leaflet", frames=[frame])])

    def make_canvas(*args: Any, **kwargs: Any) -> _CountingCanvas:
        return _CountingCanvas(*args, paint_footer=paint_footer, **kwargs)

    doc.build(story, canvasmaker=make_canvas)
    return buffer.getvalue(), doc.page
