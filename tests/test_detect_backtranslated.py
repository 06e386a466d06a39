"""The back-translation channel on hand-built units: checks in the original's language, mistranslation, merge."""

from auditor.detect.backtranslated import backtranslation_findings, backtranslation_units, merge_channels
from auditor.documents import Document, Paragraph, Sentence, Span
from auditor.records import Bead, Finding, SentenceLink

EN = "The council approved the budget on Monday."
IT = "Il consiglio non ha approvato il bilancio lunedì."
BACK = "The council did not approve the budget on Monday."


def documents(en: str = EN, it: str = IT) -> tuple[Document, Document]:
    original = Document("en.txt", "a", "en", (Paragraph(0, 0, len(en), en),), (Sentence(0, 0, 0, len(en), en),))
    translation = Document("it.txt", "b", "it", (Paragraph(0, 0, len(it), it),), (Sentence(0, 0, 0, len(it), it),))
    return original, translation


def beads(back: str) -> tuple[Bead, ...]:
    return (Bead((0,), (0,), 0.8, (SentenceLink((0,), (0,), 0.8),), back),)


def test_negation_seen_in_the_backtranslation_points_into_it():
    original, translation = documents()
    units = backtranslation_units(original, translation, beads(BACK), {0: Span(0, len(BACK), BACK)})
    [finding] = backtranslation_findings(units, translation, {0: 80.0})
    assert (finding.category, finding.evidence) == ("negation", ("back-translation",))
    assert finding.backtranslation_span.text == "not approve the budget on"  # cue + 4 words
    assert BACK[finding.backtranslation_span.start:finding.backtranslation_span.end] == finding.backtranslation_span.text
    assert finding.translation_span == Span(0, len(IT), IT)


def test_mistranslation_names_content_words_without_counterpart():
    en = "Biden predicted Russia will move in to Ukraine, citing existential concerns."
    back = "Biden predicted Russia would be transferred to Ukraine, citing existential worries."
    original, translation = documents(en, "Biden ha predetto che la Russia si sarebbe trasferita in Ucraina.")
    units = backtranslation_units(original, translation, beads(back), {0: Span(0, len(back), back)})
    findings = backtranslation_findings(units, translation, {0: 30.0})
    [mis] = [f for f in findings if f.category == "mistranslation"]
    assert "move" in mis.reason and "concerns" in mis.reason and "chrF 30" in mis.reason
    assert backtranslation_findings(units, translation, {0: 75.0}) == []  # no dip, no word-by-word look


def finding(evidence, span=Span(4, 20, "x"), bead=0, category="negation"):
    return Finding(category, "major", (0,), (0,), span, Span(0, 5, "y"), "r", evidence, None, bead)


def test_merge_marks_agreement_and_keeps_single_channel_flags():
    cross = [finding(("cross-lingual",))]
    agreeing = finding(("back-translation",), Span(10, 30, "z"))
    agreeing = Finding(**{**{s: getattr(agreeing, s) for s in Finding.__slots__}, "backtranslation_span": Span(1, 2, "q")})
    alone = finding(("back-translation",), category="number")
    merged = merge_channels(cross, [agreeing, alone])
    assert merged[0].evidence == ("cross-lingual", "back-translation")
    assert merged[0].backtranslation_span == Span(1, 2, "q")
    assert merged[1].category == "number" and merged[1].reason.endswith("(back-translation only)")


def test_without_original_spans_only_the_same_translated_sentence_is_one_problem():
    cross = [Finding("addition", "major", (), (0,), None, Span(0, 20, "a"), "r", ("cross-lingual",), None, 0)]
    same = Finding("addition", "major", (), (0,), None, Span(5, 15, "b"), "r", ("back-translation",), None, 0)
    other = Finding("addition", "major", (), (0,), None, Span(40, 60, "c"), "r", ("back-translation",), None, 0)
    merged = merge_channels(cross, [same, other])
    assert [f.evidence for f in merged] == [("cross-lingual", "back-translation"), ("back-translation",)]
    assert merged[1].translation_span == Span(40, 60, "c")
