"""Back-translation models: the OPUS-MT registry, the on-disk cache and resolution (local files only)."""

from __future__ import annotations

import importlib.util
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from auditor.errors import AuditError

HOME_ENV = "AUDITOR_HOME"
HF_SUBDIR, CT2_SUBDIR = "hf", "ct2-int8"
TOKENIZER_FILES = ("source.spm", "target.spm", "vocab.json", "tokenizer_config.json", "special_tokens_map.json")
IDENTITY = "identity"  # same-language pairs: the translation is compared with the original directly


@dataclass(frozen=True, slots=True)
class Candidate:
    """A registry model that can back-translate one pair; prefix is prepended to every input sentence."""

    model: str
    revision: str
    verified: bool
    prefix: str = ""


@dataclass(frozen=True, slots=True)
class ResolvedModel:
    """The model an audit will use: id, revision, where its files are and the engine that will run it."""

    model_id: str
    revision: str
    engine: str
    local_dir: Path | None = None
    ct2_dir: Path | None = None
    prefix: str = ""


@dataclass(frozen=True, slots=True)
class CachedModel:
    """One model in the cache, for `auditor models list`."""

    model_id: str
    revision: str
    engines: tuple[str, ...]
    size_bytes: int
    path: Path


def cache_dir() -> Path:
    """The auditor cache: $AUDITOR_HOME, else the user cache dir (never inside the package)."""
    from platformdirs import user_cache_dir
    return Path(os.environ.get(HOME_ENV) or user_cache_dir("auditor"))


def model_root(model_id: str, revision: str) -> Path:
    """Where `pull` puts a model: <cache>/models/<org>--<name>/<revision>/{hf,ct2-int8}."""
    return cache_dir() / "models" / model_id.replace("/", "--") / revision


@lru_cache(maxsize=1)
def registry() -> dict[str, Any]:
    """The packaged OPUS-MT registry (auditor/data/registry.json)."""
    return json.loads(files("auditor").joinpath("data/registry.json").read_text(encoding="utf-8"))


def candidates(translation_lang: str, original_lang: str) -> list[Candidate]:
    """Models that back-translate translation_lang -> original_lang: the direct pair first, then fallbacks."""
    reg, pair = registry(), f"{translation_lang}-{original_lang}"
    multi = reg["multilingual"]
    entry = reg["pairs"].get(pair)
    names = [entry["model"], *entry["fallback"]] if entry else []
    names += [m for m, info in multi.items() if m not in names and original_lang in info["targets"]
              and ({translation_lang, "*"} & set(info["sources"]))]
    found = []
    for name in names:
        info = multi.get(name) or entry or {}
        prefix = info.get("prefix", "").format(target=original_lang)
        found.append(Candidate(name, info.get("revision", "main"), bool(info.get("verified")), prefix))
    return found


def resolve_model(translation_lang: str, original_lang: str, model_path: str | None = None,
                  engine: str = "auto") -> ResolvedModel:
    """Find a cached or local model for the pair (never the network); raise AuditError naming the fix."""
    if model_path is not None:
        return _resolve_given(model_path, engine)
    if translation_lang == original_lang:
        return ResolvedModel(IDENTITY, "", IDENTITY)
    pair = f"{translation_lang}-{original_lang}"
    found = candidates(translation_lang, original_lang)
    if not found:
        raise AuditError(f"no OPUS-MT model is known for {pair} back-translation; "
                         "pass --model PATH or --no-backtranslation")
    for cand in found:
        hf, ct2 = model_dirs(model_root(cand.model, cand.revision))
        if hf or ct2:
            return _with_engine(cand.model, cand.revision, hf, ct2, engine, cand.prefix, pair)
    first = found[0]
    raise AuditError(f"back-translation model {first.model} ({pair}) is not cached: looked in "
                     f"{model_root(first.model, first.revision)}; run `auditor models pull {pair}`, "
                     "or pass --model PATH, or --no-backtranslation")


def _resolve_given(model: str, engine: str) -> ResolvedModel:
    """--model: a local model directory, or the id of a model already in the cache."""
    path = Path(model).expanduser()
    model_id, revision = (str(path.resolve()), "local") if path.is_dir() else (model, "main")
    if not path.is_dir():
        path = model_root(model, revision)
    hf, ct2 = model_dirs(path)
    if not (hf or ct2):
        raise AuditError(f"--model {model}: no MarianMT or CTranslate2 model found in {path}; "
                         "give a model directory or run `auditor models pull PAIR`")
    return _with_engine(model_id, revision, hf, ct2, engine, "", "PAIR")


def model_dirs(root: Path) -> tuple[Path | None, Path | None]:
    """The transformers and CTranslate2 directories under a cache entry, or root itself if it is one."""
    hf = next((d for d in (root / HF_SUBDIR, root) if is_marian_dir(d)), None)
    ct2 = next((d for d in (root / CT2_SUBDIR, root) if is_ct2_dir(d)), None)
    return hf, ct2


def is_marian_dir(path: Path) -> bool:
    """A complete MarianMT directory: weights, config and tokenizer."""
    weights = (path / "model.safetensors").is_file() or (path / "pytorch_model.bin").is_file()
    return weights and (path / "config.json").is_file() and (path / "source.spm").is_file()


def is_ct2_dir(path: Path) -> bool:
    """A complete CTranslate2 model directory."""
    # ct2 dirs carry the tokenizer files too (copied at conversion), so they work on their own.
    return (path / "model.bin").is_file() and (path / "source.spm").is_file()


def ct2_available() -> bool:
    """Whether CTranslate2 is installed (checked without importing it)."""
    return importlib.util.find_spec("ctranslate2") is not None


def _with_engine(model_id: str, revision: str, hf: Path | None, ct2: Path | None, engine: str,
                 prefix: str, pair: str) -> ResolvedModel:
    """Pick the engine: auto prefers CTranslate2 when it is installed and a conversion exists."""
    if engine == "auto":
        engine = "ct2" if ct2 and ct2_available() else "transformers"
    if engine == "ct2" and not ct2:
        raise AuditError(f"{model_id} has no CTranslate2 conversion: run `auditor models pull {pair} "
                         "--engine ct2`, or use --engine transformers")
    if engine == "ct2" and not ct2_available():
        raise AuditError("--engine ct2 needs ctranslate2: pip install 'auditor[mt]'")
    if engine == "transformers" and not hf:
        raise AuditError(f"{model_id} has only a CTranslate2 conversion (no transformers weights); "
                         "use --engine ct2 or auto")
    if engine == "transformers" and not installed("torch", "transformers", "sentencepiece"):
        raise AuditError("--engine transformers needs torch, transformers and sentencepiece: "
                         "pip install 'auditor[mt]' (torch==2.13.0 for the CPU build)")
    return ResolvedModel(model_id, revision, engine, hf, ct2, prefix)


def installed(*modules: str) -> bool:
    """Whether every module can be imported, checked without importing it."""
    return all(importlib.util.find_spec(m) is not None for m in modules)


def list_cached() -> list[CachedModel]:
    """Every model in the cache, with its engines and size on disk."""
    found = []
    for root in sorted((cache_dir() / "models").glob("*/*")):
        hf, ct2 = model_dirs(root)
        engines = tuple(name for name, d in (("transformers", hf), ("ct2", ct2)) if d)
        if engines:
            size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file())
            found.append(CachedModel(root.parent.name.replace("--", "/", 1), root.name, engines, size, root))
    return found
