"""The immutable models every later stage works from.

Field limits are part of the contract with translators and layouts: a headline
must fit one or two lines on a pocket card, a body a few lines.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from hrleaflet.content.text import IsoDate, Link, Phone, Priority, Slug, Text, Year
from hrleaflet.content.validate import in_any_case
from hrleaflet.content.vocabulary import IconName, ServiceKind


def _limit(max_length: int, min_length: int = 1) -> Any:
    return Field(min_length=min_length, max_length=max_length)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- tip sets -------------------------------------------------------------


class Source(_Model):
    """Where a tip set comes from; printed in every leaflet's footer."""

    attribution: Annotated[Text, _limit(300)]
    year: Year
    url: Link


class Publication(_Model):
    """One real source a tip set draws on (listed by `hrleaflet list --sources`, printed on paper)."""

    title: Annotated[Text, _limit(200)]
    publisher: Annotated[Text, _limit(120)]
    year: Year
    url: Link


# A set is `reviewed` only when a person (an organisation or a role, never an invented name)
# reviewed it on a date; everything else is a `draft`, and its leaflets say so.
ReviewStatus = Literal["draft", "reviewed"]


class Tip(_Model):
    id: Slug
    headline: Annotated[Text, _limit(60)]
    body: Annotated[Text, _limit(300)]
    priority: Priority
    icon: IconName | None = None


class TipSet(_Model):
    id: Slug
    version: Annotated[Text, _limit(20)]
    title: Annotated[Text, _limit(70)]
    subtitle: Annotated[Text, _limit(120)]
    intro: Annotated[Text, _limit(400)]
    audience: Annotated[Text, _limit(200)]
    source: Source
    sources: Annotated[tuple[Publication, ...], Field(min_length=1, max_length=8)]
    status: ReviewStatus
    updated: IsoDate  # the last edit of the content
    reviewed: IsoDate | None = None  # only with status: reviewed
    reviewed_by: Annotated[Text, _limit(120)] | None = None
    caution: Annotated[Text, _limit(300)] | None = None  # shown by `list` and at every build (not printed)
    tips: Annotated[tuple[Tip, ...], Field(min_length=8, max_length=14)]

    @property
    def review_summary(self) -> str:
        """'reviewed 2026-11-21 by <who>' or 'draft (updated 2026-11-27)', for people at a terminal."""
        if self.status == "reviewed" and self.reviewed:
            return f"reviewed {self.reviewed.isoformat()} by {self.reviewed_by}"
        return f"draft (updated {self.updated.isoformat()}), not yet reviewed"


# ---- local services -------------------------------------------------------


class Organisation(_Model):
    name: Annotated[Text, _limit(100)]
    website: Link | None = None
    logo: Annotated[Text, _limit(300)] | None = None


class EmergencyNumber(_Model):
    label: Annotated[Text, _limit(60)]
    phone: Annotated[Phone, _limit(40)]


def _each_once(kinds: tuple[str, ...]) -> tuple[str, ...]:
    """A kind given twice would print twice ("Naloxone · Naloxone")."""
    twice = next((kind for index, kind in enumerate(kinds) if kind in kinds[:index]), None)
    if twice is not None:
        raise ValueError(f"'{twice}' is listed twice; keep one")
    return kinds


# 'OST' is 'ost', as a CSV row's type and a column's name are read in any case.
ServiceKinds = Annotated[
    tuple[Annotated[ServiceKind, in_any_case(ServiceKind)], ...],
    Field(min_length=1, max_length=10),  # before the validator: the JSON schema's minItems, maxItems
    AfterValidator(_each_once),
]


class Service(_Model):
    name: Annotated[Text, _limit(100)]
    kinds: ServiceKinds
    address: Annotated[Text, _limit(200)] | None = None
    phone: Annotated[Phone, _limit(40)] | None = None
    hours: Annotated[Text, _limit(100)] | None = None
    url: Annotated[Link, _limit(200)] | None = None
    notes: Annotated[Text, _limit(200)] | None = None


class ServiceDirectory(_Model):
    locality: Annotated[Text, _limit(80)]
    organisation: Organisation
    emergency: Annotated[tuple[EmergencyNumber, ...], Field(min_length=1, max_length=4)]
    services: Annotated[tuple[Service, ...], Field(min_length=1, max_length=200)]
