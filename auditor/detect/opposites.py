"""Opposites: the translation says the contrary of the original ("rose" -> "diminuiti", "approved" -> "respinto").

The sentence encoder barely separates a sentence from its opposite and a negation count sees nothing, so a small
bilingual table of opposite news concepts (auditor/data/opposites.json) is matched on both sides.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

from auditor.detect.policy import severity
from auditor.detect.units import Side, Unit, in_quote
from auditor.excerpt import shorten
from auditor.records import Finding

Concept = dict[str, list[str]]


@cache
def _pairs() -> list[tuple[Concept, Concept]]:
    data = json.loads(files("auditor").joinpath("data/opposites.json").read_text(encoding="utf-8"))
    return [(a, b) for a, b in data["pairs"]]


@cache
def _pattern(forms: tuple[str, ...]) -> re.Pattern[str] | None:
    """One regex for a concept's forms: 'clos*' is a prefix, anything else a whole word or phrase."""
    if not forms:
        return None
    parts = [re.escape(f[:-1]) + r"\w*" if f.endswith("*") else re.escape(f) for f in forms]
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)", re.IGNORECASE)


def detect_opposites(unit: Unit) -> list[Finding]:
    """A finding when the original has one of two opposites and the translation only the other (one reversal per
    sentence is enough to send a reader to it)."""
    for a, b in _pairs():
        for said, contrary in ((a, b), (b, a)):
            said_o = _find(unit.original, said)  # most concepts are absent: the other three searches wait for it
            contrary_t = said_o and _find(unit.translation, contrary)
            if contrary_t and not _find(unit.translation, said) and not _find(unit.original, contrary):
                return [_finding(unit, said_o, contrary_t)]
    return []


def _find(side: Side, concept: Concept) -> re.Match[str] | None:
    pattern = _pattern(tuple(concept.get(side.language, ())))
    return pattern.search(side.text) if pattern else None


def _finding(unit: Unit, said: re.Match[str], contrary: re.Match[str]) -> Finding:
    original = unit.original.span(said.start(), said.end())
    translation = unit.translation.span(contrary.start(), contrary.end())
    quoted = in_quote(unit.translation.text, contrary.start())
    reason = (f"The original says \u201c{shorten(original.text)}\u201d; the translation says the opposite: "
              f"\u201c{shorten(translation.text)}\u201d" + (" (inside a quote)." if quoted else "."))
    kind = "opposite meaning inside a quote" if quoted else "opposite meaning"
    return unit.finding("mistranslation", severity("mistranslation", kind), reason, original, translation)
