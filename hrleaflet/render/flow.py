"""Flow flowables through frames on a canvas we drive ourselves, page by page.

Formats arrange parts in panels (a tri-fold) or on two sides (a card), and the
same pages are placed several times on an office sheet; so instead of
ReportLab's document templates we fill frames directly, and a layout is a
generator that paints one page each time it is advanced.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from hrleaflet.errors import RenderError
from hrleaflet.render.formats import Rect
from hrleaflet.render.tags import DocumentInfo, Tagger, page_entries
from hrleaflet.render.text.draw import HeldLine, mark_page_lines


def frame(rect: Rect, x: float = 0.0, y: float = 0.0) -> Frame:
    return Frame(
        rect.x + x,
        rect.y + y,
        rect.width,
        rect.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )


def fill(target: Frame, story: list[Flowable], canvas: Canvas) -> None:
    """Draw as much of `story` as fits in the frame, splitting a flowable where it allows."""
    while story:
        head = story[0]
        if target.add(head, canvas, trySplit=0):
            story.pop(0)
            continue
        parts = target.split(head, canvas)
        if parts and target.add(parts[0], canvas, trySplit=0):
            story[0:1] = parts[1:]
            continue
        if target._atTop:  # an empty frame cannot hold it: it would never fit anywhere
            words = first_text(head)
            what = f"the text starting '{words[:60]}'" if words else f"a {type(head).__name__}"
            raise RenderError(
                f"{what} is too large to fit on one page of this format even at the smallest size;"
                " shorten it or choose a larger format"
            )
        return


def first_text(flowable: object, depth: int = 0) -> str:
    """The first words a block would print (looked for in its parts), to name it in an error."""
    if isinstance(flowable, list | tuple):  # table rows and cells nest lists of flowables
        return next((found for item in flowable if (found := first_text(item, depth + 1))), "")
    spans = getattr(flowable, "spans", None)
    if spans:
        return "".join(getattr(span, "text", "") for span in spans).strip()
    if depth > 6 or not isinstance(flowable, Flowable):
        return ""
    parts = vars(flowable).values()
    return next((found for value in parts if (found := first_text(value, depth + 1))), "")


@dataclass(frozen=True)
class Metadata:
    title: str
    subject: str
    author: str
    lang: str
    creator: str
    rtl: bool = False  # a right-to-left leaflet: viewers lay its pages out from the right


class DeferredCanvas(Canvas):  # type: ignore[misc]
    """Holds pages back until the end, so a line's text for readers can depend on
    everything else on its page, and the structure tree on every page."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._held: list[dict[str, Any]] = []
        self._text_lines: list[tuple[int, HeldLine]] = []  # with their index in the page's code
        self.tags = Tagger(enabled=False)  # the structure tree (`tags.py`), when the PDF is tagged
        self.info: DocumentInfo | None = None
        self._first_page_glyphs = ""  # `_glyphs_named`, as page 1 was complete
        self.first_page = ""  # once saved: `first_page_identity`

    def hold_text_line(self, line: HeldLine) -> None:
        """Draw a line of text whose marked-content spans are written when the page is complete."""
        self._text_lines.append((len(self._code), line))
        self._code.append("")

    def showPage(self) -> None:
        if not self._held:
            self._first_page_glyphs = _glyphs_named(self._doc)
        self._held.append(dict(self.__dict__))
        self._text_lines = []
        self._startPage()

    def _setAnnotations(self, page: Any) -> None:
        super()._setAnnotations(page)
        if self.tags.enabled:
            page_entries(page, self._doc.pageCounter - 1)  # the page about to be added

    def save(self) -> None:
        from reportlab import rl_config

        total = len(self._held)
        # Binary (not ASCII85) compressed streams: a quarter smaller.  ReportLab reads this
        # setting while it writes pages, so it is changed only for the length of this call.
        ascii85, rl_config.useA85 = rl_config.useA85, 0
        first_page = ""
        try:
            for number, state in enumerate(self._held):
                self.__dict__.update(state)  # the page's own state (and `first_page` as it was)
                mark_page_lines(self._code, self._text_lines)
                self.tags.resolve(self._code, number, {index for index, _ in self._text_lines})
                super().showPage()
                page = self._doc.Pages.pages[-1]
                _as_bytes(page)
                if number == 0:
                    first_page = first_page_identity(page.stream, self._pagesize, self._first_page_glyphs)
            self.first_page = first_page
            if self.info is not None:
                self.tags.finish(self, self.info, total)
            super().save()
        finally:
            rl_config.useA85 = ascii85


def first_page_identity(stream: bytes | str, size: tuple[float, float], glyphs: str) -> str:
    """What page 1 looks like, as a digest: two documents whose page 1 has the same operators,
    size and glyph behind each code and form name draw the same page 1 (a batch previews it
    once). The names alone would not do: ReportLab hands a document's glyph codes out in the
    order it draws them, and outline forms are numbered the same way."""
    import hashlib

    content = stream if isinstance(stream, bytes) else stream.encode("utf-8")
    return hashlib.sha256(content + repr((size, glyphs)).encode("utf-8")).hexdigest()


def _glyphs_named(doc: Any) -> str:
    """Each of the document's fonts with the glyph behind each code it has handed out so far,
    and each outline form's glyph (`text.outlines`)."""
    from reportlab.pdfbase import pdfmetrics

    from hrleaflet.render.text.tounicode import ExtractableFont

    fonts = []
    for font in pdfmetrics._fonts.values():
        state = font.state.get(doc) if isinstance(font, ExtractableFont) else None
        if state is not None:
            glyph_of = font.face.charToGlyph
            codes = [[glyph_of.get(point, 0) for point in subset] for subset in state.subsets]
            fonts.append((font.fontName, codes))
    forms = getattr(doc, "_hrleaflet_glyph_forms", {})
    return repr((sorted(fonts), sorted((name, str(path), gid) for (path, gid), name in forms.items())))


def _as_bytes(page: Any) -> None:
    """A page's content as bytes when it is ASCII (it nearly always is: glyph codes past 126
    are escaped): ReportLab would encode it through its PDFDocEncoding codec, a character map
    twenty times slower, to the same bytes (6 ms for an Arabic leaflet's two pages)."""
    if isinstance(page.stream, str) and page.stream.isascii():
        page.stream = page.stream.encode("ascii")


def new_canvas(
    size: tuple[float, float], metadata: Metadata | None, font: str
) -> tuple[DeferredCanvas, io.BytesIO]:
    buffer = io.BytesIO()
    canvas = DeferredCanvas(
        buffer,
        pagesize=size,
        invariant=1,  # no clock time or random ids: same inputs, same bytes
        pageCompression=0,  # streams are deflated once, when the file is compacted (`compact.py`)
        initialFontName=font,  # or ReportLab references Helvetica, never embedded
        lang=metadata.lang if metadata else None,
    )
    if metadata:
        canvas.setTitle(metadata.title)
        canvas.setSubject(metadata.subject)
        canvas.setAuthor(metadata.author)
        canvas.setCreator(metadata.creator)
        # Tagged for screen readers and reflow: see `tags.py`.
        canvas.tags = Tagger()
        canvas.info = DocumentInfo(
            metadata.title, metadata.lang, metadata.rtl, metadata.creator, metadata.author, metadata.subject
        )
    return canvas, buffer
