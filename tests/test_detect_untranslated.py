"""Untranslated: source-language stretches left in the translation, not names, titles or loanwords."""

import pytest

from auditor.detect.units import Side, Unit
from auditor.detect.untranslated import detect_untranslated
from auditor.documents import Sentence


def unit(original: str, translation: str, target: str = "it") -> Unit:
    return Unit(0, Side((Sentence(0, 0, 100, 100 + len(original), original),), "en"),
                Side((Sentence(0, 0, 10, 10 + len(translation), translation),), target), 0.8)


@pytest.mark.parametrize("original, translation, target", [
    ("The city council approved the budget after a debate that lasted six hours.",
     "Il consiglio comunale ha approvato il bilancio dopo un dibattito durato sei ore.", "it"),
    ("The council approved the budget after a long debate.",
     "After a long debate, the council approved the budget.", "en"),
    ("The union leader said the Harbour Workers' Union would accept the deal.",
     "Il leader del sindacato ha detto che la Harbour Workers' Union accetterà l'accordo.", "it"),
    ("Supporters chanted the slogan Make America Great Again outside the hall.",
     "Fuori dalla sala i sostenitori scandivano \u00abMake America Great Again\u00bb.", "it"),
    ("The premier said remote working and the green pass would stay.",
     "Il premier ha detto che lo smart working e il green pass resteranno.", "it"),
    ("The report by the World Health Organization was published on Monday.",
     "Il rapporto della World Health Organization è stato pubblicato lunedì.", "it"),
])
def test_translated_text_is_not_flagged(original, translation, target):
    assert detect_untranslated(unit(original, translation, target)) == []


@pytest.mark.parametrize("original, translation, fragment", [
    ("The council approved the budget on Wednesday, after a debate that lasted more than six hours.",
     "Il consiglio ha approvato il bilancio mercoledì, after a debate that lasted more than six hours.",
     "after a debate that lasted more than six hours"),
    ("\u201cWe will not raise local taxes this year,\u201d said Mayor Elena Brandt.",
     "\u00abWe will not raise local taxes this year\u00bb, ha detto la sindaca Elena Brandt.",
     "We will not raise local taxes this year"),
    ("The government has not yet decided whether to extend the subsidy, which expires on March 31.",
     "Il governo non ha ancora deciso se prorogare il sussidio, which expires on March 31.",
     "which expires on March 31"),
    ("The police have not ruled out that the attack was planned, said Inspector Laura Mancini.",
     "La polizia non esclude che l'attacco sia stato pianificato, said Inspector Laura Mancini.",
     "said Inspector Laura Mancini"),
])
def test_untranslated_fragment_with_both_spans(original, translation, fragment):
    [finding] = detect_untranslated(unit(original, translation))
    assert (finding.category, finding.severity) == ("untranslated", "major")
    assert finding.translation_span.text == fragment
    assert finding.translation_span.start == 10 + translation.index(fragment)
    assert finding.original_span.text == fragment
    assert finding.original_span.start == 100 + original.index(fragment)
    assert finding.reason == f"Left untranslated (English): \u201c{fragment}\u201d"


def test_paraphrased_fragment_has_no_original_span():
    [finding] = detect_untranslated(unit("Prices rose sharply in March.",
                                         "I prezzi sono saliti, as the central bank had warned for months."))
    assert finding.original_span is None


def test_original_span_is_found_case_blind_even_where_lower_casing_changes_length():
    fragment = "which expires on March 31"
    original = "İstanbul's mayor has not decided whether to extend the subsidy, Which Expires On March 31."
    [finding] = detect_untranslated(unit(original, f"Il sindaco non ha deciso se prorogare il sussidio, {fragment}."))
    assert finding.original_span.text == "Which Expires On March 31"
    assert finding.original_span.start == 100 + original.index("Which")


def test_social_media_handles_and_hashtags_are_not_untranslated_text() -> None:
    from auditor.detect.units import NOT_PROSE

    text = "@user24 who cares, go team! #PilotTraining #GroundSchool, the #1 seller, C# code, mail a.b@c.org"
    blanked = NOT_PROSE.sub(lambda m: "_" * len(m.group()), text)
    assert "user24" not in blanked and "PilotTraining" not in blanked and "GroundSchool" not in blanked
    assert "#1 seller" in blanked and "C# code" in blanked and "a.b@c.org" not in blanked
    assert len(blanked) == len(text)  # offsets hold
