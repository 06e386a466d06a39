"""Embed stage: multilingual sentence embeddings (USE-multilingual-v3), cached per text within a run."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import numpy as np

# texts -> (len(texts), dim) float32 array of L2-normalised vectors
Embed = Callable[[Sequence[str]], np.ndarray]


@cache
def load_encoder(threads: int | None = None) -> Embed:
    """USE-multilingual-v3 (numpy, offline), loaded once per process, with a cache so no text is encoded twice."""
    return cached(encoder_model(threads).encode)


@cache
def encoder_model(threads: int | None = None) -> Any:
    """The encoder itself, loaded once per process (from the fast store after the first run: encoder_store.py)."""
    from auditor.encoder_store import load_model

    return load_model(threads or usable_cpus())


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def cached(encode: Callable[[list[str]], np.ndarray]) -> Embed:
    """Wrap an encoder so each distinct text is encoded once, in one batch per call."""
    vectors: dict[str, np.ndarray] = {}

    def embed(texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in vectors]
        if missing:
            # Encoding in length order keeps padding (and wasted work) small.
            ordered = sorted(missing, key=len)
            for text, vector in zip(ordered, np.asarray(encode(ordered), dtype=np.float32), strict=True):
                vectors[text] = vector / max(float(np.linalg.norm(vector)), 1e-12)
        if not texts:
            return np.zeros((0, 512), dtype=np.float32)
        return np.stack([vectors[t] for t in texts])

    return embed
