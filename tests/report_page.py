"""What a reader must find on a rendered report, checked in a real browser (a Playwright page); any report."""

from __future__ import annotations

from typing import Any

from auditor.records import AuditReport, Finding

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright cannot download its own browser here
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

# Text of finding k's marks in one column under scope, paragraph by paragraph, whitespace collapsed.
HIGHLIGHTED_JS = """([scope, k, column]) => {
  const texts = [];
  for (const para of document.querySelectorAll(`${scope} td.col-${column} .para`)) {
    const marks = [...para.querySelectorAll(`mark[data-finding="${k}"]`)];
    if (marks.length) texts.push(marks.map(m => m.textContent).join(''));
  }
  return texts.join(' ').split(/\\s+/).filter(Boolean).join(' ');
}"""
IN_VIEW_JS = """id => { const r = document.getElementById(id).getBoundingClientRect();
                        return r.top < window.innerHeight && r.bottom > 0; }"""


def _spans(finding: Finding) -> dict[str, Any]:
    return {"original": finding.original_span, "translation": finding.translation_span,
            "back": finding.backtranslation_span}


def check_finding(page: Any, k: int, finding: Finding) -> None:
    """The finding's list link jumps to a visible row whose highlighted text equals the finding's spans."""
    link = page.locator(f'#findings a.jump[data-finding="{k}"]')
    anchor = link.get_attribute("href")
    link.click()
    assert page.evaluate("location.hash") == anchor, (k, anchor)
    assert page.evaluate(IN_VIEW_JS, anchor[1:]), f"finding {k}: {anchor} not scrolled into view"
    spans = _spans(finding)
    if anchor != "#summary" and any(spans.values()):
        assert page.locator(f'{anchor} [data-finding="{k}"]').count() > 0, f"finding {k}: nothing in {anchor}"
    # A finding of a bead lies in its row; an article-level one (truncation) may run over several rows.
    scope = anchor if finding.bead is not None else "body"
    for column, span in spans.items():
        expected = "" if span is None else " ".join(span.text.split())
        assert page.evaluate(HIGHLIGHTED_JS, [scope, k, column]) == expected, (k, column)
    if any(spans.values()):
        title = page.locator(f'mark[data-finding="{k}"], a.tag[data-finding="{k}"]').first.get_attribute("title")
        assert finding.reason in title, (k, title)


def check_unmatched_rows(page: Any, report: AuditReport) -> None:
    """Omitted and added paragraphs are shown in place, labelled, with their text."""
    for i, bead in enumerate(report.alignment):
        if bead.original and bead.translation:
            continue
        row = page.locator(f"#row-{i}")
        label, doc, indices = (("omitted in translation", report.original, bead.original) if not bead.translation
                               else ("added in translation", report.translation, bead.translation))
        assert row.is_visible(), f"row-{i} hidden"
        shown = " ".join(row.text_content().split())
        boilerplate = all(doc.paragraphs[index].boilerplate for index in indices)
        # Site boilerplate is collapsed and never called an omission or an addition.
        assert (label in shown.lower()) is not boilerplate, (i, shown)
        for index in indices:
            assert " ".join(doc.paragraphs[index].text.split()) in shown, (i, index)


def check_report_page(page: Any, report: AuditReport) -> None:
    """Assert what a reader must see: the verdict, every finding landing on its text, unmatched paragraphs."""
    assert page.locator("script").count() == 0
    verdict = page.locator("#verdict")
    assert verdict.is_visible()
    assert verdict.text_content().strip().lower() == report.summary.verdict
    for k, finding in enumerate(report.findings):
        check_finding(page, k, finding)
    check_unmatched_rows(page, report)
