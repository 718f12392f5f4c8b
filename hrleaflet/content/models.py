"""The immutable models every later stage works from.

Field limits are part of the contract with translators and layouts: a headline
must fit one or two lines on a pocket card, a body a few lines.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from hrleaflet.content.text import IsoDate, Link, Phone, Priority, Slug, Text, Year
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
    reviewed: IsoDate
    tips: Annotated[tuple[Tip, ...], Field(min_length=8, max_length=14)]


# ---- local services -------------------------------------------------------


class Organisation(_Model):
    name: Annotated[Text, _limit(100)]
    website: Link | None = None
    logo: Annotated[Text, _limit(300)] | None = None


class EmergencyNumber(_Model):
    label: Annotated[Text, _limit(60)]
    phone: Annotated[Phone, _limit(40)]


class Service(_Model):
    name: Annotated[Text, _limit(100)]
    kinds: Annotated[tuple[ServiceKind, ...], Field(min_length=1, max_length=10)]
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
