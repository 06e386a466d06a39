"""Sentence alignment inside one paragraph bead: the same DP on sentence embeddings, then re-segmentation repair."""

from __future__ import annotations

from auditor.config import AuditConfig
from auditor.documents import Document
from auditor.dp import align_vectors, lengths
from auditor.embed import Embed
from auditor.records import SentenceLink

SENTENCE_SKIP_COST = 0.6  # sentences inside a bead are all on-topic, so an unmatched one must look clearly worse
# Half-width of the sentence DP's band: a bead of up to this many sentences is aligned without any band; one
# paragraph of thousands of sentences (a page without blank lines) costs linear, not quadratic, time and memory.
SENTENCE_BAND = 200


def align_sentences(orig: tuple[int, ...], trans: tuple[int, ...], original: Document,
                     translation: Document, embed: Embed, config: AuditConfig) -> tuple[SentenceLink, ...]:
    """Sentence links inside one bead (global sentence indices)."""
    if not orig or not trans:
        return ()
    source = [s for p in orig for s in original.sentences_of(p)]
    target = [s for p in trans for s in translation.sentences_of(p)]
    pairs = align_vectors(embed([s.text for s in source]), embed([s.text for s in target]),
                          lengths(source), lengths(target), SENTENCE_SKIP_COST, config.merge_penalty,
                          min(max(len(source), len(target)), SENTENCE_BAND))
    links = [SentenceLink(tuple(source[i].index for i in a), tuple(target[j].index for j in b), sim)
             for a, b, sim in pairs]
    return tuple(_absorb_resegmented(links, original, translation, embed))


def _absorb_resegmented(links: list[SentenceLink], original: Document, translation: Document,
                        embed: Embed) -> list[SentenceLink]:
    """Join an unmatched sentence to a neighbouring link when that makes the link no less similar.

    The two texts often cut sentences differently (a quote split in two); that is not an omission.
    """
    out = list(links)
    k = 0
    while k < len(out):
        lonely = out[k]
        if lonely.original and lonely.translation:
            k += 1
            continue
        for n in (k - 1, k + 1):
            joined = _joined(out[n], lonely, original, translation, embed) if 0 <= n < len(out) else None
            if joined is not None:
                out[min(k, n)] = joined
                del out[max(k, n)]
                k = min(k, n)
                break
        else:
            k += 1
    return out


def _joined(link: SentenceLink, lonely: SentenceLink, original: Document, translation: Document,
            embed: Embed) -> SentenceLink | None:
    if not link.original or not link.translation or link.similarity is None:
        return None
    source = tuple(sorted((*link.original, *lonely.original)))
    target = tuple(sorted((*link.translation, *lonely.translation)))
    texts = [" ".join(original.sentences[i].text for i in source),
             " ".join(translation.sentences[j].text for j in target)]
    vectors = embed(texts)
    similarity = round(float(vectors[0] @ vectors[1]), 4)
    return SentenceLink(source, target, similarity) if similarity >= link.similarity else None
