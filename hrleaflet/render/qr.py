"""QR codes as 1-bit image masks: fast to draw, sharp at any print size, small in the file.

ReportLab's QrCodeWidget draws every module as a separate shape through the graphics
renderer (about 50 ms a code).  We paint the modules as an image mask in the ink instead
(PDF's way to print a bitmap in one colour).  Compressed in its page, a code takes about
240 bytes, where a path of its runs of dark modules took about 450.  Rendered by pdfium,
poppler and MuPDF from 72 to 300 dpi its edges are as sharp as the path's were, and zbar
reads it from the same resolutions on.
"""

from __future__ import annotations

import zlib
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from hrleaflet.cache import cache_dir, keep, kept_text
from hrleaflet.render.tags import tags_of
from hrleaflet.render.themes import RGB

QUIET_ZONE = 2  # modules of light margin; the white square behind the code adds more
SAMPLES = 4  # image samples a module, across and down (see inline_mask)
INLINE_LIMIT = 4096  # bytes of data in an inline image, at most (PDF 32000-1, 8.9.7)


@cache
def _qrencoder() -> Any:
    """ReportLab's QR encoder, a module of plain Python needing only `re` and `itertools`.

    Imported the usual way it first runs `reportlab.graphics.barcode`'s `__init__`, which
    imports every barcode ReportLab draws (EAN, Code 128, ... about 8 ms at start-up), so
    it is loaded from its file under a name of our own (its compiled bytecode is still used).
    """
    import importlib.util

    import reportlab

    path = Path(reportlab.__file__).parent / "graphics" / "barcode" / "qrencoder.py"
    spec = importlib.util.spec_from_file_location("hrleaflet.render._qrencoder", path)
    if spec is None or spec.loader is None or not path.is_file():
        from reportlab.graphics.barcode import qrencoder  # a ReportLab laid out otherwise

        return qrencoder
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


Modules = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=1024)
def qr_modules(text: str) -> Modules:
    """The code's modules (True: dark), error correction level M.

    Encoding is pure Python, 3 to 7 ms a code, and a leaflet has one per linked service; the
    same links recur in every leaflet of a locality, so codes are kept in the cache folder,
    keyed by the text and ReportLab's version (the mask the encoder picks could change with it).
    """
    path = _cached_path(text)
    kept = _read_kept(path)
    if kept is not None:
        return kept
    qrencoder = _qrencoder()
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.make()
    modules = tuple(tuple(bool(cell) for cell in row) for row in code.modules)
    rows = ("".join("1" if cell else "0" for cell in row) + "\n" for row in modules)
    keep(path, "".join(rows).encode("ascii"))  # a read-only cache: encode again next time
    return modules


def _cached_path(text: str) -> Path:
    import hashlib

    import reportlab

    key = hashlib.sha256(f"qr1\0{reportlab.Version}\0M\0{text}".encode()).hexdigest()[:32]
    return cache_dir() / "qr" / f"{key}.txt"


def _read_kept(path: Path) -> Modules | None:
    """The modules kept in `path`, or None when missing or not a whole QR code (cut short, edited)."""
    text = kept_text(path, "ascii")
    if text is None:
        return None
    rows = text.split()
    size = len(rows)
    if not 21 <= size <= 177 or (size - 17) % 4 or any(len(row) != size or row.strip("01") for row in rows):
        return None
    return tuple(tuple(cell == "1" for cell in row) for row in rows)


@lru_cache(maxsize=256)
def inline_mask(modules: Modules) -> str:
    """The modules as an inline image mask (PDF 32000-1, 8.9.7), the dark ones painted.

    Each module is SAMPLES x SAMPLES samples: pdfium smooths an image it scales up, and zbar
    read every code of an English leaflet rendered by pdfium from 72 to 288 dpi (in steps of
    7 dpi) from 122 dpi on with four samples a module, as with a path; with one sample, only
    from 144 dpi on, and with two, not at 130 dpi.  The samples are written in hexadecimal,
    so the page's content stream stays text and `EI` cannot occur in the data; the page's
    compression takes the repeats.  A code whose data would pass the 4 KB the standard
    advises for an inline image (a code of over 29 modules: a link of more than 42
    characters) has its samples deflated first.
    """
    count = len(modules) * SAMPLES
    padding = "0" * (-count % 8)  # each row starts on a byte
    samples = bytearray()
    for row in modules:
        bits = "".join("1" * SAMPLES if cell else "0" * SAMPLES for cell in row) + padding
        samples += int(bits, 2).to_bytes(len(bits) // 8, "big") * SAMPLES
    filters, data = "/AHx", bytes(samples)
    if 2 * len(data) > INLINE_LIMIT:
        filters, data = "[/AHx /Fl]", zlib.compress(data, 9)
    # /D [1 0]: a sample of 1 (a dark module) paints in the fill colour.
    return f"BI /W {count} /H {count} /IM true /BPC 1 /D [1 0] /F {filters} ID\n{data.hex().upper()}>\nEI"


class QrCode(Flowable):  # type: ignore[misc]
    """A QR code; in a tagged PDF, a Figure whose alternative text is 'QR code: <link>'."""

    def __init__(self, text: str, size: float, ink: RGB, paper: RGB, rank: int = 0) -> None:
        super().__init__()
        self.text = text
        self.size = size
        self.ink = ink
        self.paper = paper
        self.rank = rank  # its place among its siblings in the structure

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        tags = tags_of(canvas)
        figure = tags.element("Figure", alt=f"QR code: {self.text}", rank=self.rank)
        with tags.mark(canvas, figure):
            super().drawOn(canvas, x, y, _sW)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        modules = qr_modules(self.text)
        count = len(modules)
        step = self.size / (count + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(*self.paper)
        canvas.rect(0, 0, self.size, self.size, stroke=0, fill=1)
        canvas.setFillColorRGB(*self.ink)
        # The image's unit square, its first row at the top, spans the modules.
        side = step * count
        canvas.transform(side, 0, 0, side, QUIET_ZONE * step, QUIET_ZONE * step)
        canvas.addLiteral(inline_mask(modules))
        canvas.restoreState()
