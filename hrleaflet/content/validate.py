"""Turn raw data into models, and every validation failure into a located Problem."""

from __future__ import annotations

import re
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic_core import ErrorDetails

from hrleaflet.content.source import KeyPath, SourceDocument, field_path
from hrleaflet.errors import ContentError, Problem
from hrleaflet.suggest import did_you_mean_field, did_you_mean_value

__all__ = ["field_path", "in_any_case", "validate"]

M = TypeVar("M", bound=BaseModel)


def in_any_case(choices: object) -> BeforeValidator:
    """Reads a value of `choices` (a Literal type) in any case ("A4", "OST"): a name from a
    list, not printed text.  Any other value stays as typed, for its error."""
    allowed = frozenset(get_args(choices))

    def lowered(value: object) -> object:
        return value.lower() if isinstance(value, str) and value.lower() in allowed else value

    return BeforeValidator(lowered)


def validate(model: type[M], doc: SourceDocument, what: str) -> M:
    """Build `model` from `doc.data`, or raise ContentError listing every problem."""
    if not isinstance(doc.data, dict):
        found = "an empty file" if doc.data is None else _kind(doc.data)
        raise ContentError.single(
            doc.path, 1, None, f"expected {what} (a set of 'name: value' fields), found {found}"
        )
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False)
        # A list with a bad item is also reported as too short; the item's error says it all.
        item_locs = {
            tuple(e["loc"][:i]) for e in errors for i, part in enumerate(e["loc"]) if isinstance(part, int)
        }
        errors = [
            e
            for e in errors
            if not (
                e["type"] == "too_short"
                and not isinstance(e.get("input"), str)
                and tuple(e["loc"]) in item_locs
            )
        ]
        problems = [_problem(doc, model, err) for err in errors]
        problems.sort(key=lambda p: p.line or 0)
        raise ContentError(problems) from None


def _problem(doc: SourceDocument, model: type[BaseModel], err: ErrorDetails) -> Problem:
    loc: KeyPath = tuple(p for p in err["loc"] if isinstance(p, str | int))
    kind = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    hint = None
    where = loc  # the part of the file the line is of
    if kind == "missing":
        message = "required field missing"
    elif kind == "extra_forbidden":
        name = str(loc[-1])
        message = f"unknown field '{name}'"
        hint = did_you_mean_field(name, _known_fields(model, loc[:-1]))
    elif kind in ("string_too_long", "too_long") and isinstance(value, str):
        message = f"is {len(value)} characters long; at most {ctx['max_length']} allowed"
    elif kind in ("string_too_short", "too_short") and isinstance(value, str):
        message = "must not be empty"
    elif kind in ("too_short", "too_long"):
        count = len(value) if isinstance(value, list | tuple) else "?"
        low, high = _length_bounds(model, loc)
        message = f"has {count} entries; expected {low} to {high}"
        if kind == "too_long" and isinstance(high, int):
            where = (*loc, high)  # the first entry over the limit: a CSV has no line for the list
            hint = f"entry {high + 1} is the first over the limit"
            if loc == ("emergency",):
                hint = (
                    f"the emergency band has room for {high}; list the others as services (kinds: [helpline])"
                )
    elif kind == "literal_error":
        options = [o.strip().strip("'") for o in str(ctx["expected"]).replace(" or ", ", ").split(",")]
        message = f"'{value}' is not one of: {', '.join(options)}"
        hint = did_you_mean_value(str(value), options)
        parts = [part.strip() for part in re.split(r"[/|&+]| and ", str(value)) if part.strip()]
        if len(parts) > 1 and all(part in options for part in parts):  # "naloxone/testing"
            hint = f"give them apart: {', '.join(parts)} (in a spreadsheet cell, separated by ';' or ',')"
    elif kind in ("string_type", "str_type"):
        message = f"expected text, found {_kind(value)}"
    elif kind in ("bool_type", "bool_parsing"):
        message = f"expected true or false, found {_kind(value)}"
    elif kind in ("list_type", "tuple_type"):
        message = f"expected a list, found {_kind(value)}"
        if isinstance(value, str) and value.strip() and loc and isinstance(loc[-1], str):  # `kinds: ost`
            items = ", ".join(part.strip() for part in value.split(",") if part.strip())
            hint = f"write it as a list in brackets: {loc[-1]}: [{items}]"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        message = f"expected a set of 'name: value' fields, found {_kind(value)}"
    elif kind.startswith("date") or kind.startswith("datetime"):
        message = f"expected a date written like 2026-11-21, found '{value}'"
    elif kind.startswith("int") or kind in ("greater_than_equal", "less_than_equal"):
        message = err["msg"].replace("Input should be", "expected")
        if kind in ("greater_than_equal", "less_than_equal"):
            message = f"{message}, found {value}"
    elif kind == "value_error":
        message = str(ctx.get("error", err["msg"]))
    else:
        message = err["msg"]
    return Problem(doc.path, doc.line_of(where), field_path(loc), message, hint)


def _kind(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "yes/no"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text '{value}'"


def _submodel(model: type[BaseModel], loc: KeyPath) -> type[BaseModel] | None:
    """Follow a key path through nested models (lists and tuples included)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if not fields or part not in fields:
            return None
        current = _inner_model(fields[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _known_fields(model: type[BaseModel], loc: KeyPath) -> list[str]:
    sub = _submodel(model, loc)
    return list(sub.model_fields) if sub else []


def _length_bounds(model: type[BaseModel], loc: KeyPath) -> tuple[object, object]:
    parent = _submodel(model, loc[:-1])
    if parent is None or not isinstance(loc[-1], str):
        return "?", "?"
    low, high = 0, "any number"
    for meta in parent.model_fields[loc[-1]].metadata:
        low = getattr(meta, "min_length", low) or low
        high = getattr(meta, "max_length", None) or high
    return low, high
