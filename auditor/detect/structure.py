"""Structural findings from the paragraph alignment: omitted, added and truncated content."""

from __future__ import annotations

from auditor.detect.policy import severity
from auditor.documents import Document, Paragraph, Span
from auditor.records import Bead, Finding

TRUNCATION_MIN_PARAGRAPHS = 2  # one missing last paragraph is an omission; two or more in a row is a cut-off article
QUOTE_CHARS = 60


def structural_findings(original: Document, translation: Document, beads: tuple[Bead, ...]) -> list[Finding]:
    """Omission, addition and truncation findings; boilerplate never counts."""
    tail = _truncated_tail(original, translation, beads)
    findings = [_truncation(original, translation, beads, tail)] if tail else []
    for k, bead in enumerate(beads):
        if k in tail:
            continue
        if not bead.translation:
            findings += [_omission(p, k) for p in _content(original, bead.original)]
        elif not bead.original:
            findings += [_addition(p, k) for p in _content(translation, bead.translation)]
    return findings


def _content(document: Document, indices: tuple[int, ...]) -> list[Paragraph]:
    return [document.paragraphs[i] for i in indices if not document.paragraphs[i].boilerplate]


def _truncated_tail(original: Document, translation: Document, beads: tuple[Bead, ...]) -> list[int]:
    """Bead indices of the trailing run of omitted content paragraphs (boilerplate skipped over)."""
    run: list[int] = []
    for k in range(len(beads) - 1, -1, -1):
        bead = beads[k]
        if not bead.original and all(translation.paragraphs[j].boilerplate for j in bead.translation):
            continue  # the translation's own site chrome neither ends nor extends the run
        if not _content(original, bead.original) and not bead.translation:
            continue  # the original's boilerplate likewise
        if bead.translation:
            break
        run.append(k)
    content = sum(len(_content(original, beads[k].original)) for k in run)
    return sorted(run) if content >= TRUNCATION_MIN_PARAGRAPHS else []


def _truncation(original: Document, translation: Document, beads: tuple[Bead, ...], tail: list[int]) -> Finding:
    missing = [p for k in tail for p in _content(original, beads[k].original)]
    last_kept = max((i for b in beads if b.translation for i in b.original), default=-1)
    last_translated = max((j for b in beads for j in b.translation
                           if not translation.paragraphs[j].boilerplate), default=None)
    first = missing[0]
    reason = (f"The translation stops after original paragraph {last_kept + 1}; "
              f"{len(missing)} content paragraphs are missing, from \u201c{_quote(first.text)}\u201d on.")
    return Finding("truncation", severity("truncation", "article cut short"), tuple(p.index for p in missing),
                   () if last_translated is None else (last_translated,),
                   _span(first), None, reason, ("structure",), bead=tail[0])


def _omission(paragraph: Paragraph, bead: int) -> Finding:
    what = "The headline" if paragraph.headline else f"Original paragraph {paragraph.index + 1}"
    reason = f"{what} is missing from the translation: \u201c{_quote(paragraph.text)}\u201d"
    level = severity("omission", "headline" if paragraph.headline else "paragraph")
    return Finding("omission", level, (paragraph.index,), (), _span(paragraph), None, reason,
                   ("structure", "cross-lingual"), bead=bead)


def _addition(paragraph: Paragraph, bead: int) -> Finding:
    reason = (f"Translation paragraph {paragraph.index + 1} has no counterpart in the original: "
              f"\u201c{_quote(paragraph.text)}\u201d")
    level = severity("addition", "paragraph")
    return Finding("addition", level, (), (paragraph.index,), None, _span(paragraph), reason,
                   ("structure", "cross-lingual"), bead=bead)


def _span(paragraph: Paragraph) -> Span:
    return Span(paragraph.start, paragraph.end, paragraph.text)


def _quote(text: str) -> str:
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS].rsplit(" ", 1)[0] + "\u2026"
