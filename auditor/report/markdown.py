"""The Markdown view: verdict, a findings table and the omissions, for a ticket or a correction request."""

from __future__ import annotations

import re

from auditor.excerpt import shorten
from auditor.records import AuditReport
from auditor.report import digest
from auditor.sanitize import one_line

HEADER = ("#", "Severity", "Category", "Where", "Original", "Translation", "Back-translation", "Reason")
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_<>\[\]|&~$!#])")
# What GitHub-style renderers turn into a live link without any markup: scheme://, www. and e-mail addresses.
# A backslash before ':', '.' or '@' splits the text where the linker looks, and still renders as the character.
_AUTOLINK = re.compile(r"(?<=[A-Za-z0-9])(:)(?=//)|(?<=\bwww)(\.)|(@)", re.IGNORECASE)
_BACKTICKS = re.compile(r"`+")


def cell(text: str) -> str:
    """Any text as inline Markdown that renders as itself: one line, markup and autolinks backslash-escaped."""
    escaped = _MARKDOWN_ACTIVE.sub(r"\\\1", one_line(text))
    return _AUTOLINK.sub(lambda m: "\\" + m.group(), escaped) or " "


def code(text: str) -> str:
    """Text as one code span whose fence is longer than any run of backticks in it, so it cannot close early."""
    text = one_line(text) or " "
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
    pad = " " if text.startswith("`") or text.endswith("`") else ""  # a space the renderer strips again
    return f"{fence}{pad}{text}{pad}{fence}"


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
    lines = [f"# Translation audit: {cell(verdict.upper())}", "",
             f"**{cell(verdict.capitalize())}**: {digest.VERDICT_TEXT.get(verdict, '')} "
             f"({cell(digest.counts_line(report))})", "",
             f"- Original: {code(report.original.path)} ({cell(report.original.language)})",
             f"- Translation: {code(report.translation.path)} ({cell(report.translation.language)})"]
    lines += [f"- {side} page: {cell(digest.page_line(doc))}"
              for side, doc in (("Original", report.original), ("Translation", report.translation)) if doc.meta]
    truncation = digest.truncation_point(report)
    if truncation:
        lines.append(f"- **Truncated**: the translation stops {cell(truncation)}")
    scores = digest.score_items(report.summary.scores)
    if scores:
        lines.append("- Scores: " + " · ".join(f"{name} {cell(value)}" for name, value in scores))
    lines.append(f"- Back-translation: {cell(report.summary.backtranslation)}")
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
    lines += ["", "---", "", f"Signature: {code(report.signature)}  ",
              f"sha256: original {code(report.original.sha256)}, translation {code(report.translation.sha256)}"]
    return "\n".join(lines) + "\n"
