"""Shared fixtures: the shipped content, temporary inputs, and PDF readers."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pypdf
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
YAML_EXAMPLE = EXAMPLES / "testville.yaml"
CSV_EXAMPLE = EXAMPLES / "riverside.csv"
# Content-stream operators that put something on the page (pypdf names an inline image "BI",
# pikepdf "INLINE IMAGE").
PAINTING_OPERATORS = frozenset(
    {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "Do", "sh", "BI", "INLINE IMAGE"}
)


def pytest_configure(config: pytest.Config) -> None:
    """The leaflets made in this process are made as the console script makes them: with the
    cyclic collector running less often (`workers.collect_less_often`).  Python's default
    walks the test session's ever larger heap every 700 allocations, a quarter of the time of
    composing a leaflet once its caches are full."""
    from hrleaflet.workers import collect_less_often

    collect_less_often()


def hrleaflet_process(
    arguments: list[str], folder: Path, cache: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m hrleaflet ...` run in `folder` as a user would (one line a message; with
    `cache`, a font cache of its own, so its first-run work shows)."""
    import os
    import sys

    env = {**os.environ, "COLUMNS": "300"}
    if cache is not None:
        env["HRLEAFLET_CACHE_DIR"] = str(cache)
    return subprocess.run(
        [sys.executable, "-m", "hrleaflet", *arguments], capture_output=True, text=True, cwd=folder, env=env
    )


def run_python(code: str, modules: Sequence[str], env: dict[str, str] | None = None) -> tuple[list[str], str]:
    """Run `code` in a fresh Python; which of `modules` it imported, and what it printed."""
    import sys

    code += (
        f"\nimport sys\nprint(','.join(m for m in {list(modules)!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    last = result.stderr.splitlines()[-1:] or [""]  # after any warning the code printed
    return [name for name in last[0].split(",") if name], result.stdout


def variable_bolds() -> list[Any]:
    """Two font files a first run makes (the bolds of two variable fonts), quick to make."""
    import fontpkg

    from hrleaflet.render.text.instances import MadeFont

    return [MadeFont(Path(fontpkg.path(name)), weight=700) for name in ("Noto Sans", "Noto Sans Thai")]


def hrleaflet_started(arguments: list[str], folder: Path) -> subprocess.Popen[str]:
    """`python -m hrleaflet ...` started in `folder` as from a terminal, where Ctrl-C reaches it
    (a shell's background job ignores SIGINT, and a child inherits that: then Python sets no
    handler), however pytest itself was started."""
    import signal
    import sys

    return subprocess.Popen(
        [sys.executable, "-m", "hrleaflet", *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=folder,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def interrupt_when(process: subprocess.Popen[str], ready: Callable[[], bool], what: str) -> str:
    """Ctrl-C to `process` once `ready()`: it must stop within 10 s, exit 130 with its one-line
    message and no traceback, and leave none of its workers running. Its standard error."""
    import signal
    import time

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not ready():
        time.sleep(0.05)
    if not ready():  # stop it and close its pipes, or they fail a later test as unraisable
        process.kill()
        process.communicate()
        raise AssertionError(f"the {what} did nothing in time")
    children = {
        int(pid)
        for task in Path(f"/proc/{process.pid}/task").iterdir()
        for pid in (task / "children").read_text().split()
    }
    assert children, f"the {what} runs its leaflets in worker processes"
    process.send_signal(signal.SIGINT)
    asked = time.monotonic()
    _, stderr = process.communicate(timeout=60)
    assert time.monotonic() - asked < 10, "Ctrl-C must not wait for every queued leaflet"
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "Interrupted" in stderr
    time.sleep(0.5)
    alive = [pid for pid in children if Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)]
    assert not alive, f"workers left behind: {alive}"
    return stderr


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


def one_huge_service(tmp_path: Path) -> Path:
    """One service with every field at its length limit (the kinds of a busy drop-in centre)."""
    head = YAML_EXAMPLE.read_text(encoding="utf-8").split("services:")[0]
    service = (
        "  - name: " + ("Longname " * 11).strip() + "\n"
        "    kinds: [ost, naloxone, testing, drop-in, outreach]\n"
        "    address: " + ("Street " * 28).strip() + "\n"
        '    phone: "+44 1632 960000"\n'
        "    hours: " + ("Mon-Fri 09:00-17:00 " * 5).strip() + "\n"
        "    url: https://example.org/" + "a/" * 90 + "\n"
        "    notes: " + ("Notes " * 33).strip() + "\n"
    )
    path = tmp_path / "huge.yaml"
    path.write_text(head + "services:\n" + service, encoding="utf-8")
    return path


def run_manifest(manifest: Path, out: Path, workers: int = 1, force: bool = False) -> Any:
    """`hrleaflet batch` in-process: plan a manifest's jobs with the shipped tip sets and
    language files, and run them into `out` (the report)."""
    from hrleaflet.batch import plan, run
    from hrleaflet.paths import guidance_dir, translations_dir

    return run(plan(manifest, guidance_dir(), translations_dir()), out, workers=workers, force=force)


def french_opioids(folder: Path, translated: Callable[[Any], str | None]) -> tuple[Path, Path, Path]:
    """A project folder's guidance/ (the shipped opioids set) and translations/ with a French
    file whose every entry reads `translated(message)` (left as it is where that is None):
    (guidance, translations, the French file)."""
    from hrleaflet.i18n.catalogs import extract, init_locale, read_catalog, write_catalog
    from hrleaflet.paths import guidance_dir

    guidance = folder / "guidance"
    guidance.mkdir()
    shutil.copy(guidance_dir() / "opioids.yaml", guidance / "opioids.yaml")
    translations = folder / "translations"
    translations.mkdir()
    extract(guidance, translations)
    po = init_locale("fr", guidance, translations)
    catalog = read_catalog(po)
    for message in catalog:
        if message.id and (string := translated(message)) is not None:
            message.string = string
    write_catalog(po, catalog)
    return guidance, translations, po


def manifest_beside_testville(folder: Path, text: str) -> Path:
    """A batch manifest (`text`, dedented) in `folder`, beside a copy of the example services
    file it may name as `testville.yaml`."""
    shutil.copy(YAML_EXAMPLE, folder / "testville.yaml")
    manifest = folder / "network.yaml"
    manifest.write_text(textwrap.dedent(text), encoding="utf-8")
    return manifest


def built_names(report: Any, out: Path) -> list[str]:
    """What a batch built, as paths under its output folder, sorted ("town/set-en-a4-bw.pdf")."""
    assert not report.failed, report.failed
    return sorted(str(path.relative_to(out)) for path in report.built)


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


# Direction marks a reader adds around right-to-left runs (poppler does) are not content;
# the loaders refuse them in input, so removing them cannot hide a difference.
_READER_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_page_labels(text: str, leaflet: Any, pages: int = 3) -> str:
    """Squashed text without a leaflet's "page 1 of 2" labels, which stand between the parts
    of a tip that goes on from one page to the next."""
    from hrleaflet.render.numerals import local_digits

    code = leaflet.locale.code
    for total in range(2, pages + 1):
        for page in range(1, total + 1):
            label = leaflet.word("leaflet/page", page=str(page), pages=str(total))
            text = text.replace(squash(local_digits(label, code)), "")
    return text


def squash(text: str) -> str:
    """Text with all whitespace and reader-added direction marks removed.

    Line breaks become whitespace in every extractor, and in scripts written without
    spaces (Thai) a line break between two words is the only difference left.
    """
    return re.sub(r"\s+", "", _READER_MARKS.sub("", text))


def pdf_text(pdf: Path | bytes) -> str:
    """Text as pypdf extracts it (from a file, or a PDF's bytes), whitespace folded."""
    reader = pypdf.PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return normalise(" ".join(page.extract_text() or "" for page in reader.pages))


def poppler_text(path: Path) -> str | None:
    """Text as poppler's pdftotext extracts it, or None when poppler is not installed."""
    if not shutil.which("pdftotext"):
        return None
    result = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return normalise(result.stdout)


def text_x(path: Path, needle: str, page: int = 0) -> float:
    """Where the first chunk of text starting with `needle` begins on a page (pypdf's positions)."""
    found: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip().startswith(needle) and not found:
            found.append(tm[4] * cm[0] + cm[4])

    pypdf.PdfReader(path).pages[page].extract_text(visitor_text=visit)
    assert found, f"{needle!r} not on page {page + 1}"
    return found[0]


def rendered_pages(path: Path, scale: float = 1.0) -> list[Any]:
    """Every page of a PDF as an RGB image, as PDFium (a reader's engine) draws it."""
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        return [document[i].render(scale=scale).to_pil().convert("RGB") for i in range(len(document))]
    finally:
        document.close()


def colour_spread(path: Path) -> int:
    """How far the most coloured pixel of a PDF is from grey: 0 means black-and-white only."""
    from PIL import ImageChops

    spread = 0
    for image in rendered_pages(path):
        r, g, b = image.split()
        for one, other in ((r, g), (g, b)):
            spread = max(spread, ImageChops.difference(one, other).getextrema()[1])
    return spread


def cache_folder(folder: Path, monkeypatch: pytest.MonkeyPatch, *memos: Any) -> Iterator[Path]:
    """`folder` as HRLEAFLET_CACHE_DIR, with the in-process memos (`functools.cache`) of what
    is kept there forgotten before and after: every read goes to the folder."""
    monkeypatch.setenv("HRLEAFLET_CACHE_DIR", str(folder))
    for memo in memos:
        memo.cache_clear()
    yield folder
    for memo in memos:
        memo.cache_clear()


@pytest.fixture
def write_file(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented text to a file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def english_build(tmp_path_factory: pytest.TempPathFactory) -> list[object]:
    """Every shipped set in English, colour and black-and-white, A4 and Letter."""
    from hrleaflet.pipeline import BuildRequest, build

    out = tmp_path_factory.mktemp("english")
    return list(
        build(
            BuildRequest(
                sets=("all",),
                services=YAML_EXAMPLE,
                out=out,
                modes=("colour", "bw"),
                formats=("a4", "letter"),
            )
        )
    )


def french_request(tmp_path: Path, guidance: Path, translations: Path) -> Any:
    """The opioids set in French from a workspace's own files, black-and-white (a BuildRequest)."""
    from hrleaflet.pipeline import BuildRequest

    return BuildRequest(
        sets=("opioids",),
        services=YAML_EXAMPLE,
        out=tmp_path / "out",
        languages=("fr",),
        modes=("bw",),
        guidance=guidance,
        translations=translations,
    )
