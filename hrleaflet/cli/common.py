"""What every command shares: consoles, error reporting, common options."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from hrleaflet.errors import ContentError, HrleafletError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

F = TypeVar("F", bound=Callable[..., Any])


class LazyConsole:
    """A Rich console made when first printed to: importing Rich takes about 30 ms, which
    `--help` and `--version` need not pay."""

    def __init__(self, *, stderr: bool) -> None:
        self._stderr = stderr
        self._made: Console | None = None

    @property
    def console(self) -> Console:
        if self._made is None:
            from rich.console import Console

            # Text is printed as written: no colouring of numbers, no ":name:" codes turned
            # into emoji (a service or file called "...:pill:..." stays so).
            self._made = Console(stderr=self._stderr, highlight=False, emoji=False)
        return self._made

    def print(self, *objects: Any, **options: Any) -> None:
        self.console.print(*objects, **options)

    @property
    def width(self) -> int:
        return self.console.width


def styled(*parts: str | tuple[str, str]) -> Text:
    """Rich text from plain and (text, style) parts; never read as markup."""
    from rich.text import Text

    return Text.assemble(*parts)


out = LazyConsole(stderr=False)
err = LazyConsole(stderr=True)
state = {"debug": False}


def reports_errors(command: F) -> F:
    """Show a user's mistake as one readable message and exit non-zero; traceback only with --debug."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except HrleafletError as exc:
            if state["debug"]:
                raise
            # Files named as typed from here, as `check` names them: a manifest's services
            # files are read by their full path.
            problems = exc.problems if isinstance(exc, ContentError) else ()
            message = "\n".join(map(_as_typed, problems)) if problems else str(exc)
            err.print(styled(("Error: ", "bold red"), message), soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            if state["debug"]:
                raise
            err.print(
                "Interrupted. Every file already written is complete; run the command again"
                " to finish (a batch builds only what is missing)."
            )
            raise typer.Exit(130) from None
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if state["debug"]:
                raise
            message = (
                f"internal error ({type(exc).__name__}: {exc}). "
                "Run again with --debug for details, and please report it."
            )
            err.print(styled(("Error: ", "bold red"), message), soft_wrap=True)
            raise typer.Exit(70) from None

    return wrapper  # type: ignore[return-value]


def _as_typed(problem: object) -> str:
    """A problem with its file named the way the person would type it (relative to here)."""
    from hrleaflet.errors import Problem
    from hrleaflet.paths import display_path

    if isinstance(problem, Problem) and problem.path is not None:
        problem = dataclasses.replace(problem, path=Path(display_path(problem.path)))
    return str(problem)


def print_problems(problems: Sequence[object]) -> None:
    """Every problem on its own line (file:line: field: message), then how many there were."""
    for problem in problems:
        err.print(_as_typed(problem), soft_wrap=True, markup=False, highlight=False)
    count = len(problems)
    err.print(f"{count} problem{'s' if count != 1 else ''} found.", style="red", markup=False)


def print_warnings(warnings: Sequence[object]) -> None:
    """Things that may be mistakes but do not stop a build, one a line."""
    for warning in warnings:
        err.print(styled(("warning: ", "yellow"), _as_typed(warning)), soft_wrap=True, highlight=False)


def content_folders(guidance: Path | None, translations: Path | None) -> tuple[Path, Path]:
    """The tip sets and language files a command reads; says so when they are the current
    folder's rather than the shipped ones (a checkout, or a network's own project folder)."""
    from hrleaflet.paths import content_folder, display_path

    chosen = content_folder("guidance", guidance), content_folder("translations", translations)
    for folder, what in zip(chosen, ("tip sets", "language files"), strict=True):
        if folder.origin == "here":
            shown = f"{display_path(folder.path)}/"
            err.print(f"Using the {what} in {shown} (this folder).", style="dim", markup=False)
    return chosen[0].path, chosen[1].path


# Where a character no shipped font has comes from: `build` prints with them, `check` checks with them.
FontDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--font-dir",
        metavar="FOLDER",
        help="Folder of extra .ttf fonts, searched first (repeatable).",
        show_default=False,
    ),
]
GuidanceOption = Annotated[
    Path | None,
    typer.Option(
        "--guidance",
        metavar="FOLDER",
        help="Folder of tip sets (default: ./guidance if there is one, else the shipped ones).",
        show_default=False,
    ),
]


TranslationsOption = Annotated[
    Path | None,
    typer.Option(
        "--translations",
        metavar="FOLDER",
        help="Folder of language files (default: ./translations if there is one, else the shipped ones).",
        show_default=False,
    ),
]


JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs", "-j", min=1, metavar="N", help="Processes (default: all cores).", show_default=False
    ),
]


def listed(values: list[str]) -> tuple[str, ...]:
    """Repeated values, each of which may list several with commas, as people type them
    (`-l en,ar`, `opioids,general`, `--tips a,b`); a value given twice counts once (it would
    print a tip twice, or write a file twice and count it twice)."""
    parts = (part.strip() for value in values for part in value.split(","))
    return tuple(dict.fromkeys(part for part in parts if part))
