"""`hrleaflet batch`: every leaflet of a regional network from one manifest, on all cores.

The manifest is checked whole before anything is rendered.  A leaflet whose inputs
(tip set, language file, services file and logo, options, fonts, tool version) are
unchanged since the last run is not rebuilt: the record of inputs lives beside the
outputs.  A failure in one leaflet does not stop the others.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from hrleaflet import __version__
from hrleaflet.content.guidance import resolve_set_names
from hrleaflet.content.source import load_yaml
from hrleaflet.content.text import Text
from hrleaflet.content.validate import validate
from hrleaflet.errors import ContentError, HrleafletError, Problem
from hrleaflet.output import ensure_folder, write_atomically

RECORD_NAME = ".hrleaflet-inputs.json"
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}


class _Choices(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    sets: tuple[Text, ...] | None = None
    languages: tuple[Text, ...] | None = None
    modes: tuple[Text, ...] | None = None
    formats: tuple[Text, ...] | None = None


class _Locality(_Choices):
    name: Annotated[Text, Field(min_length=1, max_length=80)]
    services: Annotated[Text, Field(min_length=1, max_length=300)]


class Manifest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    defaults: _Choices = _Choices()
    localities: Annotated[tuple[_Locality, ...], Field(min_length=1, max_length=500)]


def slug(name: str) -> str:
    """A folder name from a locality's name that cannot leave the output folder."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not text:  # a name in a non-Latin script: a stable name from its letters
        text = "locality-" + hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{text}-place" if text in _RESERVED else text


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


@dataclass
class BatchReport:
    built: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (leaflet, message)


def plan(manifest_path: Path, guidance: Path, translations: Path) -> list[Job]:
    """Every job the manifest asks for, or one error listing every problem in it."""
    from hrleaflet.content.services import load_services
    from hrleaflet.i18n.languages import resolve_languages
    from hrleaflet.pipeline import check_choices
    from hrleaflet.render.formats import FORMATS
    from hrleaflet.render.themes import MODES

    doc = load_yaml(manifest_path)
    manifest = validate(Manifest, doc, "a batch manifest")
    problems: list[Problem] = []
    jobs: list[Job] = []
    folders: dict[str, str] = {}
    base = manifest_path.parent
    for index, locality in enumerate(manifest.localities):
        where = ("localities", index)
        d = manifest.defaults

        def choice(name: str, fallback: tuple[str, ...], loc: _Locality = locality) -> tuple[str, ...]:
            return getattr(loc, name) or getattr(d, name) or fallback  # noqa: B023

        folder = slug(locality.name)
        if folder in folders:
            problems.append(
                Problem(
                    manifest_path,
                    doc.line_of((*where, "name")),
                    f"localities[{index + 1}].name",
                    f"'{locality.name}' gives the same folder '{folder}' as '{folders[folder]}'",
                )
            )
        folders[folder] = locality.name
        services = (base / locality.services).resolve()
        try:
            load_services(services)
            sets = resolve_set_names(choice("sets", ("all",)), guidance)
            languages = resolve_languages(choice("languages", ("en",)), translations)
            modes, formats = choice("modes", MODES), choice("formats", ("a4",))
            check_choices(modes, MODES, "modes")
            check_choices(formats, tuple(FORMATS), "formats")
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        except HrleafletError as exc:
            problems.append(Problem(manifest_path, doc.line_of(where), f"localities[{index + 1}]", str(exc)))
            continue
        for set_id in sets:
            for language in languages:
                jobs.append(
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
                    )
                )
    if problems:
        raise ContentError(problems)
    return jobs


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


def job_inputs(job: Job, fonts: str) -> str:
    """A digest of everything a job's leaflets are made from."""
    from hrleaflet.content.services import load_services

    logo = load_services(job.services).organisation.logo
    files = [job.guidance / f"{job.set_id}.yaml", job.services, *([Path(logo)] if logo else [])]
    if job.language != "en":
        files.append(job.translations / f"{job.language}.po")
    return hashlib.sha256(f"{__version__}|{fonts}|{_digest(*files)}".encode()).hexdigest()


def outputs(job: Job, out: Path) -> Iterator[tuple[str, str, Path]]:
    from hrleaflet.pipeline import output_name

    for fmt in job.formats:
        for mode in job.modes:
            yield fmt, mode, out / job.folder / output_name(job.set_id, job.language, fmt, mode)


PREVIEWS = "previews"
PREVIEW_WIDTH = 220  # pixels


def preview_path(out: Path, leaflet: Path) -> Path:
    return out / PREVIEWS / leaflet.parent.name / f"{leaflet.stem}.png"


def write_preview(out: Path, leaflet: Path) -> None:
    """A small PNG of page 1, for the index a coordinator reviews before printing."""
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(leaflet)
    try:
        page = document[0]
        image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()
    finally:
        document.close()
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    write_atomically(preview_path(out, leaflet), buffer.getvalue())


def run_job(job: Job, out: Path) -> list[Path]:
    """Build one job's leaflets and their previews (in a worker process)."""
    from hrleaflet.pipeline import BuildRequest, build

    request = BuildRequest(
        sets=(job.set_id,),
        services=job.services,
        out=out / job.folder,
        languages=(job.language,),
        modes=job.modes,
        formats=job.formats,
        guidance=job.guidance,
        translations=job.translations,
    )
    paths = [item.path for item in build(request)]
    for path in paths:
        write_preview(out, path)
    return paths


def run(
    jobs: list[Job],
    out: Path,
    workers: int,
    force: bool,
    on_progress: Callable[[int], None] | None = None,
) -> BatchReport:
    """Build what changed, `workers` processes at a time, keeping the record of inputs current."""
    ensure_folder(out)
    record_path = out / RECORD_NAME
    try:
        record: dict[str, str] = json.loads(record_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        record = {}
    fonts = fonts_digest()
    report = BatchReport()
    todo: list[tuple[Job, str]] = []
    for job in jobs:
        digest = job_inputs(job, fonts)
        paths = [path for _, _, path in outputs(job, out)]
        keys = [str(path.relative_to(out)) for path in paths]
        if not force and all(
            record.get(k) == digest and p.is_file() for k, p in zip(keys, paths, strict=True)
        ):
            report.unchanged.extend(paths)
            if on_progress:
                on_progress(len(paths))
        else:
            todo.append((job, digest))

    def save() -> None:
        write_atomically(record_path, json.dumps(record, indent=1, sort_keys=True).encode())

    try:
        with ProcessPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {pool.submit(run_job, job, out): (job, digest) for job, digest in todo}
            for future in as_completed(futures):
                job, digest = futures[future]
                paths = [path for _, _, path in outputs(job, out)]
                try:
                    future.result()
                except Exception as exc:  # a broken leaflet must not stop the others
                    name = f"{job.folder}/{job.set_id}-{job.language}"
                    report.failed.append((name, str(exc)))
                else:
                    report.built.extend(paths)
                    for path in paths:
                        record[str(path.relative_to(out))] = digest
                    save()  # after each job: even if the batch is killed, finished work counts
                if on_progress:
                    on_progress(len(paths))
    finally:
        save()  # even after Ctrl-C: what was finished is not built again
    for path in report.unchanged:
        if not preview_path(out, path).is_file():
            write_preview(out, path)
    write_index(jobs, out)
    return report


def write_index(jobs: list[Job], out: Path) -> Path:
    """`index.html`: every leaflet by locality, language, set, format and mode, with a preview."""
    from html import escape

    rows: dict[str, list[str]] = {}
    for job in jobs:
        for fmt, mode, path in outputs(job, out):
            if not path.is_file():
                continue
            link = escape(str(path.relative_to(out)))
            preview = preview_path(out, path)
            image = (
                f'<img src="{escape(str(preview.relative_to(out)))}" alt="page 1" loading="lazy">'
                if preview.is_file()
                else "(no preview)"
            )
            cells = [job.language, job.set_id, fmt, mode]
            rows.setdefault(job.locality, []).append(
                "<tr>"
                + "".join(f"<td>{escape(c)}</td>" for c in cells)
                + f'<td><a href="{link}">{image}</a></td></tr>'
            )
    sections = []
    for locality, lines in rows.items():
        header = "<tr><th>language</th><th>set</th><th>format</th><th>mode</th><th>page 1</th></tr>"
        sections.append(f"<h2>{escape(locality)}</h2>\n<table>{header}\n" + "\n".join(lines) + "\n</table>")
    html = (
        '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Leaflets</title>\n'
        "<style>body{font-family:sans-serif;margin:2em}td,th{padding:4px 10px;text-align:left;"
        "border-bottom:1px solid #ccc}img{width:110px;border:1px solid #999}</style></head><body>\n"
        f"<h1>Leaflets ({sum(len(v) for v in rows.values())})</h1>\n"
        + "\n".join(sections)
        + "\n</body></html>\n"
    )
    path = out / "index.html"
    write_atomically(path, html.encode("utf-8"))
    return path


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
