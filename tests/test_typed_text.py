"""What a leaflet prints is exactly what a person typed, in every kind of file, or a located refusal.

YAML 1.1 reads `0123456` as octal 42798, `10:30` as 630, `no` as false, `1e3` as 1000.0 and
`2026-01-02` as a date: a phone number that changes on the way to paper is the worst thing a
harm-reduction leaflet can print.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hrleaflet.batch import plan
from hrleaflet.content import placeholders
from hrleaflet.content.guidance import load_tip_set
from hrleaflet.content.services import load_services, service_doubts
from hrleaflet.errors import ContentError
from hrleaflet.paths import guidance_dir, translations_dir
from hrleaflet.pipeline import BuildRequest, build

from .conftest import pdf_text

# Every trap, unquoted as people type them, and the field it goes in.
TRAPS = {
    "emergency_label": "yes",
    "emergency_phone": "0123456",
    "name": "no",
    "address": "2026-01-02",
    "phone": "+44 1632 960110",
    "hours": "10:30",
    "notes": "1e3",
    "second_phone": "555.0100",
    "second_hours": "8:00",
}

SERVICES_YAML = """\
locality: Testville
organisation:
  name: Testville Peers
emergency:
  - label: {emergency_label}
    phone: {emergency_phone}
services:
  - name: {name}
    kinds: [ost]
    address: {address}
    phone: {phone}
    hours: {hours}
    notes: {notes}
  - name: Night outreach
    kinds: [outreach]
    phone: {second_phone}
    hours: {second_hours}
"""

SERVICES_CSV = """\
type,name,kinds,address,phone,hours,url,notes
locality,Testville,,,,,,
organisation,Testville Peers,,,,,,
emergency,{emergency_label},,,{emergency_phone},,,
service,{name},ost,{address},{phone},{hours},,{notes}
service,Night outreach,outreach,,{second_phone},{second_hours},,
"""


def _build_text(tmp_path: Path, services: Path, guidance: Path | None = None, sets: str = "opioids") -> str:
    (built,) = build(
        BuildRequest(
            sets=(sets,),
            services=services,
            out=tmp_path / "out",
            modes=("colour",),
            guidance=guidance,
        )
    )
    return pdf_text(built.path)


@pytest.mark.parametrize("kind", ["yaml", "csv"])
def test_services_print_every_value_as_typed(tmp_path: Path, kind: str) -> None:
    template = SERVICES_YAML if kind == "yaml" else SERVICES_CSV
    path = tmp_path / f"services.{kind}"
    path.write_text(template.format(**TRAPS), encoding="utf-8")
    directory = load_services(path)
    assert directory.emergency[0].label == "yes"
    assert directory.emergency[0].phone == "0123456"
    first, second = directory.services
    assert (first.name, first.address, first.phone, first.hours, first.notes) == (
        "no",
        "2026-01-02",
        "+44 1632 960110",
        "10:30",
        "1e3",
    )
    assert (second.phone, second.hours) == ("555.0100", "8:00")
    text = _build_text(tmp_path, path)
    for value in TRAPS.values():
        assert value in text, f"{value!r} is not printed as typed"
    assert "42798" not in text and "630" not in text


def test_tip_set_prints_every_value_as_typed(tmp_path: Path) -> None:
    guidance = tmp_path / "guidance"
    guidance.mkdir()
    source = (guidance_dir() / "opioids.yaml").read_text(encoding="utf-8")
    lines = source.splitlines()
    first_headline = next(i for i, line in enumerate(lines) if line.strip().startswith("headline:"))
    first_body = next(i for i, line in enumerate(lines) if line.strip().startswith("body:"))
    indent = lines[first_headline][: len(lines[first_headline]) - len(lines[first_headline].lstrip())]
    lines[first_headline] = f"{indent}headline: 0123456"
    # A body may continue over several lines: replace the whole scalar.
    end = first_body + 1
    while end < len(lines) and lines[end].startswith(indent + " "):
        end += 1
    lines[first_body:end] = [f"{indent}body: 10:30"]
    (guidance / "opioids.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    tip_set = load_tip_set(guidance / "opioids.yaml")
    assert tip_set.tips[0].headline == "0123456" and tip_set.tips[0].body == "10:30"
    services = tmp_path / "services.yaml"
    shutil.copy(Path(__file__).parent.parent / "examples" / "testville.yaml", services)
    text = _build_text(tmp_path, services, guidance=guidance)
    assert "0123456" in text and "10:30" in text


def test_manifest_locality_names_are_kept_as_typed(tmp_path: Path) -> None:
    shutil.copy(Path(__file__).parent.parent / "examples" / "testville.yaml", tmp_path / "t.yaml")
    manifest = tmp_path / "network.yaml"
    manifest.write_text(
        textwrap.dedent(
            """
            defaults:
              sets: [opioids]
            localities:
              - name: 0123
                services: t.yaml
              - name: no
                services: t.yaml
              - name: 10:30
                services: t.yaml
            """
        ),
        encoding="utf-8",
    )
    jobs = plan(manifest, guidance_dir(), translations_dir())
    assert sorted({job.locality for job in jobs}) == ["0123", "10:30", "no"]


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("updated", "1732147200", "expected a date written like 2026-11-21, found '1732147200'"),
        ("updated", "21/11/2026", "expected a date written like 2026-11-21"),
        ("year", "2_020", "expected a whole number like 2, found '2_020'"),
    ],
)
def test_numbers_and_dates_that_would_be_guessed_are_refused_with_their_line(
    tmp_path: Path, field: str, value: str, expected: str
) -> None:
    source = (guidance_dir() / "opioids.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(source) if text.strip().startswith(f"{field}:"))
    indent = source[line][: len(source[line]) - len(source[line].lstrip())]
    source[line] = f"{indent}{field}: {value}"
    path = tmp_path / "opioids.yaml"
    path.write_text("\n".join(source) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_tip_set(path)
    (problem,) = excinfo.value.problems
    assert (problem.path, problem.line) == (path, line + 1)
    assert expected in problem.message


def test_yaml_tags_are_refused_not_interpreted(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SERVICES_YAML.format(**TRAPS).replace("notes: 1e3", "notes: !!binary aGVsbG8="), "utf-8")
    with pytest.raises(ContentError) as excinfo:
        load_services(path)
    assert "s.yaml:13: the YAML tag '!!binary' is not supported" in str(excinfo.value)


def test_phone_numbers_that_do_not_look_like_one_are_warnings_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    text = SERVICES_YAML.format(**TRAPS).replace("phone: 0123456", "phone: 0800 HELP")
    path.write_text(text.replace("phone: 555.0100", "phone: 7"), encoding="utf-8")
    doubts = [str(d) for d in service_doubts(path)]
    assert doubts == [
        f"{path}:6: emergency[1].phone: '0800 HELP' contains letters;"
        " a phone number is digits, spaces and + ( ) - . /",
        f"{path}:16: services[2].phone: '7' has 1 digit; is the number complete?",
    ]
    assert all(d.warning for d in service_doubts(path))


# Plain scalars that YAML 1.1 would turn into numbers, times, booleans or dates.
_LOOKS_TYPED = st.one_of(
    st.from_regex(r"[0-9]([0-9:._+e\-]{0,13}[0-9])?", fullmatch=True),  # a trailing colon is a key
    st.sampled_from(["yes", "no", "on", "off", "true", "False", "y", "n", ".inf", "-.Inf", ".NaN", "0o17"]),
    st.from_regex(r"\+?[0-9]{1,4}( [0-9]{2,4}){0,3}", fullmatch=True),
).filter(lambda value: value != placeholders.PHONE)  # `init`'s example phone is refused, by design


@settings(max_examples=150, deadline=None)
@given(value=_LOOKS_TYPED)
def test_any_unquoted_value_is_kept_as_typed(tmp_path_factory: pytest.TempPathFactory, value: str) -> None:
    path = tmp_path_factory.mktemp("typed") / "s.yaml"
    path.write_text(
        SERVICES_YAML.format(**{**TRAPS, "hours": value, "notes": value, "second_phone": value}), "utf-8"
    )
    directory = load_services(path)
    assert directory.services[0].hours == value
    assert directory.services[0].notes == value
    assert directory.services[1].phone == value
