"""Structural findings on hand-built documents and beads: omission, headline, addition, truncation."""

from __future__ import annotations

import pytest

from auditor.detect.structure import structural_findings
from auditor.documents import Document, Paragraph, Span
from auditor.records import Bead

BOILERPLATE = {"Source link", "Leave A Reply", "Condividi", "Lascia un commento"}
LONG = ("This paragraph is deliberately long so that the quoted part of the reason gets cut at a word "
        "boundary and ends with an ellipsis.")


def _document(texts: list[str], language: str) -> Document:
    """Paragraphs joined by blank lines; the first is the headline, BOILERPLATE texts are boilerplate."""
    paragraphs, start = [], 0
    for index, text in enumerate(texts):
        paragraphs.append(Paragraph(index, start, start + len(text), text, text in BOILERPLATE, index == 0))
        start += len(text) + 2
    return Document(f"doc.{language}", "0" * 64, language, tuple(paragraphs))


EN = _document(["Title", "One.", "Two.", "Three.", "Four.", "Five.", "Source link", "Leave A Reply"], "en")
IT = _document(["Titolo", "Uno.", "Due.", "Tre.", "Quattro.", "Cinque.", "Condividi", "Lascia un commento"], "it")


def _beads(*pairs: tuple[tuple[int, ...], tuple[int, ...]]) -> tuple[Bead, ...]:
    return tuple(Bead(a, b, 0.9 if a and b else None) for a, b in pairs)


FULL = [((k,), (k,)) for k in range(6)]
TAIL_BOILERPLATE = [((6,), ()), ((7,), ())]


def _summary(findings) -> list[tuple]:
    return [(f.category, f.severity, f.original_paragraphs, f.translation_paragraphs, f.bead) for f in findings]


@pytest.mark.parametrize(("beads", "expected"), [
    (FULL + TAIL_BOILERPLATE, []),
    (FULL + [((6,), ()), ((), (6,)), ((7,), ()), ((), (7,))], []),
    ([*FULL[:2], ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,)), *TAIL_BOILERPLATE],
     [("omission", "major", (2,), (), 2)]),
    ([((0,), ()), *FULL[1:], *TAIL_BOILERPLATE], [("omission", "major", (0,), (), 0)]),
    ([*FULL[:3], ((), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), ())],
     [("addition", "major", (), (3,), 3), ("omission", "major", (5,), (), 6)]),
    # One trailing content paragraph is an omission, not a truncation.
    ([*FULL[:5], ((5,), ()), *TAIL_BOILERPLATE], [("omission", "major", (5,), (), 5)]),
    # Two or more: one critical truncation listing them all, no separate omissions.
    ([*FULL[:4], ((4,), ()), ((5,), ()), *TAIL_BOILERPLATE], [("truncation", "critical", (4, 5), (3,), 4)]),
    ([*FULL[:2], ((2,), ()), ((3,), ()), ((4,), ()), ((5,), ()), *TAIL_BOILERPLATE],
     [("truncation", "critical", (2, 3, 4, 5), (1,), 2)]),
    # A middle omission before the cut stays an omission.
    ([*FULL[:2], ((2,), ()), ((3,), (2,)), ((4,), ()), ((5,), ())],
     [("truncation", "critical", (4, 5), (2,), 4), ("omission", "major", (2,), (), 2)]),
    # Boilerplate omitted in the middle is never a finding.
    ([*FULL[:2], ((6,), ()), *FULL[2:], ((7,), ())], []),
    ([((1, 2), (1,)), ((3,), (2, 3)), ((0,), (0,))], []),
])
def test_structural_findings(beads, expected) -> None:
    assert _summary(structural_findings(EN, IT, _beads(*beads))) == expected


@pytest.mark.parametrize(("beads", "reason"), [
    ([*FULL[:2], ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))],
     "Original paragraph 3 is missing from the translation: \u201cTwo.\u201d"),
    ([((0,), ()), *FULL[1:]], "The headline is missing from the translation: \u201cTitle\u201d"),
    ([*FULL[:3], ((), (3,)), ((3,), (4,)), ((4,), (5,)), ((5,), (6,))],
     "Translation paragraph 4 has no counterpart in the original: \u201cTre.\u201d"),
    ([*FULL[:3], ((3,), ()), ((4,), ()), ((5,), ()), *TAIL_BOILERPLATE],
     "The translation stops after original paragraph 3; 3 content paragraphs are missing, from \u201cThree.\u201d on."),
])
def test_reasons(beads, reason: str) -> None:
    assert [f.reason for f in structural_findings(EN, IT, _beads(*beads))] == [reason]


def test_finding_spans_and_evidence() -> None:
    beads = _beads(*FULL[:3], ((), (3,)), ((3,), (4,)), ((4,), ()), ((5,), ()))
    truncation, addition = structural_findings(EN, IT, beads)
    assert (truncation.original_span, truncation.translation_span) == (Span(27, 32, "Four."), None)
    assert truncation.evidence == ("structure",)
    assert (addition.original_span, addition.translation_span) == (None, Span(20, 24, "Tre."))
    assert addition.evidence == ("structure", "cross-lingual")


def test_long_paragraph_is_quoted_up_to_a_word_boundary() -> None:
    original = _document(["Title", LONG], "en")
    translation = _document(["Titolo"], "it")
    (finding,) = structural_findings(original, translation, _beads(((0,), (0,)), ((1,), ())))
    assert finding.reason == ("Original paragraph 2 is missing from the translation: \u201cThis paragraph is "
                              "deliberately long so that the quoted part\u2026\u201d")
    assert finding.original_span == Span(7, 7 + len(LONG), LONG)


def test_truncation_ignores_translation_boilerplate_at_the_end() -> None:
    beads = _beads(*FULL[:3], ((3,), ()), ((4,), ()), ((5,), ()), *TAIL_BOILERPLATE, ((), (6,)), ((), (7,)))
    assert _summary(structural_findings(EN, IT, beads)) == [("truncation", "critical", (3, 4, 5), (2,), 3)]
