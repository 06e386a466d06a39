"""Segment stage: paragraphs -> sentences with character offsets into the file."""

from __future__ import annotations

from dataclasses import replace

from auditor.documents import Document, Sentence


def segment_document(document: Document) -> Document:
    """The document with its sentences filled in (every paragraph, boilerplate included)."""
    from sentencex import get_sentence_boundaries

    sentences: list[Sentence] = []
    for paragraph in document.paragraphs:
        for boundary in get_sentence_boundaries(document.language, paragraph.text):
            start = paragraph.start + boundary["start_index"]
            text = boundary["text"].rstrip()
            leading = len(text) - len(text.lstrip())
            if text.strip():
                sentences.append(Sentence(len(sentences), paragraph.index, start + leading,
                                          start + len(text), text.strip()))
    return replace(document, sentences=tuple(sentences))
