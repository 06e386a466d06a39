"""Opposite concepts across languages: a reversal is found, a faithful sentence is not."""

import pytest

from auditor.detect.opposites import detect_opposites
from auditor.detect.units import Side, Unit
from auditor.documents import Sentence


def unit(en: str, other: str, language: str = "it") -> Unit:
    return Unit(0, Side((Sentence(0, 0, 0, len(en), en),), "en"),
                Side((Sentence(0, 0, 0, len(other), other),), language), 0.8)


@pytest.mark.parametrize("en, it, said, contrary", [
    ("Unemployment fell to 6.2% in October.", "A ottobre la disoccupazione è salita al 6,2%.", "fell", "salita"),
    ("The council approved the budget.", "Il consiglio ha respinto il bilancio.", "approved", "respinto"),
    ("The team won the final.", "La squadra ha perso la finale.", "won", "perso"),
    ("The border crossing was closed on Monday.", "Lunedì il valico di frontiera è stato aperto.", "closed", "aperto"),
    ("More than 300 people attended.", "Hanno partecipato meno di 300 persone.", "More than", "meno di"),
])
def test_reversal_points_at_both_words(en, it, said, contrary):
    [finding] = detect_opposites(unit(en, it))
    assert (finding.category, finding.severity) == ("mistranslation", "critical")
    assert (finding.original_span.text, finding.translation_span.text) == (said, contrary)


@pytest.mark.parametrize("en, it", [
    ("Unemployment fell to 6.2% in October.", "A ottobre la disoccupazione è scesa al 6,2%."),
    ("The council approved the budget after people lost patience.", "Il consiglio ha approvato il bilancio dopo che la gente ha perso la pazienza."),
    ("Prices rose as supplies fell.", "I prezzi sono aumentati mentre le scorte calavano."),
    ("Hundreds of people gathered in the square.", "Centinaia di persone si sono radunate in piazza."),
])
def test_faithful_sentences_stay_quiet(en, it):
    assert detect_opposites(unit(en, it)) == []


def test_same_language_reversal_inside_a_quote_is_critical():
    [finding] = detect_opposites(unit('"Sales rose sharply," she said.', '"Sales fell sharply," she said.', "en"))
    assert finding.severity == "critical"
