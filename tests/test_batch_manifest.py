"""Batch manifests (CSV, TSV, JSONL) and folder pairing: rows become pairs, bad rows become pairs with a problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from auditor.batch.manifest import Pair, pairs_in_folders, read_manifest
from auditor.errors import AuditError


@pytest.mark.parametrize(("name", "text"), [
    ("m.csv", "original,translation,id,target_lang\na.en.md,a.it.md,first,it\nb.md,b.fr.md,,\n"),
    ("m.tsv", "original\ttranslation\tid\ttarget_lang\na.en.md\ta.it.md\tfirst\tit\nb.md\tb.fr.md\t\t\n"),
    ("m.jsonl", '{"original": "a.en.md", "translation": "a.it.md", "id": "first", "target_lang": "it"}\n\n'
                '{"original": "b.md", "translation": "b.fr.md"}\n'),
])
def test_manifest_rows_become_pairs_relative_to_the_manifest(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert read_manifest(tmp_path / name) == [
        Pair("first", str(tmp_path / "a.en.md"), str(tmp_path / "a.it.md"), None, "it"),
        Pair("b.fr", str(tmp_path / "b.md"), str(tmp_path / "b.fr.md")),
    ]


@pytest.mark.parametrize(("text", "problem"), [
    ("original,translation,id\na.md,,x\n", "manifest line 2: no 'translation' given"),
    ("original,translation,id\na.md,b.md,../up\n", "manifest line 2: id '../up' cannot name a report folder"),
    ("original,translation,id\na.md,b.md,.hidden\n", "manifest line 2: id '.hidden' cannot name a report folder"),
    ("original,translation,id\na.md,b.md,x\nc.md,d.md,x\n", "id 'x' is used by an earlier pair"),
])
def test_a_bad_row_is_a_pair_with_its_problem(tmp_path: Path, text: str, problem: str) -> None:
    (tmp_path / "m.csv").write_text(text, encoding="utf-8")
    problems = [p.problem for p in read_manifest(tmp_path / "m.csv") if p.problem]
    assert len(problems) == 1 and problems[0].startswith(problem)


@pytest.mark.parametrize(("name", "text", "message"), [
    ("m.csv", "source,target\na.md,b.md\n", "the header has no 'original' column"),
    ("m.jsonl", '{"original": "a.md", "translation": "b.md"}\nnot json\n', "line 2 is not JSON"),
    ("m.jsonl", '["a.md", "b.md"]\n', "line 1 is not a JSON object"),
    ("m.xlsx", "whatever", "unknown manifest type .xlsx"),
])
def test_an_unusable_manifest_is_refused_whole(tmp_path: Path, name: str, text: str, message: str) -> None:
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(AuditError, match=message):
        read_manifest(tmp_path / name)


def test_a_json_value_that_is_not_text_is_the_rows_problem(tmp_path: Path) -> None:
    (tmp_path / "m.jsonl").write_text('{"original": "a.md", "translation": "b.md", "id": 7}\n', encoding="utf-8")
    assert read_manifest(tmp_path / "m.jsonl")[0].problem == "manifest line 1: 'id' is not a string"


def test_folders_pair_by_name_with_languages_from_the_file_names(tmp_path: Path) -> None:
    originals, translations = tmp_path / "en", tmp_path / "it"
    originals.mkdir()
    translations.mkdir()
    for path in (originals / "story.en.md", originals / "brief.md", originals / "notes.json",
                 translations / "story.it.md", translations / "story.fr.md", translations / "brief.it.txt",
                 translations / "orphan.it.md", translations / ".draft.it.md"):
        path.write_text("x", encoding="utf-8")
    pairs = pairs_in_folders(originals, translations)
    assert [(p.id, Path(p.original).name, Path(p.translation).name, p.source_lang, p.target_lang, p.problem)
            for p in pairs] == [
        ("brief.it", "brief.md", "brief.it.txt", None, "it", None),
        ("orphan.it", "", "orphan.it.md", None, "it", f"no original named orphan.EXT in {originals}"),
        ("story.fr", "story.en.md", "story.fr.md", "en", "fr", None),
        ("story.it", "story.en.md", "story.it.md", "en", "it", None),
    ]


def test_one_folder_cannot_be_both_sides(tmp_path: Path) -> None:
    with pytest.raises(AuditError, match="both the originals and the translations folder"):
        pairs_in_folders(tmp_path, tmp_path)
