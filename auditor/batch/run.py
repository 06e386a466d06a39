"""Running many pairs: in this process, in worker processes (--jobs N) or on Ray actors, results as they finish."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

from auditor.batch.manifest import Pair, unique_ids
from auditor.batch.worker import PairResult, Task, audit_task, cpu_shares, start_worker
from auditor.config import AuditConfig, usable_cpus
from auditor.errors import AuditError
from auditor.gate.policy import Policy, load_policy, parse_policy
from auditor.load import check_size, read_bytes, same_file

log = logging.getLogger(__name__)
IN_FLIGHT_PER_WORKER = 2  # tasks queued per worker: enough to keep it busy, few inputs held in memory
PolicyFor = Callable[[Pair], Policy]


def audit_many(pairs: Iterable[Pair | tuple[str | Path, str | Path]], config: AuditConfig | None = None, *,
               jobs: int | None = None, ray: str | None = None, policy: Policy | None = None,
               fmt: str = "auto") -> Iterator[PairResult]:
    """Audit many pairs of files, yielding each PairResult (gated report or error) as it finishes.

    jobs: worker processes (default: the CPUs this process may use; 1 audits in this process), or Ray actors
    (default: one per CPU of the cluster); ray: a Ray address, or 'local' for a Ray instance of this machine.
    A pair's own policy file, else `policy`, gates its report."""
    config = config or AuditConfig()
    default = policy or parse_policy({}, "", config.fail_on)
    listed = unique_ids(p if isinstance(p, Pair) else Pair(f"pair-{k + 1}", str(p[0]), str(p[1]))
                        for k, p in enumerate(pairs))
    prepared = (prepare(k, pair, config, lambda pair: load_policy(pair.policy) if pair.policy else default, fmt)
                for k, pair in enumerate(listed))
    return run_tasks(prepared, jobs, ray)


def prepare(index: int, pair: Pair, config: AuditConfig, policy_for: PolicyFor, fmt: str = "auto",
            render: bool = False) -> Task | PairResult:
    """The pair's task (its inputs read, its policy loaded), or its error when it cannot be audited."""
    try:
        if pair.problem:
            raise AuditError(pair.problem)
        if same_file(pair.original, pair.translation):
            raise AuditError("the same file was given as original and translation", pair.translation)
        policy = policy_for(pair)
        settings = replace(config, source_lang=pair.source_lang or config.source_lang,
                           target_lang=pair.target_lang or config.target_lang, fail_on=policy.fail_on)
        return Task(index, pair, settings, policy, _read(pair.original), _read(pair.translation), fmt, render)
    except (AuditError, ValueError) as exc:
        return PairResult(index, pair, error=str(exc))


def _read(path: str) -> bytes:
    data = read_bytes(path, "an article file")
    check_size(len(data), path)
    return data


def run_tasks(items: Iterable[Task | PairResult], jobs: int | None = None,
              ray: str | None = None) -> Iterator[PairResult]:
    """Each task's result as it finishes (an item that is already a result passes through)."""
    if jobs is not None and jobs < 1:
        raise AuditError(f"jobs must be at least 1, not {jobs}")
    if ray is not None:  # one actor per CPU of the cluster unless jobs says otherwise
        from auditor.batch.ray_backend import run_on_ray

        return run_on_ray(items, ray, jobs)
    jobs = jobs or usable_cpus()
    if jobs == 1:
        return _in_process(items)
    return _in_pool(items, jobs)


def _in_process(items: Iterable[Task | PairResult]) -> Iterator[PairResult]:
    for item in items:
        yield item if isinstance(item, PairResult) else audit_task(item)


def _in_pool(items: Iterable[Task | PairResult], jobs: int) -> Iterator[PairResult]:
    """Worker processes (spawned: no threads or locks inherited), each on its share of the CPUs, each loading the
    models once."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    level, slots = logging.getLogger("auditor").getEffectiveLevel(), context.Value("i", 0)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(jobs, context, start_worker, (slots, cpu_shares(jobs), level))

    pool = new_pool()
    running: dict[Future[PairResult], Task] = {}
    try:
        for item in items:
            if isinstance(item, PairResult):
                yield item
                continue
            while len(running) >= jobs * IN_FLIGHT_PER_WORKER:
                yield from _finished(running)
            try:
                running[pool.submit(audit_task, item)] = item
            except BrokenProcessPool:  # a worker died; the pairs it took down are reported, the rest go on
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                running[pool.submit(audit_task, item)] = item
        while running:
            yield from _finished(running)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _finished(running: dict[Future[PairResult], Task]) -> Iterator[PairResult]:
    done, _ = wait(running, return_when=FIRST_COMPLETED)
    for future in done:
        task = running.pop(future)
        try:
            yield future.result()
        except BrokenProcessPool:  # a worker was killed (out of memory, a signal): its pairs are lost, not the rest
            yield PairResult(task.index, task.pair, error="the worker process auditing this pair died")
