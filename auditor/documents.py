"""The records of one input file: its paragraphs and sentences with offsets, and spans of its text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Span:
    """A character range [start, end) of some text, with the text it covers."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Span | None:
        return None if data is None else cls(data["start"], data["end"], data["text"])


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A blank-line separated block; start/end are offsets into the decoded file."""

    index: int
    start: int
    end: int
    text: str
    boilerplate: bool = False
    headline: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "start": self.start, "end": self.end,
                "text": self.text, "boilerplate": self.boilerplate, "headline": self.headline}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Paragraph:
        return cls(data["index"], data["start"], data["end"], data["text"], data["boilerplate"],
                   data.get("headline", False))


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a paragraph; start/end are offsets into the decoded file."""

    index: int
    paragraph: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "paragraph": self.paragraph,
                "start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Sentence:
        return cls(data["index"], data["paragraph"], data["start"], data["end"], data["text"])


@dataclass(frozen=True, slots=True)
class PageMeta:
    """What a saved web page says about itself (None where it does not say)."""

    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "date": self.date, "author": self.author, "site": self.site, "url": self.url}

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> PageMeta | None:
        return None if data is None else cls(data["title"], data["date"], data["author"], data["site"], data["url"])


def _paragraph_of(sentence: Sentence) -> int:
    return sentence.paragraph


@dataclass(frozen=True, slots=True)
class Document:
    """One input file: where it came from, its language, paragraphs and sentences."""

    path: str
    sha256: str
    language: str
    paragraphs: tuple[Paragraph, ...]
    sentences: tuple[Sentence, ...] = ()
    meta: PageMeta | None = None  # for a web page: title, date, author, site, canonical URL

    def __post_init__(self) -> None:
        if any(a.paragraph > b.paragraph for a, b in zip(self.sentences, self.sentences[1:], strict=False)):
            raise ValueError(f"{self.path}: sentences out of document order")

    def content_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if not p.boilerplate]

    def sentences_of(self, paragraph: int) -> list[Sentence]:
        # Sentences are in document order (segment_document makes them so): a bisection, not a scan of all of
        # them for each paragraph, which made an 8,600-paragraph audit quadratic.
        first = bisect_left(self.sentences, paragraph, key=_paragraph_of)
        return list(self.sentences[first:bisect_right(self.sentences, paragraph, lo=first, key=_paragraph_of)])

    def to_dict(self) -> dict[str, Any]:
        data = {"path": self.path, "sha256": self.sha256, "language": self.language,
                "paragraphs": [p.to_dict() for p in self.paragraphs],
                "sentences": [s.to_dict() for s in self.sentences]}
        return data if self.meta is None else {**data, "meta": self.meta.to_dict()}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(data["path"], data["sha256"], data["language"],
                   tuple(Paragraph.from_dict(p) for p in data["paragraphs"]),
                   tuple(Sentence.from_dict(s) for s in data.get("sentences", ())),
                   PageMeta.from_dict(data.get("meta")))
