"""The HTML report in headless Chromium: verdict, links to highlighted rows, omissions, inert injected HTML."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_page import CHROMIUM, CHROMIUM_ARGS, check_report_page
from report_samples import faithful_report, injection_report, sample_report

from auditor.report.html import render_html

COMMENTS_JS = "() => { const w = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT); let n = 0;" \
              " while (w.nextNode()) n++; return n; }"


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_report(browser, tmp_path):
    """Render a report to a file, open it, and collect any dialog (alert/confirm) it raises."""
    pages = []

    def opener(report):
        path = tmp_path / f"report{len(pages)}.html"
        path.write_text(render_html(report), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        page.dialogs = []
        page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri())
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


@pytest.mark.parametrize("make", [sample_report, injection_report, faithful_report])
def test_report_page(open_report, make):
    report = make()
    check_report_page(open_report(report), report)


def test_injected_html_shows_as_text_and_never_runs(open_report):
    page = open_report(injection_report())
    page.wait_for_timeout(300)  # give any onerror handler the chance to fire
    assert page.dialogs == []
    assert page.locator("script, img, iframe, object, embed").count() == 0
    assert page.evaluate(COMMENTS_JS) == 0
    for row, text in (("#row-0", "<script>alert(1)</script>"), ("#row-1", '"><img src=x onerror=alert(1)>'),
                      ("#row-2", "<!-- comment -->")):
        assert text in page.locator(f"{row} td.col-original").inner_text()
        assert text in page.locator(f"{row} td.col-translation").inner_text()
    assert "<script>alert(4)</script>" in page.locator("#summary").inner_text()
    assert page.title().startswith("Major · translation audit · inject\"<b>_en.txt")


def test_boilerplate_is_collapsed_until_opened(open_report):
    page = open_report(sample_report())
    first = page.locator("#extra-0 td.col-original details.boilerplate")
    assert not first.locator(".para").is_visible()
    first.locator("summary").click()
    assert first.locator(".para").is_visible()


def test_bundled_example_report(open_report, encoder, tmp_path):
    """The real pipeline on examples/: verdict, every finding's link lands on its highlighted span, omission shown."""
    from auditor.config import AuditConfig
    from auditor.pipeline import audit_files

    examples = Path(__file__).resolve().parents[1] / "examples"
    report = audit_files(examples / "article.en.md", examples / "article.it.md",
                         AuditConfig(backtranslation=False), embed=encoder)
    assert {"omission", "number", "negation", "name"} <= {f.category for f in report.findings}
    page = open_report(report)
    check_report_page(page, report)
    assert "Supermarket chains reported shortages" in page.inner_text("body")
    shot = Path(__file__).resolve().parents[1] / "reports" / "example-screenshot.png"
    shot.parent.mkdir(exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shot), full_page=False)
