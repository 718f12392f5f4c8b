"""How well five PDF readers' text engines get our leaflets' text: the README's reader table.

    python benchmarks/text_fidelity.py                 # print the table (general set, 9 languages)
    python benchmarks/text_fidelity.py --write-readme  # and write it into README.md
    python benchmarks/text_fidelity.py --all-languages --set all

From the project root, with hrleaflet installed.  Each leaflet (A4, colour, the example
services: Arabic and Persian leaflets list the examples written in their language) is read by
poppler (`pdftotext`: Evince, Okular), pdfium (`pypdfium2`: Chrome, Edge, Android), pypdf,
MuPDF (PyMuPDF) and pdf.js (Firefox; `node tests/pdfjs/extract.mjs`, after `npm ci` there).
For each reader it counts the translated strings of the leaflet's set found exactly (after
removing whitespace and the direction marks readers add, as the tests' `squash` does), and the
characters no reader should ever give: controls (below U+0020 other than tab, line feed and
carriage return) and private-use code points.  A reader that is not installed is left out.

`tests/test_readers.py` loads this file for its readers and counts.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
README = ROOT / "README.md"
PDFJS_DIR = ROOT / "tests" / "pdfjs"
# A network writes its services in its own language.
LOCAL_SERVICES = {
    "ar": EXAMPLES / "wadi-al-amal.ar.yaml",
    "fa": EXAMPLES / "shahr-e-omid.fa.yaml",
    "ur": EXAMPLES / "umeed-nagar.ur.yaml",
}
DEFAULT_LANGUAGES = ("en", "ar", "fa", "hi", "ne", "bn", "th", "ru", "ky")
START = "<!-- text-fidelity:start (written by benchmarks/text_fidelity.py) -->"
END = "<!-- text-fidelity:end -->"

# Direction marks a reader adds around right-to-left runs are not content (tests/conftest.py).
_READER_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def squash(text: str) -> str:
    return re.sub(r"\s+", "", _READER_MARKS.sub("", text))


def bad_characters(text: str) -> list[str]:
    """Controls (other than tab, line feed, carriage return) and private-use characters."""
    return [c for c in text if (ord(c) < 0x20 and c not in "\t\n\r") or unicodedata.category(c) == "Co"]


# ---- the readers: each takes PDF paths and gives each one's text (pages joined by a line break)


def _poppler(paths: list[Path]) -> dict[Path, str]:
    found = {}
    for path in paths:
        result = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
        )
        found[path] = result.stdout.replace("\f", "\n")  # its page separator, not the PDF's text
    return found


def _pdfium(paths: list[Path]) -> dict[Path, str]:
    import pypdfium2

    found = {}
    for path in paths:
        document = pypdfium2.PdfDocument(path)
        try:
            pages = []
            for page in document:
                textpage = page.get_textpage()
                # Explicit bounds: pypdfium2 4.x warns on the default and reads another way.
                pages.append(textpage.get_text_range(0, textpage.count_chars()))
                textpage.close()
                page.close()
            found[path] = "\n".join(pages)
        finally:
            document.close()
    return found


def _pypdf(paths: list[Path]) -> dict[Path, str]:
    import pypdf

    return {
        path: "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages) for path in paths
    }


def _mupdf(paths: list[Path]) -> dict[Path, str]:
    import pymupdf

    found = {}
    for path in paths:
        with pymupdf.open(path) as document:
            found[path] = "\n".join(page.get_text() for page in document)
    return found


def _pdfjs(paths: list[Path]) -> dict[Path, str]:
    result = subprocess.run(
        ["node", str(PDFJS_DIR / "extract.mjs"), *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
        cwd=PDFJS_DIR,
    )
    texts: dict[str, str] = json.loads(result.stdout)
    return {path: texts[str(path)].replace("\f", "\n") for path in paths}


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None


def pdfjs_missing() -> str | None:
    """Why pdf.js cannot run here, or None."""
    node = shutil.which("node")
    if not node:
        return "node is not installed (pdf.js runs under Node 20 or newer)"
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    if int(version.lstrip("v").split(".")[0] or 0) < 20:
        return f"node {version} is too old for pdfjs-dist (Node 20 or newer)"
    if not (PDFJS_DIR / "node_modules" / "pdfjs-dist" / "package.json").is_file():
        return "pdfjs-dist is not installed: run `npm ci --omit=optional --prefix tests/pdfjs`"
    return None


@dataclass(frozen=True)
class Reader:
    name: str  # as in the table's header
    extract: Callable[[list[Path]], dict[Path, str]]
    missing: Callable[[], str | None]  # why it cannot run here, or None


READERS = (
    Reader(
        "poppler",
        _poppler,
        lambda: None if shutil.which("pdftotext") else "pdftotext (poppler-utils) is not installed",
    ),
    Reader("pdfium", _pdfium, lambda: None if _has_module("pypdfium2") else "pypdfium2 is not installed"),
    Reader("pypdf", _pypdf, lambda: None if _has_module("pypdf") else "pypdf is not installed"),
    Reader(
        "MuPDF", _mupdf, lambda: None if _has_module("pymupdf") else "PyMuPDF is not installed (test extra)"
    ),
    Reader("pdf.js", _pdfjs, pdfjs_missing),
)
HEADERS = {
    "poppler": "poppler (Evince, pdftotext)",
    "pdfium": "pdfium (Chrome, Edge, Android)",
    "pypdf": "pypdf",
    "MuPDF": "MuPDF",
    "pdf.js": "pdf.js (Firefox)",
}


# ---- what a leaflet should say, and how much of it a reader gets


def expected_strings(code: str, set_id: str) -> list[str]:
    """The strings of a set as written in one language (English: the source)."""
    from hrleaflet.i18n.catalogs import read_catalog
    from hrleaflet.paths import translations_dir

    name = "hrleaflet.pot" if code == "en" else f"{code}.po"
    catalog = read_catalog(translations_dir() / name)
    return [
        str(m.id if code == "en" else m.string)
        for m in catalog
        if m.id and m.context and m.context.startswith(f"{set_id}/")
    ]


@dataclass(frozen=True)
class Count:
    exact: int
    total: int
    bad: int  # control and private-use characters
    missed: tuple[str, ...] = ()

    def cell(self) -> str:
        return f"{self.exact}/{self.total}" + (f", {self.bad} bad" if self.bad else "")


def count(text: str, strings: Iterable[str], code: str) -> Count:
    from hrleaflet.render.numerals import local_digits

    squashed = squash(text)
    strings = list(strings)
    missed = tuple(
        s for s in strings if squash(s) not in squashed and squash(local_digits(s, code)) not in squashed
    )
    return Count(len(strings) - len(missed), len(strings), len(bad_characters(text)), missed)


def build_leaflets(codes: Iterable[str], set_id: str, out: Path) -> dict[tuple[str, str], Path]:
    """(language, set) → the A4 colour leaflet, built with the example services."""
    from hrleaflet.pipeline import BuildRequest, build

    built = {}
    for code in codes:
        services = LOCAL_SERVICES.get(code, EXAMPLES / "testville.yaml")
        request = BuildRequest(
            sets=(set_id,), services=services, out=out / code, languages=(code,), modes=("colour",)
        )
        for item in build(request):
            built[(code, item.set_id)] = item.path
    return built


def measure(
    codes: Iterable[str], set_id: str, out: Path
) -> tuple[dict[tuple[str, str], dict[str, Count]], list[str]]:
    """Counts per (language, set) and reader, and the readers left out (with why)."""
    built = build_leaflets(codes, set_id, out)
    table: dict[tuple[str, str], dict[str, Count]] = {key: {} for key in built}
    skipped = []
    for reader in READERS:
        why = reader.missing()
        if why:
            skipped.append(f"{reader.name}: {why}")
            continue
        texts = reader.extract(list(built.values()))
        for (code, found_set), path in built.items():
            table[(code, found_set)][reader.name] = count(
                texts[path], expected_strings(code, found_set), code
            )
    return table, skipped


def markdown(table: dict[tuple[str, str], dict[str, Count]], versions: str) -> str:
    names = [r.name for r in READERS if any(r.name in row for row in table.values())]
    sets = {key[1] for key in table}
    first = "language" if len(sets) == 1 else "language, set"
    lines = [
        f"| {first} | " + " | ".join(HEADERS[n] for n in names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for (code, set_id), row in table.items():
        label = code if len(sets) == 1 else f"{code}, {set_id}"
        lines.append(f"| {label} | " + " | ".join(row[n].cell() if n in row else "" for n in names) + " |")
    return "\n".join(lines) + f"\n\n{versions}"


def reader_versions() -> str:
    parts = []
    if shutil.which("pdftotext"):
        result = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
        parts.append(f"poppler {(result.stderr or result.stdout).split()[2]}")
    for label, module, attribute in (
        ("pypdfium2", "pypdfium2", "PYPDFIUM_INFO"),
        ("pypdf", "pypdf", "__version__"),
        ("PyMuPDF", "pymupdf", "__version__"),
    ):
        if _has_module(module):
            parts.append(f"{label} {getattr(__import__(module), attribute)}")
    lock = PDFJS_DIR / "package-lock.json"
    if lock.is_file():
        version = json.loads(lock.read_text())["packages"]["node_modules/pdfjs-dist"]["version"]
        parts.append(f"pdfjs-dist {version}")
    return "Readers: " + ", ".join(parts) + "."


def write_readme(table_text: str) -> None:
    text = README.read_text(encoding="utf-8")
    start, end = text.index(START) + len(START), text.index(END)
    README.write_text(text[:start] + "\n" + table_text + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="general", help="tip set id, or 'all' (default: general)")
    parser.add_argument("--all-languages", action="store_true", help="every shipped language")
    parser.add_argument("--languages", nargs="*", help="language codes (default: the issue's nine)")
    parser.add_argument("--write-readme", action="store_true", help="write the table into README.md")
    parser.add_argument("--missed", action="store_true", help="list the strings each reader misses")
    args = parser.parse_args(argv)
    codes: tuple[str, ...] = tuple(args.languages or DEFAULT_LANGUAGES)
    if args.all_languages:
        codes = ("en", *sorted(p.stem for p in (ROOT / "translations").glob("*.po")))
    with tempfile.TemporaryDirectory() as folder:
        table, skipped = measure(codes, args.set, Path(folder))
    result = markdown(table, reader_versions())
    print(result)
    for line in skipped:
        print(f"left out: {line}", file=sys.stderr)
    if args.missed:
        for (code, set_id), row in table.items():
            for name, found in row.items():
                for string in found.missed:
                    print(f"{code} {set_id} {name}: {string[:70]!r}")
    if args.write_readme:
        write_readme(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
