"""Excerpts: whitespace collapsed, cut at a word boundary, no dangling punctuation."""

import pytest

from auditor.excerpt import shorten, tail


@pytest.mark.parametrize("text, limit, expected", [
    ("short", 80, "short"),
    ("  spaced \n out  ", 80, "spaced out"),
    ("The ministry will publish the full figures in June.", 30, "The ministry will publish the…"),
    ("Unbreakablelongwordwithoutanyspacesatall", 12, "Unbreakable…"),
    ("Cut here, at the comma then more", 15, "Cut here, at…"),
    ("Cut here, then more", 10, "Cut here…"),
])
def test_shorten(text, limit, expected):
    assert shorten(text, limit) == expected


@pytest.mark.parametrize("text, limit, expected", [
    ("short", 80, "short"),
    ("The ministry will publish the full figures in June.", 30, "\u2026the full figures in June."),
    ("Unbreakablelongwordwithoutanyspacesatall", 12, "\u2026spacesatall"),
])
def test_tail(text, limit, expected):
    assert tail(text, limit) == expected
