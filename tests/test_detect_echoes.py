"""One finding per lost fact: a name or number inside an omitted stretch is not reported twice."""

from auditor.detect import _without_echoes
from auditor.documents import Span
from auditor.records import Finding


def omission(text: str, start: int = 100) -> Finding:
    return Finding("omission", "major", (3,), (2,), Span(start, start + len(text), text), None, "gone", bead=1)


def lost(category: str, text: str, start: int, severity: str = "major") -> Finding:
    translation = None if category == "name" else Span(0, 5, "whole")
    return Finding(category, severity, (3,), (2,), Span(start, start + len(text), text), translation, "lost", bead=1)


def test_omission_that_is_little_more_than_a_name_gives_way_to_the_name():
    name = lost("name", "Antony Blinken", 120)
    assert _without_echoes([omission("Secretary of State Antony Blinken."), name]) == [name]


def test_longer_omission_speaks_for_the_name_inside_it():
    gone = omission("a clause about Antony Blinken and the meeting he had in Berlin on Thursday")
    assert _without_echoes([gone, lost("name", "Antony Blinken", 115)]) == [gone]


def test_lost_number_inside_an_omission_is_dropped_but_a_changed_one_stays():
    gone = omission("when it recorded a loss of 900 million euros")
    dropped = lost("number", "900 million", 127, "minor")
    changed = lost("number", "900 million", 127, "major")
    assert _without_echoes([gone, dropped]) == [gone]
    assert _without_echoes([gone, changed]) == [gone, changed]


def test_findings_in_other_beads_are_untouched():
    other = Finding("name", "major", (5,), (4,), Span(120, 134, "Antony Blinken"), None, "lost", bead=2)
    gone = omission("Secretary of State Antony Blinken.")
    assert _without_echoes([gone, other]) == [gone, other]
