"""Fabricated quotations: words put in someone's mouth that the original never quotes.

A translation quotation no original quotation is linked to, whose words the original does not say (within one
language: not accounted for by the content alignment); or an added sentence, paragraph or (same language) clause
that quotes a statement.
"""

from __future__ import annotations

import re

from auditor.detect.content import UNSPACED, ContentAlignment, accounted
from auditor.detect.people import who
from auditor.detect.policy import severity
from auditor.detect.quotations import LINK_SUPPORT, Quotation, cited, inside
from auditor.detect.units import Unit, quoted_ranges
from auditor.excerpt import shorten
from auditor.records import Finding

SHORT_QUOTE_WORDS = 3    # a quotation of this many words at most is a term or a title ("scare quotes")
FABRICATED_WORDS = 2     # content words of a quotation without counterpart before it is a fabricated quote
FABRICATED_SHARE = 0.5   # ... of which at least this share the original does not account for
XL_FABRICATED_SHARE = 0.6  # ... across languages: this share linked to no word closer than LINK_SUPPORT
XL_FABRICATED_WORDS = 4  # ... of at least this many content words (a short line of dialogue is loosely linked)
XL_CONFIDENCE = 0.6      # a fabricated quotation found across languages
DOUBLE_MARKS = frozenset("\"\u201c\u201d\u00ab\u00bb\u201e")  # quotation marks that are never apostrophes


def fabricated(unit: Unit, alignment: ContentAlignment, candidates) -> list[Finding]:
    """Translation quotations without counterpart whose words the original does not say: fabricated quotes.
    Across languages a translator adds quotation marks around titles and dialogue, and single words are loosely
    linked, so only a quotation in a sentence the link added (more sentences than the original's), with most of
    its words linked to nothing close, counts; Chinese and Japanese n-grams say too little for that."""
    same = unit.original.language == unit.translation.language
    if not same and (len(unit.translation.sentences) <= len(unit.original.sentences)
                     or UNSPACED & {unit.original.language, unit.translation.language}):
        return []
    return [f for quote in candidates for f in _fabricated(unit, alignment, quote, same)]


def _fabricated(unit: Unit, alignment: ContentAlignment, quote: Quotation, same: bool) -> list[Finding]:
    quoted = [k for k in inside(alignment.translation, quote) if alignment.translation[k].content]
    languages = (unit.original.language, unit.translation.language)
    if same:
        unsaid = [k for k in quoted if not accounted(alignment.translation[k], alignment.translation_links[k],
                                                      alignment.original, languages)]
    else:
        unsaid = [k for k in quoted if alignment.translation_links[k].support < LINK_SUPPORT]
    share, least = (FABRICATED_SHARE, FABRICATED_WORDS) if same else (XL_FABRICATED_SHARE, XL_FABRICATED_WORDS)
    if len(quoted) < least or len(unsaid) < share * len(quoted):
        return []
    speaker = f" and attributes it to {who(quote.speaker)}" if quote.speaker else ""
    reason = f"The translation quotes {cited(quote)}{speaker}; the original has no such quotation."
    return [unit.finding("quote", severity("quote", "fabricated quotation"), reason, unit.original.whole(),
                         unit.translation.span(quote.start, quote.end), confidence=0.8 if same else XL_CONFIDENCE)]


def fabricated_sentences(findings: list[Finding], same: bool, clauses: bool = False) -> list[Finding]:
    """An added sentence or paragraph (or, with clauses, an added clause) that quotes someone is a fabricated
    quotation, not just an addition. Adjacent added sentences are read together: the segmenter cuts a quoted
    line ("Okay! | See ya later?") into pieces. Across languages a dialogue line the sentence alignment failed to
    pair reads the same, so it is less sure."""
    out = list(findings)
    for run in _runs(findings, clauses):
        if _quotes_words(" ".join(findings[k].translation_span.text for k in run)):
            for k in run:
                if any(c in DOUBLE_MARKS for c in findings[k].translation_span.text):
                    out[k] = _as_fabricated(findings[k], same)
    return out


def _runs(findings: list[Finding], clauses: bool) -> list[list[int]]:
    """Indices of added text, grouped where each piece follows the one before it in the translation."""
    runs: list[list[int]] = []
    for k, f in enumerate(findings):
        if f.category != "addition" or f.translation_span is None or (f.original_span is not None and not clauses):
            continue
        last = findings[runs[-1][-1]].translation_span if runs and runs[-1][-1] == k - 1 else None
        if last is not None and 0 <= f.translation_span.start - last.end <= 2:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _as_fabricated(f: Finding, same: bool) -> Finding:
    added = shorten(f.translation_span.text, 80)
    reason = f"The translation adds a quotation the original does not have: \u201c{added}\u201d"
    return Finding("quote", severity("quote", "fabricated quotation"), f.original_paragraphs, f.translation_paragraphs,
                   f.original_span, f.translation_span, reason, f.evidence, None, f.bead,
                   f.confidence if same else min(f.confidence, XL_CONFIDENCE))


def _quotes_words(text: str) -> bool:
    """The text quotes a statement, not a term ("scare quotes" hold a few words)."""
    return any(len(re.findall(r"\w+", text[a:b])) > SHORT_QUOTE_WORDS for a, b in quoted_ranges(text))
