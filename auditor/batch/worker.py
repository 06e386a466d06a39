"""What runs in a batch worker: one pair audited with the models this process loaded once."""

from __future__ import annotations

import logging
import os
import signal
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from auditor.batch.manifest import Pair
from auditor.config import BATCH_BLAS_THREADS, AuditConfig, prefer_blas_threads, usable_cpus
from auditor.errors import AuditError
from auditor.gate.policy import Policy
from auditor.records import AuditReport

if TYPE_CHECKING:
    from auditor.embed import Embed

log = logging.getLogger(__name__)
_threads: int | None = None  # BLAS threads for this process's encoder: the CPUs shared among the workers


@dataclass(frozen=True, slots=True)
class Task:
    """A pair ready to audit: its settings, its policy and its inputs' bytes (read once, by the driver)."""

    index: int
    pair: Pair
    config: AuditConfig
    policy: Policy
    original: bytes
    translation: bytes
    fmt: str = "auto"
    render: bool = False


@dataclass(frozen=True, slots=True)
class PairResult:
    """One pair's outcome: its gated report, or the error that refused it; `files` the rendered report files."""

    index: int
    pair: Pair
    report: AuditReport | None = None
    error: str | None = None
    files: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "pair": self.pair.to_dict(), "error": self.error,
                "report": None if self.report is None else self.report.to_dict()}


def cpu_shares(jobs: int) -> list[tuple[int, ...]]:
    """The CPUs this process may use, dealt out to jobs workers (one each, round the table, when jobs > CPUs)."""
    try:
        cpus = sorted(os.sched_getaffinity(0))
    except AttributeError:  # no affinity to deal out (macOS, Windows): every worker shares the machine
        return [()] * jobs
    if jobs >= len(cpus):
        return [(cpus[k % len(cpus)],) for k in range(jobs)]
    return [tuple(cpus[k::jobs]) for k in range(jobs)]


def start_worker(slots: Any, shares: list[tuple[int, ...]], level: int) -> None:
    """Process-pool initializer: the worker takes the next share of CPUs (the encoder, CTranslate2 and torch then
    size their threads to it, so N workers never run N times the machine's threads); the driver alone answers
    Ctrl-C; the encoder is loaded before the first pair."""
    prefer_blas_threads(BATCH_BLAS_THREADS)  # a spawned worker has not imported numpy yet
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    logging.getLogger("auditor").setLevel(level)
    with slots.get_lock():
        share, slots.value = shares[slots.value % len(shares)], slots.value + 1
    if share:
        os.sched_setaffinity(0, share)
    warm(usable_cpus())


def warm(threads: int) -> None:
    """Load the encoder now, with this many BLAS threads, so the first pair's time is its own."""
    global _threads
    from auditor.embed import encoder_model

    _threads = threads
    encoder_model(threads)


def audit_task(task: Task) -> PairResult:
    """Audit one pair; any failure becomes the pair's error, so one bad pair never stops the batch."""
    try:
        report = _audit(task)
        files = _render(report) if task.render else {}
    except AuditError as exc:
        return PairResult(task.index, task.pair, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug on one input is that pair's error, not the batch's end
        log.debug("pair %s failed", task.pair.id, exc_info=True)
        return PairResult(task.index, task.pair, error=f"internal error ({type(exc).__name__}: {exc})")
    return PairResult(task.index, task.pair, report, files=files)


def _audit(task: Task) -> AuditReport:
    from auditor.gate import gated
    from auditor.sources import audit_sources, read_source

    original = read_source(task.pair.original, task.fmt, data=task.original)
    translation = read_source(task.pair.translation, task.fmt, data=task.translation)
    report, _ = gated(audit_sources(original, translation, task.config, embed=_embedder()), task.policy)
    return report


def _embedder() -> Embed:
    """A fresh text cache over the one loaded model: each report is what a single audit would write, whichever
    pairs this worker audited before it (and a long batch does not hold every text it ever encoded)."""
    from auditor.embed import cached, encoder_model

    return cached(encoder_model(_threads).encode)


def _render(report: AuditReport) -> dict[str, str]:
    from auditor.report.files import report_texts

    return report_texts(report)
