"""Rendered leaflets, checked as a reader would: words on the page, sizes, colour, fonts."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest

from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.content.services import load_services
from hrleaflet.paths import guidance_dir
from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, build
from hrleaflet.render.contrast import contrast_ratio
from hrleaflet.render.themes import BLACK_AND_WHITE, COLOUR, Theme

from .conftest import (
    PAINTING_OPERATORS,
    YAML_EXAMPLE,
    colour_spread,
    normalise,
    pdf_text,
    poppler_text,
    rendered_pages,
)

A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)


def test_build_writes_one_file_per_set_paper_and_mode(english_build: list[BuiltLeaflet]) -> None:
    names = sorted(item.path.name for item in english_build)
    expected = sorted(
        f"{s}-en-{paper}-{mode}.pdf"
        for s in available_sets(guidance_dir())
        for paper in ("a4", "letter")
        for mode in ("colour", "bw")
    )
    assert names == expected
    assert all(item.path.stat().st_size == item.size for item in english_build)


def test_every_tip_headline_and_body_is_in_the_extracted_text(english_build: list[BuiltLeaflet]) -> None:
    for item in english_build:
        tip_set = load_tip_set(guidance_dir() / f"{item.set_id}.yaml")
        text = pdf_text(item.path)
        for tip in tip_set.tips:
            assert normalise(tip.headline) in text, (item.path.name, tip.id)
            assert normalise(tip.body) in text, (item.path.name, tip.id)
        assert tip_set.title in text
        assert f"Updated {tip_set.updated.strftime('%B')}" in text  # "Draft: ... Updated November 27, 2026."
        assert "Draft: not yet reviewed" in text


def test_poppler_reads_the_same_words(english_build: list[BuiltLeaflet]) -> None:
    item = english_build[0]
    text = poppler_text(item.path)
    if text is None:
        pytest.skip("poppler-utils (pdftotext) is not installed")
    tip_set = load_tip_set(guidance_dir() / f"{item.set_id}.yaml")
    for tip in tip_set.tips:
        assert normalise(tip.body) in text


def test_page_sizes(english_build: list[BuiltLeaflet]) -> None:
    for item in english_build:
        reader = pypdf.PdfReader(item.path)
        expected = A4 if item.format == "a4" else LETTER
        for page in reader.pages:
            size = (float(page.mediabox.width), float(page.mediabox.height))
            assert size == pytest.approx(expected, abs=0.5), item.path.name
        assert 1 <= len(reader.pages) <= 2, item.path.name
        assert item.pages == len(reader.pages)


def test_services_emergency_and_footer_are_printed(english_build: list[BuiltLeaflet]) -> None:
    services = load_services(YAML_EXAMPLE)
    for item in english_build:
        text = pdf_text(item.path)
        for service in services.services:
            assert service.name in text
            if service.phone:
                assert service.phone in text
        for number in services.emergency:
            assert number.phone in text
        assert f"Local services in {services.locality}" in text
        assert f"Produced by {services.organisation.name}" in text
        assert "Source: " in text and "Sources: " in text


def test_markup_characters_in_input_print_literally(english_build: list[BuiltLeaflet]) -> None:
    text = pdf_text(english_build[0].path)
    assert 'Food & Shelter "Open Door" (example)' in text


def test_black_and_white_leaflets_have_no_coloured_pixel(english_build: list[BuiltLeaflet]) -> None:
    for item in english_build:
        if item.mode == "bw":
            assert colour_spread(item.path) == 0, f"{item.path.name} has colour"


def test_colour_leaflets_really_are_in_colour(english_build: list[BuiltLeaflet]) -> None:
    from PIL import ImageChops

    item = next(i for i in english_build if i.mode == "colour")
    image = rendered_pages(item.path)[0]
    r, _, b = image.split()
    assert ImageChops.difference(r, b).getextrema()[1] > 50


_STROKING = {"S", "s", "B", "B*", "b", "b*"}  # these paint in the stroke colour (RG)
_FILLING = PAINTING_OPERATORS - {"S", "s"}  # and these in the fill colour (rg)


def _painted_colours(path: Path) -> set[tuple[float, ...]]:
    """The colours in force wherever a page paints: fills, strokes, text, image masks."""
    import pikepdf

    found: set[tuple[float, ...]] = set()
    with pikepdf.open(path) as document:
        for page in document.pages:
            black = (0.0, 0.0, 0.0)  # PDF's initial colours
            fill, stroke = black, black
            saved: list[tuple[tuple[float, ...], tuple[float, ...]]] = []
            for operands, operator in pikepdf.parse_content_stream(page):
                op = str(operator)
                if op == "q":
                    saved.append((fill, stroke))
                elif op == "Q":
                    fill, stroke = saved.pop()
                elif op == "rg":
                    fill = tuple(float(value) for value in operands)
                elif op == "RG":
                    stroke = tuple(float(value) for value in operands)
                if op in _FILLING:
                    found.add(fill)
                if op in _STROKING:
                    found.add(stroke)
    return found


@pytest.mark.parametrize("theme", [COLOUR, BLACK_AND_WHITE], ids=lambda t: t.name)
def test_everything_is_painted_in_the_themes_own_colours(
    english_build: list[BuiltLeaflet], theme: Theme
) -> None:
    """Text, shapes and QR codes in one ink are one colour, to the digit ReportLab writes."""
    palette = {value for value in vars(theme).values() if isinstance(value, tuple) and len(value) == 3}
    item = next(i for i in english_build if i.mode == theme.name and i.format == "a4")
    for colour in _painted_colours(item.path):
        assert any(all(abs(a - b) < 1e-6 for a, b in zip(colour, known, strict=True)) for known in palette), (
            f"{item.path.name}: {colour} is none of the {theme.name} theme's colours"
        )


@pytest.mark.parametrize("theme", [COLOUR, BLACK_AND_WHITE], ids=lambda t: t.name)
def test_every_text_and_background_pair_meets_its_contrast_rule(theme: object) -> None:
    for role, (ink, background) in theme.text_pairs().items():  # type: ignore[attr-defined]
        ratio = contrast_ratio(ink, background)
        assert ratio >= theme.min_contrast, f"{theme.name} {role}: {ratio:.2f}"  # type: ignore[attr-defined]


def test_black_and_white_palette_is_grey_only() -> None:
    for name, value in vars(BLACK_AND_WHITE).items():
        if isinstance(value, tuple) and len(value) == 3:
            assert value[0] == value[1] == value[2], name


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio((0, 0, 0), (1, 1, 1)) == pytest.approx(21.0)
    assert contrast_ratio((1, 1, 1), (1, 1, 1)) == pytest.approx(1.0)
    # #767676 on white is the classic "just passes AA" grey.
    assert contrast_ratio((0x76 / 255,) * 3, (1, 1, 1)) == pytest.approx(4.54, abs=0.01)


def test_every_font_is_embedded_and_none_is_base14(english_build: list[BuiltLeaflet]) -> None:
    for item in english_build[:2]:
        reader = pypdf.PdfReader(item.path)
        for page in reader.pages:
            fonts = page["/Resources"]["/Font"]
            for ref in fonts.values():
                font = ref.get_object()
                descriptor = font.get("/FontDescriptor")
                assert descriptor is not None, f"{font['/BaseFont']} is not embedded"
                assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
                assert "+" in str(font["/BaseFont"]), "fonts must be subset"
    if shutil.which("pdffonts"):
        listing = subprocess.run(
            ["pdffonts", str(english_build[0].path)], capture_output=True, text=True
        ).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes yes " in row for row in rows), listing


def test_embedded_fonts_keep_their_names_and_copyright_but_not_the_licence_text(
    english_build: list[BuiltLeaflet],
) -> None:
    from io import BytesIO

    from fontTools.ttLib import TTFont

    reader = pypdf.PdfReader(english_build[0].path)
    font = reader.pages[0]["/Resources"]["/Font"]
    for ref in font.values():
        data = ref.get_object()["/FontDescriptor"].get_object()["/FontFile2"].get_data()
        names = {record.nameID: record.toUnicode() for record in TTFont(BytesIO(data))["name"].names}
        assert sorted(names) == [0, 1, 2, 4, 6]
        assert "Noto Project Authors" in names[0] and names[1].startswith("Noto")


def test_pdf_metadata(english_build: list[BuiltLeaflet]) -> None:
    item = english_build[0]
    reader = pypdf.PdfReader(item.path)
    tip_set = load_tip_set(guidance_dir() / f"{item.set_id}.yaml")
    assert reader.metadata is not None
    assert reader.metadata.title == tip_set.title
    assert reader.metadata.subject == tip_set.subtitle
    assert reader.metadata.author == load_services(YAML_EXAMPLE).organisation.name
    assert reader.trailer["/Root"]["/Lang"] == "en"


def _scanned_links(path: Path, scale: float, folder: Path) -> set[str]:
    """What zbar reads from the QR codes of every page, rendered by pdfium at `scale`."""
    found: set[str] = set()
    for number, image in enumerate(rendered_pages(path, scale=scale)):
        png = folder / f"page{number}.png"
        image.save(png)
        result = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        found.update(line for line in result.stdout.splitlines() if line)
    return found


@pytest.mark.parametrize("scale", [1.8, 4])  # a screen (130 dpi) and a printer (288 dpi)
def test_qr_codes_encode_the_service_links(
    english_build: list[BuiltLeaflet], tmp_path: Path, scale: float
) -> None:
    if not shutil.which("zbarimg"):
        pytest.skip("zbar-tools (zbarimg) is not installed")
    services = load_services(YAML_EXAMPLE)
    item = next(i for i in english_build if i.mode == "bw" and i.format == "a4")
    assert _scanned_links(item.path, scale, tmp_path) == {s.url for s in services.services if s.url}


def test_a_long_link_gets_a_qr_code_that_scans(tmp_path: Path) -> None:
    """A link too long for the smallest codes: its code's samples are deflated (see `qr.py`)."""
    if not shutil.which("zbarimg"):
        pytest.skip("zbar-tools (zbarimg) is not installed")
    link = "https://example.org/testville/services/needle-and-syringe-programme?area=north&lang=en"
    services = tmp_path / "long.yaml"
    services.write_text(
        "locality: Testville\norganisation: {name: Network}\nemergency: [{label: Ambulance, phone: '112'}]\n"
        f"services:\n  - {{name: Night van, kinds: [outreach], phone: '+44 1632 960150', url: '{link}'}}\n",
        encoding="utf-8",
    )
    (item,) = build(BuildRequest(sets=("general",), services=services, out=tmp_path, modes=("bw",)))
    assert _scanned_links(item.path, 4, tmp_path) == {link}


def test_same_inputs_give_byte_identical_pdfs(tmp_path: Path) -> None:
    def once(folder: Path) -> bytes:
        request = BuildRequest(sets=("opioids",), services=YAML_EXAMPLE, out=folder, modes=("colour",))
        return build(request)[0].path.read_bytes()

    assert once(tmp_path / "a") == once(tmp_path / "b")


def test_forty_services_are_all_printed_on_extra_pages(tmp_path: Path) -> None:
    lines = [
        "locality: Big City",
        "organisation: {name: Network}",
        "emergency: [{label: Ambulance, phone: '112'}]",
        "services:",
    ]
    for n in range(1, 41):
        lines.append(
            f"  - {{name: 'Service number {n}', kinds: [drop-in, outreach], phone: '+44 1632 960{n:03d}',"
            f" address: '{n} Long Street, Big City', hours: 'Mon-Fri 09:00-17:00',"
            f" notes: 'Walk in, no appointment needed. Free tea and advice.'}}"
        )
    services = tmp_path / "big.yaml"
    services.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (item,) = build(BuildRequest(sets=("general",), services=services, out=tmp_path, modes=("bw",)))
    assert item.pages >= 2
    text = pdf_text(item.path)
    for n in range(1, 41):
        assert f"Service number {n} " in text + " "
        assert f"+44 1632 960{n:03d}" in text
    assert f"Page {item.pages} of {item.pages}" in text


def test_qpdf_finds_no_structural_errors(english_build: list[BuiltLeaflet]) -> None:
    if not shutil.which("qpdf"):
        pytest.skip("qpdf is not installed")
    for item in english_build[:4]:
        result = subprocess.run(["qpdf", "--check", str(item.path)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "No syntax or stream encoding errors found" in result.stdout
