"""Hand-built AuditReports from tiny inline texts, shared by the report tests and the screenshot script."""

from __future__ import annotations

import hashlib
import re

from auditor.documents import Document, Paragraph, Span
from auditor.records import AuditReport, Bead, Finding, Scores, Summary

SIGNATURE = ("mt:opus-mt-it-en@1b2c3d4|engine:ct2|beam:1|encoder:USE-multilingual-v3@0.2.1|"
             "segmenter:sentencex@1.0.5|aligner:dp-beads|skip:0.65|merge:0.05|band:12|auditor:0.1.0")

ORIGINAL_EN = """By Jane Doe | Updated 3 May 2024

The minister did not approve the budget of 4.5 million euros on Tuesday.

Critics said the plan was rushed. "We were never consulted," said Maria Rossi, the mayor of Pisa.

The vote is expected next week.

Turnout at the last vote was low.

Officials declined to comment on the cost overruns.

The ministry will publish the full figures in June.

Subscribe to our newsletter.
"""

TRANSLATION_IT = """Di Jane Doe | Aggiornato il 3 maggio 2024

Il ministro ha approvato martedì il bilancio di 45 milioni di euro.

Secondo fonti vicine al governo, il piano sarà rivisto.

I critici hanno detto che il piano era affrettato. "Non ci hanno mai ascoltato", ha detto Maria Rossi, sindaca di Pisa.

Il voto è previsto la prossima settimana, con un'affluenza bassa.

Iscriviti alla nostra newsletter.
"""

INJECTION_EN = """The page said <script>alert(1)</script> before the vote.

A link "><img src=x onerror=alert(1)> appeared in the caption.

Editors left <!-- comment --> in the text & moved on.
"""

INJECTION_IT = """La pagina diceva <script>alert(1)</script> prima del voto.

Un link "><img src=x onerror=alert(1)> è apparso nella didascalia.

Gli editori hanno lasciato <!-- comment --> nel testo & sono andati avanti.
"""


def document(path: str, text: str, language: str, boilerplate: tuple[int, ...] = ()) -> Document:
    """A Document whose paragraphs are the blank-line separated blocks of text, with true offsets."""
    blocks = list(re.finditer(r"[^\n]+(?:\n[^\n]+)*", text))
    paragraphs = tuple(Paragraph(i, m.start(), m.end(), m.group(), i in boilerplate)
                       for i, m in enumerate(blocks))
    return Document(path, hashlib.sha256(text.encode()).hexdigest(), language, paragraphs)


def span(doc: Document, paragraph: int, needle: str | None = None) -> Span:
    """The span of needle inside a paragraph (the whole paragraph when needle is None), in file offsets."""
    p = doc.paragraphs[paragraph]
    needle = p.text if needle is None else needle
    start = p.start + p.text.index(needle)
    return Span(start, start + len(needle), needle)


def in_text(text: str, needle: str) -> Span:
    """The span of needle in a back-translation text."""
    start = text.index(needle)
    return Span(start, start + len(needle), needle)


BACK = ("The minister approved on Tuesday the budget of 45 million euros.",
        "According to sources close to the government, the plan will be revised.",
        'Critics said the plan was hasty. "They never listened to us," said Maria Rossi, mayor of Pisa.',
        "The vote is expected next week, with low turnout.")


def sample_report() -> AuditReport:
    """en/it pair: boilerplate, a negation and a number overlapping, an added, a merged, omitted tail."""
    o = document("articles/budget_en.txt", ORIGINAL_EN, "en", boilerplate=(0, 7))
    t = document("articles/budget_it.txt", TRANSLATION_IT, "it", boilerplate=(0, 5))
    beads = (Bead((1,), (1,), 0.71, backtranslation=BACK[0], scores=Scores(38.0, 12.1, 70.0, 0.71)),
             Bead((), (2,), None, backtranslation=BACK[1]),
             Bead((2,), (3,), 0.88, backtranslation=BACK[2]),
             Bead((3, 4), (4,), 0.83, backtranslation=BACK[3]),
             Bead((5,), (), None), Bead((6,), (), None))
    both = ("cross-lingual", "back-translation")
    tail = Span(o.paragraphs[5].start, o.paragraphs[6].end, ORIGINAL_EN[o.paragraphs[5].start:o.paragraphs[6].end])
    findings = (
        Finding("negation", "critical", (1,), (1,), span(o, 1, "did not approve the budget"),
                span(t, 1, "ha approvato martedì il bilancio"),
                "The original says the minister did not approve the budget; the translation says he approved it.",
                both, in_text(BACK[0], "approved"), 0),
        Finding("number", "critical", (1,), (1,), span(o, 1, "the budget of 4.5 million"),
                span(t, 1, "il bilancio di 45 milioni"), "4.5 million became 45 million.",
                both, in_text(BACK[0], "45 million"), 0),
        Finding("addition", "major", (), (2,), None, span(t, 2),
                "A claim attributed to unnamed sources that the original does not make.",
                both, in_text(BACK[1], BACK[1]), 1),
        Finding("quote", "major", (2,), (3,), span(o, 2, '"We were never consulted,"'),
                span(t, 3, '"Non ci hanno mai ascoltato"'),
                "The quote is reworded: 'never consulted' became 'never listened to us'.",
                both, in_text(BACK[2], '"They never listened to us,"'), 2),
        Finding("mistranslation", "minor", (3, 4), (4,), span(o, 4, "Turnout at the last vote was low."),
                span(t, 4, "con un'affluenza bassa"), "'at the last vote' is lost in the merged sentence.",
                ("cross-lingual",), in_text(BACK[3], "with low turnout"), 3),
        Finding("omission", "major", (5,), (), span(o, 5), None, "This paragraph is not translated.",
                ("structure",), None, 4),
        Finding("truncation", "critical", (5, 6), (), tail, None,
                "The translation ends before the last 2 paragraphs of the original.", ("structure",), None, None),
    )
    summary = Summary.of(findings, Scores(48.2, 21.0, 61.3, 0.87), "done")
    return AuditReport(SIGNATURE, o, t, beads, findings, summary)


def injection_report() -> AuditReport:
    """An article whose text, reasons and signature carry HTML that must show literally."""
    o = document('inject"<b>_en.txt', INJECTION_EN, "en")
    t = document("inject_it.txt", INJECTION_IT, "it")
    back = "The page said <script>alert(1)</script> before the vote."
    beads = (Bead((0,), (0,), 0.9, backtranslation=back), Bead((1,), (1,), 0.9), Bead((2,), (2,), 0.9))
    findings = (
        Finding("name", "minor", (0,), (0,), span(o, 0, "<script>alert(1)</script>"),
                span(t, 0, "<script>alert(1)</script>"), "Reason with <script>alert(2)</script>.",
                ("back-translation",), in_text(back, "<script>alert(1)</script>"), 0),
        Finding("quote", "major", (1,), (1,), span(o, 1, '"><img src=x onerror=alert(1)>'),
                span(t, 1, '"><img src=x onerror=alert(1)>'), 'Reason "><img src=x onerror=alert(3)>',
                ("cross-lingual",), None, 1),
        Finding("fluency", "minor", (2,), (2,), span(o, 2, "<!-- comment -->"),
                span(t, 2, "<!-- comment -->"), "A comment <!-- hidden --> & an ampersand.",
                ("cross-lingual",), None, 2),
    )
    signature = SIGNATURE + "|<script>alert(4)</script>"
    return AuditReport(signature, o, t, beads, findings, Summary.of(findings))


def faithful_report() -> AuditReport:
    """One faithful paragraph pair, no back-translation, no findings."""
    o = document("ok_en.txt", "All is well.\n", "en")
    t = document("ok_it.txt", "Va tutto bene.\n", "it")
    return AuditReport(SIGNATURE, o, t, (Bead((0,), (0,), 0.95),), (), Summary.of(()))
