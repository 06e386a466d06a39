"""The whole pipeline with back-translation, on a tiny shape-true MarianMT model built by the tests.

The tiny model's output is not a translation; these tests check the plumbing a real OPUS-MT model goes through:
resolution from --model, back-translation joined to beads with offsets, scores, signature, channel evidence.
"""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from auditor.cli import app
from auditor.config import AuditConfig
from auditor.errors import AuditError
from auditor.pipeline import audit_files
from auditor.report import record

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def mt_report(tiny, encoder, tmp_path_factory):
    import os
    os.environ["AUDITOR_HOME"] = str(tmp_path_factory.mktemp("home"))
    return audit_files(EXAMPLES / "article.en.md", EXAMPLES / "article.it.md",
                       AuditConfig(model=str(tiny.hf), engine="transformers"), embed=encoder)


def test_backtranslation_joined_to_every_matched_bead(mt_report):
    matched = [b for b in mt_report.alignment if b.original and b.translation]
    assert matched and all(b.backtranslation for b in matched)
    assert all(b.backtranslation is None for b in mt_report.alignment if not (b.original and b.translation))
    # The tiny model's output is noise, so its own flags are withheld and the report says why.
    assert mt_report.summary.backtranslation.startswith("done, unreliable (article chrF ")
    assert all(f.evidence != ("back-translation",) for f in mt_report.findings)


def test_sentences_split_for_the_model_are_reported(mt_report):
    # The tiny model takes 64 positions and its sentencepiece knows six lines: several example sentences exceed it.
    status = mt_report.summary.backtranslation
    assert status.endswith("sentence(s) longer than the model's input limit translated in pieces")
    assert int(status.rsplit("; ", 1)[1].split()[0]) > 0


def test_scores_per_bead_and_article(mt_report):
    for bead in mt_report.alignment:
        if bead.original and bead.translation:
            assert bead.scores is not None and 0 <= bead.scores.chrf <= 100 and bead.scores.ter >= 0
            assert bead.scores.similarity == bead.similarity
    article = mt_report.summary.scores
    assert article is not None and article.chrf is not None and 0 < article.similarity < 1


def test_signature_names_model_engine_decoding_and_metrics(mt_report):
    signature = mt_report.signature
    assert signature.startswith("mt:") and "engine:transformers@" in signature and "beam:1" in signature
    assert "chrF2(" in signature and "BLEU(" in signature and "TER(" in signature


def test_backtranslation_spans_point_into_the_bead(mt_report):
    with_span = [f for f in mt_report.findings if f.backtranslation_span is not None]
    for finding in with_span:
        text = mt_report.alignment[finding.bead].backtranslation
        span = finding.backtranslation_span
        assert text[span.start:span.end] == span.text
        assert "back-translation" in finding.evidence


def test_cross_lingual_findings_survive_a_useless_model(mt_report):
    # The tiny model translates nothing; the cross-lingual channel still finds the planted problems.
    assert {"omission", "number", "negation", "name"} <= {f.category for f in mt_report.findings}


def test_report_round_trips_with_backtranslation(mt_report, tmp_path):
    path = tmp_path / "report.json"
    path.write_text(record.dumps(mt_report), encoding="utf-8")
    assert record.load(path) == mt_report


def test_missing_model_is_one_line_exit_2_before_any_work(home, tmp_path):
    result = CliRunner().invoke(app, ["audit", str(EXAMPLES / "article.en.md"), str(EXAMPLES / "article.it.md"),
                                      "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "opus-mt-it-en" in result.stderr and "auditor models pull it-en" in result.stderr
    assert "--no-backtranslation" in result.stderr and str(home) in result.stderr
    assert not (tmp_path / "out").exists()


def test_missing_model_raises_audit_error_from_the_api(home):
    with pytest.raises(AuditError, match="not cached"):
        audit_files(EXAMPLES / "article.en.md", EXAMPLES / "article.it.md", AuditConfig())


def test_no_backtranslation_is_recorded(home, encoder):
    report = audit_files(EXAMPLES / "article.en.md", EXAMPLES / "article.it.md",
                         AuditConfig(backtranslation=False), embed=encoder)
    assert report.summary.backtranslation == "skipped" and report.signature.startswith("mt:none")
    assert all(b.backtranslation is None for b in report.alignment)


def test_same_language_pair_is_scored_directly(home, encoder, tmp_path):
    original = EXAMPLES / "article.en.md"
    repost = tmp_path / "repost.en.md"
    repost.write_text(original.read_text(encoding="utf-8").replace("12,500", "21,500"), encoding="utf-8")
    report = audit_files(original, repost, AuditConfig(), embed=encoder)
    assert report.summary.backtranslation == "not needed (same language)"
    assert report.summary.scores.chrf > 95
    assert [f.category for f in report.findings] == ["number"]
