"""Honest provenance: real sources, a review state that means a review happened, and cautions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrleaflet.cli import app
from hrleaflet.content.guidance import load_tip_set
from hrleaflet.errors import ContentError
from hrleaflet.paths import guidance_dir
from hrleaflet.pipeline import BuildRequest, build

from .conftest import YAML_EXAMPLE, pdf_text

runner = CliRunner()
_PROVENANCE_KEYS = ("sources", "status", "updated", "reviewed", "reviewed_by", "caution")

SOURCES = """\
sources:
  - title: "Harm Reduction Advice for Heroin/Opioid Users on Avoiding COVID19"
    publisher: "3D Research and INPUD"
    year: 2020
    url: "https://www.inpud.net/en/harm-reduction-advice-heroinopioid-users-avoiding-covid19"
  - title: "Naloxone frequently asked questions"
    publisher: "Bring Naloxone Home"
    year: 2024
    url: "https://bringnaloxonehome.org/faq/"
"""


def _with_provenance(folder: Path, provenance: str, name: str = "opioids") -> Path:
    """The shipped set `name` with its provenance keys replaced by `provenance` (top-level YAML)."""
    text = (guidance_dir() / f"{name}.yaml").read_text(encoding="utf-8")
    kept: list[str] = []
    skipping = False
    for line in text.splitlines():
        key = re.match(r"^([a-z_]+):", line)
        if key:
            skipping = key.group(1) in _PROVENANCE_KEYS
        if not skipping:
            kept.append(line)
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.yaml"
    path.write_text("\n".join(kept) + "\n" + SOURCES + provenance, encoding="utf-8")
    return path


def _footer_text(tmp_path: Path, guidance: Path, fmt: str = "a4") -> str:
    (built,) = build(
        BuildRequest(
            sets=("opioids",),
            services=YAML_EXAMPLE,
            out=tmp_path / "out",
            modes=("bw",),
            formats=(fmt,),
            guidance=guidance,
        )
    )
    return pdf_text(built.path)


def test_a_draft_set_says_so_on_the_leaflet_and_lists_its_sources(tmp_path: Path) -> None:
    guidance = tmp_path / "guidance"
    _with_provenance(guidance, "status: draft\nupdated: 2026-11-27\n")
    text = _footer_text(tmp_path, guidance)
    assert "Draft: not yet reviewed by a health worker or peer reviewer. Updated November 27, 2026." in text
    assert "Sources: 3D Research and INPUD (2020); Bring Naloxone Home (2024)" in text
    assert "Reviewed" not in text
    card = _footer_text(tmp_path, guidance, "card")
    assert "Draft: not yet reviewed" in card


def test_a_reviewed_set_names_who_reviewed_it_and_when(tmp_path: Path) -> None:
    guidance = tmp_path / "guidance"
    _with_provenance(
        guidance,
        "status: reviewed\nupdated: 2026-11-20\nreviewed: 2026-11-25\n"
        'reviewed_by: "Testville peer network health team"\n',
    )
    text = _footer_text(tmp_path, guidance)
    assert "Reviewed November 25, 2026 by Testville peer network health team" in text
    assert "Draft" not in text


@pytest.mark.parametrize(
    ("provenance", "line_key", "expected"),
    [
        ("status: reviewed\nupdated: 2026-11-20\n", "status", "reviewed: required when status is 'reviewed'"),
        (
            "status: draft\nupdated: 2026-11-20\nreviewed: 2026-11-25\n",
            "reviewed",
            "reviewed: is only for status 'reviewed'; this set is a draft",
        ),
        (
            'status: reviewed\nupdated: 2026-11-26\nreviewed: 2026-11-25\nreviewed_by: "Peer team"\n',
            "updated",
            "updated: the content changed after its review (2026-11-25) — set status: draft",
        ),
        (
            "status: checked\nupdated: 2026-11-20\n",
            "status",
            "status: 'checked' is not one of: draft, reviewed",
        ),
    ],
)
def test_a_review_state_that_does_not_hold_is_refused_at_its_line(
    tmp_path: Path, provenance: str, line_key: str, expected: str
) -> None:
    path = _with_provenance(tmp_path / "guidance", provenance)
    line = next(
        n for n, text in enumerate(path.read_text("utf-8").splitlines(), 1) if text.startswith(f"{line_key}:")
    )
    with pytest.raises(ContentError) as excinfo:
        load_tip_set(path)
    assert f"opioids.yaml:{line}: {expected}" in str(excinfo.value)


def test_a_set_needs_real_sources(tmp_path: Path) -> None:
    path = _with_provenance(tmp_path / "guidance", "status: draft\nupdated: 2026-11-20\n")
    path.write_text(path.read_text("utf-8").replace(SOURCES, "sources: []\n"), "utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_tip_set(path)
    assert "sources: has 0 entries; expected 1 to 8" in str(excinfo.value)


def test_list_shows_state_caution_and_sources_and_build_prints_the_caution(tmp_path: Path) -> None:
    guidance = tmp_path / "guidance"
    _with_provenance(
        guidance,
        'status: draft\nupdated: 2026-11-27\ncaution: "Selling drugs can carry the death penalty."\n',
    )
    listed = runner.invoke(app, ["list", "--sources", "--guidance", str(guidance)], env={"COLUMNS": "240"})
    assert listed.exit_code == 0, listed.output
    flat = " ".join(listed.output.split())
    assert "draft (updated 2026-11-27), not yet reviewed" in flat
    assert "Caution (opioids): Selling drugs can carry the death penalty." in flat
    assert "Bring Naloxone Home, 2024. https://bringnaloxonehome.org/faq/" in flat
    built = runner.invoke(
        app,
        ["build", "opioids", "-s", str(YAML_EXAMPLE), "--guidance", str(guidance), "-o", str(tmp_path / "o")],
    )
    assert built.exit_code == 0, built.output
    assert "caution (opioids): Selling drugs can carry the death penalty." in " ".join(built.stderr.split())


def test_the_shipped_selling_caution_is_shown_by_list_build_and_batch(tmp_path: Path) -> None:
    caution = load_tip_set(guidance_dir() / "selling.yaml").caution
    assert caution and "death penalty" in caution
    listed = runner.invoke(app, ["list"], env={"COLUMNS": "240"})
    assert "Caution (selling): " in " ".join(listed.output.split())
    built = runner.invoke(app, ["build", "selling", "-s", str(YAML_EXAMPLE), "-o", str(tmp_path / "b")])
    assert built.exit_code == 0 and "caution (selling): " in built.stderr
    (tmp_path / "testville.yaml").write_text(YAML_EXAMPLE.read_text("utf-8"), "utf-8")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults:\n  sets: [selling]\n  modes: [bw]\nlocalities:\n"
        "  - name: Testville\n    services: testville.yaml\n",
        "utf-8",
    )
    batch = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out"), "-j", "1"])
    assert batch.exit_code == 0, batch.output
    assert "Caution (selling): " in batch.stderr
