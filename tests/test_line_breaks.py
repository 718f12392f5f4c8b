"""Where lines break: never beside a list's separator, never inside a language's keep-whole words."""

from __future__ import annotations

import io
import re
import shutil
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from reportlab.pdfgen.canvas import Canvas

from hrleaflet.content.models import EmergencyNumber, Service
from hrleaflet.content.services import load_services
from hrleaflet.content.vocabulary import SERVICE_KINDS
from hrleaflet.i18n import keep_whole
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.i18n.messages import KIND_WORDS, LEAFLET_WORDS
from hrleaflet.i18n.review import check
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.pipeline import BuildRequest, build
from hrleaflet.render.blocks import ServiceLines, emergency_block, service_block
from hrleaflet.render.styles import Styles, make_styles
from hrleaflet.render.text.flowable import TextBlock
from hrleaflet.render.text.fonts import families_for
from hrleaflet.render.text.layout import layout_paragraph
from hrleaflet.render.text.style import Span, separated
from hrleaflet.render.themes import BLACK_AND_WHITE, COLOUR

from .conftest import YAML_EXAMPLE, pdf_text, poppler_text, squash

WIDTHS = range(30, 420, 3)


def _styles(code: str, keep: tuple[str, ...] = ()) -> Styles:
    families = families_for(code)
    return make_styles(COLOUR, families, code, code == "ar", 10.0, keep_whole=keep)


def _assert_no_dangling_separator(lines: Sequence[str], where: object) -> None:
    for line in lines:
        assert not line.strip().startswith("·"), (where, lines)
        assert not line.strip().endswith("·"), (where, lines)


def _blocks(flowable: object) -> list[TextBlock]:
    """Every text block inside a table's cells or a service's lines, nested lists included."""
    if isinstance(flowable, TextBlock):
        return [flowable]
    if isinstance(flowable, list | tuple):
        return [block for item in flowable for block in _blocks(item)]
    if isinstance(flowable, ServiceLines):
        return _blocks(flowable.lines)
    cells = getattr(flowable, "_cellvalues", None)
    return _blocks([cell for row in cells for cell in row]) if cells else []


def _kind_words(code: str) -> dict[str, str]:
    if code == "en":
        return dict(KIND_WORDS)
    catalog = read_catalog(translations_dir() / f"{code}.po")
    return {kind: str(catalog.get(KIND_WORDS[kind], context=f"kind/{kind}").string) for kind in KIND_WORDS}


def test_a_list_breaks_at_its_separators_and_drops_them_there() -> None:
    """At every width, from narrower than one item on: no line starts or ends with '·'. Where
    every item fits a line, a line breaks at a separator, never inside an item."""
    items = list(KIND_WORDS.values())
    style = _styles("en").service_kinds
    widest = max(layout_paragraph([Span(item)], style, 1e6).width for item in items)
    for width in WIDTHS:
        lines = [line.text for line in layout_paragraph(separated(items), style, width).lines]
        assert len(lines) > 1
        _assert_no_dangling_separator(lines, width)
        assert squash("".join(lines)).replace("·", "") == squash("".join(items))
        if width >= widest:
            assert [item for line in lines for item in line.split(" · ")] == items, (width, lines)


@pytest.mark.parametrize("width", [150.0, 250.0, 400.0, 520.0])
def test_emergency_numbers_never_break_beside_a_separator(width: float) -> None:
    numbers = [
        *load_services(YAML_EXAMPLE).emergency,
        EmergencyNumber(label="Mental health crisis team", phone="0800 123 4567"),
    ]
    styles = _styles("en")
    font = styles.body.families[0].regular.reportlab.fontName
    table = emergency_block("Emergency", numbers, styles, COLOUR, width, font)
    joined = [block for block in _blocks(table) if "·" in block.text]
    if not joined:
        # Too narrow for the numbers on one line: each is a paragraph of its own (or, where it
        # does not fit beside its label, the paragraph after the label's), and no number is
        # broken inside.
        blocks = _blocks(table)
        own = [block for block in blocks if block.text.startswith(tuple(n.label for n in numbers))]
        assert [block.text.split(":")[0] for block in own] == [n.label for n in numbers]
        for block, number in zip(own, numbers, strict=True):
            after = blocks[blocks.index(block) + 1 : blocks.index(block) + 2]
            laid = [line for paragraph in [block, *after] for line in paragraph.layout(width - 20).lines]
            lines = [line.text.replace("\u00a0", " ") for line in laid]
            assert any(number.phone in line for line in lines), (width, lines)
        return
    (block,) = joined
    for column in (w for w in WIDTHS if w <= width):
        lines = [line.text for line in block.layout(column).lines]
        _assert_no_dangling_separator(lines, column)


@pytest.mark.parametrize("width", [150.0, 200.0, 250.0])
def test_an_emergency_field_of_two_numbers_breaks_between_them_never_inside_one(width: float) -> None:
    """A field of two numbers too wide for a narrow panel broke between any two characters
    (the whole field was one unbreakable piece): a line now breaks between the numbers."""
    pieces = ["0808 157 0001", "0808 157 0002"]
    number = EmergencyNumber(label="Helpline", phone=" or ".join(pieces))
    styles = _styles("en")
    font = styles.body.families[0].regular.reportlab.fontName
    table = emergency_block("Emergency", [number], styles, COLOUR, width, font)
    blocks = [block for block in _blocks(table) if "0808" in block.text]
    lines = [line.text.replace("\u00a0", " ") for block in blocks for line in block.layout(width - 20).lines]
    assert len(lines) > 1 and all(any(piece in line for line in lines) for piece in pieces), lines


@pytest.mark.parametrize("code", ["en", "ru", "th", "ar"])
def test_a_services_kinds_never_break_beside_a_separator(code: str) -> None:
    service = Service(name="Open Door", kinds=SERVICE_KINDS)
    styles = _styles(code)
    for width in (120.0, 160.0, 220.0, 300.0):
        table = service_block(service, _kind_words(code), LEAFLET_WORDS, styles, COLOUR, width)
        (block,) = [block for block in _blocks(table) if "·" in block.text]
        for column in (w for w in WIDTHS if w <= width):
            lines = [line.text for line in block.layout(column).lines]
            _assert_no_dangling_separator(lines, (width, column))


@pytest.mark.parametrize("code", ["en", "ky", "ar"])
def test_a_services_phone_numbers_and_postcode_never_break_inside(code: str) -> None:
    """A line may break between the numbers of a phone field, never inside a number (with its
    extension) or a postcode, at any width the piece fits; nothing is dropped, and the page
    shows the field as typed (a no-break space draws the space)."""
    numbers = ["+44 1632 960101", "01632 960 102 ext. 24"]
    service = Service(
        name="Night Harbour (example)",
        kinds=("needle-syringe",),
        address="4 Quay Lane, Testville TV1 2AB",
        phone=" or ".join(numbers),
    )
    styles = _styles(code)
    table = service_block(service, _kind_words(code), LEAFLET_WORDS, styles, COLOUR, 400.0)
    (phone,) = [block for block in _blocks(table) if "1632" in block.text]
    (address,) = [block for block in _blocks(table) if "Quay" in block.text]
    for block, pieces in ((phone, numbers), (address, ["TV1 2AB"])):
        whole = block.text.replace("\u00a0", " ")
        assert whole.endswith(service.phone if block is phone else service.address)
        widest = max(layout_paragraph([Span(piece)], block.style, 1e6).width for piece in pieces)
        broken = False
        for width in (w for w in WIDTHS if w >= widest):
            lines = [line.text.replace("\u00a0", " ") for line in block.layout(width).lines]
            assert squash("".join(lines)) == squash(whole), (width, lines)
            for piece in pieces:
                assert any(piece in line for line in lines), (width, lines)
            broken |= len(lines) > 1
        assert broken  # the widths tried made the field take more than one line


@pytest.mark.parametrize("code", ["en", "ar"])
def test_a_services_code_stands_beside_its_lines_at_their_end(code: str) -> None:
    """A service's QR code stands at the top of its lines, at the end they are read towards
    (the right in English, the left in Arabic), with its gap: no line runs under it, every
    line starts at the service's edge, and the service is as tall as the taller of the two."""
    service = next(s for s in load_services(YAML_EXAMPLE).services if s.url and s.address and s.notes)
    styles = _styles(code)
    width = 250.0
    block = service_block(service, _kind_words(code), LEAFLET_WORDS, styles, COLOUR, width)
    _, height = block.wrap(width, 1e6)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height))
    block.drawOn(canvas, 0, 0)
    canvas.save()
    page = pypdfium2.PdfDocument(buffer.getvalue())[0]
    # On the page itself (not inside the forms of glyphs drawn as outlines, Arabic marks): the
    # code's white square, its modules an image mask inside it, and the lines' text.
    paths = [o.get_bounds() for o in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_PATH], max_depth=0)]
    texts = [o.get_bounds() for o in page.get_objects(filter=[pypdfium2.raw.FPDF_PAGEOBJ_TEXT], max_depth=0)]
    (qr,) = paths
    left, bottom, right, top = qr
    assert right - left == pytest.approx(top - bottom) and top == pytest.approx(height, abs=0.01)
    assert len(texts) >= 5
    if code == "ar":
        assert left == pytest.approx(0, abs=0.01)
        assert min(t[0] for t in texts) >= right + 4 - 0.5  # nothing under the code or its gap
        assert max(t[2] for t in texts) == pytest.approx(width, abs=1.5)  # lines end flush right
    else:
        assert right == pytest.approx(width, abs=0.01)
        assert max(t[2] for t in texts) <= left - 4 + 0.5
        assert min(t[0] for t in texts) == pytest.approx(0, abs=1.5)  # lines start flush left
    assert min(t[1] for t in texts) >= -0.5  # the lowest line is inside the service
    assert height >= top - bottom


THAI_NAMES = {  # the transliterated names th.po uses, which ICU's dictionary splits
    "naloxone": "นาล็อกโซน",
    "fentanyl": "เฟนทานิล",
    "opioid": "โอปิออยด์",
    "methamphetamine": "เมทแอมเฟตามีน",
    "nitazene": "ไนตาซีน",
    "xylazine": "ไซลาซีน",
    "medetomidine": "เมเดโทมิดีน",
    "benzodiazepine": "เบนโซไดอะซีปีน",
    "pregabalin": "พรีกาบาลิน",
    "gabapentin": "กาบาเพนติน",
}


def _thai_terms() -> tuple[str, ...]:
    terms = keep_whole.terms(read_catalog(translations_dir() / "th.po"))
    assert set(THAI_NAMES.values()) <= set(terms)
    return terms


def _line_starts(text: str, lines: Sequence[str]) -> list[int]:
    starts, position = [], 0
    for line in lines:
        position = text.index(line, position)
        starts.append(position)
        position += len(line)
    return starts


def test_thai_lines_never_break_inside_a_keep_whole_word() -> None:
    """Every Thai translation with a listed word, laid out at many widths: no line starts inside
    a word, unless the word (with the punctuation ICU keeps on it) is wider than the line."""
    terms = _thai_terms()
    pattern = re.compile("|".join(map(re.escape, sorted(terms, key=len, reverse=True))))
    style = _styles("th", terms).body
    catalog = read_catalog(translations_dir() / "th.po")
    texts = [
        m.string for m in catalog if m.id and m.context != keep_whole.CONTEXT and pattern.search(m.string)
    ]
    assert len(texts) > 40
    checked = 0
    for text in texts:
        found = []
        for match in pattern.finditer(text):
            end = match.end()
            while end < len(text) and unicodedata.category(text[end]).startswith("P"):
                end += 1
            found.append(
                (
                    match.start(),
                    match.end(),
                    layout_paragraph([Span(text[match.start() : end])], style, 1e6).width,
                )
            )
        for width in range(40, 301, 7):
            lines = [line.text for line in layout_paragraph([Span(text)], style, width).lines]
            for start in _line_starts(text, lines):
                for a, b, needed in found:
                    if needed <= width:
                        checked += 1
                        assert not a < start < b, (width, text[a:b], lines)
    assert checked > 10_000


def test_a_thai_leaflet_keeps_naloxone_whole(tmp_path: Path) -> None:
    (item,) = build(
        BuildRequest(
            sets=("opioids",),
            services=YAML_EXAMPLE,
            out=tmp_path,
            languages=("th",),
            formats=("a5",),
            modes=("bw",),
        )
    )
    readers = [pdf_text(item.path)]
    poppler = poppler_text(item.path)
    if poppler is not None:
        readers.append(poppler)
    for text in readers:
        assert text.count("นาล็อกโซน") == squash(text).count("นาล็อกโซน") > 3
    lines = [
        line for page in pypdf.PdfReader(item.path).pages for line in (page.extract_text() or "").splitlines()
    ]
    _assert_no_dangling_separator(lines, item.path.name)


@pytest.mark.parametrize("code", ["en", "ru", "ar"])
def test_leaflets_never_print_a_dangling_separator(code: str, tmp_path: Path) -> None:
    """Service kinds, emergency numbers and the footer, as a reader extracts them line by line."""
    built = build(
        BuildRequest(
            sets=("opioids",),
            services=YAML_EXAMPLE,
            out=tmp_path,
            languages=(code,),
            formats=("card", "a5", "a4", "trifold-a4"),
            modes=("bw",),
        )
    )
    for item in built:
        lines = [
            line
            for page in pypdf.PdfReader(item.path).pages
            for line in (page.extract_text() or "").splitlines()
        ]
        _assert_no_dangling_separator(lines, item.path.name)


def _translations_with(tmp_path: Path, listed: str | None) -> Path:
    """A folder with th.po whose keep-whole entry lists `listed` (None: th.po has no such entry)."""
    folder = tmp_path / "translations"
    folder.mkdir()
    path = folder / "th.po"
    shutil.copy(translations_dir() / "th.po", path)
    text = path.read_text(encoding="utf-8")
    start = text.index(f'msgctxt "{keep_whole.CONTEXT}"')
    start = text.rindex("\n\n", 0, start) + 2  # with its comments
    end = text.find("\n\n", start)
    end = len(text) if end < 0 else end + 2
    entry = f'msgctxt "{keep_whole.CONTEXT}"\nmsgid "{keep_whole.ENGLISH}"\nmsgstr "{listed}"\n\n'
    path.write_text(text[:start] + ("" if listed is None else entry) + text[end:], encoding="utf-8")
    return folder


def test_check_warns_of_a_keep_whole_word_no_translation_uses(tmp_path: Path) -> None:
    folder = _translations_with(tmp_path, "นาล็อกโซน นาลอกโซน")  # the second is misspelt
    found = check(guidance_dir(), folder)
    assert [str(problem) for problem in found] == [
        f"{folder / 'th.po'}:{keep_whole.entry(read_catalog(folder / 'th.po')).lineno}: {keep_whole.CONTEXT}:"
        " 'นาลอกโซน' appears in no translation in this file — spell it exactly as the translations do,"
        " or remove it"
    ]
    assert all(problem.warning for problem in found)


def test_check_warns_of_a_keep_whole_entry_that_lists_nothing(tmp_path: Path) -> None:
    folder = _translations_with(tmp_path, " , ")
    (problem,) = check(guidance_dir(), folder)
    assert problem.warning and problem.field == keep_whole.CONTEXT and problem.line is not None
    assert "lists no words" in problem.message


@pytest.mark.parametrize("listed", ["", None])
def test_an_empty_or_missing_keep_whole_entry_is_no_problem(listed: str | None, tmp_path: Path) -> None:
    """Most languages need no keep-whole words; files from before the entry existed have none."""
    folder = _translations_with(tmp_path, listed)
    assert (keep_whole.CONTEXT in (folder / "th.po").read_text(encoding="utf-8")) == (listed is not None)
    assert check(guidance_dir(), folder) == []
    assert keep_whole.terms(read_catalog(folder / "th.po")) == ()


def test_the_black_and_white_leaflet_reuses_the_colour_leaflets_lines() -> None:
    """Line breaks do not depend on colour: a paragraph laid out for the colour leaflet is the
    one the black-and-white leaflet draws (a build makes both, and lays each paragraph out once)."""
    families = families_for("ar")
    colour = make_styles(COLOUR, families, "ar", True, 10.0)
    grey = make_styles(BLACK_AND_WHITE, families, "ar", True, 10.0)
    spans = [Span("اتصل على "), Span("+44 1632 960101", ltr=True), Span(" إذا لم يستيقظ الشخص")]
    differ = [
        name
        for name in ("title", "headline", "section", "service_name")
        if getattr(colour, name).colour != getattr(grey, name).colour
    ]
    assert len(differ) >= 3, differ
    for name in differ:
        one, other = getattr(colour, name), getattr(grey, name)
        assert layout_paragraph(spans, one, 120) is layout_paragraph(spans, other, 120), name
        larger = one.but(size=one.size + 1)
        assert layout_paragraph(spans, one, 120) is not layout_paragraph(spans, larger, 120), name


def test_a_line_drawn_in_another_ink_differs_only_in_its_colour() -> None:
    """What drawing a line writes is worked out once for its place, whatever its ink: the
    black-and-white leaflet repeats the colour leaflet's work, and only the colour changes."""
    from hrleaflet.render.text.draw import draw_line

    styles = _styles("ar")
    spans = [Span("اتصل على "), Span("+44 1632 960101", ltr=True), Span(" الآن")]
    (line,) = layout_paragraph(spans, styles.body, 400).lines

    def page(ink: tuple[float, float, float]) -> str:
        canvas = Canvas(io.BytesIO())
        draw_line(canvas, line, 20, 700, ink)
        return "\n".join(canvas._code)

    teal, black = page((0.0, 0.35, 0.37)), page((0.0, 0.0, 0.0))
    assert len(line.drawn) == 1
    assert "0 .35 .37 rg" in teal, teal
    assert teal.replace("0 .35 .37 rg", "0 0 0 rg") == black
