"""Report files under an output folder: written atomically, never over a different audit's report."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from auditor.errors import AuditError
from auditor.records import AuditReport
from auditor.report import record

REPORTS_ROOT = Path("reports")


def default_out_dir(original: str | Path, translation: str | Path) -> Path:
    """reports/<original-stem>__<translation-stem>/"""
    return REPORTS_ROOT / f"{Path(original).stem}__{Path(translation).stem}"


def check_writable(out_dir: Path, force: bool, inputs: tuple[str, str] | None = None) -> None:
    """Refuse an output folder that cannot be written, before any work is done."""
    probe = out_dir
    while not probe.exists():
        probe = probe.parent
    if not probe.is_dir() or not os.access(probe, os.W_OK):
        raise AuditError("cannot write reports here (not a writable folder)", str(out_dir))


def write_reports(report: AuditReport, out_dir: Path, force: bool = False) -> list[Path]:
    """Write report.json (and the other views) into out_dir; returns the paths written."""
    _refuse_other_audit(report, out_dir, force)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        path = out_dir / "report.json"
        _write_atomic(path, record.dumps(report))
    except OSError as exc:
        raise AuditError(f"cannot write reports ({exc.strerror})", str(out_dir)) from None
    return [path]


def _refuse_other_audit(report: AuditReport, out_dir: Path, force: bool) -> None:
    existing = out_dir / "report.json"
    if force or not existing.exists():
        return
    try:
        data = json.loads(existing.read_text(encoding="utf-8"))
        same = (data["original"]["sha256"], data["translation"]["sha256"]) == (
            report.original.sha256, report.translation.sha256)
    except (OSError, ValueError, KeyError, TypeError):
        same = False
    if not same:
        raise AuditError("holds the report of a different audit; pass --force to overwrite it", str(out_dir))


def _write_atomic(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
