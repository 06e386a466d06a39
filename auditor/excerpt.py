"""Short excerpts of article text, for finding reasons and report cells alike."""

from __future__ import annotations


def shorten(text: str, limit: int = 70) -> str:
    """Whitespace collapsed, cut at a word boundary with an ellipsis when longer than limit."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]  # one character more than kept, to see whether the last word is whole
    cut = cut.rsplit(" ", 1)[0] if " " in cut[limit // 2:] else cut[:limit - 1]
    return cut.rstrip(",;:.") + "\u2026"


def tail(text: str, limit: int = 70) -> str:
    """The end of text, whitespace collapsed, cut at a word boundary with a leading ellipsis when too long."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[-limit:]
    cut = cut.split(" ", 1)[1] if " " in cut[:limit // 2] else cut[1:]
    return "\u2026" + cut.lstrip(",;:.")
