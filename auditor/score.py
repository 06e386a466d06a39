"""Fidelity scores: sacrebleu chrF2, BLEU (effective order) and TER of the back-translation against the
original, with the encoder's cross-lingual similarity, per aligned pair and per article."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from auditor.records import Scores

DIGITS = 2  # sacrebleu prints two decimals; more would only be noise in a report


def _metrics() -> tuple[Any, Any, Any]:
    """chrF2, BLEU and TER, configured only through their constructors (sacrebleu's defaults otherwise)."""
    from sacrebleu.metrics import BLEU, CHRF, TER
    return CHRF(), BLEU(effective_order=True), TER()


def score_pair(backtranslation: str, original: str, similarity: float | None = None) -> Scores:
    """Sentence-level scores of one aligned pair; the MT metrics are None when either side is empty."""
    if not backtranslation.strip() or not original.strip():
        return Scores(similarity=similarity)
    chrf, bleu, ter = (m.sentence_score(backtranslation, [original]).score for m in _metrics())
    return Scores(round(chrf, DIGITS), round(bleu, DIGITS), round(ter, DIGITS), similarity)


def sentence_chrf_score(hypothesis: str, reference: str) -> float:
    """chrF2 alone, for the many sentence-level looks where BLEU and TER would be thrown away."""
    from sacrebleu.metrics import CHRF
    return round(CHRF().sentence_score(hypothesis, [reference]).score, DIGITS)


def score_article(backtranslations: Sequence[str], originals: Sequence[str],
                  similarity: float | None = None) -> Scores:
    """Corpus-level scores over all aligned pairs; omitted or added paragraphs (one side empty) count."""
    if len(backtranslations) != len(originals):
        raise ValueError(f"{len(backtranslations)} back-translations for {len(originals)} originals")
    if not any(t.strip() for t in backtranslations) or not any(t.strip() for t in originals):
        return Scores(similarity=similarity)
    refs = [list(originals)]
    chrf, bleu, ter = (m.corpus_score(list(backtranslations), refs).score for m in _metrics())
    return Scores(round(chrf, DIGITS), round(bleu, DIGITS), round(ter, DIGITS), similarity)


def metric_signatures() -> str:
    """The sacrebleu signatures of the three metrics, for the report signature."""
    parts = []
    for metric in _metrics():
        metric.corpus_score(["x"], [["x"]])  # sacrebleu knows the reference count only after a score
        parts.append(f"{_name(metric)}({metric.get_signature()})")
    return "metrics:" + "|".join(parts)


def _name(metric: Any) -> str:
    name = type(metric).__name__
    return f"chrF{metric.beta}" if name == "CHRF" else name
