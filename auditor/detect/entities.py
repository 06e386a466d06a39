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
    NAME_SUPPORT,
    UNSPACED,
    WORD,
    WORD_SUPPORT,
    ContentAlignment,
    Word,
    WordLink,
    accounted,
    is_name,
    language_scripts,
    same_name,
    script_of,
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
TRANSLITERATED = 0.7   # across scripts a spelling this close is the same name (vicente / vinsente)
RESPELLED = 0.75       # ... but only a respelling keeps the letters (spelling ratio: Puls/Plus 0.75)


def detect_entities(unit: Unit, alignment: ContentAlignment, embed: Embed) -> list[Finding]:
    """One finding per name without counterpart: changed when both sides have one, else dropped or added."""
    languages = (unit.original.language, unit.translation.language)
    lost = [] if unit.translation.language in UNSPACED else _runs(
        unit.original.text, [w for w, link in zip(alignment.original, alignment.original_links, strict=True)
                             if _unmatched(w, link, alignment.translation, languages)])
    # Names in Chinese or Japanese script have no spelling to compare with a romanised name (高木 / Takagi,
    # Siso / 西索), either way.
    new = [] if unit.original.language in UNSPACED else _runs(
        unit.translation.text, [w for w, link in zip(alignment.translation, alignment.translation_links, strict=True)
                                if _unmatched(w, link, alignment.original, languages)])
    # Across scripts a common word cannot be checked by its spelling (ВМФ / Navy, Млечный / Milky): only a
    # rare name or an acronym is a name there.
    lost = [run for run in lost if not _unspellable(run, unit.translation.language)]
    new = [run for run in new if not _unspellable(run, unit.original.language)]
    # A lone capitalised common word without counterpart may be a noun the other side translated freely
    # (Agencia, Brewers): it counts when another name stands in its place, not on its own; a run of them
    # (Paul Granger) is a name.
    if not (lost and new):
        lost = [run for run in lost if len(run) > 1 or not run[0].common]
        new = [run for run in new if len(run) > 1 or not run[0].common]
    lost = [run for run in lost if (new or not all(w.text.isupper() for w in run)) and not _rendered(
        unit.original.text, run, alignment.original, unit.translation.text, alignment.translation,
        alignment.translation_links, embed)]
    new = [run for run in new if not _rendered(unit.translation.text, run, alignment.translation,
                                               unit.original.text, alignment.original, alignment.original_links,
                                               embed)]
    findings = []
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


def _rendered(text: str, run: list[Word], words: tuple[Word, ...], other_text: str, others: tuple[Word, ...],
              other_links: tuple[WordLink, ...], embed: Embed) -> bool:
    """A name rendered as a phrase on the other side: the whole capitalised run it stands in (Southern
    California / Südkalifornien, United States / Stanach Zjednoczonych) has a vector close to a stretch of the
    other side as long as the run, one word shorter or one word longer."""
    first, last = words.index(run[0]), words.index(run[-1])
    while first > 0 and words[first - 1].capitalised and _adjacent(text, words[first - 1], words[first]):
        first -= 1
    while last + 1 < len(words) and words[last + 1].capitalised and _adjacent(text, words[last], words[last + 1]):
        last += 1
    n = last - first + 1
    if any(link.counterpart is not None and first <= link.counterpart <= last and link.support >= NAME_SUPPORT
           for link in other_links):
        return True  # a word of the other side renders it (Wirtschaftsforum for Economic Forum)
    # The rendering is among the other side's words that nothing on this side accounts for.
    loose = [k for k, link in enumerate(other_links) if others[k].content and link.support < WORD_SUPPORT]
    stretches = [other_text[others[k].start:others[min(k + m, len(others)) - 1].end]
                 for m in (n - 1, n, n + 1) if m > 0 for k in loose]
    if not stretches:
        return False
    vectors = embed([text[words[first].start:words[last].end], *stretches])
    return float((vectors[1:] @ vectors[0]).max()) >= NAME_SUPPORT


def _unspellable(run: list[Word], other_language: str) -> bool:
    """A run of common words in a script the other side does not write."""
    return all(w.common and not w.text.isupper() for w in run) and \
        not set(language_scripts(run[0].language)) & set(language_scripts(other_language))


def _adjacent(text: str, a: Word, b: Word) -> bool:
    return b.start - a.end <= RUN_GAP and not text[a.end:b.start].strip(" -")


def _unmatched(word: Word, link: WordLink, others: tuple[Word, ...], languages: tuple[str, str]) -> bool:
    """A name the other side neither spells nor has anything related to (a translated title-case term such
    as 'Subtropical' or 'Hydrometeorological' is related to its source word; Wang / Sankei Shimbun is not).
    An acronym of the original may be rendered by words (ONZ / United Nations): only a changed one counts."""
    related = NAME_SUPPORT if word.text.isupper() else RELATED  # SPD/CDU 0.60: parties are alike, not the same
    return is_name(word) and link.support < related and not accounted(word, link, others, languages)


def vetted(finding: Finding, unit: Unit, alignment: ContentAlignment, embed: Embed) -> bool:
    """Does a name-pattern finding survive the alignment? Only a changed name does (a name without counterpart
    is detect_entities' to find), and only when it is a respelling or another name, not a translation:

    - every word of the original's name accounted for (a declined or transliterated name: Banaś / Banasia) -> no;
    - the two share a rare name word (Katherine Oduya / Catherine Oduya, Antony / Anthony Blinken) -> yes;
    - a rare word of the original respelled (Thomas Puls / Thomas Plus) -> yes;
    - two names of about as many words that the encoder keeps apart (Sergey Morozov / Paul Granger) -> yes;
    - otherwise a translated title or organisation (Speaker Mike Johnson / Cámara Mike Johnson, Economic Forum /
      Foro Económico Mundial, Centralne Biuro Antykorupcyjne / Central Anticorruption Bureau) -> no.
    """
    if finding.category != "name":
        return True
    if finding.original_span is None or finding.translation_span is None:
        return False
    languages = (unit.original.language, unit.translation.language)
    original = [(w, link) for w, link in _inside(alignment.original, alignment.original_links, unit,
                                                   finding.original_span) if w.content]
    if not original or all(_same(w, link, alignment.translation, languages) for w, link in original):
        return False
    translation = [w for w in alignment.translation if w.content and finding.translation_span.start
                   <= unit.translation.span(w.start, w.end).start < finding.translation_span.end]
    inflecting = bool(INFLECTING & set(languages))
    shared = [w for w, _ in original if any(same_name(w.text, t.text, inflecting) for t in translation)]
    any_respelled = any(respelled(w.text, t.text) for w, _ in original for t in translation)
    if any(not w.common for w in shared) or (shared and any_respelled):
        return True  # Katherine Oduya / Catherine Oduya, Elena Brandt / Elena Blandt
    if any(not w.common and respelled(w.text, t.text) for w, _ in original for t in translation):
        return True
    if _spells_out(finding.original_span.text, unit.translation.text[finding.translation_span.start:]) or \
            _spells_out(finding.translation_span.text, unit.original.text[finding.original_span.start:]):
        return False  # SNP / Шотландской национальной партии: an acronym and its words
    vectors = embed([finding.original_span.text, finding.translation_span.text])
    return abs(len(original) - len(translation)) <= 1 and float(vectors[0] @ vectors[1]) < TRANSLATED_NAME


def _spells_out(acronym: str, text: str) -> bool:
    """Is the acronym (2-6 capitals) the initials of the content words that open the text, in any script?
    (SNP / Scottish National Party / Шотландской национальной партии / Partido Nacional Escocés aside: a
    translated name reorders its words, and only the order kept is taken as the same name.)"""
    from unidecode import unidecode

    if not (2 <= len(acronym) <= 6 and acronym.isalpha() and acronym.isupper()):
        return False
    found = [m.group() for m in WORD.finditer(text)][:3 * len(acronym)]
    initials = "".join(unidecode(w[0]).upper()[:1] for w in found if len(w) > 3 or w[0].isupper())
    return initials.startswith(acronym.upper())


def respelled(a: str, b: str) -> bool:
    """Two spellings of one name, the one garbled (Puls / Plus, Herrera / Herreira), not the very same."""
    from rapidfuzz.fuzz import ratio

    return RESPELLED * 100 <= ratio(spelling(a), spelling(b)) < 100


def _same(word: Word, link: WordLink, others: tuple[Word, ...], languages: tuple[str, str]) -> bool:
    """The other side has this very word: a name respelled only by transliteration or a case ending, or
    rendered by a word of another spelling (Stanach / States); a near spelling that is not the same name
    (Katherine / Catherine) is another name. A common word counts by its translation."""
    from rapidfuzz.fuzz import ratio

    if link.counterpart is None:
        return False
    if not is_name(word):
        return accounted(word, link, others, languages)
    other = others[link.counterpart].text
    if same_name(word.text, other, bool(INFLECTING & set(languages))):
        return True
    if script_of(word.text) != script_of(other):  # a transliteration is lossy: Vicente / Винсенте
        return ratio(spelling(word.text), spelling(other)) >= TRANSLITERATED * 100 or link.support >= NAME_SUPPORT
    if not word.common:
        return False  # a rare name in the same script is spelled, never translated (Hrytsenko / Hlycenko)
    return ratio(spelling(word.text), spelling(other)) < RESPELLED * 100 and link.support >= NAME_SUPPORT


def _inside(words: tuple[Word, ...], links, unit: Unit, span: Span) -> list:
    """The original's words that lie inside a file-offset span."""
    return [(w, link) for w, link in zip(words, links, strict=True)
            if span.start <= unit.original.span(w.start, w.end).start < max(span.end, span.start + 1)]


def _runs(text: str, names: list[Word]) -> list[list[Word]]:
    """Adjacent name words grouped into one name (Sankei Shimbun)."""
    runs: list[list[Word]] = []
    for word in names:
        if runs and _adjacent(text, runs[-1][-1], word):
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs
