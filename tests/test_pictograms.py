"""The pictograms: one for every icon name, visible but not a blob, grey in black-and-white."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2
import pytest
from PIL import Image, ImageChops
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import SimpleDocTemplate

from hrleaflet.content.guidance import load_tip_set
from hrleaflet.content.vocabulary import ICON_NAMES
from hrleaflet.paths import guidance_dir
from hrleaflet.render.pictograms import (
    ICONS,
    Pictogram,
    draw_pictogram,
    forget_drawn,
    icon_sheet,
    icon_sheet_positions,
)
from hrleaflet.render.themes import RGB

BLACK: RGB = (0.0, 0.0, 0.0)
WHITE: RGB = (1.0, 1.0, 1.0)
TEAL: RGB = (0.0, 0.35, 0.37)
SCALE = 2  # pixels per point


def _render_sheet(ink: RGB, paper: RGB) -> Image.Image:
    buffer = io.BytesIO()
    icon_sheet(buffer, ink, paper)
    document = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        assert len(document) == 1
        image: Image.Image = document[0].render(scale=SCALE).to_pil().convert("RGB")
        return image
    finally:
        document.close()


@pytest.fixture(scope="module")
def black_sheet() -> Image.Image:
    return _render_sheet(BLACK, WHITE)


@pytest.fixture(scope="module")
def teal_sheet() -> Image.Image:
    return _render_sheet(TEAL, WHITE)


def _dark_share(image: Image.Image, box: tuple[float, float, float]) -> float:
    x, y, size = box
    top = A4[1] - y - size
    crop = image.crop(
        (round(x * SCALE), round(top * SCALE), round((x + size) * SCALE), round((top + size) * SCALE))
    )
    grey = crop.convert("L")
    return sum(grey.histogram()[:128]) / (grey.width * grey.height)


SHIPPED_SETS = sorted(guidance_dir().glob("*.yaml"))


def _render_alone(name: str, ink: RGB, size: float = 50, margin: float = 25, scale: float = 4) -> Image.Image:
    """The icon on its own page, with `margin` points of paper all round it."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(size + 2 * margin, size + 2 * margin))
    draw_pictogram(canvas, name, margin, margin, size, ink, WHITE)
    canvas.showPage()
    canvas.save()
    document = pypdfium2.PdfDocument(buffer.getvalue())
    try:
        image: Image.Image = document[0].render(scale=scale).to_pil().convert("RGB")
        return image
    finally:
        document.close()


def test_every_icon_name_has_a_pictogram_and_no_more() -> None:
    # Same names in the same order: the `icons` sheet and the JSON Schema list them this way.
    assert list(ICONS) == list(ICON_NAMES)


@pytest.mark.parametrize("path", SHIPPED_SETS, ids=[path.stem for path in SHIPPED_SETS])
def test_no_two_tips_in_a_set_share_a_pictogram(path: Path) -> None:
    tips = load_tip_set(path).tips
    by_icon: dict[str, list[str]] = {}
    for tip in tips:
        by_icon.setdefault(tip.icon, []).append(tip.id)
    shared = {icon: ids for icon, ids in by_icon.items() if len(ids) > 1}
    assert not shared, f"{path.name}: one pictogram for several tips: {shared}"


@pytest.mark.parametrize(
    "name",
    ICON_NAMES,
)
def test_an_icon_draws_nothing_outside_its_box(name: str) -> None:
    size, margin, scale = 50, 25, 4
    image = _render_alone(name, BLACK, size, margin, scale)
    box = image.convert("L").point(lambda v: 255 if v < 255 else 0).getbbox()
    assert box is not None, f"{name} draws nothing"
    low, high = margin * scale - 1, (margin + size) * scale + 1  # a pixel of anti-aliasing
    left, top, right, bottom = box
    assert low <= left and low <= top and right <= high and bottom <= high, (name, box, (low, high))


def test_no_two_icons_look_alike() -> None:
    seen: dict[bytes, str] = {}
    for name in ICON_NAMES:
        pixels = _render_alone(name, BLACK, size=9 * 72 / 25.4, margin=2, scale=SCALE * 2).tobytes()
        assert pixels not in seen, (name, seen.get(pixels))
        seen[pixels] = name


def test_every_icon_on_the_sheet_is_visible_but_not_a_blob(black_sheet: Image.Image) -> None:
    positions = icon_sheet_positions()
    assert set(positions) == set(ICON_NAMES)
    for name, boxes in positions.items():
        for box in boxes:
            share = _dark_share(black_sheet, box)
            assert 0.05 < share < 0.70, (name, box[2], share)


def test_sheet_cells_do_not_overlap_and_fit_the_page() -> None:
    boxes = [box for pair in icon_sheet_positions().values() for box in pair]
    for x, y, size in boxes:
        assert x >= 0 and x + size <= A4[0] and y >= 0 and y + size <= A4[1]
    for i, (x1, y1, s1) in enumerate(boxes):
        for x2, y2, s2 in boxes[i + 1 :]:
            assert x1 + s1 <= x2 or x2 + s2 <= x1 or y1 + s1 <= y2 or y2 + s2 <= y1


def test_black_and_white_sheet_has_no_coloured_pixel(black_sheet: Image.Image) -> None:
    red, green, blue = black_sheet.split()
    assert ImageChops.difference(red, green).getbbox() is None
    assert ImageChops.difference(green, blue).getbbox() is None
    assert black_sheet.convert("L").getextrema() == (0, 255)  # real black ink, real white paper


def test_colour_sheet_has_colour_and_only_blends_of_ink_and_paper(teal_sheet: Image.Image) -> None:
    found = teal_sheet.getcolors(maxcolors=1 << 20)
    assert found is not None
    colours = [pixel for _, pixel in found if isinstance(pixel, tuple)]
    assert len(colours) == len(found)
    assert any(len(set(pixel)) > 1 for pixel in colours)
    # Anti-aliasing mixes ink into paper; any other colour would come from somewhere else.
    ink = [round(v * 255) for v in TEAL]
    for pixel in colours:
        t = (255 - pixel[0]) / 255  # share of ink, read from the red channel (ink red is 0)
        expected = [round(255 + t * (v - 255)) for v in ink]
        assert all(abs(p - e) <= 3 for p, e in zip(pixel, expected, strict=True)), pixel


def test_unknown_name_raises_key_error() -> None:
    canvas = Canvas(io.BytesIO())
    with pytest.raises(KeyError, match="no-such-icon"):
        draw_pictogram(canvas, "no-such-icon", 0, 0, 20, BLACK, WHITE)
    with pytest.raises(KeyError):
        Pictogram("no-such-icon", 20, BLACK, WHITE)


def test_pictogram_flowable_takes_its_size_and_draws() -> None:
    flowable = Pictogram("naloxone", 30, BLACK, WHITE)
    assert flowable.wrap(500, 500) == (30, 30)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build([flowable])
    assert buffer.getvalue().startswith(b"%PDF")


def test_drawing_leaves_the_canvas_state_as_it_was() -> None:
    canvas = Canvas(io.BytesIO())
    canvas.setFillColorRGB(0.2, 0.4, 0.6)
    canvas.setLineWidth(3)
    before = (canvas._fillColorObj, canvas._lineWidth, canvas._x, canvas._y)
    for name in ICON_NAMES:
        draw_pictogram(canvas, name, 10, 10, 25, TEAL, WHITE)
    assert (canvas._fillColorObj, canvas._lineWidth, canvas._x, canvas._y) == before


def test_an_icon_drawn_again_from_memory_is_drawn_as_afresh() -> None:
    """A process draws each icon once (by name and colours) and repeats its operators: the page
    must be the same as with every icon drawn afresh, wherever, at whatever size, in whatever
    colours."""
    draws = [
        ("naloxone", 10, 20, 30, BLACK, WHITE),
        ("naloxone", 100, 200, 12.5, BLACK, WHITE),
        ("naloxone", 100, 200, 12.5, TEAL, WHITE),
        ("no-sharing", 7, 300, 44, TEAL, WHITE),
        ("naloxone", 0, 0, 100, BLACK, TEAL),
        ("no-sharing", 400, 30, 9, TEAL, WHITE),
    ]

    def page(afresh: bool) -> bytes:
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=A4, invariant=True)
        for name, x, y, size, ink, paper in draws:
            if afresh:
                forget_drawn()
            draw_pictogram(canvas, name, x, y, size, ink, paper)
        canvas.save()
        return buffer.getvalue()

    forget_drawn()
    assert page(afresh=False) == page(afresh=True)
