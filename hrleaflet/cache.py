"""The user cache folder: what is worked out once and kept between runs (bold font
instances, QR codes, a language's name, direction, digits and written-out dates).

Everything kept there can be made again, so a missing, damaged or unwritable entry only costs
the work: `kept_text` reads nothing from a missing file, and `keep` leaves a read-only cache
as it is.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

CACHE_ENV = "HRLEAFLET_CACHE_DIR"


def cache_dir() -> Path:
    """`HRLEAFLET_CACHE_DIR`, else the user's cache folder for hrleaflet."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("hrleaflet"))


def kept_text(path: Path, encoding: str = "utf-8") -> str | None:
    """A kept file's text, or None where there is none to read (the caller checks the rest)."""
    try:
        return path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError):
        return None


def keep(path: Path, data: bytes) -> None:
    """Keep `data` in `path`, written atomically; on a read-only cache, nothing is kept."""
    from hrleaflet.errors import HrleafletError
    from hrleaflet.output import write_atomically

    with contextlib.suppress(OSError, HrleafletError):
        write_atomically(path, data)


def kept_json(path: Path) -> dict[str, Any]:
    """A kept JSON object, or an empty one where none can be read (the caller checks values)."""
    text = kept_text(path)
    try:
        data = json.loads(text) if text is not None else {}
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def keep_json(path: Path, data: dict[str, Any]) -> None:
    keep(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8"))
