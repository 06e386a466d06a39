"""Registry, cache layout, resolution (local files only), pull and the `auditor models` commands."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from tiny_marian import TinyModels, install
from typer.testing import CliRunner

from auditor import fetch, models
from auditor.cli_models import models_app
from auditor.errors import AuditError

H = "Helsinki-NLP/opus-mt-"
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("translation, original, expected", [
    ("it", "en", [(H + "it-en", ""), (H + "ROMANCE-en", ""), (H + "mul-en", "")]),
    ("pt", "en", [(H + "ROMANCE-en", ""), (H + "mul-en", "")]),
    ("ko", "en", [(H + "ko-en", ""), (H + "mul-en", "")]),
    ("en", "it", [(H + "en-it", ""), (H + "en-ROMANCE", ">>it<< ")]),
    ("en", "de", [(H + "en-de", "")]),
    ("ro", "en", [(H + "ROMANCE-en", ""), (H + "mul-en", "")]),
    ("sv", "en", [(H + "mul-en", "")]),
    ("en", "ja", []),
])
def test_candidates(translation: str, original: str, expected: list[tuple[str, str]]) -> None:
    found = models.candidates(translation, original)
    assert [(c.model, c.prefix) for c in found] == expected


def test_registry_covers_pairs_and_claims_no_verification() -> None:
    pairs = models.registry()["pairs"]
    wanted = [f"{lang}-en" for lang in "it fr es de pt nl ru zh ja ar pl tr ko".split()]
    assert set(wanted + ["en-it", "en-fr", "en-es", "en-de"]) <= set(pairs)
    # Nothing was downloaded and run where this registry was written: no entry may claim otherwise.
    assert not any(e["verified"] for e in pairs.values())
    assert not any(e["verified"] for e in models.registry()["multilingual"].values())


def test_registry_copy_matches_package_data() -> None:
    shipped = json.loads((ROOT / "auditor/data/registry.json").read_text(encoding="utf-8"))
    assert json.loads((ROOT / "models/registry.json").read_text(encoding="utf-8")) == shipped


def test_cache_dir_honours_auditor_home(home: Path) -> None:
    assert models.cache_dir() == home
    assert models.model_root(H + "it-en", "main") == home / "models/Helsinki-NLP--opus-mt-it-en/main"


def test_default_cache_dir_is_outside_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AUDITOR_HOME", raising=False)
    assert Path(models.__file__).parent not in models.cache_dir().parents
    assert models.cache_dir().name == "auditor"


def test_missing_model_error_names_model_place_and_fix(home: Path) -> None:
    with pytest.raises(AuditError) as err:
        models.resolve_model("it", "en")
    message = str(err.value)
    assert "\n" not in message
    for part in (H + "it-en", str(home / "models/Helsinki-NLP--opus-mt-it-en/main"),
                 "`auditor models pull it-en`", "--model PATH", "--no-backtranslation"):
        assert part in message


def test_unknown_pair_error(home: Path) -> None:
    with pytest.raises(AuditError, match="no OPUS-MT model is known for en-ja"):
        models.resolve_model("en", "ja")


def test_same_language_needs_no_model(home: Path) -> None:
    assert models.resolve_model("en", "en").engine == models.IDENTITY


@pytest.mark.parametrize("engines, asked, used", [
    (("transformers",), "auto", "transformers"),
    (("transformers", "ct2"), "auto", "ct2"),
    (("transformers", "ct2"), "transformers", "transformers"),
    (("ct2",), "auto", "ct2"),
])
def test_engine_choice(home: Path, tiny: TinyModels, engines: tuple[str, ...], asked: str,
                       used: str) -> None:
    root = install(tiny, H + "it-en", engines)
    model = models.resolve_model("it", "en", engine=asked)
    assert (model.model_id, model.revision, model.engine) == (H + "it-en", "main", used)
    assert model.ct2_dir == (root / "ct2-int8" if "ct2" in engines else None)


@pytest.mark.parametrize("engines, asked, problem", [
    (("transformers",), "ct2", "`auditor models pull it-en --engine ct2`"),
    (("ct2",), "transformers", "use --engine ct2 or auto"),
])
def test_engine_not_available(home: Path, tiny: TinyModels, engines: tuple[str, ...], asked: str,
                              problem: str) -> None:
    install(tiny, H + "it-en", engines)
    with pytest.raises(AuditError, match=re.escape(problem)):
        models.resolve_model("it", "en", engine=asked)


def test_fallback_model_is_used_when_direct_pair_is_missing(home: Path, tiny: TinyModels) -> None:
    install(tiny, H + "mul-en", ("transformers",))
    assert models.resolve_model("it", "en").model_id == H + "mul-en"


def test_multilingual_target_prefix_is_resolved(home: Path, tiny: TinyModels) -> None:
    install(tiny, H + "en-ROMANCE", ("transformers",))
    assert models.resolve_model("en", "fr").prefix == ">>fr<< "


@pytest.mark.parametrize("form, engine", [("hf", "transformers"), ("ct2", "ct2")])
def test_model_path(home: Path, tiny: TinyModels, form: str, engine: str) -> None:
    path = getattr(tiny, form)
    model = models.resolve_model("it", "en", model_path=str(path))
    assert (model.model_id, model.revision, model.engine) == (str(path), "local", engine)


def test_model_id_from_cache(home: Path, tiny: TinyModels) -> None:
    install(tiny, H + "it-en", ("transformers",))
    model = models.resolve_model("it", "en", model_path=H + "it-en")
    assert (model.model_id, model.revision, model.engine) == (H + "it-en", "main", "transformers")


def test_model_path_without_model(home: Path, tmp_path: Path) -> None:
    with pytest.raises(AuditError, match="no MarianMT or CTranslate2 model found"):
        models.resolve_model("it", "en", model_path=str(tmp_path))


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """HF_HUB_OFFLINE=1 as huggingface_hub sees it (it reads the variable once, at import)."""
    import huggingface_hub.constants
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)


def test_pull_offline_fails_in_one_line(home: Path, offline: None) -> None:
    with pytest.raises(AuditError, match=r"could not download Helsinki-NLP/opus-mt-it-en@main .*"
                                         r"\(OfflineModeIsEnabled\)"):
        fetch.pull("it-en", progress=False)
    assert not (home / "models/Helsinki-NLP--opus-mt-it-en/main/hf").exists()


@pytest.mark.parametrize("args, code, text", [
    (["pull", "it-en", "--quiet"], 2, "auditor: error: could not download Helsinki-NLP/opus-mt-it-en"),
    (["pull", "xx", "--quiet"], 2, "auditor: error: no OPUS-MT model is known for 'xx'"),
    (["list"], 0, "no models cached in"),
])
def test_cli_exit_codes(home: Path, offline: None, args: list[str], code: int, text: str) -> None:
    result = CliRunner().invoke(models_app, args)
    assert result.exit_code == code
    assert result.output.startswith(text) and result.output.count("\n") == 1


def test_pull_engine_is_a_choice(home: Path) -> None:
    result = CliRunner().invoke(models_app, ["pull", "it-en", "--engine", "onnx"])
    assert result.exit_code == 2 and "'onnx' is not one of 'transformers', 'ct2'" in result.output


def test_pull_downloads_converts_and_lists(home: Path, tiny: TinyModels,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub
    calls = []

    def fake_download(repo_id: str, revision: str, local_dir: Path, allow_patterns: list[str]) -> str:
        calls.append((repo_id, revision, allow_patterns))
        shutil.copytree(tiny.hf, local_dir)
        return str(local_dir)
    monkeypatch.setattr(huggingface_hub, "snapshot_download", fake_download)
    monkeypatch.setattr(huggingface_hub.HfApi, "list_repo_files",
                        lambda self, repo, revision: ["config.json", "model.safetensors", "pytorch_model.bin"])
    result = CliRunner().invoke(models_app, ["pull", "it-en", "--engine", "ct2", "--quiet"])
    assert result.exit_code == 0, result.output
    assert calls == [(H + "it-en", "main", ["*.json", "*.spm", "model.safetensors"])]
    assert models.resolve_model("it", "en").engine == "ct2"
    [cached] = models.list_cached()
    assert (cached.model_id, cached.revision, cached.engines) == (H + "it-en", "main", ("transformers", "ct2"))
    assert cached.size_bytes > 0
    listing = CliRunner().invoke(models_app, ["list"]).output
    assert listing.startswith(f"{H}it-en@main  transformers+ct2  ")


def without(monkeypatch: pytest.MonkeyPatch, *missing: str) -> None:
    """Pretend the [mt] extra is not installed: find_spec answers None for these modules."""
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name in missing else real(name, *a))


def test_transformers_engine_without_the_mt_extra_names_the_fix(home: Path, tiny: TinyModels,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    install(tiny, H + "it-en", ("transformers",))
    without(monkeypatch, "torch")
    with pytest.raises(AuditError, match=re.escape("pip install 'auditor[mt]'")):
        models.resolve_model("it", "en", engine="transformers")


def test_pull_without_huggingface_hub_names_the_fix(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    without(monkeypatch, "huggingface_hub")
    with pytest.raises(AuditError, match=re.escape("needs huggingface_hub: pip install 'auditor[mt]'")):
        fetch.pull("it-en", progress=False)


def test_a_finished_download_replaces_a_stale_copy(tmp_path: Path) -> None:
    partial, target = tmp_path / "hf.partial", tmp_path / "hf"
    partial.mkdir()
    (partial / "config.json").write_text("{}")
    target.mkdir()
    (target / "stale.bin").write_text("old")
    fetch._move_into_place(partial, target)
    assert [p.name for p in target.iterdir()] == ["config.json"] and not partial.exists()
