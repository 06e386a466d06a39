"""`auditor batch` at the CLI: summary lines, exit code of the worst pair, no progress bar off a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import fake_embed
from test_batch import CHANGED, EN, IT
from typer.testing import CliRunner

from auditor.batch import worker
from auditor.cli import app


@pytest.fixture
def folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setattr(worker, "_embedder", lambda: fake_embed([list(g) for g in zip(EN, IT, CHANGED, strict=True)]))
    originals, translations = tmp_path / "en", tmp_path / "it"
    originals.mkdir()
    translations.mkdir()
    (originals / "strike.en.md").write_text("\n\n".join(EN), encoding="utf-8")
    (originals / "ferry.en.md").write_text("\n\n".join(EN), encoding="utf-8")
    (translations / "strike.it.md").write_text("\n\n".join(IT), encoding="utf-8")
    (translations / "ferry.it.md").write_text("\n\n".join(CHANGED), encoding="utf-8")
    return originals, translations


def _batch(*args: str | Path):
    return CliRunner().invoke(app, ["batch", *map(str, args), "--no-backtranslation", "--jobs", "1"])


def test_two_folders_summary_and_exit_code(folders: tuple[Path, Path], tmp_path: Path) -> None:
    result = _batch(*folders, "--out", tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert result.stdout == f"2 pairs: 1 passed, 1 failed the gate, 0 refused; 0 unchanged since an earlier run — " \
                            f"index: {tmp_path / 'out' / 'index.html'}\n"
    assert result.stderr == ""  # not a terminal: no progress bar
    assert (tmp_path / "out" / "ferry.it" / "report.html").is_file()
    again = _batch(*folders, "--out", tmp_path / "out", "--fail-on", "never")
    assert again.exit_code == 0 and "2 passed, 0 failed the gate, 0 refused; 0 unchanged" in again.stdout
    assert "2 unchanged since an earlier run" in _batch(*folders, "--out", tmp_path / "out", "--fail-on",
                                                        "never").stdout


def test_a_manifest_with_a_bad_row_lists_it_and_exits_2(folders: tuple[Path, Path], tmp_path: Path) -> None:
    manifest = tmp_path / "today.tsv"
    manifest.write_text("original\ttranslation\tid\nen/strike.en.md\tit/strike.it.md\tstrike\n"
                        "en/strike.en.md\t\tempty\n", encoding="utf-8")
    result = _batch(manifest, "--out", tmp_path / "out", "-q")
    assert result.exit_code == 2
    assert result.stdout.startswith("2 pairs: 1 passed, 0 failed the gate, 1 refused") and "\n" == result.stdout[-1]
    assert len(result.stdout.splitlines()) == 1  # --quiet: the summary line only
    assert "refused empty: manifest line 3: no 'translation' given" in _batch(manifest, "--out",
                                                                               tmp_path / "out").stdout


@pytest.mark.parametrize(("args", "message"), [
    (["a", "b", "c"], "give one manifest file or two folders"),
    (["missing.csv"], "missing.csv: file not found"),
])
def test_bad_usage_is_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    result = _batch(*(tmp_path / a for a in args))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith("auditor: error: ") and message in result.stderr


def test_a_second_batch_into_the_same_folder_is_refused(folders: tuple[Path, Path], tmp_path: Path) -> None:
    import fcntl

    from auditor.report.publish import LOCK_NAME

    (tmp_path / "out").mkdir()
    with open(tmp_path / "out" / LOCK_NAME, "w") as held:  # as another process's audit would hold it
        fcntl.flock(held, fcntl.LOCK_EX)
        result = _batch(*folders, "--out", tmp_path / "out")
    assert result.exit_code == 2 and "another audit is writing into this folder" in result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [LOCK_NAME]
