"""A batch previews each page 1 that looks the same once: its identity must tell every
different page 1 apart, and a preview made once must be the one a fresh render makes."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrleaflet import review_page
from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, build
from hrleaflet.render.blocks import text
from hrleaflet.render.flow import new_canvas
from hrleaflet.render.styles import make_styles
from hrleaflet.render.text.fonts import families_for
from hrleaflet.render.themes import COLOUR

from .conftest import YAML_EXAMPLE


def _leaflet(tmp_path: Path, name: str, services_text: str, language: str = "en") -> BuiltLeaflet:
    services = tmp_path / f"{name}.yaml"
    services.write_text(services_text, encoding="utf-8")
    request = BuildRequest(
        sets=("general",), services=services, out=tmp_path / name, languages=(language,), modes=("bw",)
    )
    (built,) = build(request)
    return built


def test_page_1_is_the_same_across_towns_and_differs_where_it_prints_something_else(
    tmp_path: Path,
) -> None:
    example = YAML_EXAMPLE.read_text(encoding="utf-8")
    north = _leaflet(tmp_path, "north", example.replace("Testville", "North Town"))
    south = _leaflet(tmp_path, "south", example.replace("Testville", "South Town"))
    other_number = _leaflet(tmp_path, "number", example.replace("+44 1632 960101", "+44 1632 960109"))
    arabic = _leaflet(tmp_path, "arabic", example, "ar")
    assert north.first_page and north.first_page == south.first_page  # only page 2 names the town
    assert north.path.read_bytes() != south.path.read_bytes()
    assert other_number.first_page != north.first_page  # the emergency band is on page 1
    assert arabic.first_page != north.first_page


def test_two_words_written_with_the_same_codes_are_two_page_1s(tmp_path: Path) -> None:
    """A document's glyph codes are handed out in the order it draws: "ab" and "cd" on a page
    of their own are the same operators, codes 33 and 34, and must not share a preview."""
    styles = make_styles(COLOUR, families_for("en"), "en", False, 10.0)
    made = {}
    for word in ("ab", "cd"):
        canvas, _ = new_canvas((200, 100), None, families_for("en")[0].regular.reportlab.fontName)
        paragraph = text(word, styles.body)
        paragraph.wrap(160, 60)
        paragraph.drawOn(canvas, 20, 50)
        canvas.showPage()
        canvas.save()
        made[word] = (canvas._doc.Pages.pages[0].stream, canvas.first_page)
    assert b"TJ" in made["ab"][0], "the word is drawn"
    assert made["ab"][0] == made["cd"][0], "the test needs two pages of the same operators"
    assert made["ab"][1] != made["cd"][1]


def test_a_preview_made_once_is_the_preview_of_each_page_1_alike(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    example = YAML_EXAMPLE.read_text(encoding="utf-8")
    north = _leaflet(tmp_path, "north", example.replace("Testville", "North Town"))
    south = _leaflet(tmp_path, "south", example.replace("Testville", "South Town"))
    monkeypatch.setattr(review_page, "_PREVIEWS", {})
    rendered: list[Path] = []
    real = review_page._preview

    def counted(leaflet: Path) -> bytes:
        rendered.append(leaflet)
        return real(leaflet)

    monkeypatch.setattr(review_page, "_preview", counted)
    out = tmp_path / "out"
    for built in (north, south):
        review_page.write_preview(out, built.path, built.first_page)
    assert rendered == [north.path], "page 1 alike: rendered once"
    fresh = real(south.path)
    assert review_page.preview_path(out, south.path).read_bytes() == fresh
