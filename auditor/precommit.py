"""Which files a commit's changes ask to audit: translations named NAME.LANG.EXT beside their original NAME.EXT."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

from auditor.language import ENCODER_LANGUAGES

SUFFIXES = (".md", ".markdown", ".txt", ".html", ".htm")
_TAGGED = re.compile(r"^(?P<name>.+)\.(?P<lang>[a-z]{2})(?P<ext>\.[A-Za-z]+)$")


@dataclass(frozen=True, slots=True)
class Pair:
    """A translation to audit against its original; `language` is the translation's, from its file name."""

    original: Path
    translation: Path
    language: str


def language_tag(path: Path) -> tuple[str, str] | None:
    """(name, language) of NAME.LANG.EXT, when LANG is a language the encoder reads and EXT an article suffix."""
    match = _TAGGED.match(path.name)
    if not match or match["lang"] not in ENCODER_LANGUAGES or match["ext"].lower() not in SUFFIXES:
        return None
    return match["name"], match["lang"]


def _original_of(translation: Path, name: str, original_lang: str | None) -> Path | None:
    """NAME.EXT (or NAME.ORIGINAL_LANG.EXT) beside the translation, its own suffix first."""
    stem = f"{name}.{original_lang}" if original_lang else name
    suffixes = (translation.suffix, *(s for s in SUFFIXES if s != translation.suffix.lower()))
    return next((p for p in (translation.with_name(stem + s) for s in suffixes) if p.is_file()), None)


def pairs_for(changed: list[Path], original_lang: str | None = None) -> list[Pair]:
    """Every (original, translation) pair that a changed file belongs to, each once, in a stable order."""
    pairs: set[Pair] = set()
    for path in changed:
        tag = language_tag(path)
        if tag and tag[1] != original_lang:  # a changed translation
            original = _original_of(path, tag[0], original_lang)
            if original is not None:
                pairs.add(Pair(original, path, tag[1]))
        elif path.suffix.lower() in SUFFIXES:  # a changed original: every translation beside it
            name = tag[0] if tag else path.stem
            for candidate in path.parent.glob(f"{glob.escape(name)}.*"):
                other = language_tag(candidate)
                if other and other[0] == name and other[1] != original_lang \
                        and _original_of(candidate, name, original_lang) == path:
                    pairs.add(Pair(path, candidate, other[1]))
    return sorted(pairs, key=lambda pair: (str(pair.original), str(pair.translation)))
