"""What a leaflet says, in one language: every string final, ready to compose."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hrleaflet.content.models import ServiceDirectory
from hrleaflet.i18n.placeholders import fill


@dataclass(frozen=True)
class LocalisedTip:
    number: int
    id: str
    headline: str
    body: str
    priority: int
    icon: str | None


@dataclass(frozen=True)
class LocaleInfo:
    """What composition needs to know about a language, from CLDR (and its language file)."""

    code: str  # e.g. "fr" or "pt_BR"
    name: str  # the language's own name for itself
    rtl: bool = False
    keep_whole: tuple[str, ...] = ()  # words a line never breaks inside, from the language file

    @property
    def bcp47(self) -> str:
        return self.code.replace("_", "-")


@dataclass(frozen=True)
class LocalisedLeaflet:
    set_id: str
    locale: LocaleInfo
    title: str
    subtitle: str
    intro: str
    attribution: str
    source_url: str
    sources_text: str  # "Publisher (year); ..." as written in the tip set: names are not translated
    status: str  # "draft" or "reviewed"
    date_text: str  # the review date (reviewed) or the last update (draft), the language's way
    reviewed_by: str | None
    tips: tuple[LocalisedTip, ...]
    services: ServiceDirectory
    words: dict[str, str] = field(repr=False)  # UI message context -> final text
    kind_words: dict[str, str] = field(repr=False)
    # (context, reason) of strings printed in English for want of a usable translation
    gaps: tuple[tuple[str, str], ...] = ()
    # The language file the translated strings come from, and each one's line there, by
    # context: a string that cannot be printed is named where the translator can mend it.
    translation: Path | None = None
    translated_lines: dict[str, int | None] = field(default_factory=dict, repr=False)

    def word(self, context: str, **values: str) -> str:
        return fill(self.words[context], **values)

    def review_line(self, date: str) -> str:
        """'Reviewed <date> by <reviewer>', or that the content is a draft (with `date` in local digits)."""
        if self.status == "reviewed" and self.reviewed_by:
            return self.word("leaflet/reviewed", date=date, reviewer=self.reviewed_by)
        return self.word("leaflet/draft-set", date=date)

    @property
    def partly_english(self) -> bool:
        return bool(self.gaps)
