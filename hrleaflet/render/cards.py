"""A local service as a card: filled in colour, outlined in black-and-white.

Each service is its own card, so services flow through columns and panels like
tips do, and a card is never split between columns.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from hrleaflet.render.tags import tags_of

PADDING = 6.0


class ServiceCard(Flowable):  # type: ignore[misc]
    kind = "service"

    def __init__(
        self,
        content: Callable[[float], Flowable],
        fill: Color | None,
        stroke: Color | None,
        space_after: float,
        spacing: float = 1.0,
        name: str = "",
    ) -> None:
        super().__init__()
        self.content = content  # the service's lines for a given inner width
        self.name = name  # the service's, to name it in an error
        self.fill = fill
        self.stroke = stroke
        self.spaceAfter = space_after
        self.padding = PADDING * spacing
        self._inner: Flowable | None = None
        self._inner_width = -1.0
        self._inner_height = 0.0

    def _laid(self, width: float) -> tuple[Flowable, float]:
        """The service's lines at this width and their height.  They are built and measured
        once a width: columns are packed and balanced at the same width again and again."""
        inner_width = width - 2 * self.padding
        if self._inner is None or self._inner_width != inner_width:
            self._inner = self.content(inner_width)
            self._inner_width = inner_width
            self._inner_height = float(self._inner.wrap(inner_width, 1e6)[1])
        return self._inner, self._inner_height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, height = self._laid(available_width)
        self.width = available_width
        self.height = height + 2 * self.padding
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []  # a service's name, phone and link stay together

    def draw(self) -> None:
        """In a tagged PDF a service is a list item; the card behind it is an artifact."""
        canvas = self.canv
        tags = tags_of(canvas)
        item = tags.element("LI", series="services")
        body = tags.element("LBody", parent=item)
        with tags.artifact(canvas):
            self._draw_card()
        inner, _ = self._laid(self.width)
        with tags.within(body):
            inner.drawOn(canvas, self.padding, self.padding)

    def _draw_card(self) -> None:
        canvas = self.canv
        if self.fill is not None or self.stroke is not None:
            canvas.saveState()
            if self.fill is not None:
                canvas.setFillColor(self.fill)
            if self.stroke is not None:
                canvas.setStrokeColor(self.stroke)
                canvas.setLineWidth(0.75)
            canvas.roundRect(
                0,
                0,
                self.width,
                self.height,
                3,
                stroke=int(self.stroke is not None),
                fill=int(self.fill is not None),
            )
            canvas.restoreState()
