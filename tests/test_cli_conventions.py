"""CLI conventions: --version, '-' for stdin, --json with --no-write, enum choices, -v/-q logging, help texts."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.cli_common import ReportFormat
from auditor.report.files import FORMATS

ROOT = Path(__file__).resolve().parents[1]
EN = "Port strike ends\n\nDock workers in Halden returned to work on Monday after nine days.\n\n" \
     "The union said the deal raises pay by four percent.\n"
IT = "Finisce lo sciopero al porto\n\nI portuali di Halden sono tornati al lavoro lunedì dopo nove giorni.\n\n" \
     "Il sindacato ha detto che l'accordo aumenta la paga del quattro per cento.\n"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, encoder) -> Path:
    """A working folder with the two articles; the real encoder, loaded once per session."""
    monkeypatch.setattr(importlib.import_module("auditor.pipeline"), "load_encoder", lambda: encoder)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.en.md").write_text(EN, encoding="utf-8")
    (tmp_path / "story.it.md").write_text(IT, encoding="utf-8")
    return tmp_path


def _audit(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, ["audit", *args, "--no-backtranslation", "--fail-on", "never"], input=stdin)


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"auditor {version('auditor')}\n")


@pytest.mark.parametrize("side", [0, 1])
def test_dash_reads_one_side_from_stdin_and_no_write_writes_nothing(here: Path, side: int) -> None:
    args = ["story.en.md", "story.it.md"]
    args[side] = "-"
    result = _audit(*args, "--json", "--no-write", stdin=(EN, IT)[side])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [data["original"]["path"], data["translation"]["path"]][side] == "<stdin>"
    from_files = json.loads(_audit("story.en.md", "story.it.md", "--json", "--no-write").stdout)
    assert data["findings"] == from_files["findings"]
    assert [data[k]["sha256"] for k in ("original", "translation")] == \
           [from_files[k]["sha256"] for k in ("original", "translation")]
    assert sorted(p.name for p in here.iterdir()) == ["story.en.md", "story.it.md"]  # no reports/


def test_stdin_report_folder_is_named_stdin(here: Path) -> None:
    assert _audit("story.en.md", "-", "--quiet", stdin=IT).exit_code == 0
    assert (here / "reports" / "story.en__stdin" / "report.json").is_file()


@pytest.mark.parametrize(("args", "message"), [
    (["-", "-"], "only one side can be read from standard input (-)"),
    (["story.en.md", "story.it.md", "--engine", "fast"], "'fast' is not one of 'auto', 'transformers', 'ct2'"),
    (["story.en.md", "story.it.md", "--fail-on", "sometimes"], "'sometimes' is not one of 'critical', 'major'"),
    (["story.en.md", "story.it.md", "--format", "pdf"], "'pdf' is not one of 'auto', 'text', 'html'"),
])
def test_bad_usage_exits_2(here: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["audit", *args], input="x")
    assert result.exit_code == 2 and message in result.output


def test_verbose_logs_on_stderr_and_keeps_stdout_for_the_record(here: Path) -> None:
    result = _audit("story.en.md", "story.it.md", "--json", "--no-write", "-v")
    assert result.exit_code == 0
    assert "auditor: INFO: policy: none found above" in result.stderr
    json.loads(result.stdout)  # nothing but the record on stdout
    quiet = _audit("story.en.md", "story.it.md", "--no-write", "-q")
    assert quiet.stderr == "" and len(quiet.stdout.splitlines()) == 1


def test_report_formats_are_the_renderers() -> None:
    assert tuple(f.value for f in ReportFormat) == FORMATS


@pytest.mark.parametrize("command", [[], ["audit"], ["report"], ["gate"], ["baseline"], ["precommit"], ["schema"],
                                     ["models", "pull"],
                                     ["models", "list"]])
def test_every_help_has_an_example_and_the_exit_codes(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output and "Exit codes: 0" in result.output
    assert "<bool>" not in result.output


def test_enum_choices_complete_in_the_shell() -> None:
    env = {**os.environ, "_AUDITOR_COMPLETE": "complete_bash", "COMP_WORDS": "auditor audit a b --fail-on ",
           "COMP_CWORD": "5"}
    script = Path(sys.executable).parent / "auditor"
    result = subprocess.run([str(script)], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["critical", "major", "minor", "never"]
    assert "--install-completion" in CliRunner().invoke(app, ["--help"]).output
