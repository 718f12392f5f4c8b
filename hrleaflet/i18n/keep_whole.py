"""Words a line must never break inside, listed by a language file in an entry of its own.

ICU breaks Thai lines at dictionary words, and its dictionary does not know transliterated
names: it may split นาล็อก|โซน (naloxone) between syllables.  A translator lists such words in
the `language/keep-whole` entry, an ordinary entry that Poedit and Weblate show like any other
(a header field would be hidden from them).  Most languages leave it empty.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message

from hrleaflet.errors import Problem

CONTEXT = "language/keep-whole"
ENGLISH = "(words a line must never break inside, separated by spaces)"
NOTE = (
    "Not printed: do not translate this sentence. Most languages leave it empty. In a script"
    " written without spaces between words (Thai), list the words a line must never be broken"
    " inside, separated by spaces, spelt exactly as in your translations: transliterated names"
    " such as naloxone or fentanyl, which the line breaker's dictionary may split between"
    " syllables. See translations/README.md."
)

_BETWEEN = re.compile(r"[\s,،、，]+")  # spaces, or commas in case a translator writes a list


def entry(catalog: Catalog) -> Message | None:
    """The keep-whole entry, found by its context (whatever English it was written against)."""
    return next((m for m in catalog if m.id and m.context == CONTEXT), None)


def terms(catalog: Catalog) -> tuple[str, ...]:
    found = entry(catalog)
    if found is None or not isinstance(found.string, str):
        return ()
    return tuple(term for term in _BETWEEN.split(found.string) if term)


def problems(path: Path, catalog: Catalog) -> list[Problem]:
    """A listed word that no translation in the file uses is a typo or a different spelling:
    it keeps nothing whole, and the word it was meant for can still be split."""
    found = entry(catalog)
    if found is None or not isinstance(found.string, str) or not found.string:
        return []
    listed = terms(catalog)
    if not listed:
        return [Problem(path, found.lineno, CONTEXT, "lists no words; leave it empty instead", warning=True)]
    texts = "\n".join(
        m.string for m in catalog if m.id and m.context != CONTEXT and isinstance(m.string, str)
    )
    return [
        Problem(
            path,
            found.lineno,
            CONTEXT,
            f"'{term}' appears in no translation in this file",
            "spell it exactly as the translations do, or remove it",
            warning=True,
        )
        for term in listed
        if term not in texts
    ]
