"""Segment stage: paragraphs -> sentences with character offsets into the file."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from auditor.documents import Document, Sentence

# No sentence of real text comes near this (the longest in the WMT24 test documents has 633 characters), but the
# segmenter returns a whole page as one "sentence" after an unclosed quotation mark, and a pasted data blob is
# one "word": longer pieces are cut, so the work on each sentence (and its memory) stays bounded.
MAX_SENTENCE_CHARS = 1000
# A "sentence" longer than this with sentence ends inside is the segmenter running past them (an apostrophe or a
# stray mark read as an open quotation): it is split at each of them, so one such mark in a long paragraph does
# not turn its sentences into 1000-character blocks (each check's cost grows with the length of what it reads).
RESPLIT_CHARS = 640
_INNER_END = re.compile(r"[.!?\u3002\uff01\uff1f][\"'\u201d\u00bb)\]]*\s+(?=[\"'\u201c\u201e\u00ab(\[]?[^\W_a-z])")
_SENTENCE_END = re.compile(r"[.!?;:\u3002\uff01\uff1f][\"'\u201d\u00bb)\]]*\s+")
_SPACE = re.compile(r"\s+")


def segment_document(document: Document) -> Document:
    """The document with its sentences filled in (every paragraph, boilerplate included)."""
    from sentencex import get_sentence_boundaries

    sentences: list[Sentence] = []
    for paragraph in document.paragraphs:
        for boundary in get_sentence_boundaries(document.language, paragraph.text):
            start = paragraph.start + boundary["start_index"]
            for offset, text in _split(boundary["text"].rstrip()):
                leading = len(text) - len(text.lstrip())
                if text.strip():
                    sentences.append(Sentence(len(sentences), paragraph.index, start + offset + leading,
                                              start + offset + len(text.rstrip()), text.strip()))
    return replace(document, sentences=tuple(sentences))


def _split(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a sentence: re-split at its inner sentence ends when it is too long to be one, each
    piece then cut to MAX_SENTENCE_CHARS."""
    starts = [0] + ([m.end() for m in _INNER_END.finditer(text)] if len(text) > RESPLIT_CHARS else [])
    for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
        yield from ((start + offset, piece) for offset, piece in _pieces(text[start:end]))


def _pieces(text: str) -> Iterator[tuple[int, str]]:
    """(offset, piece) of a sentence cut to MAX_SENTENCE_CHARS: after the last sentence end in the second half of
    the limit, else at the last space there, else (one long 'word') at the limit itself."""
    offset = 0
    while len(text) - offset > MAX_SENTENCE_CHARS:
        window = text[offset:offset + MAX_SENTENCE_CHARS]
        half = MAX_SENTENCE_CHARS // 2
        cut = max((m.end() for m in _SENTENCE_END.finditer(window, half)), default=0) or \
            max((m.start() for m in _SPACE.finditer(window, half)), default=0) or MAX_SENTENCE_CHARS
        yield offset, text[offset:offset + cut]
        offset += cut
    yield offset, text[offset:]
