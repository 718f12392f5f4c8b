"""The English tip sets say what the content review (November 2026) asks them to say.

One test per item of section A of `content-review.md`, the gaps of section B, the two new
sets (drug supply, overdose-response card) and the rules every set follows: person-first
words, real sources, draft status. Each test checks words in the text, so it fails when a
later edit drops the point, not only when a count changes.
"""

from __future__ import annotations

import re

import pytest

from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.content.models import Tip, TipSet
from hrleaflet.paths import guidance_dir

SETS = ("general", "opioids", "buying", "selling", "drug-supply", "overdose-response")


def _set(name: str) -> TipSet:
    return load_tip_set(guidance_dir() / f"{name}.yaml")


def _tip(set_name: str, tip_id: str) -> Tip:
    tips = {tip.id: tip for tip in _set(set_name).tips}
    assert tip_id in tips, f"{set_name} has no tip '{tip_id}' (has: {', '.join(tips)})"
    return tips[tip_id]


def _words(text: str) -> str:
    """Lower case, whitespace folded, so a line break in the YAML cannot hide a phrase."""
    return re.sub(r"\s+", " ", text).lower()


def _tip_text(set_name: str, tip_id: str) -> str:
    tip = _tip(set_name, tip_id)
    return _words(f"{tip.headline} {tip.body}")


def _set_text(tip_set: TipSet) -> str:
    parts = [tip_set.title, tip_set.subtitle, tip_set.intro, tip_set.audience, tip_set.source.attribution]
    parts += [tip_set.caution or ""]
    parts += [f"{tip.headline} {tip.body}" for tip in tip_set.tips]
    return _words(" ".join(parts))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.?!:;])\s+", text) if s.strip()]


def _has_all(text: str, *phrases: str) -> None:
    missing = [p for p in phrases if p not in text]
    assert not missing, f"missing {missing!r} in: {text}"


def test_the_shipped_sets_are_the_six_expected() -> None:
    assert sorted(available_sets(guidance_dir())) == sorted(SETS)


# ---- section A: wrong or risky as printed ----------------------------------------------


def test_a1_own_equipment_says_new_cooker_and_filter_and_sterile_water_every_time() -> None:
    body = _words(_tip("general", "own-equipment").body)
    assert "own water" not in body and "own water, cooker and filter" not in body
    (kit,) = [s for s in _sentences(body) if "cooker" in s]
    _has_all(kit, "new", "needle", "syringe", "cooker", "filter")
    assert "every time" in kit or "each time" in kit, kit
    _has_all(body, "sterile water", "boiled")


def test_a2_opioid_overdose_response_calls_gives_naloxone_both_ways_and_repeats() -> None:
    response = _tip_text("opioids", "overdose-response")
    _has_all(response, "call emergency services", "nostril", "outer thigh", "upper-arm", "clothes")
    _has_all(response, "another dose", "2 to 3 minutes", "until help arrives")
    assert "2 to 5 minutes" not in response
    # strong synthetic opioids can need several doses: carry more than one
    _has_all(_tip_text("opioids", "carry-naloxone"), "two doses", "nitazenes", "more than one")


def test_a2_opioids_give_rescue_breaths_when_not_breathing() -> None:
    breaths = _tip_text("opioids", "rescue-breaths")
    _has_all(
        breaths, "not breathing", "breath every 5 seconds", "chest compressions", "trained", "call-taker"
    )


def test_a2_recovery_position_only_when_breathing_and_stay_with_them() -> None:
    tip = _tip("opioids", "recovery-position")
    assert re.search(r"^breathing\?|\bif they (?:are breathing|breathe)\b", tip.headline.lower()), (
        tip.headline
    )
    assert _words(tip.body).startswith("only if they are breathing"), tip.body
    stay = _tip_text("opioids", "stay-with-them")
    _has_all(stay, "stop breathing again", "stay until help arrives")


def test_a3_test_strips_say_their_limits() -> None:
    tip = _tip("buying", "test-strips")
    text = _words(f"{tip.headline} {tip.body}")
    assert "where fentanyl is a risk" not in text
    _has_all(text, "fentanyl can be in any drug", "control line", "dilute", "false positive")
    _has_all(text, "methamphetamine", "mdma", "nitazenes", "xylazine", "medetomidine")
    assert "does not mean safe" in text or "is not safe" in text, text


def test_a4_supply_break_is_unambiguous_about_ost() -> None:
    body = _words(_tip("general", "supply-break").body)
    assert "otherwise" not in body
    _has_all(
        body, "opioid substitution treatment (ost)", "if you cannot get ost in time, prepare for withdrawal"
    )


def test_a5_general_take_home_doses_are_locked_away() -> None:
    _has_all(_tip_text("general", "ost-take-home"), "take-home doses locked away", "children")


def test_a6_no_mixing_names_the_other_sedatives_and_what_to_do_if_mixing() -> None:
    text = _tip_text("opioids", "no-mixing")
    _has_all(text, "alcohol", "benzodiazepines", "pregabalin", "gabapentin", "sleeping pills")
    _has_all(text, "if you do mix", "much less", "one drug at a time", "do not use alone")


@pytest.mark.parametrize("set_name", ["general", "opioids"])
def test_a7_not_alone_means_someone_on_the_line_while_you_use(set_name: str) -> None:
    text = _tip_text(set_name, "not-alone")
    assert "a few minutes after" not in text, text
    _has_all(text, "stay on the phone", "video call", "while you use", "exact address", "overdose-response")


def test_a8_selling_carries_a_caution_about_the_death_penalty() -> None:
    caution = _set("selling").caution
    assert caution, "selling.yaml needs a caution"
    _has_all(_words(caution), "death penalty", "check the law", "decide knowingly")
    for name in SETS:
        if name != "selling":
            assert _set(name).caution is None, f"{name} has a caution meant for the selling set"


# ---- section B: gaps against the originals ------------------------------------------------


def test_b_opioids_fill_the_gaps() -> None:
    tip_set = _set("opioids")
    text = _set_text(tip_set)
    _has_all(text, "check on each other", "chop the powder finely", "sniff slowly")
    _has_all(text, "opioid substitution treatment (ost)", "prison", "detox", "hospital")
    _has_all(text, "fentanyl", "nitazenes", "the law gives some protection to people who call for help")
    first_ost = min(i for i, t in enumerate(tip_set.tips) if "OST" in f"{t.headline} {t.body}")
    assert "opioid substitution treatment (OST)" in tip_set.tips[first_ost].body


def test_b_general_fills_the_gaps() -> None:
    _has_all(
        _tip_text("general", "vaccines-and-tests"),
        "hepatitis a and b",
        "flu",
        "covid-19",
        "hiv",
        "hepatitis c",
    )
    _has_all(_tip_text("general", "phone-if-unwell"), "covid-19", "withdrawal")
    _has_all(_tip_text("general", "close-contact"), "sex work")


def test_b_selling_fills_the_gaps() -> None:
    _has_all(_tip_text("selling", "check-your-supply"), "drug-checking", "test strip")
    _has_all(
        _tip_text("selling", "no-unknown-cuts"), "unknown", "benzodiazepine", "naloxone does not reverse"
    )


# ---- item 6: titles say what each set is now; COVID-19 is named in the introduction ------


@pytest.mark.parametrize("set_name", ["general", "opioids", "buying", "selling"])
def test_titles_do_not_lead_with_covid_and_the_intro_names_it(set_name: str) -> None:
    tip_set = _set(set_name)
    assert "covid" not in tip_set.title.lower(), tip_set.title
    assert "COVID-19" in tip_set.intro, tip_set.intro


# ---- the new sets ----------------------------------------------------------------------------


def test_drug_supply_names_the_new_substances_and_how_to_check() -> None:
    tip_set = _set("drug-supply")
    assert 8 <= len(tip_set.tips) <= 12
    text = _set_text(tip_set)
    _has_all(text, "nitazenes", "xylazine", "medetomidine", "drug-checking", "drug checking")
    _has_all(_tip_text("drug-supply", "nitazenes"), "several doses")
    _has_all(_tip_text("drug-supply", "sedatives"), "naloxone does not reverse", "still give naloxone")
    _has_all(_tip_text("drug-supply", "breathing-first"), "rescue breaths")
    _has_all(_tip_text("drug-supply", "xylazine-wounds"), "moist", "covered", "care")
    _has_all(_tip_text("drug-supply", "medetomidine-withdrawal"), "dangerous", "medical help")
    strips = _tip_text("drug-supply", "test-strips")
    _has_all(strips, "fentanyl", "xylazine", "nitazenes", "dilute", "false positive", "control line")
    assert "does not mean safe" in strips
    _has_all(_tip_text("drug-supply", "take-turns"), "one person", "alert")
    _has_all(_tip_text("drug-supply", "start-low"), "small amount", "wait")
    _has_all(_tip_text("drug-supply", "carry-several-doses"), "at least two doses")


STEPS = (
    "check-signs",
    "call-emergency",
    "naloxone-nasal",
    "naloxone-injection",
    "rescue-breaths",
    "another-dose",
    "recovery-position",
    "stay-with-them",
)


def test_overdose_card_is_eight_essential_steps_in_order_with_step_pictures() -> None:
    tip_set = _set("overdose-response")
    assert tuple(tip.id for tip in tip_set.tips) == STEPS
    assert all(tip.priority == 1 for tip in tip_set.tips)
    icons = {tip.icon for tip in tip_set.tips}
    assert {"naloxone-nasal", "naloxone-injection", "rescue-breath", "recovery-position"} <= icons
    assert len(tip_set.intro) <= 150
    for tip in tip_set.tips:
        assert len(tip.headline) <= 35, tip.headline
        assert len(tip.body) <= 150, tip.body
        assert not tip.headline[0].isdigit(), tip.headline  # the leaflet numbers the steps


def test_overdose_card_says_what_each_step_needs() -> None:
    _has_all(_tip_text("overdose-response", "check-signs"), "shout", "breathing")
    _has_all(_tip_text("overdose-response", "call-emergency"), "address", "not breathing", "not responding")
    _has_all(_tip_text("overdose-response", "naloxone-nasal"), "one nostril", "one spray")
    _has_all(_tip_text("overdose-response", "naloxone-injection"), "outer thigh", "upper arm", "clothes")
    _has_all(
        _tip_text("overdose-response", "rescue-breaths"),
        "not breathing",
        "tilt the head",
        "lift the chin",
        "every 5 seconds",
        "chest compressions",
    )
    _has_all(
        _tip_text("overdose-response", "another-dose"), "2 to 3 minutes", "another dose", "until help arrives"
    )
    assert _words(_tip("overdose-response", "recovery-position").body).startswith(
        "only if they are breathing"
    )
    _has_all(_tip_text("overdose-response", "stay-with-them"), "wears off", "stay until help arrives")


# ---- every set ---------------------------------------------------------------------------------

_STIGMA = (
    re.compile(r"\baddicts?\b"),
    re.compile(r"\babusers?\b"),
    re.compile(r"\bjunkies?\b"),
    # clean/dirty of people ("stay clean", "clean users") or of equipment (say new/sterile/used)
    re.compile(r"\b(?:be|being|stay|staying|get|getting|got|are|is|am|keep yourself)\s+(?:clean|dirty)\b"),
    re.compile(
        r"\b(?:clean|dirty)\s+(?:people|person|users?|friends?|customers?"
        r"|needles?|syringes?|equipment|kit|works|gear)\b"
    ),
)
_EVASION = (
    "hide ",
    "hiding",
    "disguise",
    "cover story",
    "excuse for the police",
    "avoid arrest",
    "avoid the police",
)


@pytest.mark.parametrize("set_name", SETS)
def test_no_stigmatising_words_and_no_police_evasion(set_name: str) -> None:
    text = _set_text(_set(set_name))
    for pattern in _STIGMA:
        assert not pattern.search(text), f"{set_name}: '{pattern.search(text).group(0)}'"  # type: ignore[union-attr]
    for phrase in _EVASION:
        assert phrase not in text, f"{set_name}: '{phrase}'"


@pytest.mark.parametrize("set_name", SETS)
def test_every_set_lists_real_sources_and_is_a_draft(set_name: str) -> None:
    tip_set = _set(set_name)
    assert 1 <= len(tip_set.sources) <= 8
    for source in tip_set.sources:
        assert source.url.startswith("https://"), source.url
        assert source.title.strip() and source.publisher.strip()
    assert tip_set.source.url.startswith("https://")
    assert tip_set.status == "draft"
    assert tip_set.reviewed is None and tip_set.reviewed_by is None


@pytest.mark.parametrize("set_name", ["buying", "selling"])
def test_buying_and_selling_do_not_claim_to_be_adapted_from_unread_inpud_text(set_name: str) -> None:
    attribution = _words(_set(set_name).source.attribution)
    assert "adapted" not in attribution, attribution
    _has_all(attribution, "not taken from", "other 2020 public-health")
    assert "inpud.net" not in _set(set_name).source.url
