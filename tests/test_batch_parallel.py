"""The same batch in this process, in two worker processes and on a local Ray instance: the same bytes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from auditor.batch.driver import BatchPlan, run_batch
from auditor.batch.manifest import Pair
from auditor.config import AuditConfig
from auditor.gate.policy import parse_policy

EN = ["Port strike ends", "Dock workers in Halden returned to work on Monday after nine days.",
      "Unions said the deal raises pay by 4% this year and 3% next year.",
      "Ships queued outside the harbour all week, and the ferry to Norrvik did not sail."]
IT = ["Finisce lo sciopero al porto", "I portuali di Halden sono tornati al lavoro lunedì dopo nove giorni.",
      "I sindacati hanno detto che l'accordo aumenta la paga del 4% quest'anno e del 3% l'anno prossimo.",
      "Le navi hanno fatto la fila fuori dal porto per tutta la settimana e il traghetto per Norrvik non è partito."]
VARIANTS = {"same": IT, "number": [IT[0], IT[1], IT[2].replace("4%", "40%"), IT[3]],
            "dropped": IT[:3], "negated": [*IT[:3], IT[3].replace("non è partito", "è partito")]}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Pair, ...]:
    root = tmp_path_factory.mktemp("corpus")
    (root / "story.en.md").write_text("\n\n".join(EN), encoding="utf-8")
    pairs = []
    for name, paragraphs in VARIANTS.items():
        (root / f"{name}.it.md").write_text("\n\n".join(paragraphs), encoding="utf-8")
        pairs.append(Pair(name, str(root / "story.en.md"), str(root / f"{name}.it.md")))
    return (*pairs, Pair("gone", str(root / "gone.en.md"), str(root / "same.it.md")))


def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _run(corpus: tuple[Pair, ...], out: Path, jobs: int, ray: str | None = None) -> dict[str, bytes]:
    plan = BatchPlan(corpus, out, AuditConfig(backtranslation=False), lambda pair: parse_policy({}, ""), jobs, ray)
    assert [r.status for r in run_batch(plan).rows] == ["passed", "failed", "passed", "failed", "refused"]
    return _files(out)


@pytest.fixture(scope="module")
def in_process(corpus: tuple[Pair, ...], tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _run(corpus, tmp_path_factory.mktemp("jobs1"), jobs=1)


def test_two_worker_processes_write_the_same_bytes(corpus: tuple[Pair, ...], in_process: dict[str, bytes],
                                                   tmp_path: Path) -> None:
    files = _run(corpus, tmp_path, jobs=2)
    assert len(files) == 4 + 4 * 4  # the index, and four files per audited pair
    assert files == in_process


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="ray is not installed (pip install auditor[ray])")
def test_ray_actors_write_the_same_bytes(corpus: tuple[Pair, ...], in_process: dict[str, bytes],
                                         tmp_path: Path) -> None:
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    try:
        assert _run(corpus, tmp_path, jobs=2, ray="local") == in_process
    finally:
        ray.shutdown()
