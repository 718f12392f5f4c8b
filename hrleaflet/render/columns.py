"""Balanced newspaper columns of unbreakable blocks (tips, service entries).

ReportLab's own BalancedColumns re-lays its content dozens of times with deep
copies (over a second per leaflet).  Our blocks never split inside, so
balancing is a partition of known heights: measure once, then place.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

_BIG = 1e6


class Columns(Flowable):  # type: ignore[misc]
    def __init__(
        self,
        blocks: Sequence[Flowable],
        count: int = 2,
        gap: float = 14.0,
        rtl: bool = False,
        padding: float = 0.0,
        fill: Color | None = None,
        stroke: Color | None = None,
        space_after: float = 0.0,
        fill_in_order: bool = False,
    ) -> None:
        super().__init__()
        self.blocks = list(blocks)
        self.count = count
        self.gap = gap
        self.rtl = rtl
        self.padding = padding
        self.fill = fill
        self.stroke = stroke
        self.spaceAfter = space_after
        # The part of a split that ends a page fills its columns in turn instead of balancing.
        self.fill_in_order = fill_in_order
        self._columns: list[list[tuple[Flowable, float]]] = []
        self._column_width = 0.0

    def _measure(self, available_width: float) -> list[float]:
        self._column_width = (available_width - 2 * self.padding - self.gap * (self.count - 1)) / self.count
        return [block.wrap(self._column_width, _BIG)[1] for block in self.blocks]

    def _pack(self, heights: list[float], capacity: float) -> list[list[int]]:
        """Fill columns in order, each up to `capacity`, stopping at the first block that fits nowhere."""
        columns: list[list[int]] = [[]]
        used = 0.0
        for index, height in enumerate(heights):
            if used + height > capacity:
                if len(columns) == self.count or height > capacity:
                    break
                columns.append([])
                used = 0.0
            columns[-1].append(index)
            used += height
        return columns

    def _balanced(self, heights: list[float]) -> list[list[int]]:
        """The lowest column height that fits every block in `count` columns (binary search)."""
        low, high = max(heights, default=0.0), sum(heights) + 1.0
        for _ in range(30):
            if high - low < 0.5:
                break
            middle = (low + high) / 2
            packed = self._pack(heights, middle)
            if sum(len(c) for c in packed) == len(heights):
                high = middle
            else:
                low = middle
        return self._pack(heights, high)

    def _place(self, heights: list[float], columns: list[list[int]]) -> float:
        self._columns = [[(self.blocks[i], heights[i]) for i in column] for column in columns]
        tallest = max((sum(h for _, h in column) for column in self._columns), default=0.0)
        return tallest + 2 * self.padding

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        heights = self._measure(available_width)
        self.width = available_width
        if self.fill_in_order:
            packed = self._pack(heights, available_height - 2 * self.padding)
        else:
            packed = self._balanced(heights)
        self.height = self._place(heights, packed)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        heights = self._measure(available_width)
        packed = self._pack(heights, available_height - 2 * self.padding)
        placed = sum(len(c) for c in packed)
        if placed == 0:
            return []  # nothing fits here: the frame moves us to the next page
        return [self._copy(self.blocks[:placed], fill_in_order=True), self._copy(self.blocks[placed:])]

    def _copy(self, blocks: Sequence[Flowable], fill_in_order: bool = False) -> Columns:
        return Columns(
            blocks,
            self.count,
            self.gap,
            self.rtl,
            self.padding,
            self.fill,
            self.stroke,
            self.spaceAfter,
            fill_in_order,
        )

    def draw(self) -> None:
        canvas = self.canv
        if self.fill is not None or self.stroke is not None:
            canvas.saveState()
            if self.fill is not None:
                canvas.setFillColor(self.fill)
            if self.stroke is not None:
                canvas.setStrokeColor(self.stroke)
                canvas.setLineWidth(1)
            canvas.rect(
                0,
                0,
                self.width,
                self.height,
                stroke=int(self.stroke is not None),
                fill=int(self.fill is not None),
            )
            canvas.restoreState()
        for number, column in enumerate(self._columns):
            slot = self.count - 1 - number if self.rtl else number
            x = self.padding + slot * (self._column_width + self.gap)
            y = self.height - self.padding
            for block, height in column:
                y -= height
                block.drawOn(canvas, x, y)
