"""The leaflet's own words, addressed by gettext context like the tip sets' strings.

Placeholders use Python's brace style ({locality}); a translation must keep
exactly the same ones (checked by `translations check`).
"""

from __future__ import annotations

from hrleaflet.content.vocabulary import SERVICE_KINDS

LEAFLET_WORDS: dict[str, str] = {
    "leaflet/emergency": "Emergency",
    "leaflet/services-heading": "Local services in {locality}",
    "leaflet/open": "Open",
    "leaflet/phone": "Phone",
    "leaflet/web": "Web",
    "leaflet/source": "Source: {attribution}",
    "leaflet/reviewed": "Last reviewed {date}",
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

# Fields of a tip set that are printed and therefore translated.
SET_FIELDS = ("title", "subtitle", "intro", "attribution")
TIP_FIELDS = ("headline", "body")
