"""Leaflets for phones and the web, written from the same localised content as the PDFs.

Plain text (`text.py`), SMS messages (`sms.py`) and an accessible web page (`html.py`) are
documents: they are written once per tip set and language (they have no colour or
black-and-white mode), with the same choice of tips as the printed leaflet.  Images of a PDF's
pages, for messaging apps, are `images.py`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip

# Format name -> the end of the file's name.
DOCUMENT_FORMATS: dict[str, str] = {"text": ".txt", "sms": "-sms.txt", "html": ".html"}


@dataclass(frozen=True)
class Document:
    data: bytes
    parts: int = 1  # messages, for SMS; 1 otherwise
    notes: tuple[str, ...] = ()  # said after "wrote ...": e.g. each message's SMS segments
    left_out_tips: tuple[LocalisedTip, ...] = field(default=())


def render_document(
    format_name: str, leaflet: LocalisedLeaflet, tips: list[LocalisedTip] | None = None
) -> Document:
    """One document for a leaflet; `tips` chosen by hand (--tips) or None for the set's own."""
    if format_name == "text":
        from hrleaflet.outputs.text import render_text

        return render_text(leaflet, tips)
    if format_name == "sms":
        from hrleaflet.outputs.sms import render_sms

        return render_sms(leaflet, tips)
    if format_name == "html":
        from hrleaflet.outputs.html import render_html

        return render_html(leaflet, tips)
    raise ValueError(f"not a document format: {format_name}")
