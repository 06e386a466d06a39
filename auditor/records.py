"""Frozen records of an audit: alignment beads, scores, findings and the report (schema_version 1)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.documents import Document, Span

if TYPE_CHECKING:
    from auditor.gate import GateResult

SCHEMA_VERSION = 1
CATEGORIES = (
    "omission", "truncation", "addition", "negation", "number", "date", "name",
    "quote", "untranslated", "mistranslation", "fluency",
)
SEVERITIES = ("critical", "major", "minor")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}  # 0 is the worst
EVIDENCE = ("cross-lingual", "back-translation", "structure")


@dataclass(frozen=True, slots=True)
class Scores:
    """Fidelity scores of one aligned pair or a whole article (None where not computable)."""

    chrf: float | None = None
    bleu: float | None = None
    ter: float | None = None
    similarity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"chrf": self.chrf, "bleu": self.bleu, "ter": self.ter, "similarity": self.similarity}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Scores | None:
        return None if data is None else cls(data["chrf"], data["bleu"], data["ter"], data["similarity"])


@dataclass(frozen=True, slots=True)
class SentenceLink:
    """Sentences (global indices) of the original and translation that say the same thing."""

    original: tuple[int, ...]
    translation: tuple[int, ...]
    similarity: float | None

    def to_dict(self) -> dict[str, Any]:
        return {"original": list(self.original), "translation": list(self.translation),
                "similarity": self.similarity}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SentenceLink:
        return cls(tuple(data["original"]), tuple(data["translation"]), data["similarity"])


@dataclass(frozen=True, slots=True)
class Bead:
    """Aligned paragraphs (0-based indices): 1-1, 1-2, 2-1, 1-0 (omitted) or 0-1 (added)."""

    original: tuple[int, ...]
    translation: tuple[int, ...]
    similarity: float | None
    sentences: tuple[SentenceLink, ...] = ()
    backtranslation: str | None = None
    scores: Scores | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"original": list(self.original), "translation": list(self.translation),
                                "similarity": self.similarity,
                                "sentences": [s.to_dict() for s in self.sentences]}
        if self.backtranslation is not None:
            data["backtranslation"] = self.backtranslation
        if self.scores is not None:
            data["scores"] = self.scores.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Bead:
        return cls(tuple(data["original"]), tuple(data["translation"]), data["similarity"],
                   tuple(SentenceLink.from_dict(s) for s in data.get("sentences", ())),
                   data.get("backtranslation"), Scores.from_dict(data.get("scores")))


@dataclass(frozen=True, slots=True)
class Finding:
    """One distortion, with the spans that show it and a reason a journalist can paste."""

    category: str
    severity: str
    original_paragraphs: tuple[int, ...]
    translation_paragraphs: tuple[int, ...]
    original_span: Span | None
    translation_span: Span | None
    reason: str
    evidence: tuple[str, ...] = ("cross-lingual",)
    backtranslation_span: Span | None = None
    bead: int | None = None
    # How sure the detector is (0-1), apart from how bad the problem would be: a low-confidence critical finding
    # is still shown, and the gate can ask for a minimum (--min-confidence).
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.category not in CATEGORIES or self.severity not in SEVERITIES:
            raise ValueError(f"unknown category/severity {self.category!r}/{self.severity!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must lie in [0, 1], not {self.confidence!r}")
        if not set(self.evidence) <= set(EVIDENCE):
            raise ValueError(f"unknown evidence {self.evidence!r}")

    def to_dict(self) -> dict[str, Any]:
        def span(s: Span | None) -> dict[str, Any] | None:
            return None if s is None else s.to_dict()
        return {"category": self.category, "severity": self.severity,
                "original_paragraphs": list(self.original_paragraphs),
                "translation_paragraphs": list(self.translation_paragraphs),
                "original_span": span(self.original_span), "translation_span": span(self.translation_span),
                "backtranslation_span": span(self.backtranslation_span),
                "evidence": list(self.evidence), "reason": self.reason, "bead": self.bead,
                "confidence": self.confidence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        return cls(data["category"], data["severity"], tuple(data["original_paragraphs"]),
                   tuple(data["translation_paragraphs"]), Span.from_dict(data["original_span"]),
                   Span.from_dict(data["translation_span"]), data["reason"], tuple(data["evidence"]),
                   Span.from_dict(data.get("backtranslation_span")), data.get("bead"), data.get("confidence", 1.0))


# How much one finding of each severity, if sure, says the pair is wrong (for the pair's risk score).
RISK_WEIGHT = {"critical": 1.0, "major": 0.7, "minor": 0.2}


def risk_of(findings: tuple[Finding, ...]) -> float:
    """The pair's risk (0-1): a noisy-OR of its findings, each weighted by severity and confidence; more
    findings, worse ones or surer ones never lower it."""
    clear = 1.0
    for f in findings:
        clear *= 1.0 - RISK_WEIGHT[f.severity] * f.confidence
    return round(1.0 - clear, 4)


@dataclass(frozen=True, slots=True)
class Summary:
    """The verdict (worst severity found, or 'faithful'), counts by severity and the pair's risk score."""

    verdict: str
    counts: dict[str, int] = field(default_factory=dict)
    scores: Scores | None = None
    backtranslation: str = "skipped"
    risk: float = 0.0
    checks_not_run: tuple[str, ...] = ()

    @classmethod
    def of(cls, findings: tuple[Finding, ...], scores: Scores | None = None,
           backtranslation: str = "skipped", checks_not_run: tuple[str, ...] = ()) -> Summary:
        counts = {sev: sum(f.severity == sev for f in findings) for sev in SEVERITIES}
        worst = next((sev for sev in SEVERITIES if counts[sev]), None)
        return cls(worst or "faithful", counts, scores, backtranslation, risk_of(findings), checks_not_run)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"verdict": self.verdict, "counts": dict(self.counts),
                                "backtranslation": self.backtranslation, "risk": self.risk,
                                "checks_not_run": list(self.checks_not_run)}
        if self.scores is not None:
            data["scores"] = self.scores.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Summary:
        return cls(data["verdict"], dict(data["counts"]), Scores.from_dict(data.get("scores")),
                   data.get("backtranslation", "skipped"), data.get("risk", 0.0),
                   tuple(data.get("checks_not_run", ())))


@dataclass(frozen=True, slots=True)
class AuditReport:
    """Everything one audit found: the record that JSON, HTML, Markdown and the gate read."""

    signature: str
    original: Document
    translation: Document
    alignment: tuple[Bead, ...]
    findings: tuple[Finding, ...]
    summary: Summary
    schema_version: int = SCHEMA_VERSION
    gate: GateResult | None = None  # attached by gate.gated(): the policy's verdict and what it let through

    def to_dict(self) -> dict[str, Any]:
        data = {"schema_version": self.schema_version, "signature": self.signature,
                "original": self.original.to_dict(), "translation": self.translation.to_dict(),
                "alignment": [b.to_dict() for b in self.alignment],
                "findings": [f.to_dict() for f in self.findings],
                "summary": self.summary.to_dict()}
        return data if self.gate is None else {**data, "gate": self.gate.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AuditReport:
        return cls(data["signature"], Document.from_dict(data["original"]),
                   Document.from_dict(data["translation"]),
                   tuple(Bead.from_dict(b) for b in data["alignment"]),
                   tuple(Finding.from_dict(f) for f in data["findings"]),
                   Summary.from_dict(data["summary"]), data["schema_version"], _gate(data.get("gate")))


def _gate(data: dict[str, Any] | None) -> GateResult | None:
    from auditor.gate import GateResult  # the gate module reads records; imported here to avoid a cycle

    return None if data is None else GateResult.from_dict(data)
