"""Images people give us (an organisation's logo): PNG or JPEG, and of a sane size."""

from __future__ import annotations

from pathlib import Path

MAX_PIXELS = 25_000_000  # far above any logo; refuses decompression bombs before decoding
FORMATS = ("PNG", "JPEG")


def image_problem(path: Path) -> str | None:
    """What is wrong with an image file, read from its header only; None when it is usable."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as opened:  # reads the header; pixels are not decoded here
            if opened.format not in FORMATS:
                return f"is a {opened.format} image; use PNG or JPEG"
            width, height = opened.size
    except UnidentifiedImageError:
        return "is not an image PNG or JPEG can read"
    except OSError as exc:
        return f"cannot be read: {exc.strerror or exc}"
    if width * height > MAX_PIXELS:
        return f"is {width} x {height} pixels; at most {MAX_PIXELS:,} pixels allowed (make it smaller)"
    return None
