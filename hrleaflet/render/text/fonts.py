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
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import uharfbuzz as hb

from hrleaflet.errors import ContentError, Problem
from hrleaflet.render.text import system_fonts
from hrleaflet.render.text.instances import (
    MadeFont,
    is_variable,
    make_fonts,
    needs_truetype_copy,
    truetype_copy,
)
from hrleaflet.render.text.system_fonts import NASTALIQ_LETTERS, SYSTEM_FAMILIES, SystemFamily
from hrleaflet.render.text.tounicode import ExtractableFont

if TYPE_CHECKING:
    import fontpkg

# Shipped families in fallback order, and the Python package each comes from.
SHIPPED_FAMILIES = (
    "Noto Sans",
    "Noto Sans Arabic",
    "Noto Sans Devanagari",
    "Hind Siliguri",
    "Noto Sans Thai",
    "Noto Sans Khmer",
    "Noto Sans Tamil",
)
# The family a locale's own script is set in first (scripts from CLDR's likely subtags).
SCRIPT_FAMILIES = {
    "Arab": "Noto Sans Arabic",
    "Deva": "Noto Sans Devanagari",
    "Beng": "Hind Siliguri",
    "Thai": "Noto Sans Thai",
    "Khmr": "Noto Sans Khmer",
    "Taml": "Noto Sans Tamil",
}


class Face:
    """One font file: what it covers, its metrics, HarfBuzz shaping, and its ReportLab font."""

    def __init__(self, path: Path, index: int = 0) -> None:
        self.path = path
        self.index = index  # the face in a collection (.ttc)
        digest = hashlib.sha1(f"{path}#{index}".encode()).hexdigest()[:8]
        self.name = f"{path.stem.split('[')[0]}-{digest}"
        self.hb_face = hb.Face(hb.Blob.from_file_path(str(path)), index)
        self.hb_font = hb.Font(self.hb_face)
        self.upem = self.hb_face.upem
        self.coverage: frozenset[int] = frozenset(self.hb_face.unicodes)
        extents = self.hb_font.get_font_extents("ltr")
        self.ascent = extents.ascender / self.upem  # in ems
        self.descent = -extents.descender / self.upem
        self._reportlab: ExtractableFont | None = None
        self._advances: dict[int, float] = {}
        self._ink: dict[int, tuple[float, float, float, float]] = {}

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage

    def advance(self, gid: int) -> float:
        """A glyph's advance in PDF font units (1/1000 em)."""
        width = self._advances.get(gid)
        if width is None:
            width = self._advances[gid] = self.hb_font.get_glyph_h_advance(gid) * 1000 / self.upem
        return width

    def ink(self, gid: int) -> tuple[float, float, float, float]:
        """A glyph's ink box from its origin, in ems: how far it reaches above and below the
        baseline, and its left and right edges (Nastaliq reaches past the font's line metrics)."""
        found = self._ink.get(gid)
        if found is None:
            extents = self.hb_font.get_glyph_extents(gid)
            if extents is None or extents.height == 0 or extents.width == 0:
                found = (0.0, 0.0, 0.0, 0.0)
            else:
                found = (
                    extents.y_bearing / self.upem,
                    -(extents.y_bearing + extents.height) / self.upem,
                    extents.x_bearing / self.upem,
                    (extents.x_bearing + extents.width) / self.upem,
                )
            self._ink[gid] = found
        return found

    @property
    def reportlab(self) -> ExtractableFont:
        if self._reportlab is None:
            from reportlab.pdfbase import pdfmetrics

            self._reportlab = ExtractableFont(self.name, str(self.embedded_file()), self.advance)
            pdfmetrics.registerFont(self._reportlab)
        return self._reportlab

    def embedded_file(self) -> Path:
        """The file PDFs embed this face from: the font itself, or a TrueType copy made once
        (CFF outlines or a collection: system CJK fonts)."""
        return truetype_copy(self.path, self.index) if needs_truetype_copy(self.path) else self.path


@dataclass(eq=False)  # compared and hashed by identity: families are made once per process
class Family:
    """A regular face and its bold; the bold is made or opened only when first used."""

    name: str
    regular_path: Path
    bold_path: Path | None = None
    origin: str = "user"  # "user" (--font-dir), "shipped" (registry package) or "system"
    regular_index: int = 0  # the face in a collection (.ttc)
    bold_index: int = 0
    # Set only the characters of these Unicode ranges (and spaces and punctuation among
    # them) in this family: Nastaliq is for Urdu's own letters, while digits and Latin text
    # (a phone number, an address) keep a face whose spaces and figures read as typed.
    only: tuple[tuple[int, int], ...] | None = None
    _regular: Face | None = field(default=None, repr=False)
    _bold: Face | None = field(default=None, repr=False)
    _coverage: frozenset[int] | None = field(default=None, repr=False)

    @property
    def regular(self) -> Face:
        if self._regular is None:
            self._regular = _face(self.regular_path, self.regular_index)
        return self._regular

    @property
    def bold(self) -> Face:
        if self._bold is None:
            if self.bold_path is not None:
                self._bold = _face(self.bold_path, self.bold_index)
            elif (instance := self.bold_instance) is not None:
                self._bold = _face(instance.make())
            else:
                self._bold = self.regular  # no bold in this family: never a faked one
        return self._bold

    @property
    def bold_instance(self) -> MadeFont | None:
        """The bold made from a variable regular, for a family without a bold file."""
        if self.bold_path is None and is_variable(self.regular_path):
            return MadeFont(self.regular_path, weight=700)
        return None

    @property
    def coverage(self) -> frozenset[int]:
        """The code points this family prints."""
        if self._coverage is None:
            points = self.regular.coverage
            if self.only is not None:
                points = frozenset(p for p in points if _within(p, self.only))
            self._coverage = points
        return self._coverage

    def covers(self, char: str) -> bool:
        return ord(char) in self.coverage


def make_font_files(families: Iterable[Family], workers: int = 1) -> None:
    """Make the font files these families need that are made once and kept (a variable
    font's bold, a TrueType copy), up to `workers` at a time, so that worker processes
    started after this find them made, instead of each making the same one."""
    families = list(families)
    make_fonts((font for family in families for font in _made_fonts(family)), workers)
    # Open each face (forked workers inherit them), which also makes in this process what
    # the list above does not name (a copy of a bold instance of a variable CFF font).
    for family in families:
        for face in dict.fromkeys((family.regular, family.bold)):
            face.embedded_file()


def _made_fonts(family: Family) -> list[MadeFont]:
    """The font files a family's faces are drawn from that are made, not installed: a
    TrueType copy of a CFF or collection face, and a variable font's bold instance."""
    faces = [(family.regular_path, family.regular_index)]
    if family.bold_path is not None:
        faces.append((family.bold_path, family.bold_index))
    made = [MadeFont(path, face=index) for path, index in faces if needs_truetype_copy(path)]
    instance = family.bold_instance
    return made if instance is None else [*made, instance]


def _within(point: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    if any(low <= point <= high for low, high in ranges):
        return True
    return unicodedata.category(chr(point))[0] in "ZP"  # spaces and punctuation go along


@cache
def _face(path: Path, index: int = 0) -> Face:
    return Face(path, index)


def _shipped_family(name: str) -> Family:
    import fontpkg

    installed = installed_family(name)
    regular = Path(fontpkg.select_file(installed, 400, "normal").path)
    try:
        bold: Path | None = Path(fontpkg.select_file(installed, 700, "normal").path)
    except fontpkg.FontpkgError:
        bold = None
    return Family(name, regular, None if bold == regular else bold, origin="shipped")


def installed_family(name: str) -> fontpkg.Family:
    """A registry font package's family, read from the package's own metadata.

    `fontpkg.family` finds a family by reading the entry points of every installed
    distribution, twice: about 15 ms of every process that draws (a cold `build`, each
    worker of a batch) among 130 distributions, more in a larger environment.  A fontpkg
    package is the module `fontpkg_<slug>` with its `metadata.json`, so it is read
    directly; a package found otherwise is left to fontpkg.
    """
    import importlib.resources
    import importlib.util
    import json

    import fontpkg

    module = "fontpkg_" + fontpkg.slugify(name).replace("-", "_")
    try:
        if importlib.util.find_spec(module) is not None:
            root = importlib.resources.files(module)
            meta = json.loads((root / "metadata.json").read_text(encoding="utf-8"))
            if fontpkg.slugify(meta["family"]) == fontpkg.slugify(name):
                return fontpkg.family_from_metadata(meta, root)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not laid out as expected: fontpkg's own search below
    return fontpkg.family(name)


def _system_family(spec: SystemFamily) -> Family | None:
    found = system_fonts.find(spec)
    if found is None:
        return None
    regular, bold = found
    return Family(
        spec.name,
        regular,
        bold,
        origin="system",
        regular_index=_collection_index(regular, spec),
        bold_index=_collection_index(bold, spec) if bold else 0,
    )


def _collection_index(path: Path, spec: SystemFamily) -> int:
    """Which face of a collection (.ttc) is the family's: CJK collections hold one per region."""
    if spec.collection_face is None or path.suffix.lower() != ".ttc":
        return 0
    blob = hb.Blob.from_file_path(str(path))
    index = 0
    while (face := hb.Face(blob, index)).glyph_count:
        if face.get_name(hb.OTNameIdPredefined.FONT_FAMILY) == spec.collection_face:
            return index
        index += 1
    return 0


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
        # A Nastaliq face sets Urdu's letters only (system_fonts.NASTALIQ_LETTERS).
        only = NASTALIQ_LETTERS if "nastaliq" in stem else None
        families.append(Family(path.stem, path, bold, only=only))
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
    """A network's own fonts first, then the shipped families in fallback order, then the system's."""
    user = [family for folder in font_dirs for family in _user_families(folder)]
    return (*user, *(_shipped_family(name) for name in SHIPPED_FAMILIES), *_system_families())


@cache
def _system_families() -> tuple[Family, ...]:
    specs = {spec.name: spec for spec in SYSTEM_FAMILIES.values()}
    return tuple(family for spec in specs.values() if (family := _system_family(spec)) is not None)


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


def preferred_families(code: str) -> list[str]:
    """The family a language is set in first: its script's, if we know one."""
    script = locale_script(code) or ""
    if script in SCRIPT_FAMILIES:
        return [SCRIPT_FAMILIES[script]]
    if script in SYSTEM_FAMILIES:
        return [SYSTEM_FAMILIES[script].name]
    return []


def families_for(code: str, font_dirs: Iterable[Path] = ()) -> tuple[Family, ...]:
    """Fallback order for one language: its own script's family right after any user fonts."""
    families = font_families(tuple(font_dirs))
    wanted = preferred_families(code)
    if not wanted:
        return families
    user = [f for f in families if f.origin == "user"]
    others = [f for f in families if f.origin != "user"]
    others.sort(key=lambda f: wanted.index(f.name) if f.name in wanted else len(wanted))
    return (*user, *others)


def missing_family(code: str, font_dirs: Iterable[Path] = ()) -> SystemFamily | None:
    """The system family a language's own script needs and this computer lacks, if any."""
    names = {f.name for f in font_families(tuple(font_dirs))}
    spec = SYSTEM_FAMILIES.get(locale_script(code) or "")
    return spec if spec is not None and spec.name not in names else None


def language_font(code: str) -> tuple[str, str | None]:
    """The family a language's own script is set in here, and the package to install if it is
    missing (for `translations status`)."""
    names = {f.name for f in font_families()}
    wanted = preferred_families(code)
    found = next((name for name in wanted if name in names), None)
    missing = missing_family(code)
    hint = f"{missing.name}: install {missing.package}" if missing is not None else None
    return found or (families_for(code)[0].name if not wanted else "missing"), hint
