"""`hrleaflet batch`: every leaflet of a regional network from one manifest, on all cores.

The manifest is checked whole before anything is rendered.  A leaflet whose inputs
(tip set, language file, services file and logo, options, fonts, tool version) are
unchanged since the last run is not rebuilt: the record of inputs lives beside the
outputs, with what the review page (`index.html`) says about each leaflet.  A failure
in one leaflet does not stop the others.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import time
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from hrleaflet import __version__
from hrleaflet.content.services import SERVICES_SUFFIXES
from hrleaflet.content.source import KeyPath, SourceDocument, load_yaml
from hrleaflet.content.text import Text
from hrleaflet.content.validate import field_path, in_any_case, validate
from hrleaflet.errors import ContentError, HrleafletError, Problem, UsageError
from hrleaflet.output import ensure_folder, write_atomically
from hrleaflet.review_page import Review, Row, has_preview, preview_path, write_index, write_preview
from hrleaflet.suggest import did_you_mean
from hrleaflet.workers import remove_parts, worker_pool

if TYPE_CHECKING:
    from hrleaflet.pipeline import BuildRequest

RECORD_NAME = ".hrleaflet-inputs.json"
MAX_LOCALITIES = 500
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


M = TypeVar("M", bound=BaseModel)


# The sheets of `render.formats.SHEETS` and build's --sheet, spelt out for the manifest's
# schema (`test_the_manifest_build_and_the_renderer_name_the_same_sheets`).
SheetChoice = Literal["a4", "letter"]
Answer = Literal["true", "false"]


class _Choices(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    sets: tuple[Text, ...] | None = None
    languages: tuple[Text, ...] | None = None
    modes: tuple[Text, ...] | None = None
    formats: tuple[Text, ...] | None = None
    # How the PDFs are printed, as build's --sheet, --marks and --bleed (a locality's own
    # replace the defaults').
    sheet: Annotated[SheetChoice, in_any_case(SheetChoice)] | None = None
    # The file's values are read as text ("true"): `marks: 1` or `yes please` is no answer.
    marks: Annotated[Answer, in_any_case(Answer)] | None = None
    bleed: Text | float | None = None


CHOICES = ("sets", "languages", "modes", "formats")
PRINTING = ("sheet", "marks", "bleed")  # checked apart from a section's other fields (`section`)


class _Locality(_Choices):
    # The choices are checked one by one (see _ManifestCheck.section); they are declared
    # here too so that a misspelt field gets "did you mean 'languages'?".
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    services: Annotated[Text, Field(min_length=1, max_length=300)]


class _Outline(BaseModel):
    """A manifest's top level; `defaults` and each locality are validated on their own, so one
    broken locality does not hide the mistakes in the others."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    defaults: Any = None
    localities: Annotated[list[Any], Field(min_length=1, max_length=MAX_LOCALITIES)]


def slug(name: str) -> str:
    """A folder name from a locality's name that cannot leave the output folder."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not text:  # a name in a non-Latin script: a stable name from its letters
        text = "locality-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{text}-place" if text in _RESERVED else text


@dataclass(frozen=True)
class Printing:
    """How a job's PDFs are printed: a5 and card copies on an office `sheet`, crop `marks`,
    `bleed` in points."""

    sheet: str | None = None
    marks: bool = False
    bleed: float = 0.0


@dataclass(frozen=True)
class Job:
    """All the leaflets of one locality, tip set and language: they share their text."""

    locality: str
    folder: str
    services: Path
    set_id: str
    language: str
    formats: tuple[str, ...]
    modes: tuple[str, ...]
    guidance: Path
    translations: Path
    printing: Printing = Printing()


@dataclass
class BatchReport:
    built: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed_jobs: list[tuple[Job, str]] = field(default_factory=list)  # (job, message)

    @property
    def failed(self) -> list[tuple[str, str]]:
        """(leaflet, message) for each failed job, the leaflet as folder/set-language."""
        return [(f"{job.folder}/{job.set_id}-{job.language}", message) for job, message in self.failed_jobs]


def plan(manifest_path: Path, guidance: Path, translations: Path) -> list[Job]:
    """Every job the manifest asks for, or one error listing every problem in the whole manifest."""
    from hrleaflet.content.guidance import available_sets
    from hrleaflet.i18n.languages import available_locales
    from hrleaflet.pipeline import ALL_FORMATS
    from hrleaflet.render.themes import MODES

    doc = load_yaml(manifest_path)
    allowed = _Allowed(available_sets(guidance), available_locales(translations), MODES, ALL_FORMATS)
    check = _ManifestCheck(doc, allowed)
    check.model(_Outline, (), doc.data, "a batch manifest")
    raw = doc.data if isinstance(doc.data, dict) else {}
    defaults = check.defaults(raw.get("defaults"))
    default_printing = check.printing(("defaults",), check.default_printed, None)
    localities = raw.get("localities")
    jobs: list[Job] = []
    folders: dict[str, str] = {}
    for index, data in enumerate(localities[:MAX_LOCALITIES] if isinstance(localities, list) else []):
        where: KeyPath = ("localities", index)
        locality, chosen, printed = check.section(_Locality, where, data, "a locality")
        sets, languages, modes, formats = (chosen.get(name) or defaults[name] for name in CHOICES)
        printing = check.printing(where, printed, default_printing, formats)
        if locality is None:
            continue
        folder = slug(locality.name)
        if folder in folders:
            check.add(
                (*where, "name"), f"'{locality.name}' gives the same folder '{folder}' as '{folders[folder]}'"
            )
        folders[folder] = locality.name
        services = check.services(where, manifest_path.parent, locality.services)
        jobs += [
            Job(
                locality.name,
                folder,
                services,
                set_id,
                language,
                tuple(formats),
                tuple(modes),
                guidance,
                translations,
                printing,
            )
            for set_id in sets
            for language in languages
        ]
    if check.problems:
        raise ContentError(check.sorted_problems())
    return jobs


class _Unknown(Exception):
    """A value a choice cannot take, with a hint when a valid one is close."""

    def __init__(self, message: str, hint: str | None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class _Allowed:
    """What each choice may be: the tip sets and languages in their folders, modes, formats."""

    sets: list[str]
    languages: list[str]
    modes: tuple[str, ...]
    formats: tuple[str, ...]

    def resolve(self, choice: str, value: str) -> list[str]:
        """What one value of a choice stands for ('all' is every set or language)."""
        from hrleaflet.i18n.languages import negotiate

        allowed: list[str] = list(getattr(self, choice))
        if choice == "modes":
            from hrleaflet.render.themes import mode_named

            value = mode_named(value)  # "Color", as the command line takes it
            if value == "both":  # as `build --mode both`
                return allowed
        elif choice == "formats":
            value = value.lower()  # "A4", as the command line takes it
        if value == "all" and choice in ("sets", "languages"):
            return allowed
        if choice == "languages":
            try:
                return [negotiate(value, allowed)]
            except UsageError as exc:  # `pt_BR` finds `pt`: only a miss is a mistake
                raise _Unknown(str(exc), did_you_mean(value, allowed)) from None
        if value not in allowed:
            what = {"sets": "tip set", "modes": "mode", "formats": "format"}[choice]
            hint = did_you_mean(value, [*allowed, "all"] if choice == "sets" else allowed)
            hint = hint or f"choose from {', '.join([*allowed, 'both'] if choice == 'modes' else allowed)}"
            raise _Unknown(f"unknown {what} '{value}'", hint)
        return [value]


Choice = dict[str, list[str]]  # resolved values, by choice ("sets": ["general", "opioids"])

# What a locality gets for a choice neither it nor `defaults` names.
_FALLBACK = {"sets": ("all",), "languages": ("en",), "formats": ("a4",)}


class _ManifestCheck:
    """Checks every part of a manifest, keeping each problem (with its line) instead of stopping."""

    def __init__(self, doc: SourceDocument, allowed: _Allowed) -> None:
        self.doc = doc
        self.allowed = allowed
        self.problems: list[Problem] = []
        self.default_printed: _Choices | None = None  # `defaults`' print options, once checked

    def add(self, loc: KeyPath, message: str, hint: str | None = None, line_loc: KeyPath = ()) -> None:
        line = self.doc.line_of(line_loc or loc)
        self.problems.append(Problem(self.doc.path, line, field_path(loc), message, hint))

    def model(self, model: type[M], loc: KeyPath, data: object, what: str) -> M | None:
        """One part of the manifest as `model`, or None with its problems kept."""
        n = len(loc)
        lines = {key[n:]: line for key, line in self.doc.lines.items() if key[:n] == loc}
        try:
            return validate(model, SourceDocument(self.doc.path, data, lines), what)
        except ContentError as exc:
            for problem in exc.problems:
                self.problems.append(self._placed(problem, loc))
            return None

    def _placed(self, problem: Problem, loc: KeyPath) -> Problem:
        """A problem found in a part, named and located in the whole manifest."""
        if not loc:
            return problem
        inner = problem.field or ""
        field = field_path(loc) + (f".{inner}" if inner and not inner.startswith("[") else inner)
        line = problem.line if problem.field else self.doc.line_of(loc)  # not a mapping: its own line
        return replace(problem, field=field, line=line)

    def section(
        self, model: type[M], loc: KeyPath, data: object, what: str
    ) -> tuple[M | None, Choice, _Choices | None]:
        """The defaults or a locality: its own fields, then each choice on its own, resolved,
        and its print options, so a mistake in one field does not hide those in the others."""
        if not isinstance(data, dict):
            return self.model(model, loc, data, what), {}, None
        own = {k: v for k, v in data.items() if k not in CHOICES and k not in PRINTING}
        found = self.model(model, loc, own, what)
        chosen: Choice = {}
        for name in CHOICES:
            if name in data:
                part = self.model(_Choices, loc, {name: data[name]}, what)
                chosen[name] = self.values(loc, name, getattr(part, name, None))
        printed: dict[str, Any] = {}
        for name in PRINTING:  # each on its own: a wrong sheet does not hide a wrong bleed
            if name in data and (part := self.model(_Choices, loc, {name: data[name]}, what)) is not None:
                printed[name] = getattr(part, name)
        return found, chosen, _Choices.model_construct(**printed)

    def defaults(self, data: object) -> Choice:
        """What `defaults` gives each choice; its mistakes are reported here, once, not for
        each locality that inherits them."""
        from hrleaflet.render.themes import MODES

        chosen: Choice = {}
        if data is not None:
            _, chosen, self.default_printed = self.section(_Choices, ("defaults",), data, "the defaults")
        fallback = {**_FALLBACK, "modes": MODES}
        return {
            name: chosen.get(name) or [v for item in fallback[name] for v in self.allowed.resolve(name, item)]
            for name in CHOICES
        }

    def printing(
        self,
        where: KeyPath,
        section: _Choices | None,
        inherited: Printing | None,
        formats: list[str] | None = None,
    ) -> Printing:
        """How a section's PDFs are printed: its own sheet, marks and bleed, else those it
        inherits; a bleed that is no length, or a sheet given to a locality with neither a5
        nor card, is a problem at its line."""
        from hrleaflet.pipeline import SHEET_FORMATS
        from hrleaflet.render.formats import parse_length

        base = inherited or Printing()
        if section is None:
            return base
        bleed = base.bleed
        if section.bleed is not None:
            try:
                bleed = parse_length(section.bleed)
            except ValueError as error:
                self.add((*where, "bleed"), str(error))
        sheet = section.sheet or base.sheet
        if section.sheet and formats is not None and not any(f in SHEET_FORMATS for f in formats):
            self.add(
                (*where, "sheet"),
                f"places copies of {' and '.join(SHEET_FORMATS)} leaflets on an office sheet;"
                f" this locality's formats ({', '.join(formats)}) have neither",
                "add card or a5 to its formats, or leave the sheet out",
            )
        marks = base.marks if section.marks is None else section.marks == "true"
        return Printing(sheet, marks, bleed)

    def values(self, where: KeyPath, choice: str, values: tuple[str, ...] | None) -> list[str]:
        """One choice's values, resolved; each unknown one is a problem at its own line."""
        resolved: list[str] = []
        for position, value in enumerate(values or ()):
            try:
                items = self.allowed.resolve(choice, value)
            except _Unknown as exc:
                self.add((*where, choice), exc.message, exc.hint, line_loc=(*where, choice, position))
                continue
            resolved += [item for item in items if item not in resolved]
        return resolved

    def services(self, where: KeyPath, base: Path, name: str) -> Path:
        """A locality's services file, loaded to find its mistakes (they name their own lines)."""
        from hrleaflet.content.services import load_services

        path = (base / name).resolve()
        if not _exists(path):
            folder = path.parent
            manifest = self.doc.path.resolve()  # a YAML file too, but never a services file
            nearby = (
                [
                    p.name
                    for p in folder.iterdir()
                    if p.suffix.lower() in SERVICES_SUFFIXES and p.resolve() != manifest
                ]
                if folder.is_dir()
                else []
            )
            self.add(
                (*where, "services"), f"{name}: file not found in {folder}", did_you_mean(path.name, nearby)
            )
            return path
        try:
            load_services(path)
        except ContentError as exc:
            self.problems.extend(exc.problems)
        except HrleafletError as exc:
            self.add((*where, "services"), str(exc))
        return path

    def sorted_problems(self) -> list[Problem]:
        """The manifest's own problems in line order, then the services files', each once."""
        unique = list(dict.fromkeys(self.problems))  # two localities may share a broken file
        own = sorted((p for p in unique if p.path == self.doc.path), key=lambda p: p.line or 0)
        return own + [p for p in unique if p.path != self.doc.path]


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # a name too long for the file system, say: it is not there either
        return False


def _digest(*paths: Path) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode())
        sha.update(path.read_bytes() if path.is_file() else b"-")
    return sha.hexdigest()


def fonts_digest() -> str:
    """Which fonts a build uses: their files' sizes and names (installing new ones changes it)."""
    from hrleaflet.render.text.fonts import font_families

    parts = [f"{f.regular_path.name}:{f.regular_path.stat().st_size}" for f in font_families()]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _services_files(job: Job) -> list[Path]:
    """The job's services file, and the logo it names if it names one."""
    from hrleaflet.content.services import load_services

    logo = load_services(job.services).organisation.logo
    return [job.services, *([Path(logo)] if logo else [])]


def job_inputs(job: Job, fonts: str) -> str:
    """A digest of everything a job's leaflets are made from."""
    files = [job.guidance / f"{job.set_id}.yaml", *_services_files(job)]
    if job.language != "en":
        files.append(job.translations / f"{job.language}.po")
    # How the PDFs are printed changes their bytes, not their names (bleed, marks).
    printing = "" if job.printing == Printing() else f"|{job.printing}"
    return hashlib.sha256(f"{__version__}|{fonts}|{_digest(*files)}{printing}".encode()).hexdigest()


def outputs(job: Job, out: Path) -> Iterator[tuple[str, str, Path]]:
    from hrleaflet.outputs import DOCUMENT_FORMATS
    from hrleaflet.pipeline import on_sheet, output_name

    for fmt in job.formats:
        # A web page or text file has no colour mode: one file, and no mode on the review page.
        for mode in ("",) if fmt in DOCUMENT_FORMATS else job.modes:
            name = output_name(job.set_id, job.language, fmt, mode, on_sheet(fmt, job.printing.sheet))
            yield fmt, mode, out / job.folder / name


def run_job(job: Job, out: Path) -> dict[Path, Review]:
    """Build one job's leaflets and their previews (in a worker process); what the review page
    says about each."""
    from hrleaflet.content.guidance import load_tip_set
    from hrleaflet.pipeline import build, load_translators

    built = build(_request(job, out))
    for item in built:
        if has_preview(item.path):
            write_preview(out, item.path, item.first_page)
    # The build has read both files already (they are cached), so asking again costs nothing.
    translator = load_translators([job.language], job.translations)[job.language]
    draft_set = load_tip_set(job.guidance / f"{job.set_id}.yaml").status == "draft"
    return {
        item.path: Review(
            tips_left_out=item.left_out_tips,
            services_left_out=item.left_out_services,
            draft_translation=translator.review_status == "draft",
            draft_set=draft_set,
        )
        for item in built
    }


def _request(job: Job, out: Path) -> BuildRequest:
    from hrleaflet.pipeline import SHEET_FORMATS, BuildRequest

    return BuildRequest(
        sets=(job.set_id,),
        services=job.services,
        out=out / job.folder,
        languages=(job.language,),
        modes=job.modes,
        formats=job.formats,
        sheet=job.printing.sheet if any(f in SHEET_FORMATS for f in job.formats) else None,
        marks=job.printing.marks,
        bleed=job.printing.bleed,
        guidance=job.guidance,
        translations=job.translations,
    )


def _make_font_files(jobs: list[Job], out: Path, workers: int) -> None:
    """The fonts a first run makes once (`coverage.make_fonts_for`), for the first leaflet of
    each language that is drawn as a PDF: the others print the same scripts (a text, SMS or
    web page needs none)."""
    from hrleaflet.pipeline import drawn, localise_all

    pdfs = [job for job in jobs if drawn(job.formats)]
    if not pdfs:
        return
    from hrleaflet.render.coverage import make_fonts_for

    leaflets = []
    for job in {job.language: job for job in reversed(pdfs)}.values():
        try:
            (leaflet,), _ = localise_all(_request(job, out))
        except HrleafletError:
            continue  # its worker fails the same way, and the batch reports it
        leaflets.append(leaflet)
    make_fonts_for(leaflets, workers=workers)


def run_jobs(jobs: list[Job], out: Path) -> list[dict[Path, Review] | str]:
    """`run_job` for each job (in a worker process); a job that fails gives its error.

    Jobs that would make the same bytes (localities sharing a services file) are made once:
    the others get copies of the first one's files and previews."""
    results: list[dict[Path, Review] | str] = []
    made: dict[str, tuple[Job, dict[Path, Review]]] = {}
    for job in jobs:
        try:
            key = same_files(job)
            if key in made:
                results.append(_copy_files(*made[key], job, out))
                continue
            result = run_job(job, out)
        except Exception as exc:
            results.append(str(exc))
            continue
        if key:
            made[key] = (job, result)
        results.append(result)
    return results


def same_files(job: Job) -> str:
    """A digest of what decides the bytes of a job's files, but not where they go: jobs equal
    in it make byte-identical files (a leaflet never names its locality or services file).
    Empty when the services file cannot be read: that job is made, and fails, on its own."""
    try:
        services, *logo = _services_files(job)
        # The services file's type decides how it is read; its name and folder decide nothing.
        files = [services.suffix.lower().encode(), services.read_bytes()]
        files += [data for path in logo for data in (path.name.encode(), path.read_bytes())]
    except (HrleafletError, OSError):
        return ""
    choices = (
        job.set_id,
        job.language,
        job.formats,
        job.modes,
        job.printing,
        str(job.guidance),
        str(job.translations),
    )
    sha = hashlib.sha256(repr(choices).encode())
    for data in files:
        sha.update(len(data).to_bytes(8, "big") + data)
    return sha.hexdigest()


def _copy_files(made: Job, review: dict[Path, Review], job: Job, out: Path) -> dict[Path, Review]:
    """`job`'s files as copies of those `made` made (each written atomically, as a build's are)."""
    copied = {}
    for (_, _, source), (_, _, path) in zip(outputs(made, out), outputs(job, out), strict=True):
        write_atomically(path, source.read_bytes())
        if has_preview(source):
            write_atomically(preview_path(out, path), preview_path(out, source).read_bytes())
        copied[path] = review[source]
    return copied


# Jobs of one tip set and language lay out the same tips, and a worker keeps what it laid
# out: so a worker is given several such jobs at once (each worker lays a set out once, not
# every worker every set), but at most this many, so that finished work is recorded often.
TASK_JOBS = 8


def _tasks(todo: list[tuple[Job, str]], workers: int) -> list[list[tuple[Job, str]]]:
    """The jobs to do, in tasks of the same tip set and language; small enough that every
    worker has some (at least two tasks each, where there are jobs enough).  Jobs that make
    the same files (`same_files`) go in one task, up to TASK_JOBS of them: its worker makes
    them once and copies them (`run_jobs`), where tasks of `size` would make them once each."""
    size = max(1, min(TASK_JOBS, math.ceil(len(todo) / (2 * max(1, workers)))))
    alike: dict[tuple[str, str, Path, Path], dict[str, list[tuple[Job, str]]]] = {}
    for item in todo:
        job = item[0]
        runs = alike.setdefault((job.set_id, job.language, job.guidance, job.translations), {})
        # A job whose services cannot be read ("") is its own run: it fails on its own.
        runs.setdefault(same_files(job) or f"alone {len(runs)}", []).append(item)
    tasks = []
    for runs in alike.values():
        single = [items[0] for items in runs.values() if len(items) == 1]
        tasks += [single[start : start + size] for start in range(0, len(single), size)]
        for items in (items for items in runs.values() if len(items) > 1):
            tasks += [items[start : start + TASK_JOBS] for start in range(0, len(items), TASK_JOBS)]
    return tasks


def run(
    jobs: list[Job],
    out: Path,
    workers: int,
    force: bool,
    on_progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Build what changed, `workers` processes at a time, keeping the record of inputs current."""
    ensure_folder(out)
    # Left by a killed run (`kill -9` skips our cleanup); fresh ones may be a running batch's.
    remove_parts(out, lambda mtime: mtime < time.time() - STALE_PART_SECONDS)
    record_path = out / RECORD_NAME
    record = _read_record(record_path)
    fonts = fonts_digest()
    report = BatchReport()
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        digest = job_inputs(job, fonts)
        paths = [path for _, _, path in outputs(job, out)]
        keys = [str(path.relative_to(out)) for path in paths]
        if not force and all(
            _built_from(record, k) == _recorded(digest, p) for k, p in zip(keys, paths, strict=True)
        ):
            report.unchanged.extend(paths)
            if on_progress:
                on_progress(len(paths))
        else:
            todo.append((job, digest))

    def save() -> None:
        # One output a line: readable, and small enough to write again after every job.
        lines = [
            f"{json.dumps(key)}: {json.dumps(entry.model_dump(mode='json', exclude_defaults=True))}"
            for key, entry in sorted(record.items())
        ]
        write_atomically(record_path, ("{\n" + ",\n".join(lines) + "\n}\n").encode())

    _make_font_files([job for job, _ in todo], out, workers)
    try:
        # Ctrl-C (or any failure here) stops the workers now, not after every queued job.
        with worker_pool(workers, out) as pool:
            tasks = _tasks(todo, workers)
            futures = {pool.submit(run_jobs, [job for job, _ in task], out): task for task in tasks}
            for future in as_completed(futures):
                task = futures[future]
                try:
                    results = future.result()
                except Exception as exc:  # the worker itself failed (killed, out of memory)
                    results = [str(exc)] * len(task)
                for (job, digest), result in zip(task, results, strict=True):
                    paths = [path for _, _, path in outputs(job, out)]
                    if isinstance(result, str):  # a broken leaflet does not stop the others
                        report.failed_jobs.append((job, result))
                    else:
                        report.built.extend(paths)
                        for path in paths:
                            entry = _Entry(built_from=_recorded(digest, path), review=result[path])
                            record[str(path.relative_to(out))] = entry
                    if on_progress:
                        on_progress(len(paths))
                save()  # after each task: even if the batch is killed, finished work counts
    finally:
        save()  # even after Ctrl-C: what was finished is not built again
    for path in report.unchanged:
        if has_preview(path) and not preview_path(out, path).is_file():
            write_preview(out, path)
    write_index(_rows(jobs, out, record, dict(report.failed_jobs)), out)
    return report


STALE_PART_SECONDS = 15 * 60


class _Entry(BaseModel):
    """One output in the record: what it was built from, and what the review page says about it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    built_from: str  # see _recorded
    review: Review = Review()


def _read_record(path: Path) -> dict[str, _Entry]:
    """The record of what each output was built from; anything unreadable means "build again"."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):  # `[]`, `null`: a damaged record is only a lost cache
        return {}
    record = {}
    for key, value in data.items():
        try:  # an older tool's record (a string per output) too: those outputs are built again
            record[str(key)] = _Entry.model_validate(value)
        except ValidationError:
            continue
    return record


def _built_from(record: dict[str, _Entry], key: str) -> str | None:
    entry = record.get(key)
    return entry.built_from if entry else None


def _recorded(inputs_digest: str, output: Path) -> str:
    """Inputs and the output's own bytes: a PDF that was truncated, edited or deleted since it
    was built no longer matches, so it is built again."""
    try:
        data = output.read_bytes() if output.is_file() else b""
    except OSError:
        data = b""
    return f"{inputs_digest}:{hashlib.sha256(data).hexdigest()[:16]}"


def _placed(fmt: str, sheet: str | None) -> str:
    """A format as the review page names it: "card on a4" for copies on an office sheet."""
    from hrleaflet.pipeline import on_sheet

    placed = on_sheet(fmt, sheet)
    return f"{fmt} on {placed}" if placed else fmt


def _rows(jobs: list[Job], out: Path, record: dict[str, _Entry], failed: dict[Job, str]) -> list[Row]:
    """The review page's rows: every output on disk, described from the record; one whose job
    failed in this run is an older file, and says so."""
    rows = []
    for job in jobs:
        for fmt, mode, path in outputs(job, out):
            if path.is_file():
                entry = record.get(str(path.relative_to(out)))
                review = entry.review if entry else None
                rows.append(
                    Row(
                        job.locality,
                        job.folder,
                        path,
                        job.set_id,
                        job.language,
                        _placed(fmt, job.printing.sheet),
                        mode,
                        review,
                        failed.get(job),
                    )
                )
    return rows
