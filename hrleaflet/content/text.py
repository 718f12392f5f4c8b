"""Rules every piece of printed text follows, whatever file it came from."""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

# Bidi embedding/override/isolate controls can reorder text invisibly on paper.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_WHITESPACE = re.compile(r"\s+")


def _reject_invisible(text: str) -> str:
    for ch in text:
        if ch in BIDI_CONTROLS:
            raise ValueError(
                f"contains the invisible direction control U+{ord(ch):04X} "
                f"{unicodedata.name(ch, '')}; remove it (the tool sets text direction itself)"
            )
        if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r":
            raise ValueError(f"contains the control character U+{ord(ch):04X}; remove it")
    return text


def clean_text(text: str) -> str:
    """NFC-normalise and fold runs of whitespace (line breaks in YAML are not layout)."""
    text = _reject_invisible(text)
    return _WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _numbers_as_text(value: object) -> object:
    # Spreadsheets and unquoted YAML turn phone numbers and years into numbers.
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return value


Text = Annotated[str, BeforeValidator(_numbers_as_text), AfterValidator(clean_text)]

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

_PHONE = re.compile(r"^\+?[0-9()][0-9 ()./\-]*$")


def check_phone(value: str) -> str:
    if not _PHONE.match(value) or sum(ch.isdigit() for ch in value) < 2:
        raise ValueError(
            "expected a phone number: digits, spaces, and + ( ) - . / only, like +44 1632 960123"
        )
    return value


Phone = Annotated[Text, AfterValidator(check_phone)]
