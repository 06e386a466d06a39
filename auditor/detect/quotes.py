"""Quotes: text moved into or out of a quotation, quotation marks lost or added."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from auditor.detect.content import ContentAlignment
from auditor.detect.fabricated import fabricated
from auditor.detect.nameforms import function_words, tokens, words_data
from auditor.detect.policy import severity
from auditor.detect.quotations import quotations
from auditor.detect.units import QUOTE_PAIRS, Side, Unit, quoted_ranges
from auditor.excerpt import shorten, tail
from auditor.records import Finding

# log((quoted ratio) / (unquoted ratio)) between translation and original, with SMOOTHING letters added so a
# short attribution does not swing it: clean en/it pairs stay within +-0.46, re-bounded quotes go past +-0.25
# only together with the structural sign checked beside it (a reporting verb pulled in, a clause cut off).
BALANCE_IN, BALANCE_OUT, SMOOTHING = 0.2, 0.25, 20
CUT_WORDS = 2          # same language: function words moved across the boundary before a quote counts as cut
# A quote closed early with no clause mark to show it: it shrinks well past any clean pair (worst -0.46) and
# leaves content words outside it that the original kept inside.
BALANCE_PUSHED_OUT, CONTENT_PUSHED_OUT = 0.6, 3
SAME_LANGUAGE_QUOTE, CROSS_LINGUAL_QUOTE = 0.95, 0.6
SHORT_QUOTE_WORDS = 3  # "scare quotes" around a term or a title
# The marks quoted_ranges opens and closes.
QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset("".join(QUOTE_PAIRS.values()))
# Clause marks: Latin ones before a space (not the dots of an ellipsis, "we... helped", which Japanese writes
# "……" and no clause ends at), and the full-width ones of Chinese and Japanese, which take none.
CLAUSE_MARKS = re.compile(r"(?:[,;:!?]|(?<!\.)\.)(?=\s)|[\u3001\u3002\uff0c\uff1b\uff1a\uff01\uff1f]")
# Re-bounding a quote changes who is said to have said what; a quote added around a paraphrase does too.
# Dropping the marks while keeping the words only blurs direct and reported speech.


@dataclass(frozen=True, slots=True)
class _Quotes:
    """Quoted stretches of one side."""

    side: Side
    ranges: tuple[tuple[int, int], ...]

    @property
    def quoted(self) -> str:
        return " ".join(self.side.text[a:b] for a, b in self.ranges)

    @property
    def parts(self) -> tuple[str, ...]:
        return tuple(self.text(r) for r in self.ranges)

    def text(self, quote: tuple[int, int]) -> str:
        return self.side.text[quote[0]:quote[1]]

    def letters(self) -> tuple[int, int]:
        """Letters inside and outside the quotes."""
        inside = _letters(self.quoted)
        return inside, _letters(self.side.text) - inside

    def longest(self) -> tuple[int, int]:
        return max(self.ranges, key=lambda r: r[1] - r[0])

    def inside(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.ranges)


def detect_quotes(unit: Unit, alignment: ContentAlignment | None = None) -> list[Finding]:
    """Quote re-bounded (major), quote added (major; minor around a short term; critical when the original does
    not say its words: fabricated), quote marks lost (minor)."""
    source = _Quotes(unit.original, tuple(quoted_ranges(unit.original.text)))
    target = _Quotes(unit.translation, tuple(quoted_ranges(unit.translation.text)))
    if not source.ranges and not target.ranges:
        return []
    if not target.ranges:
        return [_lost(unit, source)]
    if not source.ranges:
        made_up = fabricated(unit, alignment, quotations(unit.translation)) if alignment else []
        return made_up or [_added(unit, target)]
    same = unit.original.language == unit.translation.language
    reason = _moved_verbatim(source, target) if same else _moved(source, target)
    if not reason:
        return []
    level = severity("quote", "boundary moved or quote cut")
    return [unit.finding("quote", level, reason, unit.original.span(*source.longest()),
                         unit.translation.span(*target.longest()), confidence=_confidence(unit))]


def _moved(source: _Quotes, target: _Quotes) -> str | None:
    """Across languages: an anchor crosses the boundary, or the quote grows by an attribution or loses a clause."""
    crossing = _crossing_anchor(source, target)
    if crossing:
        return crossing
    (q_source, u_source), (q_target, u_target) = source.letters(), target.letters()
    balance = math.log((q_target + SMOOTHING) / (q_source + SMOOTHING)) \
        - math.log((u_target + SMOOTHING) / (u_source + SMOOTHING))
    if balance >= BALANCE_IN and _reporting(target) and not _reporting(source):
        return (f"The translation's quotation takes in words of attribution "
                f"({_cited(*target.parts)}); in the original they stand outside the quote.")
    pushed_out = balance <= -BALANCE_PUSHED_OUT and \
        _outside_content(target) - _outside_content(source) >= CONTENT_PUSHED_OUT
    if balance <= -BALANCE_OUT and (_clauses(target) < _clauses(source) or pushed_out):
        return (f"The translation's quotation stops short: in the original it ends "
                f"\u201c{tail(_unmarked(source.text(source.longest())), 50)}\u201d, in the translation "
                f"\u201c{tail(_unmarked(target.text(target.longest())), 50)}\u201d.")
    return None


def _moved_verbatim(source: _Quotes, target: _Quotes) -> str | None:
    """Same language: quotes are kept verbatim, so compare the quoted words themselves."""
    language = source.side.language
    inside_s, inside_t = _words(source.quoted), _words(target.quoted)
    outside_s, outside_t = _words(source.side.text) - inside_s, _words(target.side.text) - inside_t
    moved_in = [w for w in inside_t - inside_s if w in outside_s]
    moved_out = [w for w in inside_s - inside_t if w in outside_t]
    # One function word ("the") may drift across a boundary in a paraphrase; a content word or two may not.
    if any(w not in function_words(language) for w in moved_in + moved_out) or len(moved_in + moved_out) >= CUT_WORDS:
        where = "inside" if moved_in else "outside"
        return (f"'{' '.join(moved_in or moved_out)}' is {where} the quotation in the repost but not in the original: "
                f"{_cited(*source.parts)} became {_cited(*target.parts)}.")
    return None  # words changed inside the quotation are a misquote (auditor/detect/misquotes.py)


def _crossing_anchor(source: _Quotes, target: _Quotes) -> str | None:
    """A number or name found once on each side, inside the quote on one side and outside on the other."""
    target_anchors = _anchors(target.side.text)
    for key, (position, word) in _anchors(source.side.text).items():
        if key in target_anchors and source.inside(position) != target.inside(target_anchors[key][0]):
            where = "inside" if source.inside(position) else "outside"
            other = "outside" if where == "inside" else "inside"
            return f"'{word}' is {where} the quotation in the original but {other} it in the translation."
    return None


def _anchors(text: str) -> dict[str, tuple[int, str]]:
    """Numbers (digits only, so 4.5 == 4,5) and capitalised words that occur once, keyed by spelling."""
    found: dict[str, list[tuple[int, str]]] = {}
    for m in re.finditer(r"\d[\d.,]*\d|\d", text):
        found.setdefault(re.sub(r"\D", "", m.group()), []).append((m.start(), m.group()))
    for token in tokens(text):
        if token.capitalised and len(token.text) > 2 and not _sentence_initial(text, token.start):
            found.setdefault(token.key, []).append((token.start, token.text))
    return {key: hits[0] for key, hits in found.items() if len(hits) == 1}


def _sentence_initial(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \"'\u201c\u201d\u00ab\u00bb\u2018\u2019\u201e(")
    return not before or before[-1] in ".!?:;"


def _reporting(quotes: _Quotes) -> bool:
    verbs = set(words_data()["reporting"].get(quotes.side.language, ()))
    return any(t.text.lower() in verbs for t in tokens(quotes.quoted))


def _outside_content(quotes: _Quotes) -> int:
    """Content words outside the quotes: neither function words nor reporting verbs nor names."""
    language = quotes.side.language
    skip = function_words(language) | set(words_data()["reporting"].get(language, ()))
    return sum(1 for t in tokens(quotes.side.text) if not quotes.inside(t.start) and not t.capitalised
               and len(t.text) > 2 and t.text.lower() not in skip)


def _cited(*quotes: str, limit: int = 60) -> str:
    """Quoted stretches for a reason: each one's own marks (any style) dropped, one pair of curly quotes around."""
    inner = " \u2026 ".join(_unmarked(quote) for quote in quotes)
    return f"\u201c{shorten(inner, limit)}\u201d"


def _unmarked(quote: str) -> str:
    quote = quote[1:] if quote[:1] in QUOTE_MARKS else quote
    quote = quote[:-1] if quote[-1:] in QUOTE_MARKS else quote
    return quote.rstrip(",;: ")  # "…in the medium term," he said: the comma is the reporter's


def _clauses(quotes: _Quotes) -> int:
    """Clause boundaries inside the quotes (a closing mark's own punctuation does not count)."""
    return sum(len(CLAUSE_MARKS.findall(quotes.side.text[a + 1:b - 1].strip(" ,.;:\u3001\u3002\uff0c\uff1b\uff1a")))
               for a, b in quotes.ranges)


def _words(text: str) -> Counter[str]:
    return Counter(t.text.lower() for t in tokens(text))


def _lost(unit: Unit, source: _Quotes) -> Finding:
    a, b = source.longest()
    reason = (f"The original quotes {_cited(unit.original.text[a:b])}; the translation has no quotation marks, "
              f"so the words are no longer presented as a quote.")
    level = severity("quote", "quotation marks lost")
    return unit.finding("quote", level, reason, unit.original.span(a, b), unit.translation.whole(),
                        confidence=_confidence(unit))


def _added(unit: Unit, target: _Quotes) -> Finding:
    a, b = target.longest()
    quoted = unit.translation.text[a:b]
    short = len(tokens(quoted)) <= SHORT_QUOTE_WORDS
    reason = f"The translation puts {_cited(quoted)} in quotation marks; the original quotes nothing here."
    level = severity("quote", "quotation marks added around a term" if short else "quotation marks added")
    return unit.finding("quote", level, reason, unit.original.whole(), unit.translation.span(a, b),
                        confidence=_confidence(unit))


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)


def _confidence(unit: Unit) -> float:
    """Quote boundaries compare surely within a language; across languages the marks and the places where a
    quotation is cut differ by convention (straight quotes around an attribution, 「」 against “”)."""
    return SAME_LANGUAGE_QUOTE if unit.original.language == unit.translation.language else CROSS_LINGUAL_QUOTE
