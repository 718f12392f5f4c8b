"""Network-scale builds from a manifest: checked whole, parallel, incremental, reproducible."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from hrleaflet.batch import plan, slug
from hrleaflet.cli import app
from hrleaflet.errors import ContentError
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.render.formats import MM
from hrleaflet.review_page import Review

from .conftest import (
    CSV_EXAMPLE,
    YAML_EXAMPLE,
    built_names,
    hrleaflet_process,
    manifest_beside_testville,
    run_manifest,
)

runner = CliRunner()


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    shutil.copy(CSV_EXAMPLE, tmp_path / "riverside.csv")
    path = tmp_path / "network.yaml"
    path.write_text(
        textwrap.dedent(
            """
            defaults:
              sets: [opioids]
              languages: [en]
              modes: [bw]
              formats: [a4]
            localities:
              - name: Testville
                services: testville.yaml
                languages: [en, fr]
              - name: Riverside (example)
                services: riverside.csv
            """
        ),
        encoding="utf-8",
    )
    return path


def _run(manifest: Path, out: Path, force: bool = False) -> object:
    return run_manifest(manifest, out, workers=2, force=force)


def test_batch_builds_then_rebuilds_only_what_changed(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _run(manifest, out)
    names = sorted(str(p.relative_to(out)) for p in first.built)  # type: ignore[attr-defined]
    assert names == [
        "riverside-example/opioids-en-a4-bw.pdf",
        "testville/opioids-en-a4-bw.pdf",
        "testville/opioids-fr-a4-bw.pdf",
    ]
    assert not first.failed  # type: ignore[attr-defined]
    before = {p: p.read_bytes() for p in first.built}  # type: ignore[attr-defined]

    index = (out / "index.html").read_text(encoding="utf-8")
    assert index.count("<tr><td>") == 3
    assert 'href="testville/opioids-fr-a4-bw.pdf"' in index
    assert (out / "previews" / "testville" / "opioids-fr-a4-bw.png").is_file()

    second = _run(manifest, out)
    assert second.built == [] and len(second.unchanged) == 3  # type: ignore[attr-defined]

    services = manifest.parent / "riverside.csv"
    services.write_text(
        services.read_text(encoding="utf-8").replace("Riverside Peer Helpline", "River Line"), "utf-8"
    )
    third = _run(manifest, out)
    assert [p.parent.name for p in third.built] == ["riverside-example"]  # type: ignore[attr-defined]

    forced = _run(manifest, out, force=True)
    assert len(forced.built) == 3  # type: ignore[attr-defined]
    for path, data in before.items():
        if path.parent.name == "testville":
            assert path.read_bytes() == data, "same inputs, byte-identical PDF"


def test_manifest_problems_are_reported_all_at_once(manifest: Path) -> None:
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("riverside.csv", "missing.csv").replace("[en, fr]", "[en, haw]"), "utf-8"
    )
    with pytest.raises(Exception) as excinfo:
        plan(manifest, guidance_dir(), translations_dir())
    message = str(excinfo.value)
    assert "missing.csv: file not found" in message
    assert "no language file for 'haw'" in message
    assert isinstance(excinfo.value, ContentError)


def test_locality_names_cannot_escape_the_output_folder() -> None:
    assert slug("../../etc") == "etc"
    assert slug("/abs/path") == "abs-path"
    assert slug("CON") == "con-place"
    assert slug("Кара-Балта").startswith("locality-")
    assert slug("São Paulo") == "sao-paulo"


def test_cli_batch_prints_a_summary(manifest: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(manifest), "--out", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert "built" in result.stdout and "unchanged" in result.stdout


def test_one_failing_leaflet_does_not_stop_the_others(manifest: Path, tmp_path: Path) -> None:
    broken = manifest.parent / "riverside.csv"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace("Riverside Peer Helpline", "\u13a0 Helpline"), "utf-8"
    )
    result = runner.invoke(app, ["batch", str(manifest), "--out", str(tmp_path / "out"), "--jobs", "2"])
    assert result.exit_code == 1
    assert "failed: riverside-example/opioids-en" in result.stderr
    assert "U+13A0 CHEROKEE LETTER A" in result.stderr
    assert (tmp_path / "out" / "testville" / "opioids-fr-a4-bw.pdf").is_file()


def test_previews_show_the_leaflet_in_its_own_colours(tmp_path: Path) -> None:
    from PIL import Image

    from hrleaflet.pipeline import BuildRequest, build
    from hrleaflet.review_page import PREVIEW_WIDTH, preview_path, write_preview

    built = build(
        BuildRequest(sets=("opioids",), services=YAML_EXAMPLE, out=tmp_path, modes=("bw", "colour"))
    )
    for leaflet in built:
        write_preview(tmp_path, leaflet.path)
        with Image.open(preview_path(tmp_path, leaflet.path)) as image:
            image.load()
            assert image.width == PREVIEW_WIDTH
            colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
            grey = all(red == green == blue for _, (red, green, blue) in colours)
            # A black-and-white leaflet's preview is a greyscale PNG (half the file); a colour
            # leaflet's keeps its colours.
            assert (image.mode == "L") == grey == leaflet.path.name.endswith("-bw.pdf"), leaflet.path


def test_a_first_run_makes_each_font_once_for_every_worker(tmp_path: Path) -> None:
    """Hindi's bold is an instance of a variable font, made on first use and kept: the batch
    makes it before its workers start, so they do not each make it (and say so)."""
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults: {sets: [general, opioids], languages: [hi], modes: [bw], formats: [a4]}\n"
        "localities:\n"
        "  - {name: Testville, services: testville.yaml}\n"
        "  - {name: Town, services: testville.yaml}\n",
        encoding="utf-8",
    )
    arguments = ["batch", str(manifest), "-o", str(tmp_path / "out"), "-j", "2"]
    done = hrleaflet_process(arguments, tmp_path, tmp_path / "cache")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("Making a bold NotoSansDevanagari font") == 1, done.stderr
    assert len(list((tmp_path / "out").rglob("*.pdf"))) == 4


def test_localities_sharing_their_services_get_the_same_files_made_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same services (one file, or a copy under another name) and logo: the files are made once
    and copied. A changed phone number or another logo picture is made on its own."""
    from PIL import Image

    from hrleaflet import batch

    text = YAML_EXAMPLE.read_text(encoding="utf-8").replace(
        "organisation:\n", "organisation:\n  logo: logo.png\n", 1
    )
    for folder, services, colour in [
        ("a", text, "red"),
        ("b", text, "red"),  # a copy in another folder, under another name: the same bytes
        ("c", text.replace("+44 1632 960110", "+44 1632 960999"), "red"),
        ("d", text, "blue"),  # the same services text, another picture as logo.png
    ]:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / f"{folder}-services.yaml").write_text(services, encoding="utf-8")
        Image.new("RGB", (60, 30), colour).save(tmp_path / folder / "logo.png")
    localities = [("A", "a"), ("B", "a"), ("C", "b"), ("D", "c"), ("E", "d")]
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults: {sets: [opioids], languages: [en], modes: [bw], formats: [a4, text]}\nlocalities:\n"
        + "".join(f"  - {{name: {name}, services: {f}/{f}-services.yaml}}\n" for name, f in localities),
        encoding="utf-8",
    )
    jobs = plan(manifest, guidance_dir(), translations_dir())
    made: list[str] = []
    run_job = batch.run_job

    def counted(job: batch.Job, out: Path) -> dict[Path, Review]:
        made.append(job.locality)
        return run_job(job, out)

    monkeypatch.setattr(batch, "run_job", counted)

    out = tmp_path / "out"
    results = batch.run_jobs(jobs, out)
    assert made == ["A", "D", "E"], "B and C are copies of A"
    assert all(isinstance(result, dict) and len(result) == 2 for result in results), results

    def files(locality: str) -> tuple[bytes, bytes, bytes]:
        folder = out / slug(locality)
        preview = out / "previews" / slug(locality) / "opioids-en-a4-bw.png"
        pdf, txt = folder / "opioids-en-a4-bw.pdf", folder / "opioids-en.txt"
        return pdf.read_bytes(), txt.read_bytes(), preview.read_bytes()

    assert files("A") == files("B") == files("C")
    assert files("D")[0] != files("A")[0] and files("E")[0] != files("A")[0]
    assert b"+44 1632 960999" in files("D")[1] and b"+44 1632 960999" not in files("A")[1]
    assert files("E")[1] == files("A")[1], "the logo is not in the text file; it is in the PDF"


def test_a_shared_leaflet_that_fails_is_reported_for_every_locality_with_its_own_file(
    tmp_path: Path,
) -> None:
    broken = YAML_EXAMPLE.read_text(encoding="utf-8").replace("Testville OST Clinic", "\u13a0 Clinic")
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text(broken, encoding="utf-8")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults: {sets: [opioids], languages: [en], modes: [bw], formats: [a4]}\nlocalities:\n"
        "  - {name: One, services: one.yaml}\n  - {name: Two, services: two.yaml}\n",
        encoding="utf-8",
    )
    report = run_manifest(manifest, tmp_path / "out")
    assert [leaflet for leaflet, _ in report.failed] == ["one/opioids-en", "two/opioids-en"]
    for (_, message), name in zip(report.failed, ("one.yaml", "two.yaml"), strict=True):
        assert "U+13A0 CHEROKEE LETTER A" in message
        assert name in message, message


def test_on_many_cores_localities_sharing_their_services_stay_in_one_task(tmp_path: Path) -> None:
    """Tasks are small on many cores (two a worker), but jobs that make the same files go to one
    worker together, which makes them once: six towns on one services file, six on their own."""
    from hrleaflet.batch import _tasks, same_files

    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    lines = [
        "defaults: {sets: [opioids, buying], languages: [en], modes: [bw], formats: [a4]}",
        "localities:",
    ]
    for n in range(6):
        (tmp_path / f"own-{n}.yaml").write_text(text.replace("Testville", f"Town {n}"), "utf-8")
        (tmp_path / f"copy-{n}.yaml").write_text(text, "utf-8")  # the same bytes under six names
        lines += [
            f"  - {{name: Own {n}, services: own-{n}.yaml}}",
            f"  - {{name: Copy {n}, services: copy-{n}.yaml}}",
        ]
    manifest = tmp_path / "network.yaml"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    jobs = plan(manifest, guidance_dir(), translations_dir())
    tasks = _tasks([(job, "") for job in jobs], workers=16)
    assert sorted(job.locality for task in tasks for job, _ in task) == sorted(job.locality for job in jobs)
    for task in tasks:
        assert len({(job.set_id, job.language) for job, _ in task}) == 1
    shared = [task for task in tasks if task[0][0].locality.startswith("Copy")]
    assert [len(task) for task in shared] == [6, 6], "one task a set for the six copies"
    assert all(len({same_files(job) for job, _ in task}) == 1 for task in shared)
    own = [task for task in tasks if task[0][0].locality.startswith("Own")]
    assert all(len(task) == 1 for task in own), "the others as small as before: 24 jobs, 16 workers"


def test_a_manifest_says_how_its_leaflets_are_printed(tmp_path: Path) -> None:
    """`sheet`, `marks` and `bleed`, as build's options, in `defaults` or a locality (its own
    replace the defaults'), sheet and marks in any case; the sheet takes a locality's a5 and
    card leaflets, its other formats are made as usual; a changed bleed rebuilds the leaflets it
    changes."""
    text = """\
        defaults:
          sets: [overdose-response]
          modes: [bw]
          formats: [a4, card]
          sheet: A4
          bleed: 3mm
        localities:
          - name: Testville
            services: testville.yaml
          - name: Print Shop
            services: testville.yaml
            formats: [a4]
            marks: True
            bleed: 0.5cm
        """
    manifest = manifest_beside_testville(tmp_path, text)
    out = tmp_path / "out"
    built = built_names(run_manifest(manifest, out), out)
    assert built == [
        "print-shop/overdose-response-en-a4-bw.pdf",
        "testville/overdose-response-en-a4-bw.pdf",
        "testville/overdose-response-en-card-on-a4-bw.pdf",
    ]

    def trim(name: str) -> float:
        return float(pypdf.PdfReader(out / name).pages[0].trimbox.left) / MM

    assert trim("testville/overdose-response-en-a4-bw.pdf") == pytest.approx(3.0)
    assert trim("testville/overdose-response-en-card-on-a4-bw.pdf") == pytest.approx(0.0)  # cut marks only
    assert trim("print-shop/overdose-response-en-a4-bw.pdf") > 5.0  # the bleed and room for crop marks
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "<td>card on a4</td>" in page and "addresses, hours and notes (a card shows" in page
    manifest_beside_testville(tmp_path, text.replace("bleed: 3mm", "bleed: 2mm"))
    again = run_manifest(manifest, out)
    assert (
        sorted(str(path.relative_to(out)) for path in again.built) == built[1:]
    )  # the print shop's is its own
    assert trim("testville/overdose-response-en-a4-bw.pdf") == pytest.approx(2.0)


def test_the_manifest_build_and_the_renderer_name_the_same_sheets() -> None:
    """A manifest's `sheet`, build's --sheet and the sheets the renderer places copies on are
    three spellings of one list: a sheet added to one and not the others would be refused
    in a manifest, or fail only when a leaflet is placed."""
    from typing import get_args

    from hrleaflet.batch import SheetChoice
    from hrleaflet.cli.main import SheetName
    from hrleaflet.render.formats import SHEETS

    assert set(get_args(SheetChoice)) == {sheet.value for sheet in SheetName} == set(SHEETS)


def test_a_manifests_print_mistakes_are_named_at_their_lines(tmp_path: Path) -> None:
    """Every print mistake at once, each at its line: a wrong sheet no longer hides a wrong bleed
    beside it, nor a locality's missing name its print options; `marks` is true or false."""
    manifest = manifest_beside_testville(
        tmp_path,
        """\
            defaults:
              sheet: a3
              modes: [both]
            localities:
              - name: Testville
                services: testville.yaml
                bleed: 3cm
                sheet: A3
              - name: Folded
                services: testville.yaml
                formats: [trifold-a4]
                sheet: letter
              - services: testville.yaml
                marks: yes please
            """,
    )
    with pytest.raises(ContentError) as excinfo:
        plan(manifest, guidance_dir(), translations_dir())
    assert [str(problem) for problem in excinfo.value.problems] == [
        f"{manifest}:2: defaults.sheet: 'a3' is not one of: a4, letter",
        f"{manifest}:7: localities[1].bleed: 30 mm is more than 20 mm; print shops usually ask for 3 mm",
        f"{manifest}:8: localities[1].sheet: 'A3' is not one of: a4, letter",
        f"{manifest}:12: localities[2].sheet: places copies of a5 and card leaflets on an office sheet;"
        " this locality's formats (trifold-a4) have neither — add card or a5 to its formats, or leave the"
        " sheet out",
        f"{manifest}:13: localities[3].name: required field missing",
        f"{manifest}:14: localities[3].marks: 'yes please' is not one of: true, false",
    ]
