"""The HTML view: one self-contained page, original | translation | back-translation, findings highlighted."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from auditor.documents import Document, Paragraph
from auditor.errors import AuditError
from auditor.excerpt import shorten
from auditor.records import AuditReport, Bead, Finding
from auditor.report import digest
from auditor.report.highlight import Located, Mark, Piece, pieces
from auditor.sanitize import visible_record

if TYPE_CHECKING:
    import jinja2

ROW_LABELS = {"omitted": "Omitted in translation", "added": "Added in translation",
              "merged": "Paragraphs merged", "loose": "Not aligned"}


@dataclass(frozen=True, slots=True)
class ParaView:
    """One paragraph as shown: its number, whether it is boilerplate, its highlighted pieces."""

    index: int
    boilerplate: bool
    preview: str
    pieces: list[Piece]


@dataclass(frozen=True, slots=True)
class Row:
    """One aligned row: an alignment bead (id row-N) or paragraphs left out of every bead (id extra-N)."""

    id: str
    kind: str
    original: list[ParaView]
    translation: list[ParaView]
    back: list[Piece] | None

    @property
    def label(self) -> str:
        if all(v.boilerplate for v in self.original + self.translation):
            return ""  # site chrome: collapsed, never labelled as omitted or added
        return ROW_LABELS.get(self.kind, "")


Skeleton = list[tuple[str, tuple[int, ...], tuple[int, ...], int | None]]


def _take(loose: list[int], bead_side: tuple[int, ...]) -> tuple[int, ...]:
    """Remove and return the loose paragraphs that come before this side of a bead (none if it is empty)."""
    taken = [i for i in loose if bead_side and i < bead_side[0]]
    del loose[:len(taken)]
    return tuple(taken)


def _add_loose(rows: Skeleton, original: tuple[int, ...], translation: tuple[int, ...]) -> None:
    if original or translation:
        rows.append((f"extra-{len(rows)}", original, translation, None))


def _layout(report: AuditReport) -> Skeleton:
    """Row skeleton (id, original indices, translation indices, bead) with unaligned paragraphs in place."""
    placed_o = {i for b in report.alignment for i in b.original}
    placed_t = {i for b in report.alignment for i in b.translation}
    loose_o = sorted(p.index for p in report.original.paragraphs if p.index not in placed_o)
    loose_t = sorted(p.index for p in report.translation.paragraphs if p.index not in placed_t)
    rows: Skeleton = []
    for k, bead in enumerate(report.alignment):
        _add_loose(rows, _take(loose_o, bead.original), _take(loose_t, bead.translation))
        rows.append((f"row-{k}", bead.original, bead.translation, k))
    _add_loose(rows, tuple(loose_o), tuple(loose_t))
    return rows


def _kind(bead: Bead | None) -> str:
    if bead is None:
        return "loose"
    if not bead.translation:
        return "omitted"
    if not bead.original:
        return "added"
    return "merged" if len(bead.original) + len(bead.translation) > 2 else "aligned"


def _located(doc: digest.ParagraphIndex, findings: tuple[Finding, ...], side: str) -> dict[int, list[Located]]:
    """Per paragraph index, the spans of findings on this side, relative to the paragraph start."""
    out: dict[int, list[Located]] = {}
    for k, finding in enumerate(findings):
        span = getattr(finding, f"{side}_span")
        for p in doc.at(span):
            out.setdefault(p.index, []).append((span.start - p.start, span.end - p.start, Mark.of(k, finding)))
    return out


def _views(doc: Document, by_index: dict[int, Paragraph], indices: tuple[int, ...],
           located: dict[int, list[Located]]) -> list[ParaView]:
    """The paragraphs of one cell, checked to exist in the document."""
    missing = [i for i in indices if i not in by_index]
    if missing:
        raise AuditError(f"alignment names paragraph {missing[0]}, which the report does not have", doc.path)
    return [ParaView(i, by_index[i].boilerplate, shorten(by_index[i].text, 60),
                     pieces(by_index[i].text, located.get(i, []))) for i in indices]


def _back(report: AuditReport, k: int | None) -> list[Piece] | None:
    """The bead's back-translation, highlighted with the back-translation spans of its findings."""
    text = None if k is None else report.alignment[k].backtranslation
    if text is None:
        return None
    spans = [(f.backtranslation_span.start, f.backtranslation_span.end, Mark.of(i, f))
             for i, f in enumerate(report.findings) if f.bead == k and f.backtranslation_span is not None]
    return pieces(text, spans)


def rows(report: AuditReport, index: tuple[digest.ParagraphIndex, digest.ParagraphIndex] | None = None) -> list[Row]:
    """The aligned rows of the report, in article order."""
    io, it = index or _index(report)
    lo, lt = _located(io, report.findings, "original"), _located(it, report.findings, "translation")
    return [Row(rid, _kind(None if k is None else report.alignment[k]), _views(report.original, io.by_index, o, lo),
                _views(report.translation, it.by_index, t, lt), _back(report, k))
            for rid, o, t, k in _layout(report)]


def _index(report: AuditReport) -> tuple[digest.ParagraphIndex, digest.ParagraphIndex]:
    # Built once per page: a view of a 3000-paragraph report looks up thousands of cells and spans.
    return digest.ParagraphIndex(report.original), digest.ParagraphIndex(report.translation)


def target(report: AuditReport, finding: Finding, table: list[Row],
           index: tuple[digest.ParagraphIndex, digest.ParagraphIndex] | None = None) -> str:
    """The anchor a finding links to: its bead's row, else the first row its spans touch, else the header."""
    if finding.bead is not None and 0 <= finding.bead < len(report.alignment):
        return f"row-{finding.bead}"
    io, it = index or _index(report)
    touched_o = {p.index for p in io.at(finding.original_span)}
    touched_t = {p.index for p in it.at(finding.translation_span)}
    for row in table:
        if touched_o & {v.index for v in row.original} or touched_t & {v.index for v in row.translation}:
            return row.id
    return "summary"


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("auditor.report", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(quoted=digest.quoted, paragraphs=digest.paragraph_refs, page=digest.page_line)
    return env


def render_html(report: AuditReport) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts, no external assets)."""
    report = visible_record(report)  # autoescape stops markup; control characters need replacing too
    index = _index(report)
    table = rows(report, index)
    findings = [(k, f, target(report, f, table, index)) for k, f in digest.ordered_findings(report)]
    return _environment().get_template("report.html.j2").render(
        report=report, summary=report.summary, rows=table, findings=findings,
        has_back=any(b.backtranslation is not None for b in report.alignment),
        verdict_text=digest.VERDICT_TEXT.get(report.summary.verdict, ""),
        counts=report.summary.counts, scores=digest.score_items(report.summary.scores),
        truncation=digest.truncation_point(report), omitted=len(digest.omitted_paragraphs(report)),
        gate=digest.gate_line(report), let_through=digest.let_through(report))
