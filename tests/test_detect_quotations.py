"""Quotation records (speaker, verb, title) and the checks built on them: misquotes, speakers, verbs, fabrications."""

from pathlib import Path

import pytest

from auditor.config import AuditConfig
from auditor.detect.content import align_content
from auditor.detect.fabricated import fabricated_sentences
from auditor.detect.misquotes import detect_quotations
from auditor.detect.quotations import Context, quotations, stance
from auditor.detect.units import Side, Unit
from auditor.documents import Sentence, Span
from auditor.pipeline import audit
from auditor.records import Finding

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def side(text: str, language: str = "en", at: int = 0) -> Side:
    """One side; ' | ' separates sentences."""
    sentences, position = [], at
    for k, part in enumerate(text.split(" | ")):
        sentences.append(Sentence(k, 0, position, position + len(part), part))
        position += len(part) + 1
    return Side(tuple(sentences), language)


@pytest.mark.parametrize("text, context, speaker, title, verb", [
    ("\u201cWe were pleased with the talks,\u201d said Foreign Minister Anna Kowalski.", "", "Anna Kowalski",
     "Foreign Minister", "said"),
    ("Kremlin spokesman Dmitry Peskov said: \u201cWe do not rule out another call.\u201d", "", "Dmitry Peskov",
     "spokesman", "said"),
    ("According to NATO Secretary General Mark Rutte, the alliance is \u201cready for dialogue\u201d.", "",
     "Mark Rutte", "NATO Secretary General", "According"),
    ("\u201cThis is a local choice, and the region must make it,\u201d Becker said.", "", "Becker", "", "said"),
    # a pronoun: the one person named in the sentence before
    ("\u201cWe expect the vote will not take place before the summer,\u201d he said.",
     "Deputy Mayor Tomas Herrera said the delay was reasonable.", "Tomas Herrera", "Deputy Mayor", "said"),
    # two people before it: left unresolved
    ("\u201cWe expect the vote will not take place before the summer,\u201d he said.",
     "Tomas Herrera met Marta Lindqvist on Monday.", None, None, "said"),
    ("Zelensky wrote on Twitter: \u201cI look forward to talking again this Sunday.\u201d", "", "Zelensky", "",
     "wrote"),
])
def test_quotation_records(text, context, speaker, title, verb):
    (quote,) = quotations(side(text), Context(context))
    assert quote.verb == verb
    assert (quote.speaker.name if quote.speaker else None) == speaker
    assert (quote.speaker.title if quote.speaker else None) == title


def test_attribution_in_the_next_sentence():
    after = Sentence(1, 0, 40, 80, "Maria Kovacs said, slowly opening the door.")
    (quote,) = quotations(side("\u201cI'm coming in.\u201d"), Context("", after))
    assert (quote.speaker.name, quote.verb, quote.speaker.span) == ("Maria Kovacs", "said", Span(40, 52, "Maria Kovacs"))


def test_italian_attribution_after_the_quote():
    (quote,) = quotations(side("\u00abNon aumenteremo le tasse\u00bb, ha affermato la sindaca Elena Brandt.", "it"))
    assert (quote.speaker.name, quote.verb, quote.stance) == ("Elena Brandt", "affermato", "report")


@pytest.mark.parametrize("word, language, expected", [
    ("said", "en", "report"), ("says", "en", "report"), ("denied", "en", "dispute"), ("denies", "en", "dispute"),
    ("confirmed", "en", "affirm"), ("questioned", "en", "dispute"),
    ("question", "en", None),       # the noun as often as the verb
    ("contestó", "es", None),       # Spanish 'answered', not 'contested'
    ("negó", "es", "dispute"), ("dijo", "es", "report"), ("bestritt", "de", "dispute"), ("smentito", "it", "dispute"),
])
def test_reporting_verb_stance(word, language, expected):
    assert stance(word, language) == expected


def check(encoder, original: str, repost: str, language: str = "en"):
    unit = Unit(0, side(original, "en", 100), side(repost, language, 10), 0.9)
    findings = detect_quotations(unit, align_content(unit, encoder))
    return [(f.category, f.severity) for f in findings], findings


@pytest.mark.slow
@pytest.mark.parametrize("original, repost, expected, said", [
    ("\u201cWe were pleased with the talks,\u201d said Anna Kowalski.",
     "\u201cWe were happy with the talks,\u201d said Anna Kowalski.", ("quote", "major"), "pleased \u2192 happy"),
    ("\u201cWe expect this will not happen,\u201d said Anna Kowalski.",
     "\u201cWe do not expect this will happen,\u201d said Anna Kowalski.", ("quote", "critical"), "negation"),
    ("\u201cWe will hire 40 nurses this year,\u201d said Anna Kowalski.",
     "\u201cWe will hire 14 nurses this year,\u201d said Anna Kowalski.", ("quote", "critical"), "figures"),
    ("\u201cThe region must make it,\u201d Becker said.", "\u201cThe region must make it,\u201d Okafor said.",
     ("quote", "critical"), "someone else's mouth"),
    ("The water authority confirmed that the reservoir would hold more water.",
     "The water authority questioned that the reservoir would hold more water.", ("quote", "critical"),
     "reversed"),
    # the quotation's last words dropped (it was a boundary finding before the misquote check)
    ("\u201cI'm not a hero, I just did my job,\u201d said nurse Olga Ivanova.",
     "Nurse Olga Ivanova said: \u201cI'm not a hero\u201d.", ("quote", "major"), "[\u2212I just did my job]"),
    ("NATO Secretary General Mark Rutte said the alliance was \u201cready for dialogue\u201d.",
     "NATO Chairman Mark Rutte said the alliance was \u201cready for dialogue\u201d.", ("name", "major"),
     "Chairman"),
    ("The farmer said families feared losing their fields, and \u201cwe will fight\u201d.",
     "The farmer said families feared losing their fields, and \u201cwe will fight\u201d. | "
     "\u201cThe dam will drown our whole village,\u201d the farmer said.", ("quote", "critical"),
     "no such quotation"),
])
def test_quotation_checks(encoder, original, repost, expected, said):
    kinds, findings = check(encoder, original, repost)
    assert kinds == [expected]
    assert said in findings[0].reason


@pytest.mark.slow
@pytest.mark.parametrize("original, repost", [
    # typography: quote style, apostrophes, a contraction spelled out
    ("\u201cWe don\u2019t expect a deal,\u201d said Anna Kowalski.", '"We do not expect a deal," said Anna Kowalski.'),
    # reported speech paraphrased outside the quotation
    ("A diplomat, who requested anonymity, said the talks had \u201cstalled for now\u201d.",
     "A diplomat who did not want to be identified said the talks had \u201cstalled for now\u201d."),
    # the speaker named by a pronoun on one side
    ("\u201cThe region must make it,\u201d Becker said.", "\u201cThe region must make it,\u201d he said."),
])
def test_faithful_quotations_stay_quiet(encoder, original, repost):
    assert check(encoder, original, repost)[0] == []


@pytest.mark.slow
def test_cross_lingual_speaker_swap_and_reversed_verb(encoder):
    kinds, _ = check(encoder, "\u201cWe will not accept cuts,\u201d said Health Minister Ana Torres.",
                     "\u201cNo aceptaremos recortes\u201d, neg\u00f3 la ministra de Sanidad Carmen Ruiz.", "es")
    assert kinds.count(("quote", "critical")) == 2


def test_added_sentence_that_quotes_is_fabricated():
    added = Finding("addition", "major", (), (2,), None, Span(5, 60, "\u201cThe dam will drown our village,\u201d he said."),
                    "The translation adds a sentence.")
    term = Finding("addition", "major", (), (2,), None, Span(5, 30, "It was called \u201cthe plan\u201d."), "adds")
    upgraded, kept = fabricated_sentences([added, term], same=True)
    assert (upgraded.category, upgraded.severity) == ("quote", "critical")
    assert kept is term


@pytest.mark.slow
def test_bundled_spun_repost(encoder):
    """The same-language example: every planted misquote found, once, and the document-level spin signal."""
    original = (EXAMPLES / "dam.en.md").read_text(encoding="utf-8")
    repost = (EXAMPLES / "dam-repost.en.md").read_text(encoding="utf-8")
    config = AuditConfig(source_lang="en", target_lang="en", backtranslation=False)
    findings = audit(original, repost, config, embed=encoder).findings
    got = {(f.category, f.severity, f.translation_span.text if f.translation_span else None) for f in findings}
    for expected in [("quote", "major", "\u201cWe were happy"), ("quote", "critical", "\u201cWe do not expect"),
                     ("quote", "critical", "questioned"), ("name", "major", "Finance Minister Paul Becker"),
                     ("quote", "critical", "Okafor"), ("quote", "critical", "\u201cThe dam will drown"),
                     ("name", "critical", "Tomas Herreira")]:
        assert any(c == expected[0] and s == expected[1] and t and t.startswith(expected[2]) for c, s, t in got), \
            expected
    assert sum(f.severity != "minor" for f in findings) == 7  # and nothing else
    spin = [f for f in findings if f.category == "fluency"]
    assert len(spin) == 1 and "machine-rewritten copy" in spin[0].reason
    assert not [f for f in findings if f.category == "negation"]  # "asked not to be named" paraphrased


@pytest.mark.slow
def test_light_edit_stays_quiet(encoder):
    """A faithful light edit of the example (headline reworded, typography changed, two paragraphs merged)."""
    original = (EXAMPLES / "dam.en.md").read_text(encoding="utf-8")
    paragraphs = original.split("\n\n")
    paragraphs[0] = "# Valmora council puts off Larch River dam vote"
    edited = [p.replace("\u201c", '"').replace("\u201d", '"').replace("\u2019", "'") for p in paragraphs]
    edited[3:5] = [edited[3] + " " + edited[4]]
    config = AuditConfig(source_lang="en", target_lang="en", backtranslation=False)
    findings = audit(original, "\n\n".join(edited), config, embed=encoder).findings
    assert [f for f in findings if f.severity != "minor"] == []
