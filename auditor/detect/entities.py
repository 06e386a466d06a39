"""Names through the content alignment: a name one side has and the other does not account for.

The name-pattern detector (names.py) compares runs of capitalised words; it never sees a one-word name
("the SPD" / "la CDU", "Okafor" / "Adeyemi"), and in a language that capitalises nouns or declines names it
reads every noun as a name and every case ending as a changed name. Here a name is a capitalised word that is
rare in its language (wordfreq) or an acronym; the alignment says whether the other side spells it (same key,
transliteration, a case ending) or, across scripts, has a close vector for it. The same test vets the pattern
detector's findings: a "changed" or "dropped" name whose words the other side does account for is a
translated or declined name, not an error.
"""

from __future__ import annotations

from auditor.detect.content import (
    INFLECTING,
    UNSPACED,
    ContentAlignment,
    Word,
    WordLink,
    accounted,
    is_name,
    same_name,
    spelling,
)
from auditor.detect.policy import severity
from auditor.detect.units import Unit
from auditor.documents import Span
from auditor.embed import Embed
from auditor.records import Finding

RUN_GAP = 2  # words at most this far apart (a space, or "-") form one name
RELATED = 0.55        # a name whose best counterpart is this close is a rendering, not a new name
TRANSLATED_NAME = 0.75 # vectors of a name and its translation (a respelled person's name is close too) ...
RESPELLED = 0.8        # ... but only a respelling keeps the letters (spelling ratio)


def detect_entities(unit: Unit, alignment: ContentAlignment) -> list[Finding]:
    """One finding per name without counterpart: changed when both sides have one, else dropped or added."""
    languages = (unit.original.language, unit.translation.language)
    lost = _runs(unit.original.text, [w for w, link in zip(alignment.original, alignment.original_links, strict=True)
                                      if _unmatched(w, link, alignment.translation, languages)])
    # Names in Chinese or Japanese script have no spelling to compare with a romanised name (高木 / Takagi).
    new = [] if unit.original.language in UNSPACED else _runs(
        unit.translation.text, [w for w, link in zip(alignment.translation, alignment.translation_links, strict=True)
                                if _unmatched(w, link, alignment.original, languages)])
    findings = []
    lost = [run for run in lost if new or not all(w.text.isupper() for w in run)]
    for k, run in enumerate(lost):
        original = unit.original.span(run[0].start, run[-1].end)
        if k < len(new):
            translation = unit.translation.span(new[k][0].start, new[k][-1].end)
            reason = f"The original names '{original.text}'; the translation says '{translation.text}'."
            findings.append(unit.finding("name", severity("name", "changed"), reason, original, translation,
                                         confidence=0.8))
        else:
            reason = f"The original names '{original.text}'; the translation has no counterpart for it."
            findings.append(unit.finding("name", severity("name", "dropped"), reason, original, None,
                                         confidence=0.7))
    for run in new[len(lost):]:
        translation = unit.translation.span(run[0].start, run[-1].end)
        reason = f"The translation names '{translation.text}', who or which the original does not name."
        findings.append(unit.finding("name", severity("name", "added"), reason, None, translation, confidence=0.7))
    return findings


def _unmatched(word: Word, link: WordLink, others: tuple[Word, ...], languages: tuple[str, str]) -> bool:
    """A name the other side neither spells nor has anything related to (a translated title-case term such
    as 'Subtropical' or 'Hydrometeorological' is related to its source word; Wang / Sankei Shimbun is not).
    An acronym of the original may be rendered by words (ONZ / United Nations): only a changed one counts."""
    return is_name(word) and link.support < RELATED and not accounted(word, link, others, languages)


def vetted(finding: Finding, unit: Unit, alignment: ContentAlignment, embed: Embed) -> bool:
    """Does a name-pattern finding survive the alignment? Only a changed name does (a name without counterpart
    is detect_entities' to find), and not when the other side accounts for every word of the original's name
    (a declined or transliterated name), nor when the two names are translations of each other rather than
    respellings (Centralne Biuro Antykorupcyjne / Central Anticorruption Bureau: close vectors, distant
    spellings; Antony Blinken / Anthony Blinken: close both)."""
    if finding.category != "name":
        return True
    if finding.original_span is None or finding.translation_span is None:
        return False
    if _translated(finding.original_span.text, finding.translation_span.text, embed):
        return False
    languages = (unit.original.language, unit.translation.language)
    words = [(w, link) for w, link in _inside(alignment.original, alignment.original_links, unit,
                                                finding.original_span) if w.content]
    return not words or not all(_same(w, link, alignment.translation, languages) for w, link in words)


def _same(word: Word, link: WordLink, others: tuple[Word, ...], languages: tuple[str, str]) -> bool:
    """The other side has this very word: a name respelled only by transliteration or a case ending
    (a near spelling such as Katherine / Catherine is another name), a common word by its translation."""
    if link.counterpart is None:
        return False
    if word.capitalised or is_name(word):  # Katherine is a frequent word, and still a name
        return same_name(word.text, others[link.counterpart].text, bool(INFLECTING & set(languages)))
    return accounted(word, link, others, languages)


def _translated(original: str, translation: str, embed: Embed) -> bool:
    from rapidfuzz.fuzz import ratio

    vectors = embed([original, translation])
    return float(vectors[0] @ vectors[1]) >= TRANSLATED_NAME and ratio(spelling(original), spelling(translation)) < \
        RESPELLED * 100


def _inside(words: tuple[Word, ...], links, unit: Unit, span: Span) -> list:
    """The original's words that lie inside a file-offset span."""
    return [(w, link) for w, link in zip(words, links, strict=True)
            if span.start <= unit.original.span(w.start, w.end).start < max(span.end, span.start + 1)]


def _runs(text: str, names: list[Word]) -> list[list[Word]]:
    """Adjacent name words grouped into one name (Sankei Shimbun)."""
    runs: list[list[Word]] = []
    for word in names:
        if runs and word.start - runs[-1][-1].end <= RUN_GAP and not text[runs[-1][-1].end:word.start].strip(" -"):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs
