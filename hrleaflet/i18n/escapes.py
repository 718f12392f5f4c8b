"""Backslash escapes in a PO file that gettext refuses, or reads differently from Babel.

Babel reads only `\\\\ \\" \\n \\t \\r` and keeps any other backslash as a backslash (`\\qrogen`
stays seven letters), while `msgfmt` (and so Poedit and Weblate) refuses the file ("invalid
control sequence"), and reads `\\7` or `\\a` as a control character.  Babel has already
unescaped the strings it hands over, so these are found in the file's own lines: `translations
check` names them, a build does not print such a msgstr, and `translations update` (which would
write Babel's reading back) stops.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from babel.messages.pofile import unescape

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+")
QUOTED = re.compile(r'"(?:[^"\\]|\\.)*"')  # a PO string in its quotes, escapes and all
_ESCAPE = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.)")
SAME_IN_BOTH = frozenset(("\\\\", '\\"', "\\n", "\\t", "\\r"))  # read alike by gettext and Babel
# A backslash before anything but those: where a bad escape may be (an escaped backslash before
# a letter matches too, and the lines are then read one by one).
_MAYBE_BAD = re.compile(r'\\[^\\"ntr]')
_GETTEXT_CONTROLS = {"\\a": 0x07, "\\b": 0x08, "\\f": 0x0C, "\\v": 0x0B}


@dataclass(frozen=True)
class BadEscape:
    line: int
    context: str | None  # the entry's msgctxt
    keyword: str  # the field the escape is in: msgstr, msgid, msgctxt...
    escape: str  # as written, such as `\q`

    @property
    def reason(self) -> str:
        written = f"'{self.escape}'" + (
            "" if self.keyword.startswith("msgstr") else f" (in the {self.keyword})"
        )
        code = _gettext_reading(self.escape)
        if code is None:
            what = f"{written} is not an escape sequence gettext knows (msgfmt, Poedit and Weblate refuse it)"
        elif code < 0x20 or code == 0x7F:
            what = (
                f"{written} is gettext's code for the control character U+{code:04X}, which cannot be printed"
            )
        else:
            what = f"{written} is gettext's code for another character"
        return f"{what}; write the character itself, or '\\\\' for a backslash"


def _gettext_reading(escape: str) -> int | None:
    """The character gettext reads an escape Babel does not know as, or None where gettext
    refuses it."""
    if escape in _GETTEXT_CONTROLS:
        return _GETTEXT_CONTROLS[escape]
    if escape[1] == "x" and len(escape) > 2:
        return int(escape[2:], 16)
    if escape[1] in "01234567":
        return int(escape[1:], 8)
    return None


# Lines that hold strings besides an entry's own: an obsolete entry's (`#~`) and the English a
# fuzzy translation was written for (`#|`); msgfmt refuses a bad escape in them too.
_STRING_COMMENTS = (("#~|", "obsolete previous "), ("#~", "obsolete "), ("#|", "previous "))


def bad_escapes(text: str) -> list[BadEscape]:
    """Every escape in the entries, obsolete entries and previous msgids (not in comments) that
    gettext and Babel do not both read as the same character, with its line and entry (an
    obsolete entry's own; none for a previous msgid, which comes before its entry's msgctxt)."""
    if not _MAYBE_BAD.search(text):
        return []  # every file as it should be: no line need be read
    found: list[BadEscape] = []
    keyword = {kind: "" for kind in ("", *(kind for _, kind in _STRING_COMMENTS))}
    context: dict[str, str | None] = dict.fromkeys(keyword)
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        mark, kind = next(((m, k) for m, k in _STRING_COMMENTS if stripped.startswith(m)), ("", ""))
        if mark:
            stripped = stripped[len(mark) :].strip()
        elif not stripped or stripped.startswith("#"):
            continue
        match = _KEYWORD.match(stripped)
        if match:
            if match.group(1) == "msgctxt" or (match.group(1) == "msgid" and keyword[kind] != "msgctxt"):
                context[kind] = None  # a new entry: its msgctxt, if it has one, comes first
            keyword[kind] = match.group(1)
            stripped = stripped[match.end() :]
        strings = QUOTED.findall(stripped)
        if keyword[kind] == "msgctxt":
            context[kind] = (context[kind] or "") + "".join(unescape(chunk) for chunk in strings)
        for chunk in strings:
            for escape in _ESCAPE.findall(chunk[1:-1]):
                if escape not in SAME_IN_BOTH:
                    entry = None if "previous" in kind else context[kind]
                    found.append(BadEscape(number, entry, kind + keyword[kind], escape))
    return found
