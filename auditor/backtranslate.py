"""Back-translation: long-sentence splits, an sqlite cache, and paragraphs rebuilt with the offsets of each
sentence's back-translation; the engines themselves are in auditor.engines."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.config import package_version
from auditor.documents import Document, Span
from auditor.engines import Decoding, Translate, ct2_engine, transformers_engine
from auditor.models import IDENTITY, ResolvedModel, cache_dir

Split = Callable[[str], list[str]]

CACHE_FILE = "backtranslations.sqlite"
PARAGRAPH_JOIN = "\n\n"    # between the paragraphs of a 2-1 / 1-2 bead's back-translation


@dataclass(frozen=True, slots=True)
class Engine:
    """A loaded back-translation model: translate, split (keeps sentences under its limit), signature."""

    translate: Translate
    split: Split
    signature: str


@dataclass(frozen=True, slots=True)
class ParagraphBacktranslation:
    """One paragraph's back-translation; sentences[k] spans the back-translation of its sentence k."""

    text: str
    sentences: tuple[Span, ...]
    split_sentences: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "sentences": [s.to_dict() for s in self.sentences],
                "split_sentences": self.split_sentences}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ParagraphBacktranslation:
        return cls(data["text"], tuple(Span(s["start"], s["end"], s["text"]) for s in data["sentences"]),
                   data["split_sentences"])


def backtranslate_paragraphs(paragraph_sentences: Sequence[Sequence[str]], translate: Translate,
                             split: Split | None = None) -> list[ParagraphBacktranslation]:
    """Back-translate every sentence of every paragraph in one call, then rebuild the paragraphs."""
    pieces = [[(split or _whole)(s) for s in sentences] for sentences in paragraph_sentences]
    flat = [piece for paragraph in pieces for sentence in paragraph for piece in sentence]
    out = translate(flat)
    if len(out) != len(flat):
        raise ValueError(f"translate returned {len(out)} texts for {len(flat)} inputs")
    results, it = [], iter(out)
    for paragraph in pieces:
        sentences = [" ".join(next(it).strip() for _ in sentence).strip() for sentence in paragraph]
        results.append(_join(sentences, sum(len(sentence) > 1 for sentence in paragraph)))
    return results


def backtranslate_document(translation: Document, engine: Engine) -> tuple[ParagraphBacktranslation, ...]:
    """Back-translations of a segmented document's paragraphs, by paragraph index (boilerplate left empty)."""
    sentences = [[] if p.boilerplate else [s.text for s in translation.sentences_of(p.index)]
                 for p in translation.paragraphs]
    return tuple(backtranslate_paragraphs(sentences, engine.translate, engine.split))


def bead_backtranslation(translation: Document, paragraphs: Sequence[int],
                         backtranslations: Sequence[ParagraphBacktranslation]) -> tuple[str, dict[int, Span]]:
    """A bead's back-translation (its paragraphs' joined by a blank line) and, by global sentence index, the
    span of each translation sentence's back-translation in that text."""
    texts, spans, offset = [], {}, 0
    for p in paragraphs:
        back = backtranslations[p]
        for sentence, span in zip(translation.sentences_of(p), back.sentences, strict=True):
            spans[sentence.index] = Span(offset + span.start, offset + span.end, span.text)
        texts.append(back.text)
        offset += len(back.text) + len(PARAGRAPH_JOIN)
    return PARAGRAPH_JOIN.join(texts), spans


def _whole(text: str) -> list[str]:
    return [text]


def _join(sentences: list[str], split_sentences: int) -> ParagraphBacktranslation:
    """Sentences joined by spaces, with the span of each."""
    spans, start = [], 0
    for sentence in sentences:
        spans.append(Span(start, start + len(sentence), sentence))
        start += len(sentence) + 1
    return ParagraphBacktranslation(" ".join(sentences), tuple(spans), split_sentences)


def split_long(text: str, count_tokens: Callable[[str], int], max_tokens: int) -> list[str]:
    """Pieces of text that each fit max_tokens, halved at the middle space (inside a word only if no space)."""
    if len(text) <= 1 or count_tokens(text) <= max_tokens:
        return [text]
    words = text.split(" ")
    if len(words) > 1:
        mid = len(words) // 2
        head, tail = " ".join(words[:mid]), " ".join(words[mid:])
    else:
        head, tail = text[:len(text) // 2], text[len(text) // 2:]
    return split_long(head, count_tokens, max_tokens) + split_long(tail, count_tokens, max_tokens)


def cached(translate: Translate, key: str, path: Path) -> Translate:
    """Wrap translate with an sqlite cache keyed by (key, text): only texts never seen are translated.

    The cache only saves time: where it cannot be read or written (a read-only home), texts are translated anew.
    """
    def run(texts: Sequence[str]) -> list[str]:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(path)) as db, db:
                db.execute("CREATE TABLE IF NOT EXISTS bt (key TEXT, source TEXT, target TEXT, "
                           "PRIMARY KEY (key, source))")
                known = {t: row[0] for t in set(texts) if (row := db.execute(
                    "SELECT target FROM bt WHERE key = ? AND source = ?", (key, t)).fetchone())}
        except (OSError, sqlite3.Error):
            return translate(texts)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, translate(missing), strict=True))
            try:
                with closing(sqlite3.connect(path)) as db, db:
                    db.executemany("INSERT OR REPLACE INTO bt VALUES (?, ?, ?)",
                                   [(key, t, known[t]) for t in missing])
            except (OSError, sqlite3.Error):
                pass  # a cache that cannot be written is a slower audit, not a failed one
        return [known[t] for t in texts]
    return run


def load_engine(model: ResolvedModel, decoding: Decoding = Decoding(), cache: bool = True) -> Engine:
    """Load the resolved model with its engine (heavy imports happen here); cache results on disk."""
    if model.engine == IDENTITY:
        return Engine(list, _whole, "mt:identity")
    if model.engine == "ct2":
        assert model.ct2_dir is not None
        translate, count, limit = ct2_engine(model.ct2_dir, decoding)
        version = f"ct2@{package_version('ctranslate2')}"
    else:
        assert model.local_dir is not None
        translate, count, limit = transformers_engine(model.local_dir, decoding)
        version = f"transformers@{package_version('transformers')}"
    if model.prefix:  # multilingual models pick the output language from a >>xx<< token
        translate = _prefixed(translate, model.prefix)
        count = _prefixed_count(count, model.prefix)
    signature = f"mt:{model.model_id}@{model.revision}|engine:{version}|{decoding.key()}"
    if cache:
        translate = cached(translate, signature, cache_dir() / CACHE_FILE)
    return Engine(translate, lambda text: split_long(text, count, limit), signature)


def _prefixed(translate: Translate, prefix: str) -> Translate:
    return lambda texts: translate([prefix + t for t in texts])


def _prefixed_count(count: Callable[[str], int], prefix: str) -> Callable[[str], int]:
    return lambda text: count(prefix + text)


