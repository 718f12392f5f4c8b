"""Static instances of variable fonts, made once per font file and kept in the user cache.

The registry's Noto packages ship variable fonts; ReportLab can only embed their
default (Regular) instance.  Instancing with fontTools takes seconds, so the
result is cached, keyed by the font file's hash.
"""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hrleaflet.output import write_atomically

CACHE_ENV = "HRLEAFLET_CACHE_DIR"

# Told when a slow, first-time-only step starts (the CLI prints it, so a first run that
# pauses for seconds does not look stuck).  A library caller may set its own.
announce: Callable[[str], None] = lambda message: None  # noqa: E731


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hrleaflet"))


@cache
def is_variable(path: Path) -> bool:
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(path)))
    return bool(face.has_var_data)


@cache
def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:20]


def static_instance(variable_font: Path, weight: int) -> Path:
    """A static instance of a variable font at `weight`, made once and cached."""
    stem = variable_font.stem.split("[")[0]
    target = cache_dir() / "fonts" / f"{stem}-{_file_hash(variable_font)}-w{weight}.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    announce(f"Making a bold {stem} font (first run only; it is kept in {target.parent})...")
    font = TTFont(variable_font)
    location: dict[str, float] = {"wght": float(weight)}
    if any(axis.axisTag == "wdth" for axis in font["fvar"].axes):
        location["wdth"] = 100.0
    instance = instantiateVariableFont(font, location, updateFontNames=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    instance.save(buffer)
    # Another process may be making the same file: the writer writes aside, then renames.
    write_atomically(target, buffer.getvalue())
    return target
