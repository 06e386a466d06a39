"""Back-translation and scores joined to the alignment: each bead gets its back-translation and sacrebleu scores."""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from auditor.backtranslate import PARAGRAPH_JOIN, Engine, backtranslate_document, bead_backtranslation
from auditor.documents import Document, Span
from auditor.records import Bead, Scores
from auditor.score import score_article, score_pair, sentence_chrf_score


def backtranslate_beads(translation: Document, beads: tuple[Bead, ...],
                        engine: Engine) -> tuple[tuple[Bead, ...], dict[int, Span], int]:
    """Beads with their back-translation text, where each translation sentence's back-translation lies in it, and
    how many sentences were too long for the model and were translated in pieces."""
    backs = backtranslate_document(translation, engine)
    spans: dict[int, Span] = {}
    out = []
    for bead in beads:
        if not bead.translation or not bead.original:
            out.append(bead)
            continue
        text, bead_spans = bead_backtranslation(translation, bead.translation, backs)
        spans.update(bead_spans)
        out.append(replace(bead, backtranslation=text))
    return tuple(out), spans, sum(back.split_sentences for back in backs)


def score_beads(original: Document, translation: Document, beads: tuple[Bead, ...],
                same_language: bool) -> tuple[tuple[Bead, ...], Scores]:
    """Per-bead and article scores: the back-translation (or, same language, the translation) against the original."""
    scored, hypotheses, references = [], [], []
    for bead in beads:
        reference = _text(original, bead.original)
        hypothesis = _text(translation, bead.translation) if same_language else (bead.backtranslation or "")
        if not _content(original, bead.original) and not _content(translation, bead.translation):
            scored.append(bead)  # boilerplate: nothing to score
            continue
        scores = score_pair(hypothesis, reference, bead.similarity) if (same_language or bead.backtranslation) \
            else Scores(similarity=bead.similarity)
        scored.append(replace(bead, scores=scores))
        hypotheses.append(hypothesis)
        references.append(reference)
    similarities = [b.similarity for b in beads if b.similarity is not None]
    mean = round(float(np.mean(similarities)), 4) if similarities else None
    if not same_language and not any(b.backtranslation for b in beads):
        return tuple(scored), Scores(similarity=mean)
    return tuple(scored), score_article(hypotheses, references, mean)


def sentence_chrf(original: Document, beads: tuple[Bead, ...], spans: dict[int, Span]) -> dict[int, float]:
    """chrF of each sentence link's back-translation against its original sentences, keyed by translation sentence."""
    out = {}
    for bead in beads:
        for link in bead.sentences:
            if link.original and link.translation and all(j in spans for j in link.translation):
                back = " ".join(spans[j].text for j in link.translation)
                reference = " ".join(original.sentences[i].text for i in link.original)
                if back.strip() and reference.strip():
                    out[link.translation[0]] = sentence_chrf_score(back, reference)
    return out


def _text(document: Document, indices: tuple[int, ...]) -> str:
    return PARAGRAPH_JOIN.join(document.paragraphs[i].text for i in indices)


def _content(document: Document, indices: tuple[int, ...]) -> bool:
    return any(not document.paragraphs[i].boilerplate for i in indices)
