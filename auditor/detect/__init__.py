"""Distortion detectors: pure functions from aligned documents to findings, wired in one place."""

from __future__ import annotations

import numpy as np

from auditor.detect.coverage import detect_clause_coverage, unmatched_sentences
from auditor.detect.negation import detect_negation
from auditor.detect.numbers import detect_numbers_and_dates
from auditor.detect.structure import structural_findings
from auditor.detect.units import build_units
from auditor.embed import Embed
from auditor.records import Bead, Document, Finding

UNIT_DETECTORS = (detect_negation, detect_numbers_and_dates)


def detect_findings(original: Document, translation: Document, beads: tuple[Bead, ...], embed: Embed) -> list[Finding]:
    """Every finding: structure, then per sentence link the distortion families."""
    findings = structural_findings(original, translation, beads)
    findings += unmatched_sentences(original, translation, beads)
    ratio = length_ratio(original, translation, beads)
    for unit in build_units(original, translation, beads):
        for detector in UNIT_DETECTORS:
            findings += detector(unit)
        findings += detect_clause_coverage(unit, ratio, embed)
    return findings


def length_ratio(original: Document, translation: Document, beads: tuple[Bead, ...]) -> float:
    """Median translation/original length over 1-1 paragraph beads: this pair's normal expansion."""
    ratios = [len(translation.paragraphs[b.translation[0]].text) / max(len(original.paragraphs[b.original[0]].text), 1)
              for b in beads if len(b.original) == 1 and len(b.translation) == 1]
    return float(np.median(ratios)) if ratios else 1.0
