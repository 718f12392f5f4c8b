"""Compacting a leaflet: streams a process has deflated before are written again as deflating
them again would write them, at the level each leaflet's size chooses."""

from __future__ import annotations

import io
import random

import pikepdf
from reportlab.pdfgen.canvas import Canvas

from hrleaflet.render import compact


def _pdf(extra_bytes: int) -> bytes:
    """A page with the same drawing, and a stream of `extra_bytes` that do not deflate well (an
    image's, say): the larger PDF's streams pass the budget for the best level."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0, invariant=1)
    for row in range(60):
        canvas.drawString(72, 760 - row * 12, f"Row {row}: the same words on every page of this test.")
    canvas.showPage()
    canvas.save()
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as document:
        if extra_bytes:
            noise = random.Random(3).randbytes(extra_bytes)
            document.Root.Extra = document.make_stream(noise)
        out = io.BytesIO()
        document.save(out, compress_streams=False)
    return out.getvalue()


def _page_content(pdf: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return bytes(document.pages[0].Contents.read_raw_bytes())


def test_a_stream_deflated_before_is_written_as_deflating_it_again_would() -> None:
    small, large = _pdf(0), _pdf(2 * compact.BEST_LEVEL_BUDGET)
    compact.forget_deflated()
    fresh = {name: compact.compact(pdf) for name, pdf in (("small", small), ("large", large))}
    for order in (("small", "large"), ("large", "small")):
        compact.forget_deflated()
        again = {name: compact.compact({"small": small, "large": large}[name]) for name in order}
        assert again == fresh, order
    # The page is the same drawing in both, deflated at the best level in the small PDF only.
    assert _page_content(fresh["small"]) != _page_content(fresh["large"])
