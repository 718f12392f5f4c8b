"""The leaflet's own words, addressed by gettext context like the tip sets' strings.

Placeholders use Python's brace style ({locality}); a translation must keep
exactly the same ones (checked by `translations check`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hrleaflet.content.vocabulary import SERVICE_KINDS

if TYPE_CHECKING:
    from hrleaflet.content.models import TipSet

LEAFLET_WORDS: dict[str, str] = {
    "leaflet/emergency": "Emergency",
    "leaflet/services-heading": "Local services in {locality}",
    "leaflet/open": "Open",
    "leaflet/phone": "Phone",
    "leaflet/web": "Web",
    "leaflet/source": "Source: {attribution}",
    "leaflet/reviewed": "Reviewed {date} by {reviewer}",
    "leaflet/draft-set": "Draft: not yet reviewed by a health worker or peer reviewer. Updated {date}.",
    "leaflet/sources": "Sources: {sources}",
    "leaflet/produced-by": "Produced by {organisation}",
    "leaflet/page": "Page {page} of {pages}",
    "leaflet/partly-english": "Parts of this leaflet are in English until their translation is finished.",
}

KIND_WORDS: dict[str, str] = {
    "needle-syringe": "Needles and syringes",
    "ost": "Opioid substitution treatment",
    "naloxone": "Naloxone",
    "testing": "Testing",
    "drop-in": "Drop-in",
    "outreach": "Outreach",
    "helpline": "Helpline",
    "legal": "Legal help",
    "mental-health": "Mental health",
    "housing-food": "Housing and food",
}
assert tuple(KIND_WORDS) == SERVICE_KINDS, "every service kind needs words on the leaflet"

UI_MESSAGES: dict[str, str] = {
    **LEAFLET_WORDS,
    **{f"kind/{kind}": words for kind, words in KIND_WORDS.items()},
}


def tip_set_strings(tip_set: TipSet) -> list[tuple[str, str, tuple[str | int, ...]]]:
    """(context, English, key path in the YAML) of every printed string of a tip set."""
    sid = tip_set.id
    strings: list[tuple[str, str, tuple[str | int, ...]]] = [
        (f"{sid}/title", tip_set.title, ("title",)),
        (f"{sid}/subtitle", tip_set.subtitle, ("subtitle",)),
        (f"{sid}/intro", tip_set.intro, ("intro",)),
        (f"{sid}/attribution", tip_set.source.attribution, ("source", "attribution")),
    ]
    for index, tip in enumerate(tip_set.tips):
        strings.append((f"{sid}/{tip.id}/headline", tip.headline, ("tips", index, "headline")))
        strings.append((f"{sid}/{tip.id}/body", tip.body, ("tips", index, "body")))
    return strings
