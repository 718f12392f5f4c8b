"""A leaflet as plain UTF-8 text, to paste into WhatsApp, Signal or Telegram.

Reading order as on paper: title, emergency numbers, introduction, the numbered tips, local
services, then source and review state.  No hard line breaks inside a paragraph: every
messenger wraps text to its own screen width, and a line broken at 40 columns would come out
ragged on any other width (and there is no column count that suits Thai, Chinese and Arabic
alike).  Blocks are kept apart by a blank line, which survives pasting everywhere.  No markup
either (`*bold*` is WhatsApp's, Signal shows the asterisks).

Direction: text stays in logical order, and messengers lay out each paragraph with the Unicode
bidi algorithm.  In a right-to-left leaflet that algorithm would reverse the groups of a phone
number ("+44 1632 960110" shown as "960110 1632 44+") and move the full stop of an English
note to its other end, so left-to-right runs there are wrapped in isolates (LRI ... PDI).  In a
left-to-right leaflet only a value written in a right-to-left script gets isolates (FSI ...
PDI); purely left-to-right text gets none.
"""

from __future__ import annotations

import unicodedata

from hrleaflet.content.models import Service
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.outputs import Document
from hrleaflet.render.numerals import local_digits

LRI, FSI, PDI = "\u2066", "\u2068", "\u2069"
_RTL_CLASSES = frozenset({"R", "AL", "AN"})
_LTR_CORE = frozenset({"L", "EN"})  # a left-to-right run starts and ends with one of these
_LEADING = frozenset({"ES", "ET"})  # '+', '#', '$' opening a number belong to it
# Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan, Mandaic, Arabic supplements, presentation forms.
_RTL_BLOCKS = ((0x0590, 0x08FF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_OPENING, _CLOSING = "([{", ")]}"
KIND_SEPARATOR = " · "  # as the printed leaflet lists a service's kinds


def _classes(text: str) -> list[str]:
    """Each character's bidi class; a combining mark takes its base character's, and the
    punctuation of right-to-left scripts (the Arabic comma is a "CS") counts as theirs: it ends
    a Latin run rather than joining it."""
    classes: list[str] = []
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind == "NSM" and classes:
            kind = classes[-1]
        elif any(low <= ord(ch) <= high for low, high in _RTL_BLOCKS):
            kind = "AL"
        classes.append(kind)
    return classes


def has_rtl(text: str) -> bool:
    return any(kind in _RTL_CLASSES for kind in _classes(text))


def _runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each left-to-right run in right-to-left text: from a letter or digit to
    the last one before the next right-to-left character, with a leading '+' or opening
    bracket and a closing bracket or '%' that belong to it."""
    classes = _classes(text)
    runs: list[tuple[int, int]] = []
    index = 0
    while index < len(text):
        if classes[index] not in _LTR_CORE:
            index += 1
            continue
        start = end = index
        while index < len(text) and classes[index] not in _RTL_CLASSES:
            if classes[index] in _LTR_CORE:
                end = index + 1
            index += 1
        while start > 0 and (text[start - 1] in _OPENING or _opens_number(text, classes, start - 1)):
            start -= 1
        while end < len(text) and classes[end] not in _RTL_CLASSES:
            inside = text[start:end]
            opened = sum(inside.count(c) for c in _OPENING) > sum(inside.count(c) for c in _CLOSING)
            if not (text[end] in _CLOSING and opened) and text[end] != "%":
                break
            end += 1
        # Keep a bracket pair whole: "(example" without its ")" is not a run to isolate.
        while text[start] in _OPENING and _CLOSING[_OPENING.index(text[start])] not in text[start:end]:
            start += 1
        if any(kind != "EN" for kind in classes[start:end]):  # a lone number reads right as it is
            runs.append((start, end))
    return runs


def _opens_number(text: str, classes: list[str], index: int) -> bool:
    """'+' in "+44 ..." but not the hyphen of "كوفيد-19", which joins the number to a word."""
    return classes[index] in _LEADING and (
        index == 0 or text[index - 1].isspace() or text[index - 1] in _OPENING
    )


def isolated(value: str, rtl: bool, always_ltr: bool = False) -> str:
    """`value` ready to sit in a line of a leaflet whose direction is right-to-left (`rtl`) or not.

    `always_ltr`: a phone number or a link, read left to right whatever digits it uses.
    """
    if not value:
        return value
    if not rtl:
        return f"{FSI}{value}{PDI}" if has_rtl(value) else value
    if always_ltr or not has_rtl(value):
        needs = always_ltr or any(kind in _LTR_CORE for kind in _classes(value))
        return f"{LRI}{value}{PDI}" if needs else value
    pieces: list[str] = []
    done = 0
    for start, end in _runs(value):
        pieces += [value[done:start], LRI, value[start:end], PDI]
        done = end
    return "".join(pieces) + value[done:]


class Lines:
    """The leaflet's lines, each made ready for the leaflet's direction."""

    def __init__(self, leaflet: LocalisedLeaflet) -> None:
        self.leaflet = leaflet
        self.rtl = leaflet.locale.rtl
        self.code = leaflet.locale.code

    def own(self, text: str) -> str:
        """Text in the leaflet's language (a right-to-left leaflet may hold Latin words)."""
        return isolated(text, self.rtl) if self.rtl else text

    def typed(self, value: str) -> str:
        """Free text exactly as a person typed it in the services or tip set file."""
        return isolated(value, self.rtl)

    def number(self, value: str) -> str:
        """A phone number or a link: read left to right as one unit."""
        return isolated(value, self.rtl, always_ltr=True)

    def word(self, context: str, **values: str) -> str:
        """A catalog template filled with values made ready already; a template that fell back
        to English sits in a right-to-left leaflet as one left-to-right run."""
        line = self.leaflet.word(context, **values)
        if self.rtl and not has_rtl(self.leaflet.words[context]):
            return f"{LRI}{line}{PDI}"
        return line

    def title(self) -> list[str]:
        return [self.own(self.leaflet.title), self.own(self.leaflet.subtitle)]

    def emergency(self) -> list[str]:
        heading = self.own(self.leaflet.words["leaflet/emergency"])
        numbers = self.leaflet.services.emergency
        return [heading, *(f"{self.typed(n.label)}: {self.number(n.phone)}" for n in numbers)]

    def tip(self, tip: LocalisedTip, number: int) -> list[str]:
        shown = local_digits(str(number), self.code)
        return [f"{shown}. {self.own(tip.headline)}", self.own(tip.body)]

    def service(self, service: Service) -> list[str]:
        words = self.leaflet.words
        lines = [self.typed(service.name)]
        lines.append(KIND_SEPARATOR.join(self.own(self.leaflet.kind_words[k]) for k in service.kinds))
        if service.address:
            lines.append(self.typed(service.address))
        if service.phone:
            lines.append(f"{self.own(words['leaflet/phone'])} {self.number(service.phone)}")
        if service.hours:
            lines.append(f"{self.own(words['leaflet/open'])} {self.typed(service.hours)}")
        if service.url:
            lines.append(f"{self.own(words['leaflet/web'])} {self.number(service.url)}")
        if service.notes:
            lines.append(self.typed(service.notes))
        return lines

    def services_heading(self) -> str:
        return self.word("leaflet/services-heading", locality=self.typed(self.leaflet.services.locality))

    def review(self) -> str:
        """As the printed footer: reviewed on a date by someone, or that the set is a draft."""
        leaflet = self.leaflet
        date = self.own(local_digits(leaflet.date_text, self.code))
        if leaflet.status == "reviewed" and leaflet.reviewed_by:
            return self.word("leaflet/reviewed", date=date, reviewer=self.typed(leaflet.reviewed_by))
        return self.word("leaflet/draft-set", date=date)

    def footer(self) -> list[str]:
        leaflet = self.leaflet
        organisation = leaflet.services.organisation
        source = self.word("leaflet/source", attribution=self.own(leaflet.attribution))
        produced = self.word("leaflet/produced-by", organisation=self.typed(organisation.name))
        if organisation.website:
            produced += KIND_SEPARATOR + self.number(organisation.website)
        lines = [
            f"{source} {self.number(leaflet.source_url)}",
            self.word("leaflet/sources", sources=self.typed(leaflet.sources_text)),
            self.review(),
            produced,
        ]
        if leaflet.partly_english:
            lines.append(self.own(leaflet.words["leaflet/partly-english"]))
        return lines


def render_text(leaflet: LocalisedLeaflet, tips: list[LocalisedTip] | None) -> Document:
    """The whole leaflet as text; `tips` chosen by hand (--tips), or None for every tip in order."""
    lines = Lines(leaflet)
    chosen = list(leaflet.tips) if tips is None else tips
    blocks: list[list[str]] = [lines.title(), lines.emergency(), [lines.own(leaflet.intro)]]
    blocks += [lines.tip(tip, number) for number, tip in enumerate(chosen, start=1)]
    blocks.append([lines.services_heading()])
    blocks += [lines.service(service) for service in leaflet.services.services]
    blocks.append(lines.footer())
    text = "\n\n".join("\n".join(block) for block in blocks) + "\n"
    return Document(data=text.encode("utf-8"))
