"""An installed hrleaflet, used from a folder of one's own: it reads that folder's tip sets and
language files, writes only there, and never changes the installed package."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import YAML_EXAMPLE, pdf_text

SCRIPT = Path(sys.executable).with_name("hrleaflet")


def _installed_package(cwd: Path) -> Path:
    """The package the `hrleaflet` command imports, or skip when it is not a real (non-editable) install."""
    code = "import hrleaflet, pathlib; print(pathlib.Path(hrleaflet.__file__).parent)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=cwd)
    if result.returncode != 0 or not SCRIPT.exists():
        pytest.skip("hrleaflet is not installed in this environment")
    package = Path(result.stdout.strip())
    if not (package / "_shipped").is_dir():
        pytest.skip(
            "hrleaflet is installed editable (from this checkout); CI installs it with 'pip install .'"
        )
    return package


def _snapshot(folder: Path) -> dict[str, str]:
    """Every file in the installed package with a hash of its bytes (bytecode caches aside)."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _run(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, cwd=cwd, env=env)


def test_an_installed_copy_is_never_written_and_a_project_folder_is_used(tmp_path: Path) -> None:
    package = _installed_package(tmp_path)
    before = _snapshot(package)
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(YAML_EXAMPLE, project / "services.yaml")

    # A translator starts a language where they stand: the files go to ./translations.
    started = _run(project, "translations", "init", "ha")
    assert started.returncode == 0, started.stderr
    assert (project / "translations" / "ha.po").is_file()
    assert (project / "translations" / "fr.po").is_file(), "the shipped languages stay available"
    assert "wrote translations/ha.po" in started.stdout
    assert _run(project, "translations", "update").returncode == 0
    assert _run(project, "translations", "extract").returncode == 0

    # Reading commands use ./translations, and say so; the new language is found there.
    built = _run(project, "build", "general", "--lang", "ha", "-s", "services.yaml", "--allow-fallback")
    assert built.returncode == 0, built.stderr
    assert "Using the language files in translations/ (this folder)" in built.stderr
    assert (project / "general-ha-a4-colour.pdf").is_file()

    # A network edits its own copy of a tip set: the leaflet follows the edit.
    (project / "guidance").mkdir()
    text = (package / "_shipped" / "guidance" / "general.yaml").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    (project / "guidance" / "general.yaml").write_text(
        text.replace(title, 'title: "Riverside edition"', 1), encoding="utf-8"
    )
    edited = _run(project, "build", "general", "-s", "services.yaml", "--mode", "bw")
    assert edited.returncode == 0, edited.stderr
    assert "Riverside edition" in pdf_text(project / "general-en-a4-bw.pdf")

    # check names files as the person would type them, and which ones are theirs.
    checked = _run(project, "check", "-s", "services.yaml")
    assert "ok guidance/general.yaml (" in checked.stdout
    assert "ok services.yaml (" in checked.stdout
    assert str(project) not in checked.stdout + checked.stderr

    # Writing into the installed package is refused, with the way out.
    shipped = package / "_shipped" / "translations"
    refused = _run(tmp_path, "translations", "init", "xh", "--translations", str(shipped))
    assert refused.returncode == 2
    assert "will not write into the installed hrleaflet package" in refused.stderr
    assert "--translations DIR" in refused.stderr
    elsewhere = _run(tmp_path, "translations", "update")
    assert elsewhere.returncode == 2 and "no translations/ folder here" in elsewhere.stderr

    assert _snapshot(package) == before, "the installed package changed"


def test_a_missing_language_says_where_it_looked(tmp_path: Path) -> None:
    _installed_package(tmp_path)
    shutil.copy(YAML_EXAMPLE, tmp_path / "services.yaml")
    result = _run(tmp_path, "build", "general", "--lang", "ha", "-s", "services.yaml")
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "no language file for 'ha'" in message
    assert "looked in the shipped language files" in message
    assert "hrleaflet translations init ha" in message and "--translations DIR" in message
