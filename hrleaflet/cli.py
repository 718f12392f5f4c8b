"""The `hrleaflet` command: parse options, make one library call, report with Rich.

Heavy libraries (ReportLab, Babel, pydantic) are imported inside the commands,
so `hrleaflet --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from hrleaflet import __version__
from hrleaflet.cli_common import GuidanceOption, TranslationsOption, err, out, reports_errors, state
from hrleaflet.cli_translations import translations_app


class Mode(StrEnum):
    colour = "colour"
    bw = "bw"
    both = "both"


class PaperName(StrEnum):
    a4 = "a4"
    letter = "letter"


app = typer.Typer(
    name="hrleaflet",
    help="Turn harm-reduction guidance into printable, localised PDF leaflets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        out.print(f"hrleaflet {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn harm-reduction guidance into printable, localised PDF leaflets."""
    state["debug"] = debug


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


@app.command(epilog="Example: hrleaflet build all --services examples/testville.yaml --mode both --out out/")
@reports_errors
def build(
    sets: Annotated[list[str], typer.Argument(help="Tip sets to build, or 'all'.", show_default=False)],
    services: Annotated[
        Path,
        typer.Option("--services", "-s", help="Local services file (.yaml or .csv).", show_default=False),
    ],
    lang: Annotated[list[str], typer.Option("--lang", "-l", help="Language code (repeatable), or 'all'.")] = [
        "en"
    ],
    mode: Annotated[Mode, typer.Option("--mode", "-m", help="Colour, black-and-white, or both.")] = Mode.both,
    paper: Annotated[list[PaperName], typer.Option("--paper", "-p", help="Paper size (repeatable).")] = [
        PaperName.a4
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", help="Output folder (created if missing).")
    ] = Path(),
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
    font_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--font-dir", help="Folder of extra .ttf fonts, searched first (repeatable).", show_default=False
        ),
    ] = None,
    allow_fallback: Annotated[
        bool,
        typer.Option(
            "--allow-fallback", help="Print untranslated or outdated strings in English instead of failing."
        ),
    ] = False,
) -> None:
    """Build PDF leaflets: one per tip set, language, paper and mode."""
    from hrleaflet.pipeline import BuildRequest, BuiltLeaflet, Notice
    from hrleaflet.pipeline import build as run_build

    modes = ("colour", "bw") if mode is Mode.both else (mode.value,)
    request = BuildRequest(
        sets=tuple(sets),
        services=services,
        out=out_dir,
        languages=tuple(lang),
        modes=modes,
        papers=tuple(p.value for p in paper),
        guidance=guidance,
        translations=translations,
        allow_fallback=allow_fallback,
        font_dirs=tuple(font_dir or ()),
    )

    def report(item: BuiltLeaflet) -> None:
        pages = "1 page" if item.pages == 1 else f"{item.pages} pages"
        partly = ", partly in English" if item.partly_english else ""
        out.print(f"wrote {item.path}  ({pages}, {_size(item.size)}{partly})", markup=False)

    def notice(item: Notice) -> None:
        err.print(Text.assemble(("Note: ", "yellow"), item.message))

    built = run_build(request, on_built=report, on_notice=notice)
    out.print(f"[green]{len(built)} leaflet{'s' if len(built) != 1 else ''} written.[/]")


@app.command("list", epilog="Example: hrleaflet list")
@reports_errors
def list_command(guidance: GuidanceOption = None, translations: TranslationsOption = None) -> None:
    """List the tip sets, languages, papers and modes you can build."""
    from rich.table import Table

    from hrleaflet.content.guidance import available_sets, load_tip_sets
    from hrleaflet.paths import guidance_dir
    from hrleaflet.render.paper import PAPERS
    from hrleaflet.render.themes import MODES

    folder = guidance or guidance_dir()
    tip_sets = load_tip_sets(folder, available_sets(folder))
    table = Table(title=f"Tip sets in {folder}")
    for column in ("id", "title", "tips", "reviewed"):
        table.add_column(column, justify="right" if column == "tips" else "left")
    for tip_set in tip_sets.values():
        table.add_row(tip_set.id, tip_set.title, str(len(tip_set.tips)), tip_set.reviewed.isoformat())
    out.print(table)
    from hrleaflet.i18n.languages import available_locales, locale_info
    from hrleaflet.paths import translations_dir

    codes = available_locales(translations or translations_dir())
    out.print(
        "Languages: " + ", ".join(f"{code} ({locale_info(code).name})" for code in codes), soft_wrap=True
    )
    out.print(f"Papers: {', '.join(PAPERS)}")
    out.print(f"Modes: {', '.join(MODES)} (or both)")


@app.command(epilog="Example: hrleaflet check --services examples/testville.yaml")
@reports_errors
def check(
    services: Annotated[
        list[Path] | None,
        typer.Option("--services", "-s", help="Services file(s) to check too.", show_default=False),
    ] = None,
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
) -> None:
    """Check tip sets, services files and language files; list every problem found."""
    from hrleaflet.checks import check_all

    report = check_all(guidance=guidance, services=tuple(services or ()), translations=translations)
    for line in report.checked:
        out.print(f"[green]ok[/] {line}")
    if report.problems:
        for problem in report.problems:
            err.print(str(problem), soft_wrap=True, markup=False, highlight=False)
        count = len(report.problems)
        err.print(f"[red]{count} problem{'s' if count != 1 else ''} found.[/]")
        raise typer.Exit(1)
    out.print("[green]Everything checked is valid.[/]")


@app.command(epilog="Example: hrleaflet init my-town/  (then edit my-town/services.yaml)")
@reports_errors
def init(
    folder: Annotated[Path, typer.Argument(help="Folder to create the services file in.")],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing services.yaml.")] = False,
) -> None:
    """Write a services file to fill in, with comments explaining each field."""
    from hrleaflet.starter import write_starter

    path = write_starter(folder, force=force)
    out.print(f"wrote {path}: fill it in, then run: hrleaflet check --services {path}")


app.add_typer(translations_app, name="translations")


def main() -> None:
    """Console-script entry point."""
    sys.exit(app())  # pragma: no cover
