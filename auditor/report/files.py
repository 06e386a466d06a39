"""Report files: where they go, writing them atomically without clobbering another audit, re-rendering."""

from __future__ import annotations

from pathlib import Path

from auditor.errors import AuditError
from auditor.load import text_sha256
from auditor.records import AuditReport
from auditor.report import record
from auditor.report.html import render_html
from auditor.report.markdown import render_markdown
from auditor.report.publish import folder_lock, publish
from auditor.report.terminal import render_text

REPORTS_ROOT = Path("reports")
REPORT_FILES = ("report.html", "report.md", "report.json")  # json last: it says whose files these are
PENDING = ".report.json.pending"  # report.json until the set is in place: says whose set an interrupted write left
FORMATS = ("html", "md", "text", "json")


def default_out_dir(original_path: str | Path, translation_path: str | Path, root: Path = REPORTS_ROOT) -> Path:
    """reports/<original-stem>__<translation-stem>/ ('stdin' for a side read from '<stdin>')."""
    stems = (Path(p).stem.strip("<>") for p in (original_path, translation_path))
    return Path(root) / "__".join(stems)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise AuditError(f"unknown report format {fmt!r}; expected one of {', '.join(FORMATS)}")


def render(report: AuditReport, fmt: str, color: bool = False) -> str:
    """The report in one format: html, md, text (terminal view) or json (the record)."""
    _check_format(fmt)
    if fmt == "text":
        return render_text(report, color=color)
    return {"html": render_html, "md": render_markdown, "json": record.dumps}[fmt](report)


def render_saved(path: str | Path, fmt: str, color: bool = False) -> str:
    """Re-render a saved report.json (no model is loaded); AuditError if it is not a report we can read."""
    _check_format(fmt)
    report = record.load(path)
    try:
        return render(report, fmt, color)
    except (TypeError, AttributeError, ValueError, IndexError, KeyError) as exc:
        # A hand-edited report can pass the schema check with fields of the wrong type.
        raise AuditError(f"malformed audit report ({type(exc).__name__}: {exc})", str(path)) from None


def check_out_dir(out_dir: str | Path, original_text: str, translation_text: str) -> None:
    """Refuse, before an audit is run, an out_dir that holds another audit's reports (see write_reports).

    The texts are those audited (a web page's extracted text, stdin's), whose hashes the report records."""
    if any((Path(out_dir) / name).exists() for name in (*REPORT_FILES, PENDING)):
        _check_overwrite((text_sha256(original_text), text_sha256(translation_text)), Path(out_dir))


def _check_overwrite(inputs: tuple[str, str], out_dir: Path) -> None:
    """Refuse when out_dir holds report files of a different audit (other input hashes) or of unknown origin."""
    saved_json = out_dir / "report.json"
    if _readable(out_dir / PENDING):  # a write was cut off between its renames: the folder is that audit's now
        saved_json = out_dir / PENDING
    elif not saved_json.exists():
        found = [name for name in REPORT_FILES if (out_dir / name).exists()]
        if found:
            raise AuditError(f"holds {found[0]} without report.json; not overwriting it (use --force)", str(out_dir))
        return
    try:
        saved = record.load(saved_json)
    except AuditError:
        raise AuditError("holds a report.json that is not a readable audit report; not overwriting it "
                         "(use --force)", str(out_dir)) from None
    if (saved.original.sha256, saved.translation.sha256) != inputs:
        raise AuditError(f"holds the report of a different audit ({saved.original.path} → "
                         f"{saved.translation.path}); not overwriting it (use --force)", str(out_dir))


def _readable(path: Path) -> bool:
    """Whether path is a complete audit report (a pending one is complete before any rename starts)."""
    try:
        record.load(path)
    except AuditError:
        return False
    return True


def write_text_atomic(path: str | Path, text: str) -> Path:
    """Write one file atomically (temp file + rename); AuditError naming the file if it cannot be written."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        publish({path: text})
    except OSError as exc:
        raise AuditError(f"cannot write ({exc.strerror or exc})", str(path)) from None
    return path


def report_texts(report: AuditReport) -> dict[str, str]:
    """The report files' names and contents (a batch worker renders them; the driver writes them)."""
    return {name: render(report, name.split(".")[1]) for name in REPORT_FILES}


def write_reports(report: AuditReport, out_dir: str | Path, force: bool = False,
                  rendered: dict[str, str] | None = None) -> list[Path]:
    """Write report.html, report.md and report.json (as rendered already, or now) into out_dir, under its lock;
    all of them or, if anything is refused or fails, none."""
    out_dir = Path(out_dir)
    texts = {out_dir / name: text for name, text in (rendered or report_texts(report)).items()}
    with folder_lock(out_dir):
        if not force:
            _check_overwrite((report.original.sha256, report.translation.sha256), out_dir)
        try:
            publish(texts, pending=out_dir / PENDING)
        except OSError as exc:
            raise AuditError(f"cannot write reports here ({exc.strerror or exc})", str(out_dir)) from None
    return list(texts)
