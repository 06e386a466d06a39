"""Coverage inside aligned paragraphs: sentences or clauses of the original missing from the translation, or added."""

from __future__ import annotations

import re

import numpy as np

from auditor.detect.units import Side, Unit, shorten, words
from auditor.embed import Embed
from auditor.records import Bead, Document, Finding, Span

SHORT_SENTENCE_WORDS = 5   # an unmatched sentence this short is minor (a dateline, "He added:")
CLAUSE_MIN_WORDS = 8       # below this a length gap is noise, not a dropped clause
DROP_RATIO = 0.72          # translation/original length, over the article's own ratio, below which a clause is gone
ADD_RATIO = 1.45           # ... and above which something was added
CLAUSE = re.compile(r"[,;:\u2013\u2014()]\s*|\s(?=(?:and|but|while|which|who|because|e|ma|mentre|perché|poiché)\s)")


def unmatched_sentences(original: Document, translation: Document, beads: tuple[Bead, ...]) -> list[Finding]:
    """Sentences with no counterpart inside a bead whose paragraphs are otherwise aligned."""
    findings = []
    for k, bead in enumerate(beads):
        if not bead.original or not bead.translation:
            continue  # whole-paragraph omissions and additions are structural findings
        for link in bead.sentences:
            if link.original and not link.translation:
                findings += [_sentence_finding("omission", original.sentences[i], bead, k) for i in link.original]
            elif link.translation and not link.original:
                findings += [_sentence_finding("addition", translation.sentences[j], bead, k) for j in link.translation]
    return findings


def _sentence_finding(category: str, sentence, bead: Bead, k: int) -> Finding:
    severity = "minor" if len(sentence.text.split()) < SHORT_SENTENCE_WORDS else "major"
    span = Span(sentence.start, sentence.end, sentence.text)
    if category == "omission":
        reason = f"This sentence of the original is missing from the translation: \u201c{shorten(sentence.text)}\u201d"
        return Finding(category, severity, bead.original, bead.translation, span, None, reason, ("cross-lingual",), None, k)
    reason = f"The translation adds a sentence the original does not have: \u201c{shorten(sentence.text)}\u201d"
    return Finding(category, severity, bead.original, bead.translation, None, span, reason, ("cross-lingual",), None, k)


def detect_clause_coverage(unit: Unit, length_ratio: float, embed: Embed) -> list[Finding]:
    """A clause dropped from (or added to) an aligned sentence, located by leave-one-out similarity."""
    source, target = unit.original.text, unit.translation.text
    if min(len(source.split()), len(target.split())) < CLAUSE_MIN_WORDS:
        return []
    ratio = len(target) / max(len(source), 1) / length_ratio
    if ratio < DROP_RATIO:
        clause = _odd_clause(unit.original, target, embed)
        reason = f"Part of the original is missing from the translation: \u201c{shorten(clause.text)}\u201d"
        return [unit.finding("omission", "major", reason, clause, unit.translation.whole())]
    if ratio > ADD_RATIO:
        clause = _odd_clause(unit.translation, source, embed)
        reason = f"The translation adds something the original does not say: \u201c{shorten(clause.text)}\u201d"
        return [unit.finding("addition", "major", reason, unit.original.whole(), clause)]
    return []


def _odd_clause(side: Side, other: str, embed: Embed) -> Span:
    """The clause whose removal makes this side most similar to the other side's text."""
    text = side.text
    cuts = [0, *(m.end() for m in CLAUSE.finditer(text)), len(text)]
    clauses = [(a, b) for a, b in zip(cuts, cuts[1:]) if words(text[a:b])]
    if len(clauses) < 2:
        return side.whole()
    without = [text[:a] + text[b:] for a, b in clauses]
    vectors = embed([other, *without])
    best = int(np.argmax(vectors[1:] @ vectors[0]))
    start, end = clauses[best]
    return side.span(start, len(text[:end].rstrip(" ,;:")))
