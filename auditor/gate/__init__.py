"""Gate: a publication policy applied to a saved report (never re-runs a model)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from typing import Any

from auditor.gate.policy import Policy, accepted_pair, fingerprint
from auditor.records import SEVERITY_RANK, AuditReport, Finding

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding the policy lets through, and why (`rule`: equivalence, suppression, ignored or confidence)."""

    finding: int
    fingerprint: str
    rule: str
    why: str

    def to_dict(self) -> dict[str, Any]:
        return {"finding": self.finding, "fingerprint": self.fingerprint, "rule": self.rule, "why": self.why}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Suppressed:
        return cls(data["finding"], data["fingerprint"], data["rule"], data["why"])


@dataclass(frozen=True, slots=True)
class GateResult:
    """Whether the report passes the policy, how many findings block it, and what the policy let through."""

    passed: bool
    fail_on: str
    blocking: int
    policy: str = "policy:default"
    suppressed: tuple[Suppressed, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"passed": self.passed, "fail_on": self.fail_on, "blocking": self.blocking, "policy": self.policy,
                "suppressed": [s.to_dict() for s in self.suppressed]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> GateResult:
        return cls(data["passed"], data["fail_on"], data["blocking"], data["policy"],
                   tuple(Suppressed.from_dict(s) for s in data["suppressed"]))


def apply_gate(report: AuditReport, policy: Policy | None = None) -> GateResult:
    """Fail when a finding the policy does not let through is at or above its category's fail-on level."""
    policy = policy or Policy()
    suppressed, blocking = [], 0
    for k, finding in enumerate(report.findings):
        mark = fingerprint(finding)
        excuse = _excuse(finding, mark, policy)
        if excuse:
            log.info("gate: finding %d (%s) let through: %s", k + 1, mark, excuse[1])
            suppressed.append(Suppressed(k, mark, *excuse))
        elif _blocks(finding, policy.level(finding.category)):
            blocking += 1
    return GateResult(blocking == 0, policy.fail_on, blocking, policy.tag(), tuple(suppressed))


def gated(report: AuditReport, policy: Policy | None = None) -> tuple[AuditReport, GateResult]:
    """The report with its gate result attached and the policy in its signature, and that result."""
    result = apply_gate(report, policy)
    return replace(report, signature=with_policy(report.signature, result.policy), gate=result), result


def with_policy(signature: str, tag: str) -> str:
    """The signature with its policy part replaced by tag, placed before the auditor version (versions last)."""
    parts = [p for p in signature.split("|") if not p.startswith("policy:")]
    last = next((k for k, p in enumerate(parts) if p.startswith("auditor:")), len(parts))
    return "|".join([*parts[:last], tag, *parts[last:]])


def _blocks(finding: Finding, level: str) -> bool:
    return level != "never" and SEVERITY_RANK[finding.severity] <= SEVERITY_RANK[level]


def _excuse(finding: Finding, mark: str, policy: Policy) -> tuple[str, str] | None:
    """(rule, why) when the policy lets this finding through; the first rule that applies wins."""
    if finding.category in policy.ignore:
        return "ignored", f"category {finding.category} is ignored by the policy"
    accepted = next((s for s in policy.suppress if s.fingerprint == mark), None)
    if accepted:
        return "suppression", f"{accepted.reason} (accepted by {accepted.accepted_by})"
    pair = accepted_pair(finding, policy.equivalences)
    if pair:
        return "equivalence", f"accepted equivalence: {pair}"
    # Findings gain a confidence from the detectors; one without it is as sure as its severity says.
    confidence = getattr(finding, "confidence", None)
    confidence = 1.0 if confidence is None else confidence
    if confidence < policy.min_confidence:
        return "confidence", f"confidence {confidence:.2f} is below the policy's minimum {policy.min_confidence:.2f}"
    return None
