"""The Markdown view: exact lines, escaped cells, shortened quotes, omissions."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from markdown_it import MarkdownIt
from report_samples import faithful_report, sample_report

from auditor.records import Summary
from auditor.report.markdown import cell, code, render_markdown


@pytest.mark.parametrize("text, expected", [
    ("a|b", r"a\|b"),
    ("two\nlines\r\n  here", "two lines here"),
    ("*bold* _it_ `code` <b> [x]", r"\*bold\* \_it\_ \`code\` \<b\> \[x\]"),
    ("back\\slash", r"back\\slash"),
    ("", " "),
    ("see https://evil.example/x and www.evil.example", r"see https\://evil.example/x and www\.evil.example"),
    ("mail me@evil.example", r"mail me\@evil.example"),
    ("![img](x) & ~~gone~~ $x$ #tag", r"\!\[img\](x) \& \~\~gone\~\~ \$x\$ \#tag"),
    ("esc\x1b[2J", "esc␛\\[2J"),
])
def test_cell(text, expected):
    assert cell(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("report.it.txt", "`report.it.txt`"),
    ("x` <img src=x onerror=alert(1)> `.it.txt", "``x` <img src=x onerror=alert(1)> `.it.txt``"),
    ("`edge``", "``` `edge`` ```"),
    ("two\nlines", "`two lines`"),
    ("", "` `"),
])
def test_code_span_cannot_be_closed_from_inside(text, expected):
    assert code(text) == expected


def test_every_field_of_a_saved_report_is_escaped():
    report = sample_report()
    evil = "x` <img src=x onerror=alert(1)> `.it.txt"
    report = replace(report, signature="sig` <b>", original=replace(report.original, path=evil, language="en <b>"),
                     summary=replace(report.summary, backtranslation="done <img src=x> https://evil.example"))
    md = render_markdown(report)
    assert f"- Original: ``{evil}`` (en \\<b\\>)" in md
    assert "- Back-translation: done \\<img src=x\\> https\\://evil.example" in md
    assert "Signature: ``sig` <b>``" in md
    assert "<b>" not in md.replace("``sig` <b>``", "").replace(f"``{evil}``", "")
    html = MarkdownIt("commonmark").enable("table").render(md)  # rich's own Markdown parser: no raw tag survives
    assert "<img" not in html and "<b>" not in html and "<code>x` &lt;img" in html


def table_rows(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if line.startswith("| ") and not line.startswith("| #")]


def test_sample_markdown_lines():
    md = render_markdown(sample_report())
    lines = md.splitlines()
    assert lines[0] == "# Translation audit: CRITICAL"
    assert lines[2] == ("**Critical**: The translation changes what the original says. "
                        "(3 critical · 3 major · 1 minor)")
    assert "| # | Severity | Category | Where | Original | Translation | Back-translation | Reason |" in lines
    rows = table_rows(md)
    assert rows[0] == ("| 1 | critical | negation | ¶2 → ¶2 | did not approve the budget | "
                       "ha approvato martedì il bilancio | approved | The original says the minister did not "
                       "approve the budget; the translation says he approved it. |")
    assert rows[2].startswith("| 3 | critical | truncation | ¶6+¶7 → — | Officials declined to comment on the "
                              "cost overruns. The ministry will publish… | — | — |")
    assert [r.split(" | ")[1] for r in rows] == ["critical"] * 3 + ["major"] * 3 + ["minor"]
    assert lines[lines.index("## Omissions") + 2:lines.index("## Omissions") + 4] == [
        "- ¶6: “Officials declined to comment on the cost overruns.”",
        "- ¶7: “The ministry will publish the full figures in June.”"]
    assert "- **Truncated**: the translation stops before original paragraph 6 of 8: " in md


def test_pipes_and_newlines_in_text_keep_the_table_shape():
    report = sample_report()
    tricky = replace(report.findings[0], reason="a | b\nc")
    md = render_markdown(replace(report, findings=(tricky,), summary=Summary.of((tricky,))))
    (row,) = table_rows(md)
    assert len(re.findall(r"(?<!\\)\|", row)) == 9 and row.endswith(r"| a \| b c |")


def test_faithful_markdown_has_no_table_and_no_omissions():
    md = render_markdown(faithful_report())
    assert "## Findings\n\nNone.\n" in md and "## Omissions" not in md and "| # |" not in md
    assert md.startswith("# Translation audit: FAITHFUL\n")


@pytest.mark.parametrize("indices, refs", [
    ((), "—"), ((3,), "¶4"), ((3, 4), "¶4+¶5"), ((12, 13, 14, 15), "¶13–¶16"), ((0, 2, 3, 4, 9), "¶1+¶3–¶5+¶10"),
])
def test_paragraph_refs_collapse_long_runs(indices, refs):
    from auditor.report.digest import paragraph_refs
    assert paragraph_refs(indices) == refs
