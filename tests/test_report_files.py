"""Report files: default place, atomic writes, refusing another audit's files, re-rendering, the report CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import typer
from report_samples import faithful_report, injection_report, sample_report
from typer.testing import CliRunner

from auditor.cli_report import report_cli
from auditor.errors import AuditError
from auditor.records import SCHEMA_VERSION
from auditor.report import record
from auditor.report.files import default_out_dir, render_saved, write_reports

NAMES = ["report.html", "report.json", "report.md"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("original, translation, expected", [
    ("articles/budget_en.txt", "articles/budget_it.txt", "reports/budget_en__budget_it"),
    ("/abs/a.b.md", "b.html", "reports/a.b__b"),
])
def test_default_out_dir(original, translation, expected):
    assert default_out_dir(original, translation) == Path(expected)


def test_writes_three_files_that_load_back(tmp_path):
    report = sample_report()
    written = write_reports(report, tmp_path / "out" / "deep")
    assert sorted(p.name for p in written) == NAMES
    assert sorted(p.name for p in (tmp_path / "out" / "deep").iterdir()) == NAMES  # no temp files left
    assert record.load(tmp_path / "out" / "deep" / "report.json") == report
    assert (tmp_path / "out" / "deep" / "report.md").read_text(encoding="utf-8").startswith("# Translation audit")


def test_same_audit_is_overwritten(tmp_path):
    write_reports(sample_report(), tmp_path)
    again = replace(sample_report(), signature="mt:other")
    write_reports(again, tmp_path)
    assert record.load(tmp_path / "report.json").signature == "mt:other"


@pytest.mark.parametrize("prepare, message", [
    (lambda d: write_reports(injection_report(), d), "different audit"),
    (lambda d: (d / "report.json").write_text("[1, 2]"), "not a readable audit report"),
    (lambda d: (d / "report.html").write_text("<p>mine</p>"), "report.html without report.json"),
])
def test_refuses_other_files_unless_forced(tmp_path, prepare, message):
    prepare(tmp_path)
    before = snapshot(tmp_path)
    with pytest.raises(AuditError, match=message) as caught:
        write_reports(sample_report(), tmp_path)
    assert caught.value.path == str(tmp_path)
    assert snapshot(tmp_path) == before  # nothing written, no temp files
    write_reports(sample_report(), tmp_path, force=True)
    assert record.load(tmp_path / "report.json") == sample_report()


def test_unwritable_out_dir_names_it(tmp_path):
    (tmp_path / "a_file").write_text("x")
    out = tmp_path / "a_file" / "reports"
    with pytest.raises(AuditError, match="cannot write reports here") as caught:
        write_reports(sample_report(), out)
    assert str(out) in str(caught.value)


@pytest.mark.parametrize("fmt, start", [
    ("html", "<!DOCTYPE html>"), ("md", "# Translation audit: CRITICAL"), ("text", " CRITICAL "),
    ("json", '{\n  "schema_version": 1'),
])
def test_render_saved(tmp_path, fmt, start):
    write_reports(sample_report(), tmp_path)
    assert render_saved(tmp_path / "report.json", fmt).startswith(start)


@pytest.mark.parametrize("content, message", [
    ('{"verdict": "faithful"}', "not an audit report"),
    ("not json", "not a JSON audit report"),
    (None, "newer than this auditor understands"),
])
def test_render_saved_refuses_what_is_not_a_report(tmp_path, content, message):
    path = tmp_path / "report.json"
    if content is None:
        data = faithful_report().to_dict() | {"schema_version": SCHEMA_VERSION + 1}
        content = json.dumps(data)
    path.write_text(content)
    with pytest.raises(AuditError, match=message):
        render_saved(path, "html")


def test_render_saved_unknown_format(tmp_path):
    with pytest.raises(AuditError, match="unknown report format 'pdf'"):
        render_saved(tmp_path / "missing.json", "pdf")


def app() -> typer.Typer:
    cli = typer.Typer(rich_markup_mode=None)
    cli.command("report")(report_cli)
    cli.callback()(lambda: None)  # keep `report` a subcommand, as in auditor's app
    return cli


@pytest.mark.parametrize("args, code, expected", [
    (["--format", "md"], 0, "# Translation audit: CRITICAL"),
    ([], 0, "CRITICAL"),
    (["--format", "pdf"], 2, "'pdf' is not one of 'html', 'md', 'text', 'json'"),
])
def test_report_cli(tmp_path, args, code, expected):
    write_reports(sample_report(), tmp_path)
    result = CliRunner().invoke(app(), ["report", str(tmp_path / "report.json"), *args])
    assert result.exit_code == code
    assert expected in result.output


def test_report_cli_fails_in_one_line_on_a_non_report(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text("[]")
    result = CliRunner().invoke(app(), ["report", str(bad)])
    assert result.exit_code == 2
    assert result.output == f"auditor: error: {bad}: not an audit report (no schema_version/findings)\n"


@pytest.mark.parametrize("edit, message", [
    (lambda d: d.update(schema_version=-1), "schema_version -1 is not a positive integer"),
    (lambda d: d["findings"][0]["original_span"].update(start=10**9), "original span 1000000000-"),
])
def test_report_cli_refuses_a_hand_edited_report_in_one_line(tmp_path, edit, message):
    data = sample_report().to_dict()
    edit(data)
    (tmp_path / "report.json").write_text(json.dumps(data))
    result = CliRunner().invoke(app(), ["report", str(tmp_path / "report.json"), "-f", "text"])
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert result.output.startswith("auditor: error: ") and message in result.output


def test_report_cli_text_to_a_pipe_carries_no_escape_sequence(tmp_path):
    report = sample_report()
    evil = replace(report.findings[0], reason="Set the title \x1b]0;TITLE\x07 and clear \x1b[2J the screen.")
    write_reports(replace(report, findings=(evil, *report.findings[1:])), tmp_path)
    result = CliRunner().invoke(app(), ["report", str(tmp_path / "report.json"), "-f", "text"])
    assert result.exit_code == 0 and "\x1b" not in result.output and "␛]0;TITLE␇" in result.output


def test_report_cli_writes_out(tmp_path):
    write_reports(sample_report(), tmp_path)
    out = tmp_path / "again" / "view.html"
    result = CliRunner().invoke(app(), ["report", str(tmp_path / "report.json"), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0 and result.output == ""
    assert out.read_text(encoding="utf-8") == (tmp_path / "report.html").read_text(encoding="utf-8")


def test_report_cli_imports_nothing_heavy():
    code = ("import sys, auditor.cli_report; "
            "print(sorted(m for m in ('jinja2', 'torch', 'transformers', 'auditor.report.html') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "[]"


def test_a_directory_in_place_of_a_report_file_leaves_nothing_half_written(tmp_path):
    (tmp_path / "report.md").mkdir()
    with pytest.raises(AuditError, match="cannot write reports here"):
        write_reports(sample_report(), tmp_path, force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]  # no report.json, html or temp files


def test_render_saved_refuses_fields_of_the_wrong_type(tmp_path):
    data = sample_report().to_dict()
    data["findings"][0]["original_span"] = "paragraph two"  # a hand edit that keeps the schema's keys
    path = tmp_path / "report.json"
    path.write_text(json.dumps(data))
    with pytest.raises(AuditError, match="malformed audit report|not an audit report|not a valid audit report") as caught:
        render_saved(path, "html")
    assert caught.value.path == str(path)
