"""Loading tip sets and services files: good input loads, bad input is located exactly."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from hrleaflet.content.guidance import available_sets, load_tip_set
from hrleaflet.content.services import load_services, service_doubts
from hrleaflet.errors import ContentError
from hrleaflet.paths import guidance_dir

from .conftest import CSV_EXAMPLE, YAML_EXAMPLE

WriteFile = Callable[[str, str], Path]

GOOD_SERVICES = """
    locality: Testville
    organisation:
      name: Peer Network (example)
    emergency:
      - label: Ambulance
        phone: "112"
    services:
      - name: Needle exchange
        kinds: [needle-syringe]
        phone: "+44 1632 960000"
"""


def problems_of(excinfo: pytest.ExceptionInfo[ContentError]) -> list[str]:
    return [str(p) for p in excinfo.value.problems]


def problems_loading(path: Path) -> list[str]:
    """The problems loading a services file reports, one string each (it must report some)."""
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    return problems_of(excinfo)


@pytest.mark.parametrize("name", available_sets(guidance_dir()))
def test_every_shipped_tip_set_loads_with_sources_and_review_state(name: str) -> None:
    tip_set = load_tip_set(guidance_dir() / f"{name}.yaml")
    assert tip_set.id == name
    assert 8 <= len(tip_set.tips) <= 14
    assert tip_set.source.attribution and tip_set.sources
    assert all(source.url.startswith("https://") for source in tip_set.sources)
    # No person has reviewed the shipped sets yet: they must say they are drafts.
    assert tip_set.status == "draft" and tip_set.reviewed is None and tip_set.reviewed_by is None
    assert tip_set.updated.year >= 2026
    assert all(tip.icon for tip in tip_set.tips)
    assert any(tip.priority == 1 for tip in tip_set.tips)


def test_shipped_guidance_has_the_six_sets() -> None:
    assert available_sets(guidance_dir()) == [
        "buying",
        "drug-supply",
        "general",
        "opioids",
        "overdose-response",
        "selling",
    ]


def test_examples_load_in_both_formats() -> None:
    yaml_dir = load_services(YAML_EXAMPLE)
    csv_dir = load_services(CSV_EXAMPLE)
    assert yaml_dir.locality == "Testville"
    assert csv_dir.locality == "Riverside (example)"
    assert len(csv_dir.emergency) == 2
    assert csv_dir.services[0].kinds == ("needle-syringe", "naloxone", "testing")
    # RFC 4180 doubled quotes and an ampersand survive the CSV reader.
    assert 'The Landing "Safe Harbor" Drop-in & Café (example)' in [s.name for s in csv_dir.services]


def test_unknown_field_names_line_and_nearest_field(write_file: WriteFile) -> None:
    path = write_file("s.yaml", GOOD_SERVICES + "        phnoe: '123'\n")
    assert problems_loading(path) == [
        f"{path}:11: services[1].phnoe: unknown field 'phnoe' — did you mean 'phone'?"
    ]


def test_unknown_field_with_another_fields_meaning_names_that_field(write_file: WriteFile) -> None:
    """A service's link is `url` and the organisation's `website`: no spelling leads from one
    to the other, so the hint goes by meaning."""
    text = GOOD_SERVICES.replace(
        "name: Peer Network (example)", "name: Peer Network (example)\n      url: https://example.org/"
    )
    path = write_file("s.yaml", text + "        website: https://example.org/nsp\n        telephone: '0'\n")
    assert problems_loading(path) == [
        f"{path}:4: organisation.url: unknown field 'url' — did you mean 'website'?",
        f"{path}:12: services[1].website: unknown field 'website' — did you mean 'url'?",
        f"{path}:13: services[1].telephone: unknown field 'telephone' — did you mean 'phone'?",
    ]


def test_csv_column_with_a_columns_meaning_names_that_column(write_file: WriteFile) -> None:
    path = write_file("s.csv", "type,name,category,website\nlocality,X,,\n")
    assert problems_loading(path) == [
        f"{path}:1: category: unknown column 'category' — did you mean 'kinds'?",
        f"{path}:1: website: unknown column 'website' — did you mean 'url'?",
        # The rows are read all the same: their problems are not hidden behind the header's.
        f"{path}: organisation: no row of type 'organisation' — add one: organisation,<name>",
    ]


def test_unknown_service_kind_suggests_the_nearest(write_file: WriteFile) -> None:
    path = write_file("s.yaml", GOOD_SERVICES.replace("[needle-syringe]", "[nalxone]"))
    (message,) = problems_loading(path)
    assert message.startswith(f"{path}:9: services[1].kinds[1]: 'nalxone' is not one of:")
    assert message.endswith("did you mean 'naloxone'?")


def test_a_kind_by_another_name_or_case_names_the_kind(write_file: WriteFile) -> None:
    """'NSP' (a needle and syringe programme), 'methadone' and 'Narcan' are no spelling of a
    kind that difflib finds; the hint names the kind they mean.  'OST' is 'ost' in capitals."""
    path = write_file("s.yaml", GOOD_SERVICES.replace("[needle-syringe]", "[NSP, methadone, OST, Narcan]"))
    problems = problems_loading(path)
    assert [message.rsplit(" — ", 1)[1] for message in problems] == [
        "did you mean 'needle-syringe'?",
        "did you mean 'ost'?",
        "did you mean 'naloxone'?",
    ]
    assert "'NSP' is not one of" in problems[0]  # named as typed
    path = write_file("s.yaml", GOOD_SERVICES.replace("[needle-syringe]", "[OST, Naloxone]"))
    assert load_services(path).services[0].kinds == ("ost", "naloxone")


def test_kinds_written_as_text_show_the_list_to_write(write_file: WriteFile) -> None:
    path = write_file("s.yaml", GOOD_SERVICES.replace("[needle-syringe]", "needle-syringe, naloxone"))
    assert problems_loading(path) == [
        f"{path}:9: services[1].kinds: expected a list, found the text 'needle-syringe, naloxone'"
        " — write it as a list in brackets: kinds: [needle-syringe, naloxone]"
    ]


def test_duplicate_key_is_an_error_not_a_silent_overwrite(write_file: WriteFile) -> None:
    path = write_file("s.yaml", GOOD_SERVICES + "        name: Second name\n")
    assert problems_loading(path) == [
        f"{path}:11: duplicate key 'name' (first given on line 8)"
        " — keep one; a second value would silently replace the first"
    ]


def test_text_a_comment_would_cut_is_refused_with_the_quoted_value(write_file: WriteFile) -> None:
    """`name: Clinic #1` is "Clinic" to YAML: the leaflet would print less than was typed."""
    text = GOOD_SERVICES.replace("name: Needle exchange", "name: Needle exchange #1").replace(
        "name: Peer Network (example)", "name: Peer Network (example) #3b  "
    )
    path = write_file("s.yaml", text)
    hint = " — put the value in quotes to print it whole: "
    assert problems_loading(path) == [
        f"{path}:3: organisation.name: '#3b' after 'Peer Network (example)' would be left out: in YAML,"
        f""" ' #' starts a comment{hint}"Peer Network (example) #3b\"""",
        f"{path}:8: services[1].name: '#1' after 'Needle exchange' would be left out: in YAML, ' #'"
        f""" starts a comment{hint}"Needle exchange #1\"""",
    ]
    # A comment written as one (a space after '#'), '#' inside a word and quoted text all stay.
    text = GOOD_SERVICES.replace("name: Needle exchange", "name: Needle exchange  # the old one").replace(
        "name: Peer Network (example)", "name: 'Peer Network #3'\n      website: https://example.org/#top"
    )
    services = load_services(write_file("s.yaml", text))
    assert services.services[0].name == "Needle exchange"
    assert services.organisation.name == "Peer Network #3"


def test_yaml_syntax_error_names_the_line(write_file: WriteFile) -> None:
    path = write_file("s.yaml", "locality: [unclosed\norganisation: x\n")
    (message,) = problems_loading(path)
    assert message.startswith(f"{path}:2: not valid YAML")


def test_every_problem_is_reported_at_once(write_file: WriteFile) -> None:
    path = write_file(
        "s.yaml",
        """
        locality: Testville
        emergency:
          - label: Ambulance
            phone: "112"
        services:
          - name: Needle exchange
            kinds: [needle-syringe]
            url: javascript:alert(1)
        """,
    )
    assert problems_loading(path) == [
        f"{path}:1: organisation: required field missing",
        f"{path}:8: services[1].url: links starting 'javascript:' are not allowed;"
        " use http, https, mailto, tel or sms",
    ]


def test_web_address_without_scheme_suggests_https(write_file: WriteFile) -> None:
    path = write_file("s.yaml", GOOD_SERVICES + "        url: example.org/x\n")
    (message,) = problems_loading(path)
    assert "did you mean 'https://example.org/x'?" in message


def test_tip_headline_over_the_limit_names_file_line_and_length(write_file: WriteFile) -> None:
    source = (guidance_dir() / "general.yaml").read_text(encoding="utf-8")
    first_headline = source.split('headline: "', 1)[1].split('"', 1)[0]
    path = write_file("general.yaml", source.replace(first_headline, "A" * 61, 1))
    with pytest.raises(ContentError) as excinfo:
        load_tip_set(path)
    line = next(n for n, text in enumerate(source.splitlines(), 1) if first_headline in text)
    assert problems_of(excinfo) == [
        f"{path}:{line}: tips[1].headline: is 61 characters long; at most 60 allowed"
    ]


def test_tip_set_id_must_match_file_name(write_file: WriteFile) -> None:
    source = (guidance_dir() / "general.yaml").read_text(encoding="utf-8")
    path = write_file("local.yaml", source)
    with pytest.raises(ContentError) as excinfo:
        load_tip_set(path)
    assert problems_of(excinfo) == [
        f"{path}:1: id: is 'general' but the file is named 'local.yaml' — use id 'local' or rename the file"
    ]


def test_csv_with_semicolons_and_byte_order_mark(write_file: WriteFile, tmp_path: Path) -> None:
    text = (
        "type;name;kinds;phone\n"
        "locality;Sample town;;\n"
        "organisation;Sample org;;\n"
        "emergency;Ambulance;;112\n"
        "service;Drop-in;drop-in;+44 1632 960001\n"
    )
    path = tmp_path / "s.csv"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    directory = load_services(path)
    assert directory.locality == "Sample town"
    assert directory.services[0].kinds == ("drop-in",)


CSV_HEAD = """
    type,name,kinds,phone
    locality,Sample,,
    organisation,Org,,
    emergency,Ambulance,,112
"""


def test_excels_sep_line_names_the_delimiter(tmp_path: Path) -> None:
    """Excel's first line "sep=;" was read as the header ("unknown column 'sep='")."""
    path = tmp_path / "s.csv"
    path.write_text(
        "sep=;\r\ntype;name;kinds;phone\r\nlocality;Sample;;\r\norganisation;Org;;\r\n"
        "emergency;Ambulance;;112\r\nservice;Open Door;nalxone;+44 1632 960001\r\n",
        encoding="utf-8",
        newline="",
    )
    (message,) = problems_loading(path)
    assert message.startswith(
        f"{path}:6: services[1].kinds[1]: 'nalxone' is not one of"
    )  # lines as in the file
    path.write_text(
        path.read_text(encoding="utf-8").replace("nalxone", "naloxone"), encoding="utf-8", newline=""
    )
    assert load_services(path).services[0].kinds == ("naloxone",)


def test_csv_header_problems_name_the_columns_as_typed(write_file: WriteFile) -> None:
    path = write_file("s.csv", "Type,Name,Phone Number\nlocality,X,\norganisation,Y,\n")
    assert problems_loading(path) == [
        f"{path}:1: Phone Number: unknown column 'Phone Number' — did you mean 'phone'?"
    ]


def test_csv_problems_name_row_line_and_column(write_file: WriteFile) -> None:
    rows = """
        service,Drop-in,drop-in,=HYPERLINK("x")
        service,Helpline,helpline;nalxone,+44 1632 960002
    """
    path = write_file("s.csv", textwrap.dedent(CSV_HEAD) + textwrap.dedent(rows).lstrip("\n"))
    problems = problems_loading(path)
    assert problems[0] == (
        f"{path}:5: phone: looks like a spreadsheet formula ('=HYPERLINK(\"x\")') — type the text itself"
    )
    # The next row's mistake is not hidden behind the formula's.
    assert problems[1].startswith(f"{path}:6: services[2].kinds[2]: 'nalxone' is not one of")
    assert len(problems) == 2


def test_csv_unknown_column_suggests_nearest(write_file: WriteFile) -> None:
    path = write_file("s.csv", "type,name,adress\nlocality,X,\norganisation,Y,\n")
    assert problems_loading(path) == [f"{path}:1: adress: unknown column 'adress' — did you mean 'address'?"]


def test_csv_quote_left_open_is_refused_not_swallowing_rows(write_file: WriteFile) -> None:
    """'"Bring ID' with no closing mark made the rows below part of its cell: the van's
    service went missing with no error.  Now the row where the quotation mark opens is named."""
    head = textwrap.dedent(CSV_HEAD).lstrip("\n")
    never_closed = write_file("a.csv", head + ',Clinic,ost,"1234\nVan,outreach,5678\n')
    with pytest.raises(ContentError) as excinfo:
        load_services(never_closed)
    assert problems_of(excinfo) == [
        f"{never_closed}:5: not readable as CSV: a quotation mark opened in this row is never closed"
        " — check the quoting of this row"
    ]
    closed_late = write_file("b.csv", head + ',Clinic,ost,"1234\nservice,Van,outreach,5678"\n')
    with pytest.raises(ContentError) as excinfo:
        load_services(closed_late)
    (message,) = problems_of(excinfo)
    assert message.startswith(f"{closed_late}:5: phone: a quoted cell that starts in this row runs on")
    # In the header row too (hypothesis found '"' alone raising the reader's own error).
    lone = write_file("d.csv", '"')
    with pytest.raises(ContentError, match=r"d\.csv:1: not readable as CSV: a quotation mark"):
        load_services(lone)
    # A cell over several lines that holds no row stays a cell (notes typed in a spreadsheet).
    notes = write_file("c.csv", head + ',"Clinic\nwalk in",ost,1234\n')
    assert load_services(notes).services[0].name == "Clinic walk in"


def test_csv_values_no_row_prints_are_refused(write_file: WriteFile) -> None:
    """An emergency row's hours, or a value under a column with no name, were dropped in
    silence; each is now an error on its row."""
    head = textwrap.dedent(CSV_HEAD).lstrip("\n")
    path = write_file("a.csv", head.replace("emergency,Ambulance,,112", "emergency,Ambulance,24 hours,112"))
    assert problems_loading(path) == [
        f"{path}:4: kinds: an emergency row does not use 'kinds' (it uses name, phone); '24 hours' would"
        " not be printed — move it to a service row, or empty the cell"
    ]
    nameless = write_file(
        "b.csv", head.replace("type,name,kinds,phone", "type,name,kinds,phone,") + "service,X,ost,1,Mon\n"
    )
    with pytest.raises(ContentError) as excinfo:
        load_services(nameless)
    (message,) = problems_of(excinfo)
    assert message.startswith(f"{nameless}:5: has a value in column 5, which has no name in the header row")


def test_csv_kinds_may_be_separated_by_commas(write_file: WriteFile, tmp_path: Path) -> None:
    """A file exported with ';' between cells has ',' in them; people write lists with commas."""
    row = 'service,Open Door,"needle-syringe, naloxone",+44 1632 960002\n'
    directory = load_services(write_file("s.csv", textwrap.dedent(CSV_HEAD) + row))
    assert directory.services[0].kinds == ("needle-syringe", "naloxone")
    semicolons = tmp_path / "semicolons.csv"
    semicolons.write_text(
        "type;name;kinds;phone\nlocality;Sample;;\norganisation;Org;;\nemergency;Ambulance;;112\n"
        "service;Open Door;needle-syringe,naloxone;+44 1632 960002\n",
        encoding="utf-8",
    )
    assert load_services(semicolons).services[0].kinds == ("needle-syringe", "naloxone")


def test_too_many_emergency_rows_name_the_first_over_the_limit(write_file: WriteFile) -> None:
    """A CSV has no line for the whole list: the error named none."""
    rows = "".join(f"emergency,Line {n} (example),,+44 1632 96010{n}\n" for n in range(4))
    rows += "service,Open Door,drop-in,+44 1632 960110\n"
    path = write_file("s.csv", textwrap.dedent(CSV_HEAD) + rows)
    assert problems_loading(path) == [
        f"{path}:8: emergency: has 5 entries; expected 1 to 4 — the emergency band has room for 4;"
        " list the others as services (kinds: [helpline])"
    ]


def test_a_cells_line_breaks_are_a_warning_that_they_print_as_spaces(write_file: WriteFile) -> None:
    """A spreadsheet cell's line break (Alt+Enter) was folded to a space without a word."""
    row = 'service,Open Door,drop-in,+44 1632 960001,"Mon-Fri 10:00-18:00\nSat 12:00-16:00"\n'
    path = write_file("s.csv", textwrap.dedent(CSV_HEAD).replace("kinds,phone", "kinds,phone,hours") + row)
    assert load_services(path).services[0].hours == "Mon-Fri 10:00-18:00 Sat 12:00-16:00"
    assert [str(problem) for problem in service_doubts(path)] == [
        f"{path}:5: services[1].hours: has line breaks, which print as spaces ('Mon-Fri 10:00-18:00 Sat"
        " 12:00-16:00') — where the parts should read apart, put '; ' between them"
    ]


def test_a_kind_twice_or_two_kinds_in_one_are_named(write_file: WriteFile) -> None:
    """'naloxone;naloxone' printed "Naloxone · Naloxone"; 'naloxone/testing' got "did you mean
    'naloxone'?"."""
    rows = (
        "service,Open Door,naloxone;naloxone,+44 1632 960001\nservice,Van,naloxone/testing,+44 1632 960002\n"
    )
    path = write_file("s.csv", textwrap.dedent(CSV_HEAD) + rows)
    first, second = problems_loading(path)
    assert first == f"{path}:5: services[1].kinds: 'naloxone' is listed twice; keep one"
    assert second.startswith(f"{path}:6: services[2].kinds[1]: 'naloxone/testing' is not one of:")
    assert second.endswith(
        "— give them apart: naloxone, testing (in a spreadsheet cell, separated by ';' or ',')"
    )


def test_csv_bad_kind_is_located_on_its_row(write_file: WriteFile) -> None:
    row = "service,Helpline,helpline;nalxone,+44 1632 960002\n"
    path = write_file("s.csv", textwrap.dedent(CSV_HEAD) + row)
    (message,) = problems_loading(path)
    assert message.startswith(f"{path}:5: services[1].kinds[2]: 'nalxone' is not one of")


def test_text_is_nfc_normalised_and_whitespace_folded(write_file: WriteFile) -> None:
    decomposed = "Cafe\u0301   drop-in"
    path = write_file("s.yaml", GOOD_SERVICES.replace("Needle exchange", decomposed))
    assert load_services(path).services[0].name == "Café drop-in"


def test_bidi_override_characters_are_rejected(write_file: WriteFile) -> None:
    path = write_file("s.yaml", GOOD_SERVICES.replace("Needle exchange", "Needle \u202eexchange"))
    (message,) = problems_loading(path)
    assert "U+202E" in message and "services[1].name" in message


def test_missing_file_and_wrong_suffix(tmp_path: Path) -> None:
    with pytest.raises(ContentError, match="file not found"):
        load_services(tmp_path / "nowhere.yaml")
    other = tmp_path / "services.xlsx"
    other.write_bytes(b"PK")
    with pytest.raises(ContentError) as excinfo:
        load_services(other)
    assert problems_of(excinfo) == [
        f"{other}: is a spreadsheet ('.xlsx'), which is not read directly — save it as CSV (UTF-8)"
        " from the spreadsheet program and give the .csv file"
    ]
    text = tmp_path / "services.txt"
    text.write_text("locality: X\n", encoding="utf-8")
    with pytest.raises(ContentError, match=r"unknown services file type: '\.txt' — use \.yaml or \.csv"):
        load_services(text)
    with pytest.raises(ContentError, match=r"services\.doc: file not found"):
        load_services(tmp_path / "services.doc")


def test_a_folder_given_as_services_file_lists_the_services_files_in_it(tmp_path: Path) -> None:
    (tmp_path / "b.csv").write_text("type,name\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("locality: X\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(tmp_path)
    assert problems_of(excinfo) == [
        f"{tmp_path}: is a folder, not a services file — services files in it: a.yaml, b.csv"
    ]
    # A network's folder holds its manifest too: named apart (`check` and `batch` take it).
    (tmp_path / "network.yaml").write_text("localities: []\n", encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(tmp_path)
    assert problems_of(excinfo)[0].endswith(
        "services files in it: a.yaml, b.csv; batch manifests in it: network.yaml"
    )
    for name in ("a.yaml", "b.csv"):
        (tmp_path / name).unlink()
    with pytest.raises(ContentError) as excinfo:
        load_services(tmp_path)
    assert problems_of(excinfo) == [
        f"{tmp_path}: is a folder, not a services file — batch manifests in it: network.yaml"
    ]


def test_shipped_json_schemas_are_current() -> None:
    from hrleaflet.content.schema import SCHEMAS, schema_text

    from .conftest import ROOT

    for name in SCHEMAS:
        assert (ROOT / "schemas" / name).read_text(encoding="utf-8") == schema_text(name), (
            f"schemas/{name} is out of date: run python -c 'from pathlib import Path; "
            'from hrleaflet.content.schema import write_schemas; write_schemas(Path("schemas"))\''
        )
