"""What every view states: verdict wording, shortened quotes, ordered findings, omissions, truncation point."""

from __future__ import annotations

import bisect
import itertools

from auditor.documents import Document, Paragraph, Span
from auditor.excerpt import shorten
from auditor.records import SEVERITIES, SEVERITY_RANK, AuditReport, Finding, Scores

QUOTE_LIMIT = 80  # characters of a quote shown in a table cell or a terminal line
VERDICT_TEXT = {
    "critical": "The translation changes what the original says.",
    "major": "The translation loses or alters important content.",
    "minor": "Small differences only; the meaning holds.",
    "faithful": "No distortions found.",
}


def quote(span: Span | None, limit: int = QUOTE_LIMIT) -> str:
    """A span's text shortened for a table cell, or an em dash when there is no span."""
    return "—" if span is None else shorten(span.text, limit)


def quoted(span: Span | None, limit: int = QUOTE_LIMIT) -> str:
    """A shortened span in curly quotes, unless it already starts with a quotation mark."""
    text = quote(span, limit)
    return text if span is None or text[:1] in "\"'“‘«„" else f"“{text}”"


def counts_line(report: AuditReport) -> str:
    """'2 critical · 1 major · 0 minor'."""
    return " · ".join(f"{report.summary.counts.get(sev, 0)} {sev}" for sev in SEVERITIES)


def score_items(scores: Scores | None) -> list[tuple[str, str]]:
    """Article-level scores as (name, formatted value), leaving out those not computed."""
    if scores is None:
        return []
    items = [("chrF", scores.chrf, "{:.1f}"), ("BLEU", scores.bleu, "{:.1f}"),
             ("TER", scores.ter, "{:.1f}"), ("similarity", scores.similarity, "{:.2f}")]
    return [(name, fmt.format(value)) for name, value, fmt in items if value is not None]


def ordered_findings(report: AuditReport) -> list[tuple[int, Finding]]:
    """(index in report.findings, finding), most severe first, then in article order."""
    def key(item: tuple[int, Finding]) -> tuple[int, int, int]:
        k, finding = item
        where = finding.bead if finding.bead is not None else len(report.alignment)
        return SEVERITY_RANK[finding.severity], where, k
    return sorted(enumerate(report.findings), key=key)


def paragraph_refs(indices: tuple[int, ...]) -> str:
    """0-based paragraph indices as a reader counts them: '¶4+¶5', '¶13–¶20' for a longer run, '—' for none."""
    runs: list[list[int]] = []
    for i in sorted(indices):
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return "+".join(f"¶{r[0] + 1}–¶{r[-1] + 1}" if len(r) > 2 else "+".join(f"¶{i + 1}" for i in r)
                    for r in runs) or "—"


def paragraphs_at(doc: Document, span: Span | None) -> list[Paragraph]:
    """The paragraphs a span of the document touches (a zero-length span touches the one it sits in)."""
    return ParagraphIndex(doc).at(span)


class ParagraphIndex:
    """A document's paragraphs by index and by offset, built once for a view that looks up many spans."""

    def __init__(self, doc: Document) -> None:
        self.paragraphs = doc.paragraphs
        self.by_index = {p.index: p for p in doc.paragraphs}
        self._starts = [p.start for p in doc.paragraphs]
        # As loaded, paragraphs are in order and apart, so a span's are found by bisection; a hand-edited
        # report's may not be, and is searched paragraph by paragraph.
        self._ordered = all(a.end <= b.start for a, b in itertools.pairwise(doc.paragraphs))

    def at(self, span: Span | None) -> list[Paragraph]:
        """The paragraphs a span touches, in document order."""
        if span is None:
            return []
        candidates = self.paragraphs
        if self._ordered:
            first = max(bisect.bisect_left(self._starts, span.start) - 1, 0)
            candidates = self.paragraphs[first:bisect.bisect_right(self._starts, span.end)]
        return [p for p in candidates if (p.start <= span.start <= p.end if span.start == span.end
                                          else span.start < p.end and span.end > p.start)]


def omitted_paragraphs(report: AuditReport) -> list[Paragraph]:
    """Original content paragraphs aligned to nothing in the translation (boilerplate is not content)."""
    wanted = {i for bead in report.alignment if not bead.translation for i in bead.original}
    return [p for p in report.original.paragraphs if p.index in wanted and not p.boilerplate]


def truncation_point(report: AuditReport) -> str | None:
    """Where the translation stops, from the truncation finding: 'before original paragraph N: “…”'."""
    finding = next((f for f in report.findings if f.category == "truncation"), None)
    if finding is None:
        return None
    first = paragraphs_at(report.original, finding.original_span)
    if not first:
        return finding.reason
    total = len(report.original.paragraphs)
    return f"before original paragraph {first[0].index + 1} of {total}: “{shorten(first[0].text, 60)}”"


def gate_line(report: AuditReport) -> str:
    """'passed (policy:…, fail-on critical, 0 blocking, 2 let through)', or '' when no gate was applied."""
    gate = report.gate
    if gate is None:
        return ""
    return (f"{'passed' if gate.passed else 'FAILED'} ({gate.policy}, fail-on {gate.fail_on}, "
            f"{gate.blocking} blocking, {len(gate.suppressed)} let through)")


def let_through(report: AuditReport) -> dict[int, str]:
    """Finding index -> why the policy let it through (an accepted equivalence, a suppression, …)."""
    return {} if report.gate is None else {s.finding: f"{s.why} [{s.fingerprint}]" for s in report.gate.suppressed}


def page_line(doc: Document) -> str:
    """A web page's title · date · author · site · URL, or '' for a text file."""
    meta = doc.meta
    if meta is None:
        return ""
    return " · ".join(v for v in (meta.title, meta.date, meta.author, meta.site, meta.url) if v)
