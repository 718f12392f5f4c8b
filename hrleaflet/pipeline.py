"""The build pipeline as a library call: load everything, localise, compose, write.

Everything is loaded, translated and checked before the first file is written,
so a typo in one tip set or a stale translation never leaves half a batch behind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from hrleaflet.content.guidance import load_tip_sets, resolve_set_names
from hrleaflet.content.services import read_services
from hrleaflet.errors import Problem, TranslationError, UsageError
from hrleaflet.i18n.catalogs import language_files
from hrleaflet.i18n.languages import SOURCE_LOCALE, locale_info, resolve_languages, substitutions
from hrleaflet.i18n.leaflet import LocalisedLeaflet, LocalisedTip
from hrleaflet.i18n.localise import Translator, localise
from hrleaflet.i18n.translator import GAP_REASONS, CatalogTranslator, EnglishTranslator
from hrleaflet.output import ensure_folder, write_atomically
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.render.formats import FORMATS, MAX_BLEED_MM, MM, SHEETS, Format
from hrleaflet.render.themes import MODES, THEMES
from hrleaflet.suggest import check_choices, did_you_mean

if TYPE_CHECKING:  # imported only when a build has workers
    from concurrent.futures import Future


@dataclass(frozen=True)
class BuildRequest:
    sets: tuple[str, ...]
    services: Path
    out: Path
    languages: tuple[str, ...] = (SOURCE_LOCALE,)
    modes: tuple[str, ...] = MODES
    formats: tuple[str, ...] = ("a4",)
    guidance: Path | None = None
    translations: Path | None = None
    allow_fallback: bool = False
    font_dirs: tuple[Path, ...] = ()  # a network's own fonts, searched before the shipped ones
    tips: tuple[str, ...] | None = None  # tip ids chosen by hand, in this order
    sheet: str | None = None  # place copies of a small format on an office sheet
    marks: bool = False
    bleed: float = 0.0  # points
    audit: bool = False  # check each leaflet's layout as a print designer would
    image: str | None = None  # also write each PDF page as an image: "png" or "webp"
    image_width: int | None = None  # pixels; None: 1080 for phone, 150 dpi for paper


@dataclass(frozen=True)
class BuiltLeaflet:
    path: Path
    set_id: str
    locale: str
    format: str
    mode: str
    pages: int
    size: int
    body_size: float
    partly_english: bool = False
    left_out_tips: tuple[tuple[str, int], ...] = ()  # (tip id, priority)
    left_out_services: tuple[str, ...] = ()
    copies: int = 1  # copies on each sheet
    findings: tuple[str, ...] = ()  # the layout audit's, when asked for
    images: tuple[Path, ...] = ()  # page images (with a .txt of each page's text beside each)
    notes: tuple[str, ...] = ()  # e.g. an SMS's messages and their segments
    first_page: str = ""  # what page 1 of a PDF looks like (`flow.first_page_identity`)


@dataclass(frozen=True)
class Notice:
    """Something a user should know that does not stop the build."""

    subject: str  # the tip set or language it is about
    message: str


def output_name(set_id: str, locale: str, fmt: str, mode: str, sheet: str | None = None) -> str:
    from hrleaflet.outputs import DOCUMENT_FORMATS

    if fmt in DOCUMENT_FORMATS:  # text, SMS and web pages have no colour mode
        return f"{set_id}-{locale}{DOCUMENT_FORMATS[fmt]}"
    placed = f"{fmt}-on-{sheet}" if sheet else fmt
    return f"{set_id}-{locale}-{placed}-{mode}.pdf"


ALL_FORMATS = (*FORMATS, "text", "sms", "html")


def drawn(formats: Iterable[str]) -> list[str]:
    """The formats drawn as PDF pages, with our fonts (text, SMS and a web page are set by the
    reader's phone or browser)."""
    return [name for name in formats if name in FORMATS]


SHEET_FORMATS = ("a5", "card")  # what --sheet places copies of on an office sheet


def on_sheet(format_name: str, sheet: str | None) -> str | None:
    """The sheet a format's copies go on: `sheet` for a5 and card; the other formats are made
    as they are (a4 is a sheet already; a tri-fold is folded from one)."""
    return sheet if format_name in SHEET_FORMATS else None


IMAGE_TYPES = ("png", "webp")


def choose_tips(leaflet: LocalisedLeaflet, ids: tuple[str, ...] | None) -> list[LocalisedTip] | None:
    """The tips picked by hand with --tips, in the order given; None means all, by priority."""
    if ids is None:
        return None
    by_id = {tip.id: tip for tip in leaflet.tips}
    if not ids:  # `--tips ","` would otherwise print a leaflet with no tips at all
        raise UsageError(f"--tips: no tip ids given; write them like --tips {','.join(list(by_id)[:2])}")
    chosen = []
    for tip_id in ids:
        if tip_id not in by_id:
            hint = did_you_mean(tip_id, by_id) or f"tips in {leaflet.set_id}: {', '.join(by_id)}"
            raise UsageError(f"--tips: no tip '{tip_id}' in {leaflet.set_id} — {hint}")
        chosen.append(by_id[tip_id])
    return chosen


def load_translators(codes: list[str], translations: Path) -> dict[str, Translator]:
    files = language_files(translations)
    translators: dict[str, Translator] = {}
    for code in codes:
        translators[code] = (
            EnglishTranslator() if code == SOURCE_LOCALE else CatalogTranslator.load(files[code], code)
        )
    return translators


def localise_all(
    request: BuildRequest,
) -> tuple[list[LocalisedLeaflet], list[Notice]]:
    """Phase one: every leaflet's final text, or one error listing every string that cannot be printed."""
    folder = request.guidance or guidance_dir()
    translations = request.translations or translations_dir()
    names = resolve_set_names(request.sets, folder)
    languages = resolve_languages(request.languages, translations)
    tip_sets = load_tip_sets(folder, names)
    services, services_source = read_services(request.services)
    translators = load_translators(languages, translations)

    leaflets = [localise(tip_sets[name], services, translators[code]) for code in languages for name in names]
    problems = [
        Problem(
            translators[leaflet.locale.code].path,
            translators[leaflet.locale.code].line_of(context),
            context,
            GAP_REASONS.get(reason, reason),
        )
        for leaflet in leaflets
        for context, reason in leaflet.gaps
    ]
    if problems and not request.allow_fallback:
        raise TranslationError(
            f"{len(problems)} string(s) have no usable translation, so these leaflets would be partly in"
            " English. Translate them, or build with --allow-fallback to print them in English:",
            problems,
        )
    if drawn(request.formats):
        # Only what is drawn needs our fonts (an emoji in a service's name is the reader's
        # phone or browser's to show).
        from hrleaflet.render.coverage import check_coverage
        from hrleaflet.render.text.fonts import families_for

        check_coverage(
            ((leaflet, families_for(leaflet.locale.code, request.font_dirs)) for leaflet in leaflets),
            services_source,
        )
    notices = [
        Notice(name, f"caution ({name}): {tip_sets[name].caution}")
        for name in names
        if tip_sets[name].caution
    ]
    notices += [
        Notice(name, f"the {name} tip set is a draft, not yet reviewed; its leaflets say so")
        for name in names
        if tip_sets[name].status == "draft"
    ]
    notices += [
        Notice(code, f"the {code} translation is a draft awaiting review by a native speaker")
        for code, translator in translators.items()
        if translator.review_status == "draft"
    ]
    notices += [
        Notice(
            used,
            f"-l {asked}: there is no language file for {asked}; set in {used} ({locale_info(used).name})",
        )
        for asked, used in substitutions(request.languages, translations)
    ]
    for code in languages:
        gaps = {context for leaflet in leaflets if leaflet.locale.code == code for context, _ in leaflet.gaps}
        if gaps:
            notices.append(Notice(code, f"{len(gaps)} string(s) printed in English (--allow-fallback)"))
    return leaflets, notices


def build(
    request: BuildRequest,
    on_built: Callable[[BuiltLeaflet], None] | None = None,
    on_notice: Callable[[Notice], None] | None = None,
    workers: int = 1,
) -> list[BuiltLeaflet]:
    """Build every leaflet a request names, each leaflet's formats in `workers` processes;
    return them (and report each to `on_built`) in the order one process writes them."""
    check_choices(request.modes, MODES, "--mode", "mode")

    check_choices(request.formats, ALL_FORMATS, "--format", "format")
    if request.image is not None:
        check_choices((request.image,), IMAGE_TYPES, "--image", "picture type")
    if request.image_width is not None and not 200 <= request.image_width <= 4000:
        raise UsageError("--image-width: expected 200 to 4000 pixels (1080 fits a phone screen)")
    if request.sheet is not None:
        check_choices((request.sheet,), tuple(SHEETS), "--sheet", "sheet")
        if not any(f in SHEET_FORMATS for f in request.formats):
            raise UsageError(
                f"--sheet places copies of {' and '.join(SHEET_FORMATS)} leaflets on an office sheet;"
                f" {', '.join(request.formats)} has neither: add -f card or -f a5"
            )
    if request.bleed < 0 or request.bleed > MAX_BLEED_MM * MM + 1e-9:  # `bleed` is in points
        raise UsageError(
            f"--bleed: {request.bleed / MM:.4g} mm is more than {MAX_BLEED_MM} mm;"
            " print shops usually ask for 3 mm"
        )
    leaflets, notices = localise_all(request)
    # Options that do nothing for some formats are said, not silently ignored.
    unprinted = [f for f in request.formats if f not in FORMATS or not FORMATS[f].printed]
    if unprinted and (request.marks or request.bleed):
        notices.append(
            Notice(
                unprinted[0],
                f"{', '.join(unprinted)}: made without crop marks and bleed, which are for print",
            )
        )
    pageless = [f for f in request.formats if f not in FORMATS]  # text, SMS, a web page
    if pageless and (request.image or request.image_width):
        option = f"--image {request.image}" if request.image else "--image-width"
        notices.append(
            Notice(
                pageless[0],
                f"{option}: {', '.join(pageless)} {'has' if len(pageless) == 1 else 'have'} no pages to"
                " picture; images are made of PDFs",
            )
        )
    if request.sheet:
        placed = [f for f in request.formats if f in SHEET_FORMATS]
        others = [f for f in request.formats if f in FORMATS and f not in SHEET_FORMATS]
        if others:
            notices.append(
                Notice(
                    request.sheet,
                    f"--sheet {request.sheet}: places {', '.join(placed)} on the sheet;"
                    f" {', '.join(others)} made as usual",
                )
            )
        if request.marks or request.bleed:
            notices.append(
                Notice(
                    request.sheet,
                    f"--sheet {request.sheet}: {' and '.join(placed)} copies on an office sheet get cut"
                    " marks; --marks and --bleed (for a print shop's single pages) are left off them",
                )
            )
    for notice in notices:
        if on_notice:
            on_notice(notice)
    # A wrong --tips is named before anything is written.
    chosen = [(leaflet, choose_tips(leaflet, request.tips)) for leaflet in leaflets]
    ensure_folder(request.out)
    tasks = [(leaflet, tips, name) for leaflet, tips in chosen for name in request.formats]
    pdfs = len(drawn(name for _, _, name in tasks))  # a text or web page takes ms
    if pdfs:
        # A first run's font files before anything is drawn, side by side on every core (a
        # CJK face's copy and its bold's take most of a minute each), and found made by
        # workers.  (ReportLab and the text engine are imported only for a PDF.)
        from hrleaflet.render.coverage import make_fonts_for

        make_fonts_for(leaflets, request.font_dirs, workers)
    if workers > 1 and pdfs > 1:
        return _build_in_workers(request, tasks, min(workers, len(tasks)), on_built)
    built: list[BuiltLeaflet] = []
    for leaflet, tips, format_name in tasks:
        for item in _build_format(request, leaflet, format_name, tips):
            built.append(item)
            if on_built:
                on_built(item)
    return built


def _build_in_workers(
    request: BuildRequest,
    tasks: list[tuple[LocalisedLeaflet, list[LocalisedTip] | None, str]],
    workers: int,
    on_built: Callable[[BuiltLeaflet], None] | None,
) -> list[BuiltLeaflet]:
    """Each leaflet in each format in a worker process, reported in the order one process
    writes them; the first failure (in that order) stops the build, as it would there, and the
    leaflets after it that other workers had begun are finished and reported."""
    import hrleaflet.render.compose  # noqa: F401  (imported once here: forked workers share it)
    from hrleaflet.workers import worker_pool

    built: list[BuiltLeaflet] = []
    with worker_pool(workers, request.out) as pool:
        futures = [
            pool.submit(_build_task, request, leaflet.set_id, leaflet.locale.code, format_name)
            for leaflet, _, format_name in tasks
        ]
        for index, future in enumerate(futures):
            try:
                items = future.result()
            except Exception:
                # Stopped here, as one process stops; but what other workers finished is on
                # disk, so it is reported too (Ctrl-C is not waited on: it stops at once).
                built += _finished_after_a_failure(futures[index + 1 :], on_built)
                raise
            for item in items:
                built.append(item)
                if on_built:
                    on_built(item)
    return built


def _finished_after_a_failure(
    later: list[Future[list[BuiltLeaflet]]], on_built: Callable[[BuiltLeaflet], None] | None
) -> list[BuiltLeaflet]:
    """The leaflets after a failed one that workers had begun: waited for, since a worker
    stopped just after writing one would leave a file no one reported, and reported.  Those
    not begun are cancelled (the pool may have handed a few more out: they finish too)."""
    from concurrent.futures import wait

    for future in later:
        future.cancel()
    wait(later)
    finished = []
    for future in later:
        if future.cancelled() or future.exception() is not None:
            continue
        for item in future.result():
            finished.append(item)
            if on_built:
                on_built(item)
    return finished


def _build_task(request: BuildRequest, set_id: str, language: str, format_name: str) -> list[BuiltLeaflet]:
    """One leaflet in one format (in a worker process): localised again there, from the
    files the parent has checked, as a batch's worker does."""
    part = replace(request, sets=(set_id,), languages=(language,), formats=(format_name,))
    (leaflet,), _ = localise_all(part)
    return list(_build_format(part, leaflet, format_name, choose_tips(leaflet, request.tips)))


def _build_format(
    request: BuildRequest, leaflet: LocalisedLeaflet, format_name: str, chosen: list[LocalisedTip] | None
) -> Iterator[BuiltLeaflet]:
    """A leaflet in one format, in each mode (a text, SMS or web page has none); `chosen`: the
    tips picked with --tips (`choose_tips`)."""
    from hrleaflet.outputs import DOCUMENT_FORMATS

    if format_name in DOCUMENT_FORMATS:
        yield _write_document(request, leaflet, format_name, chosen)
        return
    # ReportLab and the text engine (about 0.2 s to import): only when a PDF is asked for.
    from hrleaflet.render.compose import PrintOptions, compose

    fmt = FORMATS[format_name]
    sheet = on_sheet(format_name, request.sheet)
    options = PrintOptions(
        marks=request.marks and fmt.printed, bleed=request.bleed if fmt.printed else 0.0, sheet=sheet
    )
    for mode in request.modes:
        rendered = compose(leaflet, THEMES[mode], fmt, options, request.font_dirs, chosen)
        findings: tuple[str, ...] = ()
        if request.audit:
            from hrleaflet.render.audit import audit

            findings = tuple(str(f) for f in audit(rendered, fmt))
        name = output_name(leaflet.set_id, leaflet.locale.code, format_name, mode, sheet)
        path = request.out / name
        write_atomically(path, rendered.pdf)
        images: tuple[Path, ...] = ()
        if request.image is not None:
            images = _write_images(request, rendered.pdf, path, fmt)
        yield BuiltLeaflet(
            path=path,
            set_id=leaflet.set_id,
            locale=leaflet.locale.code,
            format=format_name,
            mode=mode,
            pages=rendered.pages,
            size=len(rendered.pdf),
            body_size=rendered.body_size,
            partly_english=leaflet.partly_english,
            left_out_tips=tuple((t.id, t.priority) for t in rendered.left_out_tips),
            left_out_services=tuple(s.name for s in rendered.left_out_services),
            copies=rendered.copies,
            findings=findings,
            images=images,
            first_page=rendered.first_page,
        )


def _write_document(
    request: BuildRequest, leaflet: LocalisedLeaflet, format_name: str, chosen: list[LocalisedTip] | None
) -> BuiltLeaflet:
    from hrleaflet.outputs import render_document

    document = render_document(format_name, leaflet, chosen)
    path = request.out / output_name(leaflet.set_id, leaflet.locale.code, format_name, "")
    write_atomically(path, document.data)
    return BuiltLeaflet(
        path=path,
        set_id=leaflet.set_id,
        locale=leaflet.locale.code,
        format=format_name,
        mode="",
        pages=document.parts,
        size=len(document.data),
        body_size=0.0,
        partly_english=leaflet.partly_english,
        left_out_tips=tuple((t.id, t.priority) for t in document.left_out_tips),
        notes=document.notes,
    )


def _write_images(request: BuildRequest, pdf: bytes, path: Path, paper: Format) -> tuple[Path, ...]:
    """Each page as an image beside the PDF (`<name>-1.png`), with its text in `<name>-1.txt`."""
    from hrleaflet.outputs.images import page_images

    assert request.image is not None
    written: list[Path] = []
    for number, page in enumerate(page_images(pdf, paper, request.image, request.image_width), start=1):
        image_path = path.with_name(f"{path.stem}-{number}.{request.image}")
        write_atomically(image_path, page.image)
        write_atomically(image_path.with_suffix(".txt"), page.text.encode("utf-8"))
        written.append(image_path)
    return tuple(written)
