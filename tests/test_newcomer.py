"""What a new user hit first: file modes, a manifest's mistakes, the icons sheet, a hostile logo."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrleaflet.batch import plan, run
from hrleaflet.cli import app
from hrleaflet.paths import guidance_dir, translations_dir

from .conftest import YAML_EXAMPLE

runner = CliRunner()


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture(params=[(0o022, 0o644), (0o007, 0o660)], ids=["umask022", "umask007"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    """Run a test under a umask; gives the mode a plain open() would create files with."""
    mask, expected = request.param
    previous = os.umask(mask)
    try:
        yield expected
    finally:
        os.umask(previous)


def test_every_output_gets_the_mode_the_umask_gives(umask: int, tmp_path: Path) -> None:
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "localities:\n  - name: Testville\n    services: testville.yaml\n"
        "    sets: [opioids]\n    modes: [bw]\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = run(plan(manifest, guidance_dir(), translations_dir()), out, workers=1, force=False)
    assert not report.failed, report.failed
    starter = runner.invoke(app, ["init", str(tmp_path / "town")])
    assert starter.exit_code == 0, starter.output
    icons = runner.invoke(app, ["icons", "--out", str(tmp_path / "icons.pdf")])
    assert icons.exit_code == 0, icons.output

    written = [
        out / "testville" / "opioids-en-a4-bw.pdf",
        out / "index.html",
        out / "previews" / "testville" / "opioids-en-a4-bw.png",
        out / ".hrleaflet-inputs.json",
        tmp_path / "town" / "services.yaml",
        tmp_path / "icons.pdf",
    ]
    assert {p.name: oct(_mode(p)) for p in written} == {p.name: oct(umask) for p in written}
