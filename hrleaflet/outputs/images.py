"""Each page of a PDF leaflet as an image for messaging apps, with the page's text for alt text.

Rendered with pdfium at a width in pixels (1080 for the phone format, 150 dpi for paper),
then reduced to a 256-colour palette without dithering: a leaflet is flat colour and
anti-aliased text, which a palette keeps crisp, and a phone page stays well under the
500 KB that messaging apps send without recompressing.  Same PDF, same bytes: no
timestamps or metadata are written, and the encoders' settings are fixed.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from hrleaflet.errors import UsageError
from hrleaflet.render.formats import Format

PHONE_WIDTH = 1080  # pixels: a phone screen's width
PAPER_DPI = 150


@dataclass(frozen=True)
class PageImage:
    image: bytes
    text: str  # the page's words in reading order, for alt text


def default_width(paper: Format) -> int:
    """1080 px for the phone format, 150 dpi for paper formats (A4: 1240 px)."""
    if paper.kind == "phone":
        return PHONE_WIDTH
    return round(paper.width / 72 * PAPER_DPI)


def page_images(pdf: bytes, paper: Format, kind: str, width: int | None) -> list[PageImage]:
    """Every page of `pdf` as a PNG or WebP image `width` pixels wide, with its text."""
    import pikepdf
    import pypdfium2
    from PIL import features

    from hrleaflet.outputs.page_text import pages_text

    if kind == "webp" and not features.check("webp"):
        raise UsageError(
            "--image webp: this installation's Pillow was built without WebP support. "
            "Use --image png, or install a Pillow with WebP (the wheels on PyPI have it)."
        )
    texts = pages_text(pikepdf.open(io.BytesIO(pdf)))
    document = pypdfium2.PdfDocument(pdf)
    try:
        pixels = width or default_width(paper)
        images = []
        for number, text in enumerate(texts):
            page = document[number]
            bitmap = page.render(scale=pixels / page.get_width(), may_draw_forms=False)
            images.append(PageImage(_encode(bitmap.to_pil(), kind), text))
            bitmap.close()
            page.close()
        return images
    finally:
        document.close()


def _encode(picture: object, kind: str) -> bytes:
    from PIL import Image

    assert isinstance(picture, Image.Image)
    # Median cut (no k-means, no dithering) gives the same palette for the same pixels.
    palette = picture.convert("RGB").quantize(
        colors=256, method=Image.Quantize.MEDIANCUT, kmeans=0, dither=Image.Dither.NONE
    )
    out = io.BytesIO()
    if kind == "png":
        palette.save(out, format="PNG", optimize=False, compress_level=9)
    else:
        palette.convert("RGB").save(out, format="WEBP", lossless=True, quality=100, method=4, exact=True)
    return out.getvalue()
