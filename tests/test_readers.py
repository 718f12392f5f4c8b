"""Five PDF readers' text engines on every shipped language: no stray characters, and no reader
gets fewer strings exactly than it does today (issue 15; the README's reader table).

The readers and the counting are `benchmarks/text_fidelity.py`'s (which writes the table).
Each reader is skipped with a reason where it is not installed: pdftotext (poppler-utils),
PyMuPDF (the test extra), pdf.js (Node 20+ and `npm ci --omit=optional --prefix tests/pdfjs`).
"""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from hrleaflet.paths import translations_dir

from .conftest import ROOT

LANGUAGES = ["en", *sorted(path.stem for path in translations_dir().glob("*.po"))]

# Where a reader gets fewer strings exactly than the set has: today's figure, which must not
# get worse (general set, A4, colour, 32 strings).  Every other language and reader: all.
EXACT_TODAY: dict[str, dict[str, int]] = {
    # pdfium puts Arabic and Persian words out of order or splits them: our lines carry
    # /ActualText for poppler, written in poppler's reading order, and pdfium only takes an
    # ActualText whose characters map back to a code of the text object's font
    # (CPDF_TextPage, core/fpdftext/cpdf_textpage.cpp); not yet traced to a line.  (0 -> 6
    # when glyphs that carry no text became outline paths, text/outlines.py.)
    "pdfium": {"ar": 6, "fa": 6},
    # MuPDF's text device (fitz/stext-device.c) starts a new line or word where a glyph
    # lies off the baseline or moves back (marks with their own text matrix), and reorders
    # right-to-left text by its own rules; not yet traced to a line.  Indic and Thai are
    # exact since glyphs that carry no text (vowel signs drawn before their consonant,
    # marks) are outline paths with no code (text/outlines.py); Arabic went 0 -> 14,
    # Persian 0 -> 10 with them.
    "MuPDF": {"ar": 14, "fa": 10},
    # pdf.js: Persian writes ZERO WIDTH NON-JOINER inside words, and pdf.js drops every
    # format character (Cf) from its text: `if (category.isInvisibleFormatMark) continue;`
    # in buildTextContentItem (src/core/evaluator.js), with the category from
    # getCharUnicodeCategory (src/core/unicode.js).  The strings without one are exact.
    # Arabic: a mark drawn before its letter (shadda, fatha) lands at the start of the word.
    "pdf.js": {"ar": 26, "fa": 8},
}

# Control and private-use characters a reader still gives: none.  (pdf.js gave hundreds for
# Indic and Thai, the raw codes of glyphs that carry no text, until those glyphs became
# outline paths with no code: text/outlines.py.)
BAD_TODAY: dict[str, dict[str, int]] = {}


def _harness() -> ModuleType:
    name = "hrleaflet_text_fidelity"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "benchmarks" / "text_fidelity.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file runs
        spec.loader.exec_module(module)
    return sys.modules[name]


HARNESS = _harness()
READER_NAMES = [reader.name for reader in HARNESS.READERS]


@pytest.fixture(scope="module")
def leaflets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = HARNESS.build_leaflets(LANGUAGES, "general", tmp_path_factory.mktemp("readers"))
    return {code: path for (code, _), path in built.items()}


@cache
def _texts(name: str, paths: tuple[Path, ...]) -> dict[Path, str]:
    reader = next(r for r in HARNESS.READERS if r.name == name)
    texts: dict[Path, str] = reader.extract(list(paths))
    return texts


def _counts(name: str, leaflets: dict[str, Path]) -> dict[str, Any]:
    reader = next(r for r in HARNESS.READERS if r.name == name)
    why = reader.missing()
    if why:
        pytest.skip(f"{name}: {why}")
    texts = _texts(name, tuple(leaflets.values()))
    return {
        code: HARNESS.count(texts[path], HARNESS.expected_strings(code, "general"), code)
        for code, path in leaflets.items()
    }


def test_every_shipped_language_is_built(leaflets: dict[str, Path]) -> None:
    assert sorted(leaflets) == sorted(LANGUAGES)
    assert {"ar", "fa", "hi", "ne", "bn", "th", "ru", "ky"} <= set(leaflets)


@pytest.mark.parametrize("reader", READER_NAMES)
def test_no_reader_gets_control_or_private_use_characters(reader: str, leaflets: dict[str, Path]) -> None:
    counts = _counts(reader, leaflets)
    worse = {
        code: found.bad
        for code, found in counts.items()
        if found.bad > BAD_TODAY.get(reader, {}).get(code, 0)
    }
    assert not worse, f"{reader}: control or private-use characters per language: {worse}"


@pytest.mark.parametrize("reader", READER_NAMES)
def test_no_reader_gets_fewer_strings_exactly_than_today(reader: str, leaflets: dict[str, Path]) -> None:
    counts = _counts(reader, leaflets)
    worse = {}
    for code, found in counts.items():
        floor = EXACT_TODAY.get(reader, {}).get(code, found.total)
        if found.exact < floor:
            worse[code] = (f"{found.exact}/{found.total}, today {floor}", [s[:60] for s in found.missed])
    assert not worse, f"{reader}: {worse}"


def test_the_harness_counts_what_squash_counts() -> None:
    # The tests' squash and the harness's are the same rule.
    from .conftest import squash

    sample = "a\u200f b\n\u2066c\u2069\td\u202b"
    assert HARNESS.squash(sample) == squash(sample) == "abcd"
    assert HARNESS.bad_characters("a\x04b\tc\n\U000f0001\ue000") == ["\x04", "\U000f0001", "\ue000"]
