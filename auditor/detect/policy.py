"""The severity policy, in one place: (category, kind of problem) -> critical | major | minor.

Reasoning: what changes the facts a reader takes away is major; what puts different words in someone's mouth
(inside a quote, or a quote given to another person) or cuts the article short is critical; what loses nuance
or typography is minor. The README prints this table.
"""

from __future__ import annotations

SEVERITY: dict[tuple[str, str], str] = {
    ("truncation", "article cut short"): "critical",
    ("omission", "headline"): "major",
    ("omission", "paragraph"): "major",
    ("omission", "sentence"): "major",
    ("omission", "short sentence"): "minor",
    ("omission", "clause"): "major",
    ("addition", "paragraph"): "major",
    ("addition", "sentence"): "major",
    ("addition", "short sentence"): "minor",
    ("addition", "clause"): "major",
    ("negation", "polarity flipped"): "major",
    ("negation", "polarity flipped inside a quote"): "critical",
    ("number", "changed"): "major",
    ("number", "changed inside a quote"): "critical",
    ("number", "dropped"): "minor",
    ("number", "added"): "minor",
    ("date", "changed"): "major",
    ("date", "changed inside a quote"): "critical",
    ("date", "dropped"): "minor",
    ("date", "added"): "minor",
    ("name", "changed"): "major",
    ("name", "quote given to another person"): "critical",
    ("name", "dropped"): "major",
    ("name", "added"): "minor",
    ("quote", "boundary moved or quote cut"): "major",
    ("quote", "quotation marks added"): "major",
    ("quote", "quotation marks added around a term"): "minor",
    ("quote", "quotation marks lost"): "minor",
    ("untranslated", "fragment left in the original language"): "major",
    ("mistranslation", "content words without counterpart"): "major",
    ("mistranslation", "opposite meaning"): "major",
    ("mistranslation", "opposite meaning inside a quote"): "critical",
}


def severity(category: str, kind: str) -> str:
    """The policy's severity for one kind of problem (KeyError for a kind the policy does not know)."""
    return SEVERITY[(category, kind)]
