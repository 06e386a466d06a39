"""Build shape-true MarianMT model directories (random weights) for tests and benchmarks: no Hub needed."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

LINES = (
    "Il porto di Genova è chiuso da tre giorni per lo sciopero dei portuali.",
    "Non ci sono state vittime, ha detto il sindaco ai giornalisti.",
    "Le navi aspettano al largo e le merci restano ferme nei magazzini.",
    "Il governo ha convocato i sindacati per lunedì mattina a Roma.",
    "The port of Genoa has been closed for three days by the dockers' strike.",
    "There were no casualties, the mayor told reporters on Tuesday.",
)


def train_spm(lines: tuple[str, ...] | list[str], vocab_size: int) -> bytes:
    """A unigram sentencepiece model trained on a few lines (bytes of the .spm file)."""
    import sentencepiece as spm
    buf = io.BytesIO()
    spm.SentencePieceTrainer.train(sentence_iterator=iter(list(lines) * 4), model_writer=buf,
                                   vocab_size=vocab_size, model_type="unigram", character_coverage=1.0,
                                   unk_id=0, bos_id=-1, eos_id=-1, pad_id=-1, hard_vocab_limit=False,
                                   minloglevel=2)
    return buf.getvalue()


def marian_vocab(spm_model: bytes, size: int | None = None) -> dict[str, int]:
    """Marian's vocab.json layout: </s>=0, <unk>=1, the pieces, filler up to size, <pad> last."""
    import sentencepiece as spm
    sp = spm.SentencePieceProcessor(model_proto=spm_model)
    vocab = {"</s>": 0, "<unk>": 1}
    for i in range(sp.get_piece_size()):
        vocab.setdefault(sp.id_to_piece(i), len(vocab))
    while size is not None and len(vocab) < size - 1:
        vocab[f"<fill{len(vocab)}>"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    return vocab


def build_marian(out: Path, *, vocab_size: int | None = None, d_model: int = 32, layers: int = 1,
                 heads: int = 2, ffn: int = 64, max_positions: int = 64, spm_size: int = 120,
                 init_std: float = 0.5, lines: tuple[str, ...] = LINES, seed: int = 0) -> Path:
    """Save a random MarianMTModel + MarianTokenizer (source.spm, target.spm, vocab.json) to out."""
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer
    out.mkdir(parents=True, exist_ok=True)
    spm_model = train_spm(lines, spm_size)
    vocab = marian_vocab(spm_model, vocab_size)
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(spm_model)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    pad = len(vocab) - 1
    # A large init_std makes a tiny random model's output depend on its input (default 0.02 barely does).
    config = MarianConfig(vocab_size=len(vocab), decoder_vocab_size=len(vocab), d_model=d_model,
                          encoder_layers=layers, decoder_layers=layers, encoder_attention_heads=heads,
                          decoder_attention_heads=heads, encoder_ffn_dim=ffn, decoder_ffn_dim=ffn,
                          max_position_embeddings=max_positions, pad_token_id=pad, eos_token_id=0,
                          decoder_start_token_id=pad, forced_eos_token_id=0, activation_function="swish",
                          scale_embedding=True, init_std=init_std)
    torch.manual_seed(seed)
    MarianMTModel(config).eval().save_pretrained(out)
    tokenizer = MarianTokenizer(vocab=str(out / "vocab.json"), source_spm=str(out / "source.spm"),
                                target_spm=str(out / "target.spm"), model_max_length=max_positions)
    tokenizer.save_pretrained(out)
    return out


def convert(hf_dir: Path, out: Path, quantization: str = "int8") -> Path:
    """The same model through the auditor's own CTranslate2 conversion."""
    from auditor.fetch import convert_ct2
    return convert_ct2(hf_dir, out, quantization)


@dataclass(frozen=True)
class TinyModels:
    """One tiny model in its three forms: transformers, CTranslate2 int8, CTranslate2 float32."""

    hf: Path
    ct2: Path
    ct2_float32: Path


def tiny_models(base: Path) -> TinyModels:
    """Build the tiny model once per test session under base (reused if already there)."""
    models = TinyModels(base / "tiny-hf", base / "tiny-ct2", base / "tiny-ct2-f32")
    if not models.ct2_float32.exists():
        build_marian(models.hf)
        convert(models.hf, models.ct2)
        convert(models.hf, models.ct2_float32, "float32")
    return models


def install(models: TinyModels, model_id: str, engines: tuple[str, ...] = ("transformers", "ct2")) -> Path:
    """Copy the tiny model into the auditor cache ($AUDITOR_HOME) where `auditor models pull` puts one."""
    from auditor.models import CT2_SUBDIR, HF_SUBDIR, model_root
    root = model_root(model_id, "main")
    if "transformers" in engines:
        shutil.copytree(models.hf, root / HF_SUBDIR)
    if "ct2" in engines:
        shutil.copytree(models.ct2, root / CT2_SUBDIR)
    return root


@pytest.fixture(scope="session")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> TinyModels:
    """The tiny model, built once for the whole session."""
    return tiny_models(tmp_path_factory.getbasetemp() / "tiny-marian")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty auditor cache for one test."""
    monkeypatch.setenv("AUDITOR_HOME", str(tmp_path / "home"))
    return tmp_path / "home"
