"""The word store: lemmas and Zipf frequencies read from tries under the cache equal simplemma's and wordfreq's own."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from auditor import word_store

# Forms that take wordfreq's tokenizer path: capitals, digits, apostrophes, hyphens, ligatures, German sharp s.
AWKWARD = ["Straße", "STRASSE", "1990s", "3,5", "COVID-19", "l'assenza", "aujourd'hui", "e-mail", "ﬁnal", "naïve",
           "", "İstanbul", "ıspanak", "Ⅻ", "it's", "23:00", "x" * 300]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("AUDITOR_HOME", str(tmp_path))
    word_store.lemmatizer.cache_clear()
    word_store._frequency_bands.cache_clear()
    yield tmp_path
    word_store.lemmatizer.cache_clear()
    word_store._frequency_bands.cache_clear()


@pytest.mark.parametrize("language", ["en", "it", "de", "fr", "ru", "tr", "ar"])
def test_zipf_is_wordfreqs_for_common_rare_and_awkward_words(home: Path, language: str) -> None:
    import wordfreq

    common = list(itertools.islice(wordfreq.iter_wordlist(language), 0, 40000, 40))
    words = [v for w in common + AWKWARD for v in (w, w.capitalize(), w.upper())] + ["qzxvbnw", "Qzxvbnw"]
    assert [word_store.zipf(w, language) for w in words] == [wordfreq.zipf_frequency(w, language) for w in words]
    assert word_store.zipf("qzxvbnw", language) == 0.0


def test_lemmas_are_simplemmas(home: Path) -> None:
    import simplemma

    words = {"it": ["dicevano", "accolti", "Roma", "porti"], "en": ["said", "ports", "welcomed", "Halden"],
             "de": ["Häfen", "sagte", "Gewerkschaften"]}
    for language, forms in words.items():
        assert [word_store.lemmatizer().lemmatize(w, lang=language) for w in forms] == \
            [simplemma.lemmatize(w, lang=language) for w in forms]


def test_the_second_process_reads_the_stored_tries(home: Path) -> None:
    first = word_store.zipf("porto", "it"), word_store.lemmatizer().lemmatize("dicevano", lang="it")
    assert sorted(p.name for p in home.glob("words/*/*")) == ["it.bands", "it.dic"]
    word_store.lemmatizer.cache_clear()
    word_store._frequency_bands.cache_clear()
    stored = (home / "words").glob("*/it.*")
    mtimes = {p: p.stat().st_mtime_ns for p in stored}
    assert (word_store.zipf("porto", "it"), word_store.lemmatizer().lemmatize("dicevano", lang="it")) == first
    assert {p: p.stat().st_mtime_ns for p in mtimes} == mtimes  # read back, not rebuilt


def test_a_damaged_store_is_rebuilt(home: Path) -> None:
    expected = word_store.zipf("porto", "it")
    bands = next(home.glob("words/wordfreq-*/it.bands"))
    bands.write_bytes(b"not a trie")
    word_store._frequency_bands.cache_clear()
    assert word_store.zipf("porto", "it") == expected
    assert bands.stat().st_size > 1000


def test_an_unwritable_cache_only_costs_time(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AUDITOR_HOME", "/proc/no-such-place")
    assert word_store.zipf("porto", "it") > 4
    assert word_store.lemmatizer().lemmatize("dicevano", lang="it") == "dire"


def test_korean_words_are_looked_up_without_wordfreqs_mecab_tokenizer() -> None:
    """wordfreq tokenizes Korean with MeCab, which it does not install: a bare word is still found, and a form
    that would need the tokenizer reads as unknown instead of stopping the audit."""
    from auditor.detect.content import zipf

    assert zipf("대통령", "ko") > 3
    assert zipf("3월에", "ko") == 0.0
