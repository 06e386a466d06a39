"""Content alignment: every word of each side of a sentence link, linked to its best counterpart, with a score.

One mechanism under the word-level detectors. A word's *support* is how well the other side accounts for it:
1.0 for the same word (case, accents and transliteration aside), the fuzzy spelling ratio for a near spelling
(an inflected name, a cognate), else the cosine of the two words' encoder vectors (USE-m3 embeds single words
across languages: black/noir 0.93, hospital/Krankenhaus 0.88, against ~0.3-0.5 for unrelated words). A word is
compared with every word of the other side and with every pair of adjacent words there (a compound or a phrase:
Bundesstaaten / federal states). Chinese and Japanese have no spaces: their side is read as character n-grams.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from auditor.detect.units import Side, Unit
from auditor.embed import Embed

UNSPACED = frozenset({"ja", "zh", "th"})
CJK_NGRAMS = (1, 2, 3)          # character n-grams that stand for the words of an unspaced side
SPELLING_FLOOR = 0.8            # a fuzzy spelling ratio below this says nothing (Kyiv/Kharkiv 0.55)
MIN_SPELLING_CHARS = 4          # shorter words are compared exactly: "SPD"/"CDU" are not near spellings
NOUN_NAME_ZIPF = 1.5            # German: a capitalised word rarer than this is a name, not an inflected noun
COMPOUND_ZIPF = 3.5             # the last part of a compound noun is at least this frequent on its own
COMMON_ZIPF = 3.0               # wordfreq Zipf: 3 is about once per million words; rarer is a name or a term
# Hyphens split words (Massai-Stadt: the name is a word of its own); apostrophes and inner dots do not.
WORD = re.compile(r"[^\W\d_]+(?:['\u2019.][^\W\d_]+)*\.?", re.UNICODE)
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
POSSESSIVE = re.compile(r"['\u2019]s$|['\u2019]$")


@dataclass(frozen=True, slots=True)
class Word:
    """A word of one side: position in the side's text, and what kind of word it is."""

    start: int
    end: int
    text: str
    content: bool       # not a stopword of its language
    capitalised: bool   # upper-case initial away from the start of the sentence
    common: bool        # a frequent word of its language (a name when rare and capitalised)
    language: str = ""

    @property
    def key(self) -> str:
        return spelling(self.text)


@dataclass(frozen=True, slots=True)
class WordLink:
    """The best counterpart of a word on the other side (index into the other side's words) and its support."""

    word: int
    counterpart: int | None
    support: float


@dataclass(frozen=True, slots=True)
class ContentAlignment:
    """The words of both sides of one unit and, for each, its best counterpart on the other side."""

    original: tuple[Word, ...]
    translation: tuple[Word, ...]
    original_links: tuple[WordLink, ...]
    translation_links: tuple[WordLink, ...]
    # Cosine of every original word with every translation word (rows: original), for detectors that need
    # more than the best counterpart (a substitution: neither side's word supports the other).
    similarity: np.ndarray = field(repr=False, compare=False)


def align_content(unit: Unit, embed: Embed) -> ContentAlignment:
    """Link every word of the unit's two sides to its counterpart on the other side."""
    return align_units([unit], embed)[0]


def align_units(units: list[Unit], embed: Embed) -> list[ContentAlignment]:
    """The content alignment of every unit, with the words of all of them encoded in one call and the phrases
    that may matter in a second: the encoder pays a fixed cost per call (a word costs ~3x more alone than in a
    batch of hundreds), and an article's phrases are most of what it would encode."""
    sides = [(side_words(u.original), side_words(u.translation)) for u in units]
    embed([w.text for pair in sides for words in pair for w in words])
    vectors = [(embed([w.text for w in s]), embed([w.text for w in t])) for s, t in sides]
    words = [_word_similarity(u, s, t, vs, vt) for u, (s, t), (vs, vt) in zip(units, sides, vectors, strict=True)]
    grams = [(_loose_grams(u.original, s, sim, 1), _loose_grams(u.translation, t, sim, 0))
             for u, (s, t), sim in zip(units, sides, words, strict=True)]
    embed([g for pair in grams for side in pair for g, _ in side])
    return [_aligned(s, t, v, sim, gs, gt, embed)
            for (s, t), v, sim, (gs, gt) in zip(sides, vectors, words, grams, strict=True)]


def _word_similarity(unit: Unit, source: tuple[Word, ...], target: tuple[Word, ...], vectors_s: np.ndarray,
                     vectors_t: np.ndarray) -> np.ndarray:
    """Cosine of every original word with every translation word, raised for the same or a near spelling."""
    if not (source and target):
        return np.zeros((len(source), len(target)), dtype=np.float32)
    return _spelled(source, target, vectors_s @ vectors_t.T, unit.original.language == unit.translation.language)


def _loose_grams(side: Side, found: tuple[Word, ...], similarity: np.ndarray, axis: int) -> list[tuple[str, int]]:
    """The side's pairs of adjacent words that hold a content word with no close single counterpart.

    A phrase that renders one word of the other side (federal states / Bundesstaaten) is made of words that
    the other side does not render one by one; a pair of words each well accounted for cannot be one, so it is
    not encoded (about half of an article's pairs)."""
    support = similarity.max(axis=axis) if similarity.size else np.zeros(len(found))
    loose = {k for k, w in enumerate(found) if w.content and support[k] < WORD_SUPPORT}
    return [(text, k) for text, k in _grams(side, found) if k in loose or k + 1 in loose]


def _aligned(source: tuple[Word, ...], target: tuple[Word, ...], vectors: tuple[np.ndarray, np.ndarray],
             similarity: np.ndarray, grams_s: list[tuple[str, int]], grams_t: list[tuple[str, int]],
             embed: Embed) -> ContentAlignment:
    vs, vt = vectors
    vgs, vgt = embed([g for g, _ in grams_s]), embed([g for g, _ in grams_t])
    return ContentAlignment(source, target, _links(similarity, vs, vgt, grams_t),
                            _links(similarity.T, vt, vgs, grams_s), similarity)


def _links(similarity: np.ndarray, vectors: np.ndarray, gram_vectors: np.ndarray,
           grams: list[tuple[str, int]]) -> tuple[WordLink, ...]:
    """Each word's best counterpart: a word of the other side, or the word that starts a phrase there."""
    links = []
    phrase = vectors @ gram_vectors.T if len(grams) and len(vectors) else np.zeros((len(vectors), 0))
    for k in range(similarity.shape[0]):
        best = int(np.argmax(similarity[k])) if similarity.shape[1] else None
        support = float(similarity[k, best]) if best is not None else 0.0
        if phrase.shape[1]:
            g = int(np.argmax(phrase[k]))
            if phrase[k, g] > support:
                best, support = grams[g][1], float(phrase[k, g])
        links.append(WordLink(k, best, support))
    return tuple(links)


def _spelled(source: tuple[Word, ...], target: tuple[Word, ...], cosine: np.ndarray, same: bool) -> np.ndarray:
    """Raise each cosine to 1.0 for the same word and to the spelling ratio for a near spelling (every pair's
    ratio in one rapidfuzz call: the pairs of a long sentence are tens of thousands)."""
    from rapidfuzz.fuzz import ratio
    from rapidfuzz.process import cdist

    keys_s, keys_t = np.array([w.key for w in source], dtype=object), np.array([w.key for w in target], dtype=object)
    scores = cdist(list(keys_s), list(keys_t), scorer=ratio, dtype=np.float64) / 100
    shortest = np.minimum.outer(np.array([len(k) for k in keys_s]), np.array([len(k) for k in keys_t]))
    if same:  # same language: one stem (vote/votes, investigated/investigating)
        stems = np.equal.outer(np.array([k[:5] for k in keys_s], dtype=object),
                               np.array([k[:5] for k in keys_t], dtype=object))
        scores = np.where(stems & (shortest >= 5), np.maximum(scores, 0.95), scores)
    near = (shortest >= MIN_SPELLING_CHARS) & (scores >= SPELLING_FLOOR)
    result = np.where(near, np.maximum(cosine, scores), cosine).astype(cosine.dtype)
    result[np.equal.outer(keys_s, keys_t)] = 1.0
    return result


def side_words(side: Side) -> tuple[Word, ...]:
    """The words of a side (or, for Chinese and Japanese, its runs of CJK characters split into n-grams)."""
    if side.language in UNSPACED:
        return tuple(_cjk_words(side.text, side.language))
    stop = stopwords(side.language)
    found = []
    for match in WORD.finditer(side.text):
        text = POSSESSIVE.sub("", match.group().rstrip("."))
        if not text:
            continue
        start = match.start()
        low = text.lower()
        initial = _sentence_initial(side.text, start)
        found.append(Word(start, start + len(text), text, low not in stop and (len(text) > 1 or not text.isascii()),
                          text[0].isupper() and not initial, zipf(low, side.language) >= COMMON_ZIPF, side.language))
    return tuple(found)


def _cjk_words(text: str, language: str) -> list[Word]:
    """Character n-grams of each CJK run (unigrams to trigrams), all counted as content."""
    found = []
    for run in CJK.finditer(text):
        for n in CJK_NGRAMS:
            for k in range(run.start(), run.end() - n + 1):
                found.append(Word(k, k + n, text[k:k + n], True, False, True, language))
    return found


def _grams(side: Side, found: tuple[Word, ...]) -> list[tuple[str, int]]:
    """Pairs of adjacent words of a spaced side (text, index of the first word): phrases a word may render."""
    if side.language in UNSPACED:
        return []
    return [(side.text[a.start:b.end], k) for k, (a, b) in enumerate(zip(found, found[1:], strict=False))
            if b.start - a.end <= 2]


def _sentence_initial(text: str, start: int) -> bool:
    """The word opens the text, a sentence, a quotation or a parenthesis (its capital says nothing)."""
    before = text[:start].rstrip(" \u00a0")
    return not before or before[-1] in ".!?:;\"\u201c\u201d\u00ab\u00bb\u201e(\u2014\u2013-'\u2018"


@cache
def stopwords(language: str) -> frozenset[str]:
    """Function words of a language (stopwords-iso); empty for a language it lacks."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords(language)) if stopwordsiso.has_lang(language) else frozenset()


@cache
def zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of a word in a language (0 for an unknown word or language; Chinese and
    Japanese are read as n-grams, and wordfreq would need a segmenter for them)."""
    from auditor.word_store import zipf as stored_zipf

    if language in UNSPACED:
        return 0.0
    try:
        return stored_zipf(word, language)
    except (LookupError, ValueError, ImportError):  # no list for the language, or its tokenizer (MeCab) missing
        return 0.0


def commoner_in(word: str, language: str, other: str) -> bool:
    """The (lower-case) word is more frequent in one language than in the other: it reads as that language's."""
    return zipf(word, language) > zipf(word, other)


@cache
def spelling(word: str) -> str:
    """Lower-case ASCII letters of a word, possessive cut: the key under which two spellings are the same."""
    from unidecode import unidecode

    folded = unicodedata.normalize("NFKC", word).lower()
    return re.sub(r"[^a-z0-9]", "", unidecode(folded))


INFLECTING = frozenset({"pl", "ru", "de", "cs", "uk", "fi", "hu", "tr", "sk", "sl", "hr", "lt", "lv", "et"})
INFLECTION_CHARS = 3   # case endings a name may carry: Banaś/Banasia, Bischkek/Bischkeks, Kidawa/Kidawy
WORD_SUPPORT = 0.75    # a common word is accounted for by a counterpart this close (black/noir 0.93)
# A name is accounted for by a spelling or a vector this close: Trump/特朗普 0.82, ONU/UN 0.76, SIDA/AIDS 0.75,
# OTAN/NATO 0.71, against SPD/CDU 0.60, FBI/CIA 0.57, Paris/London 0.54, Trump/Biden 0.48. A near spelling
# that is another name (Antony/Anthony) is the name-pattern detector's to judge.
NAME_SUPPORT = 0.7
NOUN_CAPITALISING = frozenset({"de", "lb"})  # capitals mark every noun there, not names


def same_name(a: str, b: str, inflecting: bool) -> bool:
    """Two spellings of one name: the same key, a transliteration, or (in a language that declines names)
    the same stem with a case ending (Banaś/Banasia, Kidawa-Błońska/Kidawy-Błońskiej); Antony/Anthony differ."""
    from auditor.detect.nameforms import translit_key

    parts_a, parts_b = re.split(r"[-\s]", a), re.split(r"[-\s]", b)
    if len(parts_a) != len(parts_b):
        return spelling(a) == spelling(b)
    return all(_same_part(spelling(x), spelling(y), inflecting) or _same_part(translit_key(x), translit_key(y),
                                                                              inflecting)
               for x, y in zip(parts_a, parts_b, strict=True))


def _same_part(a: str, b: str, inflecting: bool) -> bool:
    if a == b:
        return True
    if not inflecting:
        return False
    stem = len(os.path.commonprefix([a, b]))
    return stem >= 4 and max(len(a), len(b)) - stem <= INFLECTION_CHARS


def accounted(word: Word, link: WordLink, others: tuple[Word, ...], languages: tuple[str, str]) -> bool:
    """Does the other side account for this word? A name by its spelling (or, across scripts, a close vector);
    a common word by any counterpart close enough."""
    if link.counterpart is None:
        return False
    if link.support >= 1.0:
        return True
    if is_name(word):
        return link.support >= NAME_SUPPORT or same_name(word.text, others[link.counterpart].text,
                                                          bool(INFLECTING & set(languages)))
    return link.support >= WORD_SUPPORT


def is_name(word: Word) -> bool:
    """A word capitalised away from the start of a sentence, or an acronym. Where every noun is capitalised
    (German), only a rare one: a frequent capitalised word there is a noun."""
    if not word.content:
        return False
    acronym = word.text.isupper() and len(word.text) > 1
    if acronym:
        return True
    if not word.capitalised or word.text.lower() in _calendar_words(word.language):
        return False  # months and weekdays are the date detector's
    return word.language not in NOUN_CAPITALISING or rare_as_noun(word.text, word.language)


def rare_as_noun(word: str, language: str) -> bool:
    """Where every noun is capitalised, is this capitalised word a name? Inflected nouns are rare as forms
    (Wolkenkratzern, Befürwortern, Aufhebungen): only a word the language's lists hardly know, even as its
    lemma, and that is no compound, is a name there."""
    low = word.lower()
    return max(zipf(low, language), zipf(lemma(word, language).lower(), language)) < NOUN_NAME_ZIPF \
        and not _compound(low, language)


@cache
def _calendar_words(language: str) -> frozenset[str]:
    """Month and weekday names of a language (CLDR via babel), wide and abbreviated."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return frozenset()
    names = [*locale.months["format"]["wide"].values(), *locale.days["format"]["wide"].values(),
             *locale.months["format"]["abbreviated"].values(), *locale.days["format"]["abbreviated"].values()]
    return frozenset(n.lower().rstrip(".") for n in names)


def _compound(word: str, language: str) -> bool:
    """A German-style compound: the word ends in a frequent word of its language, or an inflected form of one
    (Zahlungs|ausfall, Ernte|helfer, Miet|sektors), so it is a noun however rare the whole is; names seldom
    split so (Lantagne, Nellingen)."""
    return any(zipf(word[k:], language) >= COMPOUND_ZIPF or
               zipf(lemma(word[k:].capitalize(), language).lower(), language) >= COMPOUND_ZIPF
               for k in range(3, len(word) - 3))


@cache
def lemma(word: str, language: str) -> str:
    """The word's lemma (simplemma's dictionaries); the word itself in a language simplemma lacks."""
    from auditor.word_store import lemmatizer

    try:
        return lemmatizer().lemmatize(word, lang=language)
    except ValueError:
        return word


# Han ideographs, kana and their marks (ー, 々) are one script here: Chinese and Japanese text mixes them.
EAST_ASIAN = ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC", "HALFWIDTH", "FULLWIDTH")


def script_of(text: str) -> str:
    """The script of a word's first letter: LATIN, CYRILLIC, GREEK, ARABIC, HEBREW, HANGUL, THAI or CJK."""
    letter = next((c for c in text if c.isalpha()), "a")
    name = unicodedata.name(letter, "LATIN")
    return "CJK" if name.startswith(EAST_ASIAN) else name.split()[0]


SCRIPTS = {"ru": ("CYRILLIC",), "uk": ("CYRILLIC",), "ar": ("ARABIC",), "zh": ("CJK",), "ja": ("CJK",),
           "ko": ("HANGUL", "CJK"), "th": ("THAI",), "el": ("GREEK",), "he": ("HEBREW",)}


def language_scripts(language: str) -> tuple[str, ...]:
    """The scripts a language is written in (Latin unless listed; Japanese mixes three)."""
    return SCRIPTS.get(language, ("LATIN",))
