"""Screenshot a saved report's HTML view (or a batch's index.html) in headless Chromium.

Usage (from the repository root): python bench/screenshot_report.py REPORT.json|index.html OUT.png [--width 1440]
[--viewport]
Uses Debian's /usr/bin/chromium through Playwright's Python package (browser downloads are not possible here).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # run from a checkout without installing; share the test's launch

from report_page import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from auditor.report.files import render_saved, write_text_atomic  # noqa: E402


def screenshot(report: Path, png: Path, width: int = 1440, full_page: bool = True) -> Path:
    """Save a screenshot of an HTML page, or of a report.json rendered to HTML beside png; returns the HTML path."""
    from playwright.sync_api import sync_playwright
    page_file = report if report.suffix == ".html" else \
        write_text_atomic(png.with_suffix(".html"), render_saved(report, "html"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": width, "height": 1000})
        page.goto(page_file.resolve().as_uri())
        page.screenshot(path=str(png), full_page=full_page)
        browser.close()
    return page_file


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report_json", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--viewport", action="store_true", help="only the first screen, not the full page")
    args = parser.parse_args()
    page_file = screenshot(args.report_json, args.png, args.width, not args.viewport)
    print(f"{args.png} (from {page_file})")


if __name__ == "__main__":
    main()
