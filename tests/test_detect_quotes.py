"""Quotes: styles and re-segmentation pass; re-bounded, lost and added quotes are found."""

import pytest

from auditor.detect.quotes import detect_quotes
from auditor.detect.units import Side, Unit
from auditor.documents import Sentence


def unit(original: str, translation: str, target: str = "it") -> Unit:
    """One unit; ' | ' in a text separates sentences (a quote may run across them)."""
    def side(text: str, at: int, language: str) -> Side:
        sentences, position = [], at
        for k, part in enumerate(text.split(" | ")):
            sentences.append(Sentence(k, 0, position, position + len(part), part))
            position += len(part) + 1
        return Side(tuple(sentences), language)
    return Unit(0, side(original, 100, "en"), side(translation, 10, target), 0.8)


@pytest.mark.parametrize("original, translation, target", [
    ("\u201cWe will not raise local taxes this year,\u201d said Mayor Elena Brandt.",
     "\u00abQuest'anno non aumenteremo le tasse locali\u00bb, ha detto la sindaca Elena Brandt.", "it"),
    ('"We will not raise local taxes this year," said Mayor Elena Brandt.',
     "\u201cQuest'anno non aumenteremo le tasse locali\u201d, ha detto la sindaca Elena Brandt.", "it"),
    ("\u201cWe will fight. | We will win,\u201d the minister said.",
     "\u00abCombatteremo e vinceremo\u00bb, ha detto il ministro.", "it"),
    ("\u201cThe numbers speak for themselves,\u201d said Chief Executive Robert Hale, presenting results.",
     "\u00abI numeri parlano da soli\u00bb, ha detto l'amministratore delegato Robert Hale, presentando i risultati.",
     "it"),
    ("\u201cThe ceasefire is holding, but it is fragile,\u201d said UN envoy Lars Nilsson on Tuesday.",
     "\u201cIl cessate il fuoco regge, ma è fragile\u201d, ha detto martedì l'inviato dell'Onu Lars Nilsson.", "it"),
    ("The minister said the reform was \u201cnot a cut but an investment\u201d.",
     "The reform, the minister said, was \u201cnot a cut but an investment\u201d.", "en"),
    ("\u201cWe never said the project was cancelled,\u201d said a spokeswoman.",
     "A spokeswoman said: \u2018We never said the project was cancelled.\u2019", "en"),
    # Japanese corner brackets, full-width clause marks inside (no space after them), an ellipsis on each side
    ("\u201cWe thought it would be over in a few weeks, but... we underestimated them,\u201d the captain said.",
     "\u300c\u6570\u9031\u9593\u3067\u7d42\u308f\u308b\u3068\u601d\u3063\u3066\u3044\u305f\u304c\u3001"
     "\u2026\u2026\u5f7c\u3089\u3092\u7518\u304f\u898b\u3066\u3044\u305f\u300d\u3068\u8239\u9577\u306f"
     "\u8a9e\u3063\u305f\u3002", "ja"),
])
def test_faithful_quotes_are_not_flagged(original, translation, target):
    assert detect_quotes(unit(original, translation, target)) == []


@pytest.mark.parametrize("original, translation, target, quoted", [
    # attribution pulled inside the quote
    ("\u201cWe will not raise local taxes this year,\u201d said Mayor Elena Brandt, adding that schools come first.",
     "\u00abQuest'anno non aumenteremo le tasse locali, ha detto la sindaca Elena Brandt, aggiungendo che le scuole "
     "vengono prima\u00bb.", "it", "\u00abQuest'anno"),
    # closing mark moved earlier: a clause of the quote now reads as the reporter's
    ("\u201cThe ceasefire is holding, but it is fragile,\u201d said UN envoy Lars Nilsson on Tuesday.",
     "\u201cIl cessate il fuoco regge\u201d, ma è fragile, ha detto martedì l'inviato dell'Onu Lars Nilsson.",
     "it", "\u201cIl cessate il fuoco regge\u201d"),
    # closing mark moved earlier with no clause mark inside the quote: the rest reads as the reporter's words
    ("\u201cThe new tram line is not a luxury but a necessity for the eastern districts\u201d, the mayor said.",
     "\u00abLa nuova linea del tram non \u00e8 un lusso\u00bb, ma una necessit\u00e0 per i quartieri orientali, "
     "ha detto il sindaco.", "it", "\u00abLa nuova linea del tram non \u00e8 un lusso\u00bb"),
    # same language: an attribution word moved in
    ("The minister insisted the reform was \u201cnot a cut but an investment\u201d.",
     "According to the minister, the \u201creform is not a cut but an investment\u201d.", "en",
     "\u201creform is not a cut but an investment\u201d"),
    # (same language, the quote's last words dropped: a misquote, tests/test_detect_quotations.py)
])
def test_moved_quote_is_major(original, translation, target, quoted):
    [finding] = detect_quotes(unit(original, translation, target))
    assert (finding.category, finding.severity) == ("quote", "major")
    assert finding.translation_span.text.startswith(quoted)
    assert finding.translation_span.start == 10 + translation.index(finding.translation_span.text)


def test_lost_quote_marks_are_minor():
    original = "\u201cWe will not raise taxes,\u201d said the mayor."
    [finding] = detect_quotes(unit(original, "La sindaca ha detto che non aumenterà le tasse."))
    assert (finding.severity, finding.original_span.text) == ("minor", "\u201cWe will not raise taxes,\u201d")
    assert finding.original_span.start == 100


def test_japanese_corner_brackets_are_quotation_marks():
    original = "The mayor said taxes would not rise this year."
    [finding] = detect_quotes(unit(original, "\u5e02\u9577\u306f\u300c\u4eca\u5e74\u306f\u7a0e\u3092\u4e0a"
                                             "\u3052\u306a\u3044\u300d\u3068\u8ff0\u3079\u305f\u3002", "ja"))
    assert finding.category == "quote" and finding.translation_span.text.startswith("\u300c")


@pytest.mark.parametrize("translation, severity", [
    ("Il sindaco ha detto: \u00able tasse non aumenteranno quest'anno\u00bb.", "major"),
    ("Il sindaco ha parlato di \u00abbilancio equo\u00bb.", "minor"),
])
def test_added_quote(translation, severity):
    original = "The mayor said taxes would not rise this year and spoke of a fair budget."
    [finding] = detect_quotes(unit(original, translation))
    assert (finding.severity, finding.translation_span.text[0]) == (severity, "\u00ab")


def test_quote_closed_early_says_where_each_quote_ends():
    [finding] = detect_quotes(unit(
        "\u201cThe new tram line is not a luxury but a necessity for the eastern districts,\u201d the mayor said.",
        "\u00abLa nuova linea del tram non \u00e8 un lusso\u00bb, ma una necessit\u00e0 per i quartieri orientali, "
        "ha detto il sindaco."))
    assert finding.reason == ("The translation's quotation stops short: in the original it ends "
                              "\u201c\u2026luxury but a necessity for the eastern districts\u201d, in the translation "
                              "\u201cLa nuova linea del tram non \u00e8 un lusso\u201d.")


def test_a_cited_quote_loses_its_own_marks_but_not_an_apostrophe():
    from auditor.detect.quotes import _cited
    # An unclosed quote runs to the end of the sentence: its last character may be an apostrophe.
    assert _cited('"We will pay the workers\'') == "\u201cWe will pay the workers'\u201d"
    assert _cited("\u00abNon lo accetteremo\u00bb") == "\u201cNon lo accetteremo\u201d"
