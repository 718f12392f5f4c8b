"""`hrleaflet check`: validate every input and collect all the problems at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.content.services import load_services, service_doubts
from hrleaflet.errors import ContentError, Problem, counted
from hrleaflet.paths import display_path, guidance_dir, is_shipped, translations_dir


@dataclass
class CheckReport:
    checked: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # may be mistakes; a build still runs


def check_all(
    guidance: Path | None = None,
    services: tuple[Path, ...] = (),
    translations: Path | None = None,
    manifests: tuple[Path, ...] = (),
    font_dirs: tuple[Path, ...] = (),
) -> CheckReport:
    """Tip sets, services files, batch manifests (with their localities' services files) and
    language files: every problem, with file and line."""
    from hrleaflet.i18n.catalogs import language_files
    from hrleaflet.i18n.review import check as check_translations
    from hrleaflet.render.coverage import unprintable_typed  # fonts: only for `check`, not at start-up

    report = CheckReport()
    folder = guidance or guidance_dir()

    def attempt(path: Path, describe: Callable[[Path], str]) -> bool:
        try:
            summary = describe(path)
        except ContentError as exc:
            report.problems.extend(exc.problems)
            return False
        report.checked.append(_label(path, summary))
        return True

    for name in available_sets(folder):
        attempt(folder / f"{name}.yaml", lambda p: counted(len(load_tip_set(p).tips), "tip"))
    language_folder = translations or translations_dir()
    listed: list[Path] = []  # the services files manifests name, checked for doubts once each

    def planned(manifest: Path) -> str:
        from hrleaflet.batch import plan

        jobs = plan(manifest, folder, language_folder)
        listed.extend(job.services for job in jobs if job.services not in listed)
        localities = len({job.folder for job in jobs})
        leaflets = sum(len(job.formats) * len(job.modes) for job in jobs)
        return f"{counted(localities, 'locality', 'localities')}, {counted(leaflets, 'leaflet')}"

    def printable(path: Path) -> str:
        if unprintable := unprintable_typed(path, font_dirs):
            raise ContentError(unprintable)
        return counted(len(load_services(path).services), "service")

    for path in services:
        if attempt(path, printable):
            report.warnings.extend(service_doubts(path))
    for path in manifests:
        attempt(path, planned)
    given = {path.resolve() for path in services}  # their doubts are reported above
    for path in listed:
        if path.resolve() not in given:
            report.problems.extend(unprintable_typed(path, font_dirs))
            report.warnings.extend(service_doubts(path))
    if report.problems:
        return report  # language files are checked against the tip sets, so those must load first
    found = check_translations(folder, language_folder)
    report.problems.extend(p for p in found if not p.warning)
    report.warnings.extend(p for p in found if p.warning)
    bad_files = {p.path for p in report.problems}
    for path in language_files(language_folder).values():
        if path not in bad_files:
            report.checked.append(_label(path, "complete"))
    return report


def _label(path: Path, summary: str) -> str:
    """Shipped files are the project's; everything else is the user's own."""
    if is_shipped(path):
        return f"{path.parent.name}/{path.name} (shipped, {summary})"
    return f"{display_path(path)} ({summary})"
