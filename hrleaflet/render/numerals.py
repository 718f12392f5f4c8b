"""The tool's own numbers (tip numbers, page numbers, dates) in the language's own digits."""

from __future__ import annotations

from functools import cache

# Zero of each CLDR numbering system a shipped or likely language uses by default.
_ZERO = {
    "arab": 0x0660,  # Arabic-Indic
    "arabext": 0x06F0,  # Extended Arabic-Indic (Persian, Urdu)
    "beng": 0x09E6,
    "deva": 0x0966,
    "mymr": 0x1040,
    "thai": 0x0E50,
    "khmr": 0x17E0,
    "laoo": 0x0ED0,
}


@cache
def _table(locale: str) -> dict[int, str]:
    from hrleaflet.i18n.languages import numbering_system

    zero = _ZERO.get(numbering_system(locale))
    return {} if zero is None else {ord("0") + d: chr(zero + d) for d in range(10)}


def local_digits(text: str, locale: str) -> str:
    """Western digits in `text` written in the locale's default numbering system (CLDR)."""
    return text.translate(_table(locale))
