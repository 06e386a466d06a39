"""Spellings of one name: transliteration keys, exonyms (Kyiv/Kiev, London/Londra) and name tokens of a text."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from auditor.detect.units import lexicon, words

ELISIONS = {"l", "d", "dell", "all", "dall", "nell", "sull", "coll", "un", "quest", "qu", "j", "s", "c", "n", "m", "t"}
# Transliteration systems differ on these letters only: Sergey/Sergei/Sergej/Sergueï, Kuznetsov/Kuznecov,
# Shevchuk/Ševčuk, Aleksandr/Alexandr, Wladimir/Vladimir, Bischkek/Bishkek. 'th', 'k'/'c' and vowels stay distinct.
TRANSLIT_RULES = (("^ye", "e"), ("shch", "sc"), ("sch", "s"), ("tch", "c"), ("ou", "u"), ("gu(?=[ei])", "g"),
                  ("kh", "h"), ("zh", "z"), ("sh", "s"), ("ch", "c"),
                  ("ts", "c"), ("tz", "c"), ("ks", "x"), ("w", "v"), ("y", "i"), ("j", "i"), (r"(.)\1+", r"\1"))
INFLECTION_ENDINGS = "aeio"  # Commission/Commissione, Europeo/Europea stay one word, not a changed name


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a side's text, elided article and possessive cut off, with its transliteration key."""

    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return translit_key(self.text)

    @property
    def capitalised(self) -> bool:
        return any(part[:1].isupper() for part in self.text.split("-"))


def tokens(text: str) -> list[Token]:
    """Word tokens with Italian/French elisions split off (dell'Ucraina -> Ucraina) and 's dropped."""
    out = []
    for match in words(text):
        start, word = match.start(), match.group()
        parts = re.split(r"['\u2019]", word, maxsplit=1)
        if len(parts) == 2 and parts[0].lower() in ELISIONS and parts[1]:
            start, word = start + len(parts[0]) + 1, parts[1]
        elif len(parts) == 2 and parts[1].lower() == "s":
            word = parts[0]
        out.append(Token(start, start + len(word), word))
    return out


def plain(word: str) -> str:
    """Lowercase ASCII spelling, for measuring how alike two spellings look."""
    from unidecode import unidecode

    return unidecode(word).lower()


@cache
def translit_key(word: str) -> str:
    """Spelling key under which transliterations of one name coincide (Zelensky == Zelenskyj == Zelenskiy)."""
    from unidecode import unidecode

    key = re.sub(r"[^a-z]", "", unidecode(word).lower())
    for pattern, replacement in TRANSLIT_RULES:
        key = re.sub(pattern, replacement, key)
    return key


def same_word(a: str, b: str) -> bool:
    """Keys equal, or equal but for one inflection vowel (Commission/Commissione)."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and long_.startswith(short) and long_[-1] in INFLECTION_ENDINGS \
        and len(short) >= 4


@cache
def _data() -> dict[str, Any]:
    return json.loads(files("auditor").joinpath("data/exonyms.json").read_text(encoding="utf-8"))


@cache
def words_data() -> dict[str, Any]:
    """Function words, organisation words, name particles and reporting verbs (auditor/data/words.json)."""
    return json.loads(files("auditor").joinpath("data/words.json").read_text(encoding="utf-8"))


@cache
def function_words(language: str) -> frozenset[str]:
    """Closed-class words of a language: ours plus the lexicon's stopwords."""
    return frozenset({*words_data()["function"].get(language, ()), *lexicon(language).get("stopwords", ())})


def _phrase(name: str) -> tuple[str, ...]:
    return tuple(translit_key(t.text) for t in tokens(name))


@cache
def exonym_index(languages: tuple[str, ...]) -> dict[tuple[str, ...], str]:
    """Phrase (keys) -> group id, for places and organisations in the table and babel's territory names."""
    from babel import Locale

    index: dict[tuple[str, ...], str] = {}
    for kind in ("places", "organisations"):
        for k, group in enumerate(_data()[kind]):
            index.update({_phrase(name): f"{kind}:{k}" for name in group})
    for language in languages:
        try:
            territories = Locale.parse(language).territories
        except (ValueError, LookupError):
            continue
        for code, name in territories.items():
            index.setdefault(_phrase(name), f"territory:{code}")
    index.pop((), None)
    return index


@cache
def given_names() -> dict[str, int]:
    """Key of a given name -> group, for a lone given name (Pope Francis / papa Francesco)."""
    return {translit_key(name): k for k, group in enumerate(_data()["given_names"]) for name in group}


def exonym_spans(toks: list[Token], languages: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """(first token, last token + 1, group) of each known place or organisation, longest match first."""
    index = exonym_index(languages)
    longest = max(map(len, index))
    keys = [t.key for t in toks]
    found, i = [], 0
    while i < len(toks):
        for n in range(min(longest, len(toks) - i), 0, -1):
            group = index.get(tuple(keys[i:i + n]))
            if group and (n > 1 or toks[i].capitalised or len(keys[i]) > 4):
                found.append((i, i + n, group))
                i += n - 1
                break
        i += 1
    return found
