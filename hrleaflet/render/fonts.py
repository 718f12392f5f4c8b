"""Fonts from the package registry, registered with ReportLab once per process.

The registry's Noto packages ship variable fonts.  ReportLab embeds a variable
font's default instance (Regular), but a real bold needs a static instance;
making one with fontTools takes seconds, so it is made once per font file and
kept in the user's cache folder, keyed by the file's hash.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

CACHE_ENV = "HRLEAFLET_CACHE_DIR"


@dataclass(frozen=True)
class FontFamily:
    """ReportLab names of one registered family."""

    regular: str
    bold: str


def cache_dir() -> Path:
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hrleaflet"))


def _file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:20]


def static_instance(variable_font: Path, weight: int) -> Path:
    """A static instance of a variable font at `weight`, made once and cached."""
    target = cache_dir() / "fonts" / f"{variable_font.stem}-{_file_hash(variable_font)}-w{weight}.ttf"
    if target.is_file():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib.instancer import instantiateVariableFont

    font = TTFont(variable_font)
    axes = {axis.axisTag: axis for axis in font["fvar"].axes}
    location: dict[str, float] = {"wght": float(weight)}
    if "wdth" in axes:
        location["wdth"] = 100.0
    instance = instantiateVariableFont(font, location, updateFontNames=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Another process may be making the same file: write aside, then rename atomically.
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(fd)
    try:
        instance.save(tmp)
        Path(tmp).replace(target)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def noto_sans_file() -> Path:
    import fontpkg

    return Path(fontpkg.path("Noto Sans"))


@cache
def register_sans() -> FontFamily:
    """Register Noto Sans (Latin, Cyrillic, Greek) as a regular/bold family."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    variable = noto_sans_file()
    family = FontFamily(regular="NotoSans", bold="NotoSans-Bold")
    pdfmetrics.registerFont(TTFont(family.regular, str(variable)))
    pdfmetrics.registerFont(TTFont(family.bold, str(static_instance(variable, 700))))
    # <b> inside a paragraph switches to the real bold instance, never a faked one.
    for italic in (0, 1):
        addMapping(family.regular, 0, italic, family.regular)
        addMapping(family.regular, 1, italic, family.bold)
        addMapping(family.bold, 0, italic, family.bold)
        addMapping(family.bold, 1, italic, family.bold)
    return family
