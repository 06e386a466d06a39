"""Back-translation machinery: splits, batching order, paragraph offsets, cache, both engines on a tiny model."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from tiny_marian import TinyModels, install

from auditor import backtranslate as bt
from auditor import engines
from auditor.documents import Document, Paragraph, Sentence, Span
from auditor.models import ResolvedModel, resolve_model

IT_EN = "Helsinki-NLP/opus-mt-it-en"
SENTENCES = ["Il porto di Genova è chiuso.", "Non ci sono state vittime, ha detto il sindaco.",
             "Le navi aspettano.", "Il governo ha convocato i sindacati per lunedì mattina a Roma.", "Roma"]


def words(text: str) -> int:
    return len(text.split())


@pytest.mark.parametrize("text, limit, pieces", [
    ("a b c", 3, ["a b c"]),
    ("a b c d", 2, ["a b", "c d"]),
    ("a b c d e", 2, ["a b", "c", "d e"]),
    ("a b c d e f g h", 3, ["a b", "c d", "e f", "g h"]),
    ("abcdef", 0, ["a", "b", "c", "d", "e", "f"]),
])
def test_split_long(text: str, limit: int, pieces: list[str]) -> None:
    assert bt.split_long(text, words if limit else len, limit or 1) == pieces


def test_sorted_batches_runs_by_length_and_restores_order() -> None:
    batches: list[list[str]] = []

    def run(batch: Sequence[str]) -> list[str]:
        batches.append(list(batch))
        return [t.upper() for t in batch]
    texts = ["ccc", "a", "eeeee", "bb", "dddd"]
    assert engines.sorted_batches(texts, 2, run) == ["CCC", "A", "EEEEE", "BB", "DDDD"]
    assert batches == [["a", "bb"], ["ccc", "dddd"], ["eeeee"]]


def test_paragraphs_rebuilt_with_sentence_spans() -> None:
    calls: list[list[str]] = []

    def translate(texts: Sequence[str]) -> list[str]:
        calls.append(list(texts))
        return [t.upper() + " " for t in texts]  # stray spaces must not shift the offsets
    split = lambda s: s.split("|")  # noqa: E731
    result = bt.backtranslate_paragraphs([["ab", "c|d"], [], ["e"]], translate, split)
    assert calls == [["ab", "c", "d", "e"]]  # one call for the whole document
    assert result == [
        bt.ParagraphBacktranslation("AB C D", (Span(0, 2, "AB"), Span(3, 6, "C D")), 1),
        bt.ParagraphBacktranslation("", (), 0),
        bt.ParagraphBacktranslation("E", (Span(0, 1, "E"),), 0),
    ]
    for paragraph in result:
        assert all(paragraph.text[s.start:s.end] == s.text for s in paragraph.sentences)


def test_paragraph_backtranslation_round_trip() -> None:
    record = bt.ParagraphBacktranslation("A B", (Span(0, 1, "A"), Span(2, 3, "B")), 1)
    assert bt.ParagraphBacktranslation.from_dict(record.to_dict()) == record


def test_translate_that_drops_texts_is_refused() -> None:
    with pytest.raises(ValueError, match="returned 1 texts for 2 inputs"):
        bt.backtranslate_paragraphs([["a", "b"]], lambda texts: ["x"])


def test_cache_translates_only_new_texts(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def translate(texts: Sequence[str]) -> list[str]:
        calls.append(list(texts))
        return [t[::-1] for t in texts]
    path = tmp_path / "bt.sqlite"
    first = bt.cached(translate, "model-a|beam:1", path)
    assert first(["abc", "de", "abc"]) == ["cba", "ed", "cba"]
    assert bt.cached(translate, "model-a|beam:1", path)(["de", "abc", "fg"]) == ["ed", "cba", "gf"]
    assert bt.cached(translate, "model-a|beam:2", path)(["abc"]) == ["cba"]
    assert calls == [["abc", "de"], ["fg"], ["abc"]]


@pytest.mark.parametrize("decoding, key", [
    (engines.Decoding(), "beam:1"),
    (engines.Decoding(beam=4), "beam:4"),
    (engines.Decoding(max_new_tokens=64, min_new_tokens=64), "beam:1|max:64|min:64"),
])
def test_decoding_key(decoding: engines.Decoding, key: str) -> None:
    assert decoding.key() == key


@pytest.mark.parametrize("cpus, threads", [(1, (1, 1)), (2, (2, 1)), (4, (4, 1)), (16, (4, 4))])
def test_ct2_threads(cpus: int, threads: tuple[int, int]) -> None:
    assert engines.ct2_threads(cpus) == threads


def test_import_loads_no_model_library() -> None:
    code = ("import sys, auditor.backtranslate, auditor.score, auditor.models, auditor.cli_models; "
            "print(sorted(m for m in ('torch', 'transformers', 'ctranslate2') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_identity_engine_for_same_language(home: Path) -> None:
    engine = bt.load_engine(resolve_model("en", "en"))
    assert engine.signature == "mt:identity"
    assert bt.backtranslate_paragraphs([["Same text."]], engine.translate, engine.split)[0].text == "Same text."


def _engine(tiny: TinyModels, engine: str, cache: bool = False, decoding: engines.Decoding = engines.Decoding(
        max_new_tokens=12)) -> bt.Engine:
    """The tiny model installed in the cache and loaded through the same path as a real one."""
    install(tiny, IT_EN)
    return bt.load_engine(resolve_model("it", "en", engine=engine), decoding, cache)


@pytest.mark.parametrize("engine", ["transformers", "ct2"])
def test_engine_is_deterministic_and_keeps_order(home: Path, tiny: TinyModels, engine: str) -> None:
    loaded = _engine(tiny, engine)
    out = loaded.translate(SENTENCES)
    assert len(out) == len(SENTENCES) and len(set(out)) > 1  # the tiny model's output depends on its input
    assert _engine_again(tiny, engine).translate(SENTENCES) == out
    assert loaded.translate(SENTENCES[::-1]) == out[::-1]
    assert loaded.translate([]) == []


def _engine_again(tiny: TinyModels, engine: str) -> bt.Engine:
    return bt.load_engine(resolve_model("it", "en", engine=engine), engines.Decoding(max_new_tokens=12), False)


def test_ct2_float32_matches_transformers_token_for_token(home: Path, tiny: TinyModels) -> None:
    reference = _engine(tiny, "transformers").translate(SENTENCES)
    ct2 = bt.load_engine(resolve_model("it", "en", model_path=str(tiny.ct2_float32)),
                         engines.Decoding(max_new_tokens=12), cache=False)
    assert ct2.translate(SENTENCES) == reference


@pytest.mark.parametrize("engine", ["transformers", "ct2"])
def test_signature(home: Path, tiny: TinyModels, engine: str) -> None:
    name = "ct2@" + bt.package_version("ctranslate2") if engine == "ct2" else \
        "transformers@" + bt.package_version("transformers")
    assert _engine(tiny, engine).signature == f"mt:{IT_EN}@main|engine:{name}|beam:1|max:12|min:0"


@pytest.mark.parametrize("engine", ["transformers", "ct2"])
def test_over_long_sentence_is_split_not_truncated(home: Path, tiny: TinyModels, engine: str) -> None:
    loaded = _engine(tiny, engine)
    long_sentence = " ".join(SENTENCES * 4)  # far beyond the tiny model's 64 positions
    [paragraph] = bt.backtranslate_paragraphs([[SENTENCES[0], long_sentence]], loaded.translate, loaded.split)
    assert paragraph.split_sentences == 1
    pieces = loaded.split(long_sentence)
    assert len(pieces) >= 4 and " ".join(pieces) == long_sentence
    assert paragraph.sentences[1].text == " ".join(loaded.translate(pieces))


def test_cache_hit_translates_nothing(home: Path, tiny: TinyModels, monkeypatch: pytest.MonkeyPatch) -> None:
    from transformers import MarianMTModel
    generate = MarianMTModel.generate
    calls: list[int] = []

    def counting(self: MarianMTModel, *args: object, **kwargs: object) -> object:
        calls.append(1)
        return generate(self, *args, **kwargs)
    monkeypatch.setattr(MarianMTModel, "generate", counting)
    first = _engine(tiny, "transformers", cache=True).translate(SENTENCES)
    assert len(calls) == 1 and (home / bt.CACHE_FILE).is_file()
    assert _engine_again_cached(tiny).translate(SENTENCES) == first
    assert len(calls) == 1


def _engine_again_cached(tiny: TinyModels) -> bt.Engine:
    return bt.load_engine(resolve_model("it", "en", engine="transformers"), engines.Decoding(max_new_tokens=12))


def test_real_opus_mt_it_en(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only meaningful where a real model was pulled into the user's cache; proves nothing otherwise."""
    try:
        model = resolve_model("it", "en")
    except Exception as exc:  # noqa: BLE001  any failure here means: no real model on this machine
        pytest.skip(f"no real OPUS-MT it-en model cached ({exc})")
    engine = bt.load_engine(model, cache=False)
    assert engine.translate(["Il porto è chiuso."])[0].lower().startswith("the port")


def test_resolved_model_is_frozen() -> None:
    model = ResolvedModel("m", "main", "transformers")
    with pytest.raises(AttributeError):
        model.engine = "ct2"  # type: ignore[misc]


@pytest.mark.parametrize("text", ["Il porto di Genova è chiuso.", ">>en<< Il porto è chiuso.", "", "Ωmega xyz"])
def test_ct2_tokens_match_marian_tokenizer(tiny: TinyModels, text: str) -> None:
    import sentencepiece
    from transformers import MarianTokenizer
    tokenizer = MarianTokenizer.from_pretrained(tiny.hf)
    source = sentencepiece.SentencePieceProcessor(model_file=str(tiny.ct2 / "source.spm"))
    assert engines._pieces(source, text) == tokenizer.tokenize(text) + ["</s>"]


def _document() -> Document:
    text = "Menu\n\nUno. Due.\n\nTre."
    paragraphs = (Paragraph(0, 0, 4, "Menu", True), Paragraph(1, 6, 15, "Uno. Due."), Paragraph(2, 17, 21, "Tre."))
    sentences = (Sentence(0, 0, 0, 4, "Menu"), Sentence(1, 1, 6, 10, "Uno."), Sentence(2, 1, 11, 15, "Due."),
                 Sentence(3, 2, 17, 21, "Tre."))
    assert all(text[s.start:s.end] == s.text for s in sentences)
    return Document("t.txt", "0" * 64, "it", paragraphs, sentences)


def test_document_and_bead_backtranslation() -> None:
    engine = bt.Engine(lambda texts: [t.upper() for t in texts], lambda s: [s], "mt:test")
    backs = bt.backtranslate_document(_document(), engine)
    assert [b.text for b in backs] == ["", "UNO. DUE.", "TRE."]  # boilerplate is not translated
    text, spans = bt.bead_backtranslation(_document(), (1, 2), backs)
    assert text == "UNO. DUE.\n\nTRE."
    assert spans == {1: Span(0, 4, "UNO."), 2: Span(5, 9, "DUE."), 3: Span(11, 15, "TRE.")}
    assert all(text[s.start:s.end] == s.text for s in spans.values())


def test_cache_that_cannot_be_opened_translates_anyway(tmp_path: Path) -> None:
    (tmp_path / "not_a_dir").write_text("x")
    path = tmp_path / "not_a_dir" / "bt.sqlite"  # its parent is a file: neither mkdir nor connect can work
    translate = bt.cached(lambda texts: [t.upper() for t in texts], "model-a|beam:1", path)
    assert translate(["ab", "c"]) == ["AB", "C"]
    assert not path.exists()
