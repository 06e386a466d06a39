"""The content alignment and the detectors that read it: names, words, induced negation, CLDR scales."""

import pytest

from auditor.detect.content import align_content, same_name
from auditor.detect.entities import detect_entities
from auditor.detect.mentions import mentions
from auditor.detect.negation import induced_negations
from auditor.detect.units import Side, Unit
from auditor.detect.words import untranslated_words
from auditor.documents import Sentence
from auditor.records import Finding, risk_of


def side(text: str, language: str) -> Side:
    return Side((Sentence(0, 0, 0, len(text), text),), language)


def unit(original: str, translation: str, source: str = "en", target: str = "it") -> Unit:
    return Unit(0, side(original, source), side(translation, target), 0.8)


@pytest.mark.parametrize("a, b, inflecting, same", [
    ("Banaś", "Banasia", True, True),                    # Polish genitive
    ("Kidawa-Błońska", "Kidawy-Błońskiej", True, True),  # each part declined
    ("Bishkek", "Bischkeks", True, True),                # German transliteration and case ending
    ("Sergey", "Sergei", False, True),                   # transliteration
    ("Antony", "Anthony", True, False),                  # another name, even where names decline
    ("Marian", "Mariana", False, False),                 # no declension in en/it: another name
])
def test_same_name(a: str, b: str, inflecting: bool, same: bool) -> None:
    assert same_name(a, b, inflecting) is same


def test_every_word_gets_a_counterpart_and_a_support(encoder) -> None:
    alignment = align_content(unit("She drove her black car.", "Elle conduisait sa voiture noire.", "en", "fr"),
                              encoder)
    best = {w.text: alignment.translation[link.counterpart].text
            for w, link in zip(alignment.original, alignment.original_links, strict=True) if link.support > 0.75}
    assert best["black"] == "noire" and best["car"] == "voiture"


@pytest.mark.parametrize("original, translation, expected", [
    ("Talks with the SPD resumed on Monday.", "I colloqui con la CDU sono ripresi lunedì.", ("SPD", "CDU")),
    ("A statement by Okafor was read out.", "Una dichiarazione di Adeyemi è stata letta.", ("Okafor", "Adeyemi")),
])
def test_a_one_word_name_changed_is_critical(encoder, original: str, translation: str, expected) -> None:
    u = unit(original, translation)
    [finding] = detect_entities(u, align_content(u, encoder), encoder)
    assert (finding.category, finding.severity) == ("name", "critical")
    assert (finding.original_span.text, finding.translation_span.text) == expected


@pytest.mark.parametrize("original, translation, source", [
    ("Raport Centralnego Biura Antykorupcyjnego pojawił się w środę.",
     "The report of the Central Anticorruption Bureau came out on Wednesday.", "pl"),
    ("Marian Banaś nie skomentował raportu.", "Marian Banas did not comment on the report.", "pl"),
    ("Sergei Lavrov arrived in Geneva.", "Sergej Lavrov è arrivato a Ginevra.", "en"),
])
def test_translated_declined_or_transliterated_names_are_not_findings(encoder, original, translation, source):
    u = unit(original, translation, source, "en" if source == "pl" else "it")
    assert detect_entities(u, align_content(u, encoder), encoder) == []


def test_a_source_word_left_in_the_translation_is_untranslated(encoder) -> None:
    u = unit("Desde mis comienzos en el centro siempre avancé.", "From my comienzos at the centre I always advanced.",
             "es", "en")
    [finding] = untranslated_words(u, align_content(u, encoder))
    assert (finding.category, finding.translation_span.text) == ("untranslated", "comienzos")


def test_a_name_kept_in_the_translation_is_not_untranslated(encoder) -> None:
    u = unit("Kornel Morawiecki mówił o Sejmie.", "Kornel Morawiecki spoke about the Sejm.", "pl", "en")
    assert untranslated_words(u, align_content(u, encoder)) == []


@pytest.mark.parametrize("text, language, cues", [
    ("Nie pozwolili mi zabrać telefonu.", "pl", ["Nie"]),
    ("Он не знает, что делать.", "ru", ["не"]),
    ("Tak, to jest dobre.", "pl", []),           # "yes" is near "not" (0.76), not near enough
    ("这个问题不断出现。", "zh", []),              # 不 starts 不断 "continuously": a word of its own
    ("他不知道该怎么办。", "zh", ["不"]),
])
def test_negations_are_induced_from_the_encoder_without_a_lexicon(encoder, text, language, cues) -> None:
    s = side(text, language)
    assert [text[p:p + len(c)] for p, c in zip(induced_negations(s, encoder), cues, strict=False)] == cues
    assert len(induced_negations(s, encoder)) == len(cues)


@pytest.mark.parametrize("text, language, value", [
    ("около 2,3 млн человек", "ru", 2_300_000),   # CLDR scale abbreviation and decimal comma
    ("约2200万人", "zh", 22_000_000),              # 万 = 10^4, glued
    ("１２月８日", "ja", 12),                        # full-width digits
    ("1,5 mln osób", "pl", 1_500_000),
])
def test_cldr_scales_and_decimal_marks(text: str, language: str, value: float) -> None:
    assert mentions(side(text, language))[0].value == value


def test_risk_is_monotone_in_findings_severity_and_confidence() -> None:
    def finding(severity: str, confidence: float) -> Finding:
        return Finding("number", severity, (0,), (0,), None, None, "r", confidence=confidence)
    assert risk_of(()) == 0.0
    low, high = risk_of((finding("major", 0.5),)), risk_of((finding("major", 0.9),))
    assert 0 < low < high < risk_of((finding("critical", 0.9),)) <= 1
    assert risk_of((finding("major", 0.5), finding("minor", 0.5))) > low


def test_portuguese_gets_negation_and_month_checks() -> None:
    from auditor import AuditConfig, audit

    report = audit("The minister did not sign the agreement on 5 March.", "O ministro assinou o acordo em 5 de abril.",
                   AuditConfig(source_lang="en", target_lang="pt", backtranslation=False))
    assert {(f.category, f.severity) for f in report.findings} == {("negation", "critical"), ("date", "critical")}
    assert report.summary.checks_not_run == ()


def test_a_language_without_lexicon_says_which_checks_are_weaker() -> None:
    from auditor.detect import checks_not_run

    notes = checks_not_run("en", "pl")
    assert any(n.startswith("pl: no negation lexicon") for n in notes)
    assert not any("month and weekday" in n for n in notes)  # CLDR's Polish month names are read
    assert any(n.startswith("ko: month and weekday") for n in checks_not_run("en", "ko"))  # 7월: a numeral
    assert checks_not_run("en", "it") == ()


def test_an_implicit_negator_rendered_by_a_negative_word_is_no_flip(encoder) -> None:
    from auditor.detect.negation import detect_negation

    u = unit("The SEC rejected applications for similar funds.", "La SEC rechazó solicitudes de fondos similares.",
             "en", "es")
    assert detect_negation(u, encoder, align_content(u, encoder)) == []
    flipped = unit("The SEC did not approve the fund.", "La SEC aprobó el fondo.", "en", "es")
    [finding] = detect_negation(flipped, encoder, align_content(flipped, encoder))
    assert (finding.severity, finding.confidence) == ("critical", 0.9)


def test_an_explicit_negator_the_other_lexicon_does_not_count_is_carried_by_its_translation(encoder) -> None:
    from auditor.detect.negation import detect_negation

    # German counts "ohne" as a negator, English does not count "without": the same word on both sides.
    u = unit("You can reorder documents like that without JavaScript.",
             "Man kann solche Dokumente ohne JavaScript neu ordnen.", "en", "de")
    assert detect_negation(u, encoder, align_content(u, encoder)) == []
    flipped = unit("You can reorder documents like that with JavaScript.",
                   "Man kann solche Dokumente mit JavaScript nicht neu ordnen.", "en", "de")
    [finding] = detect_negation(flipped, encoder, align_content(flipped, encoder))
    assert finding.translation_span.text.startswith("nicht")


@pytest.mark.parametrize(("word", "name"), [("Aufhebungen", False), ("Mietsektors", False), ("Ausgabekürzungen", False),
                                            ("Lantagne", True), ("Siso", True)])
def test_a_german_noun_is_known_by_its_lemma_or_its_last_part_and_is_no_name(word: str, name: bool) -> None:
    from auditor.detect.content import Word, is_name

    # Plural and genitive forms are rare as forms (Aufhebungen), their lemma is not (Aufhebung); a compound's
    # last part may be inflected too (Miet|sektors).
    assert is_name(Word(0, len(word), word, True, True, False, "de")) is name


@pytest.mark.parametrize(("acronym", "text", "spelled"), [
    ("SNP", "Шотландской национальной партии заявили", True), ("NATO", "North Atlantic Treaty Organization", True),
    ("SPD", "CDU", False), ("EPA", "Агентство по охране", False),
])
def test_an_acronym_rendered_by_the_words_it_stands_for_is_not_a_changed_name(acronym, text, spelled) -> None:
    from auditor.detect.entities import _spells_out

    assert _spells_out(acronym, text) is spelled
