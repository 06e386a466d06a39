"""Publishing reports: one audit at a time per folder, all files or none, no temporary file after an interrupt."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from report_samples import injection_report, sample_report

from auditor.errors import AuditError
from auditor.report import record
from auditor.report.files import PENDING, write_reports
from auditor.report.publish import LOCK_NAME, folder_lock

TESTS = Path(__file__).resolve().parent
NAMES = ["report.html", "report.json", "report.md"]


def test_a_folder_locked_by_another_process_is_refused(tmp_path: Path) -> None:
    fd = os.open(tmp_path / LOCK_NAME, os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # what a second auditor process holds while it writes
    try:
        with pytest.raises(AuditError, match="another audit is writing into this folder") as caught:
            write_reports(sample_report(), tmp_path)
    finally:
        os.close(fd)
    assert caught.value.path == str(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME]  # nothing written


def test_a_stale_lock_file_does_not_block_and_is_removed(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).write_text("")  # left by a process that was killed: the kernel released its lock
    write_reports(sample_report(), tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES


def test_the_lock_is_reentrant_within_one_process(tmp_path: Path) -> None:
    with folder_lock(tmp_path / "out"):
        write_reports(sample_report(), tmp_path / "out")  # what the CLI does inside its own lock
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == NAMES


def test_a_folder_the_lock_created_is_removed_when_nothing_was_written(tmp_path: Path) -> None:
    with pytest.raises(AuditError, match="bad input"), folder_lock(tmp_path / "a" / "b"):
        raise AuditError("bad input")
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_refused_when_locked(tmp_path: Path) -> None:
    (tmp_path / "a_file").write_text("x")
    with pytest.raises(AuditError, match="cannot write reports here"), folder_lock(tmp_path / "a_file" / "out"):
        raise AssertionError("entered a folder that cannot exist")


def _interrupt_in_a_child(out: Path, patch: str) -> subprocess.CompletedProcess[str]:
    """write_reports in a fresh interpreter, with `patch` run first to send a signal at a chosen moment."""
    code = (f"import os, signal, sys; sys.path.insert(0, {str(TESTS)!r}); {patch}\n"
            "from report_samples import sample_report\nfrom auditor.report.files import write_reports\n"
            f"write_reports(sample_report(), {str(out)!r})\n")
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("moment, patch", [
    ("between the renames", "import auditor.report.publish as p; real = os.replace\n"
                            "def replace(a, b):\n    real(a, b); os.kill(os.getpid(), {n})\np.os.replace = replace"),
    ("while writing", "import builtins, auditor.report.publish as p; real = builtins.open\n"
                      "def opened(*a, **k):\n    os.kill(os.getpid(), {n}); return real(*a, **k)\np.open = opened"),
])
def test_a_signal_during_the_write_waits_until_the_set_is_in_place(tmp_path: Path, number: int, moment: str,
                                                                  patch: str) -> None:
    done = _interrupt_in_a_child(tmp_path / "out", patch.format(n=int(number)))
    assert done.returncode != 0, f"the {moment} signal was lost"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == NAMES  # complete, no temp file, no lock
    assert record.load(tmp_path / "out" / "report.json") == sample_report()


def _cut_after_first_rename(monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.replace
    calls = iter(range(100))

    def replace_once(src: str | Path, dst: str | Path) -> None:
        if next(calls) == 1:
            raise KeyboardInterrupt  # as if the process stopped here: report.html is new, md and json are not
        real(src, dst)
    monkeypatch.setattr("auditor.report.publish.os.replace", replace_once)


def test_a_half_set_is_marked_as_its_audits_and_only_that_audit_may_replace_it(tmp_path: Path,
                                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    write_reports(injection_report(), tmp_path)
    with monkeypatch.context() as patched:
        _cut_after_first_rename(patched)
        with pytest.raises(KeyboardInterrupt):
            write_reports(sample_report(), tmp_path, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*NAMES, PENDING])  # no .tmp file is left
    with pytest.raises(AuditError, match="different audit"):
        write_reports(injection_report(), tmp_path)  # the json is the old audit's, but the html is not any more
    write_reports(replace(sample_report(), signature="mt:again"), tmp_path)  # the audit that was cut off
    assert sorted(p.name for p in tmp_path.iterdir()) == NAMES
    assert record.load(tmp_path / "report.json").signature == "mt:again"


def test_an_interrupt_before_any_rename_leaves_the_folder_as_it_was(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write_reports(sample_report(), tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def refuse(*args: object) -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr("auditor.report.publish.os.replace", refuse)
    with pytest.raises(KeyboardInterrupt):
        write_reports(replace(sample_report(), signature="mt:other"), tmp_path)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before
