"""A batch's output folder: one report folder per pair, each stamped with what it was made from, and the index.

<out>/<id>/report.{html,md,json} are written as one set, then <out>/<id>/.batch.json: the pair's cache key (its
inputs, settings, policy and auditor version), the hash of the report.json it vouches for and the pair's index
row. A pair whose key and report still match is not audited again: that is how an interrupted batch resumes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from auditor.batch.index import INDEX_FILES, IndexRow, render_index
from auditor.batch.manifest import Pair
from auditor.batch.worker import PairResult, Task
from auditor.config import package_version
from auditor.errors import AuditError
from auditor.report.files import REPORT_FILES, write_reports, write_text_atomic
from auditor.report.publish import publish

ENTRY = ".batch.json"


def task_key(task: Task) -> str:
    """sha256 of everything a pair's report depends on: both inputs, their paths, settings, policy, version."""
    parts = [package_version("auditor"), task.pair.original, task.pair.translation, task.fmt, asdict(task.config),
             task.policy.tag(), hashlib.sha256(task.original).hexdigest(), hashlib.sha256(task.translation).hexdigest()]
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode("utf-8")).hexdigest()


def cached_row(out: Path, pair: Pair, key: str) -> IndexRow | None:
    """The pair's saved row when its folder holds the report of this very key, intact; else None."""
    try:
        entry = json.loads((out / pair.id / ENTRY).read_text(encoding="utf-8"))
        report = (out / pair.id / "report.json").read_bytes()
        if entry["key"] == key and entry["report_sha256"] == hashlib.sha256(report).hexdigest():
            return IndexRow.from_dict(entry["row"])
    except (OSError, ValueError, KeyError, TypeError):
        pass  # no entry, another key, a damaged file: audit it again
    return None


def check_pair_folder(out: Path, pair: Pair, force: bool) -> None:
    """Refuse a pair folder holding reports that no batch wrote (an `auditor audit --out` there), unless force."""
    folder = out / pair.id
    if not force and not (folder / ENTRY).exists() and any((folder / n).exists() for n in REPORT_FILES):
        raise AuditError("holds reports that this batch did not write; not overwriting them (use --force)",
                         str(folder))


def save(out: Path, result: PairResult, key: str) -> IndexRow:
    """Write an audited pair's report set, then its stamp; the row for the index."""
    assert result.report is not None
    row = IndexRow.of(result)
    folder = out / result.pair.id
    (folder / ENTRY).unlink(missing_ok=True)  # until the new set is in place, nothing vouches for the old one
    write_reports(result.report, folder, force=True, rendered=result.files or None)
    digest = hashlib.sha256((folder / "report.json").read_bytes()).hexdigest()
    write_text_atomic(folder / ENTRY, json.dumps({"key": key, "report_sha256": digest, "row": row.to_dict()},
                                                 ensure_ascii=False, indent=1) + "\n")
    return row


def write_index(out: Path, rows: list[IndexRow]) -> list[Path]:
    """index.html, index.md, index.jsonl and index.csv, all in place or none."""
    texts = {out / name: text for name, text in render_index(rows).items()}
    try:
        publish(texts)
    except OSError as exc:
        raise AuditError(f"cannot write the index here ({exc.strerror or exc})", str(out)) from None
    return [out / name for name in INDEX_FILES]
