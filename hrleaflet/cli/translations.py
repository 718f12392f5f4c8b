"""`hrleaflet translations ...`: the translator's workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from hrleaflet.cli.common import GuidanceOption, TranslationsOption, out, print_problems, reports_errors

translations_app = typer.Typer(
    help="Work on language files: extract, init, update, status, check.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _folders(guidance: Path | None, translations: Path | None) -> tuple[Path, Path]:
    from hrleaflet.paths import guidance_dir, translations_dir

    return guidance or guidance_dir(), translations or translations_dir()


@translations_app.command(epilog="Example: hrleaflet translations extract")
@reports_errors
def extract(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """Regenerate the template (hrleaflet.pot) from the tip sets and the leaflet's own words."""
    from hrleaflet.i18n.catalogs import extract as run_extract

    path = run_extract(*_folders(guidance, translations))
    out.print(f"wrote {path}", markup=False)


@translations_app.command(epilog="Example: hrleaflet translations init pt_BR")
@reports_errors
def init(
    locale: Annotated[str, typer.Argument(help="Language code, such as 'fr', 'pt_BR' or 'sr_Latn'.")],
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
) -> None:
    """Start a new language file with a correct header, every entry ready to translate."""
    from hrleaflet.i18n.catalogs import init_locale

    path = init_locale(locale, *_folders(guidance, translations))
    out.print(f"wrote {path}: translate it in Poedit, Weblate or any text editor", markup=False)


@translations_app.command(epilog="Example: hrleaflet translations update")
@reports_errors
def update(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """Merge the current English into every language file.

    An entry whose English changed becomes fuzzy (its old translation is kept for the
    translator to revise), a new entry is left untranslated, a removed one becomes obsolete.
    """
    from hrleaflet.i18n.catalogs import update as run_update

    for summary in run_update(*_folders(guidance, translations)):
        out.print(
            f"{summary.path}: {summary.new} new, {summary.changed} changed (now fuzzy),"
            f" {summary.obsolete} obsolete",
            markup=False,
        )


@translations_app.command(epilog="Example: hrleaflet translations status")
@reports_errors
def status(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """How complete each language is, and whether a native speaker has reviewed it."""
    from rich.table import Table

    from hrleaflet.i18n.review import status as language_status

    table = Table(title="Languages")
    for column, justify in (
        ("locale", "left"),
        ("language", "left"),
        ("done", "right"),
        ("fuzzy", "right"),
        ("to do", "right"),
        ("%", "right"),
        ("review", "left"),
        ("last revised", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for row in language_status(*_folders(guidance, translations)):
        table.add_row(
            row.locale,
            row.name,
            str(row.translated),
            str(row.fuzzy),
            str(row.untranslated),
            f"{row.percent:.0f}",
            row.review,
            row.revised,
        )
    out.print(table)


@translations_app.command(epilog="Example: hrleaflet translations check")
@reports_errors
def check(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """Check every language file: header, placeholders, and missing, fuzzy or outdated strings."""
    from hrleaflet.i18n.review import check as run_check

    problems = run_check(*_folders(guidance, translations))
    if problems:
        print_problems(problems)
        raise typer.Exit(1)
    out.print("All language files are complete and valid.")
