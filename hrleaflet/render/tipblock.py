"""A numbered tip: the number (and pictogram) beside the headline and text.

A tip is never split between columns: a reader takes in one tip at a glance, and
PDF readers (poppler's reading order) take the foot of one column and the top of
the next, side by side, for the rows of a table.  Columns are filled by sharing out
the room left at their foot instead (see `place.py`).
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from hrleaflet.render.tags import tags_of
from hrleaflet.render.text.flowable import TextBlock

_BIG = 1e6
GAP = 6.0  # between the number and the text


class TipBlock(Flowable):  # type: ignore[misc]
    kind = "tip"

    def __init__(
        self,
        marker: list[Flowable],
        marker_width: float,
        headline: TextBlock,
        body: TextBlock,
        space_after: float,
        rtl: bool,
    ) -> None:
        super().__init__()
        self.marker = marker  # the number badge, and the pictogram under it
        self.marker_width = marker_width
        self.headline = headline
        self.body = body
        self.spaceAfter = space_after  # before the next block; none at the foot of a column
        self.rtl = rtl

    def _text_width(self, width: float) -> float:
        return width - self.marker_width - GAP

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        text_width = self._text_width(available_width)
        text = (
            self.headline.wrap(text_width, _BIG)[1]
            + self.headline.getSpaceAfter()
            + self.body.wrap(text_width, _BIG)[1]
        )
        marker = sum(part.wrap(self.marker_width, _BIG)[1] for part in self.marker)
        self.width = available_width
        self.height = max(text, marker)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        """In a tagged PDF a tip is a list item: its number the label, and in its body the
        headline (H2), the pictogram (a Figure named by the headline) and the text."""
        canvas = self.canv
        tags = tags_of(canvas)
        item = tags.element("LI", series="tips")
        label = tags.element("Lbl", parent=item)
        body = tags.element("LBody", parent=item)
        top = self.height
        marker_x = self.width - self.marker_width if self.rtl else 0.0
        for part in self.marker:
            top -= part.wrap(self.marker_width, _BIG)[1]
            role = getattr(part, "role", None)
            if role == "Lbl":
                with tags.within(label):
                    part.drawOn(canvas, marker_x, top)
            elif role == "Figure":
                figure = tags.element("Figure", parent=body, alt=self.headline.text, rank=1)
                with tags.mark(canvas, figure):
                    part.drawOn(canvas, marker_x, top)
            else:
                with tags.artifact(canvas):
                    part.drawOn(canvas, marker_x, top)
        text_width = self._text_width(self.width)
        text_x = 0.0 if self.rtl else self.marker_width + GAP
        y = self.height - self.headline.wrap(text_width, _BIG)[1]
        with tags.within(body):
            self.headline.drawOn(canvas, text_x, y)
            y -= self.headline.getSpaceAfter() + self.body.wrap(text_width, _BIG)[1]
            self.body.drawOn(canvas, text_x, y)
