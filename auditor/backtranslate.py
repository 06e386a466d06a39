"""Back-translation: MarianMT engines (transformers, CTranslate2), length-sorted batches, long-sentence splits,
an sqlite cache, and paragraphs rebuilt with the offsets of each sentence's back-translation."""

from __future__ import annotations

import json
import math
import os
import re
import sqlite3
import warnings
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.config import DEFAULT_BEAM, package_version
from auditor.models import IDENTITY, ResolvedModel, cache_dir
from auditor.records import Document, Span

Translate = Callable[[Sequence[str]], list[str]]
Split = Callable[[str], list[str]]

DEFAULT_BATCH_SIZE = 16        # transformers: sentences per generate() call
DEFAULT_MAX_NEW_TOKENS = 512   # Marian's position limit; a sentence's translation never needs more
MAX_CT2_BATCH = 64             # bounds CTranslate2's memory on long articles
CACHE_FILE = "backtranslations.sqlite"
PARAGRAPH_JOIN = "\n\n"    # between the paragraphs of a 2-1 / 1-2 bead's back-translation
EOS = "</s>"
SPECIAL_TOKENS = frozenset((EOS, "<unk>", "<pad>"))
LANGUAGE_CODE = re.compile(">>.+<<")  # as MarianTokenizer: target-language token of multilingual models


@dataclass(frozen=True, slots=True)
class Decoding:
    """Decoding settings; min_new_tokens > 0 only in benchmarks, to make every engine do equal work."""

    beam: int = DEFAULT_BEAM
    max_new_tokens: int = DEFAULT_MAX_NEW_TOKENS
    min_new_tokens: int = 0

    def key(self) -> str:
        lengths = (self.max_new_tokens, self.min_new_tokens) != (DEFAULT_MAX_NEW_TOKENS, 0)
        return f"beam:{self.beam}" + (f"|max:{self.max_new_tokens}|min:{self.min_new_tokens}" if lengths else "")


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
        for sentence, span in zip(translation.sentences_of(p), back.sentences):
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


def sorted_batches(texts: Sequence[str], batch_size: int, run: Translate) -> list[str]:
    """Run batches of similar length (less padding), then put the results back in input order."""
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    out: list[str] = [""] * len(texts)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        for i, text in zip(chunk, run([texts[i] for i in chunk])):
            out[i] = text
    return out


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
            known.update(zip(missing, translate(missing)))
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


def _limit(configured: int | None, positions: int = DEFAULT_MAX_NEW_TOKENS) -> int:
    """Longest input the model takes: the tokenizer's model_max_length, capped by the position table."""
    return min(configured or positions, positions)


def transformers_engine(model_dir: Path, decoding: Decoding, batch_size: int = DEFAULT_BATCH_SIZE
                        ) -> tuple[Translate, Callable[[str], int], int]:
    """MarianMT in PyTorch: eval mode, inference_mode, deterministic decoding, length-sorted batches."""
    import torch
    from transformers import MarianMTModel, MarianTokenizer
    from transformers.utils import logging
    logging.disable_progress_bar()  # an audit prints its summary, not a weight-loading bar
    with warnings.catch_warnings():
        # Without sacremoses MarianTokenizer skips Moses punctuation normalization, as the ct2 engine does.
        warnings.filterwarnings("ignore", message="Recommended: pip install sacremoses")
        tokenizer = MarianTokenizer.from_pretrained(model_dir, local_files_only=True)
    model = MarianMTModel.from_pretrained(model_dir, local_files_only=True).eval()
    # The decoder has a position table too: an output may not outgrow it (the start token takes one place).
    longest = min(decoding.max_new_tokens, model.config.max_position_embeddings - 1)
    options = {"num_beams": decoding.beam, "do_sample": False, "max_new_tokens": longest,
               "min_new_tokens": min(decoding.min_new_tokens, longest)}

    def run(batch: Sequence[str]) -> list[str]:
        inputs = tokenizer(list(batch), return_tensors="pt", padding=True)
        with torch.inference_mode():
            output = model.generate(**inputs, **options)
        return [_text(tokenizer.spm_target, tokenizer.convert_ids_to_tokens(ids)) for ids in output.tolist()]

    def count(text: str) -> int:
        return len(tokenizer(text).input_ids)
    limit = _limit(int(tokenizer.model_max_length), model.config.max_position_embeddings)
    return (lambda texts: sorted_batches(texts, batch_size, run)), count, limit


def ct2_threads(cpus: int | None = None) -> tuple[int, int]:
    """(inter_threads, intra_threads): one single-threaded worker per core up to 4, measured fastest for int8."""
    # The CPUs this process may run on (a container or taskset can allow fewer than os.cpu_count()).
    cpus = cpus or (len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()) or 1
    inter = min(cpus, 4)
    return inter, max(1, cpus // inter)


def ct2_engine(ct2_dir: Path, decoding: Decoding) -> tuple[Translate, Callable[[str], int], int]:
    """The same model converted to CTranslate2 (int8 on CPU), sub-batches spread over the workers."""
    import ctranslate2
    import sentencepiece
    # Tokenizing with sentencepiece directly spares a CTranslate2 audit the 1.5 s import of transformers.
    source = sentencepiece.SentencePieceProcessor(model_file=str(ct2_dir / "source.spm"))
    target = sentencepiece.SentencePieceProcessor(model_file=str(ct2_dir / "target.spm"))
    inter, intra = ct2_threads()
    translator = ctranslate2.Translator(str(ct2_dir), device="cpu", inter_threads=inter, intra_threads=intra)
    # transformers counts the forced </s> in max_new_tokens; CTranslate2 does not. Both stop at the position table.
    positions = _configured_max_length(ct2_dir) or DEFAULT_MAX_NEW_TOKENS
    longest = max(1, min(decoding.max_new_tokens, positions - 1) - 1)
    options = {"beam_size": decoding.beam, "max_decoding_length": longest,
               "min_decoding_length": min(decoding.min_new_tokens, longest)}

    def run(texts: Sequence[str]) -> list[str]:
        if not texts:
            return []
        # CTranslate2 sorts by length itself; one sub-batch per worker keeps every core busy.
        size = min(math.ceil(len(texts) / inter), MAX_CT2_BATCH)
        results = translator.translate_batch([_pieces(source, t) for t in texts], max_batch_size=size,
                                             **options)
        return [_text(target, r.hypotheses[0]) for r in results]

    def count(text: str) -> int:
        return len(_pieces(source, text))
    return run, count, _limit(_configured_max_length(ct2_dir))


def _pieces(source: Any, text: str) -> list[str]:
    """Marian's source tokens: a leading >>xx<< target-language token kept whole, the pieces, </s>."""
    code = LANGUAGE_CODE.match(text)
    return ([code.group(0)] if code else []) + source.encode(LANGUAGE_CODE.sub("", text), out_type=str) + [EOS]


def _text(target: Any, pieces: Sequence[str]) -> str:
    """Output pieces to text, the same way for both engines (as MarianTokenizer.decode skipping specials)."""
    text = target.decode_pieces([p for p in pieces if p not in SPECIAL_TOKENS])
    return str(text).replace("\u2581", " ").strip()


def _configured_max_length(model_dir: Path) -> int | None:
    path = model_dir / "tokenizer_config.json"
    return json.loads(path.read_text(encoding="utf-8")).get("model_max_length") if path.is_file() else None
