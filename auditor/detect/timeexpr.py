"""Time expressions that are not plain numbers: clock times (3 p.m. = alle 15), decades (the 1990s = gli anni
Novanta), centuries (19th century = XIX secolo = Ottocento) and numeric dates (5/11/2024, 2024-11-05)."""

from __future__ import annotations

import re
from functools import cache

from auditor.detect.units import Mention, lexicon, words

CLOCK_12 = re.compile(r"(?<![\w.,:])(1[0-2]|0?[1-9])(?:[:.]([0-5]\d))?\s?([ap])\.?m\b\.?", re.IGNORECASE)
CLOCK_24 = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3]):([0-5]\d)(?![\w:])")
# A bare hour after "alle"/"dalle" or before "Uhr"/"h": 15, 15.30, 15h30.
HOUR = re.compile(r"(?<![\w.,:])([01]?\d|2[0-4])(?:(?:[.:]|h\s?)([0-5]\d))?(?![\w.,]?\d)")
NUMERIC_DATE = re.compile(r"(?<![\w/.-])(\d{1,2})([/.])(\d{1,2})\2((?:19|20)\d\d)(?![\w/-]|\.\d)")
ISO_DATE = re.compile(r"(?<![\w-])((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?![\w-])")
# 1990s, '90s, 90s, 1990er, 90er: the group that matched holds the decade's tens digit.
DIGIT_DECADE = re.compile(r"(?<![\w'\u2019])(?:(?:1[5-9]|20)(\d)0|['\u2019](\d)0|(\d)0)(?:s|er)(?!\w)")
ROMAN = re.compile(r"[MDCLXVI]+(?:e|ème)?")
ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
POSSESSIVES = ("his", "her", "their", "its", "my", "your", "our")  # "in her forties" is an age, not the 1940s


def time_expressions(text: str, language: str) -> list[Mention]:
    """Clock times, decades, centuries and numeric dates, earliest first, none overlapping another."""
    lex = lexicon(language)
    found = [*_numeric_dates(text), *_clock_times(text, lex), *_decades(text, lex), *_centuries(text, lex, language)]
    kept: list[Mention] = []
    for mention in found:  # the listing order is the priority: a date's "11.2024" is not a clock time
        if not any(mention.start < k.end and k.start < mention.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def _numeric_dates(text: str) -> list[Mention]:
    """Day, month and year of 5/11/2024 (day and month swap when both could be either) and of 2024-11-05."""
    found = []
    for match in NUMERIC_DATE.finditer(text):
        first, second, year = int(match.group(1)), int(match.group(3)), int(match.group(4))
        if not (1 <= first <= 31 and 1 <= second <= 31 and min(first, second) <= 12):
            continue
        day, month = (second, first) if second > 12 else (first, second)
        swap = max(first, second) <= 12 and first != second  # 5/11 is 5 November in Rome, May 11 in New York
        found += [Mention("day", day, match.start(1), match.end(1), month if swap else None),
                  Mention("month", month, match.start(3), match.end(3), day if swap else None),
                  Mention("year", year, match.start(4), match.end(4))]
    for match in ISO_DATE.finditer(text):
        found += [Mention("year", int(match.group(1)), match.start(1), match.end(1)),
                  Mention("month", int(match.group(2)), match.start(2), match.end(2)),
                  Mention("day", int(match.group(3)), match.start(3), match.end(3))]
    return found


def _clock_times(text: str, lex: dict) -> list[Mention]:
    """Minutes after midnight of 3 p.m., 3:30pm, 15:30, and of a bare hour the language marks as a time."""
    found = []
    for match in CLOCK_12.finditer(text):
        hour = int(match.group(1)) % 12 + (12 if match.group(3).lower() == "p" else 0)
        found.append(Mention("time", hour * 60 + int(match.group(2) or 0), match.start(), match.end()))
    found += [Mention("time", int(m.group(1)) * 60 + int(m.group(2)), m.start(), m.end())
              for m in CLOCK_24.finditer(text)]
    before, after = lex.get("time_before", ()), lex.get("time_after", ())
    for match in HOUR.finditer(text):
        head = text[max(0, match.start() - 20):match.start()].lower().rstrip()  # longer than any marker
        tail = words(text[match.end():match.end() + 12])
        next_word = tail[0].group().lower() if tail and not text[match.end():match.end() + tail[0].start()].strip()\
            else None
        marked_before = any(re.search(rf"(?<!\w){re.escape(w)}$", head) for w in before)
        if (marked_before and (next_word is None or next_word in lex.get("stopwords", ()) or next_word in after)) \
                or next_word in after or text[match.start():match.end()].count("h"):
            found.append(Mention("time", int(match.group(1)) * 60 + int(match.group(2) or 0),
                                 match.start(), match.end()))
    return found


def _decades(text: str, lex: dict) -> list[Mention]:
    """The 1990s, '90s, 90er, the nineties, gli anni '90 / Novanta: the decade's tens (90); an age decade ("in
    her forties") is the number 40."""
    found = [Mention("decade", int(next(g for g in m.groups() if g)) * 10, m.start(), m.end())
             for m in DIGIT_DECADE.finditer(text)]
    # "nineties" is a decade on its own; "Novanta" only after "anni" (alone it is ninety).
    decade_words, markers, tens = lex.get("decade_words", {}), lex.get("decade_before", ()), lex.get("decade_tens", {})
    tokens = words(text)
    for k, token in enumerate(tokens):
        word = token.group().lower()
        if word in markers:
            after = re.match(r"\s+(?:['\u2019]?(\d)0|(?:1[5-9]|20)(\d)0)(?!\d)", text[token.end():])
            if after:
                value = int(after.group(1) or after.group(2)) * 10
                found.append(Mention("decade", value, token.start(), token.end() + after.end()))
            elif k + 1 < len(tokens) and tokens[k + 1].group().lower() in tens \
                    and not text[token.end():tokens[k + 1].start()].strip():
                following = tokens[k + 1]
                found.append(Mention("decade", tens[following.group().lower()], token.start(), following.end()))
        elif word in decade_words:
            age = any(t.group().lower() in POSSESSIVES for t in tokens[max(0, k - 3):k])
            found.append(Mention("number" if age else "decade", decade_words[word], token.start(), token.end()))
    return found


def _centuries(text: str, lex: dict, language: str) -> list[Mention]:
    """19th century, nineteenth century, XIX secolo, secolo XIX, XIXe siècle, 19. Jahrhundert, l'Ottocento."""
    found = []
    century_words, names = lex.get("century_words", ()), lex.get("century_names", {})
    for name in re.finditer(r"[^\W\d_]+", text):  # "nell'Ottocento"; capitalised only: "ottocento" is 800
        if name.group() in names:
            found.append(Mention("century", names[name.group()], name.start(), name.end()))
    for token in words(text):
        if token.group().lower() not in century_words:
            continue
        before = re.search(r"(\S+)\s+$", text[:token.start()])
        after = re.match(r"\s+([MDCLXVI]+)\b", text[token.end():])
        if before and (value := _ordinal(before.group(1), language)) is not None:
            found.append(Mention("century", value, before.start(1), token.end()))
        elif after and (value := _roman(after.group(1))) is not None:
            found.append(Mention("century", value, token.start(), token.end() + after.end()))
    return found


def _ordinal(token: str, language: str) -> int | None:
    """19th, 19., XIX, XIXe, nineteenth, diciannovesimo -> 19."""
    token = token.strip(".,;:()")
    if re.fullmatch(r"\d{1,2}(?:st|nd|rd|th|\.|º|°|e|er|ème)?", token):
        return int(re.match(r"\d+", token).group())
    if ROMAN.fullmatch(token):
        return _roman(re.sub(r"(e|ème)$", "", token))
    return _ordinal_word(token.lower(), language)


@cache
def _ordinal_word(word: str, language: str) -> int | None:
    try:
        from text_to_num import alpha2digit
        converted = alpha2digit(word, language, threshold=0)
    except (ValueError, KeyError, NotImplementedError):
        return None
    digits = re.fullmatch(r"(\d+)(?:st|nd|rd|th|º|ª|e|er|ème)", converted.strip())
    return int(digits.group(1)) if digits else None


def _roman(numeral: str) -> int | None:
    values = [ROMAN_VALUES[c] for c in numeral]
    total = sum(-v if v < w else v for v, w in zip(values, [*values[1:], 0], strict=True))
    return total if 0 < total <= 30 else None
