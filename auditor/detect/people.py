"""People as a side names them: runs of name words, the title before a name, and the person a pronoun stands for.

A run of adjacent capitalised words that are not function words is a name; where every noun is capitalised
(German) only a rare one, and at the start of a sentence a frequent word only as the first of several. The
title is the part of the run (and the lower-case title words just before it) up to its last title word
(auditor/data/lexicon, or words.json).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from auditor.detect.content import COMMON_ZIPF, NOUN_CAPITALISING, rare_as_noun, stopwords, zipf
from auditor.detect.nameforms import words_data
from auditor.detect.units import Side, lexicon
from auditor.documents import Span

TOKEN = re.compile(r"[^\W_]+(?:['\u2019.][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Person:
    """A person as one side names them: the name, any title before it, where they stand in the side's text."""

    name: str
    title: str
    start: int
    end: int
    resolved: bool = False  # named through a pronoun, from the sentences before
    span: Span | None = None  # where a person named outside the side stands in the file (the next sentence)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


def people(side: Side) -> tuple[Person, ...]:
    """Every run of capitalised words on a side read as a person, with any title before the name."""
    tokens = list(TOKEN.finditer(side.text))
    runs = name_runs(side.text, tokens, side.language)
    return tuple(person_of(side.text, tokens, run, side.language) for run in runs)


def title_words(person: Person) -> frozenset[str]:
    """The words of a person's title ("Environment Minister", "NATO Secretary General"), case folded."""
    return frozenset(w.lower() for w in TOKEN.findall(person.title))


def antecedent(context: str, language: str) -> Person | None:
    """The person a pronoun stands for: the full name (two words or more) in the last sentence before it that
    names anyone, when that sentence names only one."""
    for sentence in reversed(re.split(r"(?<=[.!?\u201d\u00bb\"])\s+", context)):
        tokens = list(TOKEN.finditer(sentence))
        people = {p.surname.lower(): p for p in (person_of(sentence, tokens, run, language)
                                                 for run in name_runs(sentence, tokens, language))
                  if len(p.name.split()) >= 2}
        if people:
            person = next(iter(people.values()))
            return Person(person.name, person.title, -1, -1, resolved=True) if len(people) == 1 else None
    return None


def name_runs(text: str, tokens: list[re.Match[str]], language: str) -> list[tuple[int, int]]:
    """(first, last + 1) token indices of runs of adjacent name words that are not all titles."""
    titles = _titles(language)
    marks = [_name_word(text, tokens, n, language) for n in range(len(tokens))]
    runs, k = [], 0
    while k < len(tokens):
        end = k
        while end < len(tokens) and marks[end] and (end == k or _adjacent(text, tokens[end - 1], tokens[end])):
            end += 1
        if any(tokens[n].group().lower() not in titles for n in range(k, end)):
            runs.append((k, end))
        k = max(end, k + 1)
    return runs


def _name_word(text: str, tokens: list[re.Match[str]], n: int, language: str) -> bool:
    """Capitalised and no function word; where every noun is capitalised, also rare; at the start of a sentence,
    a frequent word ("Declaró", "Finance") only as the first of several capitalised words."""
    word, low = tokens[n].group(), tokens[n].group().lower()
    titles = _titles(language)
    if not word[:1].isupper() or (low in stopwords(language) - titles and not word.isupper()):
        return False
    if language in NOUN_CAPITALISING:
        return low in titles or rare_as_noun(word, language)
    if low in titles or not _initial(text, tokens[n].start()) or zipf(low, language) < COMMON_ZIPF:
        return True
    following = tokens[n + 1] if n + 1 < len(tokens) else None
    return following is not None and _adjacent(text, tokens[n], following) and following.group()[:1].isupper()


def _initial(text: str, start: int) -> bool:
    """The word opens its sentence or a quotation (a word after a closing mark is the attribution's)."""
    before = text[:start].rstrip()
    if before.endswith('"'):
        return len(before) < 2 or before[-2].isspace()
    return not before or before[-1] in ".!?:;\u201c\u00ab\u201e("


def _adjacent(text: str, a: re.Match[str], b: re.Match[str]) -> bool:
    return text[a.end():b.start()] in (" ", "\u00a0", "-")


def person_of(text: str, tokens: list[re.Match[str]], run: tuple[int, int], language: str) -> Person:
    """A run split into its title ("NATO Secretary General") and the name after it ("Mark Rutte"); lower-case
    title words just before the run ("said nurse Olga Ivanova") count too."""
    titles = _titles(language)
    first, end = run
    while first > 0 and tokens[first - 1].group().lower() in titles and _adjacent(text, tokens[first - 1],
                                                                                  tokens[first]):
        first -= 1
    last_title = max((n for n in range(first, end) if tokens[n].group().lower() in titles), default=first - 1)
    name_from = last_title + 1 if last_title + 1 < end else first
    title = text[tokens[first].start():tokens[last_title].end()] if last_title >= first else ""
    return Person(text[tokens[name_from].start():tokens[end - 1].end()], title, tokens[first].start(),
                  tokens[end - 1].end())


@cache
def _titles(language: str) -> frozenset[str]:
    """Person titles: the language's lexicon, else auditor/data/words.json."""
    return frozenset(lexicon(language).get("titles") or words_data()["titles"].get(language, ()))


def who(person: Person) -> str:
    """A person as a reason names them: title and name, and how a pronoun was resolved."""
    return f"{person.title} {person.name}".strip() + (" (named in the sentence before)" if person.resolved else "")
