"""`auditor batch`: many pairs from a manifest or two folders; progress, a summary line and the index."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from auditor.cli_common import Engine, FailOn, InputFormat, echo, fail, setup_logging

if TYPE_CHECKING:
    from auditor.batch.driver import BatchSummary
    from auditor.batch.manifest import Pair
    from auditor.gate.policy import Policy


def batch_cli(
    sources: Annotated[list[Path], typer.Argument(
        readable=False, metavar="MANIFEST | ORIGINALS TRANSLATIONS",
        help="A manifest (.csv, .tsv or .jsonl: original, translation[, id, source_lang, target_lang, policy]) or "
             "two folders paired by name (story.en.md with story.it.md).")],
    out: Annotated[Path | None, typer.Option(
        readable=False, help="Output folder: one report folder per pair and the index "
                             "(default reports/<manifest name>/).")] = None,
    jobs: Annotated[int | None, typer.Option(
        "--jobs", "-j", min=1, help="Worker processes (default: the CPUs this process may use).")] = None,
    ray: Annotated[str | None, typer.Option(
        "--ray", metavar="ADDRESS|local",
        help="Run on Ray: 'local' starts Ray on this machine; 'auto' joins the cluster `ray start --head` "
             "started here; ray://host:10001 a remote one.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Audit every pair again, even those done before, and "
                                                         "overwrite report folders no batch wrote.")] = False,
    source_lang: Annotated[str | None, typer.Option(help="Language of the originals, where a pair does not say.")]
    = None,
    target_lang: Annotated[str | None, typer.Option(help="Language of the translations, where a pair does not "
                                                          "say.")] = None,
    input_format: Annotated[InputFormat, typer.Option(  # type: ignore[valid-type]
        "--format", help="auto: .html/.htm files are web pages, anything else text.")] = InputFormat("auto"),
    no_backtranslation: Annotated[bool, typer.Option(
        "--no-backtranslation", help="Run only the MT-free checks.")] = False,
    model: Annotated[str | None, typer.Option(help="Local MarianMT model directory or model id.")] = None,
    engine: Annotated[Engine, typer.Option(  # type: ignore[valid-type]
        help="Back-translation engine.")] = Engine("auto"),
    beam: Annotated[int, typer.Option(help="Beam size for back-translation (1 = greedy).")] = 1,
    fail_on: Annotated[FailOn | None, typer.Option(  # type: ignore[valid-type]
        help="Fail the gate at this severity or worse (default: each pair's policy, else critical).")] = None,
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", readable=False, help="Policy TOML for pairs without a policy of their own (default: the "
                                         "[tool.auditor] of the nearest pyproject.toml above each pair).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; one summary line.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, show_default=False,
                                         help="Log progress on stderr (-vv: debug).")] = 0,
) -> None:
    """Audit every pair of a manifest or of two folders; write each pair's reports and an index.

    Pairs done before (same inputs, settings, policy and auditor version) are not audited again; an interrupted
    batch resumes where it stopped. One bad pair is reported and the others go on.

    \b
    Examples:
      auditor batch today.csv --no-backtranslation --jobs 2
      auditor batch originals/ translations/ --out reports/today --ray local
    """
    from auditor.config import BATCH_BLAS_THREADS, AuditConfig, prefer_blas_threads

    prefer_blas_threads(BATCH_BLAS_THREADS)  # before anything imports numpy
    setup_logging(verbose, quiet)
    from auditor.batch.driver import BatchPlan, run_batch
    from auditor.errors import AuditError

    level = fail_on.value if fail_on else None
    try:
        pairs, default_out = _pairs(sources)
        config = AuditConfig(source_lang, target_lang, not no_backtranslation, model, engine.value, beam)
        plan = BatchPlan(tuple(pairs), out or default_out, config, _policy_for(policy_file, level), jobs, ray, force,
                         input_format.value)
        summary = _run(plan, quiet, run_batch)
    except (ValueError, AuditError) as exc:
        fail(str(exc))
    _print(summary, quiet)
    raise typer.Exit(summary.exit_code)


def _pairs(sources: list[Path]) -> tuple[list[Pair], Path]:
    """The pairs and the default output folder: reports/<manifest stem>/ or reports/<originals>__<translations>/."""
    from auditor.batch.manifest import pairs_in_folders, read_manifest
    from auditor.errors import AuditError
    from auditor.report.files import REPORTS_ROOT

    if len(sources) == 1 and not sources[0].is_dir():
        return read_manifest(sources[0]), REPORTS_ROOT / sources[0].stem
    if len(sources) == 2:
        return pairs_in_folders(*sources), REPORTS_ROOT / "__".join(p.resolve().name for p in sources)
    raise AuditError("give one manifest file or two folders (originals, then translations)")


def _policy_for(policy_file: Path | None, level: str | None) -> Any:
    """A pair's policy: its manifest's policy file, else --policy, else the nearest [tool.auditor] above it."""
    from functools import cache

    from auditor.gate.policy import find_policy, load_policy

    load = cache(load_policy)  # one file read once, however many pairs name it

    def policy_for(pair: Pair) -> Policy:
        if pair.policy or policy_file:
            return load(pair.policy or str(policy_file), level)
        return find_policy([Path(pair.original), Path(pair.translation)], level)
    return policy_for


def _run(plan: Any, quiet: bool, run_batch: Any) -> BatchSummary:
    """The batch under a progress bar on stderr (pairs, rate, time left), shown only on a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    columns = (TextColumn("auditing"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TextColumn("eta"), TimeRemainingColumn())
    with Progress(*columns, console=console, disable=quiet or not console.is_terminal) as progress:
        bar = progress.add_task("batch", total=len(plan.pairs), rate="")

        def on_done(_row: Any, _reused: bool) -> None:
            speed = progress.tasks[0].speed
            progress.update(bar, advance=1, rate=f"{speed:.2f} pairs/s" if speed else "")
        return run_batch(plan, on_done)


def _print(summary: BatchSummary, quiet: bool) -> None:
    counts = summary.counts
    echo(f"{summary.total} pairs: {counts['passed']} passed, {counts['failed']} failed the gate, {counts['refused']} "
         f"refused; {summary.reused} unchanged since an earlier run — index: {summary.index[0]}")
    if not quiet:
        for pair_id, error in summary.refused:
            echo(f"refused {pair_id}: {error}")
