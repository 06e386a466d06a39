"""The two MarianMT engines: transformers (PyTorch) and CTranslate2, with one Translate interface.

Each returns (translate, count_tokens, max_input_tokens); heavy libraries are imported only when one is built.
"""

from __future__ import annotations

import json
import math
import os
import re
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from auditor.config import DEFAULT_BEAM

Translate = Callable[[Sequence[str]], list[str]]

DEFAULT_BATCH_SIZE = 16        # transformers: sentences per generate() call
DEFAULT_MAX_NEW_TOKENS = 512   # Marian's position limit; a sentence's translation never needs more
MAX_CT2_BATCH = 64             # bounds CTranslate2's memory on long articles
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



def sorted_batches(texts: Sequence[str], batch_size: int, run: Translate) -> list[str]:
    """Run batches of similar length (less padding), then put the results back in input order."""
    order = sorted(range(len(texts)), key=lambda i: (len(texts[i]), i))
    out: list[str] = [""] * len(texts)
    for start in range(0, len(order), batch_size):
        chunk = order[start:start + batch_size]
        for i, text in zip(chunk, run([texts[i] for i in chunk]), strict=True):
            out[i] = text
    return out



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
        # The warning is moot: MarianTokenizer never applies its Moses normalizer when it tokenizes (transformers
        # defines normalize() but does not call it), so both engines feed the model the same unnormalized text.
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
        # verbose=False: an over-long sentence is expected here (it is about to be split), not worth a warning.
        return len(tokenizer(text, verbose=False).input_ids)
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
