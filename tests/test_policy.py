"""The severity policy is one table, and the README documents exactly that table."""

from pathlib import Path

import pytest

from auditor.detect.policy import SEVERITY, severity
from auditor.records import CATEGORIES, SEVERITIES

README = Path(__file__).resolve().parents[1] / "README.md"


def test_every_row_is_a_known_category_and_severity():
    assert {c for c, _ in SEVERITY} <= set(CATEGORIES)
    assert set(SEVERITY.values()) <= set(SEVERITIES)


@pytest.mark.parametrize("category, kind, expected", [
    ("negation", "polarity flipped inside a quote", "critical"),
    ("truncation", "article cut short", "critical"),
    ("omission", "clause", "major"),
    ("quote", "quotation marks lost", "minor"),
])
def test_policy_examples_from_the_issue(category, kind, expected):
    assert severity(category, kind) == expected


def test_unknown_kind_is_refused():
    with pytest.raises(KeyError):
        severity("negation", "something new")


def test_readme_prints_the_policy():
    text = README.read_text(encoding="utf-8")
    for (category, kind), level in SEVERITY.items():
        assert f"| {category} | {kind} | {level} |" in text, (category, kind)
