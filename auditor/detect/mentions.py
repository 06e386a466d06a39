"""Numbers and date parts found in a text: locale formats (100,000 = 100.000), scale and number words
(two million = due milioni, trent'anni), months, weekdays, day lists and years, with their positions."""

from __future__ import annotations

import re
from functools import cache

from auditor.detect.measures import measure_words
from auditor.detect.timeexpr import time_expressions
from auditor.detect.units import Mention, Side, calendar_names, lexicon, words

# Digits not glued to Latin letters ("300人" is a number in Japanese; "A4" and "G7" are names, not numbers),
# except a scale or unit written against them: $5bn, 1.5m, 40C, 10km, 800MW.
GLUED = r"(?:bn|mn|tn|trn|mln|mld|m|k|km|kg|cm|mm|mph|kph|ft|lbs?|oz|ha|C|F|[kMG]Wh?)\b"
NOT_GLUED = rf"(?!(?!{GLUED})[A-Za-z\u00c0-\u024f0-9])"
NUMBER = re.compile(r"(?<![A-Za-z\u00c0-\u024f0-9.,])\d{1,3}(?:([.,\u00a0\u202f ])\d{3})(?:\1\d{3})*(?:[.,]\d+)?"
                    + NOT_GLUED +
                    r"|(?<![A-Za-z\u00c0-\u024f0-9.,])\d+(?:[.,]\d+)?(?:st|nd|rd|th|°|ª|º)?" + NOT_GLUED)
SIMPLE_WORD = re.compile(r"[^\W\d_]+")
DATE_JOINER = re.compile(r"\s*(?:,|\.|-|\u2013|and|e|et|y|und|or|o|th|st|nd|rd|of|de|di)?\s*", re.IGNORECASE)
YEAR = re.compile(r"^(1[89]\d\d|20\d\d)$")


def mentions(side: Side) -> list[Mention]:
    """Every number and date part of the side, numbers that belong to dates counted as dates."""
    text, lex = side.text, lexicon(side.language)
    timed = time_expressions(text, side.language)
    dated = [d for d in _date_words(text, side.language, lex) if not _overlaps(d, timed)]
    numbers = [m for m in _digit_numbers(text, side.language) if not _overlaps(m, [*dated, *timed])]
    numbers = _as_dates(numbers, dated, text)
    worded = [m for m in _number_words(text, side.language) if not _overlaps(m, timed)]
    return sorted([*timed, *dated, *numbers, *worded], key=lambda m: m.start)


def _overlaps(mention: Mention, others: list[Mention]) -> bool:
    return any(mention.start < o.end and o.start < mention.end for o in others)


@cache
def number_scales(language: str) -> dict[str, float]:
    """Scale words and abbreviations -> multiplier: the lexicon's, and CLDR's compact decimal formats
    (ru 'млн', pl 'tys.', zh '万' = 10^4 and '亿' = 10^8, ja '億', pt 'mi'), short and long forms."""
    from babel import Locale, UnknownLocaleError

    found: dict[str, float] = {}
    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return dict(lexicon(language).get("scales", {}))
    for width in ("short", "long"):
        for by_magnitude in locale.compact_decimal_formats.get(width, {}).values():  # one per plural form
            for magnitude, pattern in by_magnitude.items():
                text = str(pattern.pattern).replace("'", "")
                zeros = text.count("0")
                word = text.replace("0", "").strip(" \u00a0.").lower()
                if word and zeros and not (len(word) == 1 and word.isascii()):  # 5 t: tonnes, not trillions
                    found.setdefault(word, float(magnitude) / 10 ** (zeros - 1))
    return {**found, **lexicon(language).get("scales", {})}


@cache
def decimal_mark(language: str) -> str:
    """The lexicon's decimal mark, else CLDR's (ru and pl write 2,3 for two point three)."""
    from babel import UnknownLocaleError
    from babel.numbers import get_decimal_symbol

    if "decimal" in lexicon(language):
        return lexicon(language)["decimal"]
    try:
        return get_decimal_symbol(language)
    except (UnknownLocaleError, ValueError):
        return "."


def _scale_after(text: str, end: int, language: str) -> tuple[str | None, int]:
    """The scale word right after a number and where it ends (a CJK scale is one glued character)."""
    if language in ("zh", "ja") and end < len(text) and text[end] in number_scales(language):
        return text[end], end + 1
    after = words(text[end:end + 14])
    if after and after[0].start() <= 1:
        return after[0].group().lower(), end + after[0].end()
    return None, end


# Full-width digits (８月１日 in Japanese and Chinese text) read as ASCII ones, one character for one.
FULL_WIDTH_DIGITS = str.maketrans("\uff10\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19", "0123456789")
# A full-width comma or stop is a digit group or decimal mark only between digits (１，０００ / ３．５); elsewhere it
# is Chinese or Japanese punctuation, and "，2002年" read as ",2002" would not be a number at all.
FULL_WIDTH_MARK = re.compile(r"(?<=[0-9\uff10-\uff19])[\uff0c\uff0e](?=[0-9\uff10-\uff19])")


def ascii_digits(text: str) -> str:
    """The text with full-width digits, and the full-width marks between them, in ASCII (same length)."""
    return FULL_WIDTH_MARK.sub(lambda m: "," if m.group() == "\uff0c" else ".", text).translate(FULL_WIDTH_DIGITS)


def _digit_numbers(text: str, language: str) -> list[Mention]:
    text = ascii_digits(text)
    decimal = decimal_mark(language)
    scales = number_scales(language)
    found = []
    for match in NUMBER.finditer(text):
        value = parse_number(match.group(), decimal)
        if value is None:
            continue
        end, also = match.end(), None
        scale, scale_end = _scale_after(text, match.end(), language)
        if scale in scales:
            # "2m" is 2 million in a newspaper and 2 metres on a building site: keep both readings.
            also = value if scale in measure_words(language) else None
            value *= scales[scale]
            end = scale_end
        found.append(Mention("number", value, match.start(), end, also))
    return found


def parse_number(token: str, decimal: str) -> float | None:
    """Value of a digit string under a locale's decimal mark ("1,250" is 1250 in English, 1.25 in Italian)."""
    token = re.sub(r"(st|nd|rd|th|°|ª|º)$", "", token)
    separators = re.findall(r"[.,\u00a0\u202f ]", token)
    if not separators:
        return float(token)
    groups = re.split(r"[.,\u00a0\u202f ]", token)
    last_sep, last = separators[-1], groups[-1]
    if len(last) != 3:
        is_decimal = True                        # "3.5", "3,5": a decimal mark whatever the locale
    elif len(separators) > 1:
        is_decimal = last_sep != separators[-2]  # "1,250.500" vs "1.250.000"
    else:
        is_decimal = last_sep == decimal         # one separator, three digits: the locale decides
    if last_sep in "\u00a0\u202f ":
        is_decimal = False
    integer = "".join(groups[:-1]) if is_decimal else "".join(groups)
    try:
        return float(f"{integer}.{last}") if is_decimal else float(integer)
    except ValueError:
        return None


def _date_words(text: str, language: str, lex: dict) -> list[Mention]:
    months, weekdays = calendar_names(language)
    relative = lex.get("relative_days", {})
    found = []
    for token in words(text):
        word = re.sub(r"['\u2019]s$", "", token.group().lower())  # "Tuesday's talks"
        if word in months and not (word in ("may", "march") and token.group().islower()):
            found.append(Mention("month", months[word], token.start(), token.end()))
        elif word in weekdays:
            found.append(Mention("weekday", weekdays[word], token.start(), token.end()))
        elif word in relative:
            found.append(Mention("relative", relative[word], token.start(), token.end()))
    return found


def _as_dates(numbers: list[Mention], dated: list[Mention], text: str) -> list[Mention]:
    """Years become 'year'; day numbers next to a month name ("18 and 19 November") become 'day'."""
    anchors = [(d.start, d.end) for d in dated if d.kind == "month"]
    out = list(numbers)
    changed = True
    while changed:  # a day joined to a day ("18 e 19 novembre") is a day too
        changed = False
        for k, m in enumerate(out):
            if m.kind == "number" and 1 <= m.value <= 31 and m.value == int(m.value) and any(
                    _joined(text, m.end, a) or _joined(text, b, m.start) for a, b in anchors):
                out[k] = Mention("day", m.value, m.start, m.end)
                anchors.append((m.start, m.end))
                changed = True
    return [Mention("year", m.value, m.start, m.end)
            if m.kind == "number" and YEAR.match(ascii_digits(text[m.start:m.end])) else m for m in out]


def _joined(text: str, left_end: int, right_start: int) -> bool:
    return 0 <= right_start - left_end <= 8 and bool(DATE_JOINER.fullmatch(text[left_end:right_start]))


def _number_words(text: str, language: str) -> list[Mention]:
    """Numbers written as words ("two million", "ventitré", "twice", "a third"); 'one'/'first' are too ambiguous."""
    found = []
    for start, end, run in _number_word_runs(text, language):
        if re.search(r"\d\s*$", text[max(0, start - 3):start]):
            continue  # "40 million": the scale word was already applied to the digits
        value = _run_value(" ".join(w for _, _, w in run), language)
        parts = [(start, end, value)] if value is not None else [  # "third quarter", "un terzo": word by word
            (a, b, _run_value(w, language)) for a, b, w in run]
        found += [Mention("number", v, a, b) for a, b, v in parts if v is not None and v != 1]
    return found


def _number_word_runs(text: str, language: str) -> list[tuple[int, int, list[tuple[int, int, str]]]]:
    """Runs of adjacent number words, each word as (start, end, word with elision undone)."""
    runs: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    scales = number_scales(language)
    for token in SIMPLE_WORD.finditer(text):  # "nine-day" holds the number word "nine"
        word = _unelided(token.group().lower(), text, token.end(), language)
        if not (_run_value(word, language) is not None or (runs and word in scales)):
            continue
        item = (token.start(), token.end(), word)
        if runs and not text[runs[-1][1]:token.start()].strip(" -"):
            runs[-1] = (runs[-1][0], token.end(), [*runs[-1][2], item])
        else:
            runs.append((token.start(), token.end(), [item]))
    return runs


def _unelided(word: str, text: str, end: int, language: str) -> str:
    """Italian and French elide before a vowel: "trent'anni" holds "trenta"."""
    if text[end:end + 1] not in ("'", "\u2019") or _run_value(word, language) is not None:
        return word
    return next((word + v for v in "aeo" if _run_value(word + v, language) is not None), word)


@cache
def _run_value(run: str, language: str) -> float | None:
    lex = lexicon(language)
    if run in lex.get("number_words", {}):
        return float(lex["number_words"][run])
    if run in lex.get("vague_numbers", ()):
        return None  # "hundreds of people" is not a count to check
    try:
        from text_to_num import alpha2digit
        converted = alpha2digit(run, language, threshold=0)
    except (ValueError, KeyError, NotImplementedError):
        return None
    digits = re.fullmatch(r"\s*(\d+)(?:st|nd|rd|th|ª|º|°|e|er|ème)?\s*", converted)
    return float(digits.group(1)) if digits else None
