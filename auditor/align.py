"""Align stage: monotonic DP over embeddings -> paragraph beads (1-1, 1-2, 2-1, 1-0, 0-1), then sentences."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from auditor.config import AuditConfig
from auditor.embed import Embed
from auditor.records import Bead, Document, Paragraph, Sentence, SentenceLink

LENGTH_WEIGHT = 1.0       # weight of |log length ratio| in a match's cost (Gale-Church's insight, on characters)
LENGTH_SMOOTHING = 20.0   # characters added before the log so very short items are not over-penalised
DILUTION_WEIGHT = 1.5     # cost per unit of similarity a 2-1/1-2 bead loses against its best single part
SENTENCE_SKIP_COST = 0.6  # sentences inside a bead are all on-topic, so an unmatched one must look clearly worse

# Moves: (original items consumed, translation items consumed)
MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
Pair = tuple[tuple[int, ...], tuple[int, ...], float | None]


def align_documents(original: Document, translation: Document, embed: Embed, config: AuditConfig) -> tuple[Bead, ...]:
    """Paragraph beads over content paragraphs, boilerplate kept as unmatched beads, sentences inside each."""
    source = original.content_paragraphs()
    target = translation.content_paragraphs()
    pairs = align_vectors(embed([p.text for p in source]), embed([p.text for p in target]),
                          _lengths(source), _lengths(target), config.skip_cost, config.merge_penalty, config.band)
    content = [(tuple(source[i].index for i in a), tuple(target[j].index for j in b), sim) for a, b, sim in pairs]
    beads = _with_boilerplate(content, original, translation)
    return tuple(Bead(a, b, sim, _align_sentences(a, b, original, translation, embed, config)) for a, b, sim in beads)


def align_vectors(a: np.ndarray, b: np.ndarray, len_a: np.ndarray, len_b: np.ndarray,
                  skip: float, merge_penalty: float, band: int) -> list[Pair]:
    """Minimum-cost monotonic path of beads: 1 - cosine plus a length-ratio term per match, `skip` per skip."""
    n, m = len(a), len(b)
    if n == 0 or m == 0:
        return [((i,), (), None) for i in range(n)] + [((), (j,), None) for j in range(m)]
    anchors = _anchors(a, b)
    windows = _band(anchors, n, m, band)
    ratio = _length_ratio(anchors, len_a, len_b)
    items = _Items(a, b, _normalise(a[:-1] + a[1:]), _normalise(b[:-1] + b[1:]),
                   np.log(len_a * ratio + LENGTH_SMOOTHING), np.log(len_b + LENGTH_SMOOTHING),
                   np.log(len_a[:-1] * ratio + len_a[1:] * ratio + LENGTH_SMOOTHING),
                   np.log(len_b[:-1] + len_b[1:] + LENGTH_SMOOTHING))
    cost = np.full((n + 1, m + 1), np.inf)
    move = np.zeros((n + 1, m + 1), dtype=np.int8)
    cost[0, 0] = 0.0
    for i in range(n + 1):
        lo, hi = windows[i]
        _fill_row(i, lo, hi, items, cost, move, skip, merge_penalty)
    return _trace(move, items)


class _Items(NamedTuple):
    """Vectors and log lengths of single items and of adjacent pairs (for 2-1 and 1-2 beads)."""

    a: np.ndarray
    b: np.ndarray
    merged_a: np.ndarray
    merged_b: np.ndarray
    log_a: np.ndarray
    log_b: np.ndarray
    log_merged_a: np.ndarray
    log_merged_b: np.ndarray


def _fill_row(i: int, lo: int, hi: int, items: _Items, cost: np.ndarray, move: np.ndarray,
              skip: float, penalty: float) -> None:
    """One DP row, vectorised over the band; the in-row 0-1 moves are a running minimum."""
    cols = np.arange(lo, hi + 1)
    best = np.full(len(cols), np.inf)
    best_move = np.zeros(len(cols), dtype=np.int8)
    if i == 0:
        best[cols == 0] = 0.0
    for code, (di, dj) in enumerate(MOVES):
        if code == 2 or i < di:
            continue
        ok = cols >= dj
        prev = np.full(len(cols), np.inf)
        prev[ok] = cost[i - di, cols[ok] - dj] + _move_cost(code, i, cols[ok], items, skip, penalty)
        better = prev < best
        best[better], best_move[better] = prev[better], code
    # 0-1 moves: cost[i, j] = min_k<=j best[k] + (j - k) * skip, with ties kept by the other moves.
    running = np.minimum.accumulate(best - cols * skip) + cols * skip
    from_left = running < best - 1e-9  # round-off must not turn a cell's own best into a spurious 0-1 move
    cost[i, lo:hi + 1] = np.where(from_left, running, best)
    move[i, lo:hi + 1] = np.where(from_left, 2, best_move)


def _move_cost(code: int, i: int, cols: np.ndarray, items: _Items, skip: float, penalty: float) -> np.ndarray:
    """Cost of reaching (i, cols) by one move; a match costs 1 - cosine + a length mismatch term."""
    if code == 1:
        return np.full(len(cols), skip)
    if code == 0:
        return _match(items.b[cols - 1] @ items.a[i - 1], items.log_b[cols - 1] - items.log_a[i - 1])
    if code == 3:
        sims = items.b[cols - 1] @ items.merged_a[i - 2]
        best_part = np.maximum(items.b[cols - 1] @ items.a[i - 2], items.b[cols - 1] @ items.a[i - 1])
        return _match(sims, items.log_b[cols - 1] - items.log_merged_a[i - 2]) + penalty + _dilution(sims, best_part)
    valid = cols >= 2
    out = np.full(len(cols), np.inf)
    vc = cols[valid]
    sims = items.merged_b[vc - 2] @ items.a[i - 1]
    best_part = np.maximum(items.b[vc - 2] @ items.a[i - 1], items.b[vc - 1] @ items.a[i - 1])
    out[valid] = _match(sims, items.log_merged_b[vc - 2] - items.log_a[i - 1]) + penalty + _dilution(sims, best_part)
    return out


def _dilution(merged: np.ndarray, best_part: np.ndarray) -> np.ndarray:
    # A real merge matches better than either part alone; "one part matched, the other dropped" matches worse.
    return DILUTION_WEIGHT * np.maximum(0.0, best_part - merged)


def _match(sims: np.ndarray, log_ratio: np.ndarray) -> np.ndarray:
    # The length term is what tells a real merge from "one paragraph matched, its neighbour dropped":
    # both look alike to the encoder, but only the merge has the combined length.
    return 1.0 - sims + LENGTH_WEIGHT * np.abs(log_ratio)


def _trace(move: np.ndarray, items: _Items) -> list[Pair]:
    i, j = move.shape[0] - 1, move.shape[1] - 1
    path: list[Pair] = []
    while i > 0 or j > 0:
        di, dj = MOVES[move[i, j]]
        src, tgt = tuple(range(i - di, i)), tuple(range(j - dj, j))
        vec_a = items.a[i - 1] if di == 1 else items.merged_a[i - 2] if di == 2 else None
        vec_b = items.b[j - 1] if dj == 1 else items.merged_b[j - 2] if dj == 2 else None
        sim = None if vec_a is None or vec_b is None else round(float(vec_a @ vec_b), 4)
        path.append((src, tgt, sim))
        i, j = i - di, j - dj
    return path[::-1]


def _length_ratio(anchors: list[tuple[int, int]], len_a: np.ndarray, len_b: np.ndarray) -> float:
    """Translation/original length ratio of this text pair, from anchors so omissions do not skew it."""
    if not anchors:
        return 1.0
    return float(np.median([len_b[j] / max(len_a[i], 1.0) for i, j in anchors]))


def _band(anchors: list[tuple[int, int]], n: int, m: int, band: int) -> list[tuple[int, int]]:
    """Per-row column window around a path through mutual-best anchors, so DP work grows ~linearly."""
    rows = np.arange(n + 1)
    points_i = np.array([0, *(i + 1 for i, _ in anchors), n])
    points_j = np.array([0, *(j + 1 for _, j in anchors), m])
    center = np.interp(rows, points_i, points_j)
    # A window must reach both neighbours' centres so long runs of additions stay inside the band.
    lo = np.minimum(center, np.r_[center[0], center[:-1]]) - band
    hi = np.maximum(center, np.r_[center[1:], center[-1]]) + band
    return [(int(max(0, np.floor(l))), int(min(m, np.ceil(h)))) for l, h in zip(lo, hi)]


def _anchors(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    """Mutual nearest neighbours, kept only where they form an increasing chain (longest one)."""
    sims = a @ b.T
    best_b, best_a = sims.argmax(axis=1), sims.argmax(axis=0)
    mutual = [(i, int(j)) for i, j in enumerate(best_b) if best_a[j] == i]
    return _longest_increasing(mutual)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain with both coordinates increasing (pairs arrive sorted by the first)."""
    import bisect

    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        parent[k] = tail_index[pos - 1] if pos else -1
        if pos == len(tails):
            tails.append(j), tail_index.append(k)
        else:
            tails[pos], tail_index[pos] = j, k
    chain, k = [], tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = parent[k]
    return chain[::-1]


def _lengths(items: list[Paragraph] | list[Sentence]) -> np.ndarray:
    return np.array([len(item.text) for item in items], dtype=np.float64)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


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


def _align_sentences(orig: tuple[int, ...], trans: tuple[int, ...], original: Document,
                     translation: Document, embed: Embed, config: AuditConfig) -> tuple[SentenceLink, ...]:
    """Sentence links inside one bead (global sentence indices)."""
    if not orig or not trans:
        return ()
    source = [s for p in orig for s in original.sentences_of(p)]
    target = [s for p in trans for s in translation.sentences_of(p)]
    pairs = align_vectors(embed([s.text for s in source]), embed([s.text for s in target]),
                          _lengths(source), _lengths(target), SENTENCE_SKIP_COST, config.merge_penalty,
                          max(len(source), len(target)))
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
    texts = [" ".join(original.sentences[i].text for i in source), " ".join(translation.sentences[j].text for j in target)]
    vectors = embed(texts)
    similarity = round(float(vectors[0] @ vectors[1]), 4)
    return SentenceLink(source, target, similarity) if similarity >= link.similarity else None
