"""CLI: exit codes (0 pass, 1 gate failed, 2 bad input), one-line errors, --json, report files in --out."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fake_embed
from typer.testing import CliRunner

from auditor.cli import app

ROOT = Path(__file__).resolve().parents[1]
EN = ["Port strike ends", "Dock workers in Halden returned to work on Monday.", "The strike lasted nine days.",
      "Unions said the deal raises pay by 4%.", "Ships queued outside the harbour all week.",
      "Shops ran short of fresh fruit.", "The mayor thanked both sides."]
IT = ["Finisce lo sciopero al porto", "I portuali di Halden sono tornati al lavoro lunedì.",
      "Lo sciopero è durato nove giorni.", "I sindacati hanno detto che l'accordo aumenta la paga del 4%.",
      "Le navi hanno fatto la fila fuori dal porto per tutta la settimana.",
      "Nei negozi è mancata la frutta fresca.", "Il sindaco ha ringraziato entrambe le parti."]
EMBED = fake_embed(list(zip(EN, IT, strict=True)))


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Input files in tmp_path; the CLI's encoder is the fake one so no model loads."""
    # By module object: the pipeline module.
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "load_encoder", lambda: EMBED)
    contents: dict[str, bytes] = {
        "original.en.txt": "\n\n".join(EN).encode(),
        "truncated.it.txt": "\n\n".join(IT[:4]).encode(),  # the last 3 paragraphs dropped: critical
        "full.it.txt": "\n\n".join(IT).encode(),
        "truncated-share.it.txt": "\n\n".join([*IT[:4], "Condividi questo articolo"]).encode(),
        "empty.txt": b" \n\n ",
        "binary.bin": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    }
    for name, data in contents.items():
        (tmp_path / name).write_bytes(data)
    return {name: tmp_path / name for name in contents}


def _run(*args: str | Path):
    return CliRunner().invoke(app, ["audit", *map(str, args), "--no-backtranslation"])


@pytest.mark.parametrize(("inputs", "options", "message"), [
    (("missing.txt", "truncated.it.txt"), (), "missing.txt: file not found"),
    (("original.en.txt", "empty.txt"), (), "empty.txt: is empty"),
    (("binary.bin", "truncated.it.txt"), (), "binary.bin: looks like a binary file"),
    (("original.en.txt", "original.en.txt"), (), "original.en.txt: the same file was given"),
    (("original.en.txt", "truncated.it.txt"), ("--source-lang", "xx"), "language 'xx' is not supported"),
    (("original.en.txt", "truncated.it.txt"), ("--target-lang", "sw"), "language 'sw' is not supported"),
    (("original.en.txt", "truncated.it.txt"), ("--beam", "0"), "beam and band must be >= 1"),
])
def test_bad_input_exits_2_with_one_line(files: dict[str, Path], tmp_path: Path, inputs: tuple[str, str],
                                         options: tuple[str, ...], message: str) -> None:
    out = tmp_path / "out"
    result = _run(*(tmp_path / name for name in inputs), "--out", out, *options)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("auditor: error: ") and message in result.stderr
    assert not out.exists()


def test_unwritable_out_exits_2(files: dict[str, Path]) -> None:
    out = files["full.it.txt"] / "reports"  # a folder under a regular file
    result = _run(files["original.en.txt"], files["truncated.it.txt"], "--out", out)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"auditor: error: {out}: cannot write") and len(result.stderr.splitlines()) == 1
    assert files["full.it.txt"].read_bytes() == "\n\n".join(IT).encode()


@pytest.mark.parametrize(("translation", "fail_on", "exit_code", "verdict"), [
    ("truncated.it.txt", "critical", 1, "CRITICAL"),
    ("truncated.it.txt", "major", 1, "CRITICAL"),
    ("truncated.it.txt", "never", 0, "CRITICAL"),
    pytest.param("full.it.txt", "critical", 0, "FAITHFUL"),
    pytest.param("full.it.txt", "minor", 0, "FAITHFUL"),
])
def test_gate_exit_code(files: dict[str, Path], tmp_path: Path, translation: str, fail_on: str, exit_code: int,
                        verdict: str) -> None:
    out = tmp_path / "out"
    result = _run(files["original.en.txt"], files[translation], "--out", out, "--fail-on", fail_on)
    assert result.exit_code == exit_code, result.output
    assert result.stdout.split()[0] == verdict
    assert ("gate: FAILED" in result.stdout) is (exit_code == 1)
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]


def test_truncation_with_translation_boilerplate_fails_the_gate(files: dict[str, Path], tmp_path: Path) -> None:
    result = _run(files["original.en.txt"], files["truncated-share.it.txt"], "--out", tmp_path / "out")
    assert result.exit_code == 1


def test_json_output(files: dict[str, Path], tmp_path: Path) -> None:
    result = _run(files["original.en.txt"], files["truncated.it.txt"], "--out", tmp_path / "out", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [(f["category"], f["severity"], f["original_paragraphs"]) for f in data["findings"]] == [
        ("truncation", "critical", [4, 5, 6])]
    assert "stops after original paragraph 4; 3 content paragraphs are missing" in data["findings"][0]["reason"]
    assert result.stdout == (tmp_path / "out" / "report.json").read_text(encoding="utf-8")


def test_same_input_same_bytes(files: dict[str, Path], tmp_path: Path) -> None:
    for name in ("one", "two"):
        assert _run(files["original.en.txt"], files["truncated.it.txt"], "--out", tmp_path / name).exit_code == 1
    assert (tmp_path / "one" / "report.json").read_bytes() == (tmp_path / "two" / "report.json").read_bytes()


def test_out_folder_holds_one_audit(files: dict[str, Path], tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = out / "report.json"
    original = files["original.en.txt"]
    assert _run(original, files["truncated.it.txt"], "--out", out, "--fail-on", "never").exit_code == 0
    first = report.read_bytes()
    assert _run(original, files["truncated.it.txt"], "--out", out, "--fail-on", "never").exit_code == 0
    assert report.read_bytes() == first
    refused = _run(original, files["full.it.txt"], "--out", out)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"auditor: error: {out}: ") and "different audit" in refused.stderr
    assert refused.stderr.endswith("(use --force)\n") and len(refused.stderr.splitlines()) == 1
    assert report.read_bytes() == first
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]
    assert _run(original, files["full.it.txt"], "--out", out, "--force").exit_code == 0
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["translation"]["path"], len(data["translation"]["paragraphs"])) == (str(files["full.it.txt"]), 7)


def test_python_m_auditor_help() -> None:
    result = subprocess.run([sys.executable, "-m", "auditor", "--help"], cwd=ROOT, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0
    assert "audit" in result.stdout and result.stderr == ""


def test_another_audits_folder_is_refused_before_any_work(files: dict[str, Path], tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    assert _run(files["original.en.txt"], files["full.it.txt"], "--out", out).exit_code == 0

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the audit ran although its reports could not be written")
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "audit_files", must_not_run)
    refused = _run(files["original.en.txt"], files["truncated.it.txt"], "--out", out)
    assert refused.exit_code == 2 and "different audit" in refused.stderr


def test_a_folder_with_a_stray_report_is_refused_before_any_work(files: dict[str, Path], tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.html").write_text("<p>someone else's page</p>", encoding="utf-8")

    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the audit ran although its reports could not be written")
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "audit_files", must_not_run)
    refused = _run(files["original.en.txt"], files["full.it.txt"], "--out", out)
    assert refused.exit_code == 2 and "report.html without report.json" in refused.stderr
