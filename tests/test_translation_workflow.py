"""The translator's workflow as a translator meets it: update after update, `translations check`,
and the build's messages about a translation, each naming the file, line and context."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hrleaflet.cli import app
from hrleaflet.i18n import keep_whole

from .conftest import YAML_EXAMPLE, french_opioids

runner = CliRunner()
HEADLINE = "opioids/not-alone/headline"  # English: "Do not use alone" (the limit is 60 characters)


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """A project folder's guidance/ (one shipped tip set) and translations/ with a French file
    that has every entry translated («English»)."""
    guidance, translations, _ = french_opioids(
        tmp_path, lambda message: None if message.context == keep_whole.CONTEXT else f"«{message.id}»"
    )
    return guidance, translations


def run(*arguments: str | Path) -> Result:
    return runner.invoke(app, [str(argument) for argument in arguments], env={"COLUMNS": "300"})


def said(result: Result) -> str:
    """Everything a command printed, each run of spaces and line breaks as one space."""
    return " ".join(result.output.split())


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, wanted: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, start=1) if line == wanted)


def check(guidance: Path, translations: Path) -> Result:
    return run("translations", "check", "--guidance", guidance, "--translations", translations)


def build_french(guidance: Path, translations: Path, out: Path, formats: str = "text,a4") -> Result:
    return run(
        "build", "opioids", "-s", YAML_EXAMPLE, "-l", "fr", "-f", formats, "-m", "bw", "-o", out,
        "--guidance", guidance, "--translations", translations,
    )  # fmt: skip


# --- `translations update` on files nobody changed changes nothing -----------------------


def test_update_leaves_the_shipped_language_files_as_they_are(tmp_path: Path) -> None:
    """A translator who runs `update` after pulling sees only what the English changed: the
    shipped template and language files are what `extract` and `update` write (notes wrapped
    at gettext's 79 columns, every entry of the template in every language file), line for
    line but the one naming the Babel that wrote the template."""
    from hrleaflet.paths import guidance_dir, translations_dir

    guidance, translations = tmp_path / "guidance", tmp_path / "translations"
    shutil.copytree(guidance_dir(), guidance)
    shutil.copytree(translations_dir(), translations, ignore=shutil.ignore_patterns("*.mo", "README*"))

    def contents(path: Path) -> list[str]:
        # The template says which Babel wrote it: the lowest allowed version writes its own.
        return [
            line
            for line in path.read_text(encoding="utf-8").splitlines()
            if "Generated-By: Babel" not in line
        ]

    shipped = {path.name: contents(path) for path in sorted(translations.glob("*.po*"))}
    result = run("translations", "update", "--guidance", guidance, "--translations", translations)
    assert result.exit_code == 0, result.output
    changed = [name for name, lines in shipped.items() if contents(translations / name) != lines]
    assert changed == []
    lines = [line for text in shipped.values() for line in text]
    notes = [line for line in lines if line.startswith("#.")]
    assert notes and max(map(len, notes)) <= 79


# --- `translations update` keeps the English a fuzzy translation was written for ----------


def test_a_fuzzy_entry_keeps_its_previous_english_through_later_updates(folders: tuple[Path, Path]) -> None:
    guidance, translations = folders
    po = translations / "fr.po"
    update = ("translations", "update", "--guidance", guidance, "--translations", translations)
    edit(guidance / "opioids.yaml", '"Do not use alone"', '"Never use alone"')
    assert "1 changed (now fuzzy)" in said(run(*update))
    first = po.read_text(encoding="utf-8")
    assert '#| msgid "Do not use alone"' in first

    # Run again with nothing changed: the file stays as it is, the old English above the entry.
    assert "0 changed" in said(run(*update))
    assert po.read_text(encoding="utf-8") == first

    # The English changes again before the translator got to it: the translation was written
    # for the first English, so that is the one shown.
    edit(guidance / "opioids.yaml", '"Never use alone"', '"Never use on your own"')
    assert "1 changed (now fuzzy)" in said(run(*update))
    entry = po.read_text(encoding="utf-8").split(f'msgctxt "{HEADLINE}"')[0].rsplit("\n\n", 1)[1]
    assert entry.splitlines()[-2:] == ["#, fuzzy", '#| msgid "Do not use alone"']
    assert po.read_text(encoding="utf-8").count("#| msgid") == 1


# --- control characters and escapes `msgfmt` refuses ---------------------------------------


def test_a_line_break_in_a_translation_is_named_by_check_and_stops_the_build_before_any_file(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    guidance, translations = folders
    po = translations / "fr.po"
    edit(po, 'msgstr "«Do not use alone»"', 'msgstr "«Do not use\\nalone»"')
    line = line_of(po, 'msgid "Do not use alone"')
    found = check(guidance, translations)
    assert found.exit_code == 1
    assert (
        f"{po}:{line}: {HEADLINE}: contains a line break (\\n) where the English has none: a leaflet"
        " string is one line, which the leaflet breaks to fit its width; replace it with a space"
    ) in said(found)

    out = tmp_path / "out"
    built = build_french(guidance, translations, out)
    assert built.exit_code == 1
    assert f"{po}:{line}: {HEADLINE}: contains a line break (\\n)" in said(built)
    assert "no font has a glyph" not in said(built)
    assert not out.exists(), "nothing is written, not even the text version"


def test_escapes_gettext_refuses_or_reads_otherwise_are_named_by_check(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    guidance, translations = folders
    po = translations / "fr.po"
    edit(po, 'msgstr "«Do not use alone»"', 'msgstr "\\qe pas consommer seul"')
    edit(po, 'msgstr "«Carry naloxone wherever you use»"', 'msgstr "Ayez de la naloxone 24\\7"')
    if shutil.which("msgfmt"):  # gettext's own reading of the file, which Poedit and Weblate share
        command = ["msgfmt", "--check", "-o", "/dev/null", str(po)]
        refused = subprocess.run(command, capture_output=True, text=True)
        assert "invalid control sequence" in refused.stderr
    unknown = line_of(po, 'msgstr "\\qe pas consommer seul"')
    control = line_of(po, 'msgstr "Ayez de la naloxone 24\\7"')

    found = check(guidance, translations)
    assert found.exit_code == 1
    message = said(found)
    assert (
        f"{po}:{unknown}: {HEADLINE}: '\\q' is not an escape sequence gettext knows (msgfmt, Poedit and"
        " Weblate refuse it); write the character itself, or '\\\\' for a backslash"
    ) in message
    assert (
        f"{po}:{control}: opioids/carry-naloxone/headline: '\\7' is gettext's code for the control"
        " character U+0007, which cannot be printed"
    ) in message

    # `update` would write Babel's reading back (an escaped backslash): it stops instead.
    before = po.read_bytes()
    updated = run("translations", "update", "--guidance", guidance, "--translations", translations)
    assert updated.exit_code == 1
    assert "Nothing was updated: mend these escape sequences first" in said(updated)
    assert f"{po}:{unknown}: {HEADLINE}: '\\q' is not an escape sequence" in said(updated)
    assert po.read_bytes() == before

    # The build does not print `\qe pas consommer seul` (what Babel reads) either.
    built = build_french(guidance, translations, tmp_path / "out", formats="text")
    assert built.exit_code == 1
    assert f"{HEADLINE}: '\\q' is not an escape sequence gettext knows" in said(built)
    assert not (tmp_path / "out").exists()


def test_escapes_in_obsolete_entries_and_previous_english_are_named_by_check_not_the_build(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    """msgfmt (and so Poedit and Weblate) refuses a bad escape in an obsolete entry (`#~`) or in
    the English a fuzzy translation was written for (`#|`) as it does in an entry: `check`
    names them; the build, which prints neither, is not stopped."""
    guidance, translations = folders
    po = translations / "fr.po"
    edit(po, f'msgctxt "{HEADLINE}"', f'#| msgid "Do not \\\\use \\q alone"\nmsgctxt "{HEADLINE}"')
    po.write_text(
        po.read_text(encoding="utf-8") + '\n#~ msgctxt "opioids/old-tip/headline"\n#~ msgid "Old tip"\n'
        '#~ msgstr "Vieux \\q conseil"\n',
        encoding="utf-8",
    )
    if shutil.which("msgfmt"):
        command = ["msgfmt", "--check", "-o", "/dev/null", str(po)]
        refused = subprocess.run(command, capture_output=True, text=True)
        assert refused.stderr.count("invalid control sequence") == 2, refused.stderr
    previous = line_of(po, '#| msgid "Do not \\\\use \\q alone"')
    obsolete = line_of(po, '#~ msgstr "Vieux \\q conseil"')

    message = said(check(guidance, translations))
    assert (
        f"{po}:{previous}: '\\q' (in the previous msgid) is not an escape sequence gettext knows" in message
    )
    assert (
        f"{po}:{obsolete}: opioids/old-tip/headline: '\\q' (in the obsolete msgstr) is not an escape"
        " sequence gettext knows"
    ) in message
    assert "'\\u'" not in message  # an escaped backslash before 'u' is a backslash and a 'u'
    assert build_french(guidance, translations, tmp_path / "out", formats="text").exit_code == 0


def test_a_character_no_font_has_in_a_translation_names_the_language_file_and_line(
    folders: tuple[Path, Path], tmp_path: Path
) -> None:
    guidance, translations = folders
    po = translations / "fr.po"
    edit(po, 'msgstr "«Do not use alone»"', 'msgstr "Ne consommez pas seul \U0010fffd"')
    built = build_french(guidance, translations, tmp_path / "out")
    assert built.exit_code == 1
    line = line_of(po, 'msgid "Do not use alone"')
    assert (
        f"{po}:{line}: fr (Français): {HEADLINE}: no font has a glyph for U+10FFFD unnamed character"
        " — write it otherwise in the translation, or add a font that covers it with --font-dir"
    ) in said(built)
    assert not (tmp_path / "out").exists()


# --- a translation far over the English limit ----------------------------------------------


def test_a_translation_over_twice_the_english_limit_is_a_warning_naming_both_lengths(
    folders: tuple[Path, Path],
) -> None:
    guidance, translations = folders
    po = translations / "fr.po"
    edit(po, 'msgstr "«Do not use alone»"', f'msgstr "{"W" * 200}"')
    edit(po, 'msgstr "«Carry naloxone wherever you use»"', f'msgstr "{"x" * 120}"')  # twice: fine
    line = line_of(po, 'msgid "Do not use alone"')
    found = check(guidance, translations)
    assert found.exit_code == 0, found.output  # some languages are longer: not an error
    assert said(found).count("warning:") == 1
    assert (
        f"warning: {po}:{line}: {HEADLINE}: the translation is 200 characters long, more than twice"
        " the English limit of 60 (this English is 16)"
    ) in said(found)
    assert "All language files are complete and valid." in said(found)


# --- a language code that is not one ------------------------------------------------------


def test_build_with_a_code_that_is_no_language_lists_the_languages_and_does_not_advise_init(
    tmp_path: Path,
) -> None:
    result = run("build", "general", "-s", YAML_EXAMPLE, "-l", "xx", "-o", tmp_path)
    assert result.exit_code == 2
    message = said(result)
    assert "'xx' is not a language code — languages available: en, am, ar," in message
    assert "translations init" not in message and "Babel" not in message

    named = run("build", "general", "-s", YAML_EXAMPLE, "-l", "french", "-o", tmp_path)
    assert "'french' is not a language code — did you mean 'fr' (French)? Languages available: en," in said(
        named
    )

    # A language there is no file for yet can be added: that advice stays.
    missing = run("build", "general", "-s", YAML_EXAMPLE, "-l", "haw", "-o", tmp_path)
    assert missing.exit_code == 2
    assert "run 'hrleaflet translations init haw'" in said(missing)


def test_init_with_a_code_that_is_no_language_says_what_a_code_looks_like(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("translations", "init", "xx")
    assert result.exit_code == 2
    assert said(result) == (
        "Error: 'xx' is not a language code — a language code looks like 'fr', or 'pt_BR' and"
        " 'sr_Latn' with a region or script"
    )
    region = run("translations", "init", "fr_XX")
    assert "'fr_XX' is not a language code — did you mean 'fr' (French)?" in said(region)
    assert not (tmp_path / "translations").exists()
