"""Align stage: paragraph beads (1-1, 1-2, 2-1, 1-0, 0-1) over content paragraphs, then sentences inside each."""

from __future__ import annotations

from auditor.align_sentences import align_sentences
from auditor.config import AuditConfig
from auditor.documents import Document
from auditor.dp import Pair, align_vectors, lengths
from auditor.embed import Embed
from auditor.errors import AuditError
from auditor.records import Bead

# Two different stories on one topic (seed reposts of other agencies' Ukraine stories) match 2-4 of 20 paragraphs
# at this similarity; a translation, even truncated or distorted, matches nearly every paragraph of its shorter side.
SAME_ARTICLE_SIMILARITY = 0.5
SAME_ARTICLE_SHARE = 0.5
SAME_ARTICLE_MIN_PARAGRAPHS = 3  # below this a short text is judged by the detectors, not refused


def align_documents(original: Document, translation: Document, embed: Embed, config: AuditConfig) -> tuple[Bead, ...]:
    """Paragraph beads over content paragraphs, boilerplate kept as unmatched beads, sentences inside each."""
    source = original.content_paragraphs()
    target = translation.content_paragraphs()
    pairs = align_vectors(embed([p.text for p in source]), embed([p.text for p in target]),
                          lengths(source), lengths(target), config.skip_cost, config.merge_penalty, config.band)
    content = [(tuple(source[i].index for i in a), tuple(target[j].index for j in b), sim) for a, b, sim in pairs]
    _check_same_article(content, len(source), len(target), translation.path)
    beads = _with_boilerplate(content, original, translation)
    return tuple(Bead(a, b, sim, align_sentences(a, b, original, translation, embed, config)) for a, b, sim in beads)


def _check_same_article(content: list[Pair], n_source: int, n_target: int, path: str) -> None:
    """Refuse two different articles: their audit would be a page of false distortions, not an answer."""
    shorter = min(n_source, n_target)
    close = sum(len(a) for a, b, sim in content if a and b and sim is not None and sim >= SAME_ARTICLE_SIMILARITY)
    if shorter >= SAME_ARTICLE_MIN_PARAGRAPHS and close < SAME_ARTICLE_SHARE * shorter:
        raise AuditError(f"does not look like a translation or repost of the original: only {close} of the "
                         f"original's {n_source} content paragraphs have a close counterpart (encoder similarity "
                         f">= {SAME_ARTICLE_SIMILARITY}); a translation matches nearly all of them", path)


def _with_boilerplate(content: list[Pair], original: Document, translation: Document) -> list[Pair]:
    """Put boilerplate paragraphs back in reading order as unmatched beads (never findings)."""
    pending_a = [p.index for p in original.paragraphs if p.boilerplate]
    pending_b = [p.index for p in translation.paragraphs if p.boilerplate]
    out: list[Pair] = []
    for bead in [*content, ((len(original.paragraphs),), (len(translation.paragraphs),), None)]:
        first_a = bead[0][0] if bead[0] else None
        first_b = bead[1][0] if bead[1] else None
        while pending_a and (first_a is not None and pending_a[0] < first_a):
            out.append(((pending_a.pop(0),), (), None))
        while pending_b and (first_b is not None and pending_b[0] < first_b):
            out.append(((), (pending_b.pop(0),), None))
        out.append(bead)
    return out[:-1]
