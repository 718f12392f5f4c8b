"""The `hrleaflet` command: parse options, make one library call, report with Rich.

Heavy libraries (ReportLab, Babel, pydantic) are imported inside the commands,
so `hrleaflet --help` stays fast.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from hrleaflet import __version__
from hrleaflet.cli.common import (
    FontDirOption,
    GuidanceOption,
    JobsOption,
    TranslationsOption,
    content_folders,
    err,
    listed,
    out,
    print_problems,
    print_warnings,
    reports_errors,
    state,
    styled,
)
from hrleaflet.cli.translations import translations_app
from hrleaflet.errors import counted

if TYPE_CHECKING:
    from hrleaflet.batch import Job
    from hrleaflet.pipeline import BuiltLeaflet


class Mode(StrEnum):
    colour = "colour"
    bw = "bw"
    both = "both"


def values_metavar(names: type[StrEnum]) -> str:
    """An option's metavar that lists its values: `<colour|bw|both>`."""
    return f"<{'|'.join(names)}>"


def _modes(value: str) -> tuple[str, ...]:
    """--mode's value, in any case and either spelling of colour, as the themes it builds."""
    from hrleaflet.render.themes import mode_named
    from hrleaflet.suggest import check_choices

    name = mode_named(value)
    if name not in list(Mode):
        check_choices((value,), list(Mode), "--mode", "mode")  # `value` as typed in the message
    return ("colour", "bw") if name == Mode.both else (name,)


class FormatName(StrEnum):
    a4 = "a4"
    letter = "letter"
    a5 = "a5"
    trifold_a4 = "trifold-a4"
    trifold_letter = "trifold-letter"
    card = "card"
    phone = "phone"
    text = "text"
    sms = "sms"
    html = "html"


class ImageType(StrEnum):
    png = "png"
    webp = "webp"


class SheetName(StrEnum):
    a4 = "a4"
    letter = "letter"


def parse_length(value: str) -> float:
    """--bleed's length, in points."""
    from hrleaflet.errors import UsageError
    from hrleaflet.render.formats import parse_length as length

    try:
        return length(value)
    except ValueError as error:
        raise UsageError(f"--bleed: {error}") from None


def _refuse_spaced_unit(sets: tuple[str, ...], bleed: str) -> None:
    """`--bleed 3 mm` leaves 'mm' as an argument, which would be called an unknown tip set."""
    from hrleaflet.errors import UsageError
    from hrleaflet.render.formats import LENGTH_UNITS

    unit = next((name for name in sets if name.lower() in LENGTH_UNITS), None)
    if unit is not None and bleed != "0":
        raise UsageError(
            f"'{unit}' is not a tip set: write the --bleed length without a space, as --bleed {bleed}{unit}"
        )


app = typer.Typer(
    name="hrleaflet",
    help="Turn harm-reduction guidance into printable, localised PDF leaflets.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    # Plain help: Rich's panels cost about 150 ms at every --help, and their box-drawing
    # characters are read out by screen readers. Errors and results still go through Rich.
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hrleaflet {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Turn harm-reduction guidance into printable, localised PDF leaflets."""
    from hrleaflet.render.text import instances

    state["debug"] = debug
    instances.announce = lambda message: err.print(message, style="dim", markup=False, soft_wrap=True)


def left_out_lines(item: object) -> list[str]:
    """'card: left out 4 tips of priority 3: a, b, c, d' for each priority, then services."""
    from hrleaflet.pipeline import BuiltLeaflet

    assert isinstance(item, BuiltLeaflet)
    lines = []
    for priority in sorted({p for _, p in item.left_out_tips}):
        ids = [tip_id for tip_id, p in item.left_out_tips if p == priority]
        tips = counted(len(ids), "tip")
        lines.append(f"{item.format}: left out {tips} of priority {priority}: {', '.join(ids)}")
    if item.left_out_services:
        shown = item.left_out_services[:10]
        more = len(item.left_out_services) - len(shown)
        names = "; ".join(shown) + (f"; and {more} more" if more else "")
        left_out = counted(len(item.left_out_services), "service")
        lines.append(f"{item.format}: left out {left_out} (no room): {names}")
    if item.format == "card":
        lines.append(
            "card: services show name, kinds, phone and link; addresses, hours and notes are left off"
        )
    return lines


def _size(n: int) -> str:
    return f"{n / 1024:.0f} KB" if n >= 1024 else f"{n} B"


@app.command(
    short_help="Build leaflets: one per set, language, format and mode.",
    epilog="Example: hrleaflet build all --services examples/testville.yaml --mode both --out out/",
)
@reports_errors
def build(
    sets: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="SETS",
            help="Tip sets to build (or comma-separated) or 'all'; required.",
            show_default=False,
        ),
    ] = None,
    services: Annotated[
        Path | None,
        typer.Option(
            "--services",
            "-s",
            metavar="FILE",
            help="Local services file (.yaml or .csv); required.",
            show_default=False,
        ),
    ] = None,
    lang: Annotated[
        list[str],
        typer.Option(
            "--lang",
            "-l",
            metavar="CODE",
            help="Language code (repeatable, or comma-separated: en,ar), or 'all'.",
        ),
    ] = ["en"],
    mode: Annotated[
        str,
        typer.Option("--mode", "-m", help="Colour, black-and-white, or both.", metavar=values_metavar(Mode)),
    ] = "both",
    format_: Annotated[
        list[str],
        typer.Option(
            "--format",
            "--paper",
            "-f",
            "-p",
            help="Format (repeatable, or comma-separated: a4,card): printed sheets, a tri-fold or a card;"
            " phone screens; or text, SMS or a web page.",
            metavar=values_metavar(FormatName),
        ),
    ] = ["a4"],
    sheet: Annotated[
        SheetName | None,
        typer.Option(
            "--sheet",
            metavar=values_metavar(SheetName),
            help="Place copies of a5 or card on an office sheet, with cut marks.",
        ),
    ] = None,
    marks: Annotated[
        bool, typer.Option("--marks", help="Add crop marks (and fold marks on a tri-fold).")
    ] = False,
    bleed: Annotated[
        str,
        typer.Option(
            "--bleed",
            metavar="LENGTH",
            help="Paper past the trim for print shops, e.g. 3mm (sets the trim and bleed boxes).",
            show_default=False,
        ),
    ] = "0",
    tips: Annotated[
        str | None,
        typer.Option(
            "--tips",
            metavar="IDS",
            help="Tip ids to print, comma-separated, instead of choosing by priority.",
        ),
    ] = None,
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", metavar="FOLDER", help="Output folder (created if missing).")
    ] = Path(),
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
    font_dir: FontDirOption = None,
    allow_fallback: Annotated[
        bool,
        typer.Option(
            "--allow-fallback", help="Print untranslated or outdated strings in English instead of failing."
        ),
    ] = False,
    audit: Annotated[
        bool,
        typer.Option(
            "--audit",
            help="Check each leaflet's layout (pages, columns, headings, empty pages, text near the edge);"
            " exit 1 if anything is found.",
        ),
    ] = False,
    image: Annotated[
        ImageType | None,
        typer.Option(
            "--image",
            metavar=values_metavar(ImageType),
            help="Also write each page as an image (with its text in a .txt beside it, for alt text).",
        ),
    ] = None,
    image_width: Annotated[
        int | None,
        typer.Option(
            "--image-width",
            metavar="PIXELS",
            help="Image width in pixels (default: 1080 for phone, 150 dpi for paper).",
        ),
    ] = None,
    jobs: JobsOption = None,
) -> None:
    """Build PDF leaflets: one per tip set, language, format and mode.

    Small formats (a5, tri-folds, card) show tips by priority and say which they left out.
    """
    from hrleaflet.content.services import service_doubts
    from hrleaflet.pipeline import BuildRequest, Notice
    from hrleaflet.pipeline import build as run_build

    if not listed(sets or []):
        raise _no_sets(guidance)
    _refuse_spaced_unit(listed(sets or []), bleed)
    if services is None:
        raise _no_services_file()
    modes = _modes(mode)
    guidance, translations = content_folders(guidance, translations)
    print_warnings(service_doubts(services))
    request = BuildRequest(
        sets=listed(sets or []),
        services=services,
        out=out_dir,
        languages=_languages(lang),
        modes=modes,
        formats=_formats(format_),
        sheet=sheet.value if sheet else None,
        marks=marks,
        bleed=parse_length(bleed),
        tips=listed([tips]) if tips is not None else None,
        guidance=guidance,
        translations=translations,
        allow_fallback=allow_fallback,
        font_dirs=tuple(font_dir or ()),
        audit=audit,
        image=image.value if image else None,
        image_width=image_width,
    )

    def report(item: BuiltLeaflet) -> None:
        if not item.mode:  # text, SMS or a web page
            out.print(f"wrote {item.path}  ({_size(item.size)})", markup=False)
            for note in item.notes:
                out.print(f"  {note}", markup=False)
            for line in left_out_lines(item):
                err.print(styled(("  ", ""), (line, "yellow")), soft_wrap=True)
            return
        pages = "1 page" if item.pages == 1 else f"{item.pages} pages"
        partly = ", partly in English" if item.partly_english else ""
        copies = f", {item.copies} copies a sheet" if item.copies > 1 else ""
        out.print(f"wrote {item.path}  ({pages}{copies}, {_size(item.size)}{partly})", markup=False)
        for line in left_out_lines(item):
            err.print(styled(("  ", ""), (line, "yellow")), soft_wrap=True)
        for finding in item.findings:
            err.print(styled(("  layout: ", "red"), f"{item.path.name}, {finding}"), soft_wrap=True)
        if item.images:
            out.print(
                f"  and {len(item.images)} page image(s), each with its text: {item.images[0].name}, ..."
            )

    def notice(item: Notice) -> None:
        err.print(styled(("Note: ", "yellow"), item.message))

    from hrleaflet.workers import default_workers

    built = run_build(request, on_built=report, on_notice=notice, workers=jobs or default_workers())
    leaflets = counted(len(built), "leaflet")
    out.print(f"[green]{leaflets} written.[/]")
    if audit:
        found = sum(len(item.findings) for item in built)
        if found:
            err.print(f"[red]The layout audit found {counted(found, 'problem')} in {leaflets}; see above.[/]")
            raise typer.Exit(1)
        out.print(f"[green]The layout audit found nothing to change in {leaflets}.[/]")


@app.command(
    "list",
    short_help="List tip sets, languages, formats and modes.",
    epilog="Example: hrleaflet list --sources",
)
@reports_errors
def list_command(
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
    sources: Annotated[
        bool, typer.Option("--sources", help="Also list every source each tip set draws on.")
    ] = False,
) -> None:
    """List the tip sets (with their review state and cautions), languages, formats and modes."""
    from rich.table import Table

    from hrleaflet.content.guidance import available_sets, load_tip_sets
    from hrleaflet.paths import display_path
    from hrleaflet.render.formats import FORMATS, SHEETS
    from hrleaflet.render.themes import MODES

    folder, language_folder = content_folders(guidance, translations)
    tip_sets = load_tip_sets(folder, available_sets(folder))
    table = Table(title=f"Tip sets in {display_path(folder)}")
    for column in ("id", "title", "tips", "state"):
        table.add_column(column, justify="right" if column == "tips" else "left")
    for tip_set in tip_sets.values():
        caution = " [yellow](caution)[/]" if tip_set.caution else ""
        table.add_row(tip_set.id, tip_set.title + caution, str(len(tip_set.tips)), tip_set.review_summary)
    out.print(table)
    for tip_set in tip_sets.values():
        if tip_set.caution:
            err.print(styled((f"Caution ({tip_set.id}): ", "bold yellow"), tip_set.caution))
        if sources:
            out.print(styled((f"{tip_set.id}: {tip_set.source.attribution}", "bold")))
            for item in tip_set.sources:
                out.print(f"  - {item.title}. {item.publisher}, {item.year}. {item.url}", markup=False)
    from hrleaflet.i18n.languages import available_locales, locale_info

    codes = available_locales(language_folder)
    out.print(
        "Languages: " + ", ".join(f"{code} ({locale_info(code).name})" for code in codes), soft_wrap=True
    )
    out.print(
        f"Formats: {', '.join(FORMATS)} (sheets for a5 and card: {', '.join(SHEETS)});"
        " not a page: text, sms, html"
    )
    out.print(f"Modes: {', '.join(MODES)} (or both)")


@app.command(
    short_help="Check tip sets, services files, manifests and languages.",
    epilog="Example: hrleaflet check my-town/services.yaml (or a batch manifest: network.yaml)",
)
@reports_errors
def check(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="FILES",
            help="Services files or batch manifests to check too (a manifest with its services files).",
            show_default=False,
        ),
    ] = None,
    services: Annotated[
        list[Path] | None,
        typer.Option(
            "--services", "-s", metavar="FILE", help="Services file(s) to check too.", show_default=False
        ),
    ] = None,
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
    font_dir: FontDirOption = None,
) -> None:
    """Check tip sets, services files, batch manifests and language files; list every problem found."""
    from hrleaflet.checks import check_all
    from hrleaflet.content.services import is_manifest

    guidance, translations = content_folders(guidance, translations)
    given = files or []
    manifests = tuple(path for path in given if is_manifest(path))
    services_files = (*(services or ()), *(path for path in given if path not in manifests))
    report = check_all(
        guidance=guidance,
        services=services_files,
        translations=translations,
        manifests=manifests,
        font_dirs=tuple(font_dir or ()),
    )
    for line in report.checked:
        out.print(styled(("ok ", "green"), line), soft_wrap=True)
    print_warnings(report.warnings)
    if report.problems:
        print_problems(report.problems)
        raise typer.Exit(1)
    found = f" ({len(report.warnings)} warning{'s' if len(report.warnings) != 1 else ''})"
    out.print(f"[green]Everything checked is valid{found if report.warnings else ''}.[/]")


@app.command(
    short_help="Write a services file to fill in.",
    epilog="Example: hrleaflet init my-town/  (then edit my-town/services.yaml; or: init town.csv)",
)
@reports_errors
def init(
    target: Annotated[
        Path,
        typer.Argument(
            metavar="FOLDER_OR_FILE",
            help="Folder to create services.yaml in, or the services file to write (.yaml, or .csv"
            " for a spreadsheet).",
        ),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace an existing services file.")] = False,
) -> None:
    """Write a services file to fill in, with comments explaining each field."""
    import shlex

    from hrleaflet.starter import write_starter

    path = write_starter(target, force=force)
    out.print(f"wrote {path}: fill it in, then run: hrleaflet check {shlex.quote(str(path))}", soft_wrap=True)


app.add_typer(
    translations_app, name="translations", short_help="Language files: extract, init, update, status, check."
)


def _print_cautions(planned: list[Job]) -> None:
    """A tip set's caution (selling: the death penalty in some countries) before a batch builds it."""
    from hrleaflet.content.guidance import load_tip_set

    for guidance, set_id in sorted({(job.guidance, job.set_id) for job in planned}):
        caution = load_tip_set(guidance / f"{set_id}.yaml").caution
        if caution:
            err.print(styled((f"Caution ({set_id}): ", "bold yellow"), caution), soft_wrap=True)


@app.command(
    short_help="Build every leaflet a manifest lists, on all cores.",
    epilog="Example: hrleaflet batch network.yaml --out leaflets/ --jobs 2",
)
@reports_errors
def batch(
    manifest: Annotated[
        Path, typer.Argument(metavar="MANIFEST", help="Manifest of localities, services files and languages.")
    ],
    out_dir: Annotated[
        Path, typer.Option("--out", "-o", metavar="FOLDER", help="Output folder (created if missing).")
    ] = Path("leaflets"),
    jobs: JobsOption = None,
    force: Annotated[bool, typer.Option("--force", help="Rebuild every leaflet, changed or not.")] = False,
    guidance: GuidanceOption = None,
    translations: TranslationsOption = None,
) -> None:
    """Build every leaflet a manifest lists, on all cores, rebuilding only what changed."""
    import time

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table

    from hrleaflet.batch import outputs, plan, run
    from hrleaflet.content.services import service_doubts
    from hrleaflet.workers import default_workers

    started = time.monotonic()
    planned = plan(manifest, *content_folders(guidance, translations))
    _print_cautions(planned)
    # What `build` and `check` warn about (a phone number a tap cannot dial), once a file.
    print_warnings(
        [doubt for path in dict.fromkeys(job.services for job in planned) for doubt in service_doubts(path)]
    )
    total = sum(len(list(outputs(job, out_dir))) for job in planned)
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err.console, transient=False) as progress:
        task = progress.add_task("leaflets", total=total, rate="")

        def advance(count: int) -> None:
            progress.advance(task, count)
            done = progress.tasks[0].completed
            elapsed = time.monotonic() - started
            progress.update(task, rate=f"{done / elapsed:.1f}/s" if elapsed > 0 else "")

        report = run(planned, out_dir, jobs or default_workers(), force, advance)
    summary = Table(title=f"Batch in {out_dir}")
    for column in ("built", "unchanged", "failed", "time"):
        summary.add_column(column, justify="right")
    elapsed = time.monotonic() - started
    summary.add_row(
        str(len(report.built)), str(len(report.unchanged)), str(len(report.failed)), f"{elapsed:.1f} s"
    )
    out.print(summary)
    for name, message in report.failed:
        err.print(styled(("failed: ", "bold red"), f"{name}: {message}"), soft_wrap=True)
    if report.failed:
        raise typer.Exit(1)


@app.command(
    short_help="Show every pictogram on one page, with its name.",
    epilog="Example: hrleaflet icons --mode both --out icons/",
)
@reports_errors
def icons(
    out_file: Annotated[
        Path,
        typer.Option(
            "--out", "-o", metavar="PATH", help="PDF to write, or a folder to write icons-<mode>.pdf in."
        ),
    ] = Path("icons.pdf"),
    mode: Annotated[
        str,
        typer.Option(
            "--mode",
            "-m",
            help="colour, bw, or both (two sheets: -colour, -bw).",
            metavar=values_metavar(Mode),
        ),
    ] = "colour",
) -> None:
    """Show every pictogram on one page, with its name (for choosing a tip's icon)."""
    from hrleaflet.render.pictograms import write_icon_sheets

    modes = _modes(mode)
    for path in write_icon_sheets(out_file, modes):
        out.print(f"wrote {path}", markup=False, soft_wrap=True)


def main() -> None:
    """Console-script entry point."""
    from hrleaflet.workers import collect_less_often

    collect_less_often()
    try:
        app()
    except SystemExit as done:
        _exit_without_teardown(done.code)
        raise
    _exit_without_teardown(0)  # pragma: no cover (Typer always ends with SystemExit)


def _exit_without_teardown(code: object) -> None:
    """End the process once the output is flushed, without freeing every object first.

    After a build the interpreter takes about 90 ms to tear down what the run made (laid-out
    text, fonts, ReportLab's and pikepdf's objects), and nothing is left to write by then: so
    exit functions run (logging, concurrent.futures, tempfile clean-ups), the streams are
    flushed, and the process ends, as mypy ends its runs.  While another thread runs, the
    usual exit (which waits for it) is kept.
    """
    import atexit
    import os
    import threading

    if threading.active_count() > 1 or not (code is None or isinstance(code, int)):
        return  # the usual exit (which prints an exit message)
    status = code or 0
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: Python's own exit says 120
            status = status or 120
    os._exit(status)


def _no_sets(guidance: Path | None) -> Exception:
    """Which tip sets there are, for a build that named none."""
    from hrleaflet.content.guidance import available_sets
    from hrleaflet.errors import UsageError
    from hrleaflet.paths import content_folder

    names = ", ".join(available_sets(content_folder("guidance", guidance).path))
    return UsageError(
        "which tip sets? Name one or more, or 'all': for example hrleaflet build opioids -s town.yaml."
        + (f" The tip sets: {names}." if names else "")
    )


def _no_services_file() -> Exception:
    """What to give --services, for someone who did not know it was needed: the services
    files in this folder, and how to start one."""
    from hrleaflet.content.services import SERVICES_SUFFIXES, is_manifest
    from hrleaflet.errors import UsageError

    here = sorted(
        path.name
        for path in Path().iterdir()
        if path.is_file() and path.suffix.lower() in SERVICES_SUFFIXES and not is_manifest(path)
    )[:5]
    found = f" Services files here: {', '.join(here)}." if here else ""
    return UsageError(
        "--services: which local services go on the leaflet? Give your services file, for"
        f" example -s town.yaml; write one to fill in with 'hrleaflet init town.yaml'.{found}"
    )


def _formats(values: list[str]) -> tuple[str, ...]:
    """--format's names, repeated or comma-separated as --lang's are (`-f a4,card`), in any
    case (paper sizes are written "A4")."""
    from hrleaflet.errors import UsageError
    from hrleaflet.suggest import check_choices

    names = listed([value.lower() for value in values])
    check_choices(names, [name.value for name in FormatName], "--format", "format")
    if not names:
        raise UsageError("--format: no format given; write one like -f a4, or -f a4,card")
    return names


def _languages(values: list[str]) -> tuple[str, ...]:
    """--lang's codes; an empty one (`-l ''`, `-l ,`) is a mistake, not a build of nothing."""
    codes = listed(values)
    if not codes:
        from hrleaflet.errors import UsageError

        raise UsageError("--lang: no language code given; write one like -l en, or -l all")
    return codes
