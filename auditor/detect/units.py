"""Units of comparison: the sentences of the original and of the translation that one sentence link pairs."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

from auditor.documents import Document, Sentence, Span
from auditor.records import Bead, Finding

# Opening mark -> the marks that may close it: „…“ in German and Czech, „…” in Polish, Romanian and Hungarian.
# Japanese (and traditional Chinese) quote with corner brackets: 「」, and 『』 for a quote inside a quote.
QUOTE_PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", '"': '"', "\u201e": "\u201c\u201d", "\u2018": "\u2019",
               "\u300c": "\u300d", "\u300e": "\u300f"}
# Addresses and markup are not article text: their digits, slugs and capitals would read as numbers, untranslated
# English or names. Markdown link targets "(url "title")", bare and <auto> links, e-mail addresses, inline HTML tags,
# and social-media handles and hashtags, which a translation keeps as they are (@user24, #PilotTraining; not "#1").
NOT_PROSE = re.compile(r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
                       r"|(?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?\"'\u201d\u00bb]"
                       r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                       r"|</?[A-Za-z][^<>]*>"
                       r"|(?<![\w@#&])[@#][^\W\d_]\w*")


@dataclass(frozen=True, slots=True)
class Side:
    """Sentences of one document joined by single spaces, with a map back to file offsets."""

    sentences: tuple[Sentence, ...]
    language: str
    # The prose the detectors read, addresses and markup blanked out so every offset still holds. Built once:
    # every detector reads it, many times per unit.
    text: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        joined = " ".join(s.text for s in self.sentences)
        object.__setattr__(self, "text", NOT_PROSE.sub(lambda m: " " * len(m.group()), joined))

    @property
    def paragraphs(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(s.paragraph for s in self.sentences))

    def span(self, start: int, end: int) -> Span:
        """File-offset span of text[start:end] (clamped to the sentence where it starts)."""
        position = 0
        for sentence in self.sentences:
            if start < position + len(sentence.text) + 1:
                local_start = max(0, start - position)
                local_end = min(len(sentence.text), max(local_start, end - position))
                return Span(sentence.start + local_start, sentence.start + local_end,
                            sentence.text[local_start:local_end])
            position += len(sentence.text) + 1
        last = self.sentences[-1]
        return Span(last.end, last.end, "")

    def whole(self) -> Span:
        """The first sentence's span (a unit's sentences may lie in different paragraphs)."""
        first = self.sentences[0]
        return Span(first.start, first.end, first.text)


@dataclass(frozen=True, slots=True)
class Mention:
    """A number or a time expression found in a side's text: what kind, its value and where."""

    kind: str      # "number", "year", "day", "month", "weekday", "relative", "time", "decade", "century"
    value: float
    start: int
    end: int
    also: float | None = None  # a second reading ("2m": 2 million or 2 metres; "5/11": 5 May or 5 November)


@dataclass(frozen=True, slots=True)
class Unit:
    """One sentence link of a bead: what the original says and what the translation says for it."""

    bead: int
    original: Side
    translation: Side
    similarity: float | None
    backtranslation: str | None = None

    def finding(self, category: str, severity: str, reason: str, original: Span | None,
                translation: Span | None, evidence: tuple[str, ...] = ("cross-lingual",),
                confidence: float = 1.0) -> Finding:
        return Finding(category, severity, self.original.paragraphs, self.translation.paragraphs,
                       original, translation, reason, evidence, None, self.bead, round(confidence, 3))


def build_units(original: Document, translation: Document, beads: tuple[Bead, ...]) -> list[Unit]:
    """One unit per sentence link that has sentences on both sides."""
    units = []
    for k, bead in enumerate(beads):
        for link in bead.sentences:
            if link.original and link.translation:
                units.append(Unit(k, Side(tuple(original.sentences[i] for i in link.original), original.language),
                                  Side(tuple(translation.sentences[j] for j in link.translation),
                                       translation.language), link.similarity))
    return units


@cache
def lexicon(language: str) -> dict[str, Any]:
    """Per-language word lists (negation cues, months, weekdays, number scales...); {} when none ships."""
    resource = files("auditor").joinpath(f"data/lexicon/{language}.json")
    return json.loads(resource.read_text(encoding="utf-8")) if resource.is_file() else {}


@cache
def calendar_names(language: str) -> tuple[dict[str, int], dict[str, int]]:
    """(month name -> 1-12, weekday name -> 0-6 from Monday), lower-cased: the lexicon's where it lists them, else
    CLDR's wide names (babel) in both of their contexts, the form dates take and the form that stands alone
    (26 июля / июль, 26 lipca / lipiec). None for Chinese, Japanese and Thai, which are read as character
    n-grams and write months with numerals (七月, 7月), nor a name with a digit in it (7월)."""
    from auditor.detect.content import UNSPACED

    lex = lexicon(language)
    months = {m: k + 1 for k, m in enumerate(lex.get("months", ()))}
    weekdays = {d: k for k, d in enumerate(lex.get("weekdays", ()))}
    if (months and weekdays) or language in UNSPACED:
        return months, weekdays
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return months, weekdays
    def named(table: Any) -> dict[str, int]:
        return {name.lower(): number for context in ("format", "stand-alone") for number, name in
                table[context]["wide"].items() if not any(c.isdigit() for c in name)}
    return months or named(locale.months), weekdays or named(locale.days)


WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*", re.UNICODE)


def words(text: str) -> list[re.Match[str]]:
    """Word tokens (letters, inner hyphens and apostrophes) with their positions."""
    return list(WORD.finditer(text))


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quoted stretch, marks included; an unclosed quote runs to the end."""
    ranges, k = [], 0
    while k < len(text):
        close = QUOTE_PAIRS.get(text[k])
        if close is None or (text[k] == "\u2018" and k > 0 and text[k - 1].isalpha()):
            k += 1
            continue
        found = [e for e in (text.find(mark, k + 1) for mark in close) if e >= 0]
        end = min(found) + 1 if found else len(text)
        ranges.append((k, end))
        k = end
    return ranges


def in_quote(text: str, position: int) -> bool:
    return any(start <= position < end for start, end in quoted_ranges(text))
