"""Words the content alignment leaves without counterpart: added, dropped, replaced, or left untranslated.

A word without a close counterpart is only a candidate: translators reword, and a single-word vector is noisy.
It becomes a finding when the sentence encoder agrees: taking the word out of its sentence brings the sentence
closer to the other side (a faithful word's removal always costs similarity). Thresholds were chosen on the
DEMETR dev rows (bench/detect_real.py) for at most 2% false alarms on clean rows; see auditor/detect/policy.py.
"""

from __future__ import annotations

from auditor.detect.content import (
    COMMON_ZIPF,
    NOUN_CAPITALISING,
    UNSPACED,
    ContentAlignment,
    Word,
    accounted,
    commoner_in,
    is_name,
    language_scripts,
    script_of,
    zipf,
)
from auditor.detect.policy import confidence_from, severity
from auditor.detect.units import Side, Unit
from auditor.embed import Embed
from auditor.records import Finding

GAIN = 0.08            # cosine gained by removing the word (LOO): 0.08 keeps each of addition and omission
                       # under ~1.5% false alarms on clean DEMETR dev rows (at 0.02: 8% and 4%)
WEAK_SUPPORT = 0.5     # ... and a best counterpart below this (black/noir 0.93; unrelated words 0.3-0.5)
MIN_FOREIGN_WORDS = 2  # words of the original's language (not names) that make a fragment untranslated
MAX_CANDIDATES = 3     # words per side put to the leave-one-out test
MIN_CHARS = 3          # shorter words are particles, initials and symbols
FOREIGN_ZIPF = 1.0     # a word known in the original's language ...
NATIVE_ZIPF = 3.0      # ... and this rare in the translation's (wordfreq lists 'semaine' at 1.7 in English,
ZIPF_GAP = 2.0         # 'selbst' at 1.9: so also this much rarer there) is the original's word left in


def detect_words(unit: Unit, alignment: ContentAlignment, embed: Embed) -> list[Finding]:
    """Untranslated words, then words added, dropped or replaced."""
    findings = untranslated_words(unit, alignment)
    copied = {f.translation_span.start for f in findings if f.translation_span}
    added = _lacking(unit.translation, alignment.translation, alignment.translation_links, alignment.original,
                     unit.original.text, unit, embed, skip=copied)
    dropped = [] if unit.original.language in ("ja", "zh", "th") else _lacking(
        unit.original, alignment.original, alignment.original_links, alignment.translation, unit.translation.text,
        unit, embed, skip=set())
    for word, gain in added[:1]:
        findings.append(_added(unit, word, gain))
    for word, gain in dropped[:1]:
        findings.append(_dropped(unit, word, gain))
    return findings


def untranslated_words(unit: Unit, alignment: ContentAlignment) -> list[Finding]:
    """A word of the original's language copied into the translation: in another script, or spelled as a word
    of the original and frequent there but not a word of the translation's language (names aside)."""
    source, target = unit.original.language, unit.translation.language
    if source == target:
        return []
    original_keys = {w.key for w in alignment.original}
    findings = []
    for word in alignment.translation:
        low = word.text.lower()
        # Another script is the original's text left in, except a Latin name or acronym in a text of another
        # script (Vicente Siso, NASA in Japanese): those are kept in Latin letters on purpose.
        script = script_of(word.text)
        foreign_script = script not in language_scripts(target) and (
            script != "LATIN" or (word.text.islower() and zipf(low, source) >= COMMON_ZIPF and len(low) > MIN_CHARS))
        native, foreign = zipf(low, target), zipf(low, source)
        # Copied from the original and a word of its language but hardly of the translation's, or not known
        # in the translation's language at all (a lower-case word: names are spelled the same everywhere).
        known = foreign >= FOREIGN_ZIPF and native <= min(NATIVE_ZIPF, foreign - ZIPF_GAP)
        # (Chinese and Japanese have no word frequencies here: a romanised key says nothing of them.)
        copied = target not in UNSPACED and word.key in original_keys and (
            known or native == 0 and len(word.key) > MIN_CHARS)
        # A capital marks a name, kept on purpose, unless it is in another script (Блаттен for Blatten) or it
        # is a frequent noun of a language that capitalises every noun (Fortschritte, Ansicht; not Talstraße).
        noun = source in NOUN_CAPITALISING and word.key in original_keys and known and foreign >= COMMON_ZIPF
        named = (is_name(word) or word.text[0].isupper()) and not foreign_script and not noun
        if not word.content or named or "." in word.text or (len(word.text) < MIN_CHARS and not foreign_script):
            continue
        if foreign_script or copied:
            span = unit.translation.span(word.start, word.end)
            reason = f"Left untranslated: \u201c{word.text}\u201d is a word of the original's language."
            findings.append(unit.finding("untranslated", severity("untranslated", "word left in the original language"),
                                         reason, None, span, confidence=0.9 if foreign_script else 0.8))
    return findings[:2]


def vetted_run(finding: Finding, unit: Unit, alignment: ContentAlignment) -> bool:
    """Does a fragment the language detector gave to the original's language hold at least two words of
    that language that are not names and not words of the translation's (Mike Lawler gegenüber Newsweek,
    a quoted English title: names and a title are kept on purpose)?"""
    if finding.category != "untranslated" or finding.translation_span is None:
        return True
    source, target = unit.original.language, unit.translation.language
    span = finding.translation_span
    inside = [w for w in alignment.translation
              if span.start <= unit.translation.span(w.start, w.end).start < span.end]
    foreign = [w for w in inside if not is_name(w) and not w.text[0].isupper()
               and commoner_in(w.text.lower(), source, target)]
    return len(foreign) >= MIN_FOREIGN_WORDS


def _lacking(side: Side, own: tuple[Word, ...], links, others: tuple[Word, ...], other_text: str, unit: Unit,
             embed: Embed, skip: set[int]) -> list[tuple[Word, float]]:
    """Content words of this side that the other side does not account for, and whose removal the encoder
    says brings the two sides together, most telling first."""
    languages = (unit.original.language, unit.translation.language)
    candidates = sorted(((w, link) for w, link in zip(own, links, strict=True)
                         if w.content and len(w.text) >= MIN_CHARS and w.start not in skip and "." not in w.text
                         and link.support < WEAK_SUPPORT and not accounted(w, link, others, languages)
                         and not _also_elsewhere(w, others)), key=lambda wl: wl[1].support)
    # The encoder pays per token: only the least supported few words get the leave-one-out test.
    candidates = [w for w, _ in candidates[:MAX_CANDIDATES]]
    if not candidates:
        return []
    text = side.text
    vectors = embed([other_text, text, *(text[:w.start] + text[w.end:] for w in candidates)])
    base = float(vectors[1] @ vectors[0])
    gains = [(w, float(v @ vectors[0]) - base) for w, v in zip(candidates, vectors[2:], strict=True)]
    return sorted([(w, g) for w, g in gains if g > GAIN], key=lambda wg: -wg[1])


def _also_elsewhere(word: Word, others: tuple[Word, ...]) -> bool:
    """The same spelling stands on the other side (a repeated or reordered word is not lost)."""
    return any(o.key == word.key for o in others)


def _added(unit: Unit, word: Word, gain: float) -> Finding:
    span = unit.translation.span(word.start, word.end)
    reason = f"The translation adds \u201c{word.text}\u201d, which the original does not say."
    return unit.finding("addition", severity("addition", "word"), reason, None, span,
                        confidence=confidence_from(gain, GAIN))


def _dropped(unit: Unit, word: Word, gain: float) -> Finding:
    span = unit.original.span(word.start, word.end)
    reason = f"The translation leaves out \u201c{word.text}\u201d of the original."
    return unit.finding("omission", severity("omission", "word"), reason, span, None,
                        confidence=confidence_from(gain, GAIN))
