"""Quotations checked across the pair: the words said, who said them, how, and quotations nobody said.

Quotations (auditor/detect/quotations.py) are linked across the pair through the content alignment: a
translation quotation is the counterpart of the original quotation whose words most of its words are linked to.
Within one language a quotation is verbatim, so any changed, added or dropped word is a misquote (typography
aside: the words are compared by their spelling keys). Across languages the meaning is the other detectors'
(negation, numbers, names inside a quote are critical there). The speaker, the reporting verb and the title
(auditor/detect/attribution.py) and quotations without counterpart (auditor/detect/fabricated.py) are checked
in both modes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from auditor.detect.attribution import speaker_changed, titles_changed, verbs_reversed
from auditor.detect.content import ContentAlignment, Word
from auditor.detect.fabricated import fabricated
from auditor.detect.negation import count_negations
from auditor.detect.policy import severity
from auditor.detect.quotations import LINK_SUPPORT, Context, Quotation, inside, quotations
from auditor.detect.units import Unit
from auditor.excerpt import shorten
from auditor.records import Finding

LINK_SHARE = 0.25        # at least this share of both quotations' words must be tied for them to be linked
SYNONYM_SUPPORT = 0.5    # a replaced word this close to its replacement rewords; below it, it changes the content
DIFF_CONTEXT = 3         # unchanged words kept either side of a change in a reason's word diff
# English contractions spelled out, so "don't" and "do not" are one wording (typography, not a misquote).
CONTRACTIONS = {"can": "can", "ca": "can", "wo": "will", "sha": "shall"}
NOT_SUFFIX = re.compile(r"^(\w+)n['\u2019]t$", re.IGNORECASE)


def detect_quotations(unit: Unit, alignment: ContentAlignment,
                      context: tuple[Context, Context] = (Context(), Context())) -> list[Finding]:
    """Misquotes (same language), a changed speaker, a reversed reporting verb, fabricated quotations."""
    source, target = quotations(unit.original, context[0]), quotations(unit.translation, context[1])
    same = unit.original.language == unit.translation.language
    findings: list[Finding] = []
    linked = set()
    for quote in source:
        counterpart = _counterpart(quote, target, alignment)
        if counterpart is None:
            continue
        linked.add(counterpart)
        if same:
            findings += _misquote(unit, alignment, quote, counterpart)
        findings += speaker_changed(unit, alignment, quote, counterpart, context)
    findings += verbs_reversed(unit, source, target)
    if same:
        findings += titles_changed(unit)
    if source:  # with no quotation in the original, detect_quotes says whether the marks or the words are new
        findings += fabricated(unit, alignment, [q for q in target if q not in linked])
    return findings


def _counterpart(quote: Quotation, target: tuple[Quotation, ...], alignment: ContentAlignment) -> Quotation | None:
    """The translation quotation most of this quotation's words are linked to (both directions counted)."""
    mine = inside(alignment.original, quote)
    best, best_ties = None, 0
    for other in target:
        theirs = set(inside(alignment.translation, other))
        ties = sum(1 for k in mine if _tied(alignment.original_links[k], theirs)) + sum(
            1 for k in theirs if _tied(alignment.translation_links[k], set(mine)))
        if ties > best_ties and ties >= LINK_SHARE * (len(mine) + len(theirs)):
            best, best_ties = other, ties
    return best


def _tied(link, others: set[int]) -> bool:
    return link.counterpart in others and link.support >= LINK_SUPPORT


def _keys(words: list[Word]) -> list[tuple[str, int]]:
    """Spelling keys of a quotation's words (with the word each came from), contractions spelled out."""
    keys = []
    for k, word in enumerate(words):
        contracted = NOT_SUFFIX.match(word.text)
        if contracted and word.language == "en":
            stem = contracted.group(1).lower()
            keys += [(CONTRACTIONS.get(stem, stem), k), ("not", k)]
        elif word.text.lower() == "cannot":
            keys += [("can", k), ("not", k)]
        else:
            keys.append((word.key, k))
    return keys


def _misquote(unit: Unit, alignment: ContentAlignment, quote: Quotation, counterpart: Quotation) -> list[Finding]:
    """Same language: the words of the two quotations, compared as spelled (plus their figures)."""
    mine = [alignment.original[k] for k in inside(alignment.original, quote)]
    theirs = [alignment.translation[k] for k in inside(alignment.translation, counterpart)]
    a, b = _keys(mine), _keys(theirs)
    ops = SequenceMatcher(None, [x for x, _ in a], [x for x, _ in b], autojunk=False).get_opcodes()
    changed = [op for op in ops if op[0] != "equal"]
    figures = _figures(quote.text) != _figures(counterpart.text)
    if not changed and not figures:
        return []
    kinds = _meaning(unit, changed, a, b, mine, theirs, alignment, quote, counterpart) + (["figures"] * figures)
    diff = _diff(ops, a, b, mine, theirs) if changed else f"{_figures(quote.text)} \u2192 {_figures(counterpart.text)}"
    who = f"{quote.speaker.name} said" if quote.speaker else "the original quotes"
    meaning = f"; the meaning changes ({', '.join(dict.fromkeys(kinds))})" if kinds else ""
    reason = f"Misquote: the repost's quotation is not what {who}: {diff}{meaning}."
    level = severity("quote", "misquote, meaning changed" if kinds else "misquote, words changed")
    return [unit.finding("quote", level, reason, unit.original.span(quote.start, quote.end),
                         unit.translation.span(counterpart.start, counterpart.end), confidence=0.95)]


def _figures(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def _meaning(unit: Unit, changed: list, a: list, b: list, mine: list[Word], theirs: list[Word],
             alignment: ContentAlignment, quote: Quotation, counterpart: Quotation) -> list[str]:
    """What the changed words do to the meaning: a negation added, dropped or moved, a name changed, a content
    word replaced by one that is no near synonym."""
    language = unit.original.language
    cues = ({quote.start + p for p in count_negations(quote.text, language)},
            {counterpart.start + p for p in count_negations(counterpart.text, language)})
    kinds = ["negation"] * (len(cues[0]) != len(cues[1]))
    for tag, i1, i2, j1, j2 in changed:
        gone = [mine[k] for _, k in a[i1:i2]]
        new = [theirs[k] for _, k in b[j1:j2]]
        if any(w.start in cues[0] for w in gone) or any(w.start in cues[1] for w in new):
            kinds.append("negation")
        if any(w.capitalised and w.content for w in gone + new):
            kinds.append("name")
        if tag == "replace" and any(_replaced(w, new, alignment) for w in gone if w.content):
            kinds.append("content")
    return kinds


def _replaced(word: Word, new: list[Word], alignment: ContentAlignment) -> bool:
    """A content word whose replacement is no near synonym (the encoder's cosine of the two words)."""
    row = alignment.original.index(word)
    candidates = [alignment.translation.index(w) for w in new if w.content]
    return bool(candidates) and max(float(alignment.similarity[row, j]) for j in candidates) < SYNONYM_SUPPORT


def _diff(ops: list, a: list, b: list, mine: list[Word], theirs: list[Word]) -> str:
    """A word diff: unchanged words around the changes, [old → new], [−dropped], [+added]."""
    def text(keys: list, words: list[Word]) -> str:
        return " ".join(dict.fromkeys(words[k].text for _, k in keys))
    parts = []
    for n, (tag, i1, i2, j1, j2) in enumerate(ops):
        if tag == "equal":
            kept = a[i1:i2]
            if len(kept) > 2 * DIFF_CONTEXT:
                head = text(kept[:DIFF_CONTEXT], mine) if n else ""
                tail = text(kept[-DIFF_CONTEXT:], mine) if n < len(ops) - 1 else ""
                parts.append(" \u2026 ".join(p for p in (head, tail) if p) if head and tail else head or tail)
                if n and n < len(ops) - 1:
                    continue
            else:
                parts.append(text(kept, mine))
        elif tag == "replace":
            parts.append(f"[{text(a[i1:i2], mine)} \u2192 {text(b[j1:j2], theirs)}]")
        elif tag == "delete":
            parts.append(f"[\u2212{text(a[i1:i2], mine)}]")
        else:
            parts.append(f"[+{text(b[j1:j2], theirs)}]")
    return "\u201c" + shorten(" ".join(p for p in parts if p), 160) + "\u201d"
