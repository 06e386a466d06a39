"""Quotes: text moved into or out of a quotation, quotation marks lost or added."""

from __future__ import annotations

import re
from dataclasses import dataclass

from auditor.detect.nameforms import tokens
from auditor.detect.units import Side, Unit, quoted_ranges, shorten
from auditor.records import Finding

# The quoted share of a sentence is the same idea in any language (quote length over sentence length), so a
# large change means the quote's boundaries moved; translation wobble between en and it stays well below this.
SHARE_SHIFT = 0.2
SHORT_QUOTE_WORDS = 3  # "scare quotes" around a term or a title
# Re-bounding a quote changes who is said to have said what; a quote added around a paraphrase does too.
# Dropping the marks while keeping the words only blurs direct and reported speech.
SEVERITY = {"moved": "major", "added": "major", "added_short": "minor", "lost": "minor"}


@dataclass(frozen=True, slots=True)
class _Quotes:
    """Quoted stretches of one side and the share of the side's letters they hold."""

    side: Side
    ranges: tuple[tuple[int, int], ...]

    @property
    def share(self) -> float:
        text = self.side.text
        inside = sum(_letters(text[a:b]) for a, b in self.ranges)
        return inside / max(_letters(text), 1)

    def longest(self) -> tuple[int, int]:
        return max(self.ranges, key=lambda r: r[1] - r[0])

    def inside(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.ranges)


def detect_quotes(unit: Unit) -> list[Finding]:
    """Quote re-bounded (major), quote added (major; minor around a short term), quote marks lost (minor)."""
    source = _Quotes(unit.original, tuple(quoted_ranges(unit.original.text)))
    target = _Quotes(unit.translation, tuple(quoted_ranges(unit.translation.text)))
    if not source.ranges and not target.ranges:
        return []
    if not target.ranges:
        return [_lost(unit, source)]
    if not source.ranges:
        return [_added(unit, target)]
    moved = _moved(unit, source, target)
    return [moved] if moved else []


def _moved(unit: Unit, source: _Quotes, target: _Quotes) -> Finding | None:
    """A finding when an anchor word crosses the quote boundary or the quoted share changes a lot."""
    crossing = _crossing_anchor(source, target)
    shift = target.share - source.share
    if crossing is None and abs(shift) < SHARE_SHIFT:
        return None
    if crossing is not None:
        word, was_inside = crossing
        where = ("inside the quotation in the original but outside it" if was_inside
                 else "outside the quotation in the original but inside it")
        reason = f"'{word}' is {where} in the translation."
    elif shift > 0:
        reason = (f"The translation puts more of the sentence inside quotation marks ({target.share:.0%} "
                  f"against {source.share:.0%}): words not quoted in the original read as a quote.")
    else:
        reason = (f"The translation puts less of the sentence inside quotation marks ({target.share:.0%} "
                  f"against {source.share:.0%}): part of the quote is cut or no longer quoted.")
    return unit.finding("quote", SEVERITY["moved"], reason, unit.original.span(*source.longest()),
                        unit.translation.span(*target.longest()))


def _crossing_anchor(source: _Quotes, target: _Quotes) -> tuple[str, bool] | None:
    """A number or name found once on each side, inside the quote on one side and outside on the other."""
    target_anchors = _anchors(target.side.text)
    for key, (position, word) in _anchors(source.side.text).items():
        if key in target_anchors and source.inside(position) != target.inside(target_anchors[key][0]):
            return word, source.inside(position)
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


def _lost(unit: Unit, source: _Quotes) -> Finding:
    a, b = source.longest()
    reason = (f"The original quotes {shorten(unit.original.text[a:b])}; the translation has no quotation marks, "
              f"so the words are no longer presented as a quote.")
    return unit.finding("quote", SEVERITY["lost"], reason, unit.original.span(a, b), unit.translation.whole())


def _added(unit: Unit, target: _Quotes) -> Finding:
    a, b = target.longest()
    quoted = unit.translation.text[a:b]
    short = len(tokens(quoted)) <= SHORT_QUOTE_WORDS
    reason = f"The translation puts {shorten(quoted)} in quotation marks; the original quotes nothing here."
    return unit.finding("quote", SEVERITY["added_short" if short else "added"], reason, unit.original.whole(),
                        unit.translation.span(a, b))


def _letters(text: str) -> int:
    return sum(c.isalnum() for c in text)
