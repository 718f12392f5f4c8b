"""The fourteen scripts (issue 16): each one shaped, broken into lines and set as its readers
expect, with the fonts found where they live.

Extraction (pypdf and poppler, every string exactly) is `test_scripts.py`'s, over the same
languages; sizes are checked in `test_readers.py`, on the leaflets it builds anyway.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pypdfium2
import pytest
from icu4py.breakers import LineBreaker, WordBreaker
from PIL import Image, ImageChops
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.paths import translations_dir
from hrleaflet.render.text.flowable import TextBlock
from hrleaflet.render.text.fonts import families_for, locale_script
from hrleaflet.render.text.layout import Layout, layout_paragraph
from hrleaflet.render.text.shaping import shape
from hrleaflet.render.text.style import Span, TextStyle
from hrleaflet.render.text.system_fonts import FONT_DIRS_ENV

from .conftest import YAML_EXAMPLE

runner = CliRunner()

# One language a script, the script as CLDR names it, and the family it must be set in.
SCRIPTS = {
    "ru": ("Cyrl", "Noto Sans"),
    "el": ("Grek", "Noto Sans"),
    "vi": ("Latn", "Noto Sans"),
    "ar": ("Arab", "Noto Sans Arabic"),
    "ur": ("Arab", "Noto Sans Arabic"),  # Naskh; Nastaliq with --font-dir (below)
    "hi": ("Deva", "Noto Sans Devanagari"),
    "bn": ("Beng", "Hind Siliguri"),
    "th": ("Thai", "Noto Sans Thai"),
    "ka": ("Geor", "Noto Sans Georgian"),
    "hy": ("Armn", "Noto Sans Armenian"),
    "zh_Hans": ("Hans", "Noto Sans CJK SC"),
    "my": ("Mymr", "Noto Sans Myanmar"),
    "km": ("Khmr", "Noto Sans Khmer"),
    "ta": ("Taml", "Noto Sans Tamil"),
    "am": ("Ethi", "Noto Sans Ethiopic"),
}
RTL = {"ar", "ur"}

# A word each, and the glyphs HarfBuzz must give for it (glyph names of the font): the
# script's own shaping at work (reordering, conjuncts, contextual forms, marks).
SHAPED = {
    # Each letter its glyph (a font without the script would give .notdef).
    "ru": ("Привет", ["uni041F", "uni0440", "uni0438", "uni0432", "uni0435", "uni0442"]),
    "el": ("Ελληνικά", ["Epsilon", "lambda", "lambda", "eta", "nu", "iota", "kappa", "alphatonos"]),
    "ka": ("ქართული", ["uni10E5", "uni10D0", "uni10E0", "uni10D7", "uni10E3", "uni10DA", "uni10D8"]),
    "hy": ("Հայերեն", ["uni0540", "uni0561", "uni0575", "uni0565", "uni0580", "uni0565", "uni0576"]),
    # u + horn + grave: the precomposed letter's own glyph.
    "vi": ("Người", ["N", "g", "uhorn", "uni1EDD", "i"]),
    # Lam-alef: one ligature in visual order, right-to-left.
    "ar": ("لا", ["uni0627.fina.rlig", "uni0644.init.rlig"]),
    # Three characters, one conjunct glyph.
    "hi": ("क्ष", ["uni0915094D0937"]),
    "bn": ("ক্ষ", ["bnK_SSA"]),
    # The tone mark over a tall vowel takes its small form.
    "th": ("ที่", ["uni0E17", "uni0E35", "uni0E48.small"]),
    # Medial ra is drawn before the consonant it follows in the text.
    "my": ("မြန်မာ", ["medial_ra", "ma", "na", "asat", "ma", "_aa"]),
    # Coeng ro (subscript ro) goes before its base, as one glyph.
    "km": ("ស្រី", ["uni17D2179A", "uni179F", "uni17B8"]),
    # The two-part vowel of கொ splits around the consonant.
    "ta": ("கொடு", ["evowelsigntamil", "katamil", "aavowelsigntamil", "ttauvowelsigntamil"]),
    # One glyph a syllable.
    "am": ("ሰላም", ["sa.eth", "laa.eth", "me.eth"]),
}


def _style(code: str, keep_whole: tuple[str, ...] = (), font_dirs: tuple[Path, ...] = ()) -> TextStyle:
    return TextStyle(
        size=10,
        colour=(0, 0, 0),
        families=families_for(code, font_dirs),
        locale=code,
        rtl=code in RTL,
        keep_whole=keep_whole,
    )


@pytest.mark.parametrize("code", sorted(SCRIPTS))
def test_each_script_is_set_in_its_own_family(code: str) -> None:
    script, family = SCRIPTS[code]
    assert locale_script(code) == script
    assert families_for(code)[0].name == family


@pytest.mark.parametrize("code", sorted(SHAPED))
def test_a_known_word_is_shaped_into_the_scripts_glyphs(code: str) -> None:
    word, glyphs = SHAPED[code]
    face = families_for(code)[0].regular
    run = shape(face, 10, word, rtl=code in RTL)
    assert [face.hb_font.glyph_to_string(g.gid) for g in run.glyphs] == glyphs
    assert sorted("".join(g.text for g in run.glyphs)) == sorted(word)  # each character once


def test_chinese_is_shaped_from_the_simplified_face_of_the_collection() -> None:
    face = families_for("zh_Hans")[0].regular
    assert face.path.suffix == ".ttc"
    assert face.hb_face.get_name(5) is not None  # a real face of the collection was opened
    run = shape(face, 10, "你好，世界", rtl=False)
    assert len(run.glyphs) == 5 and all(g.gid for g in run.glyphs)


@pytest.fixture(scope="module")
def nastaliq(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ...]:
    """A --font-dir with the system's Noto Nastaliq Urdu (fonts-noto-core), as a network adds it."""
    from hrleaflet.render.text.system_fonts import font_dirs

    found = [
        path
        for folder in font_dirs()
        if folder.is_dir()
        for path in folder.rglob("NotoNastaliqUrdu-*.ttf")
        if path.stem.endswith(("Regular", "Bold"))
    ]
    if not found:
        pytest.skip("Noto Nastaliq Urdu is not installed (Debian: fonts-noto-core)")
    folder = tmp_path_factory.mktemp("nastaliq")
    for name, path in {path.name: path for path in reversed(found)}.items():
        (folder / name).symlink_to(path)
    return (folder,)


def test_nastaliq_words_climb_as_nastaliq_is_written(nastaliq: tuple[Path, ...]) -> None:
    """Urdu in Nastaliq: letters of a word sit at different heights (cursive attachment)."""
    family = families_for("ur", nastaliq)[0]
    assert "Nastaliq" in family.name
    face = family.regular
    run = shape(face, 10, "پاکستان", rtl=True)
    assert len({round(g.y, 1) for g in run.glyphs}) > 2


# ---- line breaking


CHINESE = (
    "如果有人用药过量，请马上拨打急救电话（120）。给予纳洛酮，让他们侧卧，并陪在他们身边。"
    "不要独自用药：「有人陪伴」能救命。使用新的针具、注射器和吸管，不与他人共用。"
)
NO_LINE_START = set("，。、」）：；！？")
NO_LINE_END = set("「（")


def _lines(code: str, text: str, width: float, keep_whole: tuple[str, ...] = ()) -> list[str]:
    return [line.text for line in layout_paragraph([Span(text)], _style(code, keep_whole), width).lines]


@pytest.mark.parametrize("width", range(60, 260, 7))  # a column is never narrower
def test_chinese_lines_follow_the_usual_rules(width: int) -> None:
    lines = _lines("zh_Hans", CHINESE, width)
    assert "".join(lines) == CHINESE
    assert len(lines) > 1
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, (width, lines)
    for line in lines[:-1]:
        assert line[-1] not in NO_LINE_END, (width, lines)


def _catalog_text(code: str, context: str) -> str:
    return str(read_catalog(translations_dir() / f"{code}.po").get(_msgid(context), context=context).string)


def _msgid(context: str) -> str:
    return str(next(m.id for m in read_catalog(translations_dir() / "hrleaflet.pot") if m.context == context))


@pytest.mark.parametrize("code", ["my", "km", "zh_Hans", "th"])
def test_lines_without_spaces_break_only_where_icu_allows_never_inside_a_keep_whole_word(code: str) -> None:
    """Burmese, Khmer, Chinese and Thai have no spaces between words: lines break where ICU
    allows (Burmese, Khmer and Thai at its dictionary's word boundaries), and never inside a
    word the language file keeps whole."""
    text = _catalog_text(code, "opioids/carry-naloxone/body") + _catalog_text(code, "general/intro")
    allowed = {end for _start, end in LineBreaker(text, code).segments()}
    words = {end for _start, end in WordBreaker(text, code).segments()}
    kept = str(
        read_catalog(translations_dir() / f"{code}.po")
        .get(_msgid("language/keep-whole"), "language/keep-whole")
        .string
    ).split()
    assert kept, f"{code}.po lists no keep-whole words"
    inside = {
        at
        for term in kept
        for found in _occurrences(text, term)
        for at in range(found + 1, found + len(term))
    }
    for width in range(60, 300, 11):
        position = 0
        lines = _lines(code, text, width, tuple(kept))
        for line in lines[:-1]:
            position += len(line)
            while position < len(text) and text[position].isspace():
                position += 1  # the space a line broke at is not printed
            assert position in allowed, (code, width, line)
            if code != "zh_Hans":  # Chinese breaks between any two ideographs, words or not
                assert position in words, (code, width, line)
            assert position not in inside, (code, width, line)


def _occurrences(text: str, term: str) -> list[int]:
    found, start = [], text.find(term)
    while start >= 0:
        found.append(start)
        start = text.find(term, start + 1)
    return found


# ---- line height: ink never collides


def _line_masks(code: str, text: str, font_dirs: tuple[Path, ...] = ()) -> list[Image.Image]:
    """Each line of a paragraph drawn alone on its own page, where it stands in the
    paragraph, rendered by pdfium: the ink of each line as a black-and-white mask."""
    width = 160
    style = _style(code, font_dirs=font_dirs)
    laid = layout_paragraph([Span(text)], style, width)
    assert len(laid.lines) >= 3
    height = laid.height + 20
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width + 20, height))
    for number, line in enumerate(laid.lines):
        block = TextBlock([Span(text)], style, Layout((line,), laid.line_height, laid.ascent))
        block.wrap(width, height)
        block.drawOn(canvas, 10, height - 10 - (number + 1) * laid.line_height)
        canvas.showPage()
    canvas.save()
    masks = []
    for page in pypdfium2.PdfDocument(buffer.getvalue()):
        grey = page.render(scale=6).to_pil().convert("L")
        masks.append(grey.point(lambda v: 255 if v < 200 else 0))
    return masks


INKY = {
    # Nastaliq: deep descents and high dots, far beyond its font's line metrics.
    "ur": "ہر بار نئی سوئی اور سرنج استعمال کریں۔ دوسروں کے ساتھ شیئر نہ کریں۔ اگر کسی کو زیادہ"
    " مقدار ہو جائے تو فوراً ایمبولینس کو بلائیں اور نالوکسون دیں۔",
    # Vietnamese capitals with stacked marks over descenders.
    "vi": "Ỗ Ẫ Ễ Ộ Ặ Ệ Ỗ ỹ gỵp qụy Ỗ Ẫ Ễ Ộ ỵ ỹ gỵp Ỗ Ẫ Ễ Ộ ỵ ỹ gỵp Ỗ Ẫ Ễ Ộ ỵ ỹ gỵp Ỗ Ẫ Ễ Ộ",
    "ar": "تنفّس بطيء أو متوقف، صوت شخير أو قرقرة، حدقتان صغيرتان جدًا، وجسم مرتخٍ. قد تصبح"
    " الشفتان والأظافر زرقاء أو رمادية",
    "my": "ဆေးလွန်ကဲမှု ဖြစ်ပါက နာလော့ဇုန်း ပေးပါ။ အရေးပေါ်ဖုန်း ခေါ်ပါ။ ဘေးတစ်စောင်း ထားပါ။ ဆေးလွန်ကဲမှု ဖြစ်ပါက နာလော့ဇုန်း ပေးပါ။",
}


@pytest.mark.parametrize("code", sorted(INKY))
def test_no_lines_ink_touches_the_next_lines(code: str, request: pytest.FixtureRequest) -> None:
    # Urdu in Nastaliq (added with --font-dir), whose ink reaches far past its line metrics.
    font_dirs = request.getfixturevalue("nastaliq") if code == "ur" else ()
    masks = _line_masks(code, INKY[code], font_dirs)
    for upper, lower in itertools.pairwise(masks):
        assert ImageChops.multiply(upper, lower).getbbox() is None, code


# ---- fonts from the system, and what happens without them


def test_a_missing_system_font_is_named_with_its_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without the system's fonts, Georgian cannot print: one paragraph says which font and
    which package, per language, not one line per string."""
    import hrleaflet.render.text.fonts as fonts

    monkeypatch.setenv(FONT_DIRS_ENV, "")
    fonts.font_families.cache_clear()
    fonts._system_families.cache_clear()
    try:
        result = runner.invoke(
            app, ["build", "general", "-s", str(YAML_EXAMPLE), "--lang", "ka", "-o", str(tmp_path)]
        )
    finally:
        monkeypatch.delenv(FONT_DIRS_ENV)
        fonts.font_families.cache_clear()
        fonts._system_families.cache_clear()
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert "ka (ქართული)" in message and "Noto Sans Georgian" in message
    assert "U+10" in message and "'fonts-noto-core' package" in message and "--font-dir" in message
    assert message.count("ka (ქართული)") == 1
    assert not list(tmp_path.glob("*.pdf"))


def test_urdu_is_naskh_unless_a_network_adds_nastaliq(nastaliq: tuple[Path, ...]) -> None:
    assert families_for("ur")[0].name == "Noto Sans Arabic"
    first = families_for("ur", nastaliq)[0]
    assert "Nastaliq" in first.name
    assert first.covers("ک") and not first.covers("7") and not first.covers("S")


def test_shipped_families_are_read_from_their_packages_without_a_search(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Each shipped family is the one fontpkg's own search finds, read from its package's
    metadata without reading every installed distribution's entry points (twice, in every
    process that draws)."""
    import fontpkg
    import fontpkg._registry as registry

    from hrleaflet.render.text.fonts import SHIPPED_FAMILIES, installed_family

    found = {name: fontpkg.family(name) for name in SHIPPED_FAMILIES}
    searched: list[str] = []
    monkeypatch.setattr(registry, "_cache", None)
    monkeypatch.setattr(registry, "entry_points", lambda group: searched.append(group) or ())
    for name in SHIPPED_FAMILIES:
        assert installed_family(name) == found[name]
    assert searched == []


def test_cff_collection_faces_are_embedded_as_truetype_copies() -> None:
    """ReportLab embeds TrueType outlines: the CJK collection's face becomes a cached copy
    with the same glyph order, so HarfBuzz's glyph ids from the original are the copy's."""
    from fontTools.ttLib import TTFont

    face = families_for("zh_Hans")[0].regular
    embedded = Path(face.reportlab.face.filename)
    assert embedded.suffix == ".ttf" and embedded != face.path
    with TTFont(embedded, lazy=True) as copy, TTFont(face.path, fontNumber=face.index, lazy=True) as original:
        assert "glyf" in copy and "CFF " not in copy
        assert copy["maxp"].numGlyphs == original["maxp"].numGlyphs
        for gid in (1, 100, 10_000, 40_000):  # the same glyph at the same id: same advance
            name, source = copy.getGlyphOrder()[gid], original.getGlyphOrder()[gid]
            assert copy["hmtx"][name][0] == original["hmtx"][source][0]


def test_the_copys_glyphs_are_those_fontTools_pens_make() -> None:
    """The copy converts each glyph without fontTools' chain of pens (Cu2QuPen reversing into
    TTGlyphPen), for speed: every point, flag and contour must be what that chain makes."""
    import uharfbuzz as hb
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    from hrleaflet.render.text.quadratic import QuadraticGlyphPen

    face = families_for("zh_Hans")[0].bold  # Latin, kana and Han; lines, curves and anchors
    outlines = hb.Font(hb.Face(hb.Blob.from_file_path(str(face.path)), face.index))
    for gid in range(0, 65_535, 97):
        ours, theirs = QuadraticGlyphPen(1.0), TTGlyphPen(None)
        outlines.draw_glyph_with_pen(gid, ours)
        outlines.draw_glyph_with_pen(gid, Cu2QuPen(theirs, 1.0, reverse_direction=True))
        made, expected = ours.glyph(), theirs.glyph()
        assert list(made.coordinates) == list(expected.coordinates), gid
        assert (list(made.flags), made.endPtsOfContours) == (list(expected.flags), expected.endPtsOfContours)


def test_translations_status_shows_script_and_font() -> None:
    result = runner.invoke(app, ["translations", "status"], env={"COLUMNS": "220"})
    assert result.exit_code == 0
    rows = {
        line.split()[0]: line for line in result.stdout.splitlines() if "draft" in line or "reviewed" in line
    }
    assert "Georgian" in rows["ka"] and "Noto Sans Georgian" in rows["ka"]
    assert "Han (Simplified)" in rows["zh_Hans"] and "Noto Sans CJK SC" in rows["zh_Hans"]
    assert "Noto Sans Arabic" in rows["ur"]


def test_numbers_and_latin_in_urdu_keep_their_spaces(nastaliq: tuple[Path, ...]) -> None:
    """Nastaliq sets Urdu's own letters; a phone number or an English address among them keeps
    a face whose spaces have width ("+44 1632 960130", not "+441632960130")."""
    style = _style("ur", font_dirs=nastaliq)
    laid = layout_paragraph([Span("فون +44 1632 960130 اور پتہ 18 Station Road")], style, 400)
    spaces = [g for line in laid.lines for p in line.pieces for g in p.run.glyphs if g.text == " "]
    assert len(spaces) == 8
    # Two inside the number and one after it, one after "18", one inside the address
    # (Nastaliq's own spaces, after an Urdu word, are narrower by design).
    assert sum(g.advance > 2.5 for g in spaces) == 5, [round(g.advance, 2) for g in spaces]
    digits = [p.face.path.name for line in laid.lines for p in line.pieces if p.text.strip().isdigit()]
    assert digits and not any("Nastaliq" in name for name in digits)
