"""Attribution checked across the pair: who says a quotation, with which verb, under which title.

A quotation is put in another person's mouth when both sides name a speaker and the two differ (a respelled name
is the same person: the name detectors report it); a reporting verb is reversed when one side's disputes what the
other's reports or vouches for ("said" -> "denied", "confirmed" -> "questioned"); a person's title is changed when
both sides give one and neither contains the other.
"""

from __future__ import annotations

import re

from auditor.detect.content import INFLECTING, NAME_SUPPORT, ContentAlignment, same_name, script_of, spelling
from auditor.detect.entities import respelled
from auditor.detect.people import Person, people, title_words, who
from auditor.detect.policy import severity
from auditor.detect.quotations import Context, Quotation, cited, reporting_verbs
from auditor.detect.units import Side, Unit
from auditor.documents import Span
from auditor.records import Finding


def speaker_changed(unit: Unit, alignment: ContentAlignment, quote: Quotation, counterpart: Quotation,
                     context: tuple[Context, Context]) -> list[Finding]:
    """The quotation is put in another person's mouth (both sides name a speaker, and they differ)."""
    said, now = quote.speaker, counterpart.speaker
    same = unit.original.language == unit.translation.language
    if said is None or now is None or (not same and (said.resolved or now.resolved)):
        return []
    if _same_person(said, now, unit) or _linked(said, now, alignment):
        return []
    # Across languages a title, a description or a country may stand where the other side names the person,
    # and names change script: only names in one script, one of them a full name, neither named on the other
    # side, differ.
    if not same and (_named(now, unit.original, context[0].before) or _named(said, unit.translation, context[1].before)
                     or max(len(said.name.split()), len(now.name.split())) < 2
                     or script_of(said.surname) != script_of(now.surname)):
        return []
    reason = (f"The original attributes {cited(quote)} to {who(said)}; the translation gives it to {who(now)}: "
              f"the quotation is put in someone else's mouth.")
    return [unit.finding("quote", severity("quote", "quote given to another person"), reason,
                         _span(unit.original, said, quote), _span(unit.translation, now, counterpart),
                         confidence=0.9 if same else 0.7)]


def _same_person(a: Person, b: Person, unit: Unit) -> bool:
    inflecting = bool(INFLECTING & {unit.original.language, unit.translation.language})
    # A respelled name (Herrera / Herreira) is the same person garbled: the name detectors report it.
    return same_name(a.surname, b.surname, inflecting) or respelled(a.surname, b.surname)


def _linked(a: Person, b: Person, alignment: ContentAlignment) -> bool:
    """The content alignment links a word of one speaker to a word of the other (Germany / Deutschland)."""
    if a.start < 0 or b.start < 0:
        return False
    theirs = {k for k, w in enumerate(alignment.translation) if b.start <= w.start < b.end}
    return any(a.start <= w.start < a.end and link.counterpart in theirs and link.support >= NAME_SUPPORT
               for w, link in zip(alignment.original, alignment.original_links, strict=True))


def _named(person: Person, side: Side, context: str) -> bool:
    """The person's surname is somewhere on the other side or just before it."""
    return any(same_name(person.surname, m.group(), True) for m in re.finditer(r"\w+", f"{context} {side.text}"))


def titles_changed(unit: Unit) -> list[Finding]:
    """Same language: a person named on both sides with a title on both, and the titles differ (neither
    contains the other: "Minister" for "Prime Minister" is shortened, "Chairman" for "Secretary General" wrong)."""
    theirs = {spelling(p.name): p for p in people(unit.translation) if p.title}
    findings = []
    for person in people(unit.original):
        other = theirs.get(spelling(person.name))
        if not person.title or other is None:
            continue
        a, b = title_words(person), title_words(other)
        if a and b and not (a <= b or b <= a):
            reason = (f"The original calls {person.name} \u201c{person.title}\u201d; the translation "
                      f"\u201c{other.title}\u201d.")
            findings.append(unit.finding("name", severity("name", "title changed"), reason,
                                         unit.original.span(person.start, person.end),
                                         unit.translation.span(other.start, other.end), confidence=0.8))
    return findings


def verbs_reversed(unit: Unit, source: tuple[Quotation, ...], target: tuple[Quotation, ...]) -> list[Finding]:
    """Said -> denied, confirmed -> questioned: a reporting verb (outside quotations, with or without one) now
    disputes what it reports. The verbs of the two sides are paired in order when both sides have as many."""
    verbs = reporting_verbs(unit.original, source), reporting_verbs(unit.translation, target)
    if len(verbs[0]) != len(verbs[1]):
        return []
    findings = []
    for (said, start_o, stance_o), (now, start_t, stance_t) in zip(*verbs, strict=True):
        if (stance_o == "dispute") == (stance_t == "dispute"):
            continue
        reason = (f"The reporting verb is reversed: the original says \u201c{said}\u201d, the translation "
                  f"\u201c{now}\u201d, so what is reported is now disputed or now vouched for.")
        findings.append(unit.finding("quote", severity("quote", "reporting verb reversed"), reason,
                                     unit.original.span(start_o, start_o + len(said)),
                                     unit.translation.span(start_t, start_t + len(now)), confidence=0.8))
    return findings


def _span(side: Side, person: Person, quote: Quotation) -> Span:
    if person.span is not None:
        return person.span
    return side.span(person.start, person.end) if person.start >= 0 else side.span(quote.start, quote.end)
