"""CLI hardening: one-line errors for loops, unreadable files and hostile names; one audit per --out folder; an
unwritable --out refused before the audit; SIGTERM leaves no lock and no half-made folder."""

from __future__ import annotations

import fcntl
import importlib
import json
import os
import pathlib
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fake_embed
from typer.testing import CliRunner

from auditor.cli import app
from auditor.report.publish import LOCK_NAME

TESTS = Path(__file__).resolve().parent
EN = ["Port strike ends", "Dock workers in Halden returned to work on Monday.", "The strike lasted nine days.",
      "Unions said the deal raises pay by 4%.", "Ships queued outside the harbour all week."]
IT = ["Finisce lo sciopero al porto", "I portuali di Halden sono tornati al lavoro lunedì.",
      "Lo sciopero è durato nove giorni.", "I sindacati hanno detto che l'accordo aumenta la paga del 4%.",
      "Le navi hanno fatto la fila fuori dal porto per tutta la settimana."]
PIPELINE = importlib.import_module("auditor.pipeline")


@pytest.fixture
def inputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """original, a full and a truncated translation; the CLI's encoder is a fake one."""
    monkeypatch.setattr(PIPELINE, "load_encoder", lambda: fake_embed(list(zip(EN, IT, strict=True))))
    paths = (tmp_path / "en.txt", tmp_path / "full.it.txt", tmp_path / "short.it.txt")
    for path, paragraphs in zip(paths, (EN, IT, IT[:3]), strict=True):
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    return paths


def _run(*args: str | Path):
    return CliRunner().invoke(app, ["audit", *map(str, args), "--no-backtranslation", "--fail-on", "never"])


def _one_error_line(result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == "" and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("auditor: error: ") and message in result.stderr


def test_a_symlink_loop_is_one_line_and_exit_2(inputs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    (tmp_path / "loop_a").symlink_to(tmp_path / "loop_b")
    (tmp_path / "loop_b").symlink_to(tmp_path / "loop_a")
    result = _run(inputs[0], tmp_path / "loop_a", "--out", tmp_path / "out")
    _one_error_line(result, "loop_a: cannot read the file (Too many levels of symbolic links)")
    assert not (tmp_path / "out").exists()


def test_an_unreadable_file_is_one_line_not_a_usage_box(inputs: tuple[Path, Path, Path], tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    secret = inputs[1]
    real_read = pathlib.Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self == secret:  # as for a mode-000 file when not root (tests here may run as root)
            raise PermissionError(13, "Permission denied", str(self))
        return real_read(self)
    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)  # what click's readable check would see
    _one_error_line(_run(inputs[0], secret, "--out", tmp_path / "out"), "full.it.txt: cannot read the file "
                                                                         "(Permission denied)")


def test_escapes_in_a_file_name_do_not_reach_the_error_line(inputs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    evil = tmp_path / "gone\x1b]0;TITLE\x07\nsecond line\x1b[2J.txt"
    result = _run(inputs[0], evil, "--out", tmp_path / "out")
    _one_error_line(result, "gone␛]0;TITLE␇ second line␛[2J.txt: file not found")
    assert "\x1b" not in result.stderr


def test_escapes_in_a_file_name_do_not_reach_the_summary(inputs: tuple[Path, Path, Path], tmp_path: Path) -> None:
    evil = tmp_path / "x\x1b[2J.it.txt"
    evil.write_bytes(inputs[2].read_bytes())
    result = _run(inputs[0], evil, "--out", tmp_path / "out")
    assert result.exit_code == 0 and "x␛[2J.it.txt" in result.stdout and "\x1b" not in result.stdout


@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_old_mac_and_windows_line_endings_give_the_truncation_not_omissions(inputs: tuple[Path, Path, Path],
                                                                            tmp_path: Path, ending: str) -> None:
    for path in inputs[::2]:
        path.write_bytes(path.read_bytes().replace(b"\n", ending.encode()))
    result = CliRunner().invoke(app, ["audit", str(inputs[0]), str(inputs[2]), "--no-backtranslation", "--json",
                                      "--out", str(tmp_path / "out")])
    findings = json.loads(result.stdout)["findings"]
    assert result.exit_code == 1 and [(f["category"], f["original_paragraphs"]) for f in findings] == [
        ("truncation", [3, 4])]


def test_an_unwritable_out_is_refused_before_the_audit(inputs: tuple[Path, Path, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_run(*args: object, **kwargs: object) -> None:
        raise AssertionError("the audit ran although its reports could not be written")
    monkeypatch.setattr(PIPELINE, "audit", must_not_run)
    out = inputs[0] / "reports"  # under a regular file
    _one_error_line(_run(inputs[0], inputs[1], "--out", out), f"{out}: cannot write reports here")


def test_the_out_folder_is_locked_while_the_audit_runs(inputs: tuple[Path, Path, Path], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    out, real_audit, seen = tmp_path / "out", PIPELINE.audit, []

    def audit_and_try_the_lock(*args: object, **kwargs: object) -> object:
        fd = os.open(out / LOCK_NAME, os.O_RDWR)
        try:
            with pytest.raises(BlockingIOError):
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a second audit into `out` runs into
        finally:
            os.close(fd)
        seen.append(True)
        return real_audit(*args, **kwargs)
    monkeypatch.setattr(PIPELINE, "audit", audit_and_try_the_lock)
    assert _run(inputs[0], inputs[1], "--out", out).exit_code == 0 and seen == [True]
    assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]


def _audit_in_a_child(*args: str | Path, before: str = "") -> subprocess.Popen[str]:
    """`auditor audit ARGS` in a fresh interpreter with the fake encoder (and `before` run first)."""
    code = (f"import sys; sys.path.insert(0, {str(TESTS)!r})\n"
            "from conftest import fake_embed\nimport auditor.pipeline as p\n"
            f"p.load_encoder = lambda: fake_embed({list(zip(EN, IT, strict=True))!r})\n{before}\n"
            "from auditor.cli import app\n"
            f"app({['audit', *map(str, args), '--no-backtranslation', '--fail-on', 'never']!r})\n")
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_audits_started_together_into_one_empty_folder_never_both_write(inputs: tuple[Path, Path, Path],
                                                                           tmp_path: Path) -> None:
    for trial in range(2):
        out = tmp_path / f"out{trial}"
        children = [_audit_in_a_child(inputs[0], translation, "--out", out) for translation in inputs[1:]]
        codes = [child.wait(timeout=120) for child in children]
        errors = [child.stderr.read() for child in children]
        assert sorted(codes) == [0, 2], errors
        loser = errors[codes.index(2)]
        assert "another audit is writing into this folder" in loser or "different audit" in loser
        winner = inputs[1 + codes.index(0)]
        assert json.loads((out / "report.json").read_text(encoding="utf-8"))["translation"]["path"] == str(winner)
        assert sorted(p.name for p in out.iterdir()) == ["report.html", "report.json", "report.md"]


def test_sigterm_during_the_audit_leaves_no_lock_and_no_empty_folder(inputs: tuple[Path, Path, Path],
                                                                    tmp_path: Path) -> None:
    stop = "import os, signal\np.audit = lambda *a, **k: os.kill(os.getpid(), signal.SIGTERM)"
    child = _audit_in_a_child(inputs[0], inputs[1], "--out", tmp_path / "new" / "out", before=stop)
    assert child.wait(timeout=120) == 128 + signal.SIGTERM
    assert sorted(tmp_path.iterdir()) == sorted(inputs)  # no out/, no new/, no lock file


def test_an_input_over_the_size_limit_is_one_line_and_exit_2(inputs: tuple[Path, Path, Path],
                                                             tmp_path: Path) -> None:
    from auditor.load import MAX_INPUT_BYTES

    huge = tmp_path / "huge.it.txt"
    huge.write_bytes(b"Il porto riapre. " * (MAX_INPUT_BYTES // 17 + 1))
    result = _run(inputs[0], huge, "--out", tmp_path / "out")
    _one_error_line(result, "huge.it.txt: is 5.0 MB, over the 5 MB a side that an audit accepts")
    assert not (tmp_path / "out").exists()
