"""Embed stage: cached() encodes each distinct text once and returns unit vectors in input order."""

from __future__ import annotations

import numpy as np
import pytest

from auditor.embed import cached

RAW = {"Hello.": [3.0, 4.0, 0.0], "Ciao a tutti.": [0.0, 0.0, 2.0], "Hi": [1.0, 1.0, 1.0]}
UNIT = {text: np.array(v) / np.linalg.norm(v) for text, v in RAW.items()}


class CountingEncoder:
    """A fake encoder that records every batch it is asked to encode."""

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.batches.append(list(texts))
        return np.array([RAW[t] for t in texts])


@pytest.mark.parametrize(("calls", "batches"), [
    ([["Hello.", "Hi", "Hello."]], [["Hi", "Hello."]]),
    ([["Hello."], ["Hello.", "Hi"], ["Hi", "Hello."]], [["Hello."], ["Hi"]]),
    ([["Ciao a tutti.", "Hello.", "Hi"], ["Hi"]], [["Hi", "Hello.", "Ciao a tutti."]]),
    ([[], ["Hi", "Hi", "Hi"]], [["Hi"]]),
])
def test_each_text_is_encoded_once(calls: list[list[str]], batches: list[list[str]]) -> None:
    encoder = CountingEncoder()
    embed = cached(encoder)
    for texts in calls:
        vectors = embed(texts)
        assert vectors.shape == (len(texts), 3 if texts else 512)
        assert vectors.dtype == np.float32
        for vector, text in zip(vectors, texts, strict=True):
            np.testing.assert_allclose(vector, UNIT[text], rtol=1e-6)
    assert encoder.batches == batches


def test_vectors_are_unit_length() -> None:
    vectors = cached(CountingEncoder())(list(RAW))
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-6)


def test_two_caches_do_not_share() -> None:
    first, second = CountingEncoder(), CountingEncoder()
    cached(first)(["Hi"])
    cached(second)(["Hi"])
    assert first.batches == second.batches == [["Hi"]]


def test_real_encoder_is_multilingual(encoder) -> None:
    vectors = encoder(["The port is closed.", "Il porto è chiuso.", "Bananas are yellow."])
    assert vectors.shape == (3, 512)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-5)
    assert float(vectors[0] @ vectors[1]) > float(vectors[0] @ vectors[2]) + 0.3
