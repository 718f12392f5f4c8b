"""An organisation's logo: PNG or JPEG only, bounded in size, grey in black-and-white mode."""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from hrleaflet.content.images import size_problem
from hrleaflet.errors import ContentError


@dataclass(frozen=True)
class Logo:
    image: ImageReader
    pixel_width: int
    pixel_height: int

    def width_for(self, height: float) -> float:
        return height * self.pixel_width / self.pixel_height

    def draw(self, canvas: Canvas, x: float, y: float, height: float) -> None:
        canvas.drawImage(self.image, x, y, width=self.width_for(height), height=height, mask="auto")


PRINT_DPI = 300  # what print needs; more pixels only make the PDF bigger and slower


def load(path_text: str, grey: bool, height: float) -> Logo:
    """The logo ready to print at `height` points: at most 300 dpi, decoded once per file version."""
    path = Path(path_text)
    try:
        info = path.stat()
    except OSError:
        raise ContentError.single(path, None, "logo", f"'{path.name}' not found") from None
    return _load(path, info.st_mtime_ns, info.st_size, grey, round(height * PRINT_DPI / 72))


@functools.lru_cache(maxsize=16)
def _load(path: Path, mtime_ns: int, size: int, grey: bool, max_pixels_high: int) -> Logo:
    from PIL import Image

    # Checked when the services file was loaded, with its line; again here because the file
    # may have changed since (a long batch), and pixels are decoded only after the size check.
    problem = size_problem(path)
    if problem:
        raise ContentError.single(path, None, "logo", f"'{path.name}' {problem}")
    try:
        with Image.open(path) as opened:
            opened.draft("RGB", (max_pixels_high * 8, max_pixels_high))  # JPEG: decode smaller at once
            image = opened.convert("RGBA")
        if image.height > max_pixels_high:
            width = max(1, round(image.width * max_pixels_high / image.height))
            image = image.resize((width, max_pixels_high), Image.Resampling.LANCZOS)
    except Exception as exc:  # Pillow's decoders fail in many ways on a damaged file
        raise ContentError.single(path, None, "logo", f"'{path.name}' cannot be decoded: {exc}") from None
    if grey:
        # Keep transparency, drop colour: the black-and-white page must be grey only.
        alpha = image.getchannel("A")
        image = image.convert("L").convert("RGBA")
        image.putalpha(alpha)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    return Logo(ImageReader(buffer), image.width, image.height)
