"""The Markdown view: verdict, a findings table and the omissions, for a ticket or a correction request."""

from __future__ import annotations

import re

from auditor.excerpt import shorten
from auditor.records import AuditReport
from auditor.report import digest

HEADER = ("#", "Severity", "Category", "Where", "Original", "Translation", "Back-translation", "Reason")
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_<>\[\]|])")


def cell(text: str) -> str:
    """Text safe inside a table cell: one line, Markdown-active characters (| included) backslash-escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", " ".join(text.split())) or " "


def _table(report: AuditReport) -> list[str]:
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    for n, (_, f) in enumerate(digest.ordered_findings(report), start=1):
        where = f"{digest.paragraph_refs(f.original_paragraphs)} → {digest.paragraph_refs(f.translation_paragraphs)}"
        row = (str(n), f.severity, f.category, where, digest.quote(f.original_span),
               digest.quote(f.translation_span), digest.quote(f.backtranslation_span), f.reason)
        lines.append("| " + " | ".join(cell(value) for value in row) + " |")
    return lines


def _head(report: AuditReport) -> list[str]:
    verdict = report.summary.verdict
    lines = [f"# Translation audit: {verdict.upper()}", "",
             f"**{verdict.capitalize()}**: {digest.VERDICT_TEXT.get(verdict, '')} ({digest.counts_line(report)})", "",
             f"- Original: `{report.original.path}` ({report.original.language})",
             f"- Translation: `{report.translation.path}` ({report.translation.language})"]
    truncation = digest.truncation_point(report)
    if truncation:
        lines.append(f"- **Truncated**: the translation stops {cell(truncation)}")
    scores = digest.score_items(report.summary.scores)
    if scores:
        lines.append("- Scores: " + " · ".join(f"{name} {value}" for name, value in scores))
    lines.append(f"- Back-translation: {report.summary.backtranslation}")
    if report.gate is not None:
        lines.append(f"- Gate: {cell(digest.gate_line(report))}")
    return lines


def render_markdown(report: AuditReport) -> str:
    """The report as Markdown: verdict, findings table (most severe first), omissions, signature."""
    lines = _head(report) + ["", "## Findings", ""]
    lines += _table(report) if report.findings else ["None."]
    let_through = digest.let_through(report)
    if let_through:
        lines += ["", "## Let through by the policy", ""]
        lines += [f"- #{k + 1} {report.findings[k].category}: {cell(why)}" for k, why in let_through.items()]
    omitted = digest.omitted_paragraphs(report)
    if omitted:
        lines += ["", "## Omissions", ""]
        lines += [f"- ¶{p.index + 1}: “{cell(shorten(p.text, 60))}”" for p in omitted]
    lines += ["", "---", "", f"Signature: `{report.signature}`  ",
              f"sha256: original `{report.original.sha256}`, translation `{report.translation.sha256}`"]
    return "\n".join(lines) + "\n"
