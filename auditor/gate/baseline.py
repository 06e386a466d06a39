"""`auditor baseline`: a saved report's findings written as policy suppressions (TOML), to accept them as known."""

from __future__ import annotations

import json

from auditor.excerpt import shorten
from auditor.gate.policy import fingerprint
from auditor.records import AuditReport, Finding

DEFAULT_REASON = "known difference, accepted in the baseline"


def baseline_toml(report: AuditReport, reason: str = DEFAULT_REASON, accepted_by: str = "baseline") -> str:
    """One [[suppress]] entry per finding, each under a comment saying what it is."""
    lines = [f"# auditor baseline: {_comment(report.original.path)} → {_comment(report.translation.path)}",
             "# Use it with `auditor audit --policy THIS_FILE`, or `baseline = \"THIS_FILE\"` in [tool.auditor].", ""]
    for finding in report.findings:
        lines += [f"# {_comment(_what(finding))}", "[[suppress]]",
                  f"fingerprint = {_string(fingerprint(finding))}", f"reason = {_string(reason)}",
                  f"accepted-by = {_string(accepted_by)}", ""]
    return "\n".join(lines)


def _what(finding: Finding) -> str:
    spans = [f"“{shorten(span.text, 60)}”" if span else "—"
             for span in (finding.original_span, finding.translation_span)]
    return f"{finding.severity} {finding.category}: {spans[0]} → {spans[1]}"


def _string(text: str) -> str:
    # A JSON string is a TOML basic string: the same quotes and escapes (\" \\ \n \uXXXX).
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str) -> str:
    """Article text on one comment line: no line breaks or control characters can end the comment."""
    return " ".join("".join(c if c.isprintable() else " " for c in text).split())
