"""The terminal view: verdict, counts, top findings; quiet line; article text never read as rich markup."""

from __future__ import annotations

import io
from dataclasses import replace

from report_samples import faithful_report, sample_report
from rich.console import Console

from auditor.report.terminal import quiet_line, render_terminal, render_text


def test_quiet_line():
    assert quiet_line(sample_report()) == ("CRITICAL  3 critical · 3 major · 1 minor  "
                                           "articles/budget_en.txt → articles/budget_it.txt")


def printed(report, **options) -> str:
    console = Console(file=io.StringIO(), width=160, no_color=True)
    render_terminal(report, console, **options)
    return console.file.getvalue()


def test_verdict_counts_and_top_findings():
    text = printed(sample_report(), top=2)
    lines = text.splitlines()
    assert lines[0].strip() == "CRITICAL   The translation changes what the original says."
    assert lines[1].startswith("3 critical · 3 major · 1 minor   articles/budget_en.txt (en)")
    assert "“did not approve the budget” → “ha approvato martedì il bilancio”" in text
    assert "4.5 million became 45 million." in text and "truncation" not in text.split("Truncated")[1]
    assert lines[-1] == "… and 5 more findings in the HTML/Markdown report"


def test_quiet_prints_one_line():
    assert printed(sample_report(), quiet=True).count("\n") == 1


def test_article_text_is_not_rich_markup():
    report = sample_report()
    marked = replace(report.findings[0], reason="[bold red]loud[/] [link=x]y[/link]")
    text = printed(replace(report, findings=(marked,)))
    assert "[bold red]loud[/] [link=x]y[/link]" in text


def test_render_text_colours_only_when_asked():
    assert "\x1b[" not in render_text(faithful_report())
    assert "\x1b[" in render_text(faithful_report(), color=True)
