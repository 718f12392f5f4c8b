"""Page images for messaging apps (issue 17, item 2), through the command line: one image and
one .txt of the page's words per page, at the width asked for, the same bytes every time,
small enough for a messaging app, and alt text that says what the page says, in any script."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from PIL import Image, features
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.services import load_services
from hrleaflet.i18n.leaflet import LocalisedLeaflet
from hrleaflet.pipeline import BuildRequest, localise_all

from .conftest import YAML_EXAMPLE, squash

runner = CliRunner()
LANGUAGES = ("en", "ar", "hi")


def invoke(out: Path, *options: str) -> Any:
    """`hrleaflet build general` with the example services into `out`, and `options`: the
    CliRunner's result (click's class in older Typer, Typer's own in newer)."""
    arguments = ["build", "general", "--services", str(YAML_EXAMPLE), "--out", str(out), *options]
    result = runner.invoke(app, arguments)
    assert "Traceback" not in result.output
    return result


def build(out: Path, *options: str) -> None:
    result = invoke(out, "--mode", "colour", *options)
    assert result.exit_code == 0, result.output


def pages(pdf: Path) -> int:
    return len(pypdfium2.PdfDocument(pdf))


@pytest.fixture(scope="module")
def phone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("phone")
    build(out, "--format", "phone", "--image", "png", *(f"--lang={code}" for code in LANGUAGES))
    return out


@pytest.fixture(scope="module")
def leaflets() -> dict[str, LocalisedLeaflet]:
    request = BuildRequest(sets=("general",), services=YAML_EXAMPLE, out=Path(), languages=LANGUAGES)
    return {leaflet.locale.code: leaflet for leaflet in localise_all(request)[0]}


def images_of(folder: Path, code: str, kind: str = "png") -> list[Path]:
    found = sorted(
        folder.glob(f"general-{code}-*-colour-*.{kind}"), key=lambda p: int(p.stem.rsplit("-", 1)[1])
    )
    assert found, f"no {kind} images for {code} in {folder}"
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_phone_png_is_one_1080_px_image_and_one_text_per_page(phone: Path, code: str) -> None:
    pdf = phone / f"general-{code}-phone-colour.pdf"
    images = images_of(phone, code)
    assert [p.name for p in images] == [
        f"general-{code}-phone-colour-{n}.png" for n in range(1, pages(pdf) + 1)
    ]
    for path in images:
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert image.width == 1080
            assert abs(image.height / image.width - 16 / 9) < 0.01  # the phone format is 9:16
        assert path.with_suffix(".txt").read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("code", LANGUAGES)
def test_text_beside_each_image_holds_the_page_words(
    phone: Path, leaflets: dict[str, LocalisedLeaflet], code: str
) -> None:
    leaflet = leaflets[code]
    texts = [p.with_suffix(".txt").read_text(encoding="utf-8") for p in images_of(phone, code)]
    first = texts[0]
    # The emergency numbers exactly as typed in the services file, and the title, on page 1.
    assert "112" in first.splitlines()
    assert "+44 1632 960101" in first.splitlines()
    # Each number straight after its label, as a reader hears it: on a phone the label takes a
    # line of its own above the number, which is a link inside the label's paragraph.
    for number in load_services(YAML_EXAMPLE).emergency:
        assert f"{number.label}:\n{number.phone}\n" in re.sub(r"(?<!:)\n(?!\n)", " ", first)
    assert squash(leaflet.title) in squash(first)
    # Every tip headline, as translated, on some page: right-to-left and Indic text read as written.
    for tip in leaflet.tips:
        assert any(squash(tip.headline) in squash(text) for text in texts), tip.headline
        assert any(squash(tip.body) in squash(text) for text in texts), tip.id


def test_arabic_alt_text_keeps_numbers_and_spaces_in_place(phone: Path) -> None:
    """pdfium's own extraction gives "):(example" and "كوفيد 19،" here; the alt text must not."""
    text = images_of(phone, "ar")[0].with_suffix(".txt").read_text(encoding="utf-8")
    assert "(example):" in text
    assert "تنتقل الجراثيم، مثل فيروس كوفيد-19، بين الناس" in text


@pytest.mark.parametrize("code", LANGUAGES)
def test_page_text_is_clean(phone: Path, code: str) -> None:
    for path in images_of(phone, code):
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]", text)
        assert not re.search(r"[ \t]$", text, re.MULTILINE)
        assert "\n\n\n" not in text
        assert text.endswith("\n") and not text.endswith("\n\n")


def test_a4_images_are_150_dpi_by_default(tmp_path: Path) -> None:
    build(tmp_path, "--format", "a4", "--image", "png")
    images = images_of(tmp_path, "en")
    assert len(images) == pages(tmp_path / "general-en-a4-colour.pdf")
    for path in images:
        with Image.open(path) as image:
            assert image.size[0] == 1240  # 210 mm at 150 dpi


def test_image_width_is_respected(tmp_path: Path) -> None:
    build(tmp_path, "--format", "phone", "--image", "png", "--image-width", "720")
    for path in images_of(tmp_path, "en"):
        with Image.open(path) as image:
            assert image.width == 720


def test_too_small_an_image_width_is_a_clear_error(tmp_path: Path) -> None:
    result = invoke(tmp_path, "--format", "phone", "--image", "png", "--image-width", "50")
    assert result.exit_code == 2
    assert "--image-width" in result.output
    assert not list(tmp_path.glob("*.png"))


def test_two_runs_give_identical_bytes(phone: Path, tmp_path: Path) -> None:
    build(tmp_path, "--format", "phone", "--image", "png", "--lang=ar")
    first = images_of(phone, "ar")
    second = images_of(tmp_path, "ar")
    assert [p.name for p in first] == [p.name for p in second]
    for one, other in zip(first, second, strict=True):
        assert one.read_bytes() == other.read_bytes(), one.name
        assert one.with_suffix(".txt").read_bytes() == other.with_suffix(".txt").read_bytes()


def test_png_has_no_timestamp_or_text_chunks(phone: Path) -> None:
    data = images_of(phone, "en")[0].read_bytes()
    for chunk in (b"tIME", b"tEXt", b"iTXt", b"zTXt", b"eXIf"):
        assert chunk not in data


@pytest.mark.parametrize("code", ["ar", "hi", "ky"])
def test_phone_pages_fit_a_messaging_app(phone: Path, tmp_path: Path, code: str) -> None:
    """Under 500 KB a page, for the longest language (Kyrgyz) and the scripts with the most ink."""
    folder = phone
    if code not in LANGUAGES:
        build(tmp_path, "--format", "phone", "--image", "png", f"--lang={code}")
        folder = tmp_path
    for path in images_of(folder, code):
        assert path.stat().st_size < 500_000, f"{path.name}: {path.stat().st_size} bytes"


@pytest.mark.skipif(not features.check("webp"), reason="this Pillow has no WebP support")
def test_webp_images_are_written_and_repeatable(tmp_path: Path) -> None:
    build(tmp_path / "one", "--format", "phone", "--image", "webp")
    build(tmp_path / "two", "--format", "phone", "--image", "webp")
    first, second = images_of(tmp_path / "one", "en", "webp"), images_of(tmp_path / "two", "en", "webp")
    assert len(first) == pages(tmp_path / "one" / "general-en-phone-colour.pdf")
    for one, other in zip(first, second, strict=True):
        with Image.open(one) as image:
            assert image.format == "WEBP"
            assert image.width == 1080
        assert one.read_bytes() == other.read_bytes()
        assert one.with_suffix(".txt").is_file()


def test_webp_without_pillow_support_names_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(features, "check", lambda name: name != "webp")
    result = invoke(tmp_path, "--format", "phone", "--mode", "colour", "--image", "webp")
    assert result.exit_code == 2
    assert "--image webp" in result.output
    assert "--image png" in result.output
