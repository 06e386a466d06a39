"""Batch runs in this process with a fake encoder: index rows, reuse of unchanged pairs, resume, bad pairs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import fake_embed

from auditor.batch import worker
from auditor.batch.driver import BatchPlan, run_batch
from auditor.batch.manifest import Pair
from auditor.batch.run import audit_many
from auditor.config import AuditConfig
from auditor.gate.policy import parse_policy

EN = ["Port strike ends", "Dock workers in Halden returned to work on Monday.", "The strike lasted nine days.",
      "Unions said the deal raises pay by 4%.", "Ships queued outside the harbour all week."]
IT = ["Finisce lo sciopero al porto", "I portuali di Halden sono tornati al lavoro lunedì.",
      "Lo sciopero è durato nove giorni.", "I sindacati hanno detto che l'accordo aumenta la paga del 4%.",
      "Le navi hanno fatto la fila fuori dal porto per tutta la settimana."]
CHANGED = [*IT[:3], IT[3].replace("4%", "14%"), IT[4]]
CONFIG = AuditConfig(backtranslation=False)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Pair, ...]:
    """A faithful pair, one with a changed number, one whose original is missing; a fake encoder."""
    groups = [list(group) for group in zip(EN, IT, CHANGED, strict=True)]
    monkeypatch.setattr(worker, "_embedder", lambda: fake_embed(groups))
    for name, paragraphs in (("a.en.md", EN), ("a.it.md", IT), ("b.it.md", CHANGED)):
        (tmp_path / name).write_text("\n\n".join(paragraphs), encoding="utf-8")
    return (Pair("ok", str(tmp_path / "a.en.md"), str(tmp_path / "a.it.md")),
            Pair("number", str(tmp_path / "a.en.md"), str(tmp_path / "b.it.md")),
            Pair("gone", str(tmp_path / "missing.en.md"), str(tmp_path / "a.it.md")))


def _plan(pairs: tuple[Pair, ...], out: Path, force: bool = False) -> BatchPlan:
    return BatchPlan(pairs, out, CONFIG, lambda pair: parse_policy({}, ""), jobs=1, force=force)


def test_each_pair_gets_a_row_and_the_worst_gate_result_is_the_exit_code(corpus: tuple[Pair, ...],
                                                                        tmp_path: Path) -> None:
    summary = run_batch(_plan(corpus, tmp_path / "out"))
    assert [(r.id, r.status, r.verdict, r.critical) for r in summary.rows] == [
        ("ok", "passed", "faithful", 0), ("number", "failed", "critical", 1), ("gone", "refused", "", 0)]
    assert summary.counts == {"passed": 1, "failed": 1, "refused": 1} and summary.exit_code == 2
    assert summary.refused == (("gone", f"{tmp_path / 'missing.en.md'}: file not found"),)
    assert summary.rows[1].top_finding.startswith("critical number: ") and summary.rows[1].report == \
        "number/report.html"
    out = tmp_path / "out"
    assert sorted(p.name for p in out.iterdir()) == ["index.csv", "index.html", "index.jsonl", "index.md", "number",
                                                     "ok"]
    assert sorted(p.name for p in (out / "ok").iterdir()) == [".batch.json", "report.html", "report.json",
                                                              "report.md"]
    lines = (out / "index.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["ok", "number", "gone"]


def test_unchanged_pairs_are_reused_and_a_changed_one_is_audited_again(corpus: tuple[Pair, ...],
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch(_plan(corpus, out))
    index = {name: (out / name).read_bytes() for name in ("index.html", "index.md", "index.jsonl", "index.csv")}
    again = run_batch(_plan(corpus, out))
    assert again.reused == 2 and again.rows == first.rows
    assert {name: (out / name).read_bytes() for name in index} == index
    (tmp_path / "b.it.md").write_text("\n\n".join(IT), encoding="utf-8")  # the number is fixed
    fixed = run_batch(_plan(corpus, out))
    assert fixed.reused == 1 and [r.status for r in fixed.rows] == ["passed", "passed", "refused"]
    assert run_batch(_plan(corpus, out, force=True)).reused == 0


def test_an_interrupted_batch_resumes_where_it_stopped(corpus: tuple[Pair, ...], tmp_path: Path) -> None:
    out = tmp_path / "out"

    def stop(_row: object, _reused: bool) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch(_plan(corpus, out), stop)
    assert not (out / "index.html").exists() and (out / "ok" / ".batch.json").exists()
    assert not list(out.rglob("*.tmp")) and not (out / ".auditor.lock").exists()
    assert run_batch(_plan(corpus, out)).reused == 1


def test_a_damaged_report_is_audited_again(corpus: tuple[Pair, ...], tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(_plan(corpus, out))
    (out / "ok" / "report.json").write_text("{}", encoding="utf-8")
    summary = run_batch(_plan(corpus, out))
    assert summary.reused == 1 and json.loads((out / "ok" / "report.json").read_text())["schema_version"] == 1


def test_a_folder_of_reports_no_batch_wrote_is_not_overwritten(corpus: tuple[Pair, ...], tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "ok").mkdir(parents=True)
    (out / "ok" / "report.json").write_text("{}", encoding="utf-8")
    summary = run_batch(_plan(corpus, out))
    assert summary.rows[0].status == "refused" and "did not write; not overwriting them" in summary.rows[0].error
    assert (out / "ok" / "report.json").read_text() == "{}"
    assert run_batch(_plan(corpus, out, force=True)).rows[0].status == "passed"


def test_a_pair_whose_reports_cannot_be_written_is_refused_and_the_rest_go_on(corpus: tuple[Pair, ...],
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "ok").mkdir(parents=True)
    (out / "ok" / "report.html").mkdir()  # a folder where a report file goes
    (out / "ok" / ".batch.json").write_text("{}", encoding="utf-8")
    rows = run_batch(_plan(corpus, out)).rows
    assert rows[0].status == "refused" and "cannot write reports here" in rows[0].error
    assert rows[1].status == "failed"


def test_audit_many_yields_every_pair_with_its_report_or_error(corpus: tuple[Pair, ...]) -> None:
    results = sorted(audit_many(corpus, CONFIG, jobs=1), key=lambda r: r.index)
    assert [r.pair.id for r in results] == ["ok", "number", "gone"]
    assert results[0].report is not None and results[0].report.gate is not None and results[0].report.gate.passed
    assert results[1].report is not None and results[1].report.summary.verdict == "critical"
    assert results[2].report is None and results[2].error.endswith("file not found")
    pairs = list(audit_many([(corpus[0].original, corpus[0].translation)], CONFIG, jobs=1))
    assert pairs[0].pair.id == "pair-1" and pairs[0].report == results[0].report


def test_a_batch_report_is_the_single_audits_report(corpus: tuple[Pair, ...], tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    from typer.testing import CliRunner

    from auditor.cli import app

    run_batch(_plan(corpus[:2], tmp_path / "out"))
    pipeline = importlib.import_module("auditor.pipeline")
    monkeypatch.setattr(pipeline, "load_encoder", worker._embedder)
    for pair in corpus[:2]:
        single = tmp_path / f"single-{pair.id}"
        result = CliRunner().invoke(app, ["audit", pair.original, pair.translation, "--no-backtranslation",
                                          "--out", str(single), "-q"])
        assert result.exit_code in (0, 1), result.output
        for name in ("report.json", "report.html", "report.md"):
            assert (single / name).read_bytes() == (tmp_path / "out" / pair.id / name).read_bytes()


@pytest.mark.parametrize(("cpus", "jobs", "shares"), [
    ({0, 1}, 2, [(0,), (1,)]),
    ({0, 1}, 1, [(0, 1)]),
    ({0, 1}, 3, [(0,), (1,), (0,)]),
    ({0, 1, 2, 3, 4}, 2, [(0, 2, 4), (1, 3)]),
])
def test_workers_share_out_the_cpus(monkeypatch: pytest.MonkeyPatch, cpus: set[int], jobs: int,
                                    shares: list[tuple[int, ...]]) -> None:
    import os

    monkeypatch.setattr(os, "sched_getaffinity", lambda _pid: cpus, raising=False)
    assert worker.cpu_shares(jobs) == shares
