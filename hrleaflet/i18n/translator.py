"""Look strings up in a language file by context, telling stale and missing text apart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from hrleaflet.content.source import cached_by_file
from hrleaflet.i18n import keep_whole
from hrleaflet.i18n.catalogs import HeaderCatalog, read_catalog
from hrleaflet.i18n.languages import SOURCE_LOCALE, locale_info
from hrleaflet.i18n.leaflet import LocaleInfo
from hrleaflet.i18n.placeholders import msgstr_problem

# Why a string could not be used, as a reader of an error message needs to hear it.
GAP_REASONS = {
    "missing": "not translated",
    "fuzzy": "marked fuzzy (the English changed): check the translation and remove the fuzzy mark",
    "stale": "the English changed since this file was updated: run 'hrleaflet translations update'",
}


class EnglishTranslator:
    """The source language: every string is printed as written."""

    path: Path | None = None
    review_status = "source"

    def __init__(self) -> None:
        self.locale = locale_info(SOURCE_LOCALE)

    def lookup(self, context: str, english: str) -> tuple[str | None, str]:
        return english, "ok"

    def line_of(self, context: str) -> int | None:
        return None


# Leaflets only read catalogs, so a worker reads each language file once until it changes.
_read_for_printing = cached_by_file(read_catalog)


class CatalogTranslator:
    """One language file, read with Babel."""

    def __init__(self, path: Path, catalog: HeaderCatalog, locale: LocaleInfo) -> None:
        self.path: Path | None = path
        self.catalog = catalog
        self.locale = replace(locale, keep_whole=keep_whole.terms(catalog))
        self._lines = {m.context: m.lineno for m in catalog if m.id}
        self._contexts = set(self._lines)
        # A msgstr gettext would read otherwise (or refuse): printed as Babel reads it, it is
        # not what the translator's tools show.
        misread = [bad for bad in catalog.bad_escapes if bad.keyword.startswith("msgstr")]
        self._misread = {bad.context: bad.reason for bad in reversed(misread)}  # the first of each

    @classmethod
    def load(cls, path: Path, code: str) -> CatalogTranslator:
        return cls(path, _read_for_printing(path), locale_info(code))

    @property
    def review_status(self) -> str:
        return self.catalog.review_status

    def lookup(self, context: str, english: str) -> tuple[str | None, str]:
        """(text, 'ok') or (None, 'missing' | 'fuzzy' | 'stale' | why it cannot be printed)."""
        message = self.catalog.get(english, context=context)
        if message is None:
            return None, ("stale" if context in self._contexts else "missing")
        if not message.string or not "".join(message.string).strip():
            return None, "missing"
        if message.fuzzy:
            return None, "fuzzy"
        problem = self._misread.get(context) or msgstr_problem(english, message.string)
        if problem:
            return None, problem
        return str(message.string), "ok"

    def line_of(self, context: str) -> int | None:
        return self._lines.get(context)
