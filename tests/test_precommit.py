"""The pre-commit hook: which files pair up, and a real `git commit` through pre-commit in a temporary repo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.precommit import Pair, pairs_for

ROOT = Path(__file__).resolve().parents[1]
EN = "Port strike ends\n\nDock workers in Halden returned to work on Monday after nine days.\n\n" \
     "The union said the deal raises pay by 4 percent this year.\n"
IT = "Finisce lo sciopero al porto\n\nI portuali di Halden sono tornati al lavoro lunedì dopo nove giorni.\n\n" \
     "Il sindacato ha detto che l'accordo aumenta la paga del 4 per cento quest'anno.\n"


@pytest.mark.parametrize(("files", "changed", "original_lang", "expected"), [
    (["a.md", "a.it.md"], ["a.it.md"], None, [("a.md", "a.it.md", "it")]),
    (["a.md", "a.it.md", "a.fr.md"], ["a.md"], None, [("a.md", "a.fr.md", "fr"), ("a.md", "a.it.md", "it")]),
    (["a.md", "a.it.md"], ["a.md", "a.it.md"], None, [("a.md", "a.it.md", "it")]),  # once
    (["a.html", "a.it.md"], ["a.it.md"], None, [("a.html", "a.it.md", "it")]),  # any article suffix
    (["a.en.md", "a.it.md"], ["a.en.md"], "en", [("a.en.md", "a.it.md", "it")]),
    (["a.en.md", "a.it.md"], ["a.it.md"], "en", [("a.en.md", "a.it.md", "it")]),
    (["a.en.md", "a.it.md"], ["a.it.md"], None, []),  # no a.md: nothing to audit against
    (["v1.2.md", "v1.2.it.md"], ["v1.2.it.md"], None, [("v1.2.md", "v1.2.it.md", "it")]),
    (["notes.md", "notes.xx.md", "notes.it.py"], ["notes.xx.md", "notes.it.py"], None, []),
    (["README.md"], ["README.md"], None, []),
])
def test_pairs(tmp_path: Path, files: list[str], changed: list[str], original_lang: str | None,
               expected: list[tuple[str, str, str]]) -> None:
    for name in files:
        (tmp_path / name).write_text("x")
    pairs = pairs_for([tmp_path / name for name in changed], original_lang)
    assert pairs == [Pair(tmp_path / o, tmp_path / t, lang) for o, t, lang in expected]


def _pre_commit() -> list[str]:
    found = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install pre-commit)")
    return [found]


@pytest.mark.slow
def test_a_commit_is_gated_by_the_hook(tmp_path: Path) -> None:
    import yaml  # comes with pre-commit

    pre_commit = _pre_commit()
    hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())[0]
    # The manifest's own id, entry, files and pass_filenames; `system` runs this venv's auditor instead of pre-commit
    # building an environment from the network.
    local = {**{k: hook[k] for k in ("id", "name", "entry", "files", "pass_filenames", "require_serial")},
             "language": "system", "args": ["--no-backtranslation"], "verbose": True}
    repo = tmp_path / "site"
    repo.mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
           "PRE_COMMIT_HOME": str(tmp_path / "cache"), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True)

    assert subprocess.run([*pre_commit, "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")]).returncode == 0
    run("git", "init", "-q")
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    (repo / "pyproject.toml").write_text('[tool.auditor]\nfail-on = "major"\n')
    (repo / "story.md").write_text(EN)
    (repo / "story.it.md").write_text(IT)
    assert run(*pre_commit, "install").returncode == 0
    run("git", "add", ".")
    first = run("git", "commit", "-qm", "faithful translation")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "story.it.md against story.md: gate passed" in first.stdout + first.stderr

    (repo / "story.it.md").write_text(IT.replace("del 4 per cento", "del 9 per cento"))
    run("git", "add", "story.it.md")
    refused = run("git", "commit", "-qm", "a changed number")
    assert refused.returncode != 0
    assert "gate FAILED" in refused.stdout + refused.stderr

    (repo / "pyproject.toml").write_text('[tool.auditor]\nfail-on = "major"\n[tool.auditor.fail-on-category]\n'
                                         'number = "never"\n')
    run("git", "add", "pyproject.toml")
    accepted = run("git", "commit", "-qm", "numbers reviewed by hand")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "gate passed (policy:pyproject.toml@" in accepted.stdout + accepted.stderr
