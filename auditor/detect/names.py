"""Names: a person's name that the translation misspells into another name, leaves out or brings in."""

from __future__ import annotations

from dataclasses import dataclass, replace

from auditor.detect.nameforms import INFLECTION_ENDINGS, Token, given_names, plain, same_word
from auditor.detect.namespans import Name, NameSide, name_side
from auditor.detect.policy import severity
from auditor.detect.units import Unit, quoted_ranges
from auditor.records import Finding

NAME_SIMILARITY = 75  # rapidfuzz ratio: Antony/Anthony 92, Blinken/Brinken 86, Marco/Mario 80; Kyiv/Kharkiv 55
MIN_TOKEN_CHARS = 3
UNCASED = frozenset({"ar", "ja", "ko", "th", "zh"})  # no capitals to find names by: the detector stays silent


@dataclass(frozen=True, slots=True)
class _Pair:
    """The unit and the names of its two sides."""

    unit: Unit
    source: NameSide
    target: NameSide


def detect_names(unit: Unit) -> list[Finding]:
    """Names of people changed (Antony/Anthony), dropped or added; transliterations and exonyms are not errors."""
    languages = (unit.original.language, unit.translation.language)
    if UNCASED & set(languages):
        return []
    source, target = name_side(unit.original, languages), name_side(unit.translation, languages)
    pair = _Pair(unit, replace(source, names=_cores(source, target)), replace(target, names=_cores(target, source)))
    findings: list[Finding] = []
    used: set[Name] = set()
    if not pair.source.headline:
        for name in pair.source.names:
            finding, counterpart = _compare(pair, name, used)
            findings += [finding] if finding else []
            used |= {counterpart} if counterpart else set()
    if not pair.target.headline:
        findings += [_added(pair, name) for name in pair.target.names
                     if name.person and name not in used and _unexplained(name, pair.source)]
    return findings


def _cores(side: NameSide, other: NameSide) -> tuple[Name, ...]:
    """Names without edge words the other side has as common nouns ("Economist Paul Granger" / "l'economista")."""
    cores = []
    for name in side.names:
        toks = list(name.tokens)
        while len(toks) > 1 and _spelled_like(toks[0], other.lowercase_words):
            toks.pop(0)
        while len(toks) > 1 and _spelled_like(toks[-1], other.lowercase_words):
            toks.pop()
        cores.append(name if len(toks) == len(name.tokens) else
                     Name(tuple(toks), name.person, side.text[toks[0].start:toks[-1].end]))
    return tuple(cores)


def _compare(pair: _Pair, name: Name, used: set[Name]) -> tuple[Finding | None, Name | None]:
    """The finding for one original name, and the translation name it was paired with."""
    missing = [t for t in name.tokens if not _found(t, name, pair.target.keys)]
    if not missing:
        return None, None
    # Only a token capitalised on both sides anchors the name ("Treasurer Malcolm Reid" / "the treasurer").
    anchors = frozenset(t.key for t in name.tokens
                        if t not in missing and _found(t, name, pair.target.capitalised_keys))
    anchored = bool(anchors)
    rest = _rest_of_name(name, anchors, pair, used) if anchored else None
    if rest is not None:
        return _changed(pair, name, rest), rest  # same surname, another first name (Paul/Peter Granger)
    if anchored or name.person:
        for token in missing:
            counterpart = _similar_name(token, pair, used)
            if counterpart and (name.person or counterpart.person):
                return _changed(pair, name, counterpart), counterpart
    if anchored or not name.person or all(_cognate(t, pair.target) for t in missing):
        return None, None  # a first name left out, or a capitalised common noun ("European Parliament")
    replacement = next((n for n in pair.target.names if n.person and n not in used
                        and _unexplained(n, pair.source)), None)
    if replacement:
        return _changed(pair, name, replacement), replacement
    reason = f"The original names '{name.text}'; the translation leaves the name out."
    return pair.unit.finding("name", severity("name", "dropped"), reason, pair.unit.original.span(name.start, name.end),
                             None), None


def _found(token: Token, name: Name, keys: frozenset[str]) -> bool:
    """The token is among the keys as the same word, a transliteration or (alone) a given-name exonym."""
    key = token.key
    if any(k in keys and same_word(key, k) for k in (key, key[:-1], *(key + v for v in INFLECTION_ENDINGS))):
        return True
    group = given_names().get(key) if len(name.tokens) == 1 else None
    return group is not None and any(given_names().get(k) == group for k in keys)


def _rest_of_name(name: Name, anchors: frozenset[str], pair: _Pair, used: set[Name]) -> Name | None:
    """The translation name sharing a token with this person's name and holding a token of its own instead."""
    for other in pair.target.names:
        if other in used or not (name.person or other.person):
            continue
        if any(_found(t, other, anchors) for t in other.tokens) and \
                any(not _found(t, other, pair.source.keys) and not _cognate(t, pair.source) for t in other.tokens):
            return other
    return None


def _similar_name(token: Token, pair: _Pair, used: set[Name]) -> Name | None:
    """The translation name holding a token spelled like this one but not equivalent to any original word."""
    from rapidfuzz.fuzz import ratio

    best, best_score = None, NAME_SIMILARITY
    for name in pair.target.names:
        for other in name.tokens:
            if name in used or len(other.text) < MIN_TOKEN_CHARS or _found(other, name, pair.source.keys):
                continue
            score = ratio(plain(token.text), plain(other.text))
            if score >= best_score:
                best, best_score = name, score
    return best


def _cognate(token: Token, other: NameSide) -> bool:
    """Some word of the other side is spelled much like this token (a translated common noun, not a name)."""
    return _spelled_like(token, other.plain_words)


def _spelled_like(token: Token, spellings: frozenset[str] | tuple[str, ...]) -> bool:
    from rapidfuzz.fuzz import ratio

    return any(ratio(plain(token.text), word) >= NAME_SIMILARITY for word in spellings)


def _unexplained(name: Name, other: NameSide) -> bool:
    """No token of the name is in the other side, nor spelled like a word there."""
    return not any(_found(t, name, other.keys) or _cognate(t, other) for t in name.tokens)


def _changed(pair: _Pair, name: Name, counterpart: Name) -> Finding:
    attribution = _speaker(pair.unit.original.text, name) and _speaker(pair.unit.translation.text, counterpart)
    reason = f"The original names '{name.text}'; the translation says '{counterpart.text}'."
    if attribution:
        reason = reason[:-1] + ", so the quote is attributed to someone else."
    level = severity("name", "quote given to another person" if attribution else "changed")
    return pair.unit.finding("name", level, reason, pair.unit.original.span(name.start, name.end),
                             pair.unit.translation.span(counterpart.start, counterpart.end))


def _added(pair: _Pair, name: Name) -> Finding:
    reason = f"The translation names '{name.text}', who is not named in the original."
    return pair.unit.finding("name", severity("name", "added"), reason, None,
                             pair.unit.translation.span(name.start, name.end))


def _speaker(text: str, name: Name) -> bool:
    """The sentence quotes someone and the name stands outside the quote (it is the attribution)."""
    ranges = quoted_ranges(text)
    return bool(ranges) and not any(start <= name.start < end for start, end in ranges)
