"""The terminal view: verdict, counts and the top findings with short quotes, drawn with rich."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from auditor.excerpt import shorten
from auditor.records import AuditReport
from auditor.report import digest
from auditor.sanitize import one_line, visible_record

DEFAULT_TOP = 5       # findings listed under the verdict
TERMINAL_QUOTE = 48   # characters of a quote in a terminal cell
STYLES = {"critical": "bold red", "major": "bold yellow", "minor": "cyan", "faithful": "bold green"}


def quiet_line(report: AuditReport) -> str:
    """One line: verdict, counts, the two files."""
    return (f"{one_line(report.summary.verdict.upper())}  {digest.counts_line(report)}  "
            f"{one_line(report.original.path)} → {one_line(report.translation.path)}")


def _findings_table(report: AuditReport, top: int) -> Table:
    # Every cell is a Text, never a markup string: article text may contain [brackets].
    table = Table(box=None, show_header=True, header_style="dim", pad_edge=False, expand=False)
    for name in ("severity", "category", "where", "original → translation", "reason"):
        table.add_column(name, overflow="fold")
    for _, f in digest.ordered_findings(report)[:top]:
        quotes = Text.assemble((digest.quoted(f.original_span, TERMINAL_QUOTE), "italic"), " → ",
                               (digest.quoted(f.translation_span, TERMINAL_QUOTE), "italic"))
        where = f"{digest.paragraph_refs(f.original_paragraphs)}→{digest.paragraph_refs(f.translation_paragraphs)}"
        table.add_row(Text(f.severity, STYLES[f.severity]), Text(f.category), Text(where, "dim"), quotes,
                      Text(shorten(f.reason, 100)))
    return table


def render_terminal(report: AuditReport, console: Console, top: int = DEFAULT_TOP, quiet: bool = False) -> None:
    """Print the verdict, counts, files and the top findings (or, with quiet, one line)."""
    report = visible_record(report)  # article text and a saved report's fields reach the terminal: no escapes
    verdict = one_line(report.summary.verdict)
    if quiet:
        console.print(Text(quiet_line(report), STYLES.get(verdict, "")), soft_wrap=True)
        return
    console.print(Text.assemble((f" {verdict.upper()} ", f"reverse {STYLES.get(verdict, '')}"), "  ",
                                digest.VERDICT_TEXT.get(verdict, "")))
    files = (f"{one_line(doc.path)} ({one_line(doc.language)})" for doc in (report.original, report.translation))
    console.print(Text(f"{digest.counts_line(report)}   {' → '.join(files)}"))
    for side, doc in (("original", report.original), ("translation", report.translation)):
        if doc.meta is not None:
            console.print(Text(f"{side} page: {one_line(digest.page_line(doc))}", "dim"))
    truncation = digest.truncation_point(report)
    if truncation:
        console.print(Text(f"Truncated: the translation stops {truncation}", "red"))
    if report.findings:
        console.print(_findings_table(report, top))
    for k, why in digest.let_through(report).items():
        console.print(Text(f"let through: finding {k + 1} ({report.findings[k].category}): {why}", "dim"))
    hidden = len(report.findings) - top
    if hidden > 0:
        console.print(Text(f"… and {hidden} more finding{'s' if hidden != 1 else ''} in the HTML/Markdown report",
                           "dim"))


def render_text(report: AuditReport, color: bool = False, width: int = 100) -> str:
    """The terminal view as a string, with ANSI colours only when color is set."""
    console = Console(file=io.StringIO(), force_terminal=color, no_color=not color, width=width,
                      highlight=False, emoji=False)
    render_terminal(report, console)
    return console.file.getvalue()  # type: ignore[attr-defined]
