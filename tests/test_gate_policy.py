"""Policy files: TOML keys, [tool.auditor] found upward from the inputs, one-line errors, baselines."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from auditor.documents import Document, Paragraph, Span
from auditor.errors import AuditError
from auditor.gate import apply_gate
from auditor.gate.baseline import baseline_toml
from auditor.gate.policy import Policy, Suppression, find_policy, load_policy, parse_policy
from auditor.records import AuditReport, Finding, Summary

POLICY = '''
fail-on = "major"
min-confidence = 0.4
ignore = ["fluency"]
equivalences = ["Kyiv = Kiev", "Zelensky = Zelenskyy = Zelenskyj"]

[fail-on-category]
quote = "never"

[[suppress]]
fingerprint = "name:0123456789abcdef"
reason = "house spelling"
accepted-by = "desk"
'''


def test_a_policy_file_reads_every_key(tmp_path: Path) -> None:
    (tmp_path / "policy.toml").write_text(POLICY)
    policy = load_policy(tmp_path / "policy.toml")
    assert policy == Policy("major", {"quote": "never"}, 0.4, ("fluency",),
                            (("Kyiv", "Kiev"), ("Zelensky", "Zelenskyy", "Zelenskyj")),
                            (Suppression("name:0123456789abcdef", "house spelling", "desk"),),
                            str(tmp_path / "policy.toml"))
    assert policy.tag() == f"policy:policy.toml@{policy.digest()}"
    assert load_policy(tmp_path / "policy.toml", fail_on="minor").fail_on == "minor"  # --fail-on wins


def test_tool_auditor_is_found_upward_from_the_inputs(tmp_path: Path) -> None:
    table = POLICY.replace("[fail-on-category]", "[tool.auditor.fail-on-category]").replace(
        "[[suppress]]", "[[tool.auditor.suppress]]")
    (tmp_path / "pyproject.toml").write_text("[tool.auditor]\n" + table)
    (tmp_path / "site" / "it").mkdir(parents=True)
    (tmp_path / "site" / "pyproject.toml").write_text("[project]\nname = 'other'\n")  # no [tool.auditor]: skipped
    (tmp_path / "policy.toml").write_text(POLICY)
    found = find_policy([Path("-"), tmp_path / "site" / "it" / "story.it.md"])
    assert found.source == str(tmp_path / "pyproject.toml")
    assert found.to_dict() == load_policy(tmp_path / "policy.toml").to_dict()


def test_without_a_policy_the_defaults_apply(tmp_path: Path) -> None:
    assert find_policy([tmp_path / "a.md"], fail_on="minor") == Policy(fail_on="minor")
    assert Policy().tag().startswith("policy:default@")


@pytest.mark.parametrize(("text", "message"), [
    ('fail_on = "major"', "unknown policy key 'fail_on'"),
    ('fail-on = "sometimes"', "fail-on must be one of critical, major, minor, never"),
    ('[fail-on-category]\nnames = "minor"', "unknown category 'names'"),
    ('[fail-on-category]\nname = "often"', "fail-on-category.name must be one of"),
    ('ignore = "quote"', "ignore must be a list"),
    ('min-confidence = 2', "min-confidence must be a number from 0 to 1"),
    ('equivalences = ["Kyiv"]', "an equivalence is written 'Kyiv = Kiev'"),
    ('[[suppress]]\nfingerprint = "name:1"', "a [[suppress]] entry needs fingerprint, reason and accepted-by"),
    ('fail-on = ', "not a readable TOML policy"),
])
def test_a_bad_policy_is_one_line_naming_the_file(tmp_path: Path, text: str, message: str) -> None:
    (tmp_path / "policy.toml").write_text(text)
    with pytest.raises(AuditError, match="policy.toml: ") as error:
        load_policy(tmp_path / "policy.toml")
    assert message in str(error.value) and "\n" not in str(error.value)


def _report() -> AuditReport:
    document = Document("a.md", "0" * 64, "en", (Paragraph(0, 0, 4, "Text"),))
    findings = (Finding("name", "critical", (0,), (0,), Span(0, 4, 'Ann "A"\nB'), Span(0, 4, "Anne\x1b[2J"), "r"),
                Finding("omission", "major", (1,), (), Span(9, 20, "A sentence."), None, "r"))
    return AuditReport("sig", document, document, (), findings, Summary.of(findings))


def test_a_baseline_accepts_every_finding_it_was_written_from(tmp_path: Path) -> None:
    text = baseline_toml(_report(), "reviewed", "desk")
    policy = parse_policy(tomllib.loads(text), "auditor-baseline.toml")
    assert [s.reason for s in policy.suppress] == ["reviewed", "reviewed"]
    result = apply_gate(_report(), policy)
    assert result.passed and [s.rule for s in result.suppressed] == ["suppression", "suppression"]
    # Article text only ever lands in one-line comments and escaped strings.
    assert all(line.startswith(("#", "[[", "fingerprint", "reason", "accepted-by")) or not line
               for line in text.splitlines())
    assert "\x1b" not in text


def test_a_policy_can_name_its_baseline_file(tmp_path: Path) -> None:
    (tmp_path / "auditor-baseline.toml").write_text(baseline_toml(_report(), "reviewed", "desk"))
    (tmp_path / "policy.toml").write_text('fail-on = "minor"\nbaseline = "auditor-baseline.toml"\n')
    assert apply_gate(_report(), load_policy(tmp_path / "policy.toml")).passed
