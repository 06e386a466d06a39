"""The same batch on a Ray cluster: one actor per CPU holds the loaded models; a few tasks in flight per actor.

The driver reads the inputs and writes the reports, so the cluster's nodes need auditor installed
(`pip install auditor[ray]`) but no shared file system.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from auditor.batch.worker import PairResult, Task
from auditor.config import BATCH_BLAS_THREADS
from auditor.errors import AuditError

LOCAL = "local"  # --ray without an address: a Ray instance started on this machine for the batch
IN_FLIGHT_PER_ACTOR = 2


class _Auditor:
    """A Ray actor: loads the encoder once, then audits the tasks it is sent."""

    def __init__(self) -> None:
        from auditor.batch import worker

        worker.warm(threads=1)  # the actor holds one CPU of the cluster

    def audit(self, task: Task) -> PairResult:
        from auditor.batch.worker import audit_task

        return audit_task(task)


def connect(address: str) -> Any:
    """The ray module, connected to the cluster at address (or to this process's Ray, if one is running)."""
    try:
        import ray
    except ImportError:
        raise AuditError("--ray needs Ray: pip install 'auditor[ray]'") from None
    if not ray.is_initialized():
        try:
            ray.init(address=None if address == LOCAL else address, log_to_driver=False,
                     include_dashboard=False, configure_logging=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise AuditError(f"cannot connect to the Ray cluster at {address} ({exc})") from None
    return ray


def run_on_ray(items: Iterable[Task | PairResult], address: str, actors: int | None = None) -> Iterator[PairResult]:
    """Each task's result as an actor finishes it; an actor that dies is replaced and its pair reported."""
    ray = connect(address)
    count = actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
    # A Ray worker imports numpy before the actor is made: its OpenBLAS threads are set in its environment.
    threads = {"OPENBLAS_NUM_THREADS": str(BATCH_BLAS_THREADS)}
    remote = ray.remote(num_cpus=1, runtime_env={"env_vars": threads})(_Auditor)
    idle = [remote.remote() for _ in range(count)] * IN_FLIGHT_PER_ACTOR
    running: dict[Any, tuple[Task, Any]] = {}
    try:
        for item in items:
            if isinstance(item, PairResult):
                yield item
                continue
            if not idle:
                yield from _finished(ray, running, idle, remote)
            actor = idle.pop(0)
            running[actor.audit.remote(item)] = (item, actor)
        while running:
            yield from _finished(ray, running, idle, remote)
    finally:
        for ref in running:
            ray.cancel(ref)


def _finished(ray: Any, running: dict[Any, tuple[Task, Any]], idle: list[Any], remote: Any) -> Iterator[PairResult]:
    ready, _ = ray.wait(list(running), num_returns=1)
    for ref in ready:
        task, actor = running.pop(ref)
        try:
            result = ray.get(ref)
        except ray.exceptions.RayError as exc:
            actor = remote.remote()
            result = PairResult(task.index, task.pair, error=f"the Ray actor auditing this pair failed ({exc})")
        idle.append(actor)
        yield result
