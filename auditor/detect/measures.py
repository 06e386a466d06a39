"""Units of measure: "about 20 miles" and "circa 30 chilometri" state the same distance."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib.resources import files
from typing import Any, Protocol, TypeVar

from auditor.detect.units import Side

TOLERANCE = 0.15  # translators round conversions: 20 miles is 32.2 km, written "circa 30 km"
UNIT_AFTER = re.compile(r"[\s\u00a0-]*([^\W\d_]+(?:/[^\W\d_]+)?)")  # "20 miles", "20-mile", "110 km/h"


class Located(Protocol):
    value: float
    start: int
    end: int


M = TypeVar("M", bound=Located)  # a mention dataclass, stretched with dataclasses.replace


@cache
def _table() -> dict[str, Any]:
    return json.loads(files("auditor").joinpath("data/measures.json").read_text(encoding="utf-8"))


@cache
def measure_words(language: str) -> frozenset[str]:
    """Every spelling of a unit of measure the language's table knows ("m", "miles", "chilometri"...)."""
    return frozenset(_table()["words"].get(language, {}))


def measure(side: Side, mention: Located) -> tuple[str, str, float, int] | None:
    """(unit, dimension, size in the dimension's base unit, end of the unit word) of a number followed by a unit
    word, else None."""
    found = UNIT_AFTER.match(side.text, mention.end)
    unit = found and _table()["words"].get(side.language, {}).get(found.group(1).lower())
    if not unit:
        return None
    dimension, size = _table()["units"][unit]
    return unit, dimension, mention.value * size, found.end()


def converted(side: Side, mention: Located, other_side: Side, others: Iterable[Located]) -> bool:
    """Does the other side state this quantity in another unit (a conversion, not a changed number)?"""
    here = measure(side, mention)
    if here is None:
        return False
    for other in others:
        there = measure(other_side, other)
        if there and there[0] != here[0] and there[1] == here[1] and \
                abs(there[2] - here[2]) <= TOLERANCE * max(abs(there[2]), abs(here[2])):
            return True
    return False


def unit_changes(side: Side, mentions: list[M], other_side: Side, others: list[M]) -> list[tuple[M, M]]:
    """Same number, other unit of the same kind, no conversion: "20 miles" became "20 chilometri" (the pair's
    mentions are stretched over their units)."""
    changes = []
    for mention in mentions:
        here = measure(side, mention)
        for other in others:
            there = measure(other_side, other) if other.value == mention.value else None
            if here and there and here[1] == there[1] and here[0] != there[0] and \
                    abs(there[2] - here[2]) > TOLERANCE * max(abs(there[2]), abs(here[2])):
                changes.append((replace(mention, end=here[3]), replace(other, end=there[3])))
    return changes
