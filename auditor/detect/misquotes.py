"""Quotations checked across the pair: the words said, who said them, how, and quotations nobody said.

Quotations (auditor/detect/quotations.py) are linked across the pair through the content alignment: a
translation quotation is the counterpart of the original quotation whose words most of its words are linked to.
Within one language a quotation is verbatim, so any changed, added or dropped word is a misquote (typography
aside: the words are compared by their spelling keys). Across languages the meaning is the other detectors'
(negation, numbers, names inside a quote are critical there); here the speaker, the reporting verb and
quotations without counterpart are checked in both modes.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from auditor.detect.content import (
    INFLECTING,
    NAME_SUPPORT,
    UNSPACED,
    ContentAlignment,
    Word,
    accounted,
    same_name,
    script_of,
    spelling,
)
from auditor.detect.negation import count_negations
from auditor.detect.policy import severity
from auditor.detect.quotations import Context, Person, Quotation, people, quotations, reporting_verbs, title_words
from auditor.detect.units import Side, Unit, quoted_ranges
from auditor.documents import Span
from auditor.excerpt import shorten
from auditor.records import Finding

LINK_SUPPORT = 0.5       # a word link at least this close ties two quotations together (unrelated words 0.3-0.5)
LINK_SHARE = 0.25        # ... and at least this share of both quotations' words must be tied
SYNONYM_SUPPORT = 0.5    # a replaced word this close to its replacement rewords; below it, it changes the content
SHORT_QUOTE_WORDS = 3    # a quotation of this many words at most is a term or a title ("scare quotes")
FABRICATED_WORDS = 2     # content words of a quotation without counterpart before it is a fabricated quote
FABRICATED_SHARE = 0.5   # ... of which at least this share the original does not account for
XL_CONFIDENCE = 0.6      # a fabricated quotation found across languages
XL_FABRICATED_SHARE = 0.6  # ... across languages: this share linked to no word closer than LINK_SUPPORT
XL_FABRICATED_WORDS = 4  # ... of at least this many content words (a short line of dialogue is loosely linked)
RESPELLED = 75           # surnames this alike in spelling (rapidfuzz ratio) are one person's, garbled or not
DIFF_CONTEXT = 3         # unchanged words kept either side of a change in a reason's word diff
# English contractions spelled out, so "don't" and "do not" are one wording (typography, not a misquote).
CONTRACTIONS = {"can": "can", "ca": "can", "wo": "will", "sha": "shall"}
MARKS = "\"'\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019\u201a ,;:"
DOUBLE_MARKS = frozenset("\"\u201c\u201d\u00ab\u00bb\u201e")  # quotation marks that are never apostrophes
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
        findings += _speaker_changed(unit, alignment, quote, counterpart, context)
    findings += _verbs_reversed(unit, source, target)
    if same:
        findings += _titles_changed(unit)
    if source:  # with no quotation in the original, detect_quotes says whether the marks or the words are new
        findings += fabricated(unit, alignment, [q for q in target if q not in linked])
    return findings


def _inside(words: tuple[Word, ...], quote: Quotation) -> list[int]:
    return [k for k, w in enumerate(words) if quote.start <= w.start < quote.end]


def _counterpart(quote: Quotation, target: tuple[Quotation, ...], alignment: ContentAlignment) -> Quotation | None:
    """The translation quotation most of this quotation's words are linked to (both directions counted)."""
    mine = _inside(alignment.original, quote)
    best, best_ties = None, 0
    for other in target:
        theirs = set(_inside(alignment.translation, other))
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
    mine = [alignment.original[k] for k in _inside(alignment.original, quote)]
    theirs = [alignment.translation[k] for k in _inside(alignment.translation, counterpart)]
    a, b = _keys(mine), _keys(theirs)
    ops = [op for op in SequenceMatcher(None, [x for x, _ in a], [x for x, _ in b], autojunk=False).get_opcodes()]
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
    theirs_indices = {alignment.translation.index(w) for w in theirs}
    for tag, i1, i2, j1, j2 in changed:
        gone = [mine[k] for _, k in a[i1:i2]]
        new = [theirs[k] for _, k in b[j1:j2]]
        if any(w.start in cues[0] for w in gone) or any(w.start in cues[1] for w in new):
            kinds.append("negation")
        if any(w.capitalised and w.content for w in gone + new):
            kinds.append("name")
        if tag == "replace" and any(_replaced(w, new, alignment, theirs_indices) for w in gone if w.content):
            kinds.append("content")
    return kinds


def _replaced(word: Word, new: list[Word], alignment: ContentAlignment, theirs: set[int]) -> bool:
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


def _speaker_changed(unit: Unit, alignment: ContentAlignment, quote: Quotation, counterpart: Quotation,
                     context: tuple[Context, Context]) -> list[Finding]:
    """The quotation is put in another person's mouth (both sides name a speaker, and they differ)."""
    said, now = quote.speaker, counterpart.speaker
    same = unit.original.language == unit.translation.language
    if said is None or now is None or (not same and (said.resolved or now.resolved)):
        return []
    if _same_person(said, now, unit) or _linked(said, now, alignment):
        return []
    # Across languages a title, a description or a country may stand where the other side names the person,
    # and names change script: only names in one script, one of them a full name, neither named on the other
    # side, differ.
    if not same and (_named(now, unit.original, context[0].before) or _named(said, unit.translation, context[1].before)
                     or max(len(said.name.split()), len(now.name.split())) < 2
                     or script_of(said.surname) != script_of(now.surname)):
        return []
    reason = (f"The original attributes {_cited(quote)} to {_who(said)}; the translation gives it to {_who(now)}: "
              f"the quotation is put in someone else's mouth.")
    return [unit.finding("quote", severity("quote", "quote given to another person"), reason,
                         _span(unit.original, said, quote), _span(unit.translation, now, counterpart),
                         confidence=0.9 if same else 0.7)]


def _same_person(a: Person, b: Person, unit: Unit) -> bool:
    from rapidfuzz.fuzz import ratio

    inflecting = bool(INFLECTING & {unit.original.language, unit.translation.language})
    # A respelled name (Herrera / Herreira) is the same person garbled: the name detectors report it.
    return same_name(a.surname, b.surname, inflecting) or ratio(spelling(a.surname), spelling(b.surname)) >= RESPELLED


def _linked(a: Person, b: Person, alignment: ContentAlignment) -> bool:
    """The content alignment links a word of one speaker to a word of the other (Germany / Deutschland)."""
    if a.start < 0 or b.start < 0:
        return False
    theirs = {k for k, w in enumerate(alignment.translation) if b.start <= w.start < b.end}
    return any(a.start <= w.start < a.end and link.counterpart in theirs and link.support >= NAME_SUPPORT
               for w, link in zip(alignment.original, alignment.original_links, strict=True))


def _named(person: Person, side: Side, context: str) -> bool:
    """The person's surname is somewhere on the other side or just before it."""
    return any(same_name(person.surname, m.group(), True) for m in re.finditer(r"\w+", f"{context} {side.text}"))


def _titles_changed(unit: Unit) -> list[Finding]:
    """Same language: a person named on both sides with a title on both, and the titles differ (neither
    contains the other: "Minister" for "Prime Minister" is shortened, "Chairman" for "Secretary General" wrong)."""
    theirs = {spelling(p.name): p for p in people(unit.translation) if p.title}
    findings = []
    for person in people(unit.original):
        other = theirs.get(spelling(person.name))
        if not person.title or other is None:
            continue
        a, b = title_words(person), title_words(other)
        if a and b and not (a <= b or b <= a):
            reason = (f"The original calls {person.name} \u201c{person.title}\u201d; the translation "
                      f"\u201c{other.title}\u201d.")
            findings.append(unit.finding("name", severity("name", "title changed"), reason,
                                         unit.original.span(person.start, person.end),
                                         unit.translation.span(other.start, other.end), confidence=0.8))
    return findings


def _verbs_reversed(unit: Unit, source: tuple[Quotation, ...], target: tuple[Quotation, ...]) -> list[Finding]:
    """Said -> denied, confirmed -> questioned: a reporting verb (outside quotations, with or without one) now
    disputes what it reports. The verbs of the two sides are paired in order when both sides have as many."""
    verbs = reporting_verbs(unit.original, source), reporting_verbs(unit.translation, target)
    if len(verbs[0]) != len(verbs[1]):
        return []
    findings = []
    for (said, start_o, stance_o), (now, start_t, stance_t) in zip(*verbs, strict=True):
        if (stance_o == "dispute") == (stance_t == "dispute"):
            continue
        reason = (f"The reporting verb is reversed: the original says \u201c{said}\u201d, the translation "
                  f"\u201c{now}\u201d, so what is reported is now disputed or now vouched for.")
        findings.append(unit.finding("quote", severity("quote", "reporting verb reversed"), reason,
                                     unit.original.span(start_o, start_o + len(said)),
                                     unit.translation.span(start_t, start_t + len(now)), confidence=0.8))
    return findings


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
    inside = [k for k in _inside(alignment.translation, quote) if alignment.translation[k].content]
    languages = (unit.original.language, unit.translation.language)
    if same:
        unsaid = [k for k in inside if not accounted(alignment.translation[k], alignment.translation_links[k],
                                                      alignment.original, languages)]
    else:
        unsaid = [k for k in inside if alignment.translation_links[k].support < LINK_SUPPORT]
    share, least = (FABRICATED_SHARE, FABRICATED_WORDS) if same else (XL_FABRICATED_SHARE, XL_FABRICATED_WORDS)
    if len(inside) < least or len(unsaid) < share * len(inside):
        return []
    who = f" and attributes it to {_who(quote.speaker)}" if quote.speaker else ""
    reason = f"The translation quotes {_cited(quote)}{who}; the original has no such quotation."
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


def _who(person: Person) -> str:
    return f"{person.title} {person.name}".strip() + (" (named in the sentence before)" if person.resolved else "")


def _cited(quote: Quotation) -> str:
    return "\u201c" + shorten(quote.text.strip(MARKS), 50) + "\u201d"


def _span(side: Side, person: Person, quote: Quotation) -> Span:
    if person.span is not None:
        return person.span
    return side.span(person.start, person.end) if person.start >= 0 else side.span(quote.start, quote.end)
