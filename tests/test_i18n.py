"""Languages: the translator's workflow, locale negotiation, and leaflets in every language."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest
from babel import Locale
from babel.dates import format_date
from babel.messages.plurals import get_plural
from rich.cells import cell_len
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.errors import TranslationError, UsageError
from hrleaflet.i18n import keep_whole
from hrleaflet.i18n.catalogs import extract, init_locale, language_files, read_catalog, update, write_catalog
from hrleaflet.i18n.languages import available_locales, negotiate
from hrleaflet.i18n.review import check, status
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.pipeline import BuildRequest, build

from .conftest import ROOT, YAML_EXAMPLE, french_request, pdf_text

runner = CliRunner()
SHIPPED = sorted(language_files(translations_dir()))
# Scripts the Latin/Cyrillic/Greek font covers; the world-script languages have their own tests.
EUROPEAN_SCRIPTS = [
    code for code in SHIPPED if code in {"fr", "es", "pt", "ru", "uk", "id", "ro", "sr_Latn", "ky"}
]


@pytest.fixture
def workspace(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of one shipped tip set and an empty translations folder."""
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    shutil.copy(guidance_dir() / "opioids.yaml", guidance / "opioids.yaml")
    translations = tmp_path / "translations"
    translations.mkdir()
    return guidance, translations


def pseudo_translate(path: Path) -> None:
    """Fill every entry with a recognisable 'translation' that keeps the placeholders
    (not the keep-whole entry: it lists words, and `check` warns of words no text uses)."""
    catalog = read_catalog(path)
    for message in catalog:
        if message.id and message.context != keep_whole.CONTEXT:
            message.string = f"«{message.id}»"
    write_catalog(path, catalog)


def test_round_trip_extract_init_translate_build(workspace: tuple[Path, Path], tmp_path: Path) -> None:
    guidance, translations = workspace
    template = extract(guidance, translations)
    assert template.name == "hrleaflet.pot"
    po = init_locale("fr", guidance, translations)
    text = po.read_text(encoding="utf-8")
    assert '"Language: fr\\n"' in text
    # The rule of the installed Babel's CLDR data (it changes between releases).
    assert read_catalog(po).plural_forms == get_plural(Locale.parse("fr")).plural_forms
    assert '"X-Review-Status: draft\\n"' in text
    assert 'msgctxt "opioids/not-alone/headline"' in text
    pseudo_translate(po)

    request = french_request(tmp_path, guidance, translations)
    (item,) = build(request)
    assert item.path.name == "opioids-fr-a4-bw.pdf"
    extracted = pdf_text(item.path)
    assert "«Do not use alone»" in extracted
    assert "«Emergency»" in extracted
    updated = load_tip_set(guidance / "opioids.yaml").updated
    assert format_date(updated, format="long", locale="fr") in extracted  # formatted for French by Babel
    assert pypdf.PdfReader(item.path).trailer["/Root"]["/Lang"] == "fr"


def test_changed_english_becomes_fuzzy_and_blocks_the_build(
    workspace: tuple[Path, Path], tmp_path: Path
) -> None:
    guidance, translations = workspace
    extract(guidance, translations)
    pseudo_translate(init_locale("fr", guidance, translations))
    source = guidance / "opioids.yaml"
    old = "Use where someone can see you and help"
    source.write_text(source.read_text(encoding="utf-8").replace(old, "Use with a friend nearby"), "utf-8")

    (summary,) = update(guidance, translations)
    assert (summary.new, summary.changed, summary.obsolete) == (0, 1, 0)
    catalog = read_catalog(translations / "fr.po")
    entry = next(m for m in catalog if m.context == "opioids/not-alone/body")
    assert entry.fuzzy
    assert entry.string.startswith(f"«{old}")  # the old translation is kept for the translator
    po_text = (translations / "fr.po").read_text(encoding="utf-8")
    assert '#| "Use where someone can see you and ' in po_text  # the old English, for the translator

    request = french_request(tmp_path, guidance, translations)
    with pytest.raises(TranslationError) as excinfo:
        build(request)
    assert "opioids/not-alone/body: marked fuzzy" in str(excinfo.value)
    assert not (tmp_path / "out").exists()

    fallback = BuildRequest(**{**request.__dict__, "allow_fallback": True})
    (item,) = build(fallback)
    assert item.partly_english
    text = pdf_text(item.path)
    assert "Use with a friend nearby" in text  # the new English is printed
    assert "«Parts of this leaflet are in English until their translation is finished.»" in text


def test_removed_and_new_entries_after_update(workspace: tuple[Path, Path]) -> None:
    guidance, translations = workspace
    extract(guidance, translations)
    pseudo_translate(init_locale("es", guidance, translations))
    source = guidance / "opioids.yaml"
    source.write_text(
        source.read_text(encoding="utf-8").replace("id: not-alone", "id: use-together"), "utf-8"
    )
    (summary,) = update(guidance, translations)
    assert (summary.new, summary.changed, summary.obsolete) == (2, 0, 2)
    text = (translations / "es.po").read_text(encoding="utf-8")
    assert '#~ msgctxt "opioids/not-alone/headline"' in text
    problems = [str(p) for p in check(guidance, translations)]
    assert any("opioids/use-together/headline: not translated" in p for p in problems)


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        ("fr", "fr"),
        ("fr-CA", "fr"),
        ("fr_CA", "fr"),
        ("pt_BR", "pt"),
        ("sr", "sr_Latn"),
        ("sr_Latn_RS", "sr_Latn"),
        ("sr-RS", "sr_Latn"),
        ("sr-Cyrl", "sr_Cyrl"),
        ("sr_Cyrl_RS", "sr_Cyrl"),
        ("zh-CN", "zh_Hans"),
        ("zh-Hans", "zh_Hans"),
    ],
)
def test_locale_negotiation(requested: str, expected: str) -> None:
    assert negotiate(requested, available_locales(translations_dir())) == expected


def test_sets_and_languages_may_be_listed_with_commas_as_people_type_them(tmp_path: Path) -> None:
    arguments = ["build", "opioids,buying", "-s", str(YAML_EXAMPLE), "-m", "bw", "-o", str(tmp_path)]
    result = runner.invoke(app, [*arguments, "-l", "fr, ar", "-l", "fr"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        f"{name}-{code}-a4-bw.pdf" for name in ("buying", "opioids") for code in ("ar", "fr")
    ]
    result = runner.invoke(app, [*arguments, "-l", "fr,haw"])
    assert result.exit_code != 0
    assert "no language file for 'haw'" in " ".join(result.stderr.split())


def test_unknown_locale_lists_the_available_ones() -> None:
    with pytest.raises(UsageError) as excinfo:
        negotiate("haw", available_locales(translations_dir()))
    assert "no language file for 'haw'; available: en, " in str(excinfo.value)
    with pytest.raises(UsageError, match="is not a language code"):
        negotiate("not a locale!", ["en"])


def test_placeholder_mismatch_is_reported_with_file_and_line(workspace: tuple[Path, Path]) -> None:
    guidance, translations = workspace
    extract(guidance, translations)
    po = init_locale("fr", guidance, translations)
    pseudo_translate(po)
    catalog = read_catalog(po)
    catalog.get("Local services in {locality}", context="leaflet/services-heading").string = "Services locaux"
    write_catalog(po, catalog)
    line = next(
        n
        for n, text in enumerate(po.read_text(encoding="utf-8").splitlines(), 1)
        if text == 'msgid "Local services in {locality}"'
    )
    assert [str(p) for p in check(guidance, translations)] == [
        f"{po}:{line}: leaflet/services-heading: placeholders differ:"
        " English has {locality}, translation has none; keep each {name} exactly as in the English"
    ]


def test_malformed_po_file_names_its_line(workspace: tuple[Path, Path]) -> None:
    _, translations = workspace
    broken = translations / "fr.po"
    header = 'msgid ""\nmsgstr ""\n"Language: fr\\n"\n\n'
    broken.write_text(header + 'msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(TranslationError, match=r"fr\.po:6: not a valid PO file: expected a keyword"):
        read_catalog(broken)
    broken.write_text(header + 'msgid "x"\nmsgstr "y"\nnonsense here\n', encoding="utf-8")
    with pytest.raises(TranslationError, match=r"fr\.po:7: not a valid PO file"):
        read_catalog(broken)
    broken.write_text(header + 'msgid "x"\n\nmsgid "z"\nmsgstr "q"\n', encoding="utf-8")
    with pytest.raises(TranslationError, match=r"fr\.po:5: not a valid PO file: missing msgstr"):
        read_catalog(broken)


def test_init_refuses_an_existing_file_and_unknown_codes(workspace: tuple[Path, Path]) -> None:
    guidance, translations = workspace
    init_locale("uk", guidance, translations)
    with pytest.raises(UsageError, match="already exists"):
        init_locale("uk", guidance, translations)
    with pytest.raises(UsageError, match="is not a language code"):
        init_locale("klingon!", guidance, translations)


def test_shipped_translations_are_complete_drafts() -> None:
    rows = status(guidance_dir(), translations_dir())
    assert len(rows) >= 15
    for row in rows:
        assert row.percent == 100.0, row
        assert row.review == "draft", row
    assert check(guidance_dir(), translations_dir()) == []


def test_template_is_current() -> None:
    """translations/hrleaflet.pot matches what `translations extract` makes now."""
    from hrleaflet.i18n.catalogs import build_template

    current = read_catalog(translations_dir() / "hrleaflet.pot")
    fresh = build_template(guidance_dir())
    assert [(m.context, m.id) for m in current if m.id] == [(m.context, m.id) for m in fresh if m.id]


@pytest.mark.parametrize("code", SHIPPED)
def test_shipped_po_files_pass_msgfmt_check(code: str) -> None:
    if not shutil.which("msgfmt"):
        pytest.skip("gettext (msgfmt) is not installed")
    path = translations_dir() / f"{code}.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stderr == "", result.stderr


SHIPPED_CATALOGS = [*SHIPPED, "hrleaflet.pot"]


def _catalog_path(name: str) -> Path:
    return translations_dir() / (name if name.endswith(".pot") else f"{name}.po")


@pytest.mark.parametrize("name", SHIPPED_CATALOGS)
def test_shipped_po_files_round_trip_without_noise(name: str, tmp_path: Path) -> None:
    """Reading a shipped file and writing it back changes no byte (no diff noise)."""
    path = _catalog_path(name)
    out = tmp_path / path.name
    write_catalog(out, read_catalog(path))
    assert out.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("name", SHIPPED_CATALOGS)
def test_shipped_po_files_are_as_msgcat_writes_them(name: str) -> None:
    """The shipped files are laid out as gettext (and so Poedit and Weblate) writes them."""
    if not shutil.which("msgcat"):
        pytest.skip("gettext (msgcat) is not installed")
    path = _catalog_path(name)
    result = subprocess.run(["msgcat", str(path)], capture_output=True, check=True)
    assert result.stdout == path.read_bytes()


def test_update_writes_fuzzy_previous_and_obsolete_entries_as_msgcat_does(
    workspace: tuple[Path, Path], tmp_path: Path
) -> None:
    guidance, translations = workspace
    extract(guidance, translations)
    po = init_locale("th", guidance, translations)
    catalog = read_catalog(po)
    for message in catalog:
        if message.id:
            message.string = f"«{message.id}» ทดสอบภาษาไทย 中文测试"
    write_catalog(po, catalog)
    source = guidance / "opioids.yaml"
    text = source.read_text(encoding="utf-8")
    text = text.replace('intro: "Even when', 'intro: "Changed wording here, even when', 1)
    text = text.replace("- id: not-alone\n", "- id: never-alone\n", 1)
    source.write_text(text, encoding="utf-8")
    update(guidance, translations)
    written = po.read_bytes()
    assert b'#, fuzzy\n#| msgid ""\n#| "Even when' in written
    assert b'\n#~ msgctxt "opioids/not-alone/headline"' in written
    again = tmp_path / "again.po"
    write_catalog(again, read_catalog(po))
    assert again.read_bytes() == written
    if shutil.which("msgcat"):
        for path in (po, translations / "hrleaflet.pot"):
            assert (
                subprocess.run(["msgcat", str(path)], capture_output=True, check=True).stdout
                == path.read_bytes()
            )


@pytest.mark.parametrize("code", EUROPEAN_SCRIPTS)
def test_every_set_builds_in_each_language_with_its_headlines(code: str, tmp_path: Path) -> None:
    request = BuildRequest(
        sets=("all",), services=YAML_EXAMPLE, out=tmp_path, languages=(code,), modes=("bw",)
    )
    built = build(request)
    assert len(built) == len(available_sets(guidance_dir()))
    catalog = read_catalog(translations_dir() / f"{code}.po")
    for item in built:
        text = pdf_text(item.path)
        for message in catalog:
            if (
                message.id
                and message.context.startswith(f"{item.set_id}/")
                and message.context.endswith("/headline")
            ):
                assert " ".join(message.string.split()) in text, (code, message.context)


def test_cli_build_prints_draft_notice_and_status_table(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["build", "general", "-s", str(YAML_EXAMPLE), "--lang", "pt_BR", "--mode", "bw", "-o", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert "Note: the pt translation is a draft awaiting review by a native speaker" in result.stderr
    assert (tmp_path / "general-pt-a4-bw.pdf").is_file()

    table = runner.invoke(app, ["translations", "status"], env={"COLUMNS": "200"})
    assert table.exit_code == 0
    assert "Français" in table.stdout and "100" in table.stdout and "draft" in table.stdout
    # On an 80-column terminal nothing is cut short ("loca…", "2026…"): the counts share a column.
    narrow = runner.invoke(app, ["translations", "status"], env={"COLUMNS": "80"})
    assert narrow.exit_code == 0 and "…" not in narrow.stdout
    assert max(cell_len(line) for line in narrow.stdout.splitlines()) <= 80  # terminal cells
    (french,) = [line.split() for line in narrow.stdout.splitlines() if line.split()[:1] == ["fr"]]
    assert french[1] == "Français" and french[3] == "draft"
    assert re.fullmatch(r"(\d+)/\1", french[2])  # every string translated
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", french[4])


def test_cli_unknown_language_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", "general", "-s", str(YAML_EXAMPLE), "--lang", "haw", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "no language file for 'haw'" in result.stderr


def test_cli_translations_check_fails_with_file_and_line(workspace: tuple[Path, Path]) -> None:
    guidance, translations = workspace
    extract(guidance, translations)
    init_locale("ro", guidance, translations)
    result = runner.invoke(
        app, ["translations", "check", "--guidance", str(guidance), "--translations", str(translations)]
    )
    assert result.exit_code == 1
    assert f"{translations / 'ro.po'}:" in result.stderr
    assert "opioids/title: not translated" in result.stderr


def test_translator_readme_and_glossary_exist() -> None:
    readme = (ROOT / "translations" / "README.md").read_text(encoding="utf-8")
    for command in ("translations init", "translations update", "translations check", "translations status"):
        assert command in readme
    glossary = (ROOT / "translations" / "GLOSSARY.md").read_text(encoding="utf-8")
    for code in SHIPPED:
        assert f"(`{code}`)" in glossary


def test_cli_init_of_a_shipped_language_hands_over_its_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a new project folder, `translations init sw` starts translations/ from the shipped
    files, Kiswahili's among them: that copy is the one to work on, not an error."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["translations", "init", "sw"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "sw (Swahili) is shipped: translations/sw.po is your copy" in result.stdout
    copy = tmp_path / "translations" / "sw.po"
    assert copy.read_bytes() == (translations_dir() / "sw.po").read_bytes()
    again = runner.invoke(app, ["translations", "init", "sw"], env={"COLUMNS": "200"})
    assert again.exit_code == 2 and "sw.po already exists: translate or review it there" in again.stderr


def test_cli_init_refuses_an_unknown_code_before_copying_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["translations", "init", "klingon"])
    assert result.exit_code == 2
    assert "'klingon' is not a language code" in result.stderr
    assert not (tmp_path / "translations").exists()


def test_a_variety_with_no_file_of_its_own_is_named_when_another_is_used(tmp_path: Path) -> None:
    """`-l zh-TW` is set in Simplified Chinese, the only Chinese file: a reader in Taiwan
    expects Traditional, so the build says which file it used instead of doing it in silence."""
    result = runner.invoke(
        app,
        ["build", "opioids", "-s", str(YAML_EXAMPLE), "-l", "zh-TW,fr", "-f", "text", "-o", str(tmp_path)],
        env={"COLUMNS": "300"},
    )
    assert result.exit_code == 0, result.output
    assert "-l zh-TW: there is no language file for zh-TW; set in zh_Hans" in result.stderr
    assert "-l fr:" not in result.stderr
