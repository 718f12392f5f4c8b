"""Hostile or broken input, and faults: always a clear error, never a traceback or a lost file."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.services import load_services
from hrleaflet.content.source import MAX_FILE_BYTES
from hrleaflet.errors import ContentError, OutputError, Problem
from hrleaflet.i18n.catalogs import extract, init_locale
from hrleaflet.i18n.review import check
from hrleaflet.output import write_atomically
from hrleaflet.paths import guidance_dir

from .conftest import YAML_EXAMPLE

runner = CliRunner()
SERVICES = YAML_EXAMPLE.read_text(encoding="utf-8")


def _error(path: Path) -> str:
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    return str(excinfo.value)


def test_an_alias_bomb_fails_fast(tmp_path: Path) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for n in range(1, 9):
        lines.append(f"{chr(97 + n)}: &{chr(97 + n)} [{','.join(['*' + chr(96 + n)] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    start = time.monotonic()
    message = _error(path)
    assert time.monotonic() - start < 5
    assert "too many values" in message and "aliases" in message


def test_deep_nesting_and_oversize_files(tmp_path: Path) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 60 + "]" * 60 + "\n", encoding="utf-8")
    assert "nested more than 40 levels deep" in _error(deep)
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * MAX_FILE_BYTES + b"\n")
    assert f"at most {MAX_FILE_BYTES:,} allowed" in _error(big)


def test_nul_and_control_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SERVICES.replace("locality: Testville", 'locality: "Test\\0ville"'), encoding="utf-8")
    message = _error(path)
    assert "locality" in message and "U+0000" in message


def test_a_csv_saved_in_another_encoding_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_bytes("type,name\nlocality,Town\nservice,Caf\u00e9\n".encode("cp1252"))
    message = _error(path)
    assert f"{path}:3:" in message and "not valid UTF-8" in message
    assert "save it again as UTF-8 (in Excel: Save As, 'CSV UTF-8 (Comma delimited)')" in message


def test_a_file_saved_as_utf16_says_so(tmp_path: Path) -> None:
    """Excel's 'Unicode Text' and Notepad's 'Unicode' write UTF-16, with its byte-order mark."""
    path = tmp_path / "s.yaml"
    path.write_bytes(SERVICES.encode("utf-16"))
    message = _error(path)
    assert message.startswith(f"{path}: is saved as UTF-16")
    assert "save it again as UTF-8" in message


@pytest.mark.parametrize(
    ("change", "line", "hint"),
    [
        (("\n  name:", "\n\tname:"), 7, "the line has a tab: YAML indents with spaces"),
        (
            ("locality: Testville", "locality: Testville\n---"),
            6,
            "a file holds one document: remove the '---' line",
        ),
        (
            ("services:\n", "base: &b {kinds: [ost]}\nservices:\n  - <<: *b\n    name: Y\n"),
            0,
            "'<<' (a YAML merge key) is not read",
        ),
        # The parser's "mapping values are not allowed", "did not find expected key" and
        # "expected '-' indicator", each said as the slip it was.
        (
            ('    hours: "Mon-Fri 09:30-17:00, Sat 10:00-13:00"', "    hours: Mon-Fri: 10:00-16:00"),
            19,
            "the value has ': ' in it, which YAML reads as another field; put it in quotes: hours:"
            ' "Mon-Fri: 10:00-16:00"',
        ),
        (
            (
                '    hours: "Mon-Fri 09:30-17:00, Sat 10:00-13:00"',
                "    hours: 'Mon-Fri (it's shut at 13:00)'",
            ),
            19,
            "a single quote inside a value in single quotes ends it; quote it with double quotes: hours:"
            ' "Mon-Fri (it\'s shut at 13:00)"',
        ),
        (
            ("    kinds:", "      kinds:"),
            16,
            "this line starts after 6 spaces and the field on line 15 after 4",
        ),
        (("    kinds:", "   kinds:"), 16, "this line starts after 3 spaces and the field on line 15 after 4"),
        (("  - name:", "  -name:"), 16, "line 15 needs a space after its '-': - name: Testville"),
        (("locality: ", "locality "), 6, "line 5 has no ':' after its field name"),
    ],
)
def test_common_yaml_mistakes_say_what_to_do(
    tmp_path: Path, change: tuple[str, str], line: int, hint: str
) -> None:
    """A tab in the indent, a second document, a merge key, ': ' or a quote inside a value, an
    indent out of line, '-' or ':' without its space: the parser's own words name none of them
    in terms a person who typed the file would recognise."""
    old, new = change
    assert old in SERVICES
    path = tmp_path / "s.yaml"
    path.write_text(SERVICES.replace(old, new, 1), encoding="utf-8")
    message = _error(path)
    assert hint in message
    if line:
        assert message.startswith(f"{path}:{line}:")


@pytest.mark.parametrize("link", ["file:///etc/passwd", "javascript:alert(1)", "data:text/html,hi"])
def test_unsafe_links_are_refused(tmp_path: Path, link: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SERVICES.replace("https://example.org/testville/nsp", link), encoding="utf-8")
    assert "are not allowed; use http, https, mailto, tel or sms" in _error(path)


def test_logos_must_be_small_png_or_jpeg(tmp_path: Path) -> None:
    from PIL import Image

    services = tmp_path / "s.yaml"
    services.write_text(SERVICES.replace("  website:", "  logo: logo.gif\n  website:", 1), encoding="utf-8")
    Image.new("RGB", (10, 10)).save(tmp_path / "logo.gif")
    assert "'logo.gif' is not a PNG or JPEG image" in _error(services)

    services.write_text(SERVICES.replace("  website:", "  logo: logo.png\n  website:", 1), encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"not a png at all")
    assert "'logo.png' is not a PNG or JPEG image (or the file is damaged)" in _error(services)

    # Named in another case: found on Windows and macOS, not here; the hint names the file.
    services.write_text(SERVICES.replace("  website:", "  logo: Logo.PNG\n  website:", 1), encoding="utf-8")
    message = _error(services)
    assert "image 'Logo.PNG' not found next to this file — the file is named 'logo.png'" in message
    services.write_text(SERVICES.replace("  website:", "  logo: logo.png\n  website:", 1), encoding="utf-8")

    Image.new("1", (6000, 5000)).save(tmp_path / "logo.png")  # tiny file, 30 million pixels
    assert "at most 25,000,000 pixels allowed" in _error(services)


def test_a_wrong_plural_header_is_reported(tmp_path: Path) -> None:
    """Only what gettext cannot use is an error; a count of forms unlike the installed CLDR
    data matters only where the catalog has plural entries, and then as a warning."""
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    (guidance / "opioids.yaml").write_text((guidance_dir() / "opioids.yaml").read_text("utf-8"), "utf-8")
    translations = tmp_path / "translations"
    translations.mkdir()
    extract(guidance, translations)
    po = init_locale("ru", guidance, translations)
    text = po.read_text(encoding="utf-8")
    start = text.index('"Plural-Forms:')
    end = text.index('\\n"', start) + 3  # the header may be wrapped over several lines

    def with_header(value: str, extra: str = "") -> list[Problem]:
        po.write_text(text[:start] + f'"Plural-Forms: {value}\\n"' + text[end:] + extra, "utf-8")
        return [p for p in check(guidance, translations) if p.field == "Plural-Forms"]

    # Another valid rule than CLDR's, and no plural entries: nothing to say.
    assert with_header("nplurals=2; plural=(n != 1);") == []
    # With a plural entry it is a warning (CLDR data changes between Babel releases).
    plural_entry = 'msgctxt "x"\nmsgid "one tip"\nmsgid_plural "{n} tips"\nmsgstr[0] "a"\nmsgstr[1] "b"\n'
    (warning,) = with_header("nplurals=2; plural=(n != 1);", "\n" + plural_entry)
    assert warning.warning and "nplurals=2, but Babel's CLDR data gives ru" in warning.message
    # What gettext cannot evaluate is an error, with the line and the rule to use.
    for broken, reason in (
        ("nplurals=2; plural=(n !=;", "not a valid plural expression"),
        ("nplurals=1; plural=n % 3;", "for n=1 it chooses form 1, but nplurals=1"),
        ("nplurals=2; plural=n / 0;", "divides by zero"),
    ):
        (error,) = with_header(broken)
        assert not error.warning and reason in error.message, error
        assert error.line is not None and "for ru: nplurals=" in str(error.hint)
    with_header("nplurals=two; plural=0;")  # Babel cannot read the file at all
    assert any("ru.po:" in str(p) and "not a valid PO file" in str(p) for p in check(guidance, translations))


def test_a_full_disk_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *args: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    target = tmp_path / "leaflet.pdf"
    with pytest.raises(OutputError, match="the disk is full"):
        write_atomically(target, b"%PDF-1.4")
    assert list(tmp_path.iterdir()) == []


def test_ctrl_c_is_a_clear_message_and_exit_130(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("hrleaflet.pipeline.build", interrupted)
    result = runner.invoke(app, ["build", "general", "-s", str(YAML_EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 130
    assert "Interrupted. Every file already written is complete" in result.stderr
    assert "Traceback" not in result.output


def test_a_csv_without_a_name_column_says_so(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text("type,phone\nlocality,112\n", encoding="utf-8")
    assert f"{path}:1: missing column 'name' — columns: type, name, kinds" in _error(path)


def test_a_killed_batch_resumes_where_it_stopped(tmp_path: Path) -> None:
    import json
    import shutil

    from hrleaflet.batch import RECORD_NAME, plan, run
    from hrleaflet.paths import translations_dir

    shutil.copy(YAML_EXAMPLE, tmp_path / "town.yaml")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults: {sets: [buying, selling], modes: [bw]}\n"
        "localities:\n  - {name: Town, services: town.yaml}\n",
        encoding="utf-8",
    )
    jobs = plan(manifest, guidance_dir(), translations_dir())
    out = tmp_path / "out"
    run(jobs, out, workers=1, force=False)
    # As if killed after the first leaflet: its record and file are there, the second is not.
    record = json.loads((out / RECORD_NAME).read_text(encoding="utf-8"))
    record.pop("town/selling-en-a4-bw.pdf")
    (out / RECORD_NAME).write_text(json.dumps(record), encoding="utf-8")
    (out / "town" / "selling-en-a4-bw.pdf").unlink()
    again = run(jobs, out, workers=1, force=False)
    assert [p.name for p in again.built] == ["selling-en-a4-bw.pdf"]
    assert [p.name for p in again.unchanged] == ["buying-en-a4-bw.pdf"]
    assert not list(out.rglob("*.part"))


def test_the_unprinted_characters_are_the_hidden_the_direction_controls_and_the_controls() -> None:
    """The one search that finds a character not to print finds exactly these, over every code
    point: Unicode tags and the other hidden characters, direction controls, and control
    characters (category Cc) but tab and line breaks."""
    import unicodedata

    from hrleaflet.content.text import _HIDDEN, _UNPRINTABLE, BIDI_CONTROLS

    def refused(char: str) -> bool:
        control = unicodedata.category(char) == "Cc" and char not in "\t\n\r"
        return char in _HIDDEN or char in BIDI_CONTROLS or control

    wrong = [
        f"U+{point:04X}"
        for point in range(0x110000)
        if (_UNPRINTABLE.match(chr(point)) is not None) != refused(chr(point))
    ]
    assert wrong == []
