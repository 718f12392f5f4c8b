"""Where the shipped tip sets and language files are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


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
