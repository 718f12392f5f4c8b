"""Load tip sets from a guidance folder."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from hrleaflet.content.models import TipSet
from hrleaflet.content.source import SourceDocument, cached_by_file, load_yaml
from hrleaflet.content.validate import validate
from hrleaflet.errors import ContentError, Problem, UsageError
from hrleaflet.suggest import did_you_mean


def available_sets(folder: Path) -> list[str]:
    """Set ids in a guidance folder, in a stable order."""
    if not folder.is_dir():
        raise ContentError.single(folder, None, None, "guidance folder not found")
    return sorted(p.stem for p in folder.glob("*.yaml"))


def resolve_set_names(requested: Iterable[str], folder: Path) -> list[str]:
    """Expand 'all' and check every name, suggesting the nearest for a typo."""
    available = available_sets(folder)
    chosen: list[str] = []
    for name in requested:
        names = available if name == "all" else [name]
        for item in names:
            if item not in available:
                hint = did_you_mean(item, available) or f"available: {', '.join(available)}"
                raise UsageError(f"unknown tip set '{item}' in {folder} — {hint}")
            if item not in chosen:
                chosen.append(item)
    return chosen


def load_tip_set(path: Path) -> TipSet:
    return read_tip_set(path)[0]


@cached_by_file
def read_tip_set(path: Path) -> tuple[TipSet, SourceDocument]:
    """A validated tip set and the source it came from (for line numbers)."""
    doc = load_yaml(path)
    tip_set = validate(TipSet, doc, "a tip set")
    problems: list[Problem] = []
    if tip_set.id != path.stem:
        problems.append(
            Problem(
                path,
                doc.line_of(("id",)),
                "id",
                f"is '{tip_set.id}' but the file is named '{path.name}'",
                f"use id '{path.stem}' or rename the file",
            )
        )
    problems.extend(_review_problems(tip_set, doc))
    seen: dict[str, int] = {}
    for index, tip in enumerate(tip_set.tips):
        if tip.id in seen:
            problems.append(
                Problem(
                    path,
                    doc.line_of(("tips", index, "id")),
                    f"tips[{index + 1}].id",
                    f"duplicate tip id '{tip.id}' (also tips[{seen[tip.id] + 1}])",
                    "tip ids must be unique: translations are keyed by them",
                )
            )
        seen.setdefault(tip.id, index)
    if problems:
        raise ContentError(problems)
    return tip_set, doc


def _review_problems(tip_set: TipSet, doc: SourceDocument) -> list[Problem]:
    """A review date must mean that a review of this version happened, by someone named."""
    path = doc.path
    if tip_set.status == "draft":
        return [
            Problem(
                path,
                doc.line_of((name,)),
                name,
                "is only for status 'reviewed'; this set is a draft",
                "set status: reviewed once a person has reviewed this version, or remove the line",
            )
            for name in ("reviewed", "reviewed_by")
            if getattr(tip_set, name) is not None
        ]
    problems = [
        Problem(path, doc.line_of(("status",)), name, "required when status is 'reviewed'", hint)
        for name, value, hint in (
            ("reviewed", tip_set.reviewed, "the date of the review, like 2026-11-21"),
            ("reviewed_by", tip_set.reviewed_by, "the organisation or role that reviewed it"),
        )
        if value is None
    ]
    if tip_set.reviewed is not None and tip_set.reviewed < tip_set.updated:
        problems.append(
            Problem(
                path,
                doc.line_of(("updated",)),
                "updated",
                f"the content changed after its review ({tip_set.reviewed.isoformat()})",
                "set status: draft until it is reviewed again",
            )
        )
    return problems


def load_tip_sets(folder: Path, names: Iterable[str]) -> dict[str, TipSet]:
    """Load every named set, reporting the problems of all files at once."""
    loaded: dict[str, TipSet] = {}
    problems: list[Problem] = []
    for name in names:
        try:
            loaded[name] = load_tip_set(folder / f"{name}.yaml")
        except ContentError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ContentError(problems)
    return loaded
