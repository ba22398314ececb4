"""Turning pydantic's validation errors into messages that name the file, line and key."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from kbgen.content.strict_yaml import KeyPath


class StrictModel(BaseModel):
    """Base for every schema read from YAML: unknown keys are errors, objects are frozen."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


@dataclass(frozen=True)
class SchemaProblem:
    kind: str  # "missing", "unknown" or "invalid"
    key: str  # dotted path, e.g. feedback.url
    line: int
    message: str
    hint: str = ""


def schema_problems(
    exc: ValidationError,
    lines: dict[KeyPath, int],
    known_keys: dict[KeyPath, Iterable[str]],
    default_line: int = 1,
) -> list[SchemaProblem]:
    """Describe each error of ``exc``; ``known_keys`` gives the valid keys per mapping for did-you-mean."""
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
        if error["type"] == "extra_forbidden":  # the last part is the writer's own key, even a key like '['
            loc = tuple(part for part in error["loc"][:-1] if not _is_union_tag(part)) + error["loc"][-1:]
        key = ".".join(str(p) for p in loc)
        line = _nearest_line(loc, lines, default_line)
        if error["type"] == "missing":
            problems.append(SchemaProblem("missing", key, line, f"{key}: required field is missing"))
        elif error["type"] == "extra_forbidden":
            parent = loc[:-1]
            suggestion = difflib.get_close_matches(str(loc[-1]), list(known_keys.get(parent, [])), n=1)
            hint = f"did you mean '{suggestion[0]}'?" if suggestion else ""
            problems.append(SchemaProblem("unknown", key, line, f"{key}: unknown field", hint))
        else:
            got = _short(error.get("input"))
            msg = error["msg"]
            if msg.startswith("Value error, "):
                msg = msg[len("Value error, "):]
            if "got " not in msg:
                msg = f"{msg}, got {got}"
            problem = SchemaProblem("invalid", key, line, f"{key or 'document'}: {_lower_first(msg)}")
            if all(p.key != key for p in problems):  # a union reports once per member: keep the first
                problems.append(problem)
    return problems


def model_keys(model: type[BaseModel], prefix: KeyPath = ()) -> dict[KeyPath, list[str]]:
    """The field names of ``model`` and its nested models, keyed by their path."""
    keys: dict[KeyPath, list[str]] = {prefix: list(model.model_fields)}
    for name, field in model.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            keys.update(model_keys(annotation, prefix + (name,)))
    return keys


def _is_union_tag(part: Any) -> bool:
    # pydantic puts the union member's type name in the location, e.g. 'function-after[...]'.
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "list", "dict"})


def _nearest_line(loc: KeyPath, lines: dict[KeyPath, int], default: int) -> int:
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return default


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]
