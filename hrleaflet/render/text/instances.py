"""Static instances of variable fonts, made once per font file and kept in the user cache.

The registry's Noto packages ship variable fonts; ReportLab can only embed their
default (Regular) instance.  Instancing with fontTools takes seconds, so the
result is cached, keyed by the font file's hash.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from hrleaflet.errors import HrleafletError
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
    name = f"{stem}-{_file_hash(variable_font)}-w{weight}.ttf"
    target = cache_dir() / "fonts" / name
    if _intact(target):
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    announce(f"Making a bold {stem} font (first run only; it is kept in {target.parent})...")
    font = TTFont(variable_font, recalcTimestamp=False)  # the same bytes on every machine
    location: dict[str, float] = {"wght": float(weight)}
    if any(axis.axisTag == "wdth" for axis in font["fvar"].axes):
        location["wdth"] = 100.0
    instance = instantiateVariableFont(font, location, updateFontNames=True)
    buffer = io.BytesIO()
    instance.save(buffer)
    data = buffer.getvalue()
    try:
        _keep(target, data)
    except (OSError, HrleafletError):
        # A read-only home or cache folder: work from a private temporary copy this time.
        target = Path(tempfile.mkdtemp(prefix="hrleaflet-fonts-")) / name
        announce(f"The font cache {cache_dir()} is not writable; using {target.parent} for this run.")
        _keep(target, data)
    return target


def _keep(target: Path, data: bytes) -> None:
    """The font, then its checksum: a file cut short (a full disk, a kill) is never trusted."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Another process may be making the same file: the writer writes aside, then renames.
    write_atomically(target, data)
    write_atomically(_checksum_path(target), hashlib.sha256(data).hexdigest().encode())


def _checksum_path(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _intact(target: Path) -> bool:
    """A cached font whose bytes still match the checksum written after it."""
    try:
        expected = _checksum_path(target).read_text(encoding="ascii").strip()
        return hashlib.sha256(target.read_bytes()).hexdigest() == expected
    except OSError:
        return False
