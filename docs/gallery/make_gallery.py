"""Regenerate the README gallery: small PNG previews of leaflets, built by the installed hrleaflet.

    python docs/gallery/make_gallery.py        # from anywhere, with hrleaflet installed

Each leaflet is built from this repository's tip sets (`guidance/`) and language files
(`translations/`) and a fictional services file from `examples/`, then page 1 is rendered with
pypdfium2 and saved as a palette PNG next to this script; the phone image is the build's own
page image (`--image png --image-width 540`). Nothing is downloaded.

The output is deterministic: the same inputs, hrleaflet, pypdfium2 and Pillow give the same
bytes, and a file whose bytes would not change is not rewritten, so rerunning it without a
layout change leaves no git diff.
"""

from __future__ import annotations

import io
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pypdfium2
from PIL import Image

from hrleaflet.pipeline import BuildRequest, build

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TESTVILLE = ROOT / "examples" / "testville.yaml"
WADI_AL_AMAL = ROOT / "examples" / "wadi-al-amal.ar.yaml"

WIDTH = 400  # pixels, one portrait page
TRIFOLD_WIDTH = 420  # pixels, one landscape side of a tri-fold
GAP = 8  # white pixels between the two sides of a tri-fold
BORDER = (190, 190, 190)  # a hairline round each page, so a white page shows on a white README
COLOURS = 32  # palette size for colour leaflets
GREYS = 16  # palette size for black-and-white leaflets
MAX_BYTES = 60_000  # each image
MAX_TOTAL = 500_000  # the whole gallery
PHONE_WIDTH = 540  # pixels: the phone image is the build's own `--image png` output, as shared
MAX_PHONE_BYTES = 150_000


@dataclass(frozen=True)
class Shot:
    name: str  # the PNG's file name, without .png
    set_id: str
    language: str
    services: Path
    format: str
    mode: str
    pages: tuple[int, ...] = (1,)  # stacked top to bottom; a tri-fold shows its outside, then inside
    width: int = WIDTH


SHOTS = (
    Shot("a4-colour-en", "general", "en", TESTVILLE, "a4", "colour"),
    Shot("a4-bw-en", "general", "en", TESTVILLE, "a4", "bw"),
    Shot("trifold-a4-colour-en", "opioids", "en", TESTVILLE, "trifold-a4", "colour", (1, 2), TRIFOLD_WIDTH),
    Shot("card-colour-en", "general", "en", TESTVILLE, "card", "colour"),
    Shot("a4-colour-ar", "general", "ar", WADI_AL_AMAL, "a4", "colour"),
    Shot("a4-colour-hi", "opioids", "hi", TESTVILLE, "a4", "colour"),
)


def build_pdf(shot: Shot, out: Path) -> Path:
    request = BuildRequest(
        sets=(shot.set_id,),
        services=shot.services,
        out=out,
        languages=(shot.language,),
        modes=(shot.mode,),
        formats=(shot.format,),
        guidance=ROOT / "guidance",
        translations=ROOT / "translations",
    )
    (built,) = build(request)
    return built.path


def render_page(pdf: Path, index: int, width: int) -> Image.Image:
    """One page at `width` pixels (rendered at that size: pdfium's hinting keeps small text crisp)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        page = document[index]
        bitmap = page.render(scale=(width - 2) / page.get_width())
        image: Image.Image = bitmap.to_pil().convert("RGB")
    finally:
        document.close()
    framed = Image.new("RGB", (image.width + 2, image.height + 2), BORDER)
    framed.paste(image, (1, 1))
    return framed


def stack(images: list[Image.Image]) -> Image.Image:
    width = max(image.width for image in images)
    height = sum(image.height for image in images) + GAP * (len(images) - 1)
    sheet = Image.new("RGB", (width, height), (255, 255, 255))
    y = 0
    for image in images:
        sheet.paste(image, (0, y))
        y += image.height + GAP
    return sheet


def to_png(image: Image.Image, mode: str) -> bytes:
    """A small palette PNG: few colours, no dithering (flat colours and text compress well)."""
    if mode == "bw":
        small = image.convert("L").quantize(colors=GREYS, dither=Image.Dither.NONE)
    else:
        small = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    small.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def make(shot: Shot, scratch: Path) -> bytes:
    pdf = build_pdf(shot, scratch)
    return to_png(stack([render_page(pdf, page - 1, shot.width) for page in shot.pages]), shot.mode)


def make_phone(scratch: Path) -> bytes:
    """Page 1 of `general` in English from `--format phone --image png --image-width 540`."""
    request = BuildRequest(
        sets=("general",),
        services=TESTVILLE,
        out=scratch,
        languages=("en",),
        modes=("colour",),
        formats=("phone",),
        guidance=ROOT / "guidance",
        translations=ROOT / "translations",
        image="png",
        image_width=PHONE_WIDTH,
    )
    (built,) = build(request)
    return built.images[0].read_bytes()


def main() -> int:
    total = 0
    too_big = []
    with tempfile.TemporaryDirectory(prefix="hrleaflet-gallery-") as scratch:
        made = [(shot.name, make(shot, Path(scratch)), MAX_BYTES) for shot in SHOTS]
        made.append(("phone-en", make_phone(Path(scratch)), MAX_PHONE_BYTES))
        for name, data, limit in made:
            target = HERE / f"{name}.png"
            changed = not target.exists() or target.read_bytes() != data
            if changed:
                target.write_bytes(data)
            total += len(data)
            if len(data) > limit:
                too_big.append(name)
            state = "written" if changed else "unchanged"
            sys.stdout.write(f"{target.relative_to(ROOT)}  {len(data) / 1000:.1f} kB  {state}\n")
    sys.stdout.write(f"total {total / 1000:.1f} kB\n")
    if too_big or total > MAX_TOTAL:
        sys.stderr.write(
            f"Over budget ({MAX_BYTES // 1000} kB each, {MAX_PHONE_BYTES // 1000} kB the phone image, "
            f"{MAX_TOTAL // 1000} kB in all): "
            f"{', '.join(too_big) or 'total'}; lower COLOURS or WIDTH.\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
