"""The emergency numbers and the essential tips as SMS messages, for people without a smartphone.

Each message is at most three SMS segments (459 GSM-7 characters, or 201 in UCS-2).  Phones
and networks agree on short concatenated messages; on long ones they do not (some networks
turn them into MMS, older phones show the parts apart or in the wrong order), and every
segment is paid for.  Three segments is one screen to read and a known cost to send.

Every message stands on its own: it starts with its place in the series ("2/5", in the
language's digits) and never breaks a sentence.  The first holds the title and the emergency
numbers.  A tip too long for one message goes on in the next, split between sentences (or,
for a sentence longer than a message, between words), the next part starting with the tip's
number and "...".  A draft tip set says so at the end, as the printed leaflet does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from hrleaflet.errors import RenderError
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.outputs import Document
from hrleaflet.outputs.text import Lines
from hrleaflet.render.numerals import local_digits

MAX_SEGMENTS = 3
ESSENTIAL = 1  # the priority of tips that must reach everyone
SEPARATOR = "\n\n---\n\n"  # between messages in the file: copy what lies between two of these
CONTINUED = "..."  # GSM-7 (a '…' would make an English message UCS-2, at 70 characters a segment)

# 3GPP TS 23.038: the GSM 7-bit default alphabet, and its extension table (each of those
# characters is sent as ESC + character: two septets).
GSM_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM_EXTENSION = frozenset("\f^{}\\[~]|€")


@dataclass(frozen=True)
class Segments:
    count: int
    encoding: str  # "GSM-7" or "UCS-2"
    characters: int  # as a person counts them (code points)
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)

    def describe(self) -> str:
        segments = "1 SMS segment" if self.count == 1 else f"{self.count} SMS segments"
        size = f"{self.characters} characters"
        if self.units != self.characters:
            size += f", {self.units} {'septets' if self.encoding == 'GSM-7' else 'UTF-16 code units'}"
        return f"{segments} ({self.encoding}, {size})"


def segments(text: str) -> Segments:
    """How many SMS segments `text` takes: GSM-7 when every character is in the default
    alphabet (160 septets alone, 153 a part), UCS-2 otherwise (70 UTF-16 code units alone, 67 a
    part).  A part never ends between the two halves of an escaped character or a surrogate
    pair, as phones split them."""
    if all(ch in GSM_BASIC or ch in GSM_EXTENSION for ch in text):
        encoding, single, part = "GSM-7", 160, 153
        costs = [2 if ch in GSM_EXTENSION else 1 for ch in text]
    else:
        encoding, single, part = "UCS-2", 70, 67
        costs = [2 if ord(ch) > 0xFFFF else 1 for ch in text]
    total = sum(costs)
    if total <= single:
        return Segments(1, encoding, len(text), total)
    count, used = 1, 0
    for cost in costs:
        if used + cost > part:
            count, used = count + 1, 0
        used += cost
    return Segments(count, encoding, len(text), total)


def _sentences(text: str, locale: str) -> list[str]:
    from icu4py.breakers import SentenceBreaker  # ICU: lazy, keeps CLI start-up fast

    return [text[start:end] for start, end in SentenceBreaker(text, locale).segments()]


def _words(text: str, locale: str) -> list[str]:
    from icu4py.breakers import LineBreaker

    return [text[start:end] for start, end in LineBreaker(text, locale).segments()]


def _characters(text: str, locale: str) -> list[str]:
    from icu4py.breakers import CharacterBreaker

    return [text[start:end] for start, end in CharacterBreaker(text, locale).segments()]


class _Packer:
    """Cuts the leaflet's blocks into messages of at most MAX_SEGMENTS, for a numbering width."""

    def __init__(self, code: str, digits: int) -> None:
        self.code = code
        widest = "9" * digits
        self.widest_label = local_digits(f"{widest}/{widest}", code)

    def fits(self, body: str) -> bool:
        return segments(f"{self.widest_label}\n{body}").count <= MAX_SEGMENTS

    def pieces(self, first: str, rest: str, more: str) -> list[str]:
        """`first` + `rest` as bodies that each fit a message; a piece after the first begins
        with `more` (the tip's number and "...")."""
        whole = f"{first}{rest}"
        if self.fits(whole):
            return [whole]
        out: list[str] = []
        current = first
        for unit in self._units(rest, (first, more)):
            if current not in (first, more) and not self.fits(current + unit):
                out.append(current.rstrip())
                current = more
            current += unit
        out.append(current.rstrip())
        return out

    def _units(self, text: str, leads: tuple[str, str]) -> Iterator[str]:
        """`text` in pieces that each fit a message after either lead (the headline, or the
        continuation label): sentences, or for a sentence too long, words (line-break
        opportunities), or for a word too long, characters."""

        def fits(unit: str) -> bool:
            return all(self.fits(lead + unit) for lead in leads)

        for sentence in _sentences(text, self.code):
            if fits(sentence):
                yield sentence
                continue
            for word in _words(sentence, self.code):
                if fits(word):
                    yield word
                else:
                    yield from _characters(word, self.code)

    def messages(self, chunks: list[str]) -> list[list[str]]:
        messages: list[list[str]] = []
        for chunk in chunks:
            if messages and self.fits("\n".join([*messages[-1], chunk])):
                messages[-1].append(chunk)
            else:
                messages.append([chunk])
        return messages


def essential_tips(leaflet: LocalisedLeaflet, tips: list[LocalisedTip] | None) -> list[LocalisedTip]:
    """Tips picked by hand (--tips) are sent as picked; otherwise the essential ones, in order."""
    if tips is not None:
        return tips
    return [tip for tip in leaflet.tips if tip.priority == ESSENTIAL]


def render_sms(leaflet: LocalisedLeaflet, tips: list[LocalisedTip] | None) -> Document:
    lines = Lines(leaflet)
    code = leaflet.locale.code
    sent = essential_tips(leaflet, tips)
    header = "\n".join([lines.own(leaflet.title), *lines.emergency()])
    closing = [lines.review()] if leaflet.status != "reviewed" else []
    if leaflet.partly_english:
        closing.append(lines.own(leaflet.words["leaflet/partly-english"]))

    digits = 1
    while True:
        packer = _Packer(code, digits)
        if not packer.fits(header):
            raise RenderError(
                f"The title and emergency numbers of {leaflet.set_id} ({code}) do not fit one SMS message of"
                f" {MAX_SEGMENTS} segments ({segments(header).count} needed). Shorten the emergency"
                " labels in the services file, or list fewer numbers."
            )
        chunks = [header]
        for number, tip in enumerate(sent, start=1):
            headline, body = lines.tip(tip, number)
            more = f"{local_digits(str(number), code)}. {CONTINUED} "
            chunks += packer.pieces(f"{headline}\n", body, more)
        for line in closing:
            chunks += packer.pieces("", line, f"{CONTINUED} ")
        grouped = packer.messages(chunks)
        if len(str(len(grouped))) <= digits:
            break
        digits += 1  # "10/12" is wider than the "9/9" room kept for the numbering

    total = len(grouped)
    messages = [
        f"{local_digits(f'{index}/{total}', code)}\n" + "\n".join(group)
        for index, group in enumerate(grouped, start=1)
    ]
    counts = [segments(message) for message in messages]
    assert all(count.count <= MAX_SEGMENTS for count in counts), "a message longer than the limit"
    left_out = tuple(tip for tip in leaflet.tips if tip not in sent) if tips is None else ()
    return Document(
        data=(SEPARATOR.join(messages) + "\n").encode("utf-8"),
        parts=total,
        notes=tuple(f"message {i}: {count.describe()}" for i, count in enumerate(counts, start=1)),
        left_out_tips=left_out,
    )
