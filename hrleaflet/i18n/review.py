"""`translations status` and `translations check`: how complete and how sound each file is."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from dataclasses import dataclass
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Message
from babel.messages.plurals import get_plural

from hrleaflet.errors import Problem, TranslationError
from hrleaflet.i18n import keep_whole
from hrleaflet.i18n.catalogs import (
    REVIEW_HEADER,
    REVIEW_STATES,
    HeaderCatalog,
    build_template,
    language_files,
    read_catalog,
)
from hrleaflet.i18n.languages import locale_info
from hrleaflet.i18n.placeholders import msgstr_problem
from hrleaflet.i18n.template import english_limit

_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+);?\s*$")


@dataclass(frozen=True)
class LanguageStatus:
    locale: str
    name: str
    translated: int
    fuzzy: int
    untranslated: int
    review: str
    revised: str

    @property
    def total(self) -> int:
        return self.translated + self.fuzzy + self.untranslated

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 0.0


def _count(catalog: HeaderCatalog, template: HeaderCatalog) -> tuple[int, int, int]:
    translated = fuzzy = untranslated = 0
    for wanted in template:
        if not wanted.id or wanted.context == keep_whole.CONTEXT:  # optional: most languages need none
            continue
        message = catalog.get(wanted.id, context=wanted.context)
        if message is None or not message.string:
            untranslated += 1
        elif message.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return translated, fuzzy, untranslated


def status(guidance: Path, translations: Path) -> list[LanguageStatus]:
    """One row per language file, counted against the current English (not the file's own idea of it)."""
    template = build_template(guidance)
    rows = []
    for code, path in language_files(translations).items():
        catalog = read_catalog(path)
        translated, fuzzy, untranslated = _count(catalog, template)
        date = catalog.revision_date
        revised = date.strftime("%Y-%m-%d") if isinstance(date, dt.datetime) else "never"
        rows.append(
            LanguageStatus(
                code, locale_info(code).name, translated, fuzzy, untranslated, catalog.review_status, revised
            )
        )
    return rows


def check(guidance: Path, translations: Path) -> list[Problem]:
    """What `msgfmt --check` catches, plus missing, fuzzy and outdated required strings."""
    template = build_template(guidance)
    problems: list[Problem] = []
    for code, path in language_files(translations).items():
        try:
            catalog = read_catalog(path)
        except TranslationError as exc:
            problems.append(Problem(None, None, None, str(exc)))
            continue
        problems.extend(_header_problems(code, path, catalog))
        problems.extend(Problem(path, bad.line, bad.context, bad.reason) for bad in catalog.bad_escapes)
        problems.extend(_entry_problems(path, catalog, template))
        problems.extend(keep_whole.problems(path, catalog))
    return problems


def _header_line(path: Path, name: str) -> int | None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith(f'"{name}:'):
            return number
    return None


def _header_problems(code: str, path: Path, catalog: HeaderCatalog) -> list[Problem]:
    problems = []
    language = str(catalog.locale) if catalog.locale else None
    if language != code:
        problems.append(
            Problem(
                path,
                _header_line(path, "Language"),
                "Language",
                f"header says '{language}', file name says '{code}'",
            )
        )
    problems.extend(_plural_forms_problems(code, path, catalog))
    review = catalog.review_status
    if review not in REVIEW_STATES:
        problems.append(
            Problem(
                path,
                _header_line(path, REVIEW_HEADER),
                REVIEW_HEADER,
                f"is '{review}'; expected one of: {', '.join(REVIEW_STATES)}",
            )
        )
    return problems


def _plural_forms_problems(code: str, path: Path, catalog: HeaderCatalog) -> list[Problem]:
    """A Plural-Forms header must be what gettext can evaluate; nothing more is required of it.

    The header only chooses among `msgstr[N]` forms, so a catalog with no plural entries (ours
    have none) cannot be wrong by it.  Where there are plural entries, a count of forms that
    differs from the installed CLDR data is a warning only: that data changes between Babel
    releases, and gettext itself accepts any valid expression.
    """
    raw = dict(catalog.mime_headers).get("Plural-Forms", "")
    line = _header_line(path, "Plural-Forms")
    match = _PLURAL_FORMS.match(raw)
    reason = _plural_expression_problem(int(match.group(1)), match.group(2)) if match else "not understood"
    if reason:
        expected = get_plural(Locale.parse(code)).plural_forms
        return [Problem(path, line, "Plural-Forms", f"'{raw}' is {reason}", f"for {code}: {expected}")]
    if not any(message.pluralizable for message in catalog if message.id):
        return []
    expected_plural = get_plural(Locale.parse(code))
    if catalog.num_plurals == expected_plural.num_plurals:
        return []
    return [
        Problem(
            path,
            line,
            "Plural-Forms",
            f"nplurals={catalog.num_plurals}, but Babel's CLDR data gives {code}"
            f" {expected_plural.num_plurals} forms; check the plural entries against the header",
            f"CLDR: {expected_plural.plural_forms}",
            warning=True,
        )
    ]


def _plural_expression_problem(count: int, expression: str) -> str | None:
    """Why gettext could not use `plural=expression` with `count` forms, or None."""
    if count < 1:
        return "not usable: nplurals must be at least 1"
    try:
        choose = gettext.c2py(expression)  # the standard library's parser for this C subset
    except (ValueError, RecursionError):
        return "not a valid plural expression"
    for n in range(1000):
        try:
            index = choose(n)
        except ZeroDivisionError:
            return f"not usable: it divides by zero for n={n}"
        if not 0 <= index < count:
            return f"not usable: for n={n} it chooses form {index}, but nplurals={count}"
    return None


def _entry_problems(path: Path, catalog: HeaderCatalog, template: HeaderCatalog) -> list[Problem]:
    problems = []
    for wanted in template:
        if not wanted.id:
            continue
        message = catalog.get(wanted.id, context=wanted.context)
        optional = wanted.context == keep_whole.CONTEXT  # absent or empty: no words kept whole
        if optional and (message is None or not message.string):
            continue
        if message is None:
            problems.append(
                Problem(
                    path, None, wanted.context, "missing or outdated: run 'hrleaflet translations update'"
                )
            )
            continue
        line = message.lineno
        if not message.string:
            problems.append(Problem(path, line, wanted.context, "not translated"))
        elif message.fuzzy:
            problems.append(
                Problem(path, line, wanted.context, "fuzzy: check the translation against the new English")
            )
        else:
            problem = msgstr_problem(str(message.id), message.string, one_line=not optional)
            if problem:
                problems.append(Problem(path, line, wanted.context, problem))
            problems.extend(_length_warning(path, message))
    return problems


# Some languages need more words than English, so a longer translation is only a warning; far
# longer is more likely a mistake, and it crowds the small formats.
TOO_LONG = 2  # times the English limit


def _length_warning(path: Path, message: Message) -> list[Problem]:
    limit = english_limit(str(message.context))
    length = len(message.string) if isinstance(message.string, str) else 0
    if limit is None or length <= TOO_LONG * limit:
        return []
    return [
        Problem(
            path,
            message.lineno,
            message.context,
            f"the translation is {length} characters long, more than twice the English limit of {limit}"
            f" (this English is {len(str(message.id))})",
            "a long string crowds the small formats, which then leave out tips or services:"
            " shorten it if your language allows",
            warning=True,
        )
    ]
