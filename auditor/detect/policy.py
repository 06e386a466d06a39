"""The severity policy, in one place: (category, kind of problem) -> critical | major | minor; and confidences.

Severities follow the field's definitions (MQM, and the WMT critical-error task): what makes a reader take
away a different fact is *critical* — a reversed claim (negation, opposite meaning), a changed number, date or
quantity, a changed or swapped person, organisation or place, words put in someone's mouth, content that is not
in the original at all (an unrelated sentence), an article cut short. What loses or adds content without
reversing it is *major* — a dropped or added clause, word or name, text left untranslated, a quotation
re-bounded. Typography, style and nuance are *minor*. The README prints this table. Severity says how bad the
problem would be; confidence (0-1, per finding) says how sure the detector is, and the two are separate fields.
"""

from __future__ import annotations

import math

SEVERITY: dict[tuple[str, str], str] = {
    ("truncation", "article cut short"): "critical",
    ("omission", "headline"): "major",
    ("omission", "paragraph"): "major",
    ("omission", "sentence"): "major",
    ("omission", "short sentence"): "minor",
    ("omission", "clause"): "major",
    ("omission", "word"): "major",
    ("addition", "paragraph"): "major",
    ("addition", "sentence"): "major",
    ("addition", "short sentence"): "minor",
    ("addition", "clause"): "major",
    ("addition", "word"): "major",
    ("negation", "polarity flipped"): "critical",
    ("negation", "polarity flipped inside a quote"): "critical",
    ("number", "changed"): "critical",
    ("number", "changed inside a quote"): "critical",
    ("number", "dropped"): "minor",
    ("number", "added"): "minor",
    ("date", "changed"): "critical",
    ("date", "changed inside a quote"): "critical",
    ("date", "dropped"): "minor",
    ("date", "added"): "minor",
    ("name", "changed"): "critical",
    ("name", "quote given to another person"): "critical",
    ("name", "dropped"): "major",
    ("name", "added"): "major",
    ("quote", "boundary moved or quote cut"): "major",
    ("quote", "quotation marks added"): "major",
    ("quote", "quotation marks added around a term"): "minor",
    ("quote", "quotation marks lost"): "minor",
    ("quote", "misquote, meaning changed"): "critical",
    ("quote", "misquote, words changed"): "major",
    ("quote", "quote given to another person"): "critical",
    ("quote", "reporting verb reversed"): "critical",
    ("quote", "fabricated quotation"): "critical",
    ("name", "title changed"): "major",
    ("fluency", "machine-rewritten copy"): "minor",
    ("untranslated", "fragment left in the original language"): "major",
    ("untranslated", "word left in the original language"): "major",
    ("mistranslation", "content words without counterpart"): "major",
    ("mistranslation", "word replaced"): "major",
    ("mistranslation", "opposite meaning"): "critical",
    ("mistranslation", "opposite meaning inside a quote"): "critical",
}


def severity(category: str, kind: str) -> str:
    """The policy's severity for one kind of problem (KeyError for a kind the policy does not know)."""
    return SEVERITY[(category, kind)]


def confidence_from(margin: float, threshold: float, scale: float | None = None) -> float:
    """Confidence of a finding whose evidence is `margin` against its decision threshold: 0.6 at the
    threshold, rising toward 1 as the evidence grows (monotone and continuous, so it ranks findings)."""
    scale = scale or max(abs(threshold), 1e-6)
    excess = (margin - threshold) / scale
    return round(1.0 - 0.4 * math.exp(-excess) if excess >= 0 else 0.6 * math.exp(excess), 3)
