"""Right-to-left paragraphs: Latin names with brackets, links, phone numbers and opening hours
are drawn in the order they were written (UAX #9 bracket pairs and isolates)."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from bidi import get_display
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hrleaflet.content.guidance import available_sets
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.pipeline import BuildRequest, build
from hrleaflet.render.blocks import link_span
from hrleaflet.render.text.bidi import embedding_levels, has_rtl_letters, needs_bidi, visual_order
from hrleaflet.render.text.fonts import Face, families_for
from hrleaflet.render.text.layout import Layout, layout_paragraph
from hrleaflet.render.text.style import Span, TextStyle

from .conftest import EXAMPLES, normalise, pdf_text, poppler_text

SETS = available_sets(guidance_dir())
# Latin words, digits and the brackets between them: each must read left to right.
LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ()/.-]*[A-Za-z0-9)]")


@dataclass(frozen=True)
class Placed:
    line: int
    x: float  # the left edge of the glyph that draws the character
    glyph: int
    face: Face


def _style(code: str, rtl: bool = True) -> TextStyle:
    return TextStyle(size=7, colour=(0, 0, 0), families=families_for(code), locale=code, rtl=rtl)


def _placed(layout: Layout, text: str) -> dict[int, Placed]:
    """Where each character of the paragraph is drawn (index into `text`)."""
    placed: dict[int, Placed] = {}
    position = 0
    for number, line in enumerate(layout.lines):
        assert "".join(piece.text for piece in line.pieces) == line.text
        start = text.index(line.text, position)
        lefts: dict[int, float] = {}
        x = 0.0
        for index in line.visual:
            lefts[index] = x
            x += line.pieces[index].run.width
        offsets = itertools.accumulate((len(piece.text) for piece in line.pieces), initial=start)
        for index, (piece, offset) in enumerate(zip(line.pieces, offsets, strict=False)):
            # A right-to-left piece holds its glyphs in visual order: reversed, they follow the text.
            glyphs = piece.run.glyphs if piece.level % 2 == 0 else tuple(reversed(piece.run.glyphs))
            for glyph in glyphs:
                for _ in glyph.text:
                    placed[offset] = Placed(number, lefts[index] + glyph.x, glyph.gid, piece.face)
                    offset += 1
        position = start + len(line.text)
    return placed


def _as_drawn(placed: dict[int, Placed], start: int, end: int, text: str) -> list[str]:
    """The characters of text[start:end] as they stand on each line, from left to right."""
    lines: dict[int, list[tuple[float, int]]] = {}
    for index in range(start, end):
        if not text[index].isspace():
            lines.setdefault(placed[index].line, []).append((placed[index].x, index))
    return ["".join(text[i] for _, i in sorted(found)) for _, found in sorted(lines.items())]


def _check_reads_as_written(spans: list[Span], code: str, width: float, part: str, rtl: bool = True) -> None:
    """`part` (its every occurrence) is drawn left to right, line after line, and its brackets
    are the glyphs they are: not mirrored, which would turn them to face the other way."""
    text = "".join(span.text for span in spans)
    layout = layout_paragraph(spans, _style(code, rtl), width)
    placed = _placed(layout, text)
    found = [m.start() for m in re.finditer(re.escape(part), text)]
    assert found, part
    for start in found:
        drawn = _as_drawn(placed, start, start + len(part), text)
        assert "".join(drawn) == "".join(part.split()), (part, drawn)
        for index in range(start, start + len(part)):
            if text[index] in "()[]":
                where = placed[index]
                assert where.glyph == where.face.hb_font.get_nominal_glyph(ord(text[index])), (part, index)


def _attribution_lines() -> list[tuple[str, str, str]]:
    found = []
    for code in ("ar", "fa"):
        catalog = read_catalog(translations_dir() / f"{code}.po")
        strings = {message.context: str(message.string) for message in catalog if message.id}
        for set_id in SETS:
            attribution = strings[f"{set_id}/attribution"]
            source_line = strings["leaflet/source"].format(attribution=attribution)
            found.append((code, set_id, source_line))
    return found


BRACKETED = {
    "general": "Cheryl White (3D Research)",
    "opioids": "Cheryl White (3D Research)",
    "drug-supply": "US CDC (MMWR)",
    "overdose-response": "Toward the Heart (BC Centre for Disease Control)",
}


@pytest.mark.parametrize(
    ("code", "set_id", "source_line"),
    [pytest.param(*line, id=f"{line[0]}-{line[1]}") for line in _attribution_lines()],
)
@pytest.mark.parametrize("width", [10_000, 480, 300, 190])
def test_latin_names_and_brackets_in_attributions_read_left_to_right(
    code: str, set_id: str, source_line: str, width: float
) -> None:
    """The footer's source line, on one line and wrapped as a page, a pocket card and narrower:
    "Cheryl White (3D Research)" is drawn as written, not "(White (3D Research" (issue 13)."""
    parts = [m.group() for m in LATIN.finditer(source_line)]
    assert BRACKETED.get(set_id, parts[0]) in parts
    for part in parts:
        assert part.count("(") == part.count(")"), part
        _check_reads_as_written([Span(source_line)], code, width, part)


HOURS = [
    ("ar", "من الأحد إلى الخميس 09:30-17:00", "09:30-17:00"),
    ("ar", "09:30-17:00", "09:30-17:00"),
    ("fa", "شنبه تا چهارشنبه ۹:۳۰-۱۷:۰۰", "۹:۳۰-۱۷:۰۰"),
    ("ar", "Mon-Fri (not Sun) 09:30-17:00", "Mon-Fri (not Sun) 09:30-17:00"),
]


@pytest.mark.parametrize(("code", "hours", "part"), HOURS, ids=["ar-days", "ar", "fa-days", "latin"])
def test_opening_hours_read_left_to_right(code: str, hours: str, part: str) -> None:
    """Opening hours read like a phone number, also after the days written in the language."""
    spans = [Span("ساعات العمل ", bold=True), Span(hours, ltr=True)]
    _check_reads_as_written(spans, code, 10_000, part)
    if hours != part:  # the days before the hours keep right-to-left order, and come first
        text = "".join(span.text for span in spans)
        placed = _placed(layout_paragraph(spans, _style(code), 10_000), text)
        words = [*text[: text.index(part)].split(), part]
        xs = [placed[text.index(word)].x for word in words]
        assert xs == sorted(xs, reverse=True), words


@pytest.mark.parametrize(("code", "hours", "part"), HOURS[:3], ids=["ar-days", "ar", "fa-days"])
def test_opening_hours_in_arabic_read_in_order_in_a_left_to_right_leaflet(
    code: str, hours: str, part: str
) -> None:
    """An English leaflet for a service that wrote its hours in Arabic: the times took the
    days' direction and read "17:00-09:30". They read as written, after (right of) the days."""
    spans = [Span("Open ", bold=True), Span(hours, ltr=True)]
    _check_reads_as_written(spans, code, 10_000, part, rtl=False)
    text = "".join(span.text for span in spans)
    placed = _placed(layout_paragraph(spans, _style(code, rtl=False), 10_000), text)
    days = text[len("Open ") : text.index(part)].split()
    xs = [placed[text.index(word)].x for word in [*days, part]]
    assert xs[-1] == max(xs), (days, xs)  # the hours right of the days
    assert xs[:-1] == sorted(xs[:-1], reverse=True), days  # the days in right-to-left order


@pytest.mark.parametrize(
    "phone",
    ["+44 1632 960210", "٠١٢ ٣٤٥ ٦٧٨٩", "۰۲۱ ۱۲۳۴ ۵۶۷۸", "+44 (0)20 7946 0000"],
    ids=["latin", "arabic-indic", "persian", "brackets"],
)
def test_phone_numbers_read_left_to_right(phone: str) -> None:
    spans = [Span("الهاتف ", bold=True), Span(phone, ltr=True)]
    _check_reads_as_written(spans, "ar", 10_000, phone)


def test_links_read_as_written_and_stand_apart_from_the_sentence() -> None:
    """An address reads as written, also wrapped over lines; a year after it belongs to the
    right-to-left sentence (left of the link), not to the link's left-to-right run."""
    link = link_span("https://www.inpud.net/en/harm-reduction-tips-people-who-use-drugs-avoid-covid19")
    _check_reads_as_written([Span("حُدّث بنقاط من إرشادات أخرى. "), link], "ar", 120, link.text)
    spans = [Span("زوروا "), link_span("https://example.org/wadi-al-amal/nsp"), Span("، 2020 للمزيد")]
    _check_reads_as_written(spans, "ar", 10_000, "example.org/wadi-al-amal/nsp")
    text = "".join(span.text for span in spans)
    placed = _placed(layout_paragraph(spans, _style("ar"), 10_000), text)
    assert placed[text.index("2020")].x < placed[text.index("example")].x
    # A web address with Arabic in it reads left to right as a whole, its Arabic in its own order.
    spans = [Span("زوروا "), link_span("https://example.org/وادي-الأمل/nsp"), Span(" للمزيد")]
    _check_reads_as_written(spans, "ar", 10_000, "example.org/")
    _check_reads_as_written(spans, "ar", 10_000, "/nsp")
    text = "".join(span.text for span in spans)
    placed = _placed(layout_paragraph(spans, _style("ar"), 10_000), text)
    x = [placed[text.index(word)].x for word in ("example", "وادي", "الأمل", "nsp")]
    assert x[0] < x[2] < x[1] < x[3], x


def _drawn_chunks(path: Path) -> list[tuple[str, float, float]]:
    """Every chunk of text pypdf finds on every page, in stream order, with where it starts."""
    chunks: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            chunks.append((text, tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

    for page in pypdf.PdfReader(path).pages:
        page.extract_text(visitor_text=visit)
    return chunks


def test_arabic_leaflet_draws_and_extracts_white_3d_research(tmp_path: Path) -> None:
    request = BuildRequest(
        sets=("general",),
        services=EXAMPLES / "wadi-al-amal.ar.yaml",
        out=tmp_path,
        languages=("ar",),
        formats=("a4",),
        modes=("bw",),
    )
    (item,) = build(request)
    assert "White (3D Research)" in pdf_text(item.path)
    poppler = poppler_text(item.path)
    assert poppler is None or "White (3D Research)" in normalise(poppler)
    # On the page: each left-to-right glyph of a right-to-left line is a chunk of its own
    # (draw.py), written in logical order; the name and its brackets must run left to right.
    chunks = _drawn_chunks(item.path)
    wanted = list("White(3DResearch)")
    for start in range(len(chunks) - len(wanted) + 1):
        if [text for text, _, _ in chunks[start : start + len(wanted)]] == wanted:
            found = chunks[start : start + len(wanted)]
            break
    else:
        pytest.fail("the glyphs of 'White (3D Research)' are not drawn in logical order")
    assert len({round(y, 1) for _, _, y in found}) == 1, found
    xs = [x for _, x, _ in found]
    assert xs == sorted(xs), found


# python-bidi's Rust backend (the unicode-bidi crate) implements UAX #9 in full but only
# returns display strings (characters in visual order, not mirrored): the levels computed
# here must give the same order.
_LETTERS = "سلامكوفيد abcXY"
_NUMBERS = "0123٠١٢۱۲"
_OTHERS = "  .,:-/،«»%+\u064b"


def _display(text: str, levels: list[int]) -> str:
    return "".join(visual_order(list(text), levels))


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=_LETTERS + _NUMBERS + _OTHERS + "()[]", min_size=1, max_size=30), rtl=st.booleans()
)
def test_levels_order_text_as_unicode_bidi_does(text: str, rtl: bool) -> None:
    """Bracket pairs (rule N0) included: python-bidi's Python algorithm, which gives the levels,
    lacks it."""
    text = text.strip()
    assume(text and needs_bidi(text, rtl))
    expected = get_display(text, base_dir="R" if rtl else "L")
    assert _display(text, embedding_levels(text, rtl)).strip() == expected.strip()


_ALL = _LETTERS + _NUMBERS + _OTHERS
# Spans as isolates are checked against LRI…PDI for what reads the same either way: spans with
# no right-to-left letter or Arabic-Indic digit (a phone number in Arabic-Indic digits reads as
# written, where between LRI and PDI its groups would swap), and single words with
# right-to-left letters (web addresses).  Spans with spaces and right-to-left letters (opening
# hours with the days) are `test_opening_hours_read_left_to_right`'s.
_LATIN_SPANS = st.text(alphabet=[c for c in _ALL if not "\u0600" <= c <= "\u06ff"] + list("()[]"), min_size=1)
_WORDS = st.text(alphabet=[c for c in _ALL if not c.isspace()] + list("()[]"), min_size=1).filter(
    lambda word: any("\u0620" <= char <= "\u064a" for char in word)
)


@settings(max_examples=400, deadline=None)
@given(
    before=st.text(alphabet=_ALL, max_size=12),
    inside=st.one_of(_LATIN_SPANS, _WORDS),
    after=st.text(alphabet=_ALL, max_size=12),
)
def test_ltr_spans_are_isolates_as_lri_and_pdi_make_them(before: str, inside: str, after: str) -> None:
    """Outside brackets are left out: unicode-bidi resolves a bracket pair after an isolate
    without the strong text before the isolate, which UAX #9's rule N0 looks back to."""
    inside = inside.strip()
    assume(inside)
    text = f"{before} {inside} {after}"
    start = len(before) + 1
    ours = _display(text, embedding_levels(text, True, [(start, start + len(inside))]))
    marked = f"{before} \u2066{inside}\u2069 {after}"
    expected = get_display(marked, base_dir="R").replace("\u2066", "").replace("\u2069", "")
    assert ours.strip() == expected.strip()


@pytest.mark.parametrize(
    "text",
    [
        "Call 999",
        "Привет, мир",
        "Ωμέγα",
        "\u058f",  # the last character before Hebrew (Armenian dram sign)
        "a\u05d0",  # Hebrew alef
        "\u07c0\u07ca",  # NKo
        "x\ufb1d",  # a Hebrew presentation form
        "\u0800",  # Samaritan
        "\U00010800",  # Cypriot
        "\U0001e900",  # Adlam
    ],
)
def test_has_rtl_letters_agrees_with_unicode(text: str) -> None:
    """`has_rtl_letters` skips the character lookup for text below U+0590; its answer is
    Unicode's on both sides of that line (Hebrew, NKo, Samaritan, presentation forms, Adlam)."""
    assert has_rtl_letters(text) == any(unicodedata.bidirectional(char) in ("R", "AL") for char in text)


def test_no_right_to_left_letter_comes_before_hebrew() -> None:
    """What the quick path in `has_rtl_letters` relies on, checked against this Python's Unicode."""
    assert not any(unicodedata.bidirectional(chr(point)) in ("R", "AL") for point in range(0x590))
    assert has_rtl_letters("\u05d0")
