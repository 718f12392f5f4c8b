"""Load a local services file, YAML or CSV, into a ServiceDirectory.

The CSV form is what people export from a spreadsheet: one row per entry, a
`type` column saying what the row is (locality, organisation, emergency or
service; empty means service), and the service field names as column names.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hrleaflet.content.images import image_problem
from hrleaflet.content.models import ServiceDirectory
from hrleaflet.content.placeholders import placeholder_problems
from hrleaflet.content.source import KeyPath, SourceDocument, cached_by_file, load_yaml, read_text
from hrleaflet.content.text import link_doubt, phone_doubt
from hrleaflet.content.validate import field_path, validate
from hrleaflet.errors import ContentError, Problem
from hrleaflet.suggest import did_you_mean, did_you_mean_field

CSV_COLUMNS = ("type", "name", "kinds", "address", "phone", "hours", "url", "notes", "logo")
ROW_TYPES = ("locality", "organisation", "emergency", "service")
SERVICE_COLUMNS = ("name", "kinds", "address", "phone", "hours", "url", "notes")
# The columns each kind of row prints (a service row: SERVICE_COLUMNS).
ROW_COLUMNS = {
    "locality": ("name",),
    "organisation": ("name", "url", "logo"),
    "emergency": ("name", "phone"),
    "service": (*SERVICE_COLUMNS, "logo"),  # a logo here is refused with its own message
}
LOGO_SUFFIXES = (".png", ".jpg", ".jpeg")
YAML_SUFFIXES = (".yaml", ".yml")
SERVICES_SUFFIXES = (*YAML_SUFFIXES, ".csv")  # what a services file may be


def load_services(path: Path) -> ServiceDirectory:
    return read_services(path)[0]


@cached_by_file
def read_services(path: Path) -> tuple[ServiceDirectory, SourceDocument]:
    """A validated services file and the source it came from (for line numbers)."""
    suffix = path.suffix.lower()
    if suffix in YAML_SUFFIXES:
        doc = load_yaml(path)
    elif suffix == ".csv":
        doc = _csv_document(path)
    else:
        raise ContentError.single(path, None, None, *_not_a_services_file(path, suffix))
    directory = validate(ServiceDirectory, doc, "a services file")
    unfilled = placeholder_problems(directory, doc)
    if unfilled:
        raise ContentError(unfilled)
    return _resolve_logo(directory, doc), doc


SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods", ".numbers")


def is_manifest(path: Path) -> bool:
    """Whether a file given to `check` is a batch manifest (a YAML file listing `localities`)
    rather than a services file; a file that cannot be read is taken as a services file, whose
    loader says what is wrong with it."""
    if path.suffix.lower() not in YAML_SUFFIXES:
        return False
    try:
        data = load_yaml(path).data
    except ContentError:
        return False
    return isinstance(data, dict) and "localities" in data


def _not_a_services_file(path: Path, suffix: str) -> tuple[str, str]:
    """Why a path cannot be read as a services file, and what to give instead."""
    if not path.exists():
        return "file not found", "a services file is a .yaml or .csv file"
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SERVICES_SUFFIXES)
        manifests = [p.name for p in files if is_manifest(p)]
        found = [p.name for p in files if p.name not in manifests]
        lists = [
            f"{what} in it: {', '.join(names[:5])}"
            for what, names in (("services files", found), ("batch manifests", manifests))
            if names
        ]
        return "is a folder, not a services file", "; ".join(lists) or "give a .yaml or .csv file"
    if suffix in SPREADSHEET_SUFFIXES:
        return (
            f"is a spreadsheet ('{suffix}'), which is not read directly",
            "save it as CSV (UTF-8) from the spreadsheet program and give the .csv file",
        )
    kind = f"'{suffix}'" if suffix else "none (no ending)"
    return f"unknown services file type: {kind}", "use .yaml or .csv"


def service_doubts(path: Path) -> list[Problem]:
    """What loads but may be a mistake (a phone number with letters): warnings, with lines."""
    directory, doc = read_services(path)
    numbers: list[tuple[KeyPath, str | None]] = [
        (("emergency", i, "phone"), number.phone) for i, number in enumerate(directory.emergency)
    ]
    numbers += [(("services", i, "phone"), service.phone) for i, service in enumerate(directory.services)]
    links: list[tuple[KeyPath, str | None]] = [(("organisation", "website"), directory.organisation.website)]
    links += [(("services", i, "url"), service.url) for i, service in enumerate(directory.services)]
    doubts = []
    for loc, value, check in [
        *((loc, value, phone_doubt) for loc, value in numbers),
        *((loc, value, link_doubt) for loc, value in links),
    ]:
        doubt = check(value) if value else None
        if doubt:
            doubts.append(Problem(path, doc.line_of(loc), field_path(loc), doubt, warning=True))
    for loc, typed in _text_values(doc.data, ()):
        if "\n" in typed.strip():  # a spreadsheet cell's line break (Alt+Enter), or YAML's `|`
            doubts.append(
                Problem(
                    path,
                    doc.line_of(loc),
                    field_path(loc),
                    f"has line breaks, which print as spaces ('{' '.join(typed.split())[:60]}')",
                    "where the parts should read apart, put '; ' between them",
                    warning=True,
                )
            )
    return doubts


def _text_values(data: object, loc: KeyPath) -> list[tuple[KeyPath, str]]:
    """Every text value of a services file as read, before its spaces are folded, with its place."""
    if isinstance(data, str):
        return [(loc, data)]
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in _text_values(value, (*loc, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in _text_values(value, (*loc, index))]
    return []


def _resolve_logo(directory: ServiceDirectory, doc: SourceDocument) -> ServiceDirectory:
    logo = directory.organisation.logo
    if not logo:
        return directory
    line = doc.line_of(("organisation", "logo"))
    folder = doc.path.parent.resolve()
    logo_path = (folder / logo).resolve()
    if logo_path != folder and folder not in logo_path.parents:
        # A services file from elsewhere must not pull an arbitrary file of this machine into a PDF.
        raise ContentError.single(
            doc.path,
            line,
            "organisation.logo",
            f"'{logo}' is outside this services file's folder",
            "put the image next to the services file and give its name, like logo.png",
        )
    if logo_path.suffix.lower() not in LOGO_SUFFIXES:
        raise ContentError.single(doc.path, line, "organisation.logo", f"'{logo}' is not a PNG or JPEG image")
    if not logo_path.is_file():
        images = [p.name for p in logo_path.parent.iterdir() if p.suffix.lower() in LOGO_SUFFIXES]
        # 'Logo.PNG' for logo.png: found on Windows and macOS, not on Linux.
        same = next((name for name in images if name.lower() == logo_path.name.lower()), None)
        hint = (
            f"the file is named '{same}': write it exactly so"
            if same
            else did_you_mean(logo_path.name, images)
        )
        raise ContentError.single(
            doc.path, line, "organisation.logo", f"image '{logo}' not found next to this file", hint
        )
    problem = image_problem(logo_path)
    if problem:
        raise ContentError.single(doc.path, line, "organisation.logo", f"'{logo}' {problem}")
    organisation = directory.organisation.model_copy(update={"logo": str(logo_path)})
    return directory.model_copy(update={"organisation": organisation})


def _csv_document(path: Path) -> SourceDocument:
    text = read_text(path)
    declared = _SEP_LINE.match(text)
    # strict: a quotation mark never closed, or text after a closing one, is refused rather
    # than read as something else ('"Bring ID' would swallow the rows below it).
    delimiter = declared.group(1) if declared else _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = _rows(path, reader)  # the header row too: '"' alone is a quotation mark never closed
    if declared:
        next(rows, None)  # Excel's "sep=;" line names the delimiter; the header comes after it
    header_line = reader.line_num + 1
    first = next(rows, None)
    if first is None:
        raise ContentError.single(path, header_line, None, "the file is empty; expected a header row")
    typed = [h.strip() for h in first]
    header_problems = _header_problems(path, typed, header_line)
    problems = list(header_problems)
    # A column the header gets wrong is left out of every row, and the rows are still read:
    # one wrong column name does not hide the problems of the rows below it.
    wrong = {problem.field for problem in header_problems}  # a problem's field: the column as typed
    header = [_SKIPPED if h in wrong else h.lower() for h in typed]
    doc = SourceDocument(path=path, data=None)
    data: dict[str, Any] = {"emergency": [], "services": []}
    start = reader.line_num + 1
    for row in rows:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        cells = {
            header[i]: cell.strip()
            for i, cell in enumerate(row)
            if i < len(header) and header[i] and header[i] != _SKIPPED
        }
        headless = [i + 1 for i, cell in enumerate(row) if i < len(header) and not header[i] and cell.strip()]
        if headless:
            problems.append(
                Problem(
                    path,
                    line,
                    None,
                    f"has a value in column {headless[0]}, which has no name in the header row;"
                    " it would not be printed",
                    f"name the column (one of: {', '.join(CSV_COLUMNS)}) or empty the cell",
                )
            )
            continue
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            problems.append(
                Problem(path, line, None, f"has {len(row)} cells but the header has {len(header)}")
            )
            continue
        problems.extend(_formula_cells(path, line, cells))
        run_on = _run_on_cells(path, line, cells)
        if run_on:
            problems.extend(run_on)
            continue
        _add_row(path, line, cells, data, doc, problems)
    if "locality" not in data:
        problems.append(
            Problem(path, None, "locality", "no row of type 'locality'", "add one: locality,<name>")
        )
    if "organisation" not in data:
        problems.append(
            Problem(
                path, None, "organisation", "no row of type 'organisation'", "add one: organisation,<name>"
            )
        )
    doc.data = data
    if problems:
        # What the rows read so far would fail too, located on their rows (not the fields
        # missing because a broken row was left out: those are said above).  Not after a
        # wrong column name: its cells were left out of every row, so each would be "missing".
        if not header_problems:
            try:
                validate(ServiceDirectory, doc, "a services file")
            except ContentError as invalid:
                problems += [p for p in invalid.problems if p.line is not None and p.line > header_line]
        raise ContentError(sorted(problems, key=lambda p: math.inf if p.line is None else p.line))
    return doc


def _rows(path: Path, reader: Any) -> Iterator[list[str]]:
    """The CSV reader's rows, its own errors (a cell over its size limit, a quotation mark never
    closed) located on the line where the row starts."""
    while True:
        first = reader.line_num + 1
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            unclosed = "unexpected end of data" in str(exc)
            message = "a quotation mark opened in this row is never closed" if unclosed else str(exc)
            raise ContentError.single(
                path, first, None, f"not readable as CSV: {message}", "check the quoting of this row"
            ) from None


# A line inside a quoted cell that starts like a row of its own: a quotation mark left open.
_ROW_START = re.compile(r"\s*(?:locality|organisation|emergency|service)\s*[,;\t]", re.IGNORECASE)


def _run_on_cells(path: Path, line: int, cells: dict[str, str]) -> list[Problem]:
    """A cell that runs over several lines is fine (notes in a spreadsheet); one that holds
    what reads as the next rows has swallowed them, and they would silently go missing."""
    problems = []
    for column, value in cells.items():
        swallowed = next((part for part in value.split("\n")[1:] if _ROW_START.match(part)), None)
        if swallowed is not None:
            problems.append(
                Problem(
                    path,
                    line,
                    column,
                    "a quoted cell that starts in this row runs on into what reads as another row"
                    f" ('{swallowed.strip()[:40]}')",
                    "close its quotation mark at the end of the cell",
                )
            )
    return problems


# The line Excel writes first when told to ("sep=;"): the delimiter, named.
_SEP_LINE = re.compile(r"sep=([,;\t|])\r?\n", re.IGNORECASE)


def _delimiter(text: str) -> str:
    """Spreadsheets export with ',' or, in many locales, ';' (or a tab): go by the header."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count)


_SKIPPED = "\0skipped"  # a header cell with a problem of its own: its column is not read


def _header_problems(path: Path, typed: list[str], line: int) -> list[Problem]:
    """The header row's columns (names in any case; named as typed in its problems, each
    problem's field the column's name as typed)."""
    problems = []
    header = [column.lower() for column in typed]
    for column, name in zip(header, typed, strict=True):
        if column and column not in CSV_COLUMNS:
            problems.append(
                Problem(path, line, name, f"unknown column '{name}'", did_you_mean_field(column, CSV_COLUMNS))
            )
    seen: dict[str, int] = {}
    for number, (column, name) in enumerate(zip(header, typed, strict=True), start=1):
        if column and column in seen:
            problems.append(
                Problem(
                    path,
                    line,
                    name,
                    f"column '{name}' appears twice (columns {seen[column]} and {number});"
                    " one would silently replace the other",
                    "keep one of them",
                )
            )
        seen.setdefault(column, number)
    if "name" not in header:
        problems.append(
            Problem(path, line, None, "missing column 'name'", f"columns: {', '.join(CSV_COLUMNS)}")
        )
    return problems


def _formula_cells(path: Path, line: int, cells: dict[str, str]) -> list[Problem]:
    # A cell like =HYPERLINK(...) is a spreadsheet formula, not text to print.
    return [
        Problem(
            path, line, column, f"looks like a spreadsheet formula ('{value[:30]}')", "type the text itself"
        )
        for column, value in cells.items()
        if value.startswith(("=", "@"))
    ]


def _add_row(
    path: Path,
    line: int,
    cells: dict[str, str],
    data: dict[str, Any],
    doc: SourceDocument,
    problems: list[Problem],
) -> None:
    row_type = cells.pop("type", "").lower() or "service"
    values = {k: v for k, v in cells.items() if v}
    printed = ROW_COLUMNS.get(row_type)  # an unknown row type is reported below
    unused = [column for column in values if printed is not None and column not in printed]
    for column in unused:
        # Printed nowhere: refused, so that no typed hour or address silently goes missing.
        used = ", ".join(ROW_COLUMNS[row_type])
        problems.append(
            Problem(
                path,
                line,
                column,
                f"{'an' if row_type[0] in 'aeiou' else 'a'} {row_type} row does not use '{column}'"
                f" (it uses {used});"
                f" '{values[column][:40]}' would not be printed",
                "move it to a service row, or empty the cell",
            )
        )
    if unused:
        return
    if row_type in ("locality", "organisation") and row_type in data:
        first = doc.lines.get((row_type,))
        problems.append(
            Problem(
                path,
                line,
                "type",
                f"a second '{row_type}' row (the first is on line {first}); one would replace the other",
                "keep one",
            )
        )
        return
    if row_type == "locality":
        data["locality"] = values.get("name", "")
        doc.lines[("locality",)] = line
    elif row_type == "organisation":
        data["organisation"] = {
            k: v
            for k, v in {
                "name": values.get("name"),
                "website": values.get("url"),
                "logo": values.get("logo"),
            }.items()
            if v
        }
        for key in ("", "name", "website", "logo"):
            doc.lines[("organisation", key) if key else ("organisation",)] = line
    elif row_type == "emergency":
        index = len(data["emergency"])
        data["emergency"].append({"label": values.get("name", ""), "phone": values.get("phone", "")})
        for key in ("", "label", "phone"):
            doc.lines[("emergency", index, key) if key else ("emergency", index)] = line
    elif row_type == "service":
        index = len(data["services"])
        service: dict[str, Any] = {k: v for k, v in values.items() if k in SERVICE_COLUMNS}
        if "kinds" in service:
            # ';' or ',' between kinds (no kind holds either): a file exported with ';' between
            # cells has ',' in them, and people write lists with commas.
            service["kinds"] = [k.strip() for k in re.split("[;,]", service["kinds"]) if k.strip()]
        data["services"].append(service)
        doc.lines[("services", index)] = line
        for key in (*SERVICE_COLUMNS, "logo"):
            doc.lines[("services", index, key)] = line
        if "logo" in values:
            problems.append(Problem(path, line, "logo", "only the organisation row can have a logo"))
    else:
        problems.append(
            Problem(path, line, "type", f"unknown row type '{row_type}'", did_you_mean(row_type, ROW_TYPES))
        )
