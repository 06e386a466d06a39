"""Records: to_dict/from_dict round trips, the JSON record on disk, Finding validation, Summary.of."""

from __future__ import annotations

import json
import re

import pytest

from auditor.documents import Document, Paragraph, Sentence, Span
from auditor.errors import AuditError
from auditor.records import AuditReport, Bead, Finding, Scores, SentenceLink, Summary
from auditor.report import record

SPAN = Span(4, 9, "world")
PARAGRAPHS = (Paragraph(0, 0, 5, "Title", headline=True), Paragraph(1, 7, 30, "Body text, with a comma."),
              Paragraph(2, 32, 43, "Source link", boilerplate=True))
SENTENCES = (Sentence(0, 0, 0, 5, "Title"), Sentence(1, 1, 7, 30, "Body text, with a comma."),
             Sentence(2, 2, 32, 43, "Source link"))
DOCUMENT = Document("a.en.txt", "ab" * 32, "en", PARAGRAPHS, SENTENCES)
SCORES = Scores(chrf=61.5, bleu=30.25, ter=48.0, similarity=0.8123)
LINK = SentenceLink((1,), (0, 1), 0.75)
BEAD_PLAIN = Bead((1,), (0,), 0.9, (LINK,))
BEAD_FULL = Bead((1, 2), (0,), 0.81, (LINK,), backtranslation="Body text, with a comma.", scores=SCORES)
FINDING = Finding("omission", "major", (0,), (), Span(0, 5, "Title"), None, "The headline is missing.",
                  ("structure", "cross-lingual"), bead=0)
FINDING_BT = Finding("negation", "critical", (1,), (0,), SPAN, Span(0, 3, "non"), "Negation flipped.",
                     ("back-translation",), backtranslation_span=Span(1, 4, "not"), bead=None)
SUMMARY = Summary.of((FINDING, FINDING_BT), SCORES, "done")
REPORT = AuditReport("mt:none|auditor:0.1.0", DOCUMENT,
                     Document("b.it.txt", "cd" * 32, "it", PARAGRAPHS[1:2]),
                     (Bead((0,), (), None), BEAD_FULL, Bead((), (2,), None)), (FINDING, FINDING_BT), SUMMARY)


@pytest.mark.parametrize("item", [
    SPAN, PARAGRAPHS[0], PARAGRAPHS[2], SENTENCES[1], DOCUMENT, Document("x", "0" * 64, "it", PARAGRAPHS),
    SCORES, Scores(), LINK, SentenceLink((), (3,), None), BEAD_PLAIN, BEAD_FULL, Bead((), (4,), None),
    FINDING, FINDING_BT, SUMMARY, Summary.of(()), REPORT,
], ids=lambda item: type(item).__name__)
def test_round_trip(item: object) -> None:
    data = item.to_dict()  # type: ignore[attr-defined]
    assert type(item).from_dict(json.loads(json.dumps(data))) == item  # type: ignore[attr-defined]


@pytest.mark.parametrize(("bead", "keys"), [
    (BEAD_PLAIN, ["original", "translation", "similarity", "sentences"]),
    (BEAD_FULL, ["original", "translation", "similarity", "sentences", "backtranslation", "scores"]),
])
def test_bead_dict_leaves_out_missing_backtranslation_and_scores(bead: Bead, keys: list[str]) -> None:
    assert list(bead.to_dict()) == keys


def test_span_from_none_is_none() -> None:
    assert Span.from_dict(None) is None and Scores.from_dict(None) is None


def test_report_json_file_round_trip(tmp_path) -> None:
    path = tmp_path / "report.json"
    path.write_text(record.dumps(REPORT), encoding="utf-8")
    assert record.load(path) == REPORT
    assert record.dumps(record.load(path)) == record.dumps(REPORT)


def test_dumps_is_deterministic_and_keeps_non_ascii() -> None:
    report = AuditReport("sig", Document("a", "0" * 64, "it", (Paragraph(0, 0, 6, "Città"),)),
                         DOCUMENT, (), (), Summary.of(()))
    text = record.dumps(report)
    assert text == record.dumps(report)
    assert "Città" in text and text.endswith("}\n")


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "not a JSON audit report"),
    ('["a list"]', "not an audit report"),
    ('{"schema_version": 1}', "not an audit report"),
    ('{"schema_version": 2, "findings": []}', "newer than this auditor"),
    ('{"schema_version": 1, "findings": []}', "'signature' is a required property"),  # the schema's check
])
def test_load_refuses_what_is_not_a_report(tmp_path, content: str, message: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AuditError, match=message) as error:
        record.load(path)
    assert str(path) in str(error.value)


def _edited(edit) -> dict:
    data = REPORT.to_dict()
    edit(data)
    return data


@pytest.mark.parametrize(("edit", "message"), [
    (lambda d: d.update(schema_version=-1), "schema_version -1 is not a positive integer"),
    (lambda d: d.update(schema_version=0), "schema_version 0 is not a positive integer"),
    (lambda d: d["findings"][1]["original_span"].update(start=10**9), "its original span 1000000000-9 lies outside"),
    (lambda d: d["findings"][1]["translation_span"].update(end=10**9), "translation span 0-1000000000 lies outside"),
    (lambda d: d["findings"][0].update(bead=7), "finding 0 names bead 7"),
    (lambda d: d["original"]["paragraphs"][0].update(start=-4),
     "original/paragraphs/0/start: -4 is less than the minimum of 0"),  # the schema's check
    (lambda d: d["summary"]["counts"].update(major="2\x1b[2J"), "summary/counts/major: '2\\x1b[2J' is not of type"),
])
def test_load_refuses_a_hand_edited_report_the_views_would_misplace(tmp_path, edit, message: str) -> None:
    path = tmp_path / "report.json"
    path.write_text(json.dumps(_edited(edit)), encoding="utf-8")
    with pytest.raises(AuditError, match=re.escape(message)) as error:
        record.load(path)
    assert str(error.value).startswith(f"{path}: ") and "\n" not in str(error.value)


def test_load_missing_file(tmp_path) -> None:
    with pytest.raises(AuditError, match="file not found"):
        record.load(tmp_path / "absent.json")


def test_load_string_schema_version_is_an_audit_error(tmp_path) -> None:
    path = tmp_path / "report.json"
    path.write_text('{"schema_version": "1", "findings": []}', encoding="utf-8")
    with pytest.raises(AuditError):
        record.load(path)


def test_load_directory_is_an_audit_error(tmp_path) -> None:
    with pytest.raises(AuditError):
        record.load(tmp_path)


@pytest.mark.parametrize(("category", "severity", "evidence"), [
    ("typo", "major", ("structure",)),
    ("omission", "blocker", ("structure",)),
    ("Omission", "major", ("structure",)),
    ("omission", "major", ("gut-feeling",)),
])
def test_finding_refuses_unknown_values(category: str, severity: str, evidence: tuple[str, ...]) -> None:
    with pytest.raises(ValueError):
        Finding(category, severity, (0,), (), None, None, "reason", evidence)


def _finding(severity: str) -> Finding:
    return Finding("omission", severity, (0,), (), None, None, "reason")


@pytest.mark.parametrize(("severities", "verdict", "counts"), [
    ((), "faithful", (0, 0, 0)),
    (("minor",), "minor", (0, 0, 1)),
    (("minor", "major", "minor"), "major", (0, 1, 2)),
    (("major", "critical"), "critical", (1, 1, 0)),
    (("critical", "critical", "critical"), "critical", (3, 0, 0)),
])
def test_summary_of(severities: tuple[str, ...], verdict: str, counts: tuple[int, int, int]) -> None:
    summary = Summary.of(tuple(_finding(s) for s in severities))
    assert summary.verdict == verdict
    assert summary.counts == dict(zip(("critical", "major", "minor"), counts, strict=True))
    assert (summary.scores, summary.backtranslation) == (None, "skipped")
