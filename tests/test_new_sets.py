"""The two sets added after the 2026 content review build in every format and shipped language,
fully translated, and the overdose-response card keeps every step on one A6 card, front and back."""

from __future__ import annotations

from pathlib import Path

import pytest

from hrleaflet.i18n.catalogs import language_files
from hrleaflet.paths import translations_dir
from hrleaflet.pipeline import BuildRequest, build, localise_all
from hrleaflet.render.formats import FORMATS

from .conftest import YAML_EXAMPLE, pdf_text, squash

LANGUAGES = ["en", *sorted(language_files(translations_dir()))]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_overdose_card_keeps_every_step_front_and_back(code: str, tmp_path: Path) -> None:
    request = BuildRequest(
        sets=("overdose-response",),
        services=YAML_EXAMPLE,
        out=tmp_path,
        languages=(code,),
        formats=("card",),
        modes=("bw",),
    )
    (leaflet,), _ = localise_all(request)
    assert not leaflet.partly_english, leaflet.gaps
    (card,) = build(request)
    assert card.pages == 2, f"{code}: the card runs to {card.pages} pages"
    assert card.left_out_tips == (), f"{code}: steps left out: {card.left_out_tips}"
    text = squash(pdf_text(card.path))
    for number, tip in enumerate(leaflet.tips, start=1):
        assert squash(tip.headline) in text and squash(tip.body) in text, (code, number, tip.id)


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_new_sets_are_translated_without_english_fallback(code: str, tmp_path: Path) -> None:
    """Fully translated in every language.  That they build in every format, on one sheet,
    with every overdose step kept, `test_layout_audit` checks on the leaflets it composes."""
    request = BuildRequest(
        sets=("drug-supply", "overdose-response"),
        services=YAML_EXAMPLE,
        out=tmp_path,
        languages=(code,),
        formats=tuple(FORMATS),
        modes=("bw",),
    )
    leaflets, _ = localise_all(request)
    assert len(leaflets) == 2
    assert all(not leaflet.partly_english for leaflet in leaflets), [x.gaps for x in leaflets]
