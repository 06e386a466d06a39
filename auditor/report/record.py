"""The JSON record: deterministic dump of an AuditReport and a checked load of a saved one."""

from __future__ import annotations

import json
import re
from pathlib import Path

from auditor.errors import AuditError
from auditor.load import read_bytes
from auditor.records import SCHEMA_VERSION, AuditReport

# json.dumps escapes C0 controls only; DEL, C1 (CSI is \x9b) and lone surrogates would reach a terminal or fail to
# encode. They can only occur inside JSON strings, so escaping them there keeps the document and its value.
_UNESCAPED = re.compile(r"[\x7f-\x9f\ud800-\udfff]")


def dumps(report: AuditReport) -> str:
    """The report as JSON text: same report, same bytes."""
    text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return _UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def load(path: str | Path) -> AuditReport:
    """Read a saved report.json, refusing files that are not reports or have a newer schema."""
    path = Path(path)
    raw = read_bytes(path, "a report.json")
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AuditError(f"not a JSON audit report ({exc.__class__.__name__})", str(path)) from None
    if not isinstance(data, dict) or "schema_version" not in data or "findings" not in data:
        raise AuditError("not an audit report (no schema_version/findings)", str(path))
    if not isinstance(data["schema_version"], int):
        raise AuditError("not an audit report (schema_version is not an integer)", str(path))
    if data["schema_version"] > SCHEMA_VERSION:
        raise AuditError(f"report schema_version {data['schema_version']} is newer than this auditor "
                         f"understands ({SCHEMA_VERSION}); upgrade auditor", str(path))
    try:
        return AuditReport.from_dict(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise AuditError(f"malformed audit report ({exc})", str(path)) from None
