"""Split a text at the boundaries of finding spans into pieces a template can highlight without raw HTML."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from auditor.records import SEVERITY_RANK, Finding


@dataclass(frozen=True, slots=True)
class Mark:
    """One finding as it appears in highlighted text: its index in report.findings, label and reason."""

    finding: int
    severity: str
    category: str
    reason: str

    @classmethod
    def of(cls, k: int, finding: Finding) -> Mark:
        return cls(k, finding.severity, finding.category, finding.reason)

    @property
    def label(self) -> str:
        return f"{self.severity} · {self.category}"


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text with the marks covering it (outermost first), or, when tag is set, a finding's label."""

    text: str = ""
    marks: tuple[Mark, ...] = ()
    tag: Mark | None = None


Located = tuple[int, int, Mark]  # (start, end) relative to the text being split


def _inside(start: int, end: int, length: int) -> bool:
    return 0 <= start <= length if start == end else start < length and end > 0


def pieces(text: str, spans: Sequence[Located]) -> list[Piece]:
    """Text cut at every span boundary; overlapping spans nest (most severe innermost); a tag after each end."""
    kept = [(max(0, s), min(len(text), e), m) for s, e, m in spans if _inside(s, e, len(text))]
    cuts = sorted({0, len(text), *(s for s, _, _ in kept), *(e for _, e, _ in kept)})
    out: list[Piece] = []
    for i, here in enumerate(cuts):
        out += [Piece(tag=m) for s, e, m in sorted(kept, key=lambda x: x[2].finding) if e == here]
        if i + 1 == len(cuts):
            break
        there = cuts[i + 1]
        covering = [m for s, e, m in kept if s <= here and there <= e and s < e]
        covering.sort(key=lambda m: (-SEVERITY_RANK[m.severity], m.finding))
        out.append(Piece(text[here:there], tuple(covering)))
    return out
