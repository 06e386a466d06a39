"""Site boilerplate (share/comment prompts, source links, copyright notices) from a multilingual rule set."""

from __future__ import annotations

import json
import re
from functools import cache
from importlib.resources import files

MAX_WORDS = 14  # site chrome is short; a longer paragraph is content even if it mentions "share" or "copyright"


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    rules = json.loads(files("auditor").joinpath("data/boilerplate.json").read_text(encoding="utf-8"))
    return {lang: re.compile("|".join(f"(?:{p})" for p in pats), re.IGNORECASE)
            for lang, pats in rules.items() if not lang.startswith("_")}


def is_boilerplate(text: str, language: str | None = None) -> bool:
    """True when a paragraph is site chrome (or a bare separator) rather than article content."""
    words = text.split()
    if not words:
        return False
    if not any(ch.isalnum() for ch in text):
        return True  # a rule ("---"), an ellipsis or a row of stars separates content, it is none
    if len(words) > MAX_WORDS:
        return False
    patterns = _patterns()
    # The page language is a hint, not a rule: reposts often keep the source site's English chrome.
    candidates = [patterns["any"], patterns.get(language or "", None), patterns["en"]]
    stripped = text.strip().strip("*_").strip()
    return any(p is not None and p.search(stripped) for p in candidates)
