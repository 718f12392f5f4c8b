"""Rules every piece of printed text follows, whatever file it came from."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BeforeValidator, Field

from hrleaflet.content.phones import (
    EXTENSION_WORDS,
    SERVICE_CODE_MARKS,
    TEXT_WORDS,
    dialable_numbers,
    undialable_numbers,
)

# Bidi embedding/override/isolate controls can reorder text invisibly on paper.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WHITESPACE = re.compile(r"\s+")


# Characters that print nothing yet carry hidden text: Unicode tags (U+E0000-E007F), interlinear
# annotations and a byte-order mark inside text.  (ZWJ/ZWNJ stay: scripts need them.)
_HIDDEN = frozenset(chr(c) for c in (*range(0xE0000, 0xE0080), 0xFFF9, 0xFFFA, 0xFFFB, 0xFEFF))


# Any of them (control characters are category Cc: U+0000-001F and U+007F-009F, but tab and
# line breaks): one search of the text finds the first, as a loop over its characters would.
# Written as ranges: a class of 140 single characters took 20 µs a search.
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ufff9-\ufffb\U000e0000-\U000e007f]"
)


def invisible_problem(text: str) -> str | None:
    """Why text holds a character that must not be printed (hidden, direction or control), or None.
    Every file's text passes this: services, tip sets, manifests and translations."""
    found = _UNPRINTABLE.search(text)
    if found is None:
        return None
    ch = found.group()
    if ch in _HIDDEN:
        return f"contains the invisible character U+{ord(ch):04X} {unicodedata.name(ch, '')}; remove it"
    if ch in BIDI_CONTROLS:
        return (
            f"contains the invisible direction control U+{ord(ch):04X} "
            f"{unicodedata.name(ch, '')}; remove it (the tool sets text direction itself)"
        )
    return f"contains the control character U+{ord(ch):04X}; remove it"


def _reject_invisible(text: str) -> str:
    problem = invisible_problem(text)
    if problem:
        raise ValueError(problem)
    return text


def clean_text(text: str) -> str:
    """NFC-normalise and fold runs of whitespace (line breaks in YAML are not layout)."""
    text = _reject_invisible(text)
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


# No conversion from numbers: the loaders keep every value as the text that was typed, so
# a number here came from elsewhere (the Python API) and is refused rather than printed
# in a form nobody wrote.
Text = Annotated[str, AfterValidator(clean_text)]

_WHOLE_NUMBER = re.compile(r"[0-9]+")  # and at most 9 digits: no field here needs more
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _quoted(value: str, limit: int = 40) -> str:
    """A value for a message: quoted, and cut (saying how long it is) when it is very long."""
    if len(value) <= limit:
        return f"'{value}'"
    return f"'{value[:limit]}…' ({len(value):,} characters)"


def _whole_number(value: object) -> object:
    # pydantic alone would take '1_0' as 10 and '1.0' as 1.
    if isinstance(value, str) and (not _WHOLE_NUMBER.fullmatch(value) or len(value) > 9):
        raise ValueError(f"expected a whole number like 2, found {_quoted(value)}")
    return value


def _iso_date(value: object) -> object:
    # pydantic alone would read '1732147200' as a timestamp: a date nobody wrote.
    if isinstance(value, str) and not _ISO_DATE.fullmatch(value):
        raise ValueError(f"expected a date written like 2026-11-21, found {_quoted(value)}")
    return value


# The limits sit inside the validator so that the JSON Schema keeps them as minimum/maximum.
Year = Annotated[Annotated[int, Field(ge=1980, le=2100)], BeforeValidator(_whole_number)]
Priority = Annotated[Annotated[int, Field(ge=1, le=3)], BeforeValidator(_whole_number)]
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_slug(value: str) -> str:
    if not SLUG.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f"; try '{suggestion}'" if suggestion else ""
        raise ValueError(f"expected lowercase letters, digits and hyphens (a slug){hint}")
    return value


Slug = Annotated[str, AfterValidator(check_slug)]

WEB_SCHEMES = ("http://", "https://")
LINK_SCHEMES = (*WEB_SCHEMES, "mailto:", "tel:", "sms:")


def check_link(value: str) -> str:
    """A link printed on paper or put into a QR code: only schemes a phone opens safely."""
    lowered = value.lower()
    if lowered.startswith(LINK_SCHEMES):
        if lowered.startswith(WEB_SCHEMES) and "." not in value.split("//", 1)[1].split("/")[0]:
            raise ValueError("expected a web address with a domain, like https://example.org")
        if any(ch.isspace() for ch in value):
            raise ValueError("a link cannot contain spaces")
        return value
    if ":" in value.split("/")[0]:
        scheme = value.split(":", 1)[0]
        raise ValueError(f"links starting '{scheme}:' are not allowed; use http, https, mailto, tel or sms")
    raise ValueError(f"expected a full link starting with https:// — did you mean 'https://{value}'?")


Link = Annotated[Text, AfterValidator(check_link)]


def link_doubt(value: str) -> str | None:
    """Why a valid link may mislead the person who scans it, or None (a warning, not an error)."""
    if not value.lower().startswith(WEB_SCHEMES):
        return None
    parts = urlsplit(value)
    if "@" in parts.netloc:
        return (
            f"'{value}' has '{parts.netloc.rsplit('@', 1)[0]}@' before its host: it really goes to"
            f" {parts.hostname}; remove the part before '@'"
        )
    for label in (parts.hostname or "").split("."):
        shown = _idna_label(label)
        scripts = {unicodedata.name(ch, "?").split()[0] for ch in shown if ch.isalpha()}
        if len(scripts) > 1:
            return (
                f"'{value}': the host part '{shown}' mixes {' and '.join(sorted(scripts)).lower()} letters,"
                " as look-alike addresses do; check it is the address you meant"
            )
    return None


def _idna_label(label: str) -> str:
    """A host label as people see it (xn--... decoded)."""
    if label.startswith("xn--"):
        try:
            return label.encode("ascii").decode("idna")
        except UnicodeError:
            return label
    return label


_PHONE_CHARACTERS = re.compile(r"[\d\s+()./\-,]+")  # any script's digits: a leaflet may use its own
_PHONE_WORDS = re.compile(rf"\b(?:or|and|{EXTENSION_WORDS}|(?:{TEXT_WORDS})\s*:?)(?=\s|\d|$)", re.IGNORECASE)
MAX_PHONE_DIGITS = 15  # the longest international number (ITU-T E.164)


def phone_doubt(value: str) -> str | None:
    """Why a phone number does not look like one, or None.  Only a doubt: a helpline
    may print '116 123 (free)', so `check` and `build` warn but do not refuse."""
    invisible = next((ch for ch in value if unicodedata.category(ch) == "Cf"), None)
    if invisible is not None:
        name = unicodedata.name(invisible, "a format character")
        return (
            f"'{value}' contains an invisible character, U+{ord(invisible):04X} {name} (often pasted"
            " with text from a web page); delete it"
        )
    for number, why in undialable_numbers(value):  # a tap would dial the wrong number: no link
        if why == "code":
            continue  # said below, with the codes too short to be numbers ("#31#")
        if why == "spelt":
            return (
                f"'{value}' spells part of its number in letters: a tap could dial only '{number}',"
                " another number, so it gets no link; write the number in digits"
            )
        return (
            f"'{number}' after '/' in '{value}' looks like another ending of the number before it: a"
            " tap would dial it alone, so it gets no link; write each number whole"
        )
    if any(mark in value for mark in SERVICE_CODE_MARKS):
        return (
            f"'{value}' has * or #, as a network's service code does: a phone does not dial a code"
            " from a link, so it gets none; it is printed as typed"
        )
    # "112 or 999", "ext. 12", "text 85258": words that join numbers are not a mistake.
    words = _PHONE_WORDS.sub(" ", value)
    digits = sum(ch.isdigit() for ch in words)
    if any(ch.isalpha() for ch in words):
        return f"'{value}' contains letters; a phone number is digits, spaces and + ( ) - . /"
    if digits < 2:
        return f"'{value}' has {digits} digit{'s' if digits != 1 else ''}; is the number complete?"
    longest = max(
        (sum(ch.isdigit() for ch in value[n.start : n.end]) for n in dialable_numbers(value)), default=0
    )
    if longest > MAX_PHONE_DIGITS:
        return f"'{value}' has a number of {longest} digits; phone numbers have at most {MAX_PHONE_DIGITS}"
    if not _PHONE_CHARACTERS.fullmatch(words):
        return f"'{value}' has characters other than digits, spaces and + ( ) - . /"
    return None


Phone = Text
