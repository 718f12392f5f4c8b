"""hrleaflet benchmark: one run measures every figure of issue 18's targets, with the target
and whether it is met.

    python benchmarks/bench.py            # from the project root, with hrleaflet installed
    python benchmarks/bench.py --quick    # fewer rounds, sizes of 9 languages only

Figures are medians.  "Floor" is the same English text laid out by a bare ReportLab document
(platypus paragraphs, the same Noto fonts, no shaping, no bidi, no fitting): what a leaflet
costs before everything that makes ours correct in every script.  The floor is measured next to
each measurement (a leaflet's ratio is the median of its ratios to the floor taken just before
it, round by round), so that ratios stay fair on a machine others use at the same time.  Typst
(the `typst` package, optional; skipped with a reason when it is not installed) sets the same
text in the same font, as the fastest peer.  Sizes: every tip set in every shipped language,
A4, both modes (`--quick`: 9 languages).  The process collects cyclic garbage as `hrleaflet`
does (`collect_as_the_cli_does`), the floor included.
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
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "testville.yaml"
# The leaflet and batch targets (issue 18): ratios to the floor.
LEAFLET_TARGETS = {"en": 2.0, "hi": 3.0, "ar": 4.0}
BATCH_SETS = ("general", "opioids", "buying", "selling")
BATCH_LANGUAGES = ("en", "ar")
BATCH_LOCALITIES = 6
BATCH_TARGET, BATCH_MOONSHOT = 1.0, 0.5
HELP_TARGET_MS, BUILD_TARGET_MS = 200.0, 600.0
SIZE_LIMIT_KB, ENGLISH_MEDIAN_KB = 100.0, 30.0
QUICK_LANGUAGES = ("en", "fr", "ru", "ar", "fa", "ur", "hi", "bn", "th")


@dataclass(frozen=True)
class Figure:
    measure: str
    value: str
    ratio: float | None = None  # to the floor
    target: str = ""
    met: bool | None = None  # None: a figure without a target

    def row(self) -> str:
        ratio = "" if self.ratio is None else f"{self.ratio:.2f}"
        verdict = "" if self.met is None else ("met" if self.met else "not met")
        return f"| {self.measure} | {self.value} | {ratio} | {self.target} | {verdict} |"


def samples_ms(action: Callable[[], object], rounds: int) -> list[float]:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_ms(action: Callable[[], object], rounds: int) -> float:
    return statistics.median(samples_ms(action, rounds))


def leaflets(languages: tuple[str, ...], sets: tuple[str, ...] = BATCH_SETS) -> list[object]:
    from hrleaflet.pipeline import BuildRequest, localise_all

    request = BuildRequest(sets=sets, services=EXAMPLE, out=Path(), languages=languages)
    return list(localise_all(request)[0])


def paired(
    action: Callable[[], object], floor: Callable[[], float], rounds: int, leaflets: int
) -> tuple[float, float]:
    """Median ms per leaflet of `action` (which makes `leaflets`), and the median of its ratio to
    the floor measured just before it in each round: a ratio that holds while other work on the
    machine comes and goes."""
    times, ratios = [], []
    for _ in range(rounds):
        base = floor()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000 / leaflets)
        ratios.append(times[-1] / base)
    return statistics.median(times), statistics.median(ratios)


def render_times(
    rounds: int,
    floor: Callable[[], float],
    languages: tuple[str, ...] = tuple(LEAFLET_TARGETS),
    modes: tuple[str, ...] = ("bw",),
) -> dict[str, tuple[float, float]]:
    """Ms for one fresh A4 leaflet in `modes` (one after the other, as `build` makes them), warm
    (fonts loaded), and its ratio to the floor, per language (medians)."""
    from hrleaflet.render.compose import compose
    from hrleaflet.render.formats import FORMATS

    try:
        from hrleaflet.render.text.layout import forget_layouts
    except ImportError:  # a tree from before it existed: measure it the way it was measured then
        from hrleaflet.render.text.layout import _LAYOUTS

        forget_layouts = _LAYOUTS.clear
    from hrleaflet.render.text import shaping
    from hrleaflet.render.themes import THEMES

    # Shaped words are forgotten too (an older tree kept them in one cache): a fresh leaflet
    # shapes its text, as the first leaflet of a process does; deflates its streams and
    # draws its icons.
    forget_shapes = getattr(shaping, "forget_shapes", shaping._cache.clear)
    from hrleaflet.render import compact

    forget_deflated = getattr(compact, "forget_deflated", lambda: None)
    from hrleaflet.render import pictograms

    forget_drawn = getattr(pictograms, "forget_drawn", lambda: None)  # icons drawn before

    results = {}
    for code in languages:
        items = leaflets((code,))
        for item in items:  # warm up: fonts, bold instances
            for mode in modes:
                compose(item, THEMES[mode], FORMATS["a4"])  # type: ignore[arg-type]

        def one_pass(batch: list[object] = items) -> None:
            forget_layouts()  # a fresh leaflet: nothing shaped, laid out, analysed or deflated before
            forget_shapes()
            forget_deflated()
            forget_drawn()
            for item in batch:
                for mode in modes:
                    compose(item, THEMES[mode], FORMATS["a4"])  # type: ignore[arg-type]

        results[code] = paired(one_pass, floor, rounds, len(items))
    return results


def _story_texts(item: object) -> list[tuple[str, bool]]:
    """The text the floor and Typst set: (text, is a heading)."""
    texts = [(item.title, True), (item.intro, False)]  # type: ignore[attr-defined]
    for tip in item.tips:  # type: ignore[attr-defined]
        texts += [(tip.headline, True), (tip.body, False)]
    for service in item.services.services:  # type: ignore[attr-defined]
        texts.append((f"{service.name} {service.address or ''} {service.phone or ''}", False))
    return texts


def floor_pass() -> Callable[[], float]:
    """A pass that returns its ms per leaflet for the same English text in a bare ReportLab
    document, same fonts."""
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

    def one_pass() -> None:
        for item in items:
            story = [
                Paragraph(escape(text), bold if heading else body) for text, heading in _story_texts(item)
            ]
            SimpleDocTemplate(io.BytesIO(), invariant=1, initialFontName="FloorRegular").build(story)

    def timed() -> float:
        start = time.perf_counter()
        one_pass()
        return (time.perf_counter() - start) * 1000 / len(items)

    timed()
    return timed


def typst_time(rounds: int, floor: Callable[[], float]) -> tuple[tuple[float, float] | None, str]:
    """Ms per leaflet for Typst setting the same English text in the same font and its ratio
    to the floor (medians), or why it was not measured."""
    try:
        import typst
    except ImportError:
        return None, "skipped: the `typst` package is not installed (pip install typst)"
    from hrleaflet.render.text.fonts import families_for

    family = families_for("en")[0]
    folders = sorted({str(family.regular_path.parent), str(family.bold.path.parent)})
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False, font_paths=folders)
    names = fonts.families()
    if not names:
        return None, "skipped: Typst found no font in the floor's font folders"
    name = next((n for n in names if n.lower() == "noto sans"), names[0])
    compiler = typst.Compiler(font_paths=fonts, ignore_system_fonts=True)

    def source(item: object, round_number: int) -> bytes:
        # A margin a little different each round: Typst remembers layouts across compilations
        # (as we remember shaped runs), so each round lays the text out afresh, as ours does.
        margin = f"{25 + round_number / 1000:.3f}mm"
        lines = [f'#set page(paper: "a4", margin: {margin})', f'#set text(font: "{name}", size: 10pt)']
        for text, heading in _story_texts(item):
            # A string literal, not markup: nothing in the text is read as Typst syntax.
            literal = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
            lines.append(f'#text(weight: "bold", size: 11pt, {literal})' if heading else f"#{literal}")
            lines.append("")
        return "\n".join(lines).encode()

    items = leaflets(("en",))
    rounds_done = [0]

    def one_pass() -> None:
        rounds_done[0] += 1
        documents = [source(item, rounds_done[0]) for item in items]
        for document in documents:
            compiler.compile(input=document, format="pdf", timestamp=0)

    one_pass()
    return paired(one_pass, floor, rounds, len(items)), f"typst {typst.__version__}, font '{name}'"


ALL_CORES = 0  # a worker count for `batch_seconds`: as many workers as `hrleaflet batch` starts


def batch_seconds(worker_counts: tuple[int, ...], own_services: bool = False) -> tuple[list[float], int]:
    """Seconds for the batch of the targets (with previews), once per worker count, and how many
    leaflets it makes.

    The targets' batch gives every locality the example services file, so a set's leaflets are
    the same file in every locality.  With `own_services` each locality has its own copy, its
    town renamed, as a network's would: their services, headings and cards differ, the tips not."""
    from hrleaflet.batch import plan, run
    from hrleaflet.paths import guidance_dir, translations_dir

    try:
        from hrleaflet.workers import default_workers
    except ImportError:  # a tree from before `build` shared the batch's workers
        from hrleaflet.batch import default_workers  # type: ignore[attr-defined,no-redef]

    folder = Path(tempfile.mkdtemp())
    example = EXAMPLE.read_text(encoding="utf-8")
    for n in range(BATCH_LOCALITIES):
        town = f"Town {chr(ord('A') + n)}" if own_services else "Testville"
        (folder / f"town-{n}.yaml").write_text(example.replace("Testville", town), encoding="utf-8")
    choices = f"sets: [{', '.join(BATCH_SETS)}], languages: [{', '.join(BATCH_LANGUAGES)}]"
    lines = [f"defaults: {{{choices}, modes: [bw], formats: [a4]}}", "localities:"]
    lines += [f"  - {{name: 'Town {n}', services: town-{n}.yaml}}" for n in range(BATCH_LOCALITIES)]
    manifest = folder / "network.yaml"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    jobs = plan(manifest, guidance_dir(), translations_dir())
    timings = []
    for workers in worker_counts:
        start = time.perf_counter()
        report = run(jobs, folder / "out", workers=workers or default_workers(), force=True)
        timings.append(time.perf_counter() - start)
        if report.failed:
            raise SystemExit(f"batch failed: {report.failed[:3]}")
    shutil.rmtree(folder)
    return timings, BATCH_LOCALITIES * len(BATCH_SETS) * len(BATCH_LANGUAGES)


def cold_start_ms(arguments: list[str], rounds: int) -> float:
    """A new process as a user starts one: with the package's bytecode compiled, as `pip install`
    leaves it (an editable install under PYTHONDONTWRITEBYTECODE would compile every module on
    every start, about 70 ms a build)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("hrleaflet")
    assert spec is not None and spec.submodule_search_locations
    for folder in spec.submodule_search_locations:
        compileall.compile_dir(folder, quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    command = [sys.executable, "-m", "hrleaflet", *arguments]
    return median_ms(
        lambda: subprocess.run(command, check=True, capture_output=True, cwd=ROOT, env=env), rounds
    )


BUILD_LANGUAGES = ("en", "ar", "hi", "th")  # `hrleaflet build all`, A4, black and white


def build_seconds(jobs: int) -> tuple[float, int] | None:
    """Wall seconds of one `hrleaflet build` process making every tip set in BUILD_LANGUAGES
    with `jobs` processes (0: the default, all cores), and how many leaflets it wrote; None for
    a tree whose `build` has no `--jobs`."""
    out = tempfile.mkdtemp()
    languages = [argument for code in BUILD_LANGUAGES for argument in ("-l", code)]
    command = [sys.executable, "-m", "hrleaflet", "build", "all", "-s", str(EXAMPLE), "-m", "bw", "-o", out]
    command += languages + (["--jobs", str(jobs)] if jobs else [])
    try:
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - start
    finally:
        shutil.rmtree(out)
    if done.returncode == 2 and "--jobs" in done.stderr:
        return None
    if done.returncode != 0:
        raise SystemExit(f"build failed: {done.stderr[-300:]}")
    return seconds, done.stdout.count("wrote ")


def _language_sizes(code: str) -> tuple[str, dict[str, float] | str]:
    """KB of every tip set's A4 leaflet in one language, both modes (or why none was built)."""
    from hrleaflet.errors import HrleafletError
    from hrleaflet.pipeline import BuildRequest, build

    out = Path(tempfile.mkdtemp())
    try:
        built = build(
            BuildRequest(sets=("all",), services=EXAMPLE, out=out, languages=(code,), modes=("bw", "colour"))
        )
    except HrleafletError as error:
        return code, str(error).splitlines()[0][:80]
    finally:
        shutil.rmtree(out)
    return code, {item.path.name: item.size / 1024 for item in built}


def sizes_kb(quick: bool) -> tuple[dict[str, dict[str, float]], dict[str, str]]:
    """Leaflet sizes by language and file name, and the languages that could not be built."""
    from hrleaflet.i18n.languages import available_locales
    from hrleaflet.paths import translations_dir

    codes = QUICK_LANGUAGES if quick else tuple(available_locales(translations_dir()))
    sizes: dict[str, dict[str, float]] = {}
    skipped: dict[str, str] = {}
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for code, found in pool.map(_language_sizes, codes):
            if isinstance(found, str):
                skipped[code] = found
            else:
                sizes[code] = found
    return sizes, skipped


def _time_figures(quick: bool) -> list[Figure]:
    rounds = 3 if quick else 7
    floor = floor_pass()
    renders = render_times(rounds, floor)
    both_modes = render_times(rounds, floor, ("en", "ar"), ("colour", "bw"))
    peer, peer_note = typst_time(rounds, floor)
    # The batch runs once per worker count: the floor is taken just before and just after it.
    around = [floor() for _ in range(3)]
    (single, parallel), count = batch_seconds((1, ALL_CORES))
    (own,), _ = batch_seconds((ALL_CORES,), own_services=True)
    around += [floor() for _ in range(3)]
    one_process, every_core = build_seconds(1), build_seconds(0)
    help_ms = cold_start_ms(["--help"], 7)
    out = tempfile.mkdtemp()
    build_args = ["build", "opioids", "-s", str(EXAMPLE), "-m", "bw", "-o", out]
    build_ms = cold_start_ms(build_args, 5)
    shutil.rmtree(out)
    figures = [
        Figure(
            "floor: bare ReportLab, same English text and fonts", f"{statistics.median(around):.1f} ms", 1.0
        )
    ]
    for code, (value, ratio) in renders.items():
        limit = LEAFLET_TARGETS[code]
        figures.append(
            Figure(f"one fresh A4 leaflet, {code}", f"{value:.1f} ms", ratio, f"≤ {limit:g}×", ratio <= limit)
        )
    for code, (value, ratio) in both_modes.items():
        # `build`'s default: the black-and-white leaflet reuses the colour one's lines.
        label = f"one fresh A4 leaflet in both modes (colour, then black and white), {code}"
        figures.append(Figure(label, f"{value:.1f} ms", ratio))
    if peer is None:
        figures.append(Figure(f"peer: Typst, same text and font ({peer_note})", "—"))
    else:
        figures.append(Figure(f"peer: Typst, same text and font ({peer_note})", f"{peer[0]:.1f} ms", peer[1]))
        figures.append(Figure("one fresh A4 leaflet, en, over Typst", f"{renders['en'][1] / peer[1]:.1f}×"))
    languages = "+".join(BATCH_LANGUAGES)
    label = (
        f"batch of {count} ({BATCH_LOCALITIES} localities, one services file × {len(BATCH_SETS)} sets"
        f" × {languages}, previews)"
    )
    base = statistics.median(around)
    each_single, each_parallel = single / count * 1000, parallel / count * 1000
    figures.append(Figure(f"{label}, 1 process, per leaflet", f"{each_single:.1f} ms", each_single / base))
    ratio = each_parallel / base
    figures.append(
        Figure(
            f"{label}, all cores, per leaflet",
            f"{each_parallel:.1f} ms",
            ratio,
            f"≤ {BATCH_TARGET:g}×",
            ratio <= BATCH_TARGET,
        )
    )
    figures.append(
        Figure("batch, all cores: the moonshot", "", ratio, f"≤ {BATCH_MOONSHOT:g}×", ratio <= BATCH_MOONSHOT)
    )
    figures.append(Figure("batch speed-up, all cores over 1", f"{single / parallel:.2f}×"))
    each_own = own / count * 1000
    # Localities sharing one services file make the same files, which a batch makes once and
    # copies: the figure above.  A network's towns each have their own, as here; the target
    # stands against both.
    figures.append(
        Figure(
            "the same batch, all cores, each locality its own services, per leaflet",
            f"{each_own:.1f} ms",
            each_own / base,
            f"≤ {BATCH_TARGET:g}×",
            each_own / base <= BATCH_TARGET,
        )
    )
    if one_process is None or every_core is None:
        figures.append(Figure("hrleaflet build, all cores over --jobs 1 (this tree has no --jobs)", "—"))
    else:
        what = f"hrleaflet build all -l {','.join(BUILD_LANGUAGES)} (A4, bw: {every_core[1]} leaflets)"
        figures.append(Figure(f"{what}, --jobs 1", f"{one_process[0]:.1f} s"))
        figures.append(Figure(f"{what}, all cores", f"{every_core[0]:.1f} s"))
        speed_up = one_process[0] / every_core[0]
        figures.append(Figure("hrleaflet build speed-up, all cores over 1", f"{speed_up:.2f}×"))
    figures.append(
        Figure(
            "cold start: hrleaflet --help",
            f"{help_ms:.0f} ms",
            None,
            f"≤ {HELP_TARGET_MS:.0f} ms",
            help_ms <= HELP_TARGET_MS,
        )
    )
    figures.append(
        Figure(
            "cold start: one hrleaflet build (1 leaflet, fonts cached)",
            f"{build_ms:.0f} ms",
            None,
            f"≤ {BUILD_TARGET_MS:.0f} ms",
            build_ms <= BUILD_TARGET_MS,
        )
    )
    return figures


def _size_figures(quick: bool) -> list[Figure]:
    sizes, skipped = sizes_kb(quick)
    every = [(kb, f"{code}/{name}") for code, found in sizes.items() for name, kb in found.items()]
    largest, which = max(every)
    over = sorted({name.split("/")[0] for kb, name in every if kb > SIZE_LIMIT_KB})
    scope = f"{len(sizes)} languages × every set × A4 × both modes, {len(every)} leaflets"
    figures = [
        Figure(
            f"PDF size, largest leaflet ({scope}): {which}",
            f"{largest:.0f} KB",
            None,
            f"≤ {SIZE_LIMIT_KB:g} KB",
            largest <= SIZE_LIMIT_KB,
        ),
        Figure("PDF size, languages with a leaflet over the limit", ", ".join(over) or "none"),
    ]
    english = statistics.median(
        kb for name, kb in sizes["en"].items() if name.endswith("-bw.pdf") and _batch_set(name)
    )
    figures.append(
        Figure(
            f"PDF size, English, median of the {len(BATCH_SETS)} sets (A4, bw)",
            f"{english:.1f} KB",
            None,
            f"≤ {ENGLISH_MEDIAN_KB:g} KB",
            english <= ENGLISH_MEDIAN_KB,
        )
    )
    for code, found in sizes.items():
        if code in QUICK_LANGUAGES:
            median = statistics.median(
                kb for name, kb in found.items() if name.endswith("-bw.pdf") and _batch_set(name)
            )
            figures.append(
                Figure(
                    f"PDF size, {code}, median of the {len(BATCH_SETS)} sets (A4, bw); largest",
                    f"{median:.0f}; {max(found.values()):.0f} KB",
                )
            )
    figures += [Figure(f"PDF size, {code}: not built", reason) for code, reason in skipped.items()]
    return figures


def _batch_set(name: str) -> bool:
    return any(name.startswith(f"{set_id}-") for set_id in BATCH_SETS)


def collect_as_the_cli_does() -> None:
    """`hrleaflet` and its workers collect cyclic garbage less often than Python's default
    (`workers.collect_less_often`): so does this whole process, the floor included, so that a
    leaflet is timed as the tool makes it."""
    try:
        from hrleaflet.workers import collect_less_often
    except ImportError:  # an older tree set the same thresholds in `cli.main` only
        import gc

        gc.set_threshold(200_000, 30, 30)
        return
    collect_less_often()


def main() -> None:
    quick = "--quick" in sys.argv[1:]
    collect_as_the_cli_does()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, {sys.platform}")
    started = time.perf_counter()
    figures = _time_figures(quick) + _size_figures(quick)
    print("\n| measure | median | ratio to floor | target | |\n|---|---|---|---|---|")
    for figure in figures:
        print(figure.row())
    verdicts = [figure.met for figure in figures if figure.met is not None]
    print(f"\n{sum(verdicts)} of {len(verdicts)} targets met; run took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
