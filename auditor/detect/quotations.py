"""Quotation records: every quotation of a side, who says it (the attribution) and with which reporting verb.

A speaker is the name next to a reporting verb outside the quotation ("X said", "said X", "according to X",
"ha affermato X"), in the quotation's sentence or in the next one when the quotation closes its own; when the
attribution is a pronoun ("he said"), the one person named in the last sentence before it that names anyone
(auditor/detect/people.py); a pronoun with two candidates stays unresolved rather than guessed. The verb's stance
comes from its lemma (simplemma) and auditor/data/reporting.json: reporting ("said"), affirming ("confirmed") or
disputing ("denied").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from auditor.detect.content import NOUN_CAPITALISING, Word, stopwords
from auditor.detect.content import lemma as lemma_of
from auditor.detect.nameforms import words_data
from auditor.detect.people import TOKEN, Person, antecedent, name_runs, person_of
from auditor.detect.units import Side, quoted_ranges
from auditor.documents import Document, Sentence, Span

SPEAKER_GAP = 5        # tokens between a reporting verb and the name it attributes the quote to
PRONOUN_GAP = 2        # ... or the pronoun ("he has said")
CONTEXT_SENTENCES = 3  # sentences before a unit read for the person a pronoun stands for
STANCES = ("report", "affirm", "dispute")
LINK_SUPPORT = 0.5     # a word link at least this close ties two quotations together (unrelated words 0.3-0.5)
MARKS = "\"'\u201c\u201d\u00ab\u00bb\u201e\u2018\u2019\u201a ,;:"  # stripped from a quotation cited in a reason


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


@cache
def _stance_lemmas() -> dict[str, dict[str, frozenset[str]]]:
    data = json.loads(files("auditor").joinpath("data/reporting.json").read_text(encoding="utf-8"))
    return {kind: {lang: frozenset(v) for lang, v in data[kind].items()} for kind in STANCES}


@cache
def stance(verb: str, language: str) -> str | None:
    """'report', 'affirm' or 'dispute' for a reporting verb in any inflected form; None for another word."""
    low = verb.lower()
    lemma = lemma_of(low, language)
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
    for run in sorted(name_runs(text, tokens, language), key=lambda r: _distance(r, k)):
        if _distance(run, k) <= SPEAKER_GAP and not _crosses_quote(ranges, tokens, run, k):
            return person_of(text, tokens, run, language)
    stop = stopwords(language)
    # A capitalised word right by the verb names the speaker even where it is a common word opening the
    # sentence ("“I'm coming in.” | Ivory said").
    for n in (k - 1, k + 1):
        word = tokens[n].group() if 0 <= n < len(tokens) else ""
        if word[:1].isupper() and word.lower() not in stop and language not in NOUN_CAPITALISING:
            return Person(word, "", tokens[n].start(), tokens[n].end())
    nearby = tokens[max(0, k - PRONOUN_GAP):k] + tokens[k + 1:k + 1 + PRONOUN_GAP]
    if nearby and all(m.group().lower() in stop for m in nearby[:PRONOUN_GAP]):
        return antecedent(context, language)
    return None


def _nearest_name(side: Side, ranges: list[tuple[int, int]], start: int, end: int) -> Person | None:
    """No reporting verb (a language without a list, or "X: '...'"): a name just before the quotation."""
    tokens = [m for m in TOKEN.finditer(side.text) if _outside(ranges, m.start()) and m.end() <= start]
    runs = name_runs(side.text, tokens, side.language)
    if runs and len(tokens) - runs[-1][1] <= 1:
        return person_of(side.text, tokens, runs[-1], side.language)
    return None


def _distance(run: tuple[int, int], k: int) -> int:
    return k - run[1] if run[1] <= k else run[0] - k


def _crosses_quote(ranges: list[tuple[int, int]], tokens: list[re.Match[str]], run: tuple[int, int], k: int) -> bool:
    """A quotation stands between the verb and the name: the name belongs to another clause."""
    a, b = sorted((tokens[k].start(), tokens[run[0]].start()))
    return any(a < start < b for start, _ in ranges)


def inside(words: tuple[Word, ...], quote: Quotation) -> list[int]:
    """Indices of the content alignment's words (one side's) that lie in the quotation."""
    return [k for k, w in enumerate(words) if quote.start <= w.start < quote.end]


def cited(quote: Quotation) -> str:
    """A quotation as a reason cites it: its own marks dropped, curly quotes around, shortened."""
    from auditor.excerpt import shorten

    return "\u201c" + shorten(quote.text.strip(MARKS), 50) + "\u201d"
