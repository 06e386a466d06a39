"""The JSON record: deterministic dump of an AuditReport and a checked load of a saved one."""

from __future__ import annotations

import json
import re
from pathlib import Path

from auditor.documents import Document, Span
from auditor.errors import AuditError
from auditor.load import read_bytes
from auditor.records import SCHEMA_VERSION, AuditReport
from auditor.schema import schema_problem

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
    if not isinstance(data["schema_version"], int) or data["schema_version"] < 1:
        raise AuditError(f"not an audit report (schema_version {data['schema_version']!r} is not a positive "
                         "integer)", str(path))
    if data["schema_version"] > SCHEMA_VERSION:
        raise AuditError(f"report schema_version {data['schema_version']} is newer than this auditor "
                         f"understands ({SCHEMA_VERSION}); upgrade auditor", str(path))
    problem = schema_problem(data)
    if problem:
        raise AuditError(f"not a valid audit report ({problem})", str(path))
    try:
        report = AuditReport.from_dict(data)
        problem = _inconsistency(report)
    except (KeyError, TypeError, ValueError) as exc:
        raise AuditError(f"malformed audit report ({exc})", str(path)) from None
    if problem:
        raise AuditError(f"malformed audit report ({problem})", str(path))
    return report


def _outside(span: Span | None, length: int) -> bool:
    return span is not None and not 0 <= span.start <= span.end <= length


def _inconsistency(report: AuditReport) -> str | None:
    """What a hand-edited report got wrong that the views would otherwise show quietly (offsets, counts), if any."""
    def extent(doc: Document) -> int:
        return max((p.end for p in doc.paragraphs), default=0)
    for doc in (report.original, report.translation):
        bad = next((p for p in doc.paragraphs if not 0 <= p.start <= p.end), None)
        if bad:
            return f"{doc.path} paragraph {bad.index} has offsets {bad.start}-{bad.end}"
    if not all(isinstance(n, int) for n in report.summary.counts.values()):
        return "summary.counts holds a value that is not an integer"
    for k, f in enumerate(report.findings):
        bead = report.alignment[f.bead] if f.bead is not None and 0 <= f.bead < len(report.alignment) else None
        if f.bead is not None and bead is None:
            return f"finding {k} names bead {f.bead}, which the alignment does not have"
        back = len(bead.backtranslation or "") if bead else 0
        for side, span, length in (("original", f.original_span, extent(report.original)),
                                   ("translation", f.translation_span, extent(report.translation)),
                                   ("back-translation", f.backtranslation_span, back)):
            if _outside(span, length) and (side != "back-translation" or bead):
                return f"finding {k}: its {side} span {span.start}-{span.end} lies outside the text (0-{length})"
    return None
