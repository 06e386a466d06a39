"""The HTML view: highlighting, rows, links, escaping, self-containment."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import replace
from html.parser import HTMLParser

import pytest
from markupsafe import escape
from report_samples import faithful_report, injection_report, sample_report

from auditor.errors import AuditError
from auditor.records import AuditReport, Bead
from auditor.report.highlight import Mark, Piece, pieces
from auditor.report.html import _layout, render_html, rows, target

A = Mark(0, "critical", "negation", "a")
B = Mark(1, "minor", "number", "b")
C = Mark(2, "major", "name", "c")


@pytest.mark.parametrize("spans, expected", [
    ([], [Piece("abcdef")]),
    ([(1, 3, A)], [Piece("a"), Piece("bc", (A,)), Piece(tag=A), Piece("def")]),
    ([(0, 4, A), (2, 6, B)],  # overlap: most severe innermost, each tag after its own end
     [Piece("ab", (A,)), Piece("cd", (B, A)), Piece(tag=A), Piece("ef", (B,)), Piece(tag=B)]),
    ([(0, 6, B), (2, 3, A)],  # nested
     [Piece("ab", (B,)), Piece("c", (B, A)), Piece(tag=A), Piece("def", (B,)), Piece(tag=B)]),
    ([(2, 4, A), (2, 4, C)], [Piece("ab"), Piece("cd", (C, A)), Piece(tag=A), Piece(tag=C), Piece("ef")]),
    ([(3, 3, A)], [Piece("abc"), Piece(tag=A), Piece("def")]),  # zero-length: a tag at the point
    ([(-5, 2, A), (4, 99, B)],  # clipped to the text (a span crossing paragraphs)
     [Piece("ab", (A,)), Piece(tag=A), Piece("cd"), Piece("ef", (B,)), Piece(tag=B)]),
    ([(7, 9, A), (-3, -1, B)], [Piece("abcdef")]),  # outside: nothing
])
def test_pieces(spans, expected):
    assert pieces("abcdef", spans) == expected


class Highlights(HTMLParser):
    """Per (finding, column): the text of its marks, paragraph by paragraph, as the page shows it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.column, self.paragraph, self.open = "", 0, []
        self.texts: dict[tuple[int, str], dict[int, str]] = defaultdict(lambda: defaultdict(str))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "td":
            self.column = next((c[4:] for c in classes if c.startswith("col-")), "")
        elif tag == "p" and "para" in classes:
            self.paragraph += 1
        elif tag == "mark":
            self.open.append(int(attrs["data-finding"]))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()

    def handle_data(self, data):
        for k in self.open:
            self.texts[k, self.column][self.paragraph] += data

    def text(self, k: int, column: str) -> str:
        return " ".join(" ".join(self.texts[k, column].values()).split())


def highlights(html: str) -> Highlights:
    parser = Highlights()
    parser.feed(html)
    return parser


@pytest.mark.parametrize("make", [sample_report, injection_report])
def test_each_finding_is_highlighted_exactly_in_every_column_it_has_a_span(make):
    report = make()
    found = highlights(render_html(report))
    for k, f in enumerate(report.findings):
        for column, span in (("original", f.original_span), ("translation", f.translation_span),
                             ("back", f.backtranslation_span)):
            expected = "" if span is None else " ".join(span.text.split())
            assert found.text(k, column) == expected, (k, column)


def test_marks_are_labelled_and_carry_the_reason():
    html = render_html(sample_report())
    assert len(re.findall(r'<a class="tag sev-critical" href="#finding-0" data-finding="0" title="[^"]*">'
                          r"\[critical · negation\]</a>", html)) == 3  # original, translation, back
    assert 'title="critical · negation: The original says the minister did not approve' in html
    assert '<mark class="sev-critical" data-finding="1"' in html


def test_layout_keeps_unaligned_boilerplate_in_place():
    assert _layout(sample_report()) == [
        ("extra-0", (0,), (0,), None), ("row-0", (1,), (1,), 0), ("row-1", (), (2,), 1),
        ("row-2", (2,), (3,), 2), ("row-3", (3, 4), (4,), 3), ("row-4", (5,), (), 4),
        ("row-5", (6,), (), 5), ("extra-7", (7,), (5,), None)]


def test_findings_link_to_their_row_or_first_covered_row():
    report = sample_report()
    table = rows(report)
    assert [target(report, f, table) for f in report.findings] == [
        "row-0", "row-0", "row-1", "row-2", "row-3", "row-4", "row-4"]  # truncation: first omitted row
    spanless = replace(report.findings[6], original_span=None, bead=None)
    assert target(report, spanless, table) == "summary"
    html = render_html(report)
    assert '<a class="jump" href="#row-4" data-finding="6">' in html
    assert html.count('<tr id="row-') == len(report.alignment)


def test_omitted_added_merged_and_boilerplate_rows():
    html = render_html(sample_report())
    row = {m.group(1): m.group(0) for m in re.finditer(r'<tr id="([\w-]+)".*?</tr>', html, re.S)}
    assert 'kind-omitted' in row["row-4"] and "Omitted in translation" in row["row-4"]
    assert "Not translated" in row["row-4"] and "Officials declined to comment" in row["row-4"]
    assert 'kind-added' in row["row-1"] and "Added in translation" in row["row-1"]
    assert "Not in the original" in row["row-1"]
    assert 'kind-merged' in row["row-3"] and "Paragraphs merged" in row["row-3"]
    assert row["extra-0"].count('<details class="boilerplate">') == 2 and "<details open" not in html
    assert "Not aligned" not in html  # boilerplate-only rows need no label


def test_header_states_verdict_counts_scores_languages_truncation_and_provenance():
    report = sample_report()
    html = render_html(report)
    assert '<span id="verdict" class="verdict v-critical">Critical</span>' in html
    assert "<b>3</b> critical" in html and "<b>3</b> major" in html and "<b>1</b> minor" in html
    assert "chrF <strong>48.2</strong> · BLEU <strong>21.0</strong>" in html
    assert "<dd>en → it</dd>" in html
    assert "The translation stops before original paragraph 6 of 8" in html
    for text in (report.signature, report.original.sha256, report.translation.sha256,
                 report.original.path, report.translation.path):
        assert text in html


def test_faithful_report_has_no_back_column_and_says_so():
    html = render_html(faithful_report())
    assert "Back-translation ·" not in html and '<td class="col col-back"' not in html
    assert "No findings" in html and 'class="verdict v-faithful"' in html


def test_article_html_is_escaped_never_executed():
    report = injection_report()
    html = render_html(report)
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered and "<!--" not in lowered
    for text in ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "<!-- comment -->",
                 "Reason with <script>alert(2)</script>.", 'inject"<b>_en.txt', report.signature):
        assert str(escape(text)) in html


class Elements(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


@pytest.mark.parametrize("make", [sample_report, injection_report, faithful_report])
def test_page_is_self_contained_and_inert(make):
    html = render_html(make())
    parser = Elements()
    parser.feed(html)
    assert {tag for tag, _ in parser.found} <= {
        "html", "head", "meta", "title", "style", "body", "main", "header", "p", "span", "ul", "li", "b", "dl",
        "dt", "dd", "strong", "code", "section", "h2", "small", "ol", "a", "table", "thead", "tr", "th", "tbody",
        "td", "details", "summary", "mark", "footer", "div"}
    for _, attrs in parser.found:
        assert not any(name == "src" or name.startswith("on") for name in attrs)
        assert (attrs.get("href") or "#").startswith("#")
    for external in ("url(", "@import", "@font-face"):
        assert external not in html.lower()
    assert "@media print" in html


def test_bead_naming_a_missing_paragraph_is_an_audit_error():
    report = sample_report()
    broken: AuditReport = replace(report, alignment=report.alignment + (Bead((9,), (), None),))
    with pytest.raises(AuditError, match="paragraph 9"):
        render_html(broken)


@pytest.mark.parametrize("shuffled", [False, True])
def test_the_paragraph_index_finds_what_a_scan_finds(shuffled: bool) -> None:
    import random

    from auditor.documents import Document, Paragraph, Span
    from auditor.report.digest import ParagraphIndex

    rng = random.Random(int(shuffled))
    for _ in range(100):
        position, paragraphs = 0, []
        for k in range(rng.randint(1, 12)):  # gaps of 0-3 characters, some paragraphs empty
            position += rng.randint(0, 3)
            length = rng.randint(0, 6)
            paragraphs.append(Paragraph(k, position, position + length, "x" * length, False, False))
            position += length
        if shuffled:  # as a hand-edited report may have them
            rng.shuffle(paragraphs)
        doc = Document("d.md", "0", "en", tuple(paragraphs))
        index = ParagraphIndex(doc)
        for _ in range(40):
            start = rng.randint(0, position + 2)
            end = start + rng.choice([0, 0, 1, 2, 5, 20])
            scan = [p for p in doc.paragraphs
                    if (p.start <= start <= p.end if start == end else start < p.end and end > p.start)]
            assert index.at(Span(start, end, "")) == scan
