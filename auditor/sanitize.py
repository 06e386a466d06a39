"""The one sanitiser for text that is shown: no control character reaches a terminal, a Markdown or an HTML page."""

from __future__ import annotations

import re
from dataclasses import fields, is_dataclass, replace
from typing import Any, TypeVar

# Every character a terminal may act on (C0 but tab and newline, DEL, C1, where ESC and CSI start escape sequences),
# and lone surrogates, which cannot be encoded at all. Tab and newline are layout, not commands.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
T = TypeVar("T")


def _stand_in(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode control picture, e.g. ESC -> U+241B '␛'
    return "\u2421" if code == 0x7F else "\ufffd"


def visible(text: str) -> str:
    """Text with each control character replaced by one visible stand-in (CR before LF by a space).

    One character for one, so the character offsets of spans still point at the same text.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(_stand_in, _CR_BEFORE_LF.sub(" ", text).replace("\r", "\n"))


def one_line(text: str) -> str:
    """visible() on one line: every run of whitespace, newlines included, becomes one space."""
    return visible(" ".join(text.split()))


def visible_record(value: T) -> T:
    """A copy of a record (dataclasses, tuples, dicts) with visible() applied to every string in it."""
    return _clean(value)


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, tuple):
        return tuple(_clean(v) for v in value)
    if isinstance(value, dict):
        return {_clean(k): _clean(v) for k, v in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        return replace(value, **{f.name: _clean(getattr(value, f.name)) for f in fields(value) if f.init})
    return value
