"""Merge a tip set and a services file into one LocalisedLeaflet for a locale."""

from __future__ import annotations

from typing import Protocol

from hrleaflet.content.models import ServiceDirectory, TipSet
from hrleaflet.i18n.leaflet import LocaleInfo, LocalisedLeaflet, LocalisedTip
from hrleaflet.i18n.messages import KIND_WORDS, LEAFLET_WORDS


class Translator(Protocol):
    """Looks up the final text for one context; English is the identity."""

    locale: LocaleInfo

    def text(self, context: str, english: str) -> str: ...

    @property
    def fallback_contexts(self) -> tuple[str, ...]: ...


class EnglishTranslator:
    """The source language: every string is printed as written."""

    def __init__(self) -> None:
        self.locale = LocaleInfo(code="en", name="English")

    def text(self, context: str, english: str) -> str:
        return english

    @property
    def fallback_contexts(self) -> tuple[str, ...]:
        return ()


def set_messages(tip_set: TipSet) -> dict[str, str]:
    """Every translatable string of a tip set, by gettext context."""
    messages = {
        f"{tip_set.id}/title": tip_set.title,
        f"{tip_set.id}/subtitle": tip_set.subtitle,
        f"{tip_set.id}/intro": tip_set.intro,
        f"{tip_set.id}/attribution": tip_set.source.attribution,
    }
    for tip in tip_set.tips:
        messages[f"{tip_set.id}/{tip.id}/headline"] = tip.headline
        messages[f"{tip_set.id}/{tip.id}/body"] = tip.body
    return messages


def localise(tip_set: TipSet, services: ServiceDirectory, translator: Translator) -> LocalisedLeaflet:
    from babel.dates import format_date  # lazy: keeps CLI start-up fast

    t = translator.text
    sid = tip_set.id
    tips = tuple(
        LocalisedTip(
            number=n,
            id=tip.id,
            headline=t(f"{sid}/{tip.id}/headline", tip.headline),
            body=t(f"{sid}/{tip.id}/body", tip.body),
            priority=tip.priority,
            icon=tip.icon,
        )
        for n, tip in enumerate(tip_set.tips, start=1)
    )
    words = {ctx: t(ctx, english) for ctx, english in LEAFLET_WORDS.items()}
    kinds = {kind: t(f"kind/{kind}", english) for kind, english in KIND_WORDS.items()}
    return LocalisedLeaflet(
        set_id=sid,
        version=tip_set.version,
        locale=translator.locale,
        title=t(f"{sid}/title", tip_set.title),
        subtitle=t(f"{sid}/subtitle", tip_set.subtitle),
        intro=t(f"{sid}/intro", tip_set.intro),
        attribution=t(f"{sid}/attribution", tip_set.source.attribution),
        source_url=tip_set.source.url,
        reviewed=tip_set.reviewed,
        reviewed_text=format_date(tip_set.reviewed, format="long", locale=translator.locale.code),
        tips=tips,
        services=services,
        words=words,
        kind_words=kinds,
        fallback_contexts=translator.fallback_contexts,
    )
