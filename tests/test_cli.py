"""The command line, end to end through Typer's runner: exact user-facing text and exit codes."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest
from typer.testing import CliRunner

from hrleaflet import __version__
from hrleaflet.batch import plan
from hrleaflet.cli import app
from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.paths import guidance_dir, translations_dir

from .conftest import CSV_EXAMPLE, ROOT, YAML_EXAMPLE, pdf_text, run_python

runner = CliRunner()


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"hrleaflet {__version__}"


@pytest.mark.parametrize("command", ["build", "list", "check", "init"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert f"Example: hrleaflet {command}" in result.stdout


def test_build_both_modes_writes_two_leaflets_per_set(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["build", "all", "--services", str(YAML_EXAMPLE), "--mode", "both", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in tmp_path.glob("*.pdf"))
    sets = available_sets(guidance_dir())
    assert written == sorted(f"{s}-en-a4-{m}.pdf" for s in sets for m in ("colour", "bw"))
    assert result.stdout.count("wrote ") == 2 * len(sets)
    assert f"{2 * len(sets)} leaflets written." in result.stdout
    assert not list(tmp_path.glob("*.part")), "no temporary files left behind"


def test_build_from_csv_on_letter_paper(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build",
            "opioids",
            "-s",
            str(CSV_EXAMPLE),
            "--mode",
            "bw",
            "--paper",
            "letter",
            "-o",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "opioids-en-letter-bw.pdf").is_file()


def test_unknown_set_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "opiods", "-s", str(YAML_EXAMPLE), "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "Error: unknown tip set 'opiods'" in result.stderr
    assert "did you mean 'opioids'?" in result.stderr
    assert "Traceback" not in result.output


def test_wrong_option_value_is_exit_code_2() -> None:
    result = runner.invoke(app, ["build", "all", "-s", str(YAML_EXAMPLE), "--mode", "sepia"])
    assert result.exit_code == 2


def test_broken_services_file_names_file_line_and_field(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        YAML_EXAMPLE.read_text(encoding="utf-8").replace("    phone: ", "    phnoe: ", 1), encoding="utf-8"
    )
    line = next(
        n for n, text in enumerate(broken.read_text(encoding="utf-8").splitlines(), 1) if "phnoe" in text
    )
    result = runner.invoke(app, ["build", "all", "-s", str(broken), "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"{broken}:{line}: emergency[1].phnoe: unknown field 'phnoe' — did you mean 'phone'?" in (
        result.stderr
    )
    assert not (tmp_path / "out").exists(), "nothing is written when the input is broken"


def test_check_passes_on_shipped_content_and_examples() -> None:
    result = runner.invoke(app, ["check", "-s", str(YAML_EXAMPLE), "-s", str(CSV_EXAMPLE)])
    assert result.exit_code == 0, result.output
    assert "Everything checked is valid." in result.stdout
    tips = len(load_tip_set(guidance_dir() / "general.yaml").tips)
    assert f"guidance/general.yaml (shipped, {tips} tips)" in result.stdout


def _doubtful_network(folder: Path, phone: str, manifest: str) -> Path:
    """network.yaml (`manifest`) beside testville.yaml and doubtful.yaml, the example with one
    service's phone number as `phone`."""
    shutil.copy(YAML_EXAMPLE, folder / "testville.yaml")
    text = YAML_EXAMPLE.read_text(encoding="utf-8").replace('"+44 1632 960110"', f'"{phone}"')
    (folder / "doubtful.yaml").write_text(text, encoding="utf-8")
    (folder / "network.yaml").write_text(manifest, encoding="utf-8")
    return folder / "network.yaml"


def test_check_takes_services_files_and_manifests_as_arguments(tmp_path: Path) -> None:
    """`hrleaflet check FILE`: a services file is checked as one, a batch manifest with every
    services file it names (their doubts once each), and a mistake in either is an error."""
    manifest = _doubtful_network(
        tmp_path,
        "+44 1632 960110 free",
        "defaults: {sets: [opioids], languages: [en, ar], modes: [bw], formats: [a4, card]}\nlocalities:\n"
        "  - {name: North, services: testville.yaml}\n  - {name: South, services: doubtful.yaml}\n",
    )
    result = runner.invoke(app, ["check", str(manifest), str(CSV_EXAMPLE)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert "network.yaml (2 localities, 8 leaflets)" in result.stdout
    assert "riverside.csv (7 services)" in result.stdout
    assert result.stderr.count("doubtful.yaml:") == 1 and "contains letters" in result.stderr

    manifest.write_text(manifest.read_text(encoding="utf-8").replace("doubtful.yaml", "doubtfull.yaml"))
    result = runner.invoke(app, ["check", str(manifest)])
    assert result.exit_code == 1
    assert f"{manifest}:4: localities[2].services: doubtfull.yaml: file not found" in result.stderr.replace(
        "\n", " "
    )


def test_batch_warns_as_build_does_once_a_file(tmp_path: Path) -> None:
    """A phone number `check` and `build` warn about was built by `batch` without a word."""
    manifest = _doubtful_network(
        tmp_path,
        "1-800-NALOXONE",
        "defaults: {sets: [overdose-response], modes: [bw], formats: [card]}\n"
        "localities:\n  - {name: One, services: doubtful.yaml}\n  - {name: Two, services: doubtful.yaml}\n",
    )
    result = runner.invoke(app, ["batch", str(manifest), "-o", str(tmp_path / "out")], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "'1-800-NALOXONE' spells part of its number in letters" in warnings[0]


def test_batch_names_a_broken_services_file_as_check_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`batch` named the file by its absolute path, where `check` and `build` name it as typed."""
    network = tmp_path / "network"
    network.mkdir()
    text = YAML_EXAMPLE.read_text(encoding="utf-8").replace('phone: "112"', "phone:", 1)
    (network / "town.yaml").write_text(text, encoding="utf-8")
    (network / "network.yaml").write_text(
        "defaults: {sets: [general], modes: [bw], formats: [a4]}\nlocalities:\n"
        "  - {name: Town, services: town.yaml}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    checked = runner.invoke(app, ["check", "network/town.yaml"], env={"COLUMNS": "300"})
    batched = runner.invoke(app, ["batch", "network/network.yaml", "-o", "out"], env={"COLUMNS": "300"})
    assert checked.exit_code == batched.exit_code == 1
    (problem,) = [line for line in checked.stderr.splitlines() if "phone" in line]
    assert problem.startswith("network/town.yaml:")
    assert batched.stderr.splitlines()[0] == f"Error: {problem}"


def test_repeated_choices_count_once_and_an_empty_language_is_refused(tmp_path: Path) -> None:
    """`-f card -f card` wrote the card twice and counted it twice; `--tips a,a` printed the tip
    twice; `-l ''` built nothing and said so with exit 0."""
    result = runner.invoke(
        app,
        [
            "build", "opioids", "-s", str(YAML_EXAMPLE), "-f", "card", "-f", "card", "-m", "bw",
            "--tips", "not-alone,not-alone,carry-naloxone", "-o", str(tmp_path),
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.stdout.count("wrote ") == 1 and "1 leaflet written." in result.stdout
    text = pdf_text(tmp_path / "opioids-en-card-bw.pdf")
    assert text.count("Do not use alone") == 1
    empty = runner.invoke(app, ["build", "opioids", "-s", str(YAML_EXAMPLE), "-l", "", "-o", str(tmp_path)])
    assert empty.exit_code == 2
    assert "--lang: no language code given" in empty.stderr


def test_formats_are_listed_as_languages_are_in_any_case(tmp_path: Path) -> None:
    """`-l en,ar` worked but `-f a4,card` was refused, and so was `-f A4`, the way paper sizes
    are written; an unknown format names the formats and the nearest."""
    args = ["build", "overdose-response", "-s", str(YAML_EXAMPLE), "-m", "bw", "-o", str(tmp_path)]
    result = runner.invoke(app, [*args, "-f", "A4,card", "-f", "a4"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "overdose-response-en-a4-bw.pdf",
        "overdose-response-en-card-bw.pdf",
    ]
    assert "2 leaflets written." in result.stdout
    wrong = runner.invoke(app, [*args, "-f", "a4,trifold"])
    assert wrong.exit_code == 2
    message = " ".join(wrong.stderr.split())
    assert "--format: 'trifold' is not a format; choose from a4, letter, a5, trifold-a4," in message
    assert "did you mean 'trifold-a4'?" in message
    assert "Traceback" not in wrong.output


def test_a_build_without_services_says_what_to_give(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer said only "Missing option '--services' / '-s'"; a newcomer learns what the file is,
    how to start one, and which files in the folder are services files (not a manifest)."""
    shutil.copy(YAML_EXAMPLE, tmp_path / "testville.yaml")
    (tmp_path / "network.yaml").write_text("localities:\n  - {name: T, services: testville.yaml}\n")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["build", "opioids"])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert "--services: which local services go on the leaflet? Give your services file" in message
    assert "'hrleaflet init town.yaml'" in message
    assert message.endswith("Services files here: testville.yaml.")
    for no_sets in ([], [","]):
        result = runner.invoke(app, ["build", *no_sets, "-s", "testville.yaml"])
        assert result.exit_code == 2
        assert " ".join(result.stderr.split()).startswith(
            "Error: which tip sets? Name one or more, or 'all': for example hrleaflet build opioids -s"
            " town.yaml. The tip sets: buying, drug-supply, general, opioids, overdose-response, selling."
        )


def test_mode_in_either_spelling_and_any_case(tmp_path: Path) -> None:
    """`-m color` (as people in the US write it) was refused; a misspelt mode names the nearest."""
    args = ["build", "overdose-response", "-s", str(YAML_EXAMPLE), "-f", "card", "-o", str(tmp_path)]
    result = runner.invoke(app, [*args, "-m", "Color"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in tmp_path.glob("*.pdf")] == ["overdose-response-en-card-colour.pdf"]
    wrong = runner.invoke(app, [*args, "-m", "colr"])
    assert wrong.exit_code == 2
    message = "--mode: 'colr' is not a mode; choose from colour, bw, both; did you mean 'colour'?"
    assert message in wrong.stderr
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        "defaults: {modes: [color], formats: [A4]}\n"
        f"localities:\n  - {{name: T, services: {YAML_EXAMPLE}}}\n",
        encoding="utf-8",
    )
    (job, *_) = plan(manifest, guidance_dir(), translations_dir())
    assert job.modes == ("colour",) and job.formats == ("a4",)


def test_a_sheet_says_it_leaves_marks_and_bleed_off(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "build", "general", "-s", str(YAML_EXAMPLE), "-f", "card", "--sheet", "a4", "--marks",
            "--bleed", "3mm", "-m", "bw", "-o", str(tmp_path),
        ],
        env={"COLUMNS": "300"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "--sheet a4: card copies on an office sheet get cut marks; --marks and --bleed" in result.stderr


def test_a_bleed_written_with_a_space_is_not_called_an_unknown_tip_set(tmp_path: Path) -> None:
    args = ["build", "general", "-s", str(YAML_EXAMPLE), "-o", str(tmp_path)]
    result = runner.invoke(app, [*args, "--bleed", "3", "mm"], env={"COLUMNS": "300"})
    assert result.exit_code == 2 and not list(tmp_path.iterdir())
    assert "'mm' is not a tip set: write the --bleed length without a space, as --bleed 3mm" in result.stderr


def test_a_sheet_places_the_small_formats_and_makes_the_others_as_usual(tmp_path: Path) -> None:
    """`-f a4,card --sheet a4` was refused ("a4 is a sheet already"): the cards now go on the
    sheet and the A4 leaflet is made as it is, with its bleed; a sheet with neither a5 nor card
    is still a mistake."""
    args = ["build", "overdose-response", "-s", str(YAML_EXAMPLE), "-m", "bw", "-o", str(tmp_path)]
    result = runner.invoke(
        app, [*args, "-f", "a4,card", "--sheet", "a4", "--bleed", "3mm"], env={"COLUMNS": "300"}
    )
    assert result.exit_code == 0, result.output
    assert "--sheet a4: places card on the sheet; a4 made as usual" in result.stderr
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == [
        "overdose-response-en-a4-bw.pdf",
        "overdose-response-en-card-on-a4-bw.pdf",
    ]
    sheet = pypdf.PdfReader(tmp_path / "overdose-response-en-card-on-a4-bw.pdf").pages[0]
    assert float(sheet.mediabox.width) == pytest.approx(595.3, abs=0.1)  # an A4 sheet, no bleed
    single = pypdf.PdfReader(tmp_path / "overdose-response-en-a4-bw.pdf").pages[0]
    assert float(single.trimbox.left) == pytest.approx(3 * 72 / 25.4, abs=0.01)
    neither = runner.invoke(app, [*args, "-f", "a4", "--sheet", "a4"])
    assert neither.exit_code == 2
    assert (
        "--sheet places copies of a5 and card leaflets on an office sheet; a4 has neither" in neither.stderr
    )


def test_check_refuses_what_no_font_can_print_as_build_does(tmp_path: Path) -> None:
    """An emoji in a service's name passed `check`, then every build of the file failed."""
    text = YAML_EXAMPLE.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("  - name: "))
    services = tmp_path / "town.yaml"
    services.write_text(text.replace(name, name + " \U0001f489", 1), encoding="utf-8")
    line = text.splitlines().index(name) + 1
    checked = runner.invoke(app, ["check", str(services)], env={"COLUMNS": "300"})
    assert checked.exit_code == 1
    said = f"{services}:{line}: services[1].name: no font has a glyph for U+1F489 SYRINGE, so no leaflet"
    assert said in checked.stderr
    built = runner.invoke(
        app, ["build", "general", "-s", str(services), "-m", "bw", "-o", str(tmp_path / "out")]
    )
    assert built.exit_code == 1 and "U+1F489 SYRINGE" in built.stderr


def test_check_lists_every_problem_with_file_and_line(tmp_path: Path) -> None:
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    source = (ROOT / "guidance" / "general.yaml").read_text(encoding="utf-8")
    (guidance / "general.yaml").write_text(source.replace("priority: 2", "priority: 5", 1), encoding="utf-8")
    (guidance / "broken.yaml").write_text("id: broken\ntitle: [\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--guidance", str(guidance)])
    assert result.exit_code == 1
    line = next(n for n, text in enumerate(source.splitlines(), 1) if "priority: 2" in text)
    assert f"{guidance / 'general.yaml'}:{line}: tips[" in result.stderr
    assert ".priority: expected less than or equal to 3, found 5" in result.stderr
    assert f"{guidance / 'broken.yaml'}:3: not valid YAML" in result.stderr
    assert "2 problems found." in result.stderr


def test_list_shows_sets_formats_and_modes() -> None:
    result = runner.invoke(app, ["list"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for name in ("general", "opioids", "buying", "selling", "a4, letter, a5", "colour, bw"):
        assert name in result.stdout
    assert "not a page: text, sms, html" in result.stdout  # every format `build -f` takes


# What `hrleaflet init` writes as examples, and a town's own values for them.
INIT_EXAMPLES = (
    ("Your town", "Testville"),
    ("Your organisation", "Testville Peers"),
    ("Name of the service", "Drop-in"),
    ("Street and number, town", "1 Mill Lane"),
    ("+00 000 000 000", "+44 1632 960111"),
    ('One or two short sentences, for example "No appointment needed."', "Walk in."),
    # The service's link first: the organisation's is the start of it.
    ("https://example.org/service", "https://example.net/testville/drop-in"),
    ("https://example.org/", "https://example.net/testville/"),
)


def filled_in(text: str, quote: str = '"') -> str:
    """A starter file with every example replaced (`quote`: a quotation mark as the file
    writes it inside a value, doubled in CSV)."""
    for example, own in INIT_EXAMPLES:
        example = example.replace('"', quote)
        assert example in text
        text = text.replace(example, own)
    return text


def test_init_writes_a_services_file_that_names_each_line_to_fill_in(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "town")])
    assert result.exit_code == 0
    path = tmp_path / "town" / "services.yaml"
    assert path.is_file()
    lines = path.read_text(encoding="utf-8").splitlines()
    unfilled = runner.invoke(app, ["check", "-s", str(path)])
    assert unfilled.exit_code == 1
    examples = (
        "Your town",
        "Your organisation",
        "Name of the service",
        "+00 000 000 000",
        "https://example.org/",
    )
    for example in examples:
        line = next(n for n, text in enumerate(lines, 1) if example in text)
        assert f"services.yaml:{line}: " in unfilled.stderr and f"is still the example '{example}'" in (
            unfilled.stderr
        )
    built = runner.invoke(app, ["build", "general", "-s", str(path), "--out", str(tmp_path / "out")])
    assert built.exit_code == 1 and "is still the example 'Your town'" in built.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
    # Filled in, it checks clean.
    path.write_text(filled_in(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert runner.invoke(app, ["check", "-s", str(path)]).exit_code == 0
    again = runner.invoke(app, ["init", str(tmp_path / "town")])
    assert again.exit_code == 1
    assert "already exists; use --force" in again.stderr


def test_init_writes_the_named_file_yaml_or_a_spreadsheets_csv(tmp_path: Path) -> None:
    """`init town.csv` writes a CSV to open in a spreadsheet (not a folder called town.csv);
    its examples are refused as in YAML, each on its row, until filled in."""
    result = runner.invoke(app, ["init", str(tmp_path / "lists" / "town.csv")])
    assert result.exit_code == 0, result.output
    path = tmp_path / "lists" / "town.csv"
    assert path.is_file()
    unfilled = runner.invoke(app, ["check", str(path)], env={"COLUMNS": "300"})
    assert unfilled.exit_code == 1
    assert "town.csv:2: locality: is still the example 'Your town'" in unfilled.stderr
    assert (
        "services[1].phone: is still the example '+00 000 000 000' from 'hrleaflet init'"
        " — fill in your own, or empty the cell" in unfilled.stderr
    )
    path.write_text(filled_in(path.read_text(encoding="utf-8"), quote='""'), encoding="utf-8")
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    for mistyped, meant in (("town.txt", "town.yaml"), ("town.xlsx", "town.csv")):
        refused = runner.invoke(app, ["init", str(tmp_path / mistyped)])
        assert refused.exit_code == 2 and not (tmp_path / mistyped).exists()  # no folder called town.txt
        assert "a services file is .yaml, or .csv for a spreadsheet" in refused.stderr
        assert f"write it as {tmp_path / meant}" in " ".join(refused.stderr.split())
    named = runner.invoke(app, ["init", str(tmp_path / "north town.yaml")])
    assert named.exit_code == 0
    # The commands in its first lines, and the one printed, work as they are copied.
    quoted = f"'{tmp_path / 'north town.yaml'}'"
    assert f"hrleaflet check {quoted}" in " ".join(named.stdout.split())
    head = (tmp_path / "north town.yaml").read_text(encoding="utf-8").splitlines()[:3]
    assert head[1].endswith(f"hrleaflet check {quoted}")
    assert head[2].endswith(f"hrleaflet build all --services {quoted} --out leaflets/")
    # An existing file that is not a services file is not a folder to write services.yaml in.
    (tmp_path / "notes").write_text("mine", encoding="utf-8")
    refused = runner.invoke(app, ["init", str(tmp_path / "notes")])
    assert refused.exit_code == 2 and (tmp_path / "notes").read_text(encoding="utf-8") == "mine"
    assert f"{tmp_path / 'notes'} is a file, not a folder" in " ".join(refused.stderr.split())


def test_unwritable_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["build", "general", "-s", str(YAML_EXAMPLE), "-o", str(blocker)])
    assert result.exit_code == 1
    assert f"Error: {blocker}: exists and is not a folder" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--debug", "build", "general", "-s", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    assert result.exception is not None and "file not found" in str(result.exception)


def test_python_dash_m_runs_the_cli() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hrleaflet", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"hrleaflet {__version__}"


@pytest.mark.parametrize(
    "arguments", [["--help"], ["--version"], ["build", "--help"], ["translations", "check", "-h"]]
)
def test_help_does_not_import_heavy_libraries(arguments: list[str]) -> None:
    """Help and the version are plain text: neither the PDF engine, the language files' reader
    nor Rich (about 100 ms with Typer's help panels) is imported for them."""
    heavy = ["reportlab", "babel", "fontTools", "rich"]
    if len(arguments) == 1:  # a command's own help: Typer 0.27+ reads its options with pydantic
        heavy.append("pydantic")
    code = f"from hrleaflet.cli import app\ntry:\n    app({arguments!r})\nexcept SystemExit:\n    pass\n"
    imported, printed = run_python(code, heavy)
    assert imported == []
    assert printed.startswith("hrleaflet " if arguments == ["--version"] else "Usage: ")


@pytest.mark.parametrize("group", [[], ["translations"]])
def test_command_lists_show_each_summary_whole(group: list[str]) -> None:
    """In a terminal 80 columns wide, each command's one-line summary is shown whole, not cut
    off with '...'."""
    result = runner.invoke(app, [*group, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    listing = result.stdout.split("Commands:")[1].strip().splitlines()
    assert len(listing) == (7 if not group else 5)
    for line in listing:
        assert len(line) <= 80 and not line.rstrip().endswith("..."), line


def test_an_installed_copy_finds_its_shipped_content(tmp_path: Path) -> None:
    """Run from elsewhere, Python imports the installed package: its tip sets and languages ship inside."""
    code = (
        "from hrleaflet.paths import guidance_dir, translations_dir\n"
        "print(len(list(guidance_dir().glob('*.yaml'))), len(list(translations_dir().glob('*.po'))))\n"
        "print(guidance_dir())\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    if result.returncode != 0:
        pytest.skip("hrleaflet is not installed in this environment (run from a checkout)")
    counts, folder = result.stdout.splitlines()
    assert int(counts.split()[0]) == len(available_sets(guidance_dir())) and int(counts.split()[1]) >= 15
    if "site-packages" in folder:
        assert folder.endswith("_shipped/guidance")


def test_messages_print_names_as_written_with_no_emoji_codes(tmp_path: Path) -> None:
    """Rich turns ":name:" codes into emoji by default; a folder called "out:pill:" is printed
    as it is named."""
    out = tmp_path / "out:pill:"
    result = runner.invoke(
        app, ["build", "general", "--services", str(YAML_EXAMPLE), "--mode", "bw", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "out:pill:" in result.output.replace("\n", "") and "\U0001f48a" not in result.output
