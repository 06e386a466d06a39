"""Word lists as memory-mapped tries under the cache, so a fresh process does not rebuild them.

simplemma decompresses and decodes a language's whole lemma dictionary on its first lookup (~0.4 s a language) and
wordfreq builds a dict of its whole frequency list (~0.2 s a language): most of a single audit's cold start. The
first use of a language stores both as MARISA tries (simplemma's own TrieDictionaryFactory for the lemmas, a
RecordTrie of frequency bands for wordfreq); later processes map them in milliseconds and worker processes share
the pages. The store is keyed by the libraries' versions and is only ever a shortcut: where the cache cannot be
written, the tries are built in memory.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
MIN_FREQUENCY = 1e-9  # zipf_frequency's floor: Zipf 0, an unknown word
# Languages whose wordfreq preprocessing goes beyond case folding and NFC/NFKC (Turkic dotted i, Romanian comma
# letters, Serbian transliteration, abjad marks and tatweel, spaceless scripts): their words always take the
# tokenizer's path. Korean is not among them: wordfreq tokenizes it with MeCab, which it does not install, so a
# Korean word is looked up whole or not at all.
SPECIAL_PREPROCESSING = frozenset({"tr", "az", "ro", "sr", "ar", "fa", "he", "ur", "ja", "zh", "th", "my"})


@cache
def lemmatizer() -> Any:
    """A simplemma Lemmatizer whose dictionaries are tries in the cache."""
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_trie_factory()))


def zipf(word: str, language: str) -> float:
    """wordfreq's zipf_frequency(word, language), read from the stored list. A word already in wordfreq's normal
    form (letters only, case-folded, NFKC, in a language without special preprocessing) is its own only token and
    is looked up directly, without importing wordfreq (~0.15 s); any other word goes through wordfreq's tokenizer.
    Either way wordfreq's rule combines the tokens (1/f = 1/f1 + 1/f2 ..., digits smashed)."""
    bands = _frequency_bands(language)
    if _normal_form(word, language):
        found = bands.get(word)
        return _zipf_of([_frequency(found[0][0])]) if found else 0.0
    from wordfreq import digit_freq, lossy_tokenize, smash_numbers

    frequencies = []
    for token in lossy_tokenize(word, language):
        found = bands.get(smash_numbers(token))
        if not found:
            return 0.0
        frequencies.append(_frequency(found[0][0]) * (digit_freq(token) if smash_numbers(token) != token else 1.0))
    return _zipf_of(frequencies)


def _normal_form(word: str, language: str) -> bool:
    return word.isalpha() and word == word.casefold() and unicodedata.is_normalized("NFKC", word) \
        and language not in SPECIAL_PREPROCESSING


def _frequency(band: int) -> float:
    return 10 ** (-band / 100)  # wordfreq.cB_to_freq: band b is -b centibels


def _zipf_of(frequencies: list[float]) -> float:
    """wordfreq's combination of token frequencies, rounded as it rounds (3 significant digits, then Zipf to 2)."""
    if not frequencies:
        return 0.0
    frequency = max(1.0 / sum(1.0 / f for f in frequencies), MIN_FREQUENCY)
    rounded = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
    return round(math.log(rounded, 10) + 9, 2)


def _folder(library: str) -> Path:
    from importlib.metadata import version

    from auditor.models import cache_dir

    return cache_dir() / "words" / f"{library}-{version(library)}"


def _trie_factory() -> Any:
    from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory

    class AtomicTrieFactory(TrieDictionaryFactory):
        """simplemma's trie store, written through a temporary file so that a parallel worker never maps half."""

        def _write_trie_to_disk(self, lang: str, trie: Any) -> None:
            _save_atomically(trie, self._cache_dir / f"{lang}.dic")

    return AtomicTrieFactory(disk_cache_dir=str(_folder("simplemma")))


@cache
def _frequency_bands(language: str) -> Any:
    """word -> ((band,),) where band b is a frequency of 10^(-b/100): wordfreq's list as a RecordTrie."""
    import marisa_trie

    path = _folder("wordfreq") / f"{language}.bands"
    if path.exists():
        try:
            return marisa_trie.RecordTrie("<H").mmap(str(path))
        except Exception:  # damaged (marisa raises a bare RuntimeError or an OSError): rebuilt below
            log.warning("rebuilding the damaged frequency store %s", path)
    from wordfreq import get_frequency_list

    band_of = {word: band for band, words in enumerate(get_frequency_list(language)) for word in words}
    trie = marisa_trie.RecordTrie("<H", ((word, (band,)) for word, band in band_of.items()))
    try:
        _save_atomically(trie, path)
    except OSError as error:
        log.warning("frequency store not written (%s): the list is rebuilt in every process", error)
    return trie


def _save_atomically(trie: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(handle)
    try:
        trie.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
