"""The example values `hrleaflet init` writes, which must never reach a printed leaflet.

`starter.py` writes its file from these values, and the services loader refuses any
that are still there, so the two cannot drift apart.
"""

from __future__ import annotations

from hrleaflet.content.models import ServiceDirectory
from hrleaflet.content.source import KeyPath, SourceDocument
from hrleaflet.content.validate import field_path
from hrleaflet.errors import Problem

LOCALITY = "Your town"
ORGANISATION = "Your organisation"
SERVICE_NAME = "Name of the service"
ADDRESS = "Street and number, town"
PHONE = "+00 000 000 000"
NOTES = 'One or two short sentences, for example "No appointment needed."'
WEBSITE = "https://example.org/"
SERVICE_URL = "https://example.org/service"

# Field name -> example values that mean "not filled in yet".
_BY_FIELD: dict[str, frozenset[str]] = {
    "locality": frozenset({LOCALITY}),
    "name": frozenset({ORGANISATION, SERVICE_NAME}),
    "address": frozenset({ADDRESS}),
    "phone": frozenset({PHONE}),
    "notes": frozenset({NOTES}),
    # A link left as the example would print, with a QR code, a site that is nobody's.
    "website": frozenset({WEBSITE}),
    "url": frozenset({SERVICE_URL}),
}


def placeholder_problems(directory: ServiceDirectory, doc: SourceDocument) -> list[Problem]:
    """Every value still as `hrleaflet init` wrote it, with the line to fill in."""
    values: list[tuple[KeyPath, str | None]] = [
        (("locality",), directory.locality),
        (("organisation", "name"), directory.organisation.name),
        (("organisation", "website"), directory.organisation.website),
    ]
    for index, number in enumerate(directory.emergency):
        values.append((("emergency", index, "phone"), number.phone))
    for index, service in enumerate(directory.services):
        for name in ("name", "address", "phone", "url", "notes"):
            values.append((("services", index, name), getattr(service, name)))
    # An optional value goes away with its line in YAML, with its cell's text in a spreadsheet.
    remove = ", or empty the cell" if doc.path.suffix.lower() == ".csv" else ", or delete the line"
    return [
        Problem(
            doc.path,
            doc.line_of(loc),
            field_path(loc),
            f"is still the example '{value}' from 'hrleaflet init'",
            "fill in your own" + (remove if _optional(loc) else ""),
        )
        for loc, value in values
        if value is not None and value in _BY_FIELD.get(str(loc[-1]), frozenset())
    ]


def _optional(loc: KeyPath) -> bool:
    return (loc[0] == "services" and loc[-1] != "name") or loc[-1] == "website"
