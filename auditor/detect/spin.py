"""Spun reposts: a same-language copy that went through machine translation and back, said once per document.

Each sign alone is ordinary editing; together they are the mark of a machine-rewritten copy: many sentences
reworded without a change of meaning (words swapped for near synonyms), garbled fragments (a sentence broken
off mid-clause: "Russia and Ukraine. invade", "In the region."), and names respelled ("Blinken" -> "Brinken").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.detect.content import ContentAlignment
from auditor.detect.policy import severity
from auditor.detect.units import Unit
from auditor.documents import Document, Sentence, Span
from auditor.excerpt import shorten
from auditor.records import Finding

SYNONYM_SUPPORT = 0.5    # a replacement at least this close to the word it replaces rewords it
MEANING_KEPT = 0.8       # ... in a sentence link at least this similar (the meaning is the same)
REWORDED_SHARE = 0.3     # sentences reworded, of all linked, with another sign ...
REWORDED_ALONE = 0.5     # ... or alone
FRAGMENT_WORDS = 3       # a "sentence" this short, cut from its neighbour, is a fragment
NAME_RESPELLED = 0.6     # a changed name this alike in spelling is the same name garbled
EXAMPLES = 3             # examples of each sign quoted in the reason


@dataclass(frozen=True, slots=True)
class Rewording:
    """One sentence link's words replaced by near synonyms (original word, repost word)."""

    unit: Unit
    swaps: tuple[tuple[str, str], ...]


def rewording(unit: Unit, alignment: ContentAlignment) -> Rewording:
    """The content words of the original replaced, in the repost, by a different but close word."""
    theirs = {w.key for w in alignment.translation}
    mine = {w.key for w in alignment.original}
    swaps = []
    for word, link in zip(alignment.original, alignment.original_links, strict=True):
        if not word.content or word.key in theirs or link.counterpart is None or link.support < SYNONYM_SUPPORT:
            continue
        other = alignment.translation[link.counterpart]
        if other.content and other.key not in mine:
            swaps.append((word.text, other.text))
    return Rewording(unit, tuple(swaps))


def spin_signal(rewordings: list[Rewording], findings: list[Finding], original: Document,
                translation: Document) -> list[Finding]:
    """One finding for the document when its signs add up to a machine-rewritten copy."""
    reworded = [r for r in rewordings if r.swaps and (r.unit.similarity or 0.0) >= MEANING_KEPT]
    share = len(reworded) / len(rewordings) if rewordings else 0.0
    fragments = garbled_fragments(original, translation)
    names = _respelled(findings)
    if not (share >= REWORDED_ALONE or share >= REWORDED_SHARE and (fragments or names)):
        return []
    swaps = ", ".join(f"\u201c{a}\u201d \u2192 \u201c{b}\u201d" for r in reworded[:EXAMPLES] for a, b in r.swaps[:1])
    signs = [f"{len(reworded)} of {len(rewordings)} sentences reworded without a change of meaning ({swaps})"]
    if fragments:
        signs.append(f"{len(fragments)} garbled fragment{'s' * (len(fragments) > 1)} ("
                     + ", ".join(f"\u201c{shorten(_around(translation, s), 60)}\u201d" for s in fragments[:EXAMPLES])
                     + ")")
    if names:
        signs.append(f"{len(names)} name{'s' * (len(names) > 1)} respelled ({', '.join(names[:EXAMPLES])})")
    evidence = fragments[0] if fragments else reworded[0].unit.translation.sentences[0]
    reason = "This text appears to be a machine-rewritten copy of the original: " + "; ".join(signs) + "."
    return [Finding("fluency", severity("fluency", "machine-rewritten copy"), (), (evidence.paragraph,), None,
                    Span(evidence.start, evidence.end, evidence.text), reason, ("structure",),
                    confidence=round(min(1.0, 0.5 + share / 2), 3))]


def garbled_fragments(original: Document, translation: Document) -> list[Sentence]:
    """Repost sentences that are pieces of one: opening in lower case, or a few words cut from their neighbour,
    where the original has no such sentence."""
    said = {_key(s.text) for s in original.sentences}
    found = []
    for previous, sentence in zip(translation.sentences, translation.sentences[1:], strict=False):
        if sentence.paragraph != previous.paragraph or _key(sentence.text) in said:
            continue
        text = sentence.text.lstrip("\"'\u201c\u201d\u2018\u2019( ")
        short = len(re.findall(r"\w+", text)) <= FRAGMENT_WORDS and not text[:1].isdigit()
        if text[:1].islower() or short:
            found.append(sentence)
    return found


def _respelled(findings: list[Finding]) -> list[str]:
    """Names the repost changed into a near spelling (the same person, garbled)."""
    from rapidfuzz.fuzz import ratio

    return [f"{f.original_span.text} \u2192 {f.translation_span.text}" for f in findings
            if f.category == "name" and f.severity == "critical" and f.original_span and f.translation_span
            and ratio(f.original_span.text, f.translation_span.text) >= 100 * NAME_RESPELLED]


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def _around(document: Document, sentence: Sentence) -> str:
    """A fragment with the end of the sentence it was cut from."""
    previous = document.sentences[sentence.index - 1].text.split() if sentence.index else []
    return " ".join([*previous[-3:], sentence.text])
