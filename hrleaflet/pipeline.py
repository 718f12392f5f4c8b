"""The build pipeline as a library call: load everything, localise, compose, write.

Everything is loaded and checked before the first file is written, so a typo
in one tip set never leaves half a batch behind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from hrleaflet.content.guidance import load_tip_sets, resolve_set_names
from hrleaflet.content.services import load_services
from hrleaflet.errors import UsageError
from hrleaflet.i18n.localise import EnglishTranslator, localise
from hrleaflet.output import ensure_folder, write_atomically
from hrleaflet.paths import guidance_dir
from hrleaflet.render.paper import PAPERS
from hrleaflet.render.themes import MODES, THEMES
from hrleaflet.suggest import did_you_mean


@dataclass(frozen=True)
class BuildRequest:
    sets: tuple[str, ...]
    services: Path
    out: Path
    languages: tuple[str, ...] = ("en",)
    modes: tuple[str, ...] = MODES
    papers: tuple[str, ...] = ("a4",)
    guidance: Path | None = None
    translations: Path | None = None
    allow_fallback: bool = False


@dataclass(frozen=True)
class BuiltLeaflet:
    path: Path
    set_id: str
    locale: str
    paper: str
    mode: str
    pages: int
    size: int
    body_size: float
    notices: tuple[str, ...] = field(default=())


def output_name(set_id: str, locale: str, paper: str, mode: str) -> str:
    return f"{set_id}-{locale}-{paper}-{mode}.pdf"


def _check_choices(values: tuple[str, ...], allowed: tuple[str, ...], option: str) -> None:
    for value in values:
        if value not in allowed:
            hint = did_you_mean(value, allowed) or f"choose from {', '.join(allowed)}"
            raise UsageError(f"{option}: unknown value '{value}' — {hint}")


def build(
    request: BuildRequest, on_built: Callable[[BuiltLeaflet], None] | None = None
) -> list[BuiltLeaflet]:
    """Build every leaflet a request names; return them in the order written."""
    from hrleaflet.render.leaflet import compose  # ReportLab is heavy: import on use

    _check_choices(request.modes, MODES, "--mode")
    _check_choices(request.papers, tuple(PAPERS), "--paper")
    if request.languages != ("en",):
        raise UsageError("only English ('en') is available in this version")
    folder = request.guidance or guidance_dir()
    names = resolve_set_names(request.sets, folder)
    tip_sets = load_tip_sets(folder, names)
    services = load_services(request.services)
    ensure_folder(request.out)

    built: list[BuiltLeaflet] = []
    translator = EnglishTranslator()
    for set_id in names:
        leaflet = localise(tip_sets[set_id], services, translator)
        for paper_name in request.papers:
            for mode in request.modes:
                rendered = compose(leaflet, THEMES[mode], PAPERS[paper_name])
                path = request.out / output_name(set_id, leaflet.locale.code, paper_name, mode)
                write_atomically(path, rendered.pdf)
                item = BuiltLeaflet(
                    path=path,
                    set_id=set_id,
                    locale=leaflet.locale.code,
                    paper=paper_name,
                    mode=mode,
                    pages=rendered.pages,
                    size=len(rendered.pdf),
                    body_size=rendered.body_size,
                )
                built.append(item)
                if on_built:
                    on_built(item)
    return built
