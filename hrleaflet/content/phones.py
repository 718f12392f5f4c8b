"""Where to dial: the numbers in a phone field as typed, each with its `tel:` link.

A field may hold more than one number ("112 or 999") or a trunk prefix that is dialled only
from inside the country ("+44 (0)20 ..."): the page shows the field exactly as typed, and
each number in it dials as a phone expects (ASCII digits, a leading +).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = re.compile(r"\+?\d[\d\s().\-\u2010\u2011]*\d")
_MIN_DIGITS = 3  # fewer is an extension or a note ("ext. 12"), not something to dial


@dataclass(frozen=True)
class Dialable:
    start: int  # where the number is in the field
    end: int
    href: str  # tel:+441632960110


def dialable_numbers(phone: str) -> list[Dialable]:
    found = []
    for match in _NUMBER.finditer(phone):
        run = match.group(0)
        if run.startswith("+"):  # "+44 (0)20 ...": the (0) is dialled only from inside the country
            run = run.replace("(0)", "")
        digits = [str(int(c)) for c in run if c.isdecimal()]  # a dialler wants ASCII digits
        if len(digits) < _MIN_DIGITS:
            continue
        href = "tel:" + ("+" if run.startswith("+") else "") + "".join(digits)
        found.append(Dialable(match.start(), match.end(), href))
    return found
