"""World scripts: shaping, right-to-left layout, fallback, coverage, and text that extracts as written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrleaflet.content.guidance import available_sets
from hrleaflet.content.services import load_services
from hrleaflet.errors import RenderError
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, build
from hrleaflet.render.text.bidi import visual_order
from hrleaflet.render.text.fonts import families_for
from hrleaflet.render.text.layout import layout_paragraph
from hrleaflet.render.text.reading_order import actual_text_order, page_reads_rtl, reader_class
from hrleaflet.render.text.shaping import shape
from hrleaflet.render.text.style import Span, TextStyle

from .conftest import EXAMPLES, YAML_EXAMPLE, pdf_text, poppler_text, squash, text_x

WORLD_SCRIPTS = [
    *("ar", "fa", "hi", "ne", "bn", "th"),
    # issue 16's scripts: Urdu (Nastaliq), Han, Myanmar, Khmer, Tamil, Ethiopic, Georgian,
    # Armenian, Greek, and Vietnamese's stacked marks
    *("ur", "zh_Hans", "my", "km", "ta", "am", "ka", "hy", "el", "vi"),
]
RTL = {"ar", "fa", "ur"}
# A network writes its services in its own language: the Arabic and Persian leaflets list
# the examples written in those languages.
LOCAL_SERVICES = {
    "ar": EXAMPLES / "wadi-al-amal.ar.yaml",
    "fa": EXAMPLES / "shahr-e-omid.fa.yaml",
    "ur": EXAMPLES / "umeed-nagar.ur.yaml",
}


def _services(code: str) -> Path:
    return LOCAL_SERVICES.get(code, YAML_EXAMPLE)


@pytest.fixture(scope="module")
def world_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[BuiltLeaflet]]:
    out = tmp_path_factory.mktemp("world")
    built: dict[str, list[BuiltLeaflet]] = {}
    for code in WORLD_SCRIPTS:
        request = BuildRequest(
            sets=("all",), services=_services(code), out=out, languages=(code,), modes=("bw",)
        )
        built[code] = build(request)
    return built


def _service_strings(path: Path) -> list[str]:
    services = load_services(path)
    found = [services.locality]
    for service in services.services:
        found += [service.name, *(v for v in (service.address, service.hours, service.notes) if v)]
    return found


def _poppler_text(path: Path) -> str | None:
    """pdftotext's text, squashed; None when poppler is not installed."""
    text = poppler_text(path)
    return None if text is None else squash(text)


def _translated(code: str, set_id: str) -> list[tuple[str, str]]:
    catalog = read_catalog(translations_dir() / f"{code}.po")
    return [(m.context, str(m.string)) for m in catalog if m.id and m.context.startswith(f"{set_id}/")]


@pytest.mark.parametrize("code", WORLD_SCRIPTS)
def test_pypdf_extracts_every_string_exactly(world_build: dict[str, list[BuiltLeaflet]], code: str) -> None:
    assert len(world_build[code]) == len(available_sets(guidance_dir()))
    for item in world_build[code]:
        text = squash(pdf_text(item.path))
        for context, value in _translated(code, item.set_id):
            assert squash(value) in text, (code, context)


@pytest.mark.parametrize("code", WORLD_SCRIPTS)
def test_poppler_extracts_every_string_exactly(world_build: dict[str, list[BuiltLeaflet]], code: str) -> None:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    for item in world_build[code]:
        text = _poppler_text(item.path)
        assert text is not None
        for context, value in _translated(code, item.set_id):
            assert squash(value) in text, (code, context)


@pytest.mark.parametrize("code", sorted(RTL))
def test_local_services_extract_exactly(world_build: dict[str, list[BuiltLeaflet]], code: str) -> None:
    item = next(i for i in world_build[code] if i.set_id == "general")
    poppler = _poppler_text(item.path)
    stream = squash(pdf_text(item.path))
    for value in _service_strings(_services(code)):
        assert squash(value) in stream, value
        assert poppler is None or squash(value) in poppler, value


def test_arabic_leaflet_with_english_services_keeps_every_word(tmp_path: Path) -> None:
    """A page of mostly Latin text (English services) makes poppler read the whole page left to
    right; its scan then moves some neutral characters (brackets, quotation marks, the number
    badge beside a headline) across a run, but every word keeps its letters and marks."""
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    request = BuildRequest(
        sets=("general",), services=YAML_EXAMPLE, out=tmp_path, languages=("ar",), modes=("bw",)
    )
    (item,) = build(request)
    text = _poppler_text(item.path)
    assert text is not None
    stream = squash(pdf_text(item.path))
    for context, value in _translated("ar", "general"):
        assert squash(value) in stream, context
        for word in re.findall(r"[^\W\d_]+", value):  # runs of letters and marks
            assert word in text, (context, word)


@pytest.mark.parametrize("code", WORLD_SCRIPTS)
def test_every_font_is_embedded_and_subset(world_build: dict[str, list[BuiltLeaflet]], code: str) -> None:
    item = world_build[code][0]
    for page in pypdf.PdfReader(item.path).pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), font["/BaseFont"]
            assert "+" in str(font["/BaseFont"])
    if shutil.which("pdffonts"):
        rows = subprocess.run(
            ["pdffonts", str(item.path)], capture_output=True, text=True
        ).stdout.splitlines()[2:]
        assert rows and all(" yes yes yes " in row for row in rows), rows


def test_arabic_leaflet_is_mirrored(
    world_build: dict[str, list[BuiltLeaflet]], english_build: list[BuiltLeaflet]
) -> None:
    arabic = next(i for i in world_build["ar"] if i.set_id == "opioids")
    catalog = read_catalog(translations_dir() / "ar.po")
    headline = next(str(m.string) for m in catalog if m.context == "opioids/not-alone/headline")
    width = float(pypdf.PdfReader(arabic.path).pages[0].mediabox.width)
    assert text_x(arabic.path, headline.split()[0]) > width / 2
    english = next(i for i in english_build if i.set_id == "opioids" and i.format == "a4")
    assert text_x(english.path, "Do") < width / 2  # "Do not use alone"


def test_local_digits_for_tip_numbers_and_dates(world_build: dict[str, list[BuiltLeaflet]]) -> None:
    nepali = squash(pdf_text(world_build["ne"][0].path))
    assert "१" in nepali and "२०२६" in nepali  # tip numbers and the review date in Devanagari digits
    persian = squash(pdf_text(world_build["fa"][0].path))
    assert "۲۰۲۶" in persian


def test_complex_scripts_are_really_shaped() -> None:
    devanagari = families_for("hi")[0].regular
    conjunct = shape(devanagari, 10, "क्ष", rtl=False)
    assert len(conjunct.glyphs) < 3  # three characters, one or two glyphs
    assert "".join(g.text for g in conjunct.glyphs) == "क्ष"
    arabic = families_for("ar")[0].regular
    word = shape(arabic, 10, "سلام", rtl=True)
    isolated = [shape(arabic, 10, ch, rtl=True).glyphs[0].gid for ch in "سلام"]
    assert [g.gid for g in word.glyphs] != list(reversed(isolated))  # joined forms, not isolated letters


@pytest.mark.parametrize(
    ("language", "text", "rtl"),
    [
        ("en", "Naloxone, 24/7: +44 20 7946 0000", False),
        ("ar", "لا تستخدم بمفردك", True),
        ("hi", "क्षमा करें", False),
    ],
)
def test_a_runs_width_is_where_its_glyphs_end(language: str, text: str, rtl: bool) -> None:
    """Lines are broken on a run's width, worked out before (and apart from) its glyphs: the two
    must agree to the last bit, or a line's drawn glyphs would not end where it was measured."""
    face = families_for(language)[0].regular
    for size in (7.5, 9.25, 13):
        run = shape(face, size, text, rtl)
        pen = 0.0
        for glyph in run.glyphs:  # the pen moves by each advance in drawing order, as a reader's does
            pen += glyph.advance
        assert run.width == pen
        assert len(run.glyphs) >= len(text.split())


def test_thai_lines_break_only_between_words() -> None:
    words = ["ล้าง", "มือ", "ด้วย", "สบู่", "และ", "น้ำ", "อย่าง", "น้อย", "ทุก", "ครั้ง", "หลัง", "จาก", "จับ", "เงิน"]
    sentence = "".join(words)
    boundaries = {0}
    for word in words:
        boundaries.add(max(boundaries) + len(word))
    style = TextStyle(size=10, colour=(0, 0, 0), families=families_for("th"), locale="th")
    for width in (40, 55, 70, 90, 120):
        laid = layout_paragraph([Span(sentence)], style, width)
        assert len(laid.lines) > 1
        position = 0
        for line in laid.lines:
            assert position in boundaries, (width, line.text)
            assert sentence[position : position + len(line.text)] == line.text
            position += len(line.text)
        assert position == len(sentence)


def test_bidi_visual_order_reverses_right_to_left_runs() -> None:
    # Arabic words (level 1) with a number inside (level 2): the number keeps its own order.
    assert visual_order(["A1", "A2", "20", "A3"], [1, 1, 2, 1]) == ["A3", "20", "A2", "A1"]
    assert visual_order(["a", "b"], [0, 0]) == ["a", "b"]


def test_latin_phone_number_inside_arabic_stays_in_order(tmp_path: Path) -> None:
    style = TextStyle(size=10, colour=(0, 0, 0), families=families_for("ar"), locale="ar", rtl=True)
    spans = [Span("اتصل على "), Span("+44 1632 960101", ltr=True), Span(" الآن")]
    laid = layout_paragraph(spans, style, 500)
    (line,) = laid.lines
    visual = "".join(line.pieces[i].text for i in line.visual)
    assert "+44 1632 960101" in visual.replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("example", "name"),
    [("testville.yaml", "Testville Needle"), ("riverside.csv", "Riverside Syringe Services")],
)
def test_a_character_no_font_covers_fails_with_its_code_point_file_and_line(
    tmp_path: Path, example: str, name: str
) -> None:
    services = tmp_path / example
    text = (EXAMPLES / example).read_text(encoding="utf-8")
    assert name in text
    services.write_text(text.replace(name, "\u13a0\u13cd " + name), encoding="utf-8")
    line = 1 + text[: text.index(name)].count("\n")
    with pytest.raises(RenderError) as excinfo:
        build(BuildRequest(sets=("general",), services=services, out=tmp_path / "out", modes=("bw",)))
    message = str(excinfo.value)
    assert f"{services}:{line}: en (English): services[1].name: no font has a glyph for" in message
    assert "U+13A0 CHEROKEE LETTER A" in message and "U+13CD CHEROKEE LETTER S" in message
    assert not (tmp_path / "out").exists()


def test_font_dir_fonts_are_searched_first(tmp_path: Path) -> None:
    import fontpkg

    fonts = tmp_path / "fonts"
    fonts.mkdir()
    shutil.copy(fontpkg.path("Hind Siliguri"), fonts / "Network-Regular.ttf")
    shutil.copy(fontpkg.path("Hind Siliguri", weight=700), fonts / "Network-Bold.ttf")
    request = BuildRequest(
        sets=("general",), services=YAML_EXAMPLE, out=tmp_path, modes=("bw",), font_dirs=(fonts,)
    )
    (item,) = build(request)
    names = {
        str(ref.get_object()["/BaseFont"])
        for page in pypdf.PdfReader(item.path).pages
        for ref in page["/Resources"]["/Font"].values()
    }
    assert any("HindSiliguri-Regular" in name for name in names), names
    assert any("HindSiliguri-Bold" in name for name in names), names


def _poppler_scan(visual: str, rtl_page: bool) -> str:
    """poppler's rebuilding of one line from its characters in left-to-right order, as its
    TextOutputDev describes it: alternate right-to-left and left-to-right sections."""
    kind = [reader_class(char) for char in visual]
    out: list[str] = []
    if rtl_page:
        i = len(visual) - 1
        while i >= 0:
            j = i
            while j >= 0 and kind[j] not in ("L", "#"):
                j -= 1
            out += reversed(visual[j + 1 : i + 1])
            i = j
            while j >= 0 and kind[j] != "R":
                j -= 1
            out += visual[j + 1 : i + 1]
            i = j
    else:
        i = 0
        while i < len(visual):
            j = i
            while j < len(visual) and kind[j] != "R":
                j += 1
            out += visual[i:j]
            i = j
            while j < len(visual) and kind[j] not in ("L", "#"):
                j += 1
            out += reversed(visual[i:j])
            i = j
    return "".join(out)


# Where no order helps: a neutral after Latin or digits, before right-to-left text or the end
# of the line, on a right-to-left page; the mirror image on a left-to-right page.
_IMPOSSIBLE = {True: re.compile(r"[L#]N+(R|$)"), False: re.compile(r"RN+([L#]|$)")}


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet="سلام كوفيد abc XY 19 ۲۰ -.،:()«»\u064b\u0651", max_size=40),
    rtl_page=st.booleans(),
)
def test_actual_text_order_reads_back_as_written(text: str, rtl_page: bool) -> None:
    kinds = "".join(reader_class(char) for char in text.replace(" ", ""))
    stored = "".join(text[i] for i in actual_text_order(text, rtl_page))
    assert sorted(stored) == sorted(text)
    if not _IMPOSSIBLE[rtl_page].search(kinds):  # a neutral poppler always moves (module docstring)
        assert squash(_poppler_scan(stored, rtl_page)) == squash(text)


def test_page_direction_follows_the_letters() -> None:
    assert page_reads_rtl(["مواد افیونی را با الکل", "(OST) 2020"])
    assert not page_reads_rtl(["مواد", "Testville Needle and Syringe Programme"])
    assert not page_reads_rtl(["१२३ ।", "12:30"])  # no strong letters: left to right, like poppler


def test_persian_a5_extracts_exactly_where_a_line_could_end_after_a_latin_title(tmp_path: Path) -> None:
    """On A5 a Persian attribution wraps near «… COVID19»: a line poppler could not read back
    if it ended right after the closing guillemet. Right-to-left paragraphs do not break there."""
    request = BuildRequest(
        sets=("general", "opioids"),
        services=LOCAL_SERVICES["fa"],
        out=tmp_path,
        languages=("fa",),
        formats=("a5",),
        modes=("colour",),
    )
    for item in build(request):
        stream = squash(pdf_text(item.path))
        poppler = _poppler_text(item.path)
        strings = [value for _, value in _translated("fa", item.set_id) if squash(value) in stream]
        assert any("«" in value for value in strings)  # the attribution is on the leaflet
        for value in strings:
            assert poppler is None or squash(value) in poppler, value
