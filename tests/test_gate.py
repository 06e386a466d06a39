"""Gate: fail_on levels against finding severities."""

from __future__ import annotations

import pytest

from auditor.documents import Document, Paragraph
from auditor.gate import GateResult, apply_gate
from auditor.records import AuditReport, Finding, Summary

DOCUMENT = Document("a.txt", "0" * 64, "en", (Paragraph(0, 0, 4, "Text"),))


def _report(*severities: str) -> AuditReport:
    findings = tuple(Finding("omission", s, (0,), (), None, None, "reason") for s in severities)
    return AuditReport("sig", DOCUMENT, DOCUMENT, (), findings, Summary.of(findings))


@pytest.mark.parametrize(("fail_on", "severities", "passed", "blocking"), [
    ("critical", (), True, 0),
    ("critical", ("minor",), True, 0),
    ("critical", ("major", "minor"), True, 0),
    ("critical", ("critical",), False, 1),
    ("critical", ("critical", "major", "critical"), False, 2),
    ("major", (), True, 0),
    ("major", ("minor", "minor"), True, 0),
    ("major", ("major",), False, 1),
    ("major", ("critical", "major", "minor"), False, 2),
    ("minor", (), True, 0),
    ("minor", ("minor",), False, 1),
    ("minor", ("critical", "major", "minor"), False, 3),
    ("never", (), True, 0),
    ("never", ("critical", "major", "minor"), True, 0),
])
def test_apply_gate(fail_on: str, severities: tuple[str, ...], passed: bool, blocking: int) -> None:
    result = apply_gate(_report(*severities), fail_on)
    assert result == GateResult(passed, fail_on, blocking)
    assert result.to_dict() == {"passed": passed, "fail_on": fail_on, "blocking": blocking}
