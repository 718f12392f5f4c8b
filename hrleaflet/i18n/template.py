"""Every translatable string: the tip sets' text and the leaflet's own words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from hrleaflet.content.guidance import available_sets, read_tip_set
from hrleaflet.content.models import Source, Tip, TipSet
from hrleaflet.i18n import keep_whole
from hrleaflet.i18n.messages import UI_MESSAGES, tip_set_strings

# The model that limits each translated field of a tip set.
_FIELD_MODELS: dict[str, type[BaseModel]] = {
    "title": TipSet,
    "subtitle": TipSet,
    "intro": TipSet,
    "attribution": Source,
    "headline": Tip,
    "body": Tip,
}


def field_limit(field: str) -> int:
    """The most characters the English of a tip set's field may have (headline: 60)."""
    metadata = _FIELD_MODELS[field].model_fields[field].metadata
    return next(int(item.max_length) for item in metadata if getattr(item, "max_length", None) is not None)


def english_limit(context: str) -> int | None:
    """The limit of the English a translation stands for ('general/wash-hands/headline': 60);
    None for the leaflet's own words and the words kept whole, which have none."""
    if context in UI_MESSAGES or context == keep_whole.CONTEXT:
        return None
    field = context.rsplit("/", 1)[-1]
    return field_limit(field) if field in _FIELD_MODELS else None


# Shown to translators as comments in their editor (Poedit, Weblate).
FIELD_NOTES = {
    "title": "Leaflet title. Keep it short.",
    "subtitle": "One line under the title.",
    "intro": "Short introduction, 1-3 sentences.",
    "attribution": "Source line in the footer. Keep people's names and publication titles as they are.",
    "headline": (
        f"Tip headline: one action, short (the English limit is {field_limit('headline')} characters)."
    ),
    "body": f"Tip text: 1-3 short sentences (the English limit is {field_limit('body')} characters).",
}


@dataclass(frozen=True)
class SourceString:
    context: str
    english: str
    location: tuple[str, int] | None
    note: str


@dataclass(frozen=True)
class Template:
    strings: list[SourceString]
    reviewed: dt.date  # the newest edit or review date: the template's date, so extraction is reproducible


def template_strings(guidance: Path) -> Template:
    """Strings in a stable order: each tip set in turn, the leaflet's own words, then the
    language's words that lines keep whole (not printed)."""
    strings: list[SourceString] = []
    reviewed = dt.date(2020, 1, 1)
    for name in available_sets(guidance):
        tip_set, doc = read_tip_set(guidance / f"{name}.yaml")
        reviewed = max(reviewed, tip_set.updated, tip_set.reviewed or tip_set.updated)
        for context, english, loc in tip_set_strings(tip_set):
            field = context.rsplit("/", 1)[1]
            location = (f"{guidance.name}/{name}.yaml", doc.line_of(loc) or 0)
            strings.append(SourceString(context, english, location, FIELD_NOTES[field]))
    for context, english in UI_MESSAGES.items():
        note = (
            "Leaflet wording. Keep {placeholders} exactly as they are."
            if "{" in english
            else "Leaflet wording."
        )
        strings.append(SourceString(context, english, None, note))
    strings.append(SourceString(keep_whole.CONTEXT, keep_whole.ENGLISH, None, keep_whole.NOTE))
    return Template(strings, reviewed)
