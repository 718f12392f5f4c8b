"""`hrleaflet init`: a services file to fill in, explained field by field."""

from __future__ import annotations

import shlex
from pathlib import Path

from hrleaflet.content import placeholders as example
from hrleaflet.content.services import SERVICES_SUFFIXES, SPREADSHEET_SUFFIXES
from hrleaflet.errors import OutputError, UsageError
from hrleaflet.output import write_atomically

STARTER = f"""\
# Local services for your leaflets.  Replace every value below with your own,
# then check the file:   hrleaflet check {{path}}
# and build leaflets:    hrleaflet build all --services {{path}} --out leaflets/
#
# Text is printed exactly as you write it, phone numbers and hours included.
# Links must start with https:// (or http://, mailto:, tel:, sms:).

# The town, city or district the leaflet is for (shown in "Local services in ...").
locality: {example.LOCALITY}

# Who hands the leaflet out; printed in the footer.
organisation:
  name: {example.ORGANISATION}
  website: {example.WEBSITE}        # optional
  # logo: logo.png                     # optional PNG or JPEG, next to this file

# Emergency numbers, shown prominently at the top (one to four).
emergency:
  - label: Ambulance
    phone: "112"

# Services, one entry each.  'name' and 'kinds' are required; the rest is optional.
# kinds, one or more of:
#   needle-syringe  ost  naloxone  testing  drop-in  outreach
#   helpline  legal  mental-health  housing-food
services:
  - name: {example.SERVICE_NAME}
    kinds: [needle-syringe, naloxone]
    address: {example.ADDRESS}
    phone: "{example.PHONE}"
    hours: Mon-Fri 10:00-16:00
    url: {example.SERVICE_URL}   # printed with a QR code
    notes: '{example.NOTES}'
"""


# The same, for people who keep their services in a spreadsheet (no comments in CSV: the
# loader's errors list what each column allows).  A quote inside a CSV cell is doubled.
_NOTES_CELL = '"' + example.NOTES.replace('"', '""') + '"'
CSV_STARTER = (
    "type,name,kinds,address,phone,hours,url,notes\r\n"
    f"locality,{example.LOCALITY},,,,,,\r\n"
    f"organisation,{example.ORGANISATION},,,,,{example.WEBSITE},\r\n"
    "emergency,Ambulance,,,112,,,\r\n"
    f'service,{example.SERVICE_NAME},needle-syringe;naloxone,"{example.ADDRESS}",{example.PHONE},'
    f"Mon-Fri 10:00-16:00,{example.SERVICE_URL},{_NOTES_CELL}\r\n"
)


# Names of files that are not services files: a mistyped `init town.txt` would otherwise make
# a folder called town.txt (a folder may have a dot in its name, "st.petersburg").
_SPREADSHEETS = frozenset({*SPREADSHEET_SUFFIXES, ".tsv"})
_OTHER_FILES = _SPREADSHEETS | {".txt", ".json", ".md", ".doc", ".docx", ".odt", ".pdf", ".toml", ".ini"}


def write_starter(target: Path, force: bool = False) -> Path:
    """A services file to fill in: `target` itself where it names a .yaml or .csv file, else
    services.yaml in the folder `target`."""
    suffix = target.suffix.lower()
    if suffix in _OTHER_FILES and not target.is_dir():
        raise UsageError(
            f"{target}: a services file is .yaml, or .csv for a spreadsheet, not {target.suffix}; write"
            f" it as {target.with_suffix('.csv' if suffix in _SPREADSHEETS else '.yaml')}"
        )
    if target.exists() and not target.is_dir() and suffix not in SERVICES_SUFFIXES:
        raise UsageError(
            f"{target} is a file, not a folder: give a folder to write services.yaml in, or the name"
            f" of a new services file, such as {target.with_name(target.name + '.yaml')}"
        )
    path = target if suffix in SERVICES_SUFFIXES else target / "services.yaml"
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a new file name, or a folder for services.yaml")
    if path.exists() and not force:
        raise OutputError(f"{path} already exists; use --force to replace it")
    # The commands in the file's first comment name it as it was given here.
    text = CSV_STARTER if path.suffix.lower() == ".csv" else STARTER.replace("{path}", shlex.quote(str(path)))
    write_atomically(path, text.encode("utf-8"))
    return path
