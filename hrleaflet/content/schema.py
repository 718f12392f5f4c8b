"""JSON Schemas for the two YAML formats people edit, so editors can autocomplete and flag
mistakes as they type (the loaders remain the authority: they also check lines and ids)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from hrleaflet.content.models import ServiceDirectory, TipSet

SCHEMAS: dict[str, type[BaseModel]] = {
    "tip-set.schema.json": TipSet,
    "services.schema.json": ServiceDirectory,
}


def schema_text(name: str) -> str:
    schema = SCHEMAS[name].model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def write_schemas(folder: Path) -> list[Path]:
    from hrleaflet.output import write_atomically

    paths = []
    for name in SCHEMAS:
        path = folder / name
        write_atomically(path, schema_text(name).encode("utf-8"))
        paths.append(path)
    return paths
