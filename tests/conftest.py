"""Shared fixtures: the real encoder (loaded once), the seed articles, and fake embeddings for fast tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pytest

# The tiny-MarianMT fixtures (tiny, home) live with the code that builds the models.
pytest_plugins = ["tiny_marian"]

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def encoder() -> Callable[[Sequence[str]], np.ndarray]:
    """USE-m3 through auditor.embed.load_encoder(), shared by the few tests that need real embeddings."""
    from auditor.embed import load_encoder

    return load_encoder()


@pytest.fixture
def seeds() -> Path:
    """The real seed articles in ../shared/seeds (skips when that folder is absent)."""
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds not present")
    return SEEDS


def basis(n: int, dim: int = 64, seed: int = 0) -> np.ndarray:
    """n unit vectors: exactly orthogonal when n <= dim, random (near-orthogonal) otherwise."""
    rng = np.random.default_rng(seed)
    if n <= dim:
        q, _ = np.linalg.qr(rng.standard_normal((dim, n)))
        return q.T.copy()
    vectors = rng.standard_normal((n, dim))
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def fake_embed(groups: Sequence[Sequence[str]]) -> Callable[[Sequence[str]], np.ndarray]:
    """An `embed` callable giving every text of groups[k] the k-th basis vector.

    Any other text (the single words and leave-one-out variants the content alignment embeds) gets the zero
    vector: related to nothing, so only identical spellings link words and no removal gains similarity.
    """
    vectors = basis(len(groups), dim=max(64, len(groups)))
    lookup = {text: vectors[k] for k, group in enumerate(groups) for text in group}
    zero = np.zeros(vectors.shape[1])

    def embed(texts: Sequence[str]) -> np.ndarray:
        return np.stack([lookup.get(t, zero) for t in texts]) if texts else np.zeros((0, vectors.shape[1]))

    return embed
