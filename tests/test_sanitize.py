"""The one sanitiser: control characters become visible stand-ins in every view, one for one; JSON escapes them."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest
from report_samples import document, span

from auditor.records import AuditReport, Bead, Finding, Summary
from auditor.report import record
from auditor.report.files import render
from auditor.sanitize import one_line, visible, visible_record

RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
TITLE = "\x1b]0;TITLE\x07"   # sets the terminal window's title
CLEAR = "\x1b[2J"            # clears the screen
CSI = "\x9b31m"              # the 8-bit form of ESC [


@pytest.mark.parametrize("text, expected", [
    ("plain text", "plain text"),
    (TITLE, "␛]0;TITLE␇"),
    (CLEAR, "␛[2J"),
    (CSI, "\ufffd31m"),
    ("a\x00b\x7fc", "a␀b␡c"),
    ("tab\tand\nnewline", "tab\tand\nnewline"),
    ("crlf\r\nline", "crlf \nline"),
    ("old\rmac", "old\nmac"),
    ("lone \ud800 surrogate", "lone \ufffd surrogate"),
])
def test_visible_replaces_one_for_one(text: str, expected: str) -> None:
    assert visible(text) == expected and len(visible(text)) == len(text)


def test_one_line_collapses_newlines_and_escapes() -> None:
    assert one_line(f"evil\n{CLEAR}name\r\n.txt") == "evil ␛[2Jname .txt"


def hostile_report() -> AuditReport:
    """Escapes and newlines in article text, file names, reasons, language, signature and summary."""
    original = f"The mayor spoke.\n\nHe said {TITLE} and {CLEAR} on air.\n\nShe left {CSI} early."
    translation = f"Il sindaco ha parlato.\n\nHa detto {TITLE} e {CLEAR} in onda."
    o = document(f"evil{CLEAR}\nname.en.txt", original, "en")
    t = document(f"x{TITLE}.it.txt", translation, "it\x1b[0m")
    beads = (Bead((0,), (0,), 0.9, backtranslation=f"The mayor spoke {CSI}."), Bead((1,), (1,), 0.9),
             Bead((2,), (), None))
    findings = (
        Finding("quote", "major", (1,), (1,), span(o, 1, TITLE), span(t, 1, TITLE), f"Reason {CLEAR} here.",
                bead=1),
        Finding("omission", "critical", (2,), (), span(o, 2), None, "Dropped.", ("structure",), None, 2),
    )
    summary = replace(Summary.of(findings), backtranslation=f"done {TITLE}")
    return AuditReport(f"mt:none|{CLEAR}", o, t, beads, findings, summary)


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_no_view_carries_a_raw_control_character(fmt: str) -> None:
    rendered = render(hostile_report(), fmt)
    assert not RAW_CONTROL.search(rendered)
    assert "␛]0;TITLE␇" in rendered


def test_terminal_lines_stay_lines() -> None:
    lines = render(hostile_report(), "text").splitlines()
    assert lines[1].endswith("evil␛[2J name.en.txt (en) → x␛]0;TITLE␇.it.txt (it␛[0m)")


def test_json_escapes_every_control_character_and_round_trips() -> None:
    report = hostile_report()
    text = record.dumps(report)
    assert not RAW_CONTROL.search(text) and "\\u009b" in text and "\\u001b" in text
    assert AuditReport.from_dict(json.loads(text)) == report


def test_visible_record_keeps_offsets() -> None:
    report = hostile_report()
    clean = visible_record(report)
    for before, after in zip(report.original.paragraphs, clean.original.paragraphs, strict=True):
        assert len(before.text) == len(after.text) and (before.start, before.end) == (after.start, after.end)
    assert clean.findings[0].original_span.text == "␛]0;TITLE␇"
