"""Print formats: page sizes and counts, fold order, office sheets, marks, bleed, and what fits."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pypdfium2
import pytest
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.guidance import load_tip_set
from hrleaflet.content.services import load_services
from hrleaflet.errors import UsageError
from hrleaflet.paths import guidance_dir
from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, build, localise_all
from hrleaflet.render.formats import FORMATS, MM

from .conftest import YAML_EXAMPLE, squash, text_x, without_page_labels

runner = CliRunner()
A4 = (210 * MM, 297 * MM)
A5 = (148 * MM, 210 * MM)
A6 = (105 * MM, 148 * MM)
SMALL = ("a5", "trifold-a4", "trifold-letter", "card")


@pytest.fixture(scope="module")
def formats_build(tmp_path_factory: pytest.TempPathFactory) -> list[BuiltLeaflet]:
    out = tmp_path_factory.mktemp("formats")
    request = BuildRequest(
        sets=("opioids",), services=YAML_EXAMPLE, out=out, formats=SMALL, modes=("colour", "bw")
    )
    return build(request)


def _sizes(path: Path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in pypdf.PdfReader(path).pages]


def _text(path: Path) -> str:
    return squash(" ".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages))


def test_page_sizes_and_counts(formats_build: list[BuiltLeaflet]) -> None:
    expected = {
        "a5": [A5],
        "trifold-a4": [(A4[1], A4[0])] * 2,
        "trifold-letter": [(792.0, 612.0)] * 2,
        "card": [A6] * 2,
    }
    for item in formats_build:
        sizes = _sizes(item.path)
        if item.format == "a5":
            assert 1 <= len(sizes) <= 2
            sizes = sizes[:1]
            assert [pytest.approx(s, abs=0.5) for s in sizes] == expected["a5"]
        else:
            assert sizes == [pytest.approx(s, abs=0.5) for s in expected[item.format]], item.format


def test_every_tip_not_reported_as_left_out_is_printed(formats_build: list[BuiltLeaflet]) -> None:
    (leaflet,), _ = localise_all(BuildRequest(sets=("opioids",), services=YAML_EXAMPLE, out=Path()))
    for item in formats_build:
        text = without_page_labels(_text(item.path), leaflet)
        left_out = {tip_id for tip_id, _ in item.left_out_tips}
        for tip in leaflet.tips:
            present = squash(tip.body) in text and squash(tip.headline) in text
            assert present == (tip.id not in left_out), (item.format, tip.id)
        assert all(priority > 1 for _, priority in item.left_out_tips), "essential tips are never left out"


def test_black_and_white_formats_are_grey_only(formats_build: list[BuiltLeaflet]) -> None:
    from PIL import ImageChops

    for item in formats_build:
        if item.mode != "bw":
            continue
        document = pypdfium2.PdfDocument(item.path)
        for index in range(len(document)):
            r, g, b = document[index].render(scale=1).to_pil().convert("RGB").split()
            assert ImageChops.difference(r, g).getextrema()[1] == 0, item.path.name
            assert ImageChops.difference(g, b).getextrema()[1] == 0, item.path.name
        document.close()


def test_trifold_folds_in_the_right_order(formats_build: list[BuiltLeaflet]) -> None:
    """Cover (outside right); tips from the first inside panel on; services under their heading
    from the inside flap (outside left) when the tips leave it free, then the back."""
    item = next(i for i in formats_build if i.format == "trifold-a4" and i.mode == "bw")
    third = A4[1] / 3
    tips = load_tip_set(guidance_dir() / "opioids.yaml").tips
    order = {
        "cover: the title": (0, "Heroin and"),
        "inside: the first tip": (1, tips[0].headline.split()[0]),
        "flap: local services": (0, "Local"),
        "back: the footer": (0, "Source:"),
    }
    panel = {name: int(text_x(item.path, word, page) // third) for name, (page, word) in order.items()}
    assert panel == {
        "cover: the title": 2,
        "inside: the first tip": 0,
        "flap: local services": 0,
        "back: the footer": 1,
    }


def test_card_on_an_a4_sheet_has_four_copies_and_cut_marks(tmp_path: Path) -> None:
    request = BuildRequest(
        sets=("opioids",), services=YAML_EXAMPLE, out=tmp_path, formats=("card",), modes=("bw",), sheet="a4"
    )
    (item,) = build(request)
    assert item.path.name == "opioids-en-card-on-a4-bw.pdf"
    assert item.copies == 4
    reader = pypdf.PdfReader(item.path)
    assert len(reader.pages) == 2  # fronts, then backs lined up for duplex
    assert _sizes(item.path)[0] == pytest.approx(A4, abs=0.5)
    assert (reader.pages[0].extract_text() or "").count("Heroin and other opioids") == 4


def test_a5_on_an_a4_sheet_is_two_up(tmp_path: Path) -> None:
    request = BuildRequest(
        sets=("general",), services=YAML_EXAMPLE, out=tmp_path, formats=("a5",), modes=("bw",), sheet="a4"
    )
    (item,) = build(request)
    assert item.copies == 2
    assert _sizes(item.path)[0] == pytest.approx((A4[1], A4[0]), abs=0.5)


def test_marks_and_bleed_only_when_asked(tmp_path: Path) -> None:
    plain = build(
        BuildRequest(sets=("buying",), services=YAML_EXAMPLE, out=tmp_path / "a", formats=("card",))
    )
    page = pypdf.PdfReader(plain[0].path).pages[0]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A6, abs=0.5)
    assert "/TrimBox" not in page or page.trimbox == page.mediabox

    marked = build(
        BuildRequest(
            sets=("buying",),
            services=YAML_EXAMPLE,
            out=tmp_path / "b",
            formats=("trifold-a4",),
            modes=("colour",),
            marks=True,
            bleed=3 * MM,
        )
    )
    page = pypdf.PdfReader(marked[0].path).pages[0]
    trim = page.trimbox
    assert float(trim.width) == pytest.approx(A4[1], abs=0.5)
    assert float(page.mediabox.width) > float(trim.width) + 2 * 3 * MM
    assert float(page.bleedbox.width) == pytest.approx(A4[1] + 6 * MM, abs=0.5)


def test_phone_screens_get_no_marks_or_bleed_and_say_so(tmp_path: Path) -> None:
    """Crop marks and bleed are for a print shop: asked for with a phone screen among the
    formats, the print format gets them and the screen is made as always, with a note."""
    notices: list[str] = []
    built = build(
        BuildRequest(
            sets=("buying",),
            services=YAML_EXAMPLE,
            out=tmp_path,
            formats=("card", "phone"),
            modes=("bw",),
            marks=True,
            bleed=3 * MM,
        ),
        on_notice=lambda notice: notices.append(notice.message),
    )
    card, phone = (pypdf.PdfReader(item.path).pages[0] for item in built)
    assert float(card.mediabox.width) > A6[0] + 6 * MM
    assert float(phone.mediabox.width) == pytest.approx(90 * MM, abs=0.5)
    assert "/TrimBox" not in phone or phone.trimbox == phone.mediabox
    assert "phone: made without crop marks and bleed, which are for print" in notices
    # Text, SMS and web pages have no marks either, nor pages to picture: said, not ignored.
    notices.clear()
    build(
        BuildRequest(
            sets=("buying",),
            services=YAML_EXAMPLE,
            out=tmp_path,
            formats=("text", "html"),
            marks=True,
            image="png",
        ),
        on_notice=lambda notice: notices.append(notice.message),
    )
    assert "text, html: made without crop marks and bleed, which are for print" in notices
    assert "--image png: text, html have no pages to picture; images are made of PDFs" in notices
    assert not list(tmp_path.glob("*.png"))


def _fold_marks(page: pypdf.PageObject) -> list[float]:
    """The x of each fold mark (the dashed lines) on a page, from the trimmed edge."""
    trim = float(page.trimbox.left)
    content = page.get_contents()
    assert content is not None
    xs: set[float] = set()
    dashed = False
    for operands, operator in pypdf.generic.ContentStream(content, page.pdf).operations:
        if operator == b"d":
            dashed = bool(operands[0])
        elif operator == b"Q":
            dashed = False
        elif operator == b"m" and dashed:
            xs.add(round(float(operands[0]) - trim, 1))
    return sorted(xs)


def test_fold_marks_follow_a_right_to_left_trifolds_mirrored_panels(tmp_path: Path) -> None:
    """An Arabic tri-fold opens from the other side, so its narrower flap, and the folds
    beside it, are mirrored: marks at the English places would fold it wrong by 2 mm."""
    from hrleaflet.render.formats import trifold_panels

    folds = {}
    for code in ("en", "ar"):
        (item,) = build(
            BuildRequest(
                sets=("general",),
                services=YAML_EXAMPLE,
                out=tmp_path,
                languages=(code,),
                formats=("trifold-a4",),
                modes=("bw",),
                marks=True,
                bleed=3 * MM,
            )
        )
        folds[code] = [_fold_marks(page) for page in pypdf.PdfReader(item.path).pages]
    fmt = FORMATS["trifold-a4"]
    for code, rtl in (("en", False), ("ar", True)):
        for page, panels in zip(folds[code], trifold_panels(fmt, rtl), strict=True):
            assert page == [round(x, 1) for x in sorted(p.x for p in panels)[1:]]
    assert folds["ar"][0] == [round(fmt.width - x, 1) for x in reversed(folds["en"][0])]
    assert folds["ar"][0] != folds["en"][0]


def test_a_card_keeps_a_smaller_service_when_the_first_is_too_tall(tmp_path: Path) -> None:
    """Kyrgyz runs long: beside the essential tips, the selling card's back has no room for the
    first service (its QR code makes it tall) but has room for the OST clinic (no link, no QR
    code). It printed no local service at all, 30 mm of the back left empty."""
    (item,) = build(
        BuildRequest(
            sets=("selling",),
            services=YAML_EXAMPLE,
            out=tmp_path,
            languages=("ky",),
            formats=("card",),
            modes=("bw",),
        )
    )
    services = load_services(YAML_EXAMPLE).services
    assert len(item.left_out_services) == len(services) - 1
    assert services[0].name in item.left_out_services
    assert "Testville OST Clinic (example)" not in item.left_out_services
    assert squash("Testville OST Clinic") in squash(pypdf.PdfReader(item.path).pages[1].extract_text())


def test_emergency_numbers_that_share_no_line_each_start_their_own(tmp_path: Path) -> None:
    """On A5 the band's numbers ran on as one paragraph: "Ambulance, fire and police: 112 ·
    Overdose" and, on the next line, "support line (example): +44 1632 960101"."""
    (item,) = build(
        BuildRequest(sets=("general",), services=YAML_EXAMPLE, out=tmp_path, formats=("a5",), modes=("bw",))
    )
    lines = [line.strip() for line in pypdf.PdfReader(item.path).pages[0].extract_text().splitlines()]
    assert "Ambulance, fire and police: 112" in lines
    assert any(line.startswith("Overdose support line (example):") for line in lines)
    assert not any("·" in line for line in lines[:12])


def test_tips_chosen_by_hand(tmp_path: Path) -> None:
    request = BuildRequest(
        sets=("opioids",),
        services=YAML_EXAMPLE,
        out=tmp_path,
        formats=("card",),
        modes=("bw",),
        tips=("carry-naloxone", "no-mixing"),
    )
    (item,) = build(request)
    text = _text(item.path)
    assert squash("Carry naloxone wherever you use") in text
    assert squash("Do not use alone") not in text
    with pytest.raises(UsageError, match="no tip 'naloxon' in opioids — did you mean"):
        build(BuildRequest(**{**request.__dict__, "tips": ("naloxon",)}))


def test_cli_reports_what_was_left_out(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "general",
            "-s",
            str(YAML_EXAMPLE),
            "--format",
            "card",
            "--mode",
            "bw",
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "card: left out" in result.stderr
    assert "tips of priority 3:" in result.stderr or "tip of priority 3:" in result.stderr


def test_cli_bleed_is_a_length(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["build", "general", "-s", str(YAML_EXAMPLE), "-f", "card", "--bleed", "three", "-o", str(tmp_path)],
    )
    assert result.exit_code == 2
    assert "is not a length" in result.output


@pytest.mark.parametrize(
    ("bleed", "mm"), [("0.3cm", 3.0), ("3,5mm", 3.5), ("0.125IN", 3.175), ("10mm", 10.0)]
)
def test_cli_bleed_in_centimetres_inches_and_with_a_decimal_comma(
    tmp_path: Path, bleed: str, mm: float
) -> None:
    """The trim box sits `mm` inside the page. 10 mm was refused with "expected 0 to 20 mm"
    (the limit was 20 points)."""
    args = ["build", "overdose-response", "-s", str(YAML_EXAMPLE), "-f", "card", "-m", "bw"]
    result = runner.invoke(app, [*args, "--bleed", bleed, "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = pypdf.PdfReader(tmp_path / "overdose-response-en-card-bw.pdf").pages[0]
    assert float(page.trimbox.left) == pytest.approx(mm * MM, abs=0.01)
    too_much = runner.invoke(app, [*args, "--bleed", "3cm", "-o", str(tmp_path)])
    assert too_much.exit_code == 2
    assert "--bleed: 30 mm is more than 20 mm; print shops usually ask for 3 mm" in too_much.stderr


def test_a_service_too_tall_for_a_phone_screen_is_named_with_its_leaflet(tmp_path: Path) -> None:
    """The error named the services' heading ("the text starting 'Local services: ...'"), not
    the service, nor which of the leaflets being built failed."""
    name = "A Very Long Service Name (example) " * 2
    service = (
        f"  - name: {name.strip()!r}\n"
        f"    kinds: [needle-syringe, ost, naloxone, testing, drop-in, outreach, helpline, legal]\n"
        f"    address: {('Flat 12, Long Street Building, ' * 6).strip()!r}\n"
        f"    phone: '+44 1632 960101 or +44 1632 960102'\n"
        f"    hours: {('Mon-Fri 09:00-17:00, ' * 4).strip(', ')!r}\n"
        f"    url: https://example.org/{'a/' * 90}\n"
        f"    notes: {('Longer note words here. ' * 8).strip()!r}\n"
    )
    text = YAML_EXAMPLE.read_text(encoding="utf-8").replace("services:\n", "services:\n" + service, 1)
    services = tmp_path / "long.yaml"
    services.write_text(text, encoding="utf-8")
    args = ["build", "overdose-response", "-s", str(services), "-f", "phone", "-m", "bw", "-o", str(tmp_path)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    message = " ".join(result.stderr.split())
    assert (
        f"overdose-response (en) on phone: the service '{name.strip()}' is too tall for one page" in message
    )
    assert "shorten its address or notes" in message
    assert "Traceback" not in result.output


def test_icons_command_writes_a_page(tmp_path: Path) -> None:
    result = runner.invoke(app, ["icons", "--out", str(tmp_path / "icons.pdf")])
    assert result.exit_code == 0, result.output
    assert len(pypdf.PdfReader(tmp_path / "icons.pdf").pages) == 1


def test_format_names_are_the_documented_ones() -> None:
    assert set(FORMATS) == {"a4", "letter", "a5", "trifold-a4", "trifold-letter", "card", "phone"}


def test_tighter_spacing_is_tried_before_a_sheet_takes_a_third_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Kyrgyz `opioids` on Letter needs a third page at 9 pt with normal spacing; closer
    lines and less space between blocks (same text size) keep it on one sheet.  (If a revised
    translation becomes shorter, pick another leaflet that needs the tight step.)"""
    from hrleaflet.render import compose

    request = BuildRequest(
        sets=("opioids",),
        services=YAML_EXAMPLE,
        out=tmp_path,
        languages=("ky",),
        formats=("letter",),
        modes=("bw",),
    )
    (tight,) = build(request)
    assert tight.pages == 2 and tight.body_size == 9.0
    every_step = compose.steps_for
    monkeypatch.setattr(compose, "steps_for", lambda fmt: [s for s in every_step(fmt) if not s.tight])
    (loose,) = build(request)
    assert loose.pages == 3


def test_a_card_numbers_its_printed_tips_1_to_n_and_lists_services_compactly(tmp_path: Path) -> None:
    """The card leaves tips out by priority: what it prints is numbered without gaps, and its
    services show name, kinds, phone and link only (as the build says), so more of them fit."""
    request = BuildRequest(
        sets=("opioids",), services=YAML_EXAMPLE, out=tmp_path, formats=("card",), modes=("bw",)
    )
    (card,) = build(request)
    assert card.left_out_tips, "the opioids set is longer than a card: some tips are left out"
    reader = pypdf.PdfReader(card.path)
    numbers: list[str] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        # The badges: one or two digits, larger than body text (the emergency number is longer).
        if text.strip().isdigit() and len(text.strip()) <= 2 and size * tm[0] > 9:
            numbers.append(text.strip())

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    printed = len(load_tip_set(guidance_dir() / "opioids.yaml").tips) - len(card.left_out_tips)
    assert numbers == [str(n) for n in range(1, printed + 1)], numbers
    text = _text(card.path)
    services = load_services(YAML_EXAMPLE).services
    shown = [s for s in services if squash(s.name) in text]
    assert len(shown) >= 2
    for service in shown:
        for hidden in (service.address, service.hours, service.notes):
            assert not hidden or squash(hidden) not in text, hidden


@pytest.mark.parametrize("fmt", ["a5", "card"])
@pytest.mark.parametrize("sheet", ["a4", "letter"])
def test_cut_marks_sit_where_an_office_printer_prints(fmt: str, sheet: str) -> None:
    """Office printers leave about 5 mm of each edge blank: a cut mark there would not print."""
    from hrleaflet.render.formats import impose
    from hrleaflet.render.marks import PRINTABLE_INSET, cut_marks

    grid = impose(FORMATS[fmt], sheet)
    lines: list[tuple[float, float, float, float]] = []

    class Recorder:
        def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
            lines.append((x1, y1, x2, y2))

        def __getattr__(self, name: str) -> object:
            return lambda *args, **kwargs: None

    cut_marks(Recorder(), grid)  # type: ignore[arg-type]
    assert lines, "a sheet of copies has cut marks"
    inset = PRINTABLE_INSET - 0.01
    for x1, y1, x2, y2 in lines:
        for x in (x1, x2):
            assert inset <= x <= grid.sheet_width - inset, (x1, y1, x2, y2)
        for y in (y1, y2):
            assert inset <= y <= grid.sheet_height - inset, (x1, y1, x2, y2)


def test_the_search_from_a_guess_finds_what_halving_finds() -> None:
    """The searches for a text size and for what to leave out (`compose._least_near`,
    `_most_near`) start from a likely answer: for every boundary and every guess they find it,
    or None where nothing works."""
    from hrleaflet.render.compose import _least_near, _most_near

    for limit in range(13):
        for boundary in range(limit + 2):  # limit + 1: nothing works

            def works(n: int, boundary: int = boundary) -> bool:
                return n >= boundary

            def up_to(n: int, boundary: int = boundary) -> bool:
                return n < boundary

            expected = boundary if boundary <= limit else None
            most = boundary - 1 if boundary > 0 else None
            for guess in range(-1, limit + 2):
                assert _least_near(limit, works, guess) == expected, (limit, boundary, guess)
                assert _most_near(limit, up_to, guess) == (None if most is None else min(most, limit))
