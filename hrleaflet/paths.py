"""Which tip sets and language files a command uses, and where it may write.

One rule, so that a newcomer cannot get it wrong:
- reading: `--guidance DIR` / `--translations DIR` when given; otherwise the `guidance/`
  (`translations/`) folder in the current folder when it holds tip sets (language files),
  as in a checkout of the project or a network's own project folder; otherwise the copies
  shipped inside the installed package;
- writing (`translations extract|init|update`): the `--translations` folder, or
  `translations/` in the current folder; never the installed package.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from hrleaflet.errors import UsageError

_PACKAGE = Path(__file__).resolve().parent
_PATTERNS = {"guidance": "*.yaml", "translations": "*.po"}


def shipped_dir(name: str) -> Path:
    """`guidance` or `translations`: inside the wheel, or at the top of a source checkout."""
    bundled = _PACKAGE / "_shipped" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE.parent / name


def guidance_dir() -> Path:
    return shipped_dir("guidance")


def translations_dir() -> Path:
    return shipped_dir("translations")


@dataclass(frozen=True)
class ContentFolder:
    """A folder of tip sets or language files, and why it was chosen."""

    path: Path
    origin: str  # "option" (given on the command line), "here" (current folder) or "shipped"


def content_folder(name: str, option: Path | None) -> ContentFolder:
    """The folder of `name` (`guidance` or `translations`) a reading command uses."""
    if option is not None:
        return ContentFolder(option, "shipped" if _same(option, shipped_dir(name)) else "option")
    here = Path(name)
    if here.is_dir() and any(here.glob(_PATTERNS[name])) and not _same(here, shipped_dir(name)):
        return ContentFolder(here, "here")
    return ContentFolder(shipped_dir(name), "shipped")


def writable_translations(option: Path | None) -> Path:
    """Where `translations extract|init|update` write: never into the installed package."""
    target = option if option is not None else Path("translations")
    if _within(target, _PACKAGE):
        raise UsageError(
            f"will not write into the installed hrleaflet package ({target.resolve()}): your changes"
            " would be lost on the next install. Work in your own folder: run the command from a"
            " checkout of hrleaflet or a project folder (it writes ./translations/), or pass"
            " --translations DIR"
        )
    return target


def is_shipped(path: Path) -> bool:
    """A tip set or language file (or their folder) that came with hrleaflet, installed or in its
    checkout."""
    return any(_within(path, shipped_dir(name)) for name in _PATTERNS)


def _within(path: Path, folder: Path) -> bool:
    resolved = path.resolve()
    return resolved == folder or folder in resolved.parents


def display_path(path: Path) -> str:
    """A path as the person standing in the current folder would type it."""
    try:
        relative = os.path.relpath(path.resolve(), Path.cwd().resolve())
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False
