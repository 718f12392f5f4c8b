"""A batch's review page, `index.html`: every leaflet with a preview of page 1, what it left out
for room and which of its texts are drafts, for a coordinator to check before printing.  Web
pages, text and SMS files (documents, with no page to preview) are listed and linked the same way.

One self-contained file (no script, nothing from the network) that works from file:// and on a phone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from html import escape
from pathlib import Path
from urllib.parse import quote

from pydantic import BaseModel, ConfigDict

from hrleaflet import __version__
from hrleaflet.errors import counted
from hrleaflet.output import write_atomically

INDEX_NAME = "index.html"
PREVIEWS = "previews"
PREVIEW_WIDTH = 220  # pixels; shown at half size, sharp on high-density screens


class Review(BaseModel):
    """What the page says about one leaflet. Batch keeps it in its record, so a leaflet that
    was not rebuilt this run is described as fully as one that was."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    tips_left_out: tuple[tuple[str, int], ...] = ()  # (tip id, priority)
    services_left_out: tuple[str, ...] = ()
    draft_translation: bool = False
    draft_set: bool = False


@dataclass(frozen=True)
class Row:
    """One leaflet on the page."""

    locality: str
    folder: str
    path: Path  # the PDF, web page or text file
    set_id: str
    language: str
    format: str
    mode: str
    review: Review | None  # None: not in the record (lost, and the rebuild failed)
    failed: str | None = None  # the error of this run's build of it: the file is an older one


def preview_path(out: Path, leaflet: Path) -> Path:
    return out / PREVIEWS / leaflet.parent.name / f"{leaflet.stem}.png"


def has_preview(leaflet: Path) -> bool:
    """Whether a leaflet has a page 1 to preview: PDFs do; web pages and text files do not."""
    return leaflet.suffix == ".pdf"


# What the preview column says for a document, by the end of its file's name.
_DOCUMENT_KINDS = {
    "-sms.txt": "SMS messages (no preview)",
    ".txt": "Plain text (no preview)",
    ".html": "Web page (no preview)",
}


# Previews this process has made, by what page 1 looks like: a batch's localities often share
# page 1 (the tips and the emergency numbers), and each preview costs 5-13 ms.
_PREVIEWS: dict[str, bytes] = {}
_PREVIEW_LIMIT = 256


def write_preview(out: Path, leaflet: Path, first_page: str = "") -> None:
    """A small PNG of page 1 of a PDF; made once for every page 1 that looks the same
    (`first_page`: `flow.first_page_identity`, when known)."""
    image = _PREVIEWS.get(first_page) if first_page else None
    if image is None:
        image = _preview(leaflet)
        if first_page:
            if len(_PREVIEWS) >= _PREVIEW_LIMIT:
                _PREVIEWS.clear()
            _PREVIEWS[first_page] = image
    write_atomically(preview_path(out, leaflet), image)


def _preview(leaflet: Path) -> bytes:
    import io

    import pypdfium2

    document = pypdfium2.PdfDocument(leaflet)
    try:
        page = document[0]
        image = page.render(scale=PREVIEW_WIDTH / page.get_width()).to_pil()
    finally:
        document.close()
    if image.mode != "RGB":
        image = image.convert("RGB")
    red, green, blue = image.split()
    if red.tobytes() == green.tobytes() == blue.tobytes():  # a black-and-white leaflet
        image = image.convert("L")  # a third of the pixels to write: about half the file
    buffer = io.BytesIO()
    # Without `optimize`: its search over zlib settings took 30 ms a preview (as long as the
    # leaflet's layout) for files under 1 % smaller.  zlib's level 3 writes a leaflet's page
    # in about 60 % of the time of the default 6, and (measured) a smaller file.
    image.save(buffer, format="PNG", compress_level=3)
    return buffer.getvalue()


def write_index(rows: list[Row], out: Path) -> Path:
    """`index.html` in `out`, listing `rows` by locality in the order given."""
    by_locality: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        by_locality.setdefault((row.folder, row.locality), []).append(row)
    sections = [_section(folder, name, items, out) for (folder, name), items in by_locality.items()]
    html = (
        '<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="hrleaflet {escape(__version__)}">\n'
        f"<title>Leaflets to review ({len(rows)})</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        f"<h1>Leaflets to review ({len(rows)})</h1>\n{_summary(rows, len(by_locality))}\n"
        + "\n".join(sections)
        + "\n</main>\n</body>\n</html>\n"
    )
    path = out / INDEX_NAME
    write_atomically(path, html.encode("utf-8"))
    return path


_STYLE = (
    "body{font:16px/1.45 system-ui,sans-serif;color:#111;margin:1rem auto;max-width:80rem;padding:0 1rem}"
    "table{border-collapse:collapse;margin-bottom:2rem}"
    "th,td{padding:.35rem .6rem;text-align:left;vertical-align:top;border-bottom:1px solid #ccc}"
    "thead th{border-bottom:2px solid #333}.scroll{overflow-x:auto}ul{margin:0;padding-left:1.1rem}"
    ".draft{color:#8a4b00}.failed{color:#a4102a}"
    "img{display:block;width:110px;height:auto;border:1px solid #999}"
)
_COLUMNS = ("Page 1", "Leaflet", "Language", "Tip set", "Format", "Mode", "Left out")


def _summary(rows: list[Row], localities: int) -> str:
    """What needs a look before printing, for the whole batch."""
    languages = [r.language for r in rows if r.review and r.review.draft_translation]
    sets = [r.set_id for r in rows if r.review and r.review.draft_set]
    short = sum(1 for r in rows if r.review and (r.review.tips_left_out or r.review.services_left_out))
    checks = []
    stale = sum(1 for r in rows if r.failed)
    if stale:
        checks.append(
            f'<strong class="failed">{counted(stale, "leaflet")} out of date: this run could not build'
            " them again (the error is in its row); the file is from an earlier run. Do not print"
            " it until the error is fixed.</strong>"
        )
    if languages:
        names = ", ".join(escape(language_name(code)) for code in dict.fromkeys(languages))
        checks.append(f"Draft translations, not yet reviewed by a native speaker: {names}.")
    if sets:
        names = ", ".join(escape(s) for s in dict.fromkeys(sets))
        checks.append(f"Draft tip sets, not yet reviewed by a health worker or peer reviewer: {names}.")
    if short:
        checks.append(f"{short} of {len(rows)} leaflets leave tips or services out for room (“Left out”).")
    head = f"<p>{counted(len(rows), 'leaflet')} in {counted(localities, 'locality', 'localities')}."
    if not checks:
        return head + " No drafts, and nothing left out.</p>"
    return head + " Before printing, check:</p>\n<ul>" + "".join(f"<li>{c}</li>" for c in checks) + "</ul>"


def _section(folder: str, locality: str, rows: list[Row], out: Path) -> str:
    heading = f"loc-{folder}"  # folders are [a-z0-9-] and unique: a safe, unique id
    header = "".join(f'<th scope="col">{c}</th>' for c in _COLUMNS)
    body = "\n".join(_row(row, out) for row in rows)
    return (
        f'<h2 id="{heading}">{escape(locality)}</h2>\n'
        # A focusable region: keyboard users can scroll a table wider than a phone.
        f'<div class="scroll" role="region" aria-labelledby="{heading}" tabindex="0">\n'
        f"<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>\n</div>"
    )


def _row(row: Row, out: Path) -> str:
    name = row.path.relative_to(out).as_posix()
    href = escape(quote(name))
    review = row.review
    language = escape(language_name(row.language))
    if review and review.draft_translation:
        language += ' <strong class="draft">draft translation</strong>'
    tip_set = escape(row.set_id) + (
        ' <strong class="draft">draft</strong>' if review and review.draft_set else ""
    )
    left_out = _left_out(row)
    if row.failed:
        error = escape(row.failed).replace("\n", "<br>")  # one problem a line
        left_out = f'<strong class="failed">Out of date: this run failed</strong><p>{error}</p>{left_out}'

    cells = [language, tip_set, escape(row.format), escape(row.mode), left_out]
    # The preview first, as a coordinator scans the page; the file name heads the row.
    return (
        f"<tr><td>{_image(row, out, name)}</td>"
        f'<th scope="row"><a href="{href}" hreflang="{escape(row.language.replace("_", "-"))}">'
        f"{escape(row.path.name)}</a></th>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"
    )


def _left_out(row: Row) -> str:
    if row.review is None:
        return "not recorded (build again with --force to see)"
    items = []
    tips = row.review.tips_left_out
    for priority in sorted({p for _, p in tips}):
        ids = [tip_id for tip_id, p in tips if p == priority]
        items.append(f"{counted(len(ids), 'tip')} of priority {priority}: {', '.join(ids)}")
    services = row.review.services_left_out
    if services:
        items.append(f"{counted(len(services), 'service')}: {'; '.join(services)}")
    if row.format.split()[0] == "card":  # as `hrleaflet build` says for every card ("card on a4" too)
        items.append("addresses, hours and notes (a card shows each service's name, kinds, phone and link)")
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>" if items else "nothing"


def _image(row: Row, out: Path, name: str) -> str:
    if not has_preview(row.path):
        return next(kind for end, kind in _DOCUMENT_KINDS.items() if row.path.name.endswith(end))
    preview = preview_path(out, row.path)
    size = _png_size(preview)
    if size is None:
        return "(no preview)"
    src = escape(quote(preview.relative_to(out).as_posix()))
    # The real size lets the browser reserve the space, so lazy loading does not make the page jump.
    return (
        f'<a href="{escape(quote(name))}"><img src="{src}" alt="Page 1 of {escape(name)}"'
        f' width="{size[0]}" height="{size[1]}" loading="lazy"></a>'
    )


def _png_size(path: Path) -> tuple[int, int] | None:
    """Width and height from a PNG's header, or None when it is missing or not a PNG."""
    try:
        with path.open("rb") as file:
            head = file.read(24)
    except OSError:
        return None
    if len(head) < 24 or not head.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


@functools.cache
def language_name(code: str) -> str:
    """'French (fr)': the page is in English."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name("en")
    except (ValueError, UnknownLocaleError):
        name = None
    return f"{name} ({code})" if name else code
