"""A paragraph as a ReportLab flowable, laid out by our text engine."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from hrleaflet.render.text.draw import draw_line
from hrleaflet.render.text.layout import Layout, drawn_glyphs, layout_paragraph, line_offset
from hrleaflet.render.text.style import Span, TextStyle, plain

_UNBOUNDED = 1e7


class TextBlock(Flowable):  # type: ignore[misc]
    def __init__(self, spans: Sequence[Span] | str, style: TextStyle, layout: Layout | None = None) -> None:
        super().__init__()
        self.spans = [Span(spans)] if isinstance(spans, str) else list(spans)
        self.style = style
        self.spaceBefore = style.space_before
        self.spaceAfter = style.space_after
        self._layout = layout
        self._fixed = layout is not None  # the two halves of a split keep their lines
        self._layout_width = 0.0

    @property
    def text(self) -> str:
        return plain(self.spans)

    def layout(self, width: float) -> Layout:
        if self._layout is None or (not self._fixed and self._layout_width != width):
            self._layout = layout_paragraph(self.spans, self.style, width)
            self._layout_width = width
        return self._layout

    def natural_width(self) -> float:
        """The width of the text on one line: for sizing table columns around a label."""
        return layout_paragraph(self.spans, self.style, _UNBOUNDED).width

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        laid = self.layout(available_width)
        self.width = available_width
        self.height = laid.height
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        laid = self.layout(available_width)
        fits = int(available_height // laid.line_height)
        if fits <= 0:
            return []
        if fits >= len(laid.lines):
            return [self]
        head = Layout(laid.lines[:fits], laid.line_height, laid.ascent)
        tail = Layout(laid.lines[fits:], laid.line_height, laid.ascent)
        return [
            TextBlock(self.spans, self.style.but(space_after=0), head),
            TextBlock(self.spans, self.style.but(space_before=0), tail),
        ]

    def ink_box(self) -> tuple[float, float, float, float]:
        """The box the lines take in the block (left, bottom, right, top): a link's tap area."""
        laid = self._layout
        if laid is None or not laid.lines:
            return 0.0, 0.0, 0.0, 0.0
        lefts = [line_offset(line, self.width, self.style) for line in laid.lines]
        right = max(left + line.width for left, line in zip(lefts, laid.lines, strict=True))
        return min(lefts), 0.0, right, self.height

    def text_boxes(self, shown: str) -> list[tuple[float, float, float, float]]:
        """The boxes (left, bottom, right, top) of each place a line shows `shown`, as laid out:
        a tap area for one phone number among several in a paragraph."""
        laid = self._layout
        boxes: list[tuple[float, float, float, float]] = []
        if laid is None or not shown:
            return boxes
        for number, line in enumerate(laid.lines):
            # The glyphs left to right, with the characters each stands for: a number (left to
            # right, also in a right-to-left line) reads in order.
            drawn, starts, spans = "", [], []
            left = line_offset(line, self.width, self.style)
            for x, glyph in drawn_glyphs(line):
                starts.append(len(drawn))
                spans.append((left + x, left + x + glyph.advance))
                drawn += glyph.text
            top = self.height - number * laid.line_height
            ends = [*starts[1:], len(drawn)]
            found = drawn.find(shown)
            while found >= 0:
                # The glyphs that carry a character of this occurrence (silent ones carry none).
                covered = [
                    box
                    for box, start, end in zip(spans, starts, ends, strict=True)
                    if found <= start < min(end, found + len(shown))
                ]
                if covered:
                    boxes.append(
                        (min(a for a, _ in covered), top - laid.line_height, max(b for _, b in covered), top)
                    )
                found = drawn.find(shown, found + len(shown))
        return boxes

    def draw(self) -> None:
        laid = self._layout
        if laid is None:
            return
        for number, line in enumerate(laid.lines):
            baseline = self.height - number * laid.line_height - laid.ascent
            x = line_offset(line, self.width, self.style)
            draw_line(self.canv, line, x, baseline, self.style.colour)
