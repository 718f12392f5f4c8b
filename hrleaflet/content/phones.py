"""Where to dial: the numbers in a phone field as typed, each with its `tel:` link.

A field may hold more than one number ("112 or 999") or a trunk prefix that is dialled only
from inside the country ("+44 (0)20 ..."): the page shows the field exactly as typed, and
each number in it dials as a phone expects (ASCII digits, a leading +).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Digits with the separators people type between them, invisible ones included (a zero-width
# space pasted with a web page's text must not cut one number into two links).
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# A "+" may stand apart from the digits ("+ 44 1632 ...").
_NUMBER = re.compile(rf"(?:\+\s?)?\d[\d\s().\-\u2010\u2011{INVISIBLE}]*\d")
_MIN_DIGITS = 3  # fewer is an extension or a note ("ext. 12"), not something to dial
# A number after one of these is an extension of the number before it: not dialled on its own
# (an extension 112 must not become an emergency call).
EXTENSION_WORDS = r"ext(?:ension)?\.?|x"  # also spared by the phone warnings (`text.phone_doubt`)
_EXTENSION = re.compile(rf"\b(?:{EXTENSION_WORDS})\s*$", re.IGNORECASE)
# Where a trunk prefix "(0)" is dialled only from inside the country: after +44 or 0044.
_INTERNATIONAL = re.compile(r"(?:\+|00)")


@dataclass(frozen=True)
class Dialable:
    start: int  # where the number is in the field
    end: int
    href: str  # tel:+441632960110


# A number joined to letters ("1-800-NALOXONE") is spelt in part: its digits alone dial
# someone else.
_JOINED_TO_LETTERS_AFTER = re.compile(r"[-.\u2010\u2011]?[^\W\d_]")
_JOINED_TO_LETTERS_BEFORE = re.compile(r"[^\W\d_][-.\u2010\u2011]?$")
# "960110 / 11": after a slash, a number shorter than the one before is another ending of it.
_SLASH = re.compile(r"\s*/\s*$")
# "*123#", "#31#": a network service code; a tel: link would dial its digits as a number.
SERVICE_CODE_MARKS = "*#"  # also named by the phone warnings (`text.phone_doubt`)
# "text 85258", "SMS: 60000": a number to send a text message to, not to call.  Also "SMS" as
# it is written in the shipped languages' scripts that separate words with spaces: Cyrillic,
# Persian (the word for a text message), Devanagari and Bengali.
TEXT_WORDS = r"text|txt|sms|смс|پیامک|एसएमएस|এসএমএস"  # also spared by `text.phone_doubt`
_TEXT_TO = re.compile(rf"\b(?:{TEXT_WORDS})\s*:?\s*$", re.IGNORECASE)


def dialable_numbers(phone: str) -> list[Dialable]:
    """Each number in the field a tap can dial, with where it is; a number that a tap would
    dial wrongly gets no link (`undialable_numbers` says why)."""
    return [number for number, why in _numbers(phone) if why is None]


def undialable_numbers(phone: str) -> list[tuple[str, str]]:
    """The numbers in a field that get no tap link, each with why: (number as typed, "spelt"
    for one spelt in part with letters, "ending" for another ending after a slash, "code" for
    a service code such as *123#)."""
    return [(phone[number.start : number.end], why) for number, why in _numbers(phone) if why is not None]


def _numbers(phone: str) -> list[tuple[Dialable, str | None]]:
    found: list[tuple[Dialable, str | None]] = []
    previous_digits = 0
    for match in _NUMBER.finditer(phone):
        if _EXTENSION.search(phone[: match.start()]):
            continue
        run = match.group(0)
        if _INTERNATIONAL.match(run):  # "+44 (0)20 ...": the (0) is dialled only from inside the country
            run = run.replace("(0)", "")
        digits = [str(int(c)) for c in run if c.isdecimal()]  # a dialler wants ASCII digits
        if len(digits) < _MIN_DIGITS:
            continue
        scheme = "sms:" if _TEXT_TO.search(phone[: match.start()]) else "tel:"
        href = scheme + ("+" if run.startswith("+") else "") + "".join(digits)
        why = None
        if _in_service_code(phone, match.start(), match.end()):
            why = "code"
        elif _JOINED_TO_LETTERS_AFTER.match(phone, match.end()) or _JOINED_TO_LETTERS_BEFORE.search(
            phone[: match.start()]
        ):
            why = "spelt"
        elif _SLASH.search(phone[: match.start()]) and len(digits) < previous_digits:
            why = "ending"
        found.append((Dialable(match.start(), match.end(), href), why))
        previous_digits = len(digits)
    return found


def _in_service_code(phone: str, start: int, end: int) -> bool:
    return (start > 0 and phone[start - 1] in SERVICE_CODE_MARKS) or (
        end < len(phone) and phone[end] in SERVICE_CODE_MARKS
    )


# A number with the extension that follows it ("960 110 ext. 204"): one piece on a page.
_NUMBER_AND_EXTENSION = re.compile(rf"{_NUMBER.pattern}(?:\s*\b(?:{EXTENSION_WORDS})\s*\d+)?", re.IGNORECASE)


def unbroken_numbers(phone: str) -> str:
    """The field with the spaces inside each number (and its extension) made no-break, so a
    line breaks between the numbers of "0808 157 0001 or 0808 157 0002" but never inside one.
    The same length as `phone` (the offsets of `dialable_numbers` hold), and it prints and
    extracts exactly as typed: a no-break space draws the space (`render/text/tounicode.py`)."""
    return _NUMBER_AND_EXTENSION.sub(lambda match: match.group(0).replace(" ", "\u00a0"), phone)
