"""Static instances of variable fonts, made once per font file and kept in the user cache.

The registry's Noto packages ship variable fonts; ReportLab can only embed their
default (Regular) instance.  Instancing with fontTools takes seconds, so the
result is cached, keyed by the font file's hash.
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from hrleaflet.cache import cache_dir
from hrleaflet.errors import HrleafletError
from hrleaflet.output import write_atomically

# Told when a slow, first-time-only step starts (the CLI prints it, so a first run that
# pauses for seconds does not look stuck).  A library caller may set its own.
announce: Callable[[str], None] = lambda message: None  # noqa: E731


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
    stem = _family_stem(variable_font)

    def make(folder: Path) -> bytes:
        from fontTools.ttLib import TTFont
        from fontTools.varLib.instancer import instantiateVariableFont

        announce(f"Making a bold {stem} font (first run only; it is kept in {folder})...")
        font = TTFont(variable_font, recalcTimestamp=False)  # the same bytes on every machine
        location: dict[str, float] = {"wght": float(weight)}
        if any(axis.axisTag == "wdth" for axis in font["fvar"].axes):
            location["wdth"] = 100.0
        return _saved(instantiateVariableFont(font, location, updateFontNames=True))

    return _cached_font(_instance_name(variable_font, weight), make)


def _instance_name(variable_font: Path, weight: int) -> str:
    return f"{_family_stem(variable_font)}-{_file_hash(variable_font)}-w{weight}.ttf"


def _family_stem(variable_font: Path) -> str:
    """'NotoSans' of 'NotoSans[wdth,wght].ttf'."""
    return variable_font.stem.split("[")[0]


def _saved(font: Any) -> bytes:
    buffer = io.BytesIO()
    font.save(buffer)
    return buffer.getvalue()


def _cached_font(name: str, make: Callable[[Path], bytes]) -> Path:
    """The font file `name` from the cache, made (by `make`, told the folder) when missing."""
    found = _made_before(name)
    if found is not None:
        return found
    target = _font_cache() / name
    data = make(target.parent)
    try:
        _keep(target, data)
    except (OSError, HrleafletError):
        # A read-only home or cache folder: work from a private temporary copy this time.
        aside = Path(tempfile.mkdtemp(prefix="hrleaflet-fonts-")) / name
        announce(f"The font cache {cache_dir()} is not writable; using {aside.parent} for this run.")
        _keep(aside, data)
        _made_aside[target] = aside
        return aside
    return target


# Font files made this run (by this process or a worker) outside an unwritable cache: where
# each is, by where in the cache it would be.
_made_aside: dict[Path, Path] = {}


def _font_cache() -> Path:
    """Where made font files are kept."""
    return cache_dir() / "fonts"


def _made_before(name: str) -> Path | None:
    """The font file `name`, intact in the cache or kept aside this run; None if not made."""
    target = _font_cache() / name
    if target in _made_aside:
        return _made_aside[target]
    return target if _intact(target) else None


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
        font, checksum = target.stat(), _checksum_path(target).stat()
        return _matches(target, font.st_size, font.st_mtime_ns, checksum.st_mtime_ns)
    except OSError:
        return False


@cache
def _matches(target: Path, size: int, modified: int, checksum_modified: int) -> bool:
    # Read and hashed once a process (a CJK copy is 20 MB: about 50 ms), and again only when
    # either file changes; worker processes started after the check inherit it.
    expected = _checksum_path(target).read_text(encoding="ascii").strip()
    return hashlib.sha256(target.read_bytes()).hexdigest() == expected


def needs_truetype_copy(path: Path) -> bool:
    """ReportLab embeds TrueType outlines from a single-font file only."""
    with path.open("rb") as file:
        tag = file.read(4)
    return tag in (b"OTTO", b"ttcf")


def truetype_copy(source: Path, index: int = 0) -> Path:
    """A TrueType (glyf) copy of one face of a CFF font or a collection, made once and cached.

    The glyph order is kept, so HarfBuzz can shape with the original file and ReportLab
    embeds from the copy with the same glyph ids.
    """

    def make(folder: Path) -> bytes:
        from fontTools.ttLib import TTFont

        announce(
            f"Making a TrueType copy of {source.name} for PDF embedding"
            f" (first run only: about a minute for a CJK font; it is kept in {folder})..."
        )
        font = TTFont(source, fontNumber=index, recalcTimestamp=False, lazy=False)
        if "CFF " in font:
            _cff_to_glyf(font, source, index)
        return _saved(font)

    return _cached_font(_copy_name(source, index), make)


def _copy_name(source: Path, index: int) -> str:
    return f"{source.stem}-{index}-{_file_hash(source)}-glyf.ttf"


class MadeFont(NamedTuple):
    """A font file made once and kept: a variable font's static instance at `weight`, or
    (no weight) a TrueType copy of face number `face` of a CFF font or a collection."""

    source: Path
    weight: int | None = None
    face: int = 0

    @property
    def name(self) -> str:
        """The file's name in the cache."""
        if self.weight is None:
            return _copy_name(self.source, self.face)
        return _instance_name(self.source, self.weight)

    def is_made(self) -> bool:
        return _made_before(self.name) is not None

    def make(self) -> Path:
        if self.weight is None:
            return truetype_copy(self.source, self.face)
        return static_instance(self.source, self.weight)


def make_fonts(fonts: Iterable[MadeFont], workers: int = 1) -> None:
    """Make the font files not made yet, up to `workers` at a time: a CJK face's TrueType copy
    takes most of a minute of one core, and a leaflet needs its regular and its bold."""
    missing = [font for font in dict.fromkeys(fonts) if not font.is_made()]
    if workers < 2 or len(missing) < 2:
        for font in missing:
            font.make()
        return
    from hrleaflet.workers import worker_pool

    folder = _font_cache()
    with worker_pool(min(workers, len(missing)), folder) as pool:
        for made in pool.map(MadeFont.make, missing):
            if made.parent != folder:  # an unwritable cache: the worker kept it aside
                _made_aside[folder / made.name] = made


# Largest distance (font units) a quadratic outline may stray from the cubic one: at
# 1000 units an em, 1 unit is 0.01 mm at 10 pt, far below what any printer shows.
_CURVE_TOLERANCE = 1.0


def _cff_to_glyf(font: Any, source: Path, index: int) -> None:
    """Replace CFF outlines with TrueType ones (as fontTools' otf2ttf snippet does).

    HarfBuzz reads the CFF outlines: its interpreter is C, fontTools' is Python and took half
    the time of a CJK face's 65,535 glyphs (about 100 s of 200). The points are the same, and
    so are the TrueType glyphs made from them (HarfBuzz closes a contour with a line back to
    its start, which the TrueType pen drops as fontTools' own drawing implies it).

    The glyph table is compiled once, when the font is saved: a glyph's left side bearing
    needs its bounds, not its compiled data (compiling it twice took a third of the time)."""
    import uharfbuzz as hb
    from fontTools.ttLib import newTable

    from hrleaflet.render.text.quadratic import QuadraticGlyphPen

    outlines = hb.Font(hb.Face(hb.Blob.from_file_path(str(source)), index))
    order = font.getGlyphOrder()
    glyphs = {}
    for gid, name in enumerate(order):
        pen = QuadraticGlyphPen(_CURVE_TOLERANCE)
        outlines.draw_glyph_with_pen(gid, pen)
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    glyf = font["glyf"] = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    hmtx = font["hmtx"]
    for name, glyph in glyphs.items():
        glyph.recalcBounds(glyf)
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, glyph.xMin if hasattr(glyph, "xMin") else 0)
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for attr in (
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, attr, 0)
    post = font["post"]
    post.formatType = 3.0  # no glyph names: 65,535 CJK names would not fit, and PDFs need none
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"
