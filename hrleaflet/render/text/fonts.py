"""Fonts from the package registry (and a network's own folder), loaded on demand.

Coverage comes from HarfBuzz's cmap reading, which is cheap; ReportLab parses a
font only when something is drawn with it.  Variable fonts get a real bold
instance, made once with fontTools and cached (see `instances`).
"""

from __future__ import annotations

import hashlib
import io
import stat
import struct
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from hrleaflet.errors import ContentError, Problem
from hrleaflet.render.text.instances import is_variable, static_instance
from hrleaflet.render.text.tounicode import ExtractableFont

# Shipped families in fallback order, and the Python package each comes from.
SHIPPED_FAMILIES = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Hind Siliguri",
    "Noto Sans Thai",
)
# The family a locale's own script is set in first (scripts from CLDR's likely subtags).
SCRIPT_FAMILIES = {
    "Arab": "Noto Sans Arabic",
    "Deva": "Noto Sans Devanagari",
    "Beng": "Hind Siliguri",
    "Thai": "Noto Sans Thai",
}


class Face:
    """One font file: what it covers, its metrics, HarfBuzz shaping, and its ReportLab font."""

    def __init__(self, path: Path) -> None:
        self.path = path
        digest = hashlib.sha1(str(path).encode()).hexdigest()[:8]
        self.name = f"{path.stem.split('[')[0]}-{digest}"
        self.hb_face = hb.Face(hb.Blob.from_file_path(str(path)))
        self.hb_font = hb.Font(self.hb_face)
        self.upem = self.hb_face.upem
        self.coverage: frozenset[int] = frozenset(self.hb_face.unicodes)
        extents = self.hb_font.get_font_extents("ltr")
        self.ascent = extents.ascender / self.upem  # in ems
        self.descent = -extents.descender / self.upem
        self._reportlab: ExtractableFont | None = None
        self._advances: dict[int, float] = {}

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage

    def advance(self, gid: int) -> float:
        """A glyph's advance in PDF font units (1/1000 em)."""
        width = self._advances.get(gid)
        if width is None:
            width = self._advances[gid] = self.hb_font.get_glyph_h_advance(gid) * 1000 / self.upem
        return width

    @property
    def reportlab(self) -> ExtractableFont:
        if self._reportlab is None:
            from reportlab.pdfbase import pdfmetrics

            self._reportlab = ExtractableFont(self.name, str(self.path), self.advance)
            pdfmetrics.registerFont(self._reportlab)
        return self._reportlab


@dataclass(eq=False)  # compared and hashed by identity: families are made once per process
class Family:
    """A regular face and its bold; the bold is made or opened only when first used."""

    name: str
    regular_path: Path
    bold_path: Path | None = None
    _regular: Face | None = field(default=None, repr=False)
    _bold: Face | None = field(default=None, repr=False)

    @property
    def regular(self) -> Face:
        if self._regular is None:
            self._regular = _face(self.regular_path)
        return self._regular

    @property
    def bold(self) -> Face:
        if self._bold is None:
            if self.bold_path is not None:
                self._bold = _face(self.bold_path)
            elif is_variable(self.regular_path):
                self._bold = _face(static_instance(self.regular_path, 700))
            else:
                self._bold = self.regular  # no bold in this family: never a faked one
        return self._bold

    def covers(self, char: str) -> bool:
        return self.regular.covers(char)


@cache
def _face(path: Path) -> Face:
    return Face(path)


def _shipped_family(name: str) -> Family:
    import fontpkg

    regular = Path(fontpkg.path(name))
    try:
        bold: Path | None = Path(fontpkg.path(name, weight=700))
    except fontpkg.FontpkgError:
        bold = None
    return Family(name, regular, None if bold == regular else bold)


def _user_families(folder: Path) -> list[Family]:
    if not folder.is_dir():
        raise ContentError.single(folder, None, "--font-dir", "font folder not found")
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".otf"))
    problems = [
        Problem(path, None, "--font-dir", reason) for path in files if (reason := _font_problem(path))
    ]
    if problems:
        raise ContentError(problems)
    by_stem = {p.stem.lower(): p for p in files}
    families = []
    for path in files:
        stem = path.stem.lower()
        if stem.endswith(("-bold", "_bold")):
            continue  # paired with its regular below
        base = stem.removesuffix("-regular").removesuffix("_regular")
        bold = by_stem.get(f"{base}-bold") or by_stem.get(f"{base}_bold")
        families.append(Family(path.stem, path, bold))
    if not families:
        raise ContentError.single(folder, None, "--font-dir", "no .ttf or .otf fonts in this folder")
    return families


MAX_FONT_BYTES = 64_000_000


def _font_problem(path: Path) -> str | None:
    """Why a network's font file cannot be used, or None: checked before anything is drawn."""
    try:
        info = path.stat()
    except OSError as exc:
        return f"cannot read the font: {exc.strerror}"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file; expected a .ttf font file"
    if info.st_size > MAX_FONT_BYTES:
        return f"is {info.st_size:,} bytes; a font file of at most {MAX_FONT_BYTES:,} bytes is expected"
    try:
        from fontTools.ttLib import TTFont, TTLibError

        data = path.read_bytes()  # fontTools leaves its file open when a font fails to parse
        with TTFont(io.BytesIO(data), lazy=True) as font:
            has_outlines = "glyf" in font
            font["cmap"].getBestCmap()  # reads the table: a damaged file fails here
    except (TTLibError, OSError, KeyError, AssertionError, ValueError, struct.error) as exc:
        return f"is not a readable TrueType font ({type(exc).__name__}: {exc})"
    if not has_outlines:
        return (
            "has PostScript (CFF) outlines, which PDFs made here cannot embed; use a TrueType (.ttf) version"
        )
    return None


@cache
def font_families(font_dirs: tuple[Path, ...] = ()) -> tuple[Family, ...]:
    """A network's own fonts first, then the shipped families in fallback order."""
    user = [family for folder in font_dirs for family in _user_families(folder)]
    return (*user, *(_shipped_family(name) for name in SHIPPED_FAMILIES))


def locale_script(code: str) -> str | None:
    """The script a language is usually written in (CLDR likely subtags), e.g. 'Deva' for hi."""
    from babel import Locale
    from babel.core import get_global

    locale = Locale.parse(code)
    if locale.script:
        return str(locale.script)
    likely = get_global("likely_subtags").get(locale.language)
    parts = str(likely).split("_") if likely else []
    return parts[1] if len(parts) > 1 else None


def families_for(code: str, font_dirs: Iterable[Path] = ()) -> tuple[Family, ...]:
    """Fallback order for one language: its own script's family right after any user fonts."""
    families = font_families(tuple(font_dirs))
    preferred = SCRIPT_FAMILIES.get(locale_script(code) or "")
    if preferred is None:
        return families
    user = [f for f in families if f.name not in SHIPPED_FAMILIES]
    shipped = [f for f in families if f.name in SHIPPED_FAMILIES]
    shipped.sort(key=lambda f: f.name != preferred)
    return (*user, *shipped)
