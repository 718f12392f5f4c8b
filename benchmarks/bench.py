"""hrleaflet benchmark: one run measures everything benchmarks/README.md records.

    python benchmarks/bench.py            # from the project root, with hrleaflet installed

Figures are medians.  "Floor" is the same text laid out by a bare ReportLab document
(platypus paragraphs, the same Noto fonts, no shaping, no bidi, no fitting): what a
leaflet costs before everything that makes ours correct in every script.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "testville.yaml"


def median_ms(action: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def leaflets(languages: tuple[str, ...]) -> list[object]:
    from hrleaflet.pipeline import BuildRequest, localise_all

    request = BuildRequest(sets=("all",), services=EXAMPLE, out=Path(), languages=languages)
    return list(localise_all(request)[0])


def render_times() -> dict[str, float]:
    """Median ms for one A4 black-and-white leaflet, warm (fonts loaded), per language."""
    from hrleaflet.render.compose import compose
    from hrleaflet.render.formats import FORMATS
    from hrleaflet.render.text.layout import _LAYOUTS
    from hrleaflet.render.themes import THEMES

    results = {}
    for code in ("en", "hi", "ar"):
        items = leaflets((code,))
        for item in items:  # warm up: fonts, bold instances
            compose(item, THEMES["bw"], FORMATS["a4"])  # type: ignore[arg-type]

        def one_pass(batch: list[object] = items) -> None:
            _LAYOUTS.clear()  # a fresh leaflet: nothing laid out before
            for item in batch:
                compose(item, THEMES["bw"], FORMATS["a4"])  # type: ignore[arg-type]

        results[code] = median_ms(one_pass, 5) / len(items)
    return results


def floor_time() -> float:
    """Median ms for the same English text in a bare ReportLab document with the same fonts."""
    import io
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from hrleaflet.render.text.fonts import families_for

    family = families_for("en")[0]
    pdfmetrics.registerFont(TTFont("FloorRegular", str(family.regular_path)))
    pdfmetrics.registerFont(TTFont("FloorBold", str(family.bold.path)))
    body = ParagraphStyle("b", fontName="FloorRegular", fontSize=10, leading=13)
    bold = ParagraphStyle("h", fontName="FloorBold", fontSize=11, leading=14)
    items = leaflets(("en",))

    def story(item: object) -> list[object]:
        flow: list[object] = [Paragraph(escape(item.title), bold), Paragraph(escape(item.intro), body)]  # type: ignore[attr-defined]
        for tip in item.tips:  # type: ignore[attr-defined]
            flow += [Paragraph(escape(tip.headline), bold), Paragraph(escape(tip.body), body)]
        for service in item.services.services:  # type: ignore[attr-defined]
            flow.append(
                Paragraph(escape(f"{service.name} {service.address or ''} {service.phone or ''}"), body)
            )
        return flow

    def one_pass() -> None:
        for item in items:
            SimpleDocTemplate(io.BytesIO(), invariant=1, initialFontName="FloorRegular").build(story(item))

    one_pass()
    return median_ms(one_pass, 5) / len(items)


def batch_times(localities: int) -> tuple[float, float, int]:
    """Seconds for a batch (English, 4 sets, black-and-white, A4) with 1 process and with all cores."""
    from hrleaflet.batch import default_workers, plan, run
    from hrleaflet.paths import guidance_dir, translations_dir

    folder = Path(tempfile.mkdtemp())
    shutil.copy(EXAMPLE, folder / "testville.yaml")
    lines = ["defaults: {sets: [all], languages: [en], modes: [bw], formats: [a4]}", "localities:"]
    lines += [f"  - {{name: 'Town {n}', services: testville.yaml}}" for n in range(localities)]
    manifest = folder / "network.yaml"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    jobs = plan(manifest, guidance_dir(), translations_dir())
    timings = []
    for workers in (1, default_workers()):
        start = time.perf_counter()
        run(jobs, folder / "out", workers=workers, force=True)
        timings.append(time.perf_counter() - start)
    shutil.rmtree(folder)
    return timings[0], timings[1], localities * 4


def cold_start_ms(arguments: list[str], rounds: int) -> float:
    command = [sys.executable, "-m", "hrleaflet", *arguments]
    return median_ms(lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT), rounds)


def sizes_kb() -> dict[str, float]:
    from hrleaflet.pipeline import BuildRequest, build

    out = Path(tempfile.mkdtemp())
    result = {}
    for code in ("en", "fr", "ru", "ar", "fa", "hi", "bn", "th"):
        built = build(
            BuildRequest(sets=("all",), services=EXAMPLE, out=out, languages=(code,), modes=("bw",))
        )
        result[code] = statistics.median(item.size for item in built) / 1024
    shutil.rmtree(out)
    return result


def main() -> None:
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    floor = floor_time()
    renders = render_times()
    print("\n| measure | median | ratio to floor |\n|---|---|---|")
    print(f"| floor: bare ReportLab, same text and fonts | {floor:.1f} ms | 1.0 |")
    for code, value in renders.items():
        print(f"| one A4 leaflet, {code} | {value:.1f} ms | {value / floor:.1f} |")
    single, parallel, count = batch_times(localities=6)
    for label, seconds in (
        (f"batch of {count}, 1 process", single),
        (f"batch of {count}, all cores", parallel),
    ):
        each = seconds / count * 1000
        print(f"| {label}, per leaflet | {each:.1f} ms | {each / floor:.1f} |")
    print(f"| batch speed-up, all cores over 1 | {single / parallel:.2f}x | |")
    print(f"| cold start: hrleaflet --help | {cold_start_ms(['--help'], 7):.0f} ms | |")
    out = tempfile.mkdtemp()
    build_args = ["build", "opioids", "-s", str(EXAMPLE), "-m", "bw", "-o", out]
    print(f"| cold start: one hrleaflet build | {cold_start_ms(build_args, 5):.0f} ms | |")
    shutil.rmtree(out)
    for code, value in sizes_kb().items():
        print(f"| PDF size, {code} (median of 4 sets) | {value:.0f} KB | |")


if __name__ == "__main__":
    main()
