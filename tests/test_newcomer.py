"""What a new user hit first: file modes, a manifest's mistakes, the icons sheet, a hostile logo."""

from __future__ import annotations

import io
import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from hrleaflet.batch import plan
from hrleaflet.cli import app
from hrleaflet.content.images import PNG_SIGNATURE, declared_size
from hrleaflet.content.services import load_services
from hrleaflet.errors import ContentError
from hrleaflet.i18n.languages import available_locales
from hrleaflet.paths import guidance_dir, translations_dir

from .conftest import CSV_EXAMPLE, YAML_EXAMPLE, colour_spread, run_manifest

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
    report = run_manifest(manifest, out)
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


MISTAKES = """\
defaults:
  sets: [opioids]
  languages:
    - en
    - haw
  modes: [bw]
localities:
  - name: Testville
    services: testville.yaml
    sets: [opiods]
  - name: Riverside
    services: riverside.csv
    formats: [a4, crad]
    mode: [bw]
  - name: Testville!
    services: testvile.yaml
    modes: [colur]
"""


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_a_manifest_lists_every_mistake_in_one_run(tmp_path: Path) -> None:
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    shutil.copy(CSV_EXAMPLE, tmp_path / "riverside.csv")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(MISTAKES, encoding="utf-8")

    result = runner.invoke(app, ["batch", str(manifest), "--out", str(tmp_path / "out")])

    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    where = f"{manifest}:"
    expected = [
        f"{where}{_line(MISTAKES, '- haw')}: defaults.languages: no language file for 'haw'",
        f"{where}{_line(MISTAKES, 'opiods')}: localities[1].sets: unknown tip set 'opiods'"
        " — did you mean 'opioids'?",
        f"{where}{_line(MISTAKES, 'crad')}: localities[2].formats: unknown format 'crad'"
        " — did you mean 'card'?",
        f"{where}{_line(MISTAKES, 'mode:')}: localities[2].mode: unknown field 'mode'"
        " — did you mean 'modes'?",
        f"{where}{_line(MISTAKES, 'Testville!')}: localities[3].name: 'Testville!' gives the same folder"
        " 'testville' as 'Testville'",
        f"{where}{_line(MISTAKES, 'testvile')}: localities[3].services: testvile.yaml: file not found in"
        f" {tmp_path.resolve()} — did you mean 'testville.yaml'?",
        f"{where}{_line(MISTAKES, 'colur')}: localities[3].modes: unknown mode 'colur'"
        " — did you mean 'colour'?",
    ]
    lines = result.stderr.removeprefix("Error: ").splitlines()
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(start), f"{line!r} does not start with {start!r}"
    assert result.stderr.count("'haw'") == 1, "a mistake in defaults is reported once, not per locality"
    assert not (tmp_path / "out").exists(), "nothing is built from a manifest with mistakes"


def test_a_missing_services_file_is_not_pointed_at_the_manifest(tmp_path: Path) -> None:
    """The manifest is a YAML file beside the services files, and its name may be the closest
    to a mistyped one; it is never a services file, so it is never the hint."""
    manifest = tmp_path / "testville-network.yaml"
    manifest.write_text(
        "localities:\n  - {name: Testville, services: testville-networks.yaml}\n", encoding="utf-8"
    )
    with pytest.raises(ContentError) as excinfo:
        plan(manifest, guidance_dir(), translations_dir())
    (problem,) = excinfo.value.problems
    assert "testville-networks.yaml: file not found" in str(problem)
    assert problem.hint is None
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville-services.yaml")
    with pytest.raises(ContentError) as excinfo:
        plan(manifest, guidance_dir(), translations_dir())
    assert excinfo.value.problems[0].hint == "did you mean 'testville-services.yaml'?"


def test_a_broken_locality_does_not_hide_the_next_ones_mistakes(tmp_path: Path) -> None:
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "localities:\n  - just a name\n  - name: Testville\n    languages: [en, frr]\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as excinfo:
        plan(manifest, guidance_dir(), translations_dir())
    problems = [str(p).removeprefix(f"{manifest}:") for p in excinfo.value.problems]
    assert problems[0].startswith("2: localities[1]: expected a locality (a set of 'name: value' fields)")
    assert problems[1:] == [
        "3: localities[2].services: required field missing",
        "4: localities[2].languages: no language file for 'frr'; available: "
        + ", ".join(available_locales(translations_dir()))
        + " — did you mean 'fr'?",
    ]


def _icons(*args: str) -> list[str]:
    result = runner.invoke(app, ["icons", *args])
    assert result.exit_code == 0, result.output
    return [line.removeprefix("wrote ") for line in result.stdout.splitlines()]


def test_icons_into_a_folder_writes_named_pdfs_and_both_modes_gives_two(tmp_path: Path) -> None:
    assert _icons("--mode", "both", "--out", str(tmp_path)) == [
        str(tmp_path / "icons-colour.pdf"),
        str(tmp_path / "icons-bw.pdf"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["icons-bw.pdf", "icons-colour.pdf"]
    for path in tmp_path.iterdir():
        assert len(pypdf.PdfReader(path).pages) == 1
    assert colour_spread(tmp_path / "icons-bw.pdf") == 0, "the black-and-white sheet has colour"
    assert colour_spread(tmp_path / "icons-colour.pdf") > 50, "the colour sheet is in colour"


def test_icons_to_a_name_without_suffix_gets_pdf(tmp_path: Path) -> None:
    assert _icons("--mode", "bw", "-o", str(tmp_path / "sheet")) == [str(tmp_path / "sheet.pdf")]
    assert _icons("--mode", "both", "-o", str(tmp_path / "all")) == [
        str(tmp_path / "all-colour.pdf"),
        str(tmp_path / "all-bw.pdf"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all-bw.pdf", "all-colour.pdf", "sheet.pdf"]
    assert colour_spread(tmp_path / "sheet.pdf") == 0


def _png_bomb(path: Path, width: int = 20_000, height: int = 20_000) -> None:
    """A real decompression bomb: a black 1-bit PNG of a few kilobytes that decodes to
    `width` x `height` pixels (400 million by default, over Pillow's own hard limit)."""
    packer = zlib.compressobj(9)
    row = b"\0" * (1 + (width + 7) // 8)  # filter byte, then the pixels of one row
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    path.write_bytes(PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def _services_with_logo(folder: Path, logo: str) -> tuple[Path, int]:
    """The example services file with `logo`; returns it and the line of `organisation.logo`."""
    text = YAML_EXAMPLE.read_text(encoding="utf-8").replace("  website:", f"  logo: {logo}\n  website:", 1)
    path = folder / "services.yaml"
    path.write_text(text, encoding="utf-8")
    return path, _line(text, f"logo: {logo}")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_decompression_bomb_logo_is_a_located_error(command: str, tmp_path: Path) -> None:
    _png_bomb(tmp_path / "bomb.png")
    assert (tmp_path / "bomb.png").stat().st_size < 100_000
    services, line = _services_with_logo(tmp_path, "bomb.png")
    args = ["check"]
    if command == "build":
        args = ["build", "opioids", "--mode", "bw", "-o", str(tmp_path / "out")]

    result = runner.invoke(app, [*args, "--services", str(services)])

    assert result.exit_code == 1, result.output
    assert "internal error" not in result.output
    assert (
        f"{services}:{line}: organisation.logo: 'bomb.png' is 20000 x 20000 pixels;"
        " at most 25,000,000 pixels allowed" in result.stderr
    )


def test_a_jpeg_that_claims_a_huge_size_is_refused_before_decoding(tmp_path: Path) -> None:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (16, 8)).save(buffer, format="JPEG")
    data = buffer.getvalue()
    frame = data.index(b"\xff\xc0")  # baseline frame header: length, precision, height, width
    patched = data[: frame + 5] + struct.pack(">HH", 60_000, 50_000) + data[frame + 9 :]
    (tmp_path / "logo.jpg").write_bytes(patched)
    assert declared_size(tmp_path / "logo.jpg") == (50_000, 60_000)
    services, line = _services_with_logo(tmp_path, "logo.jpg")
    with pytest.raises(ContentError) as excinfo:
        load_services(services)
    assert str(excinfo.value).startswith(
        f"{services}:{line}: organisation.logo: 'logo.jpg' is 50000 x 60000 pixels;"
    )


def test_a_damaged_logo_is_found_at_load_with_its_line(tmp_path: Path) -> None:
    from PIL import Image

    Image.effect_noise((300, 300), 60).save(tmp_path / "logo.png")
    whole = (tmp_path / "logo.png").read_bytes()
    (tmp_path / "logo.png").write_bytes(whole[: len(whole) // 2])  # cut short, header intact
    services, line = _services_with_logo(tmp_path, "logo.png")

    result = runner.invoke(app, ["check", "--services", str(services)])

    assert result.exit_code == 1, result.output
    assert f"{services}:{line}: organisation.logo: 'logo.png' cannot be decoded" in result.stderr


def test_rendering_refuses_a_logo_that_became_a_bomb_after_loading(tmp_path: Path) -> None:
    from hrleaflet.render import logo

    _png_bomb(tmp_path / "logo.png")
    with pytest.raises(ContentError) as excinfo:
        logo.load(str(tmp_path / "logo.png"), grey=False, height=30)
    assert str(excinfo.value).startswith(f"{tmp_path / 'logo.png'}: logo: 'logo.png' is 20000 x 20000 pixels")
