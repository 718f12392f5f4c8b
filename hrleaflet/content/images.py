"""Images people give us (an organisation's logo): PNG or JPEG, and of a sane size."""

from __future__ import annotations

import io
import struct
import warnings
from pathlib import Path
from typing import IO

MAX_PIXELS = 25_000_000  # far above any logo; refuses decompression bombs before decoding
FORMATS = ("PNG", "JPEG")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG frame headers, which hold the size: SOF0 to SOF15 but for DHT, JPG and DAC.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# JPEG markers with no length after them: TEM, RST0-7, SOI, EOI.
_JPEG_STANDALONE = frozenset({0x01, *range(0xD0, 0xDA)})


def image_problem(path: Path) -> str | None:
    """What is wrong with an image file; None when it is usable.

    The size is read from the header and checked before any pixel is decoded (a file of a
    few kilobytes can claim billions of pixels).  Then the image is decoded once, so that a
    damaged file is found at load, where the problem can name the line that gives it.
    """
    return size_problem(path) or _decode_problem(path)


def size_problem(path: Path) -> str | None:
    """What is wrong with an image's format or size, read from its header only."""
    from PIL import Image, UnidentifiedImageError

    try:
        declared = declared_size(path)
        if declared and declared[0] * declared[1] > MAX_PIXELS:
            return _too_many_pixels(*declared)
        with warnings.catch_warnings():
            # Pillow warns about, or refuses, a huge image on its own terms; ours are stricter.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                if opened.format not in FORMATS:
                    return f"is a {opened.format} image; use PNG or JPEG"
                width, height = opened.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return f"claims far more pixels than a logo needs; at most {MAX_PIXELS:,} pixels allowed"
    except UnidentifiedImageError:
        return "is not a PNG or JPEG image (or the file is damaged); save it again as PNG or JPEG"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    except (ValueError, SyntaxError, struct.error) as exc:  # Pillow's header parsers raise these
        return f"has a damaged or oversized header ({exc}); save it again as a plain PNG or JPEG"
    return _too_many_pixels(width, height) if width * height > MAX_PIXELS else None


def _too_many_pixels(width: int, height: int) -> str:
    return f"is {width} x {height} pixels; at most {MAX_PIXELS:,} pixels allowed (make it smaller)"


def _decode_problem(path: Path) -> str | None:
    from PIL import Image

    try:
        with Image.open(path) as opened:
            opened.load()
    except Exception as exc:  # Pillow's decoders fail in many ways on a damaged file; all mean one thing
        return f"cannot be decoded; is the file damaged or cut short? ({exc})"
    return None


def declared_size(path: Path) -> tuple[int, int] | None:
    """The width and height a PNG or JPEG file says it has, read without Pillow (which refuses
    some huge images with an error of its own); None when it is neither or says nothing."""
    with path.open("rb") as handle:
        head = handle.read(24)
        if head.startswith(PNG_SIGNATURE) and head[12:16] == b"IHDR":
            width, height = struct.unpack(">II", head[16:24])
            return width, height
        if head.startswith(b"\xff\xd8"):
            handle.seek(2)
            return _jpeg_size(handle)
    return None


def _jpeg_size(handle: IO[bytes]) -> tuple[int, int] | None:
    """Walk a JPEG's segments, from just after its start marker, to its frame header."""
    while len(marker := handle.read(2)) == 2 and marker[0] == 0xFF:
        kind = marker[1]
        if kind == 0xFF:  # fill byte before a marker
            handle.seek(-1, io.SEEK_CUR)
        elif kind in _JPEG_FRAMES:
            frame = handle.read(7)  # length (2), precision (1), height (2), width (2)
            if len(frame) < 7:
                return None
            height, width = struct.unpack(">HH", frame[3:7])
            return width, height
        elif kind == 0xDA:  # the image data starts, with no frame header before it
            return None
        elif kind not in _JPEG_STANDALONE:
            length = int.from_bytes(handle.read(2), "big")
            if length < 2:
                return None
            handle.seek(length - 2, io.SEEK_CUR)
    return None
