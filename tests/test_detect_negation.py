"""Negation counting per language and the polarity-flip finding on real aligned sentences."""

import pytest

from auditor.detect.negation import count_negations, detect_negation
from auditor.detect.units import Side, Unit
from auditor.documents import Sentence


@pytest.mark.parametrize("text, language, expected", [
    ("such communication can only be welcomed", "en", 0),
    ("tali contatti non possano essere accolti", "it", 1),
    ("Non possiamo che accogliere questa decisione", "it", 0),       # exceptive "non ... che" = only
    ("Non ha fatto altro che ripetere la sua posizione", "it", 0),
    ("Non lo escludiamo nemmeno dopo la risposta", "it", 1),         # negative concord: one negation
    ("Nessuno ha mai visto niente", "it", 1),
    ("Non ha mai detto nulla a nessuno", "it", 1),
    ("né il sindaco né il consiglio erano d'accordo", "it", 1),
    ("neither the mayor nor the council agreed", "en", 1),
    ("The non-admission of Ukraine does not mean the rejection", "en", 2),
    ("Non accettare l'Ucraina a breve termine non significa rifiutarla", "it", 2),
    ("One can't be half invaded", "en", 1),
    ("One can\u2019t be half invaded", "en", 1),
    ("Not only the mayor but also the council came", "en", 0),
    ("Non era solo un grande scienziato, ma anche un maestro", "it", 0),  # "not only ... but also"
    ("The non-profit group handed out meals", "en", 0),              # a lexicalised term, not a negation
    ("It is no longer available", "en", 1),
    ("Non è più disponibile", "it", 1),
    ("It is not uncommon", "en", 1),                                  # litotes keeps one explicit negation
    ("Non è raro", "it", 1),
    ("No matter which path Russia chooses", "en", 0),
    ("He said he would never sign it", "en", 1),
    ("La città non ha ricevuto alcun aiuto, e non lo riceverà mai", "it", 2),
])
def test_count_negations(text, language, expected):
    assert len(count_negations(text, language)) == expected


def unit(en: str, it: str) -> Unit:
    return Unit(0, Side((Sentence(0, 0, 100, 100 + len(en), en),), "en"),
                Side((Sentence(0, 0, 10, 10 + len(it), it),), "it"), 0.8)


def test_flip_inside_quote_is_critical_with_spans():
    en = "\u201cSuch communication can only be welcomed, it is useful for both states,\u201d Peskov said."
    it = "\u201cTali contatti non possano essere accolti, sono utili per entrambi i paesi\u201d, ha detto Peskov."
    [finding] = detect_negation(unit(en, it))
    assert (finding.category, finding.severity) == ("negation", "critical")
    assert finding.translation_span.text == "non possano essere accolti"
    assert finding.translation_span.start == 10 + it.index("non possano")
    assert "can only be welcomed" in finding.original_span.text
    assert finding.original_span.start == 100 + en.index(finding.original_span.text)


def test_dropped_negation_outside_quote_is_critical():
    [finding] = detect_negation(unit("The council did not approve the budget on Monday.",
                                     "Il consiglio ha approvato il bilancio lunedì."))
    assert finding.severity == "critical"
    assert finding.original_span.text.startswith("not approve")


@pytest.mark.parametrize("en, it", [
    ("The minister refused to comment.", "Il ministro non ha voluto commentare."),   # implicit negation
    ("We also do not rule out another call.", "Inoltre, non escludiamo un'altra telefonata."),
    ("We can only welcome this decision.", "Non possiamo che accogliere con favore questa decisione."),
    ("Nobody has ever seen anything like it.", "Nessuno ha mai visto niente di simile."),
    ("The Kremlin denied the report.", "Il Cremlino ha smentito la notizia."),
    ("He hardly ever speaks in public.", "Non parla quasi mai in pubblico."),            # soft negation
    ("It is unclear whether he will run.", "Non è chiaro se si candiderà."),
    ("It is not clear whether he will run.", "È poco chiaro se si candiderà."),
    ("The survivors barely had time to escape.", "I sopravvissuti non hanno quasi avuto il tempo di fuggire."),
])
def test_no_false_alarm(en, it):
    assert detect_negation(unit(en, it)) == []


@pytest.mark.parametrize("en, it", [
    ("Negotiators failed to agree on the fund.", "I negoziatori non sono riusciti ad accordarsi sul fondo."),
    ("\u201cThe government has failed the people,\u201d he said.", "\u201cIl governo ha tradito la gente\u201d, ha detto."),
    ("The talks collapsed and the merger will not go ahead.",
     "Le trattative sono fallite e la fusione non andr\u00e0 avanti."),
])
def test_failing_is_a_negation_only_when_something_fails_to_happen(en, it):
    assert detect_negation(unit(en, it)) == []


def test_ruled_out_against_not_excluded_is_a_flip():
    # Both sides carry an implicit negator, so the explicit "non" is a real reversal.
    assert len(detect_negation(unit("The minister ruled out new talks.", "Il ministro non ha escluso nuovi colloqui."))) == 1


@pytest.mark.parametrize("en, it", [
    ("It is clear that he will run.", "Non è chiaro se si candiderà."),
    ("He speaks in public every week.", "Non parla mai in pubblico."),
])
def test_a_soft_negation_excuses_nothing_when_the_other_side_has_none(en, it):
    assert len(detect_negation(unit(en, it))) == 1


@pytest.mark.parametrize(("language", "text"), [
    ("es", "Hoy hay más personas que nunca."), ("es", "Remitió menos casos que en ningún otro momento."),
    ("fr", "Nous sommes plus unis que jamais."), ("pt", "Estamos mais unidos do que nunca."),
    ("it", "Oggi ci sono più turisti che mai."),
])
def test_an_n_word_after_a_comparative_means_ever_and_is_not_counted(language: str, text: str) -> None:
    # "more than ever" / "than at any point": the English has no negation, so counting these would be a flip.
    assert count_negations(text, language) == []


def test_an_n_word_after_que_that_is_a_negation_is_still_counted() -> None:
    assert len(count_negations("Dijo que nunca había visto nada igual.", "es")) == 1


@pytest.mark.parametrize(("original", "translation", "target"), [
    ("A diplomat, who requested anonymity, said the talks had stalled.",
     "A diplomat who did not want to be identified said the talks had stalled.", "en"),
    ("The minister noted the absence of the mayor.", "Il ministro ha notato l'assenza del sindaco.", "it"),
])
def test_an_implicit_negator_after_an_elision_or_for_anonymity_is_no_flip(original, translation, target) -> None:
    u = Unit(0, Side((Sentence(0, 0, 0, len(original), original),), "en"),
             Side((Sentence(0, 0, 0, len(translation), translation),), target), 0.8)
    assert detect_negation(u) == []


@pytest.mark.parametrize(("text", "language", "uncounted"), [
    ("without", "en", True), ("pas", "fr", False), ("not", "en", False), ("不", "zh", False),
])
def test_only_a_word_its_lexicon_does_not_count_carries_an_explicit_negator(text, language, uncounted) -> None:
    from auditor.detect.content import Word
    from auditor.detect.negation import _uncounted

    # "ohne" / "without": carried; "not" / "pas" (the other half of "ne ... pas") or a CJK character: not.
    assert _uncounted(Word(0, len(text), text, False, False, True, language)) is uncounted
