"""Property-based fuzzing of audit() and the views with hostile text: only AuditError, no raw control character
in any view, JSON that round-trips. Deterministic (derandomize) and bounded, so it runs in `make test`."""

from __future__ import annotations

import json
import re
import tempfile
import zlib
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from report_samples import sample_report

from auditor.config import AuditConfig
from auditor.errors import AuditError
from auditor.pipeline import audit
from auditor.records import AuditReport
from auditor.report import record
from auditor.report.files import render

FUZZ = settings(max_examples=300, derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
MARKDOWN_TAGS = {"h1", "h2", "p", "ul", "li", "strong", "code", "hr", "br", "table", "thead", "tbody", "tr", "th",
                 "td"}  # what report.md is made of; anything else came from the text
PAIRS = [
    ("Dock workers in Halden returned to work on Monday.", "I portuali di Halden sono tornati al lavoro lunedì."),
    ("The strike lasted nine days.", "Lo sciopero è durato nove giorni."),
    ("Unions said the deal raises pay by 4%.", "I sindacati hanno detto che l'accordo aumenta la paga del 4%."),
    ("Ships queued outside the harbour all week.", "Le navi hanno fatto la fila fuori dal porto tutta la settimana."),
    ("Shops ran short of fresh fruit.", "Nei negozi è mancata la frutta fresca."),
    ('"We will not sign," said Anna Berg.', '"Non firmeremo", ha detto Anna Berg.'),
    ("The mayor thanked both sides.", "Il sindaco ha ringraziato entrambe le parti."),
]
HOSTILE = ["\x1b[2J", "\x1b]0;TITLE\x07", "\x9b31m", "\r", "\r\n", "\r\r", "\x0b", "\x0c", "\x85", "\u2028", "\x7f",
           "\x08", "\t", "\n", "\n\n", "`", "``", "*", "_", "|", "\\", "~~", "$x$", "&amp;", "# ", "> ", "- ", "1. ",
           "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x](javascript:alert(1))", "![i](x)",
           "https://evil.example/a", "www.evil.example", "me@evil.example", '"', "«", "“", "4.5%", "1,000", "nine",
           "not", "\u202e", "\ufeff", "\ud800", "\x00", "Ελλάδα", "東京"]
fragment = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6))
names = st.one_of(st.sampled_from(["a.en.txt", "evil\x1b[2J\nname.txt", "x` <img src=x onerror=alert(1)> `.it.txt",
                                   "dir/with space/b.it.md", "\x9b\r.txt"]), st.text(min_size=1, max_size=12))


def _vector(key: int) -> np.ndarray:
    return np.random.default_rng(key).standard_normal(64)


def embed(texts: Sequence[str]) -> np.ndarray:
    """Texts that hold a sentence of pair k point the way of pair k, others somewhere of their own (no model)."""
    rows = []
    for text in texts:
        keys = [k for k, pair in enumerate(PAIRS) if pair[0] in text or pair[1] in text]
        vector = sum((_vector(k) for k in keys), np.zeros(64)) if keys else \
            _vector(1000 + zlib.crc32(text.encode("utf-8", "surrogatepass")))
        rows.append(vector / np.linalg.norm(vector))
    return np.stack(rows) if rows else np.zeros((0, 64))


@st.composite
def articles(draw: st.DrawFn) -> tuple[str, str]:
    """An original and a translation built from PAIRS, with hostile fragments around sentences, some dropped."""
    picked = draw(st.lists(st.integers(0, len(PAIRS) - 1), min_size=1, max_size=6))
    sides: list[list[str]] = [[], []]
    for k in picked:
        for side in (0, 1):
            if side == 1 and draw(st.booleans()) and draw(st.booleans()):
                continue  # a quarter of the paragraphs are not translated
            sides[side].append(draw(fragment) + PAIRS[k][side] + draw(fragment))
    joiner = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n \n"]))
    return joiner.join(sides[0]), joiner.join(sides[1])


def check_views(report: AuditReport) -> None:
    """No view carries a raw control character; Markdown has no markup of its own; the JSON record round-trips."""
    for fmt in ("html", "md", "text", "json"):
        view = render(report, fmt)
        assert not RAW_CONTROL.search(view), (fmt, RAW_CONTROL.search(view))
    tags = set(re.findall(r"<([a-z0-9]+)", MarkdownIt("commonmark").enable("table").render(render(report, "md"))))
    assert tags <= MARKDOWN_TAGS, tags - MARKDOWN_TAGS
    text = record.dumps(report)
    assert AuditReport.from_dict(json.loads(text)) == report
    with tempfile.TemporaryDirectory() as folder:  # a report audit() made passes the saved-report checks too
        (Path(folder) / "report.json").write_text(text, encoding="utf-8")
        assert record.dumps(record.load(Path(folder) / "report.json")) == text


@FUZZ
@given(articles(), names, names, st.sampled_from([("en", "it"), (None, None), ("en", "en"), ("it", None)]))
def test_audit_raises_only_audit_error_and_every_view_is_clean(texts: tuple[str, str], original_path: str,
                                                               translation_path: str,
                                                               languages: tuple[str | None, str | None]) -> None:
    config = AuditConfig(*languages, backtranslation=False)
    try:
        report = audit(*texts, config, original_path=original_path, translation_path=translation_path,
                       embed=embed)
    except AuditError as exc:
        assert "\n" not in str(exc).replace(original_path, "").replace(translation_path, "")
        return
    check_views(report)


@FUZZ
@given(st.lists(fragment, min_size=6, max_size=6), st.sampled_from(["critical", "faithful", "odd\x1b[0m"]))
def test_views_of_a_hand_edited_report_are_clean(values: list[str], verdict: str) -> None:
    report = sample_report()
    signature, path, language, status, reason, quote = values
    first = report.findings[0]
    span = replace(first.original_span, text=quote)
    edited = replace(
        report, signature=signature, original=replace(report.original, path=path, language=language),
        findings=(replace(first, reason=reason, original_span=span), *report.findings[1:]),
        summary=replace(report.summary, verdict=verdict, backtranslation=status))
    check_views(edited)
