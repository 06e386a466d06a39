"""`auditor gate`, `auditor baseline` and `audit --policy`: an equivalence and a suppression change the gate."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.documents import Document, Paragraph, Span
from auditor.gate.policy import fingerprint
from auditor.records import AuditReport, Finding, Summary
from auditor.report import record

ROOT = Path(__file__).resolve().parents[1]
EN = "Katherine Oduya said: “We can only welcome this decision.” 12,500 workers voted."
IT = "Catherine Oduya ha detto: «Non possiamo accogliere questa decisione». Hanno votato 12.500 lavoratori."


def _finding(category: str, severity: str, original: str, translation: str) -> Finding:
    spans = [Span(text.index(part), text.index(part) + len(part), part)
             for text, part in ((EN, original), (IT, translation))]
    return Finding(category, severity, (0,), (0,), spans[0], spans[1], f"{original} → {translation}")


FINDINGS = (_finding("name", "critical", "Katherine Oduya", "Catherine Oduya"),
            _finding("negation", "critical", "We can only welcome", "Non possiamo accogliere"),
            _finding("number", "minor", "12,500", "12.500"))


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    """A saved report with two critical findings (a name spelt another way, a negation) and a minor one."""
    docs = [Document(f"a.{lang}.md", "0" * 64, lang, (Paragraph(0, 0, len(text), text),))
            for lang, text in (("en", EN), ("it", IT))]
    path = tmp_path / "report.json"
    path.write_text(record.dumps(AuditReport("mt:none|auditor:0", *docs, (), FINDINGS, Summary.of(FINDINGS))))
    return path


def _gate(saved: Path, policy: str, *options: str):
    (saved.parent / "policy.toml").write_text(policy, encoding="utf-8")
    return CliRunner().invoke(app, ["gate", str(saved), "--policy", str(saved.parent / "policy.toml"), *options])


SUPPRESS = (f'[[suppress]]\nfingerprint = "{fingerprint(FINDINGS[1])}"\n'
            'reason = "idiomatic: the desk read it as intended"\naccepted-by = "M. Bianchi"\n')


@pytest.mark.parametrize(("policy", "exit_code", "let_through"), [
    ("", 1, []),
    ('equivalences = ["Katherine = Catherine"]\n', 1, ["finding 1 (name:"]),
    (SUPPRESS, 1, ["finding 2 (negation:"]),
    ('equivalences = ["Katherine = Catherine"]\n' + SUPPRESS, 0, ["finding 1 (name:", "finding 2 (negation:"]),
    ('fail-on = "minor"\nequivalences = ["Katherine = Catherine"]\n' + SUPPRESS, 1,
     ["finding 1 (name:", "finding 2 (negation:"]),
])
def test_an_equivalence_and_a_suppression_change_the_gate(saved: Path, policy: str, exit_code: int,
                                                          let_through: list[str]) -> None:
    result = _gate(saved, policy)
    assert result.exit_code == exit_code, result.output
    lines = result.output.splitlines()
    assert [line.split(": ", 1)[1][:len(want)] for line, want in zip(lines, let_through, strict=False)] == let_through
    assert lines[-1].startswith("gate: passed" if exit_code == 0 else "gate: FAILED")
    if len(let_through) == 2:
        assert "accepted equivalence: Katherine = Catherine" in lines[0]
        assert "idiomatic: the desk read it as intended (accepted by M. Bianchi)" in lines[1]


def test_fail_on_overrides_the_policy(saved: Path) -> None:
    assert _gate(saved, 'fail-on = "never"\n').exit_code == 0
    assert _gate(saved, 'fail-on = "never"\n', "--fail-on", "minor").exit_code == 1


def test_a_baseline_lets_every_current_finding_through(saved: Path) -> None:
    baseline = CliRunner().invoke(app, ["baseline", str(saved), "--by", "desk", "--reason", "known"])
    assert baseline.exit_code == 0 and baseline.output.count("[[suppress]]") == 3
    result = _gate(saved, baseline.output, "--fail-on", "minor")
    assert result.exit_code == 0 and result.output.count("known (accepted by desk)") == 3


def test_a_bad_policy_is_exit_2(saved: Path) -> None:
    result = _gate(saved, 'fail-on = "sometimes"\n')
    assert result.exit_code == 2 and result.stderr.startswith("auditor: error: ") and "policy.toml" in result.stderr


def test_audit_with_a_policy_records_it_in_the_report(tmp_path: Path, encoder,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "load_encoder", lambda: encoder)
    monkeypatch.chdir(tmp_path)  # where --no-write must leave no reports/ folder
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    args = ["audit", str(tmp_path / "examples/article.en.md"), str(tmp_path / "examples/article.it.md"),
            "--no-backtranslation", "--json", "--no-write"]
    plain = json.loads(CliRunner().invoke(app, args).stdout)
    assert not plain["gate"]["passed"]
    # Accept the blocking findings by fingerprint, as a desk would after review.
    blocking = [Finding.from_dict(f) for f in plain["findings"] if f["severity"] == "critical"]
    (tmp_path / "pyproject.toml").write_text("[tool.auditor]\n" + "".join(
        f'[[tool.auditor.suppress]]\nfingerprint = "{fingerprint(f)}"\nreason = "reviewed"\naccepted-by = "desk"\n'
        for f in blocking))
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    gated = json.loads(result.stdout)
    assert gated["gate"]["passed"] and len(gated["gate"]["suppressed"]) == len(blocking)
    assert {s["why"] for s in gated["gate"]["suppressed"]} == {"reviewed (accepted by desk)"}
    assert "|policy:pyproject.toml@" in gated["signature"] and "|policy:default@" in plain["signature"]
    assert not (tmp_path / "reports").exists()
