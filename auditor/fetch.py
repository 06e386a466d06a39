"""Fetching models: `auditor models pull` from the Hugging Face Hub and conversion to CTranslate2 int8."""

from __future__ import annotations

import shutil
from pathlib import Path

from auditor.errors import AuditError
from auditor.models import (
    CT2_SUBDIR,
    HF_SUBDIR,
    TOKENIZER_FILES,
    Candidate,
    ResolvedModel,
    candidates,
    installed,
    is_ct2_dir,
    is_marian_dir,
    model_root,
    registry,
    resolve_model,
)


def pull(pair: str, engine: str = "transformers", progress: bool = True) -> ResolvedModel:
    """Download the pair's model from the Hub into the cache; convert to CTranslate2 int8 if engine is ct2."""
    translation_lang, _, original_lang = pair.partition("-")
    found = candidates(translation_lang, original_lang) if original_lang else []
    if not found:
        raise AuditError(f"no OPUS-MT model is known for {pair!r}; pairs look like it-en "
                         f"(translation-original): {', '.join(sorted(registry()['pairs']))}")
    if not installed("huggingface_hub"):
        raise AuditError("`auditor models pull` needs huggingface_hub: pip install 'auditor[mt]'")
    cand = found[0]
    root = model_root(cand.model, cand.revision)
    if not is_marian_dir(root / HF_SUBDIR):
        _download(cand, root / HF_SUBDIR, progress)
    if engine == "ct2" and not is_ct2_dir(root / CT2_SUBDIR):
        convert_ct2(root / HF_SUBDIR, root / CT2_SUBDIR)
    return resolve_model(translation_lang, original_lang, engine=engine)


def _download(cand: Candidate, target: Path, progress: bool) -> None:
    """snapshot_download into a temporary folder, renamed only when complete (no half-cached models)."""
    from huggingface_hub import HfApi, snapshot_download
    from huggingface_hub.utils import disable_progress_bars, enable_progress_bars
    partial = target.with_name(target.name + ".partial")
    (enable_progress_bars if progress else disable_progress_bars)()
    try:
        names = HfApi().list_repo_files(cand.model, revision=cand.revision)
        # One copy of the weights is enough: safetensors when the repo has it, else the PyTorch pickle.
        weights = "model.safetensors" if "model.safetensors" in names else "pytorch_model.bin"
        snapshot_download(cand.model, revision=cand.revision, local_dir=partial,
                          allow_patterns=["*.json", "*.spm", weights])
    except Exception as exc:  # network, offline mode, missing repo: all end the same way for the user
        raise AuditError(f"could not download {cand.model}@{cand.revision} from the Hugging Face Hub "
                         f"({type(exc).__name__}); check the network and HF_HUB_OFFLINE, or copy a "
                         "model directory here and pass --model PATH") from None
    shutil.rmtree(partial / ".cache", ignore_errors=True)
    _move_into_place(partial, target)


def convert_ct2(hf_dir: Path, out_dir: Path, quantization: str = "int8") -> Path:
    """Convert a MarianMT directory to CTranslate2 (int8 by default), tokenizer files copied alongside."""
    from ctranslate2.converters import TransformersConverter
    partial = out_dir.with_name(out_dir.name + ".partial")
    copy = [name for name in TOKENIZER_FILES if (hf_dir / name).is_file()]
    TransformersConverter(str(hf_dir), copy_files=copy).convert(str(partial), quantization=quantization,
                                                                force=True)
    _move_into_place(partial, out_dir)
    return out_dir


def _move_into_place(partial: Path, target: Path) -> None:
    """Rename a finished download/conversion over whatever incomplete copy a failed run left behind."""
    try:
        if target.exists():
            shutil.rmtree(target)
        partial.replace(target)
    except OSError as exc:
        raise AuditError(f"cannot store the model ({exc.strerror})", str(target)) from None
