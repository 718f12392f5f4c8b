"""Fonts for scripts no registry package covers, found on this computer as browsers and Typst do.

The registry ships Noto for Latin, Cyrillic, Greek, Arabic, Devanagari, Bengali, Thai,
Khmer and Tamil.  Georgian, Armenian, Myanmar, Ethiopic and Chinese come from the
operating system's Noto fonts: the usual font folders are searched by file
name (the names Noto fonts have on every system), once per process.  A script whose
font is not found is named, with the package that provides it, by the coverage check.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Set to a list of folders (separated like PATH) to search those instead of the system's;
# set it empty to use no system fonts at all (tests use this to see the missing-font error).
FONT_DIRS_ENV = "HRLEAFLET_SYSTEM_FONT_DIRS"

DEBIAN_CORE = "fonts-noto-core"
DEBIAN_CJK = "fonts-noto-cjk"


@dataclass(frozen=True)
class SystemFamily:
    """A font family we look for on the system, and where a user gets it."""

    name: str
    regular_files: tuple[str, ...]  # file names in order of preference (static, then variable)
    bold_files: tuple[str, ...]
    package: str  # the Debian/Ubuntu package; README "Fonts" lists other systems' names
    ranges: tuple[tuple[int, int], ...]  # the script's Unicode blocks, to name the package
    collection_face: str | None = None  # in a .ttc collection: the face with this family name


def _noto(name: str, ranges: tuple[tuple[int, int], ...], package: str = DEBIAN_CORE) -> SystemFamily:
    stem = name.replace(" ", "")
    return SystemFamily(
        name,
        (f"{stem}-Regular.ttf", f"{stem}[wdth,wght].ttf", f"{stem}[wght].ttf", f"{stem}-Regular.otf"),
        (f"{stem}-Bold.ttf", f"{stem}-Bold.otf"),
        package,
        ranges,
    )


_HAN_RANGES = (
    (0x2E80, 0x2FDF),  # radicals
    (0x3000, 0x303F),  # CJK punctuation
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F),
    (0xFF00, 0xFFEF),  # full-width forms
    (0x20000, 0x2FA1F),
)


def _cjk(region: str, face: str) -> SystemFamily:
    return SystemFamily(
        f"Noto Sans CJK {region}",
        (
            "NotoSansCJK-Regular.ttc",  # Debian, Ubuntu, Fedora
            f"NotoSansCJK{region.lower()}-Regular.otf",  # Arch, Homebrew
            f"NotoSans{region}-Regular.otf",
            f"NotoSans{region}[wght].ttf",  # Google Fonts
            f"NotoSans{region}-Regular.ttf",
        ),
        ("NotoSansCJK-Bold.ttc", f"NotoSansCJK{region.lower()}-Bold.otf", f"NotoSans{region}-Bold.otf"),
        DEBIAN_CJK,
        _HAN_RANGES,
        collection_face=face,
    )


# The family a script is set in when no registry package has it (ISO 15924 codes, as CLDR).
SYSTEM_FAMILIES: dict[str, SystemFamily] = {
    "Geor": _noto("Noto Sans Georgian", ((0x10A0, 0x10FF), (0x1C90, 0x1CBF), (0x2D00, 0x2D2F))),
    "Armn": _noto("Noto Sans Armenian", ((0x0530, 0x058F), (0xFB13, 0xFB17))),
    "Mymr": _noto("Noto Sans Myanmar", ((0x1000, 0x109F), (0xA9E0, 0xA9FF), (0xAA60, 0xAA7F))),
    "Ethi": _noto(
        "Noto Sans Ethiopic",
        ((0x1200, 0x139F), (0x2D80, 0x2DDF), (0xAB00, 0xAB2F), (0x1E7E0, 0x1E7FF)),
    ),
    "Hans": _cjk("SC", "Noto Sans CJK SC"),
    "Hant": _cjk("TC", "Noto Sans CJK TC"),
    "Jpan": _cjk("JP", "Noto Sans CJK JP"),
    "Kore": _cjk("KR", "Noto Sans CJK KR"),
}
# Nastaliq (Urdu's calligraphic style) is not chosen on its own: its many ligature glyphs
# each stand for several letters, and pypdf then reads a word's letters out of order
# (README, "Urdu").  A network that wants it adds Noto Nastaliq Urdu with --font-dir; such a
# face sets Arabic-script letters only (`fonts.Family.only`), so digits and Latin text among
# them keep a face whose spaces read as typed.
NASTALIQ_LETTERS = ((0x0600, 0x065F), (0x066A, 0x06EF), (0x06FA, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF))


def font_dirs() -> tuple[Path, ...]:
    """The folders fonts are installed in on this system, the user's own first."""
    override = os.environ.get(FONT_DIRS_ENV)
    if override is not None:
        return tuple(Path(p) for p in override.split(os.pathsep) if p)
    home = Path.home()
    if sys.platform == "darwin":
        return (
            home / "Library/Fonts",
            Path("/Library/Fonts"),
            Path("/System/Library/Fonts"),
            Path("/System/Library/Fonts/Supplemental"),
        )
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        windows = os.environ.get("WINDIR", r"C:\Windows")
        return (*([Path(local) / "Microsoft/Windows/Fonts"] if local else []), Path(windows) / "Fonts")
    data_home = os.environ.get("XDG_DATA_HOME") or str(home / ".local/share")
    data_dirs = (os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share").split(":")
    folders = [Path(data_home) / "fonts", home / ".fonts", *(Path(d) / "fonts" for d in data_dirs if d)]
    return tuple(dict.fromkeys([*folders, Path("/usr/share/fonts")]))  # each once, in order


@cache
def _installed(folders: tuple[Path, ...]) -> dict[str, Path]:
    """Every font file under the folders, by lower-case file name; the first folder wins."""
    found: dict[str, Path] = {}
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in sorted(files):
                if name.lower().endswith((".ttf", ".otf", ".ttc")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def find(family: SystemFamily) -> tuple[Path, Path | None] | None:
    """The regular and bold files of a family on this system, or None when it is not installed."""
    installed = _installed(font_dirs())
    regular = next((installed[n.lower()] for n in family.regular_files if n.lower() in installed), None)
    if regular is None:
        return None
    bold = next((installed[n.lower()] for n in family.bold_files if n.lower() in installed), None)
    return regular, bold


def family_for_char(char: str) -> SystemFamily | None:
    """The system family that would print a character, to name its package when it is missing."""
    point = ord(char)
    for family in SYSTEM_FAMILIES.values():
        if any(low <= point <= high for low, high in family.ranges):
            return family
    return None


def install_hint(family: SystemFamily) -> str:
    return (
        f"install the {family.name} font: the '{family.package}' package on Debian and Ubuntu"
        " (README, 'Fonts', names it for other systems), or add a font that covers it with --font-dir"
    )
