"""Print a pip constraints file pinning every direct dependency to its lowest allowed version.

Reads `[project] dependencies` and the named extras (default: `test`) from pyproject.toml
and turns each `name[extra]>=X` into `name==X`, so CI can install the oldest versions the
project claims to support:

    python .ci/lowest_constraints.py > /tmp/lowest.txt
    pip install -c /tmp/lowest.txt '.[test]'

A requirement without a lower bound (`>=`, `==`, `~=`) is an error: every range must have a
bottom that CI proves. Only the standard library is used, so this runs before anything is
installed.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

# name, optional [extras], then the specifiers up to an optional `; marker`.
_REQUIREMENT = re.compile(
    r"""^\s*(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*
        (?:\[(?P<extras>[^\]]*)\])?\s*
        (?P<specs>[^;]*?)\s*
        (?:;\s*(?P<marker>.+?))?\s*$""",
    re.VERBOSE,
)
_SPEC = re.compile(r"^\s*(?P<op>~=|==|!=|<=|>=|<|>|===)\s*(?P<version>[^\s,]+)\s*$")
_LOWER = {">=", "==", "~=", "==="}


def lowest_pin(requirement: str) -> str:
    """`name[extra]>=X; marker` -> `name==X; marker` (constraints may not carry extras)."""
    match = _REQUIREMENT.match(requirement)
    if not match:
        raise ValueError(f"cannot read requirement {requirement!r}")
    name = re.sub(r"[-_.]+", "-", match["name"]).lower()
    lowest = None
    for spec in filter(None, (s.strip() for s in match["specs"].split(","))):
        found = _SPEC.match(spec)
        if not found:
            raise ValueError(f"cannot read specifier {spec!r} in {requirement!r}")
        if found["op"] in _LOWER:
            if found["version"].endswith(".*"):
                raise ValueError(f"wildcard lower bound in {requirement!r}")
            lowest = found["version"]
    if lowest is None:
        raise ValueError(f"{requirement!r} has no lower bound: give it one in pyproject.toml")
    marker = f"; {match['marker']}" if match["marker"] else ""
    return f"{name}=={lowest}{marker}"


def constraints(pyproject: Path, extras: list[str]) -> list[str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    optional = project.get("optional-dependencies", {})
    for extra in extras:
        if extra not in optional:
            raise ValueError(f"no extra {extra!r} in {pyproject}")
        requirements += optional[extra]
    own = re.sub(r"[-_.]+", "-", project["name"]).lower()
    pins: dict[str, str] = {}
    for requirement in requirements:
        pin = lowest_pin(requirement)
        name = pin.split("==", 1)[0]
        if name == own:  # an extra that pulls in another extra of this project
            continue
        if name in pins and pins[name] != pin:
            raise ValueError(f"{name} is required twice with different lower bounds")
        pins[name] = pin
    return sorted(pins.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--pyproject",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "pyproject.toml",
    )
    parser.add_argument("--extra", action="append", dest="extras", help="extra to include (default: test)")
    args = parser.parse_args()
    try:
        lines = constraints(args.pyproject, args.extras if args.extras is not None else ["test"])
    except ValueError as error:
        sys.stderr.write(f"lowest_constraints: {error}\n")
        return 1
    sys.stdout.write("# Lowest versions pyproject.toml allows; made by .ci/lowest_constraints.py\n")
    sys.stdout.write("".join(f"{line}\n" for line in lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
