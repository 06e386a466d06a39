"""Embed stage: multilingual sentence embeddings (USE-multilingual-v3), cached per text within a run."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np

# texts -> (len(texts), dim) float32 array of L2-normalised vectors
Embed = Callable[[Sequence[str]], np.ndarray]
DIMENSION = 512  # USE-multilingual-v3's vectors


@cache
def load_encoder(threads: int | None = None) -> Embed:
    """USE-multilingual-v3 (numpy, offline), loaded once per process, with a cache so no text is encoded twice."""
    return cached(encoder_model(threads).encode)


@cache
def encoder_model(threads: int | None = None) -> Any:
    """The encoder itself, loaded once per process (from the fast store after the first run: encoder_store.py)."""
    from auditor.config import usable_cpus
    from auditor.encoder_store import load_model

    return load_model(threads or usable_cpus())


def cached(encode: Callable[[list[str]], np.ndarray]) -> Embed:
    """Wrap an encoder so each distinct text is encoded once, in one batch per call. The vectors live in one
    growing matrix, so a call returns its rows in one indexing step (an audit makes tens of thousands of calls;
    stacking each text's own array was 5% of a large audit)."""
    rows: dict[str, int] = {}
    matrix = np.zeros((0, 0), dtype=np.float32)

    def embed(texts: Sequence[str]) -> np.ndarray:
        nonlocal matrix
        missing = [t for t in dict.fromkeys(texts) if t not in rows]
        if missing:
            # Encoding in length order keeps padding (and wasted work) small.
            ordered = sorted(missing, key=len)
            encoded = np.asarray(encode(ordered), dtype=np.float32)
            if len(rows) + len(ordered) > len(matrix):
                grown = np.zeros((max(2 * len(matrix), len(rows) + len(ordered), 1024), encoded.shape[1]),
                                 dtype=np.float32)
                if rows:
                    grown[:len(rows)] = matrix[:len(rows)]
                matrix = grown
            for text, vector in zip(ordered, encoded, strict=True):
                matrix[len(rows)] = vector / max(float(np.linalg.norm(vector)), 1e-12)
                rows[text] = len(rows)
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        return matrix[[rows[t] for t in texts]]

    return embed
