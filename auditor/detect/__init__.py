"""Distortion detectors: pure functions from aligned documents to findings, wired in one place."""

from __future__ import annotations

import numpy as np

from auditor.detect.content import UNSPACED, WORD, align_units, spelling
from auditor.detect.coverage import clause_variants, detect_clause_coverage, unmatched_sentences
from auditor.detect.entities import detect_entities, vetted
from auditor.detect.fabricated import fabricated_sentences
from auditor.detect.misquotes import detect_quotations
from auditor.detect.names import detect_names
from auditor.detect.negation import detect_negation, has_negation_lexicon
from auditor.detect.numbers import detect_numbers_and_dates
from auditor.detect.opposites import detect_opposites
from auditor.detect.quotations import attribution_context
from auditor.detect.quotes import detect_quotes
from auditor.detect.spin import rewording, spin_signal
from auditor.detect.structure import structural_findings
from auditor.detect.units import build_units, calendar_names
from auditor.detect.untranslated import detect_untranslated
from auditor.detect.words import detect_words, vetted_run
from auditor.documents import Document
from auditor.embed import Embed
from auditor.records import SEVERITY_RANK, Bead, Finding

ECHO_EXTRA_WORDS = 4  # an omitted stretch at most this many words longer than the name in it is about the name

WORD_FAMILY = frozenset({"omission", "addition", "untranslated"})
QUOTED_FAMILY = WORD_FAMILY | {"quote"}  # a word changed inside a quotation is the misquote's, said once
UNIT_DETECTORS = (detect_numbers_and_dates, detect_untranslated, detect_opposites)


def detect_findings(original: Document, translation: Document, beads: tuple[Bead, ...], embed: Embed) -> list[Finding]:
    """Every finding: structure, then per sentence link the content alignment and the detectors that read it."""
    findings = structural_findings(original, translation, beads) + unmatched_sentences(original, translation, beads)
    same, rewordings = original.language == translation.language, []
    findings = fabricated_sentences(findings, same)
    ratio = length_ratio(original, translation, beads)
    named = _spellings(translation)
    units = build_units(original, translation, beads)
    embed(clause_variants(units, ratio))  # the article's clause checks encoded in one call, not one per sentence
    for unit, alignment in zip(units, align_units(units, embed), strict=True):
        rewordings += [rewording(unit, alignment)] if same else []
        for detector in UNIT_DETECTORS:
            findings += [f for f in detector(unit) if vetted_run(f, unit, alignment)]
        findings += detect_quotes(unit, alignment)
        findings += detect_negation(unit, embed, alignment)
        names = [f for f in detect_names(unit) if vetted(f, unit, alignment, embed)]
        entities = [f for f in detect_entities(unit, alignment, embed) if not _named_elsewhere(f, named)]
        findings += names + _new(entities, names)
        context = attribution_context(original, unit.original), attribution_context(translation, unit.translation)
        findings = _supersede(findings, detect_quotations(unit, alignment, context))
        clauses = fabricated_sentences(detect_clause_coverage(unit, ratio, embed), same, clauses=same)
        words = _new(detect_words(unit, alignment, embed), [f for f in findings if f.category in QUOTED_FAMILY])
        # A dropped or added clause speaks for the words in it; a word left untranslated is reported anyway.
        findings += clauses + [w for w in words if not clauses or w.category == "untranslated"]
    findings = _without_echoes(findings)
    return findings + (spin_signal(rewordings, findings, original, translation) if same else [])


def checks_not_run(original: str, translation: str) -> tuple[str, ...]:
    """The checks a language pair cannot get, said in the report rather than skipped silently."""
    notes = []
    for language in dict.fromkeys((original, translation)):
        if language in UNSPACED:
            notes.append(f"{language}: names and dropped words are not compared (no word boundaries or "
                         "capitals to read them by)")
        if not has_negation_lexicon(language):
            notes.append(f"{language}: no negation lexicon; negators are found by the encoder (less sure)")
        if not calendar_names(language)[0]:
            notes.append(f"{language}: month and weekday names are not compared (digits still are)")
    return tuple(notes)


def _spellings(document: Document) -> frozenset[str]:
    """Every word of a document under its spelling key."""
    return frozenset(spelling(m.group()) for p in document.paragraphs for m in WORD.finditer(p.text))


def _named_elsewhere(finding: Finding, spellings: frozenset[str]) -> bool:
    """A name 'dropped' from one sentence that the translation names elsewhere was moved or replaced by a
    pronoun (Siso ... Er): the reader still learns it."""
    return finding.category == "name" and finding.translation_span is None and all(
        spelling(m.group()) in spellings for m in WORD.finditer(finding.original_span.text))


def _overlaps(a: Finding, b: Finding) -> bool:
    return any(x is not None and y is not None and x.start < y.end and y.start < x.end
               for x, y in ((a.original_span, b.original_span), (a.translation_span, b.translation_span)))


def _new(candidates: list[Finding], known: list[Finding]) -> list[Finding]:
    """Candidates whose spans overlap no finding already made (one finding per problem)."""
    return [c for c in candidates if not any(_overlaps(c, k) for k in known)]


def _supersede(findings: list[Finding], candidates: list[Finding]) -> list[Finding]:
    """Each candidate replaces the lesser findings it overlaps, unless one as bad is there already: a misquote
    says more than "4049" added inside it, a quote given to another person more than a name added."""
    for candidate in candidates:
        clashes = [f for f in findings if _overlaps(candidate, f)]
        if not any(SEVERITY_RANK[f.severity] <= SEVERITY_RANK[candidate.severity] for f in clashes):
            findings = [f for f in findings if f not in clashes] + [candidate]
    return findings


def _without_echoes(findings: list[Finding]) -> list[Finding]:
    """One finding per lost fact: a lost name, number or date inside an omitted stretch is said once.

    The name finding stays when the omitted stretch is little more than the name ("Secretary of State Antony
    Blinken"); otherwise the omission stays and speaks for what it contains.
    """
    dropped: set[int] = set()
    for k, omission in enumerate(findings):
        if omission.category != "omission" or omission.original_span is None:
            continue
        echoes = [n for n, f in enumerate(findings) if _lost(f) and f.bead == omission.bead
                  and omission.original_span.start <= f.original_span.start
                  and f.original_span.end <= omission.original_span.end]
        if not echoes:
            continue
        rest = len(omission.original_span.text.split()) - sum(len(findings[n].original_span.text.split())
                                                              for n in echoes)
        about_a_person = all(findings[n].category == "name" for n in echoes)
        dropped |= {k} if about_a_person and rest <= ECHO_EXTRA_WORDS else set(echoes)
    return [f for n, f in enumerate(findings) if n not in dropped]


def _lost(f: Finding) -> bool:
    """A name, number or date of the original that the translation lacks (not one it changed)."""
    if f.original_span is None:
        return False
    return (f.category == "name" and f.translation_span is None) or (
        f.category in ("number", "date") and f.severity == "minor")


# Characters per English character in news text (our en/it pairs give 1.11; others from common MT corpora).
CHARS_PER_ENGLISH_CHAR = {"en": 1.0, "it": 1.11, "fr": 1.15, "es": 1.12, "pt": 1.08, "de": 1.12, "nl": 1.08}
PRIOR_WEIGHT = 5  # the prior counts as this many paragraph pairs


def length_ratio(original: Document, translation: Document, beads: tuple[Bead, ...]) -> float:
    """This pair's normal translation/original length ratio: the article's 1-1 beads, shrunk toward a prior."""
    prior = (CHARS_PER_ENGLISH_CHAR.get(translation.language, 1.0)
             / CHARS_PER_ENGLISH_CHAR.get(original.language, 1.0))
    ratios = [len(translation.paragraphs[b.translation[0]].text) / max(len(original.paragraphs[b.original[0]].text), 1)
              for b in beads if len(b.original) == 1 and len(b.translation) == 1]
    if not ratios:
        return prior
    return float((np.median(ratios) * len(ratios) + prior * PRIOR_WEIGHT) / (len(ratios) + PRIOR_WEIGHT))
