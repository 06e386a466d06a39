"""Polarity: count negations per side (negative concord, exceptives and fixed phrases handled) and compare."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from auditor.detect.content import ContentAlignment
from auditor.detect.policy import severity
from auditor.detect.units import Side, Unit, in_quote, lexicon, words
from auditor.documents import Span
from auditor.embed import Embed
from auditor.excerpt import shorten
from auditor.records import Finding

CONFIDENCE_EXPLICIT, CONFIDENCE_IMPLICIT, CONFIDENCE_INDUCED = 0.9, 0.6, 0.45
CARRIED = 0.6           # an implicit negator this close to a non-negator of the other side is rendered by it
# ... and an explicit one this close is the same word, which the other language's lexicon does not count
# (ohne/without 0.93; unrelated function words reach 0.73: not/Ni, not/did 0.63).
CARRIED_EXPLICIT = 0.9
INDUCED_NEGATION = 0.88  # cosine to an English negator that makes a word a negator
COMPOUND = 0.7           # a CJK negator starting a bigram this far from "not" is part of another word
MAX_INDUCED_CHARS = 6    # negators are short words (nie, не, 不, ない); long words near "not" are something else
CUE_CONTEXT_WORDS = 4   # words after a cue quoted in the reason ("non possano essere accolti")
CONCORD_WINDOW = 8      # words after a concord head within which n-words belong to the same negation
CLAUSE_BREAK = re.compile(r"[,;:.!?\u201c\u201d\u00ab\u00bb\"()\[\]]|\s[-\u2013\u2014]\s")


def detect_negation(unit: Unit, embed: Embed | None = None, alignment: ContentAlignment | None = None) -> list[Finding]:
    """A finding when the two sides carry a different number of negations (a polarity flip)."""
    source, target = negations(unit.original, embed), negations(unit.translation, embed)
    if len(source) == len(target):
        return []
    (more, more_cues), (fewer, fewer_cues) = sorted(
        [(unit.original, source), (unit.translation, target)], key=lambda side: -len(side[1]))
    if alignment is not None:
        more_cues = _not_carried(more, more_cues, fewer_cues, alignment, more is unit.original)
        if len(more_cues) <= len(fewer_cues):
            return []
    # "unclear" = "non è chiaro", "hardly ever" = "quasi mai" with its "non": negative words that a translation
    # may write with or without a negation. Those the other side does not also have excuse one missing each.
    soft = len(_implicit(fewer, "soft_negation")) - len(_implicit(more, "soft_negation"))
    if len(more_cues) - len(fewer_cues) <= soft:
        return []
    extra = _unmatched(more_cues, len(more.text), fewer_cues, len(fewer.text))
    confidence = _confidence(more, extra[0], fewer)
    cue_span = _cue_phrase(more, extra)
    counterpart = _counterpart_clause(fewer, extra[0] / max(len(more.text), 1))
    quoted = in_quote(more.text, extra[0])
    level = severity("negation", "polarity flipped inside a quote" if quoted else "polarity flipped")
    if more is unit.translation:
        reason = (f"The original says \u201c{shorten(counterpart.text)}\u201d; the translation negates it: "
                  f"\u201c{shorten(cue_span.text)}\u201d" + (" (inside a quote)." if quoted else "."))
        return [unit.finding("negation", level, reason, counterpart, cue_span, confidence=confidence)]
    reason = (f"The original says \u201c{shorten(cue_span.text)}\u201d; the translation drops the negation: "
              f"\u201c{shorten(counterpart.text)}\u201d" + (" (inside a quote)." if quoted else "."))
    return [unit.finding("negation", level, reason, cue_span, counterpart, confidence=confidence)]


def _confidence(more: Side, cue: int, fewer: Side) -> float:
    """How sure a flip is: an explicit negator against a language we hold a lexicon for is; an implicit one
    ("refused", "non-") less, and a negator found by the encoder for a language without a lexicon least
    (bench/detect_real.py: most false flips on WMT24 documents are of the last two kinds)."""
    if not (has_negation_lexicon(more.language) and has_negation_lexicon(fewer.language)):
        return CONFIDENCE_INDUCED
    if cue in set(_implicit(more)) | set(_prefixed_positions(more)):
        return CONFIDENCE_IMPLICIT
    return CONFIDENCE_EXPLICIT


def negations(side: Side, embed: Embed | None = None) -> list[int]:
    """Positions (in side.text) of each negation, explicit or implicit.

    Implicit negators count too: "failed to agree" = "non sono riusciti", and dropping that "non" is a flip.
    A language without a lexicon has its negations found by the encoder instead (induced_negations).
    """
    if not has_negation_lexicon(side.language):
        return induced_negations(side, embed) if embed is not None else []
    return sorted(count_negations(side.text, side.language) + _implicit(side))


def has_negation_lexicon(language: str) -> bool:
    return bool(lexicon(language).get("negation"))


def induced_negations(side: Side, embed: Embed) -> list[int]:
    """Negations of a language we hold no list for: its words whose vector is as close to an English negator
    as a translation is (not/nie 0.94, not/не 0.98, not/不 0.90; not/tak 'yes' 0.76, not/zu 0.64)."""
    from auditor.detect.content import UNSPACED, side_words

    found = [w for w in side_words(side) if len(w.text) <= MAX_INDUCED_CHARS]
    if not found:
        return []
    probes = lexicon("en")["negation"]
    vectors = embed([w.text for w in found] + probes)
    closeness = (vectors[:len(found)] @ vectors[len(found):].T).max(axis=1)
    # Chinese and Japanese are read as character n-grams: 不 alone is "not", but the word it starts may be
    # lexicalised (不断 "continuously" 0.61, 非常 "very" 0.55 against 不能 0.80, 没有 0.82).
    bigram = {w.start: c for w, c in zip(found, closeness, strict=True) if len(w.text) == 2}
    positions: list[int] = []
    for word, close in sorted(zip(found, closeness, strict=True), key=lambda wc: wc[0].start):
        lexicalised = side.language in UNSPACED and len(word.text) == 1 and bigram.get(word.start, 1.0) < COMPOUND
        if close >= INDUCED_NEGATION and not lexicalised and \
                not any(p <= word.start < p + MAX_INDUCED_CHARS for p in positions[-1:]):
            positions.append(word.start)  # overlapping n-grams of one negator count once
    return positions


def count_negations(text: str, language: str) -> list[int]:
    """Positions of negations in text: one per negative-concord chain, fixed phrases and exceptives excluded."""
    lex = lexicon(language)
    cues, concord = set(lex.get("negation", ())), set(lex.get("negative_concord", ()))
    needs_head = set(lex.get("negation_needs_head", ()))
    blocked = _blocked_positions(text, language)
    tokens = words(text.lower())
    positions: list[int] = []
    chain_end = -1
    for k, token in enumerate(tokens):
        word = token.group()
        if token.start() in blocked or not (word in cues or _contracted(word, cues) or _prefixed(word, lex)):
            continue
        if k <= chain_end and word in concord:  # "non ... mai", "neither ... nor": one negation, not two
            continue
        if word in needs_head and not _clause_initial(tokens, k, text):
            continue  # "il più grande mai costruito", "negato di aver mai": "ever", not "never"
        positions.append(token.start())
        chain_end = _chain_end(tokens, k, text.lower())
    return positions


def _clause_initial(tokens: list[re.Match[str]], k: int, text: str) -> bool:
    previous_end = tokens[k - 1].end() if k else 0
    return k == 0 or bool(CLAUSE_BREAK.search(text, previous_end, tokens[k].start()))


def _contracted(word: str, cues: set[str]) -> bool:
    return word.endswith(("n't", "n\u2019t")) and "n't" in cues


def _prefixed(word: str, lex: dict) -> bool:
    return any(word.startswith(p) and len(word) > len(p) + 2 for p in lex.get("negation_prefix", ()))


def _chain_end(tokens: list[re.Match[str]], k: int, text: str) -> int:
    """Index of the last token that still belongs to this negation (stops at a clause break)."""
    end = k
    for j in range(k + 1, min(len(tokens), k + 1 + CONCORD_WINDOW)):
        if CLAUSE_BREAK.search(text, tokens[j - 1].end(), tokens[j].start()):
            break
        end = j
    return end


@cache
def _phrase_patterns(language: str) -> tuple[re.Pattern[str], ...]:
    lex = lexicon(language)
    # Words of a phrase are adjacent; " ... " marks a gap ("ne ... que").
    phrases = [r"\b" + r"\b.{0,40}?\b".join(r"\s+".join(map(re.escape, part.split())) for part in p.split(" ... "))
               + r"\b" for p in lex.get("negation_not_counted", ())]
    return tuple(re.compile(p, re.IGNORECASE) for p in [*phrases, *lex.get("exceptive_patterns", ())])


def _blocked_positions(text: str, language: str) -> set[int]:
    """Start positions of words inside phrases that look negative but are not ("not only", "non ... che")."""
    blocked: set[int] = set()
    for pattern in _phrase_patterns(language):
        for match in pattern.finditer(text):
            blocked.update(w.start() + match.start() for w in words(match.group()))
    return blocked


def _not_carried(side: Side, cues: list[int], other_cues: list[int], alignment: ContentAlignment,
                 original: bool) -> list[int]:
    """The cues left once those the other side says with a negative word of its own are set aside.

    "refusing to comply" / "negarse a cumplir", "rejected" / "rechazado", "non-compliance" / "incumplimiento":
    an implicit negator (or a prefixed word) whose counterpart in the alignment is a close word that is not
    itself a negator carries the negative meaning across; so does an explicit negator whose counterpart is all
    but the same word (German counts "ohne", English does not count "without"). Only a cue left without such a
    counterpart flips.
    """
    # Without a lexicon every cue is an induced one, as loose as an implicit negator (不太 for "less").
    implicit = set(cues) if not has_negation_lexicon(side.language) else \
        set(_implicit(side)) | set(_prefixed_positions(side))
    words_, links = (alignment.original, alignment.original_links) if original else \
        (alignment.translation, alignment.translation_links)
    others = alignment.translation if original else alignment.original
    kept = []
    for cue in cues:
        k = next((i for i, w in enumerate(words_) if w.start <= cue < max(w.end, w.start + 1)), None)
        link = links[k] if k is not None else None
        carried = link is not None and link.counterpart is not None and \
            not any(abs(others[link.counterpart].start - c) <= 1 for c in other_cues) and (
                link.support >= CARRIED if cue in implicit else
                link.support >= CARRIED_EXPLICIT and _uncounted(others[link.counterpart]))
        if not carried:
            kept.append(cue)
    return kept


def _uncounted(word) -> bool:
    """A word of a language we hold a lexicon for that the lexicon does not count as a negator ("without"): an
    explicit negator rendered by it is carried. Not a negator's other half ("pas" of "ne ... pas", counted at
    "ne") nor a character of a lexicalised CJK word (不 of 不断), which only look like the same word."""
    lex = lexicon(word.language)
    return bool(lex.get("negation")) and word.text.lower() not in {*lex["negation"], *lex.get("negative_concord", ())}


def _prefixed_positions(side: Side) -> list[int]:
    lex = lexicon(side.language)
    return [w.start() for w in words(side.text.lower()) if _prefixed(w.group(), lex)]


def _implicit(side: Side, key: str = "implicit_negation") -> list[int]:
    """Positions of the lexicon's words under key ("refus*" matches by prefix, phrases as a whole)."""
    implicit = lexicon(side.language).get(key, ())
    text = side.text.lower()
    single = {w for w in implicit if " " not in w and not w.endswith("*")}
    stems = tuple(w[:-1] for w in implicit if w.endswith("*"))
    found = [w.start() for w in words(text) if (core := _elided(w.group())) in single or
             (stems and core.startswith(stems))]
    found += [m.start() for phrase in implicit if " " in phrase for m in re.finditer(rf"\b{re.escape(phrase)}\b", text)]
    return found


def _elided(word: str) -> str:
    """The word without an elided article or preposition before it (l'assenza, dell'anonimato, d'absence)."""
    return re.split(r"['\u2019]", word)[-1]


def _unmatched(more: list[int], more_len: int, fewer: list[int], fewer_len: int) -> list[int]:
    """Cues of the side with more negations, the one furthest (by relative position) from any other-side cue first."""
    if not fewer:
        return more
    return sorted(more, key=lambda p: -min(abs(p / max(more_len, 1) - q / max(fewer_len, 1)) for q in fewer))


def _cue_phrase(side: Side, positions: list[int]) -> Span:
    """The cue and the words after it, up to a clause break."""
    start = positions[0]
    tail = words(side.text[start:])[:CUE_CONTEXT_WORDS + 1]
    end = start + tail[-1].end()
    brk = CLAUSE_BREAK.search(side.text, start + tail[0].end(), end)
    return side.span(start, brk.start() if brk else end)


def _counterpart_clause(side: Side, relative: float) -> Span:
    """The clause of the other side nearest the same relative position (no word alignment without MT)."""
    text = side.text
    target = relative * len(text)
    breaks = [0, *(m.end() for m in CLAUSE_BREAK.finditer(text)), len(text)]
    clauses = [_trimmed(text, a, b) for a, b in pairwise(breaks)]
    clauses = [(a, b) for a, b in clauses if b - a >= 3]
    if not clauses:
        return side.whole()
    start, end = min(clauses, key=lambda c: 0 if c[0] <= target < c[1] else min(abs(c[0] - target), abs(c[1] - target)))
    return side.span(start, end)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end
