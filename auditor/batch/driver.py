"""A batch from start to end: plan each pair, skip those already done, audit the rest, write reports and index."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from auditor.batch.index import STATUSES, IndexRow, tally
from auditor.batch.manifest import Pair
from auditor.batch.run import PolicyFor, prepare, run_tasks
from auditor.batch.store import cached_row, check_pair_folder, save, task_key, write_index
from auditor.batch.worker import PairResult, Task
from auditor.config import AuditConfig
from auditor.errors import AuditError
from auditor.report.publish import folder_lock

OnDone = Callable[[IndexRow, bool], None]  # (the pair's row, whether it came from an earlier run)


@dataclass(frozen=True, slots=True)
class BatchSummary:
    """What a batch did: counts by gate result, how many were reused, why pairs were refused, the index files."""

    total: int
    counts: dict[str, int]
    reused: int
    refused: tuple[tuple[str, str], ...] = ()
    index: tuple[str, ...] = ()
    rows: tuple[IndexRow, ...] = field(default=(), repr=False)

    @property
    def exit_code(self) -> int:
        """The worst gate result: 0 all passed, 1 a gate failed, 2 a pair was refused."""
        return max((STATUSES.index(r.status) for r in self.rows), default=0)

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "counts": dict(self.counts), "reused": self.reused,
                "refused": [{"id": i, "error": e} for i, e in self.refused], "index": list(self.index)}


@dataclass(frozen=True, slots=True)
class BatchPlan:
    """Everything a batch needs: the pairs, where reports go, the settings and how to run them."""

    pairs: tuple[Pair, ...]
    out: Path
    config: AuditConfig
    policy_for: PolicyFor
    jobs: int | None = None
    ray: str | None = None
    force: bool = False
    fmt: str = "auto"


def run_batch(plan: BatchPlan, on_done: OnDone | None = None) -> BatchSummary:
    """Audit every pair not already done (all of them with force) under a lock on the output folder."""
    with folder_lock(plan.out):
        ledger = _Ledger(plan, on_done)
        for result in run_tasks(ledger.todo(), plan.jobs, plan.ray):
            ledger.done(result)
        rows = [ledger.rows[k] for k in sorted(ledger.rows)]
        index = write_index(plan.out, rows)
    return BatchSummary(len(rows), tally(rows), ledger.reused,
                        tuple((r.id, r.error) for r in rows if r.status == "refused"),
                        tuple(str(p) for p in index), tuple(rows))


class _Ledger:
    """The rows so far, and the cache key of each pair sent to be audited."""

    def __init__(self, plan: BatchPlan, on_done: OnDone | None) -> None:
        self.plan, self.on_done = plan, on_done
        self.rows: dict[int, IndexRow] = {}
        self.keys: dict[int, str] = {}
        self.reused = 0

    def todo(self) -> Iterator[Task | PairResult]:
        """Each pair's task, read only when the runner has room for it; a pair done before is its saved row."""
        plan = self.plan
        for k, pair in enumerate(plan.pairs):
            item = prepare(k, pair, plan.config, plan.policy_for, plan.fmt, render=True)
            if isinstance(item, Task):
                try:
                    check_pair_folder(plan.out, pair, plan.force)
                except AuditError as exc:
                    item = PairResult(k, pair, error=str(exc))
            if isinstance(item, PairResult):
                yield item
                continue
            key = task_key(item)
            row = None if plan.force else cached_row(plan.out, pair, key)
            if row is None:
                self.keys[k] = key
                yield item
                continue
            self.rows[k], self.reused = row, self.reused + 1
            if self.on_done:
                self.on_done(row, True)

    def done(self, result: PairResult) -> None:
        try:
            row = save(self.plan.out, result, self.keys[result.index]) if result.report else IndexRow.of(result)
        except AuditError as exc:  # its reports could not be written: the pair is refused, the batch goes on
            row = IndexRow.of(PairResult(result.index, result.pair, error=str(exc)))
        self.rows[result.index] = row
        if self.on_done:
            self.on_done(row, False)
