"""Coverage inside aligned paragraphs: dropped and added clauses (real encoder), unmatched sentences."""

import pytest

from auditor.config import AuditConfig
from auditor.detect.coverage import detect_clause_coverage, unmatched_sentences
from auditor.detect.units import build_units
from auditor.pipeline import audit

CONFIG = AuditConfig(source_lang="en", target_lang="it", backtranslation=False)
EN = ("The airline will cancel around 300 flights next week because of a strike by cabin crew, "
      "which is due to begin on Monday, June 9.")
IT = ("La compagnia aerea cancellerà circa 300 voli la prossima settimana a causa di uno sciopero "
      "del personale di bordo, che dovrebbe iniziare lunedì 9 giugno.")


def only_unit(en: str, it: str, encoder, config: AuditConfig = CONFIG):
    report = audit(en, it, config, embed=encoder)
    [unit] = build_units(report.original, report.translation, report.alignment)
    return unit


def test_faithful_sentence_has_no_coverage_finding(encoder):
    assert detect_clause_coverage(only_unit(EN, IT, encoder), 1.11, encoder) == []


def test_dropped_clause_is_located(encoder):
    short = "La compagnia aerea cancellerà circa 300 voli la prossima settimana a causa di uno sciopero del personale di bordo."
    [finding] = detect_clause_coverage(only_unit(EN, short, encoder), 1.11, encoder)
    assert (finding.category, finding.severity) == ("omission", "major")
    assert finding.original_span.text == "which is due to begin on Monday, June 9."[:-1] or \
        "due to begin" in finding.original_span.text
    assert EN[finding.original_span.start:finding.original_span.end] == finding.original_span.text


def test_added_clause_is_located(encoder):
    longer = IT[:-1] + ", secondo quanto riferito dalla stampa locale."
    [finding] = detect_clause_coverage(only_unit(EN, longer, encoder), 1.11, encoder)
    assert finding.category == "addition"
    assert "stampa locale" in finding.translation_span.text


@pytest.mark.parametrize("en, it", [
    ("The city's mayor, Sofia Marchetti, said the strike had cost local businesses about 35 million euros.",
     "La sindaca Sofia Marchetti ha dichiarato che lo sciopero è costato alle imprese locali circa 35 milioni di euro."),
])
def test_rewording_is_not_an_omission(en, it, encoder):
    assert detect_clause_coverage(only_unit(en, it, encoder), 1.11, encoder) == []


def test_unmatched_sentence_inside_a_bead(encoder):
    en = ("The port reopened on Tuesday. Unions called the deal fair. Ships began to leave the harbour at noon, "
          "and the first containers reached the city by evening.")
    it = ("Il porto ha riaperto martedì. Le navi hanno cominciato a lasciare il porto a mezzogiorno, "
          "e i primi container hanno raggiunto la città in serata.")
    report = audit(en, it, CONFIG, embed=encoder)
    findings = unmatched_sentences(report.original, report.translation, report.alignment)
    assert [(f.category, f.original_span.text) for f in findings] == [("omission", "Unions called the deal fair.")]


SAME = AuditConfig(source_lang="en", target_lang="en", backtranslation=False)
REPOST = ("Around 300 flights will be cancelled next week due to a cabin crew strike "
          "that is set to start on Monday, June 9.")


def repost_unit(original: str, repost: str, encoder):
    return only_unit(original, repost, encoder, SAME)


def test_same_language_rewording_is_quiet(encoder):
    assert detect_clause_coverage(repost_unit(EN, REPOST, encoder), 1.0, encoder) == []


@pytest.mark.parametrize("repost, category, clause", [
    (REPOST[:-1] + ", after weeks of failed negotiations with management.", "addition",
     "after weeks of failed negotiations with management"),
    ("Around 300 flights will be cancelled next week, the airline said.", "omission",
     "because of a strike by cabin crew"),
])
def test_same_language_clause_without_counterpart(repost, category, clause, encoder):
    [finding] = detect_clause_coverage(repost_unit(EN, repost, encoder), 1.0, encoder)
    assert finding.category == category
    span = finding.translation_span if category == "addition" else finding.original_span
    assert clause in span.text


def test_same_language_short_repost_still_shows_a_lost_clause(encoder):
    original = "\u201cEvery seat counts,\u201d said councillor Mara Lind, who lost the 2019 election by just 12 votes."
    [finding] = detect_clause_coverage(repost_unit(original, "Councillor Mara Lind said: \u201cEvery seat counts.\u201d",
                                                   encoder), 1.0, encoder)
    assert (finding.category, finding.original_span.text) == (
        "omission", "who lost the 2019 election by just 12 votes.")
