"""Hostile input, second round: whatever a file holds, the leaflet prints what was written or the
tool refuses with the file, line and field (never a crash, a hang or a silent change)."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.guidance import load_tip_set
from hrleaflet.content.services import load_services
from hrleaflet.errors import ContentError, TranslationError
from hrleaflet.i18n.catalogs import extract, init_locale, read_catalog, write_catalog
from hrleaflet.i18n.placeholders import fill, msgstr_problem
from hrleaflet.i18n.review import check
from hrleaflet.paths import guidance_dir
from hrleaflet.pipeline import BuildRequest, build

from .conftest import CSV_EXAMPLE, YAML_EXAMPLE, pdf_text

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
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    shutil.copy(guidance_dir() / "opioids.yaml", guidance / "opioids.yaml")
    translations = tmp_path / "translations"
    translations.mkdir()
    extract(guidance, translations)
    po = init_locale("fr", guidance, translations)
    catalog = read_catalog(po)
    for message in catalog:
        if message.id:
            message.string = str(message.id)
    write_catalog(po, catalog)
    return guidance, translations, po


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
    request = BuildRequest(
        sets=("opioids",),
        services=YAML_EXAMPLE,
        out=tmp_path / "out",
        languages=("fr",),
        modes=("bw",),
        guidance=guidance,
        translations=translations,
    )
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
