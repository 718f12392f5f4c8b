"""Hostile input, second round: whatever a file holds, the leaflet prints what was written or the
tool refuses with the file, line and field (never a crash, a hang or a silent change)."""

from __future__ import annotations

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hrleaflet.cache import CACHE_ENV
from hrleaflet.cli import app
from hrleaflet.content.guidance import load_tip_set
from hrleaflet.content.services import load_services
from hrleaflet.errors import ContentError, TranslationError
from hrleaflet.i18n.catalogs import read_catalog
from hrleaflet.i18n.placeholders import fill, msgstr_problem
from hrleaflet.i18n.review import check
from hrleaflet.paths import guidance_dir
from hrleaflet.pipeline import BuildRequest, build

from .conftest import (
    CSV_EXAMPLE,
    YAML_EXAMPLE,
    french_opioids,
    french_request,
    hrleaflet_started,
    interrupt_when,
    one_huge_service,
    pdf_text,
    run_manifest,
    variable_bolds,
)

runner = CliRunner()

# ---- CSV: nothing silently replaced ----------------------------------------------------------


def test_a_csv_column_given_twice_is_refused(tmp_path: Path) -> None:
    lines = CSV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    header = lines[0]
    assert header.endswith(",notes") or "notes" in header
    path = tmp_path / "s.csv"
    path.write_text("\n".join([header + ",notes", *(line + "," for line in lines[1:])]) + "\n", "utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    position = header.split(",").index("notes") + 1
    last = len(header.split(",")) + 1
    assert f"s.csv:1: notes: column 'notes' appears twice (columns {position} and {last})" in str(
        excinfo.value
    )


@pytest.mark.parametrize("row_type", ["locality", "organisation"])
def test_a_second_locality_or_organisation_row_is_refused(tmp_path: Path, row_type: str) -> None:
    lines = CSV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, 1) if line.startswith(f"{row_type},"))
    width = lines[0].count(",")
    lines.append(f"{row_type},Somewhere else" + "," * (width - 1))
    path = tmp_path / "s.csv"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    assert f"s.csv:{len(lines)}: type: a second '{row_type}' row (the first is on line {first})" in str(
        excinfo.value
    )


# ---- files that are not files ------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_pipes_and_devices_are_refused_not_read(tmp_path: Path, kind: str) -> None:
    for name in ("services.yaml", "general.yaml"):
        path = tmp_path / name
        if kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
    with pytest.raises(ContentError, match="is not a regular file"):
        load_services(tmp_path / "services.yaml")
    with pytest.raises(ContentError, match="is not a regular file"):
        load_tip_set(tmp_path / "general.yaml")
    translations = tmp_path / "translations"
    translations.mkdir()
    if kind == "device":
        (translations / "fr.po").symlink_to("/dev/zero")
    else:
        os.mkfifo(translations / "fr.po")
    with pytest.raises(ContentError, match="is not a regular file"):
        read_catalog(translations / "fr.po")


# ---- translations are data ----------------------------------------------------------------------


def _french(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the opioids set with a complete French file (every msgstr = the English)."""
    return french_opioids(tmp_path, lambda message: str(message.id))


def _set_msgstr(po: Path, context: str, msgstr: str) -> int:
    """Replace one entry's msgstr (written raw, so anything can be planted); return its line."""
    text = po.read_text(encoding="utf-8")
    match = re.search(rf'msgctxt "{re.escape(context)}"\nmsgid "[^\n]*"\n(msgstr "[^\n]*")', text)
    assert match, context
    po.write_text(text[: match.start(1)] + f"msgstr {msgstr}" + text[match.end(1) :], "utf-8")
    return text[: match.start()].count("\n") + 1


HOSTILE_MSGSTRS = {
    "format spec": '"Local services in {locality:>2000000}"',
    "attribute access": '"Local services in {locality.__class__.__mro__}"',
    "unknown name": '"Local services in {town}"',
    "unclosed": '"Local services in {locality"',
    "stray brace": '"Local services in locality}"',
    "bidi override": '"Local services in \u202e{locality}"',
}


@pytest.mark.parametrize("case", sorted(HOSTILE_MSGSTRS))
def test_a_hostile_msgstr_stops_the_build_with_file_line_and_context(tmp_path: Path, case: str) -> None:
    guidance, translations, po = _french(tmp_path)
    line = _set_msgstr(po, "leaflet/services-heading", HOSTILE_MSGSTRS[case])
    request = french_request(tmp_path, guidance, translations)
    with pytest.raises(TranslationError) as excinfo:
        build(request)
    message = str(excinfo.value)
    assert f"fr.po:{line + 1}: leaflet/services-heading:" in message, message
    assert "__mro__" not in message or "placeholders differ" in message
    problems = [str(p) for p in check(guidance, translations)]
    assert any("leaflet/services-heading" in p and f"fr.po:{line + 1}" in p for p in problems), problems
    # With --allow-fallback the English is printed, never the planted text.
    (built,) = build(BuildRequest(**{**request.__dict__, "allow_fallback": True}))
    text = pdf_text(built.path)
    assert "Local services in Testville" in text
    assert "class" not in text.split("Local services in")[1][:40]


def test_a_plural_msgstr_for_a_single_string_is_refused(tmp_path: Path) -> None:
    guidance, translations, po = _french(tmp_path)
    text = po.read_text(encoding="utf-8")
    match = re.search(r'(msgctxt "leaflet/emergency"\nmsgid "Emergency"\n)msgstr "[^\n]*"', text)
    assert match
    planted = 'msgid_plural "Emergencies"\nmsgstr[0] "Urgence"\nmsgstr[1] "Urgences"'
    po.write_text(text[: match.end(1)] + planted + text[match.end() :], "utf-8")
    problems = [str(p) for p in check(guidance, translations)]
    assert any("leaflet/emergency: has plural forms" in p for p in problems), problems


@settings(max_examples=200, deadline=None)
@given(inside=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_fill_never_evaluates_what_is_in_braces(inside: str) -> None:
    """Whatever a translator writes in braces comes out literally or as the value of a known name."""
    template = "A {" + inside + "} B {locality}"
    result = fill(template, locality="Testville")
    assert result.endswith(" B Testville")
    expected_inside = "Testville" if inside == "locality" else "{" + inside + "}"
    assert result == "A " + expected_inside + " B Testville" or "{" in inside or "}" in inside
    if inside != "locality":
        assert msgstr_problem("A {locality} B {locality}", template) is not None


# ---- command-line values ------------------------------------------------------------------------


def test_tips_without_any_id_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", "opioids", "-s", str(YAML_EXAMPLE), "--tips", ",", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "--tips: no tip ids given" in result.stderr
    assert not list(tmp_path.glob("*.pdf"))


# ---- second-round classes: each a located error or an intact result --------------------------

HIDDEN_CHARACTERS = ["\U000e0041", "\U000e007f", "\ufff9", "\ufeff", "\u202e", "\u2066", "\x07"]


@pytest.mark.parametrize("char", HIDDEN_CHARACTERS)
@pytest.mark.parametrize("field", ["locality", "notes"])
def test_hidden_characters_are_refused_with_their_code_point(tmp_path: Path, char: str, field: str) -> None:
    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    path = tmp_path / "s.yaml"
    if field == "locality":
        text = re.sub(
            r"^locality: (.*)$", lambda m: f'locality: "{m.group(1)}{char}"', text, count=1, flags=re.M
        )
    else:
        text = re.sub(
            r"^(\s+)notes: (.*)$", lambda m: f'{m.group(1)}notes: "x{char}y"', text, count=1, flags=re.M
        )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    assert f"U+{ord(char):04X}" in str(excinfo.value)


def test_a_csv_cell_beyond_the_csv_limit_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    rows = CSV_EXAMPLE.read_text(encoding="utf-8").splitlines()
    width = rows[0].count(",")
    rows.append("service,Big,ost" + "," * (width - 3) + "x" * 200_000)
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    assert f"s.csv:{len(rows)}: not readable as CSV" in str(excinfo.value)


@pytest.mark.parametrize("name", ["not a code", "zz_QQ_x", "..", "fr-po"])
def test_a_stray_po_name_in_the_translations_folder_is_named(tmp_path: Path, name: str) -> None:
    translations = tmp_path / "translations"
    translations.mkdir()
    shutil.copy(guidance_dir().parent / "translations" / "fr.po", translations / f"{name}.po")
    result = runner.invoke(app, ["list", "--translations", str(translations)])
    assert result.exit_code == 1, result.output
    assert f"'{name}' is not a language code" in " ".join(result.stderr.split())
    assert "internal error" not in result.output


@pytest.mark.parametrize(
    ("link", "doubt"),
    [
        ("https://trusted.example@evil.example/", "it really goes to evil.example"),
        ("https://user:pw@example.org/x", "it really goes to example.org"),
        ("https://ex\u0430mple.org/", "mixes cyrillic and latin letters"),
        ("https://xn--exmple-4nf.org/", "mixes cyrillic and latin letters"),
        ("https://\u03b1pple.com/", "mixes greek and latin letters"),
    ],
)
def test_misleading_links_are_warnings_with_their_line(tmp_path: Path, link: str, doubt: str) -> None:
    from hrleaflet.content.services import service_doubts

    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^(\s+)url: .*$", lambda m: f"{m.group(1)}url: {link}", text, count=1, flags=re.M)
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if f"url: {link}" in row)
    doubts = [d for d in service_doubts(path) if d.field and d.field.endswith(".url")]
    assert len(doubts) == 1 and doubts[0].line == line and doubt in doubts[0].message, doubts
    assert doubts[0].warning


@pytest.mark.parametrize("logo", ["/etc/hostname", "../outside.png", "sub/../../outside.png"])
def test_a_logo_outside_the_services_folder_is_refused(tmp_path: Path, logo: str) -> None:
    folder = tmp_path / "net"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^organisation:\n", f"organisation:\n  logo: {logo}\n", text, count=1, flags=re.M)
    path = folder / "s.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    assert "organisation.logo: " in str(excinfo.value) and "is outside this services file's folder" in str(
        excinfo.value
    )


def _one_leaflet_batch(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults:\n  sets: [opioids]\n  modes: [bw]\n"
        "localities:\n  - name: Testville\n    services: testville.yaml\n",
        "utf-8",
    )
    return manifest, tmp_path / "out"


def _batch(manifest: Path, out: Path) -> object:
    return run_manifest(manifest, out)


@pytest.mark.parametrize("record", ["[]", "null", "{", '{"testville/opioids-en-a4-bw.pdf": 7}', "\x00"])
def test_a_damaged_batch_record_only_means_building_again(tmp_path: Path, record: str) -> None:
    manifest, out = _one_leaflet_batch(tmp_path)
    out.mkdir()
    (out / ".hrleaflet-inputs.json").write_text(record, encoding="utf-8")
    report = _batch(manifest, out)
    assert len(report.built) == 1 and not report.failed  # type: ignore[attr-defined]


def test_an_output_changed_since_it_was_built_is_built_again(tmp_path: Path) -> None:
    manifest, out = _one_leaflet_batch(tmp_path)
    (pdf,) = _batch(manifest, out).built  # type: ignore[attr-defined]
    assert _batch(manifest, out).built == []  # type: ignore[attr-defined]
    pdf.write_bytes(pdf.read_bytes()[:1000])  # truncated, e.g. by a full disk or a bad copy
    assert _batch(manifest, out).built == [pdf]  # type: ignore[attr-defined]
    pdf.unlink()
    assert _batch(manifest, out).built == [pdf]  # type: ignore[attr-defined]


def test_a_killed_runs_old_partial_files_are_removed(tmp_path: Path) -> None:
    manifest, out = _one_leaflet_batch(tmp_path)
    (out / "testville").mkdir(parents=True)
    old = out / "testville" / ".opioids-en-a4-bw.pdf.0123456789ab.part"
    fresh = out / "testville" / ".opioids-en-a4-bw.pdf.ba9876543210.part"
    for part in (old, fresh):
        part.write_bytes(b"%PDF-1.4 half")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    _batch(manifest, out)
    assert not old.exists(), "a stale partial file from a killed run is cleaned up"
    assert fresh.exists(), "a fresh one may belong to a batch still running"


@pytest.mark.skipif(
    not hasattr(os, "killpg") or not Path("/proc").is_dir(), reason="needs POSIX signals and /proc"
)
def test_ctrl_c_stops_a_batch_at_once_records_what_finished_and_leaves_no_worker(tmp_path: Path) -> None:
    import json

    # Each town its own services: towns sharing a file would get copies, and be done too soon.
    example = YAML_EXAMPLE.read_text(encoding="utf-8")
    for n in range(12):
        (tmp_path / f"town-{n}.yaml").write_text(example.replace("Testville", f"Town {n}"), "utf-8")
    manifest = tmp_path / "network.yaml"
    localities = "".join(f"  - name: Town {n}\n    services: town-{n}.yaml\n" for n in range(12))
    manifest.write_text(
        "defaults:\n  sets: [all]\n  formats: [a4, card]\n  modes: [colour, bw]\nlocalities:\n" + localities,
        "utf-8",
    )
    out = tmp_path / "out"
    record = out / ".hrleaflet-inputs.json"
    process = hrleaflet_started(["batch", str(manifest), "-o", str(out), "-j", "2"], tmp_path)
    interrupt_when(process, lambda: record.is_file() and bool(record.read_text("utf-8").strip()), "batch")
    finished = json.loads(record.read_text("utf-8"))
    assert finished and all((out / name).is_file() for name in finished)
    assert not list(out.rglob("*.part"))


def test_a_large_logo_is_embedded_at_print_resolution(tmp_path: Path) -> None:
    """A 4000 x 3000 photo as a logo: printed 30 pt high, it needs no more than 300 dpi."""
    import random

    import pypdf
    from PIL import Image

    rng = random.Random(7)
    noise = Image.frombytes("RGB", (4000, 3000), rng.randbytes(4000 * 3000 * 3))
    noise.save(tmp_path / "logo.png")
    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^organisation:\n", "organisation:\n  logo: logo.png\n", text, count=1, flags=re.M)
    services = tmp_path / "s.yaml"
    services.write_text(text, encoding="utf-8")
    built = build(
        BuildRequest(sets=("opioids",), services=services, out=tmp_path / "out", modes=("colour", "bw"))
    )
    for item in built:
        images = [image for page in pypdf.PdfReader(item.path).pages for image in page.images]
        assert images, "the logo is printed"
        assert all(image.image.height <= 125 for image in images), [i.image.size for i in images]
        assert item.size < 400_000, item.size


def test_an_overlong_translation_is_refused_quickly_with_its_line(tmp_path: Path) -> None:
    *_, po = _french(tmp_path)
    line = _set_msgstr(po, "leaflet/emergency", '"' + "x" * 100_000 + '"')
    with pytest.raises(TranslationError) as excinfo:
        read_catalog(po)
    assert f"fr.po:{line + 1}: leaflet/emergency: the translation is 100,000 characters long" in str(
        excinfo.value
    )


# ---- fonts: a network's own, and the cache of bold instances ------------------------------------


def _bad_fonts(folder: Path) -> dict[str, str]:
    """Font files a network could drop in --font-dir by mistake, and what the error must say."""
    import fontpkg

    good = Path(fontpkg.path("Hind Siliguri")).read_bytes()
    (folder / "Truncated-Regular.ttf").write_bytes(good[: len(good) // 3])
    (folder / "Text-Regular.ttf").write_text("not a font at all", encoding="utf-8")
    (folder / "Empty-Regular.ttf").write_bytes(b"")
    os.mkfifo(folder / "Pipe-Regular.ttf")
    return {
        "Truncated-Regular.ttf": "is not a readable TrueType font",
        "Text-Regular.ttf": "is not a readable TrueType font",
        "Empty-Regular.ttf": "is not a readable TrueType font",
        "Pipe-Regular.ttf": "is not a regular file",
    }


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_bad_fonts_in_font_dir_are_each_named(tmp_path: Path) -> None:
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    expected = _bad_fonts(fonts)
    result = runner.invoke(
        app,
        ["build", "general", "-s", str(YAML_EXAMPLE), "--font-dir", str(fonts), "-o", str(tmp_path / "o")],
    )
    assert result.exit_code == 1, result.output
    message = " ".join(result.stderr.split())
    for name, reason in expected.items():
        assert f"{name}: --font-dir: {reason}" in message, message
    assert "internal error" not in message


def test_a_damaged_cached_font_is_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fontpkg

    from hrleaflet.render.text import instances

    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    variable = Path(fontpkg.path("Noto Sans Thai"))
    first = instances.static_instance(variable, 700)
    whole = first.read_bytes()
    first.write_bytes(whole[: len(whole) // 2])  # cut short, as by a full disk or a kill
    again = instances.static_instance(variable, 700)
    assert again == first and again.read_bytes() == whole


def test_an_unwritable_font_cache_is_worked_around(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import fontpkg

    from hrleaflet.render.text import instances

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    said: list[str] = []
    monkeypatch.setattr(instances, "announce", said.append)
    made = instances.static_instance(Path(fontpkg.path("Noto Sans Thai")), 700)
    assert made.is_file() and not made.is_relative_to(blocker)
    assert any("is not writable" in line for line in said)


def test_fonts_made_side_by_side_beside_an_unwritable_cache_are_made_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers that cannot write the cache keep their fonts aside; the build then draws with
    those, instead of making each font again."""
    from hrleaflet.render.text import instances

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker))
    fonts = variable_bolds()
    instances.make_fonts(fonts, workers=2)
    assert all(font.is_made() for font in fonts)
    said: list[str] = []
    monkeypatch.setattr(instances, "announce", said.append)
    made = [font.make() for font in fonts]
    assert said == []  # nothing made again
    assert all(path.is_file() and not path.is_relative_to(blocker) for path in made)


def test_a_very_long_digit_string_is_refused_briefly(tmp_path: Path) -> None:
    text = (guidance_dir() / "opioids.yaml").read_text(encoding="utf-8")
    path = tmp_path / "opioids.yaml"
    path.write_text(re.sub(r"priority: 1", "priority: " + "9" * 5000, text, count=1), encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_tip_set(path)
    (problem,) = excinfo.value.problems
    assert problem.field == "tips[1].priority" and "expected a whole number like 2" in problem.message
    assert "(5,000 characters)" in problem.message and len(problem.message) < 200


def test_a_png_with_a_huge_metadata_chunk_is_a_located_error(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    pixels = zlib.compress(b"".join(b"\x00" + b"\x00" * 30 for _ in range(10)))
    comment = b"Comment\x00\x00" + zlib.compress(b"A" * 20_000_000, 9)  # 20 MB of text, 20 KB of file
    (tmp_path / "logo.png").write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0))
        + chunk(b"zTXt", comment)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )
    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    text = re.sub(r"^organisation:\n", "organisation:\n  logo: logo.png\n", text, count=1, flags=re.M)
    services = tmp_path / "s.yaml"
    services.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["check", "-s", str(services)])
    assert result.exit_code == 1 and "internal error" not in result.output
    assert (
        "s.yaml:" in result.stderr
        and "organisation.logo: 'logo.png' has a damaged or oversized header"
        in (" ".join(result.stderr.split()))
    )


# ---- messages that say what to change ------------------------------------------------------------


def test_a_booklet_where_no_service_fits_is_an_error_but_a_card_still_builds(tmp_path: Path) -> None:
    from hrleaflet.errors import RenderError

    services = one_huge_service(tmp_path)
    request = BuildRequest(
        sets=("drug-supply",), services=services, out=tmp_path / "out", formats=("a5",), modes=("bw",)
    )
    with pytest.raises(RenderError) as excinfo:
        build(request)
    assert "drug-supply (en): on a5 its one service does not fit" in str(excinfo.value)
    assert "choose a larger format (a4)" in str(excinfo.value)
    (card,) = build(BuildRequest(**{**request.__dict__, "formats": ("card",)}))
    assert card.pages == 2


def test_a_block_too_large_for_any_page_is_named_by_its_words() -> None:
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.platypus import Table

    from hrleaflet.errors import RenderError
    from hrleaflet.render.flow import fill, frame
    from hrleaflet.render.formats import Rect
    from hrleaflet.render.text.flowable import TextBlock
    from hrleaflet.render.text.fonts import families_for
    from hrleaflet.render.text.style import TextStyle

    style = TextStyle(size=9, colour=(0, 0, 0), families=families_for("en"), locale="en")
    words = "Unbreakable-" * 40
    canvas = Canvas(io.BytesIO())
    tiny = frame(Rect(0, 0, 40, 20))
    with pytest.raises(RenderError) as excinfo:
        fill(tiny, [Table([[TextBlock(words, style)]], colWidths=[40])], canvas)  # a row cannot split
    assert f"the text starting '{words[:60]}'" in str(excinfo.value)
    assert "shorten it or choose a larger format" in str(excinfo.value)
