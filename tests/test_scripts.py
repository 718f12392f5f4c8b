"""World scripts: shaping, right-to-left layout, fallback, coverage, and text that extracts as written."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from hrleaflet.errors import RenderError
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.paths import translations_dir
from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, build
from hrleaflet.render.text.bidi import visual_order
from hrleaflet.render.text.fonts import families_for
from hrleaflet.render.text.layout import layout_paragraph
from hrleaflet.render.text.shaping import shape
from hrleaflet.render.text.style import Span, TextStyle

from .conftest import YAML_EXAMPLE, squash, text_x

WORLD_SCRIPTS = ["ar", "fa", "hi", "ne", "bn", "th"]
RTL = {"ar", "fa"}


@pytest.fixture(scope="module")
def world_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[BuiltLeaflet]]:
    out = tmp_path_factory.mktemp("world")
    built: dict[str, list[BuiltLeaflet]] = {}
    for code in WORLD_SCRIPTS:
        request = BuildRequest(
            sets=("all",), services=YAML_EXAMPLE, out=out, languages=(code,), modes=("bw",)
        )
        built[code] = build(request)
    return built


def _pypdf_text(path: Path) -> str:
    return " ".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)


def _translated(code: str, set_id: str) -> list[tuple[str, str]]:
    catalog = read_catalog(translations_dir() / f"{code}.po")
    return [(m.context, str(m.string)) for m in catalog if m.id and m.context.startswith(f"{set_id}/")]


@pytest.mark.parametrize("code", WORLD_SCRIPTS)
def test_pypdf_extracts_every_string_exactly(world_build: dict[str, list[BuiltLeaflet]], code: str) -> None:
    assert len(world_build[code]) == 4
    for item in world_build[code]:
        text = squash(_pypdf_text(item.path))
        for context, value in _translated(code, item.set_id):
            assert squash(value) in text, (code, context)


@pytest.mark.parametrize("code", WORLD_SCRIPTS)
def test_poppler_extracts_every_string(world_build: dict[str, list[BuiltLeaflet]], code: str) -> None:
    """Exact for left-to-right scripts; for Arabic and Persian every word, letters and marks intact.

    poppler rebuilds right-to-left lines with its own bidi heuristics, which can move a
    hyphen or stop across a number ("كوفيد-19"); the words themselves must all be there.
    """
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils (pdftotext) is not installed")
    for item in world_build[code]:
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(item.path), "-"], capture_output=True, text=True
        )
        text = squash(result.stdout)
        for context, value in _translated(code, item.set_id):
            if code in RTL:
                for word in re.findall(r"[^\W\d_]+", value):  # runs of letters and marks
                    assert word in text, (code, context, word)
            else:
                assert squash(value) in text, (code, context)


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
    nepali = squash(_pypdf_text(world_build["ne"][0].path))
    assert "१" in nepali and "२०२६" in nepali  # tip numbers and the review date in Devanagari digits
    persian = squash(_pypdf_text(world_build["fa"][0].path))
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


def test_a_character_no_font_covers_fails_with_its_code_point(tmp_path: Path) -> None:
    services = tmp_path / "services.yaml"
    services.write_text(
        YAML_EXAMPLE.read_text(encoding="utf-8").replace("Testville Needle", "\u13a0\u13cd Testville Needle"),
        encoding="utf-8",
    )
    with pytest.raises(RenderError) as excinfo:
        build(BuildRequest(sets=("general",), services=services, out=tmp_path / "out", modes=("bw",)))
    message = str(excinfo.value)
    assert "en: services[1].name" in message
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
