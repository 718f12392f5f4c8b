"""Merge a tip set and a services file into one LocalisedLeaflet for a locale."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from hrleaflet.content.models import ServiceDirectory, TipSet
from hrleaflet.i18n.languages import long_date
from hrleaflet.i18n.leaflet import LocaleInfo, LocalisedLeaflet, LocalisedTip
from hrleaflet.i18n.messages import KIND_WORDS, LEAFLET_WORDS, tip_set_strings


class Translator(Protocol):
    """Finds the final text of one string; None when it cannot be used (and why)."""

    locale: LocaleInfo
    path: Path | None

    @property
    def review_status(self) -> str: ...

    def lookup(self, context: str, english: str) -> tuple[str | None, str]: ...

    def line_of(self, context: str) -> int | None: ...


def localise(tip_set: TipSet, services: ServiceDirectory, translator: Translator) -> LocalisedLeaflet:
    """Every string final; strings that cannot be translated fall back to English and are listed."""
    gaps: dict[str, str] = {}
    translated: dict[str, int | None] = {}

    def t(context: str, english: str) -> str:
        text, state = translator.lookup(context, english)
        if text is None:
            gaps[context] = state
            return english
        if translator.path is not None:
            translated[context] = translator.line_of(context)
        return text

    sid = tip_set.id
    text = {context: t(context, english) for context, english, _ in tip_set_strings(tip_set)}
    tips = tuple(
        LocalisedTip(
            number=n,
            id=tip.id,
            headline=text[f"{sid}/{tip.id}/headline"],
            body=text[f"{sid}/{tip.id}/body"],
            priority=tip.priority,
            icon=tip.icon,
        )
        for n, tip in enumerate(tip_set.tips, start=1)
    )
    words = {ctx: t(ctx, english) for ctx, english in LEAFLET_WORDS.items()}
    kinds = {kind: t(f"kind/{kind}", english) for kind, english in KIND_WORDS.items()}
    return LocalisedLeaflet(
        set_id=sid,
        locale=translator.locale,
        title=text[f"{sid}/title"],
        subtitle=text[f"{sid}/subtitle"],
        intro=text[f"{sid}/intro"],
        attribution=text[f"{sid}/attribution"],
        source_url=tip_set.source.url,
        sources_text="; ".join(f"{source.publisher} ({source.year})" for source in tip_set.sources),
        status=tip_set.status,
        date_text=long_date(
            tip_set.reviewed if tip_set.status == "reviewed" and tip_set.reviewed else tip_set.updated,
            translator.locale.code,
        ),
        reviewed_by=tip_set.reviewed_by,
        tips=tips,
        services=services,
        words=words,
        kind_words=kinds,
        gaps=tuple(gaps.items()),
        translation=translator.path,
        translated_lines=translated,
    )
