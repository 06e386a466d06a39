"""The batch index: one row per pair (verdict, counts, top finding, risk, link), as HTML, Markdown, JSONL and CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict, dataclass, fields
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from auditor.batch.worker import PairResult
from auditor.excerpt import shorten
from auditor.sanitize import one_line, visible_record

if TYPE_CHECKING:
    import jinja2

INDEX_FILES = ("index.html", "index.md", "index.jsonl", "index.csv")
STATUSES = ("passed", "failed", "refused")  # a pair's gate result, worst last: the batch's exit code is its rank
TOP_FINDING_CHARS = 120
_SPREADSHEET_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a cell starting so runs as a formula in a spreadsheet


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One pair in the index; `report` links its report.html (relative to the index), `error` why it was refused."""

    id: str
    original: str
    translation: str
    status: str
    source_lang: str = ""
    target_lang: str = ""
    verdict: str = ""
    critical: int = 0
    major: int = 0
    minor: int = 0
    blocking: int = 0
    risk: float | None = None
    top_finding: str = ""
    report: str = ""
    error: str = ""

    @classmethod
    def of(cls, result: PairResult) -> IndexRow:
        pair, report = result.pair, result.report
        if report is None:
            return cls(pair.id, pair.original, pair.translation, "refused", error=result.error or "")
        from auditor.report.digest import ordered_findings

        top = ordered_findings(report)[:1]
        gate = report.gate
        counts = report.summary.counts
        return cls(pair.id, pair.original, pair.translation, "passed" if gate is None or gate.passed else "failed",
                   report.original.language, report.translation.language, report.summary.verdict,
                   counts.get("critical", 0), counts.get("major", 0), counts.get("minor", 0),
                   gate.blocking if gate else 0, report.summary.risk,
                   f"{top[0][1].severity} {top[0][1].category}: {shorten(top[0][1].reason, TOP_FINDING_CHARS)}"
                   if top else "", f"{pair.id}/report.html")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IndexRow:
        return cls(**{f.name: data[f.name] for f in fields(cls)})


def render_index(rows: list[IndexRow]) -> dict[str, str]:
    """The four index files' names and contents; same rows, same bytes."""
    return {"index.html": _html(rows), "index.md": _markdown(rows), "index.jsonl": _jsonl(rows),
            "index.csv": _csv(rows)}


def tally(rows: list[IndexRow]) -> dict[str, int]:
    """How many pairs passed, failed the gate and were refused."""
    return {status: sum(r.status == status for r in rows) for status in STATUSES}


def _jsonl(rows: list[IndexRow]) -> str:
    return "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in rows)


def _csv(rows: list[IndexRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f.name for f in fields(IndexRow)])
    for row in rows:
        writer.writerow([_cell(value) for value in row.to_dict().values()])
    return out.getvalue()


def _cell(value: object) -> object:
    """A CSV value; text a spreadsheet would run as a formula (a file named '=cmd.md') is quoted with a '."""
    if isinstance(value, str):
        value = one_line(value)
        return "'" + value if value.startswith(_SPREADSHEET_FORMULA) else value
    return "" if value is None else value


def _markdown(rows: list[IndexRow]) -> str:
    from auditor.report.markdown import cell

    counts = tally(rows)
    lines = ["# Batch audit", "", f"{len(rows)} pairs: {counts['passed']} passed, {counts['failed']} failed the "
             f"gate, {counts['refused']} refused.", "",
             "| Pair | Gate | Verdict | Critical | Major | Minor | Risk | Top finding |", "|---" * 8 + "|"]
    for r in rows:
        pair = f"[{cell(r.id)}]({_link(r.report)})" if r.report else cell(r.id)
        top = r.top_finding or r.error
        lines.append(f"| {pair} | {r.status} | {cell(r.verdict) if r.verdict else '—'} | {r.critical} | {r.major} | "
                     f"{r.minor} | {_risk(r.risk)} | {cell(top) if top else '—'} |")
    return "\n".join(lines) + "\n"


def _link(target: str) -> str:
    from urllib.parse import quote

    return quote(target)  # an id with spaces or brackets still makes one Markdown link


def _risk(risk: float | None) -> str:
    return "—" if risk is None else f"{risk:.2f}"


def _html(rows: list[IndexRow]) -> str:
    counts = tally(rows)
    return _environment().get_template("index.html.j2").render(
        rows=[visible_record(r) for r in rows], counts=counts, total=len(rows), risk=_risk, link=_link)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(loader=jinja2.PackageLoader("auditor.report", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
