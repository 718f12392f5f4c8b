"""'Did you mean' hints for misspelt names, and the refusal of an option's unknown value."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from hrleaflet.errors import UsageError


def nearest(word: str, options: Iterable[str]) -> str | None:
    """The closest valid option to a misspelt word, or None when nothing is close."""
    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return matches[0] if matches else None


def did_you_mean(word: str, options: Iterable[str]) -> str | None:
    return _hint(nearest(word, options))


def check_choices(values: Iterable[str], allowed: Sequence[str], option: str, what: str) -> None:
    """Refuse the first value not allowed (`what`: "mode", "format"): "--mode: 'grey' is not a
    mode; choose from colour, bw, both", and the nearest choice where one is near."""
    for value in values:
        if value not in allowed:
            hint = did_you_mean(value, allowed) or did_you_mean(value.lower(), allowed)
            refused = f"{option}: '{value}' is not a {what}; choose from {', '.join(allowed)}"
            raise UsageError(f"{refused}; {hint}" if hint else refused)


def _hint(found: str | None) -> str | None:
    return f"did you mean '{found}'?" if found else None


# Words people use for a field that spelling alone cannot lead back to: a service's link is
# `url` while the organisation's is `website`, and spreadsheets say "telephone" or "category".
# Each group in order of preference: the first that is a field where the word was found.
_SAME_MEANING = (
    ("url", "website", "web", "link", "site", "homepage"),
    ("phone", "telephone", "tel", "phone_number", "number", "mobile"),
    ("hours", "opening_hours", "open", "opening", "times"),
    ("notes", "note", "description", "details", "info", "comment", "comments"),
    ("kinds", "kind", "type", "types", "category", "categories"),
    ("address", "location", "street", "addr"),
    ("name", "label", "title"),
)


# Words and abbreviations the field uses for a kind of service that spelling alone cannot lead
# back to ("NSP" is a needle and syringe programme, "OAT" opioid agonist treatment).
_SAME_KIND = (
    (
        "needle_syringe",
        "nsp",
        "nep",
        "ssp",
        "sep",
        "needles",
        "syringes",
        "needle_exchange",
        "syringe_exchange",
        "needle_and_syringe",
        "needle_and_syringe_programme",
        "needle_and_syringe_program",
    ),
    (
        "ost",
        "oat",
        "mat",
        "methadone",
        "buprenorphine",
        "suboxone",
        "substitution",
        "opioid_substitution",
        "opioid_substitution_treatment",
        "opioid_agonist_treatment",
        "opioid_substitution_therapy",
    ),
    ("naloxone", "narcan", "nyxoid", "prenoxad", "kloxxado"),
    ("testing", "hiv", "hcv", "hepatitis", "hiv_testing", "test", "tests", "tb"),
    ("drop_in", "dropin", "day_centre", "day_center", "drop_in_centre", "drop_in_center"),
    ("outreach", "street_outreach", "mobile", "van", "bus"),
    ("helpline", "hotline", "phone_line", "crisis_line", "telephone"),
    ("legal", "legal_aid", "legal_help", "lawyer", "lawyers", "rights"),
    ("mental_health", "counselling", "counseling", "psychology", "psychologist", "therapy"),
    ("housing_food", "housing", "food", "shelter", "meals", "food_bank"),
)


def did_you_mean_field(name: str, fields: Iterable[str]) -> str | None:
    """A hint for an unknown field or column: its nearest spelling among `fields`, else a
    field of the same meaning ('website' -> 'url')."""
    known = list(fields)
    return _hint(
        _same_but_case(name, known) or nearest(name, known) or _same_meaning(name, known, _SAME_MEANING)
    )


def did_you_mean_value(value: str, options: Iterable[str]) -> str | None:
    """A hint for a value not among `options` (a service kind): its nearest spelling, else an
    option of the same meaning ('NSP' -> 'needle-syringe', 'methadone' -> 'ost')."""
    known = list(options)
    return _hint(
        _same_but_case(value, known) or nearest(value, known) or _same_meaning(value, known, _SAME_KIND)
    )


def _same_but_case(word: str, known: list[str]) -> str | None:
    """The option `word` is but for case, spaces or hyphens ('OST', 'Drop in')."""
    return next((option for option in known if _key(option) == _key(word)), None)


def _same_meaning(word: str, known: list[str], groups: tuple[tuple[str, ...], ...]) -> str | None:
    """The first word, in the group's order of preference, of the group that holds `word`
    (compared without case, with spaces and hyphens as underscores) that is one of `known`."""
    key = _key(word)
    by_key = {_key(option): option for option in known}
    return next(
        (
            by_key[other]
            for group in groups
            if key in group
            for other in group
            if other in by_key and other != key
        ),
        None,
    )


def _key(word: str) -> str:
    return str(word).strip().lower().replace(" ", "_").replace("-", "_")
