"""The layout audit on every shipped combination, and the print defects it was built for.

Every shipped tip set, in every shipped language, in every format, with the example
services files (the 8-service English one for every language, the Arabic and Persian
ones in their languages, the CSV one in English): the audit must find nothing.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2
import pytest
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.i18n.catalogs import language_files
from hrleaflet.i18n.leaflet import LocalisedLeaflet
from hrleaflet.paths import translations_dir
from hrleaflet.pipeline import BuildRequest, localise_all
from hrleaflet.render.audit import audit
from hrleaflet.render.compose import RenderedLeaflet, compose
from hrleaflet.render.formats import FORMATS, MM, trifold_panels
from hrleaflet.render.themes import THEMES

from .conftest import CSV_EXAMPLE, EXAMPLES, YAML_EXAMPLE, pdf_text, squash, without_page_labels

LANGUAGES = ("en", *sorted(language_files(translations_dir())))
FORMAT_NAMES = tuple(FORMATS)
# Black-and-white changes only inks, never where things go: checked in these languages, as
# the audit runs in colour.
BW_LANGUAGES = ("en", "ar")
runner = CliRunner()


def _leaflets(services: Path, languages: tuple[str, ...]) -> list[LocalisedLeaflet]:
    request = BuildRequest(sets=("all",), services=services, out=Path(), languages=languages)
    return localise_all(request)[0]


def _findings(leaflets: list[LocalisedLeaflet]) -> list[str]:
    """The audit's findings, and the checks below, on each leaflet composed once in every format."""
    found = []
    for leaflet in leaflets:
        for name in FORMAT_NAMES:
            rendered = compose(leaflet, THEMES["colour"], FORMATS[name])
            where = f"{leaflet.set_id}-{leaflet.locale.code}-{name}"
            found += [f"{where}: {finding}" for finding in audit(rendered, FORMATS[name])]
            found += [f"{where}: {problem}" for problem in _checks(leaflet, rendered, name)]
    return found


def _checks(leaflet: LocalisedLeaflet, rendered: RenderedLeaflet, name: str) -> list[str]:
    """Defects the audit does not look for, each found once on a shipped leaflet."""
    problems = []
    if leaflet.set_id == "overdose-response" and rendered.left_out_tips:
        # Every step of the overdose response, in every format (the 2026 content review).
        problems.append(f"steps left out: {[tip.id for tip in rendered.left_out_tips]}")
    if name == "a5":
        problems += _a5_headings_apart_from_their_services(rendered)
    if leaflet.set_id == "opioids" and name in ("card", "trifold-a4", "a5"):
        problems += _tips_not_printed_whole(leaflet, rendered)
    if leaflet.locale.code in BW_LANGUAGES:
        problems += _bw_placed_apart_from_colour(leaflet, rendered, name)
    return problems


# Defect 4: on A5 the services heading stood at the foot of page 1, its services on page 2.
def _a5_headings_apart_from_their_services(rendered: RenderedLeaflet) -> list[str]:
    assert rendered.layout is not None
    problems = []
    for page in rendered.layout.placed:
        items = [item for section in page.sections for column in section for item in column.items]
        for index, item in enumerate(items):
            if item.kind != "heading":
                continue
            following = items[index + 1] if index + 1 < len(items) else None
            if following is None or following.kind != "service":
                problems.append(f"page {page.number}: a heading with no service after it")
            elif following.top > item.y + 0.5:
                problems.append(f"page {page.number}: a heading's first service is not below it")
    return problems


# Some languages run 30 percent longer than English: in the small formats nothing may be
# clipped, and only tips of a lower priority than the first may be left out.
def _tips_not_printed_whole(leaflet: LocalisedLeaflet, rendered: RenderedLeaflet) -> list[str]:
    text = without_page_labels(squash(pdf_text(rendered.pdf)), leaflet)
    left_out = {tip.id for tip in rendered.left_out_tips}
    problems = []
    for tip in leaflet.tips:
        if tip.id in left_out and tip.priority == 1:
            problems.append(f"tip {tip.id} of the first priority left out")
        elif tip.id not in left_out and not (squash(tip.headline) in text and squash(tip.body) in text):
            problems.append(f"tip {tip.id} not printed whole")
    return problems


def _bw_placed_apart_from_colour(
    leaflet: LocalisedLeaflet, rendered: RenderedLeaflet, name: str
) -> list[str]:
    places = []
    for layout in (rendered.layout, compose(leaflet, THEMES["bw"], FORMATS[name]).layout):
        assert layout is not None
        places.append([(i.kind, round(i.x, 2), round(i.y, 2)) for i in layout.reading_order()])
    return [] if places[0] == places[1] else ["black-and-white is laid out apart from colour"]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_audit_finds_nothing_in_any_shipped_leaflet(code: str) -> None:
    """Eight services (testville), every set and format: one sheet each, nothing to change.

    Also: every overdose-response step, A5 services headings over their services, every tip
    of opioids whole in the small formats, and (English and Arabic) black-and-white placed
    exactly as colour.
    """
    assert _findings(_leaflets(YAML_EXAMPLE, (code,))) == []


@pytest.mark.parametrize(
    ("services", "code"),
    [
        ("wadi-al-amal.ar.yaml", "ar"),
        ("shahr-e-omid.fa.yaml", "fa"),
        ("umeed-nagar.ur.yaml", "ur"),
        ("riverside.csv", "en"),
    ],
)
def test_the_audit_finds_nothing_with_the_other_example_services(services: str, code: str) -> None:
    assert _findings(_leaflets(EXAMPLES / services, (code,))) == []


def _rendered(set_id: str, code: str, fmt: str, services: Path = YAML_EXAMPLE) -> RenderedLeaflet:
    request = BuildRequest(sets=(set_id,), services=services, out=Path(), languages=(code,))
    (leaflet,), _ = localise_all(request)
    return compose(leaflet, THEMES["colour"], FORMATS[fmt])


# Defect 1: pages that do not fill.  Kyrgyz `general` and `opioids` ran to three A4 pages,
# and page 1's columns ended tens of millimetres apart.
@pytest.mark.parametrize(("set_id", "fmt"), [("general", "a4"), ("opioids", "a4"), ("selling", "letter")])
def test_kyrgyz_fits_one_sheet_with_page_one_columns_ending_together(set_id: str, fmt: str) -> None:
    rendered = _rendered(set_id, "ky", fmt)
    assert rendered.pages == 2
    assert rendered.layout is not None
    first = rendered.layout.placed[0]
    columns = first.sections[-1]
    bottoms = [column.bottom for column in columns]
    assert max(bottoms) - min(bottoms) < 2 * MM, bottoms
    assert min(bottoms) - first.body.y < 12 * MM  # and they reach down to the foot of the page


# Defect 3: tri-fold services were scattered over three panels, some without a heading, and
# the cover's lower third was empty.
def _panel_text(pdf: bytes, page: int, panel: int, fmt: str) -> list[tuple[str, float]]:
    """Each line of text in one panel, with its height above the foot of the page."""
    outside, inside = trifold_panels(FORMATS[fmt])
    area = (outside if page == 0 else inside)[panel]
    document = pypdfium2.PdfDocument(pdf)
    text = document[page].get_textpage()
    lines = []
    for index in range(text.count_rects()):
        left, bottom, right, top = text.get_rect(index)
        if left >= area.x and right <= area.x + area.width:
            lines.append((text.get_text_bounded(left, bottom, right, top), bottom))
    document.close()
    return lines


@pytest.mark.parametrize("code", ["en", "ar", "hi", "th", "ky"])
def test_trifold_services_stay_outside_under_their_heading(code: str) -> None:
    rendered = _rendered("opioids", code, "trifold-a4")
    assert rendered.layout is not None
    inside = " ".join(kind for kind in (i.kind for i in rendered.layout.placed[1].items))
    assert "service" not in inside and "heading" not in inside  # the inside is tips only
    for column in rendered.layout.placed[0].sections:
        for panel in column:
            kinds = [item.kind for item in panel.items]
            if "service" in kinds:
                assert kinds[0] == "heading", kinds  # every panel of services starts with it


@pytest.mark.parametrize("code", ["en", "ar", "hi", "th", "ky"])
def test_trifold_cover_is_filled_to_its_lower_third(code: str) -> None:
    rendered = _rendered("general", code, "trifold-a4")
    fmt = FORMATS["trifold-a4"]
    cover = 0 if code == "ar" else 2  # right-to-left leaflets open from the other side
    lowest = min(bottom for _, bottom in _panel_text(rendered.pdf, 0, cover, "trifold-a4"))
    assert lowest < fmt.height / 3, (code, lowest / MM)


# Defect 8: --bleed painted a coloured strip along the top edge, apart from the title block.
def test_bleed_area_is_left_blank(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build", "general", "--services", str(YAML_EXAMPLE), "--format", "a4", "--mode", "colour",
            "--bleed", "3mm", "--out", str(tmp_path),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    document = pypdfium2.PdfDocument(tmp_path / "general-en-a4-colour.pdf")
    page = document[0]
    left, bottom, right, top = page.get_trimbox()
    image = page.render(scale=1).to_pil().convert("RGB")  # a pixel a point
    width, height = image.size
    assert left == pytest.approx(3 * MM, abs=0.5)
    # The bands between the trim and the paper's edge, on all four sides.
    bands = [
        (0, 0, width, int(height - top)),
        (0, int(height - bottom) + 1, width, height),
        (0, 0, int(left), height),
        (int(right) + 1, 0, width, height),
    ]
    for band in bands:
        assert image.crop(band).getextrema() == ((255, 255), (255, 255), (255, 255)), band
    document.close()


# The audit as a network runs it on its own files.
def test_build_audit_reports_a_leaflet_that_needs_a_third_page(tmp_path: Path) -> None:
    lines = [
        "locality: Longtown",
        "organisation:",
        "  name: Longtown Peers (example)",
        "emergency:",
        "  - label: Ambulance",
        "    phone: '112'",
        "services:",
    ]
    for number in range(24):
        lines += [
            f"  - name: Service {number} (example)",
            "    kinds: [helpline]",
            f"    phone: '+44 1632 9601{number:02d}'",
            "    notes: Open every day. Call ahead if you need an interpreter or a quiet room.",
        ]
    services = tmp_path / "long.yaml"
    services.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(
        app,
        ["build", "general", "--services", str(services), "--mode", "bw", "--out", str(tmp_path), "--audit"],
    )
    assert result.exit_code == 1, result.output
    assert "layout: general-en-a4-bw.pdf, 3 pages: more than one sheet of a4" in result.output
    assert "list fewer services" in result.output


def test_build_audit_passes_a_shipped_leaflet(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "opioids",
            "--services",
            str(CSV_EXAMPLE),
            "--format",
            "card",
            "--out",
            str(tmp_path),
            "--audit",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "found nothing to change in 2 leaflets" in result.output
