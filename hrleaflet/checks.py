"""`hrleaflet check`: validate every input and collect all the problems at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.content.services import load_services
from hrleaflet.errors import ContentError, Problem
from hrleaflet.paths import guidance_dir


@dataclass
class CheckReport:
    checked: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def check_all(guidance: Path | None = None, services: tuple[Path, ...] = ()) -> CheckReport:
    report = CheckReport()
    folder = guidance or guidance_dir()
    for name in available_sets(folder):
        path = folder / f"{name}.yaml"
        try:
            tip_set = load_tip_set(path)
        except ContentError as exc:
            report.problems.extend(exc.problems)
        else:
            report.checked.append(f"{path} ({len(tip_set.tips)} tips)")
    for path in services:
        try:
            directory = load_services(path)
        except ContentError as exc:
            report.problems.extend(exc.problems)
        else:
            report.checked.append(f"{path} ({len(directory.services)} services)")
    return report
