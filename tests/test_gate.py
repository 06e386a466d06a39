"""Gate: fail-on levels, per-category levels, ignored categories, equivalences, suppressions, confidence."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from auditor.documents import Document, Paragraph, Span
from auditor.gate import GateResult, Suppressed, apply_gate, gated, with_policy
from auditor.gate.policy import Policy, Suppression, fingerprint
from auditor.records import AuditReport, Finding, Summary

DOCUMENT = Document("a.txt", "0" * 64, "en", (Paragraph(0, 0, 4, "Text"),))


def _finding(severity: str = "major", category: str = "omission", original: str | None = "a",
             translation: str | None = None, start: int = 0) -> Finding:
    spans = [None if text is None else Span(start, start + len(text), text) for text in (original, translation)]
    return Finding(category, severity, (0,), (), spans[0], spans[1], "reason")


def _report(*findings: Finding) -> AuditReport:
    return AuditReport("mt:none|aligner:dp|auditor:0.1.0", DOCUMENT, DOCUMENT, (), findings, Summary.of(findings))


@pytest.mark.parametrize(("fail_on", "severities", "passed", "blocking"), [
    ("critical", (), True, 0),
    ("critical", ("minor",), True, 0),
    ("critical", ("major", "minor"), True, 0),
    ("critical", ("critical",), False, 1),
    ("critical", ("critical", "major", "critical"), False, 2),
    ("major", ("minor", "minor"), True, 0),
    ("major", ("major",), False, 1),
    ("major", ("critical", "major", "minor"), False, 2),
    ("minor", ("minor",), False, 1),
    ("minor", ("critical", "major", "minor"), False, 3),
    ("never", ("critical", "major", "minor"), True, 0),
])
def test_fail_on_levels(fail_on: str, severities: tuple[str, ...], passed: bool, blocking: int) -> None:
    result = apply_gate(_report(*(_finding(s) for s in severities)), Policy(fail_on=fail_on))
    assert (result.passed, result.fail_on, result.blocking, result.suppressed) == (passed, fail_on, blocking, ())


@pytest.mark.parametrize(("policy", "finding", "blocking", "rule"), [
    (Policy(fail_on_category={"name": "minor"}), _finding("minor", "name", "Ann", "Anne"), 1, None),
    (Policy(fail_on_category={"quote": "never"}), _finding("critical", "quote", "a", "b"), 0, None),
    (Policy(ignore=("quote",)), _finding("critical", "quote", "a", "b"), 0, "ignored"),
    (Policy(equivalences=(("Kyiv", "Kiev"),)), _finding("critical", "name", "Kiev", "Kyiv"), 0, "equivalence"),
    (Policy(equivalences=(("Kyiv", "Kiev"),)), _finding("critical", "name", "in KYIV,", "in Kiev"), 0,
     "equivalence"),
    (Policy(equivalences=(("Katherine", "Catherine"),)),
     _finding("critical", "name", "Katherine Oduya", "Catherine Oduya"), 0, "equivalence"),
    (Policy(equivalences=(("Zelensky", "Zelenskyy", "Zelenskyi"),)),
     _finding("critical", "name", "Zelenskyy", "Zelenskyi"), 0, "equivalence"),
    (Policy(equivalences=(("Kyiv", "Kiev"),)), _finding("critical", "name", "Kiev", "Lviv"), 1, None),
    (Policy(equivalences=(("Kyiv", "Kiev"),)), _finding("critical", "name", "Kievan", "Kyivan"), 1, None),
    (Policy(equivalences=(("Kyiv", "Kiev"),)), _finding("critical", "omission", "Kiev", None), 1, None),
])
def test_policy_rules(policy: Policy, finding: Finding, blocking: int, rule: str | None) -> None:
    result = apply_gate(_report(finding), policy)
    assert result.blocking == blocking
    assert [s.rule for s in result.suppressed] == ([rule] if rule else [])


def test_a_suppression_names_its_reason_and_who_accepted_it() -> None:
    finding = _finding("critical", "negation", "We can only welcome it", "Non possiamo accoglierlo")
    accepted = Suppression(fingerprint(finding), "reviewed: idiomatic", "J. Rossi")
    result = apply_gate(_report(finding, _finding("critical")), Policy(suppress=(accepted,)))
    assert result.blocking == 1
    assert result.suppressed == (Suppressed(0, fingerprint(finding), "suppression",
                                            "reviewed: idiomatic (accepted by J. Rossi)"),)


@pytest.mark.parametrize(("same", "other"), [
    (_finding("major", "number", "12,500 people", "21.500 persone", start=40),
     _finding("critical", "number", "12,500  People", "21.500 persone.", start=900)),
])
def test_fingerprint_ignores_offsets_severity_case_punctuation_and_spacing(same: Finding, other: Finding) -> None:
    assert fingerprint(same) == fingerprint(other)
    assert fingerprint(same).startswith("number:")


@pytest.mark.parametrize("changed", [
    _finding("major", "date", "12,500 people", "21.500 persone"),
    _finding("major", "number", "12,500 people", "21.600 persone"),
    _finding("major", "number", None, "21.500 persone"),
])
def test_fingerprint_changes_with_category_or_text(changed: Finding) -> None:
    assert fingerprint(changed) != fingerprint(_finding("major", "number", "12,500 people", "21.500 persone"))


@pytest.mark.parametrize(("confidence", "blocking"), [(0.3, 0), (0.5, 1), (None, 1), ("missing", 1)])
def test_min_confidence(confidence: object, blocking: int) -> None:
    # Findings gain a `confidence` from the detectors; a missing one (or None) counts as 1.0.
    fields = {"category": "name", "severity": "critical", "original_span": None, "translation_span": None}
    finding = SimpleNamespace(**fields, **({} if confidence == "missing" else {"confidence": confidence}))
    report = AuditReport("sig", DOCUMENT, DOCUMENT, (), (finding,), Summary("critical"))  # type: ignore[arg-type]
    result = apply_gate(report, Policy(min_confidence=0.5))
    assert result.blocking == blocking
    assert [s.rule for s in result.suppressed] == (["confidence"] if blocking == 0 else [])


@pytest.mark.parametrize(("signature", "expected"), [
    ("mt:none|aligner:dp|skip:0.4|auditor:0.1.0", "mt:none|aligner:dp|skip:0.4|policy:p@1|auditor:0.1.0"),
    ("mt:none|policy:old@2|auditor:0.1.0", "mt:none|policy:p@1|auditor:0.1.0"),
    ("mt:none", "mt:none|policy:p@1"),
])
def test_the_policy_goes_into_the_signature_before_the_version(signature: str, expected: str) -> None:
    assert with_policy(signature, "policy:p@1") == expected


def test_gated_report_round_trips_with_its_gate() -> None:
    finding = _finding("critical", "name", "Kiev", "Kyiv")
    report, result = gated(_report(finding, _finding("minor")), Policy(equivalences=(("Kyiv", "Kiev"),)))
    assert report.gate == result and result.passed
    assert Policy(equivalences=(("Kyiv", "Kiev"),)).tag() in report.signature
    assert AuditReport.from_dict(report.to_dict()) == report
    assert GateResult.from_dict(result.to_dict()) == result
    assert "gate" not in _report(finding).to_dict()
