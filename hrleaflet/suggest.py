"""'Did you mean' hints for misspelt names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, options: Iterable[str]) -> str | None:
    """The closest valid option to a misspelt word, or None when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    return _hint(nearest(word, options))


def _hint(found: str | None) -> str | None:
    return f"did you mean '{found}'?" if found else None


# Words people use for a field that spelling alone cannot lead back to: a service's link is
# `url` while the organisation's is `website`, and spreadsheets say "telephone" or "category".
# Each group in order of preference: the first that is a field where the word was found.
_SAME_MEANING = (
    ("url", "website", "web", "link", "site", "homepage"),
    ("phone", "telephone", "tel", "phone_number", "number", "mobile"),
    ("hours", "opening_hours", "open", "opening", "times"),
    ("notes", "note", "description", "details", "info", "comment", "comments"),
    ("kinds", "kind", "type", "types", "category", "categories"),
    ("address", "location", "street", "addr"),
    ("name", "label", "title"),
)


def did_you_mean_field(name: str, fields: Iterable[str]) -> str | None:
    """A hint for an unknown field or column: its nearest spelling among `fields`, else a
    field of the same meaning ('website' -> 'url')."""
    known = list(fields)
    found = nearest(name, known)
    if found is None:
        word = str(name).strip().lower().replace(" ", "_").replace("-", "_")
        found = next(
            (
                field
                for group in _SAME_MEANING
                if word in group
                for field in group
                if field in known and field != word
            ),
            None,
        )
    return _hint(found)
