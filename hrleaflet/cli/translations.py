"""`hrleaflet translations ...`: the translator's workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hrleaflet.cli.common import (
    GuidanceOption,
    TranslationsOption,
    content_folders,
    err,
    out,
    print_problems,
    print_warnings,
    reports_errors,
)
from hrleaflet.errors import UsageError

translations_app = typer.Typer(
    help="Work on language files: extract, init, update, status, check.",
    no_args_is_help=True,
    rich_markup_mode=None,  # plain help, as the main command's (see there)
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _folders(guidance: Path | None, translations: Path | None) -> tuple[Path, Path]:
    """What the reading commands (status, check) use; see hrleaflet/paths.py."""
    return content_folders(guidance, translations)


def _writable(guidance: Path | None, translations: Path | None) -> tuple[Path, Path]:
    """The tip sets to read and the folder to write language files in: never the installed package."""
    from hrleaflet.paths import writable_translations

    target = writable_translations(translations)
    return content_folders(guidance, target if target.is_dir() else None)[0], target


@translations_app.command(
    short_help="Regenerate the template (hrleaflet.pot).", epilog="Example: hrleaflet translations extract"
)
@reports_errors
def extract(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """Regenerate the template (hrleaflet.pot) from the tip sets and the leaflet's own words."""
    from hrleaflet.i18n.catalogs import extract as run_extract
    from hrleaflet.paths import display_path

    path = run_extract(*_writable(guidance, translations))
    out.print(f"wrote {display_path(path)}", markup=False)


@translations_app.command(
    short_help="Start a new language file.", epilog="Example: hrleaflet translations init pt_BR"
)
@reports_errors
def init(
    locale: Annotated[
        str, typer.Argument(metavar="LOCALE", help="Language code, such as 'fr', 'pt_BR' or 'sr_Latn'.")
    ],
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
) -> None:
    """Start a new language file with a correct header, every entry ready to translate."""
    from hrleaflet.i18n.catalogs import init_locale, parse_locale, start_translations_folder
    from hrleaflet.paths import display_path, translations_dir

    folder, target = _writable(guidance, translations)
    parsed = parse_locale(locale)  # an unknown code is refused before anything is copied
    if not target.is_dir():
        copied = start_translations_folder(target, translations_dir())
        err.print(
            f"Started {display_path(target)}/ with the {copied} shipped language files, so that"
            " every language stays available beside yours.",
            markup=False,
        )
        copy = target / f"{parsed}.po"
        if (translations_dir() / copy.name).is_file() and copy.is_file():
            # The language is shipped: the copy just made is the one to work on.
            out.print(
                f"{parsed} ({parsed.get_display_name('en')}) is shipped: {display_path(copy)} is your copy"
                " to translate or review; 'hrleaflet translations update' merges in new English",
                markup=False,
            )
            return
    path = init_locale(locale, folder, target)
    out.print(
        f"wrote {display_path(path)}: translate it in Poedit, Weblate or any text editor, then run"
        " 'hrleaflet translations check' here",
        markup=False,
    )


@translations_app.command(epilog="Example: hrleaflet translations update")
@reports_errors
def update(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """Merge the current English into every language file.

    An entry whose English changed becomes fuzzy (its old translation is kept for the
    translator to revise, with the English it was written for above it), a new entry is left
    untranslated, a removed one becomes obsolete.
    """
    from hrleaflet.i18n.catalogs import update as run_update
    from hrleaflet.paths import display_path

    folder, target = _writable(guidance, translations)
    if not target.is_dir():
        raise UsageError(
            f"no {display_path(target)}/ folder here to update; run this where your language files are"
            " (a checkout of hrleaflet or your project folder), pass --translations DIR, or start one"
            " with 'hrleaflet translations init CODE'"
        )
    for summary in run_update(folder, target):
        out.print(
            f"{display_path(summary.path)}: {summary.new} new, {summary.changed} changed (now fuzzy),"
            f" {summary.obsolete} obsolete",
            markup=False,
        )


@translations_app.command(
    short_help="How complete each language is, and whether it is reviewed.",
    epilog="Example: hrleaflet translations status",
)
@reports_errors
def status(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """How complete each language is, and whether a native speaker has reviewed it."""
    from rich import box
    from rich.table import Table

    from hrleaflet.i18n.review import status as language_status
    from hrleaflet.render.text.fonts import language_font, locale_script

    # Light rules, and codes, counts and dates unbroken: on an 80-column terminal the heavy
    # box truncated every column ("loca…", "2026…"). A narrow one gets the counts in one
    # column ("190/194, 2 fuzzy") and no script column (the font names it).
    wide = out.width >= 120
    table = Table(title="Languages", box=box.SIMPLE_HEAD, pad_edge=False)
    counts = (
        (("done", "right"), ("fuzzy", "right"), ("to do", "right"), ("%", "right"))
        if wide
        else (("done", "left"),)
    )
    for column, justify, whole in (
        ("locale", "left", True),
        ("language", "left", False),
        *((name, side, True) for name, side in counts),
        ("review", "left", True),
        ("revised", "left", True),
        *((("script", "left", False),) if wide else ()),
        ("font", "left", False),
    ):
        table.add_column(column, justify=justify, no_wrap=whole, overflow="fold")
    for row in language_status(*_folders(guidance, translations)):
        total = row.translated + row.fuzzy + row.untranslated
        numbers: tuple[str, ...]
        if wide:
            numbers = (str(row.translated), str(row.fuzzy), str(row.untranslated), f"{row.percent:.0f}")
        else:
            fuzzy = f", {row.fuzzy} fuzzy" if row.fuzzy else ""
            numbers = (f"{row.translated}/{total}{fuzzy}",)
        script = (_script_name(locale_script(row.locale)),) if wide else ()
        table.add_row(
            row.locale,
            row.name,
            *numbers,
            row.review,
            row.revised,
            *script,
            _font_cell(*language_font(row.locale)),
        )
    out.print(table)


def _script_name(script: str | None) -> str:
    from babel import Locale

    if not script:
        return ""
    name = Locale("en").scripts.get(script, script)
    return f"Han ({name})" if script in ("Hans", "Hant") else name


def _font_cell(found: str, missing: str | None) -> str:
    if missing is None:
        return found
    return f"[red]{missing}[/red]" if found == "missing" else f"{found} ([yellow]{missing}[/yellow])"


@translations_app.command(
    short_help="Check every language file for problems.", epilog="Example: hrleaflet translations check"
)
@reports_errors
def check(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """Check every language file: header, escapes, placeholders, line breaks, and missing, fuzzy or
    outdated strings; warn of a translation more than twice as long as the English may be."""
    from hrleaflet.i18n.review import check as run_check

    found = run_check(*_folders(guidance, translations))
    print_warnings([p for p in found if p.warning])
    problems = [p for p in found if not p.warning]
    if problems:
        print_problems(problems)
        raise typer.Exit(1)
    out.print("All language files are complete and valid.")
