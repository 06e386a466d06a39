"""Quotation records: every quotation of a side, who says it (the attribution) and with which reporting verb.

A speaker is the name next to a reporting verb outside the quotation ("X said", "said X", "according to X",
"ha affermato X"), or, when the attribution is a pronoun ("he said"), the one person named in the sentences just
before it; a pronoun with two candidates stays unresolved rather than guessed. The verb's stance comes from its
lemma (simplemma) and auditor/data/reporting.json: reporting ("said"), affirming ("confirmed") or disputing
("denied").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from auditor.detect.content import COMMON_ZIPF, NOUN_CAPITALISING, NOUN_NAME_ZIPF, stopwords, zipf
from auditor.detect.nameforms import words_data
from auditor.detect.units import Side, lexicon, quoted_ranges
from auditor.documents import Document, Sentence, Span

TOKEN = re.compile(r"[^\W_]+(?:['\u2019.][^\W_]+)*", re.UNICODE)
SPEAKER_GAP = 5        # tokens between a reporting verb and the name it attributes the quote to
PRONOUN_GAP = 2        # ... or the pronoun ("he has said")
CONTEXT_SENTENCES = 3  # sentences before a unit read for the person a pronoun stands for
STANCES = ("report", "affirm", "dispute")


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


@dataclass(frozen=True, slots=True)
class Context:
    """Around a side: the text just before it (for pronouns) and the sentence after it (an attribution that
    follows a quotation closing the side: "'I'm coming in.' | Maria said, opening the door.")."""

    before: str = ""
    after: Sentence | None = None


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation of a side: its stretch (marks included), its speaker and its reporting verb."""

    start: int
    end: int
    text: str
    speaker: Person | None
    verb: str | None
    verb_start: int = -1
    language: str = ""

    @property
    def stance(self) -> str | None:
        return stance(self.verb, self.language) if self.verb else None

    def inside(self, position: int) -> bool:
        return self.start <= position < self.end


def quotations(side: Side, context: Context = Context()) -> tuple[Quotation, ...]:
    """Every quotation of a side with its attribution (in its sentence, or in the next when it closes it)."""
    ranges = quoted_ranges(side.text)
    found = []
    for start, end in ranges:
        verb = _reporting_verb(side, ranges, start, end)
        before = f"{context.before} {side.text[:start]}"
        if verb:
            speaker = _speaker(side.text, side.language, ranges, verb, before)
        elif context.after is not None and not side.text[end:].strip():
            found.append(_attributed_after(side, start, end, context.after, before))
            continue
        else:
            speaker = _nearest_name(side, ranges, start, end)
        found.append(Quotation(start, end, side.text[start:end], speaker, verb.group() if verb else None,
                               verb.start() if verb else -1, side.language))
    return tuple(found)


def _attributed_after(side: Side, start: int, end: int, after: Sentence, before: str) -> Quotation:
    """A quotation that closes its side, attributed by the sentence after it ("Maria said, opening the door")."""
    ranges = quoted_ranges(after.text)
    verbs = [m for m in TOKEN.finditer(after.text) if _outside(ranges, m.start()) and stance(m.group(), side.language)]
    verb = verbs[0] if verbs and len(TOKEN.findall(after.text[:verbs[0].start()])) <= SPEAKER_GAP else None
    speaker = _speaker(after.text, side.language, ranges, verb, before) if verb else None
    if speaker is not None and speaker.start >= 0:
        speaker = Person(speaker.name, speaker.title, -1, -1, speaker.resolved,
                         Span(after.start + speaker.start, after.start + speaker.end, speaker.name))
    return Quotation(start, end, side.text[start:end], speaker, verb.group() if verb else None, -1, side.language)


def attribution_context(document: Document, side: Side, count: int = CONTEXT_SENTENCES) -> Context:
    """The sentences just before a side's first one (in its paragraph or the one before) and the one after its
    last (in its paragraph)."""
    first, last = side.sentences[0], side.sentences[-1]
    before = [s for s in document.sentences[max(0, first.index - count):first.index]
              if first.paragraph - s.paragraph <= 1]
    after = document.sentences[last.index + 1] if last.index + 1 < len(document.sentences) else None
    return Context(" ".join(s.text for s in before), after if after and after.paragraph == last.paragraph else None)


def reporting_verbs(side: Side, quotes: tuple[Quotation, ...]) -> list[tuple[str, int, str]]:
    """(verb, position, stance) of every reporting verb outside the side's quotations, in order."""
    found = []
    for m in TOKEN.finditer(side.text):
        kind = None if any(q.inside(m.start()) for q in quotes) else stance(m.group(), side.language)
        if kind:
            found.append((m.group(), m.start(), kind))
    return found


def people(side: Side) -> tuple[Person, ...]:
    """Every run of capitalised words on a side read as a person, with any title before the name."""
    tokens = list(TOKEN.finditer(side.text))
    return tuple(_person(side.text, tokens, run, side.language) for run in _name_runs(side.text, tokens, side.language))


def title_words(person: Person) -> frozenset[str]:
    """The words of a person's title ("Environment Minister", "NATO Secretary General"), case folded."""
    return frozenset(w.lower() for w in TOKEN.findall(person.title))


@cache
def _stance_lemmas() -> dict[str, dict[str, frozenset[str]]]:
    data = json.loads(files("auditor").joinpath("data/reporting.json").read_text(encoding="utf-8"))
    return {kind: {lang: frozenset(v) for lang, v in data[kind].items()} for kind in STANCES}


@cache
def stance(verb: str, language: str) -> str | None:
    """'report', 'affirm' or 'dispute' for a reporting verb in any inflected form; None for another word."""
    import simplemma

    low = verb.lower()
    try:
        lemma = simplemma.lemmatize(low, lang=language)
    except ValueError:  # a language simplemma does not know
        lemma = low
    if low in words_data()["reporting"].get(language, ()):
        return next((k for k in STANCES if lemma in _stance_lemmas()[k].get(language, ())), "report")
    if lemma.lower() == low:
        return None  # an uninflected form is as often a noun ("a question", "the dispute", "eine Frage")
    return next((k for k in STANCES if lemma in _stance_lemmas()[k].get(language, ())), None)


def _outside(ranges: list[tuple[int, int]], position: int) -> bool:
    return not any(a <= position < b for a, b in ranges)


def _reporting_verb(side: Side, ranges: list[tuple[int, int]], start: int, end: int) -> re.Match[str] | None:
    """The reporting verb outside any quotation nearest to this one, within its sentence."""
    candidates = [m for m in TOKEN.finditer(side.text) if _outside(ranges, m.start())
                  and stance(m.group(), side.language)]
    return min(candidates, key=lambda m: min(abs(m.start() - end), abs(m.end() - start)), default=None)


def _speaker(text: str, language: str, ranges: list[tuple[int, int]], verb: re.Match[str],
             context: str) -> Person | None:
    """The name next to the verb; else, for a pronoun, the one person named just before."""
    tokens = [m for m in TOKEN.finditer(text) if _outside(ranges, m.start())]
    k = next(n for n, m in enumerate(tokens) if m.start() == verb.start())
    for run in sorted(_name_runs(text, tokens, language), key=lambda r: _distance(r, k)):
        if _distance(run, k) <= SPEAKER_GAP and not _crosses_quote(ranges, tokens, run, k):
            return _person(text, tokens, run, language)
    stop = stopwords(language)
    # A capitalised word right by the verb names the speaker even where it is a common word opening the
    # sentence ("“I'm coming in.” | Ivory said").
    for n in (k - 1, k + 1):
        word = tokens[n].group() if 0 <= n < len(tokens) else ""
        if word[:1].isupper() and word.lower() not in stop and language not in NOUN_CAPITALISING:
            return Person(word, "", tokens[n].start(), tokens[n].end())
    nearby = tokens[max(0, k - PRONOUN_GAP):k] + tokens[k + 1:k + 1 + PRONOUN_GAP]
    if nearby and all(m.group().lower() in stop for m in nearby[:PRONOUN_GAP]):
        return _antecedent(context, language)
    return None


def _nearest_name(side: Side, ranges: list[tuple[int, int]], start: int, end: int) -> Person | None:
    """No reporting verb (a language without a list, or "X: '...'"): a name just before the quotation."""
    tokens = [m for m in TOKEN.finditer(side.text) if _outside(ranges, m.start()) and m.end() <= start]
    runs = _name_runs(side.text, tokens, side.language)
    if runs and len(tokens) - runs[-1][1] <= 1:
        return _person(side.text, tokens, runs[-1], side.language)
    return None


def _antecedent(context: str, language: str) -> Person | None:
    """The person a pronoun stands for: the full name (two words or more) in the last sentence before it that
    names anyone, when that sentence names only one."""
    for sentence in reversed(re.split(r"(?<=[.!?\u201d\u00bb\"])\s+", context)):
        tokens = list(TOKEN.finditer(sentence))
        people = {p.surname.lower(): p for p in (_person(sentence, tokens, run, language)
                                                 for run in _name_runs(sentence, tokens, language))
                  if len(p.name.split()) >= 2}
        if people:
            person = next(iter(people.values()))
            return Person(person.name, person.title, -1, -1, resolved=True) if len(people) == 1 else None
    return None


def _distance(run: tuple[int, int], k: int) -> int:
    return k - run[1] if run[1] <= k else run[0] - k


def _crosses_quote(ranges: list[tuple[int, int]], tokens: list[re.Match[str]], run: tuple[int, int], k: int) -> bool:
    """A quotation stands between the verb and the name: the name belongs to another clause."""
    a, b = sorted((tokens[k].start(), tokens[run[0]].start()))
    return any(a < start < b for start, _ in ranges)


def _name_runs(text: str, tokens: list[re.Match[str]], language: str) -> list[tuple[int, int]]:
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
        return low in titles or zipf(low, language) < NOUN_NAME_ZIPF
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


def _person(text: str, tokens: list[re.Match[str]], run: tuple[int, int], language: str) -> Person:
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
