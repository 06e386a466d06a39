"""Untranslated: stretches of the original's language left in the translation."""

from __future__ import annotations

import re
from functools import cache

from auditor.detect.content import UNSPACED, commoner_in
from auditor.detect.nameforms import Token, function_words, tokens
from auditor.detect.policy import severity
from auditor.detect.units import Unit, in_quote
from auditor.documents import Span
from auditor.excerpt import shorten
from auditor.records import Finding

MIN_RUN_WORDS = 4       # shorter source-language runs are loanwords, names or titles as often as leftovers
PREFILTER_CUES = 1      # a source-only function word ("the", "which") makes a sentence worth language ID
PREFILTER_RUN = 4       # or this many words in a row that read as the original's language (MIN_RUN_WORDS)
ORIGINAL_MATCH = 85     # rapidfuzz partial ratio above which the fragment is located in the original
CLAUSE_BREAK = re.compile(r"[;:()\[\]\u00ab\u00bb\u201c\u201d\"\u2014\u2013]|[,.](?!\d)")
NAME_CONNECTORS = frozenset({"of", "the", "and", "for", "on", "de", "di", "da", "del", "la", "le", "du", "des", "van",
                             "von", "y"})
TRAILING_NUMBERS = re.compile(r"(?:\s+\d(?:[\d.,:/]*\d)?(?:\s*(?:%|km/h|km|\u00b0C))?)+")


def detect_untranslated(unit: Unit) -> list[Finding]:
    """Runs of 4+ words in the original's language inside the translation (names and quoted titles aside)."""
    source, target = unit.original.language, unit.translation.language
    text = unit.translation.text
    if source == target or not _suspect(tokens(text), source, target):
        return []
    findings = []
    for start, end in _source_runs(text, source, target):
        fragment, run = text[start:end], [t for t in tokens(text) if start <= t.start < end]
        if len(fragment.split()) < MIN_RUN_WORDS or _proper_name_run(run) or \
                (in_quote(text, start) and _title(run, source)):
            continue
        reason = f"Left untranslated ({_language_name(source)}): \u201c{shorten(fragment)}\u201d"
        level = severity("untranslated", "fragment left in the original language")
        findings.append(unit.finding("untranslated", level, reason, _in_original(unit, fragment),
                                     unit.translation.span(start, end)))
    return findings


def _suspect(toks: list[Token], source: str, target: str) -> bool:
    """Cheap test before language ID (which costs ~0.1 s a language to load and most of the check's time): a
    source-only function word, or a run of words that read as the source language."""
    if sum(t.text.lower() in _only(source, target) for t in toks) >= PREFILTER_CUES:
        return True
    leaning = _leaning_run if source not in UNSPACED and target not in UNSPACED else _unmarked_run
    return leaning(toks, source, target) >= PREFILTER_RUN


def _leaning_run(toks: list[Token], source: str, target: str) -> int:
    """The longest run of lower-case words more frequent in the source language than in the target (wordfreq);
    function words of both languages, capitalised words (names) and elided or hyphenated forms neither extend
    nor break it. On WMT24 this lets through 28 of 997 Russian paragraphs where counting words between
    function words let through 851, and it keeps every English or Italian segment left untranslated in
    Tatoeba pairs (372 of 372)."""
    target_only, shared = _only(target, source), function_words(source) & function_words(target)
    longest = run = 0
    for token in toks:
        low = token.text.lower()
        if low in shared or (token.text[0].isupper() and low not in target_only) or not low.isalpha():
            continue
        run = run + 1 if low not in target_only and commoner_in(low, source, target) else 0
        longest = max(longest, run)
    return longest


def _unmarked_run(toks: list[Token], source: str, target: str) -> int:
    """Where wordfreq cannot read a side (Chinese, Japanese, Thai): the longest run of lower-case words with no
    target function word among them."""
    target_words, longest, run = function_words(target), 0, 0
    for token in toks:
        run = 0 if token.text.lower() in target_words or token.text[0].isupper() else run + 1
        longest = max(longest, run)
    return longest


def _source_runs(text: str, source: str, target: str) -> list[tuple[int, int]]:
    """(start, end) of runs in the source language: whole clauses language ID gives to the source, or
    stretches of mixed clauses, cut wherever a target function word shows the target language is back."""
    from auditor.language import language_spans

    spans = [(a, b) for lang, a, b in language_spans(text, (source, target)) if lang == source]
    toks = tokens(text)
    source_only, target_only = _only(source, target), _only(target, source)
    runs: list[list[Token]] = []
    for start, end in _clauses(text):
        words = [t for t in toks if start <= t.start < end]
        whole = len(words) >= MIN_RUN_WORDS and _leans_to(text[start:end], source, target)
        run: list[Token] = []
        for token in words:
            low = token.text.lower()
            claimed = whole or low in source_only or any(a <= token.start < b for a, b in spans)
            if low in target_only or not claimed:
                runs, run = runs + [run], []
            else:
                run.append(token)
        runs.append(run)
    return [_extent(text, run) for run in runs if run]


def _clauses(text: str) -> list[tuple[int, int]]:
    """Stretches between clause punctuation and quotation marks (a comma inside a number does not split)."""
    bounds = [0, *(i for m in CLAUSE_BREAK.finditer(text) for i in (m.start(), m.end())), len(text)]
    return [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]


def _leans_to(clause: str, source: str, target: str) -> bool:
    from auditor.language import language_confidence

    scores = language_confidence(clause, (source, target))
    return scores[source] > scores[target]


def _extent(text: str, run: list[Token]) -> tuple[int, int]:
    """The run's span, taking in numbers that end it ("on March 31", "110 km/h")."""
    tail = TRAILING_NUMBERS.match(text, run[-1].end)
    return run[0].start, tail.end() if tail else run[-1].end


def _proper_name_run(run: list[Token]) -> bool:
    """Capitalised words joined by connectors only: an organisation or a title kept in its own language."""
    return all(t.text[0].isupper() or t.text.lower() in NAME_CONNECTORS for t in run)


def _title(run: list[Token], language: str) -> bool:
    """Half the content words capitalised: a quoted title or slogan, kept in its language on purpose."""
    content = [t for t in run if t.text.lower() not in function_words(language) and len(t.text) > 1]
    capitalised = sum(t.text[0].isupper() for t in content)
    return capitalised >= 2 and capitalised * 2 >= len(content)


def _in_original(unit: Unit, fragment: str) -> Span | None:
    """Where the fragment stands in the original, verbatim or nearly (None when it is not there)."""
    from rapidfuzz.fuzz import partial_ratio_alignment

    original = unit.original.text
    verbatim = re.search(re.escape(fragment), original, re.IGNORECASE)
    if verbatim:
        return unit.original.span(verbatim.start(), verbatim.end())
    if len(original.lower()) != len(original):
        return None  # lower-casing changed the length ("İ"): fuzzy offsets would point elsewhere
    match = partial_ratio_alignment(fragment.lower(), original.lower())
    if match is None or match.score < ORIGINAL_MATCH:
        return None
    return unit.original.span(match.dest_start, match.dest_end)


@cache
def _only(language: str, other: str) -> frozenset[str]:
    """Function words of one language that are not words of the other."""
    return function_words(language) - function_words(other)


@cache
def _language_name(code: str) -> str:
    from babel import Locale

    return Locale("en").languages.get(code, code)
