"""The bundled example under a policy: an equivalence and a suppression turn a failed gate into a pass."""

from __future__ import annotations

import importlib
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.gate.policy import fingerprint
from auditor.report import record

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory, encoder) -> Path:
    """The example's saved report, audited once with no policy (exit 1: two critical findings)."""
    here = tmp_path_factory.mktemp("example")
    shutil.copytree(ROOT / "examples", here / "examples")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(importlib.import_module("auditor.pipeline"), "load_encoder", lambda: encoder)
        result = CliRunner().invoke(app, ["audit", str(here / "examples/article.en.md"),
                                          str(here / "examples/article.it.md"), "--no-backtranslation",
                                          "--out", str(here / "out")])
    assert result.exit_code == 1, result.output
    return here


def _policy(example: Path, text: str) -> Path:
    path = example / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _negation_fingerprint(example: Path) -> str:
    report = record.load(example / "out" / "report.json")
    return next(fingerprint(f) for f in report.findings if f.category == "negation")


@pytest.mark.parametrize(("with_suppression", "exit_code", "line"), [
    (False, 1, "gate: FAILED"),
    (True, 0, "gate: passed"),
])
def test_gate_with_an_equivalence_and_a_suppression(example: Path, with_suppression: bool, exit_code: int,
                                                    line: str) -> None:
    text = 'equivalences = ["Katherine = Catherine"]\n'
    if with_suppression:
        text += (f'[[suppress]]\nfingerprint = "{_negation_fingerprint(example)}"\n'
                 'reason = "idiomatic: the desk read it as intended"\naccepted-by = "M. Bianchi"\n')
    result = CliRunner().invoke(app, ["gate", str(example / "out" / "report.json"),
                                      "--policy", str(_policy(example, text))])
    assert result.exit_code == exit_code, result.output
    assert "let through: finding 3 (name:" in result.output  # Katherine Oduya → Catherine Oduya
    assert "accepted equivalence: Katherine = Catherine" in result.output
    assert ("idiomatic: the desk read it as intended (accepted by M. Bianchi)" in result.output) == with_suppression
    assert line in result.output.splitlines()[-1]


def test_baseline_then_gate_passes_and_fail_on_still_overrides(example: Path) -> None:
    baseline = CliRunner().invoke(app, ["baseline", str(example / "out" / "report.json"), "--by", "desk"])
    assert baseline.exit_code == 0 and baseline.output.count("[[suppress]]") == 5
    path = _policy(example, baseline.output)
    assert CliRunner().invoke(app, ["gate", str(example / "out" / "report.json"), "--policy", str(path),
                                    "--fail-on", "minor"]).exit_code == 0


def test_audit_with_a_policy_records_it_in_the_report(example: Path, encoder,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "load_encoder", lambda: encoder)
    path = _policy(example, 'fail-on = "major"\nignore = ["number", "addition", "omission"]\n'
                            'equivalences = ["Katherine = Catherine"]\n[fail-on-category]\nnegation = "never"\n')
    result = CliRunner().invoke(app, ["audit", str(example / "examples/article.en.md"),
                                      str(example / "examples/article.it.md"), "--no-backtranslation",
                                      "--out", str(example / "with-policy"), "--policy", str(path)])
    assert result.exit_code == 0, result.output
    saved = json.loads((example / "with-policy" / "report.json").read_text())
    assert saved["gate"]["passed"] and saved["gate"]["fail_on"] == "major"
    assert [s["rule"] for s in saved["gate"]["suppressed"]] == ["ignored", "ignored", "equivalence", "ignored"]
    assert "|policy:policy.toml@" in saved["signature"]
    markdown = (example / "with-policy" / "report.md").read_text()
    assert "## Let through by the policy" in markdown and "accepted equivalence: Katherine = Catherine" in markdown
    assert "let through by the policy: accepted equivalence" in (example / "with-policy" / "report.html").read_text()
