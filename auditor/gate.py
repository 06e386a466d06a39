"""Gate: a publication policy applied to a saved report (never re-runs a model)."""

from __future__ import annotations

from dataclasses import dataclass

from auditor.records import SEVERITIES, AuditReport


@dataclass(frozen=True, slots=True)
class GateResult:
    """Whether the report passes the policy, and the findings that failed it."""

    passed: bool
    fail_on: str
    blocking: int

    def to_dict(self) -> dict[str, object]:
        return {"passed": self.passed, "fail_on": self.fail_on, "blocking": self.blocking}


def apply_gate(report: AuditReport, fail_on: str) -> GateResult:
    """Fail when any finding is at or above the `fail_on` severity ('never' always passes)."""
    if fail_on == "never":
        return GateResult(True, fail_on, 0)
    blocking_levels = SEVERITIES[: SEVERITIES.index(fail_on) + 1]
    blocking = sum(f.severity in blocking_levels for f in report.findings)
    return GateResult(blocking == 0, fail_on, blocking)
