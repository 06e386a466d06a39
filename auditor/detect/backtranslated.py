"""The back-translation channel: the same checks in the original's language, and mistranslated content words.

The back-translation of translation sentence k stands in for it, so the original's language resources (negation
cues, number words, names) apply on both sides. Findings it supports gain the evidence "back-translation" and a
span into the bead's back-translation; findings only it sees are added and say so.
"""

from __future__ import annotations

from dataclasses import replace

from rapidfuzz import fuzz

from auditor.detect.names import detect_names
from auditor.detect.negation import detect_negation
from auditor.detect.numbers import detect_numbers_and_dates
from auditor.detect.policy import severity
from auditor.detect.units import Side, Unit, lexicon, words
from auditor.documents import Document, Sentence, Span
from auditor.excerpt import shorten
from auditor.records import Bead, Finding

BT_DETECTORS = (detect_negation, detect_numbers_and_dates, detect_names)
CHRF_DIP = 40.0          # sentence chrF below which a pair is looked at word by word
CONTENT_WORD_CHARS = 4   # shorter words are mostly function words in en/it/fr/es/de
COUNTERPART_SIMILARITY = 80  # rapidfuzz ratio at which a back-translated word counts as the same word
MIN_MISSING_WORDS = 2    # one missing content word is paraphrase more often than error


def backtranslation_units(original: Document, translation: Document, beads: tuple[Bead, ...],
                          sentence_spans: dict[int, Span]) -> list[Unit]:
    """Units whose translation side is the back-translation (spans into each bead's back-translation text)."""
    units = []
    for k, bead in enumerate(beads):
        for link in bead.sentences:
            if not link.original or not link.translation or not all(j in sentence_spans for j in link.translation):
                continue
            back = tuple(Sentence(j, translation.sentences[j].paragraph, sentence_spans[j].start,
                                  sentence_spans[j].end, sentence_spans[j].text) for j in link.translation)
            units.append(Unit(k, Side(tuple(original.sentences[i] for i in link.original), original.language),
                              Side(back, original.language), link.similarity))
    return units


def backtranslation_findings(units: list[Unit], translation: Document, chrf: dict[int, float]) -> list[Finding]:
    """Findings of the back-translation channel, translation spans pointing at the translated sentence."""
    findings = []
    for unit in units:
        sentence = translation.sentences[unit.translation.sentences[0].index]
        whole = Span(sentence.start, sentence.end, sentence.text)
        raw = [f for detector in BT_DETECTORS for f in detector(unit)] + _mistranslation(unit, chrf)
        findings += [replace(f, translation_span=whole, backtranslation_span=f.translation_span,
                             evidence=("back-translation",)) for f in raw]
    return findings


def merge_channels(cross: list[Finding], back: list[Finding]) -> list[Finding]:
    """Cross-lingual findings confirmed by the back-translation gain its evidence; the rest stand alone."""
    merged = list(cross)
    for finding in back:
        match = next((n for n, c in enumerate(merged) if _same_problem(c, finding)), None)
        if match is None:
            merged.append(replace(finding, reason=finding.reason + " (back-translation only)"))
        else:
            current = merged[match]
            merged[match] = replace(current, backtranslation_span=finding.backtranslation_span,
                                    evidence=tuple(dict.fromkeys((*current.evidence, "back-translation"))))
    return merged


def _same_problem(cross: Finding, back: Finding) -> bool:
    if cross.category != back.category or cross.bead != back.bead or "back-translation" in cross.evidence:
        return False
    a, b = cross.original_span, back.original_span
    if a is None or b is None:  # no original span to compare: the translated sentence must be the same one
        x, y = cross.translation_span, back.translation_span
        return x is not None and y is not None and x.start < y.end and y.start < x.end
    return a.start < b.end and b.start < a.end


def _mistranslation(unit: Unit, chrf: dict[int, float]) -> list[Finding]:
    """Content words of the original with no counterpart in the back-translation, where chrF dips."""
    score = chrf.get(unit.translation.sentences[0].index)
    if score is None or score >= CHRF_DIP:
        return []
    back_words = [w.group().lower() for w in words(unit.translation.text)]
    stop = set(lexicon(unit.original.language).get("stopwords", ()))
    missing = [w for w in words(unit.original.text) if len(w.group()) >= CONTENT_WORD_CHARS
               and w.group().lower() not in stop and not _has_counterpart(w.group().lower(), back_words)]
    if len(missing) < MIN_MISSING_WORDS:
        return []
    span = unit.original.span(missing[0].start(), missing[-1].end())
    listed = ", ".join(dict.fromkeys(w.group() for w in missing[:6]))
    reason = (f"The back-translation reads \u201c{shorten(unit.translation.text)}\u201d; the original's "
              f"{listed} have no counterpart in it (chrF {score:.0f}).")
    return [unit.finding("mistranslation", severity("mistranslation", "content words without counterpart"),
                         reason, span, unit.translation.whole(), ("back-translation",))]


def _has_counterpart(word: str, back_words: list[str]) -> bool:
    return any(fuzz.ratio(word, other) >= COUNTERPART_SIMILARITY for other in back_words)
