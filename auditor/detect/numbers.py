"""Numbers and dates compared per unit: a value the other side lacks is changed, dropped or added."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from auditor.detect.measures import converted, unit_changes
from auditor.detect.mentions import mentions
from auditor.detect.policy import severity
from auditor.detect.units import Mention, Side, Unit, calendar_names, in_quote, lexicon
from auditor.records import Finding


def detect_numbers_and_dates(unit: Unit) -> list[Finding]:
    """Findings for numbers and date parts whose values differ between the sides."""
    source = _as_numbers_for(mentions(unit.original), unit.translation.language)
    target = _as_numbers_for(mentions(unit.translation), unit.original.language)
    findings = []
    dates = {"year", "day", "month", "weekday", "relative", "time", "decade", "century"}
    for category, kinds in (("number", {"number"}), ("date", dates)):
        for kind in sorted(kinds & _comparable(unit)):
            here, there = [m for m in source if m.kind == kind], [m for m in target if m.kind == kind]
            if here or there:
                findings += _compare(unit, category, here, there)
    return findings


def _as_numbers_for(found: list[Mention], other: str) -> list[Mention]:
    """Against a language that writes months as numerals (Chinese and Japanese 7月26日: two numbers to us), this
    side's month names and day numbers are numbers too (July 26 = 7, 26), so that a changed day is a changed
    number rather than a day added on one side and a number dropped on the other."""
    if calendar_names(other)[0]:
        return found
    return [replace(m, kind="number") if m.kind in ("month", "day") else m for m in found]


def _same_figures_removed(unit: Unit, lost: list[Mention], added: list[Mention]) -> tuple[list, list]:
    """The same digits on both sides are the same number, whatever locale each side's parser assumed
    ("272.000" left in German style inside an English translation is not 272)."""
    def figures(side: Side, m: Mention) -> str:
        return side.text[m.start:m.end].strip()
    lost_figures = {figures(unit.original, m) for m in lost}
    same = lost_figures & {figures(unit.translation, m) for m in added}
    same = {f for f in same if any(c.isdigit() for c in f)}
    return ([m for m in lost if figures(unit.original, m) not in same],
            [m for m in added if figures(unit.translation, m) not in same])


def _comparable(unit: Unit) -> set[str]:
    """Kinds both languages can see: a language with no month or weekday names here cannot miss one."""
    kinds = {"number", "year", "day", "time", "decade", "century"}
    for kind, index in (("month", 0), ("weekday", 1)):
        if calendar_names(unit.original.language)[index] and calendar_names(unit.translation.language)[index]:
            kinds.add(kind)
    if lexicon(unit.original.language).get("relative_days") and lexicon(unit.translation.language).get("relative_days"):
        kinds.add("relative")
    return kinds


def _compare(unit: Unit, category: str, source: list[Mention], target: list[Mention]) -> list[Finding]:
    missing = list((Counter(round(m.value, 6) for m in source) - Counter(round(m.value, 6) for m in target)).elements())
    extra = list((Counter(round(m.value, 6) for m in target) - Counter(round(m.value, 6) for m in source)).elements())
    lost = [next(m for m in source if round(m.value, 6) == v) for v in missing]
    added = [next(m for m in target if round(m.value, 6) == v) for v in extra]
    lost, added = _other_readings_removed(lost, added)
    lost, added = _same_figures_removed(unit, lost, added)
    if category == "number":  # 20 miles -> 32 km is a conversion, not a changed number
        lost = [m for m in lost if not converted(unit.original, m, unit.translation, target)]
        added = [m for m in added if not converted(unit.translation, m, unit.original, source)]
    pairs = _closest_pairs(lost, added)
    paired = {id(m) for pair in pairs for m in pair}
    if category == "number":
        pairs += unit_changes(unit.original, source, unit.translation, target)
    findings = [_changed(unit, category, a, b) for a, b in pairs]
    findings += [_one_sided(unit, category, a, None) for a in lost
                 if id(a) not in paired and not _homograph(unit.original, a)]
    findings += [_one_sided(unit, category, None, b) for b in added
                 if id(b) not in paired and not _homograph(unit.translation, b)]
    return findings


def _other_readings_removed(lost: list[Mention], added: list[Mention]) -> tuple[list[Mention], list[Mention]]:
    """A value that matches under its second reading ("2m" = 2 metres = "2 metri") is no difference."""
    lost, added = list(lost), list(added)
    for a in list(lost):  # lost and added never share a first reading, so any common value is a second one
        b = next((b for b in added if _readings(a) & _readings(b)), None)
        if b is not None:
            lost.remove(a)
            added.remove(b)
    return lost, added


def _readings(mention: Mention) -> set[float]:
    return {round(v, 6) for v in (mention.value, mention.also) if v is not None}


def _homograph(side: Side, mention: Mention) -> bool:
    """A number word that is also a common word ("venti": twenty or winds) proves nothing on its own."""
    word = side.text[mention.start:mention.end].lower()
    return word in lexicon(side.language).get("number_homographs", ())


def _closest_pairs(lost: list[Mention], added: list[Mention]) -> list[tuple[Mention, Mention]]:
    """Pair each changed value with the added value nearest in magnitude (12,500 with 21.500, not with 'nove')."""
    import math

    candidates = sorted(((abs(math.log10(abs(a.value) + 1) - math.log10(abs(b.value) + 1)), i, j)
                         for i, a in enumerate(lost) for j, b in enumerate(added)))
    used_a, used_b, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i), used_b.add(j)
            pairs.append((lost[i], added[j]))
    return pairs


def _changed(unit: Unit, category: str, source: Mention, target: Mention) -> Finding:
    original = unit.original.span(source.start, source.end)
    translation = unit.translation.span(target.start, target.end)
    quoted = in_quote(unit.translation.text, target.start)
    reason = f"The original says \u201c{original.text}\u201d; the translation says \u201c{translation.text}\u201d."
    return unit.finding(category, severity(category, "changed inside a quote" if quoted else "changed"), reason,
                        original, translation)


def _one_sided(unit: Unit, category: str, source: Mention | None, target: Mention | None) -> Finding:
    if source is not None:
        original = unit.original.span(source.start, source.end)
        reason = f"The original's \u201c{original.text}\u201d does not appear in the translation."
        return unit.finding(category, severity(category, "dropped"), reason, original, unit.translation.whole())
    translation = unit.translation.span(target.start, target.end)
    reason = f"The translation adds \u201c{translation.text}\u201d, which is not in the original."
    return unit.finding(category, severity(category, "added"), reason, unit.original.whole(), translation)
