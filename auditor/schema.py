"""The report's JSON Schema, derived from the record dataclasses, and the check of a saved report against it.

The shipped copy (auditor/data/report.schema.json, printed by `auditor schema`) is this schema; a test keeps the
two equal. Regenerate it with `python -m auditor.schema > auditor/data/report.schema.json`.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from importlib.resources import files
from typing import Any

from auditor.documents import Document, PageMeta, Paragraph, Sentence, Span
from auditor.excerpt import shorten
from auditor.gate import GateResult, Suppressed
from auditor.records import (
    CATEGORIES,
    EVIDENCE,
    SCHEMA_VERSION,
    SEVERITIES,
    AuditReport,
    Bead,
    Finding,
    Scores,
    SentenceLink,
    Summary,
)

RECORDS = (AuditReport, Document, PageMeta, Paragraph, Sentence, Span, Bead, SentenceLink, Scores, Finding, Summary,
           GateResult, Suppressed)
SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}
# What a type cannot say: offsets and indices are never negative, the vocabularies are closed.
BOUNDS: dict[str, dict[str, Any]] = {
    "start": {"minimum": 0}, "end": {"minimum": 0}, "index": {"minimum": 0}, "paragraph": {"minimum": 0},
    "finding": {"minimum": 0}, "blocking": {"minimum": 0}, "schema_version": {"minimum": 1},
    "category": {"enum": list(CATEGORIES)}, "severity": {"enum": list(SEVERITIES)},
    "confidence": {"minimum": 0, "maximum": 1},
}
ITEM_BOUNDS = {"evidence": {"enum": list(EVIDENCE)}, "original": {"minimum": 0}, "translation": {"minimum": 0},
               "original_paragraphs": {"minimum": 0}, "translation_paragraphs": {"minimum": 0}}
SHIPPED = "data/report.schema.json"
MESSAGE_CHARS = 160  # of a validation message, which may quote the offending value


def _type(hint: Any) -> dict[str, Any]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if dataclasses.is_dataclass(hint):
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if origin in (types.UnionType, typing.Union):
        return {"anyOf": [_type(arg) for arg in args]}
    if hint is type(None):
        return {"type": "null"}
    if origin is tuple or origin is list:
        return {"type": "array", "items": _type(args[0])}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(args[1])}
    if hint is float:
        return {"type": "number"}  # JSON has one number type: 1 and 1.0 are the same float
    return {"type": SCALARS[hint]}


def _record(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls, localns={c.__name__: c for c in RECORDS})
    properties = {}
    for f in dataclasses.fields(cls):
        prop = _type(hints[f.name])
        if "items" in prop and f.name in ITEM_BOUNDS:
            prop["items"] = {**prop["items"], **ITEM_BOUNDS[f.name]}
        properties[f.name] = {**prop, **BOUNDS.get(f.name, {})}
    # A field with a default may be left out of the JSON (to_dict omits the optional parts that are absent).
    required = [f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


@cache
def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of report.json for this version of the records."""
    defs = {cls.__name__: _record(cls) for cls in RECORDS if cls is not AuditReport}
    top = _record(AuditReport)
    top["properties"]["schema_version"]["maximum"] = SCHEMA_VERSION
    top["required"].append("schema_version")  # defaulted in the dataclass, always written
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "auditor-report.schema.json",
            "title": f"auditor report (schema_version {SCHEMA_VERSION})", **top, "$defs": defs}


def dumps_schema() -> str:
    return json.dumps(report_schema(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema() -> str:
    """The schema file in the package (what `auditor schema` prints)."""
    return files("auditor").joinpath(SHIPPED).read_text(encoding="utf-8")


def schema_problem(data: object) -> str | None:
    """The first place where data breaks the schema, as 'findings/0/original_span/start: -1 is less than …'."""
    import jsonschema

    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is None:
        return None
    where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
    return f"{where}: {shorten(' '.join(error.message.split()), MESSAGE_CHARS)}"  # a whole object can be quoted


@cache
def _validator() -> Any:
    import jsonschema

    return jsonschema.Draft202012Validator(report_schema())


if __name__ == "__main__":
    print(dumps_schema(), end="")
