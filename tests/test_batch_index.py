"""The batch index: rows round-trip, and hostile ids, file names and errors stay text in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest

from auditor.batch.index import IndexRow, render_index, tally

ROWS = [IndexRow("ok", "a.en.md", "a.it.md", "passed", "en", "it", "faithful", report="ok/report.html", risk=0.0),
        IndexRow("=HYPERLINK(\"x\")", "b.md", "b.it.md", "failed", "en", "it", "critical", 1, 0, 0, 1, 0.9,
                 "critical number: The original says “4%”; the translation says “40%”.",
                 "=HYPERLINK(\"x\")/report.html"),
        IndexRow("bad\x1b[31m", "<script>.md", "c.it.md", "refused", error="<script>.md: file not found")]


def test_a_row_round_trips_through_its_dict() -> None:
    assert [IndexRow.from_dict(json.loads(json.dumps(r.to_dict()))) for r in ROWS] == ROWS


def test_tally_counts_each_gate_result() -> None:
    assert tally(ROWS) == {"passed": 1, "failed": 1, "refused": 1}


def test_the_csv_quotes_what_a_spreadsheet_would_run() -> None:
    rows = list(csv.DictReader(io.StringIO(render_index(ROWS)["index.csv"])))
    assert [r["id"] for r in rows] == ["ok", "'=HYPERLINK(\"x\")", "bad␛[31m"]
    assert rows[1]["risk"] == "0.9" and rows[0]["error"] == ""


def test_the_jsonl_has_one_object_per_row_in_order() -> None:
    lines = render_index(ROWS)["index.jsonl"].splitlines()
    assert [json.loads(line)["id"] for line in lines] == [r.id for r in ROWS]


@pytest.mark.parametrize("name", ["index.html", "index.md"])
def test_no_markup_or_escape_sequence_gets_through(name: str) -> None:
    text = render_index(ROWS)[name]
    assert "<script>.md" not in text and "\x1b" not in text
    assert ("&lt;script&gt;.md" if name == "index.html" else "\\<script\\>.md") in text
    assert "bad␛" in text


def test_the_html_links_each_audited_pair_and_sorts_by_rank() -> None:
    html = render_index(ROWS)["index.html"]
    assert '<a href="ok/report.html">ok</a>' in html
    assert 'href="%3DHYPERLINK%28%22x%22%29/report.html"' in html
    assert '<td data-sort="0"><span class="badge g-refused">refused</span>' in html
    assert "3 pairs" in html and "<b>1</b> failed the gate" in html
