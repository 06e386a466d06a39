"""Monotonic dynamic programming over embeddings: the bead path shared by paragraph and sentence alignment."""

from __future__ import annotations

import bisect
from typing import NamedTuple

import numpy as np

from auditor.documents import Paragraph, Sentence

LENGTH_WEIGHT = 1.0       # weight of |log length ratio| in a match's cost (Gale-Church's insight, on characters)
LENGTH_SMOOTHING = 20.0   # characters added before the log so very short items are not over-penalised
DILUTION_WEIGHT = 1.5     # cost per unit of similarity a 2-1/1-2 bead loses against its best single part
ANCHOR_BLOCK = 1024       # rows of similarities computed at once when looking for anchors

# Moves: (original items consumed, translation items consumed)
MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
Pair = tuple[tuple[int, ...], tuple[int, ...], float | None]


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
    cost, move = _Banded(windows, np.inf, np.float64), _Banded(windows, 0, np.int8)
    for i in range(n + 1):
        lo, hi = windows[i]
        _fill_row(i, lo, hi, items, cost, move, skip, merge_penalty)
    return _trace(move, items, n, m)


class _Banded:
    """A DP table kept only inside each row's window (elsewhere it reads as `fill`): memory grows with the band,
    not with n x m, so 15,000 paragraphs a side need megabytes, not gigabytes."""

    def __init__(self, windows: list[tuple[int, int]], fill: float, dtype: type) -> None:
        self.lo = [lo for lo, _ in windows]
        self.rows = [np.full(hi - lo + 1, fill, dtype=dtype) for lo, hi in windows]
        self.fill = fill

    def get(self, i: int, cols: np.ndarray) -> np.ndarray:
        row, k = self.rows[i], cols - self.lo[i]
        inside = (k >= 0) & (k < len(row))
        out = np.full(len(cols), self.fill, dtype=row.dtype)
        out[inside] = row[k[inside]]
        return out

    def at(self, i: int, j: int) -> float:
        k = j - self.lo[i]
        return self.rows[i][k] if 0 <= k < len(self.rows[i]) else self.fill


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


def _fill_row(i: int, lo: int, hi: int, items: _Items, cost: _Banded, move: _Banded,
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
        prev[ok] = cost.get(i - di, cols[ok] - dj) + _move_cost(code, i, cols[ok], items, skip, penalty)
        better = prev < best
        best[better], best_move[better] = prev[better], code
    # 0-1 moves: cost[i, j] = min_k<=j best[k] + (j - k) * skip, with ties kept by the other moves.
    running = np.minimum.accumulate(best - cols * skip) + cols * skip
    from_left = running < best - 1e-9  # round-off must not turn a cell's own best into a spurious 0-1 move
    cost.rows[i][:] = np.where(from_left, running, best)
    move.rows[i][:] = np.where(from_left, 2, best_move)


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


def _trace(move: _Banded, items: _Items, n: int, m: int) -> list[Pair]:
    i, j = n, m
    path: list[Pair] = []
    while i > 0 or j > 0:
        di, dj = MOVES[int(move.at(i, j))]
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
    return [(int(max(0, np.floor(low))), int(min(m, np.ceil(high)))) for low, high in zip(lo, hi, strict=True)]


def _anchors(a: np.ndarray, b: np.ndarray) -> list[tuple[int, int]]:
    """Mutual nearest neighbours, kept only where they form an increasing chain (longest one)."""
    best_b, best_a = _nearest(a, b)
    mutual = [(i, int(j)) for i, j in enumerate(best_b) if best_a[j] == i]
    return _longest_increasing(mutual)


def _nearest(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each row's most similar column and each column's most similar row (the first on ties), a block of rows
    at a time: the n x m similarities are never held at once (15,000 a side would be 900 MB)."""
    best_b = np.empty(len(a), dtype=np.int64)
    best_a, top = np.zeros(len(b), dtype=np.int64), np.full(len(b), -np.inf)
    for start in range(0, len(a), ANCHOR_BLOCK):
        sims = a[start:start + ANCHOR_BLOCK] @ b.T
        best_b[start:start + len(sims)] = sims.argmax(axis=1)
        rows, values = sims.argmax(axis=0), sims.max(axis=0)
        better = values > top  # strictly: an earlier block keeps a tie, as argmax over all rows would
        best_a[better], top[better] = rows[better] + start, values[better]
    return best_b, best_a


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain with both coordinates increasing (pairs arrive sorted by the first)."""
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


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


def lengths(items: list[Paragraph] | list[Sentence]) -> np.ndarray:
    return np.array([len(item.text) for item in items], dtype=np.float64)
