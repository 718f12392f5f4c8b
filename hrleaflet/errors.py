"""One small exception tree; the CLI turns it into a message in one place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path


def counted(n: int, one: str, many: str | None = None) -> str:
    """'1 service', '2 services', '3 localities' (`many`): for messages in English."""
    return f"{n} {one if n == 1 else many or one + 's'}"


class HrleafletError(Exception):
    """Base for every error a user can cause and fix; never shown with a traceback."""

    exit_code = 1


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input file, located as precisely as we can."""

    path: Path | None
    line: int | None
    field: str | None
    message: str
    hint: str | None = None
    warning: bool = False  # may be a mistake, but does not stop a build

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = str(self.path)
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        hint = f" — {self.hint}" if self.hint else ""
        return f"{where}{field}{self.message}{hint}"


class ContentError(HrleafletError):
    """One or more problems in tip sets, services files or manifests."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[ContentError], tuple[tuple[Problem, ...]]]:
        # As it was made, so that it crosses from a worker process (`build --jobs`) whole.
        return type(self), (self.problems,)

    @classmethod
    def single(
        cls,
        path: Path | None,
        line: int | None,
        field: str | None,
        message: str,
        hint: str | None = None,
    ) -> ContentError:
        return cls([Problem(path, line, field, message, hint)])


class TranslationError(HrleafletError):
    """A language file is missing, malformed, incomplete or out of date."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.message, self.problems = message, tuple(problems)
        detail = "\n".join(str(p) for p in self.problems)
        super().__init__(f"{message}\n{detail}" if detail else message)

    def __reduce__(self) -> tuple[type[TranslationError], tuple[str, tuple[Problem, ...]]]:
        return type(self), (self.message, self.problems)


class RenderError(HrleafletError):
    """The leaflet could not be composed (for example text that cannot fit)."""


class OutputError(HrleafletError):
    """A file could not be written."""


class UsageError(HrleafletError):
    """A command-line value is wrong; exit code 2 like other usage errors."""

    exit_code = 2
