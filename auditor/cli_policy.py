"""`auditor baseline` and `auditor gate`: policy commands that read a saved report (no model is loaded)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Annotated

import typer

from auditor.cli_common import EXIT_GATE_FAILED, FailOn, echo, fail
from auditor.errors import AuditError


def baseline_cli(
    report_json: Annotated[Path, typer.Argument(readable=False, metavar="REPORT.json",
                                                help="A report.json written by `auditor audit`.")],
    reason: Annotated[str, typer.Option(help="Why these findings are accepted.")]
    = "known difference, accepted in the baseline",
    by: Annotated[str | None, typer.Option(help="Who accepted them (default: your user name).")] = None,
) -> None:
    """Print the report's findings as policy suppressions (TOML), to accept them as known.

    \b
    Example:
      auditor baseline reports/story.en__story.it/report.json > auditor-baseline.toml
    """
    from auditor.gate.baseline import baseline_toml
    from auditor.report import record

    try:
        typer.echo(baseline_toml(record.load(report_json), reason, by or _user()), nl=False)
    except AuditError as exc:
        fail(str(exc))


def gate_cli(
    report_json: Annotated[Path, typer.Argument(readable=False, metavar="REPORT.json",
                                                help="A report.json written by `auditor audit`.")],
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", readable=False,
        help="Policy TOML (default: [tool.auditor] of the nearest pyproject.toml above the report).")]
    = None,
    fail_on: Annotated[FailOn | None, typer.Option(  # type: ignore[valid-type]
        help="Fail at this severity or worse (default: the policy's, else critical).")] = None,
) -> None:
    """Apply a policy to a saved report (no model is loaded) and say what it let through.

    \b
    Example:
      auditor gate reports/story.en__story.it/report.json --policy auditor-baseline.toml
    """
    from auditor.gate import apply_gate
    from auditor.gate.policy import find_policy, load_policy
    from auditor.report import record

    level = fail_on.value if fail_on else None
    try:
        policy = load_policy(policy_file, level) if policy_file else find_policy([report_json], level)
        result = apply_gate(record.load(report_json), policy)
    except AuditError as exc:
        fail(str(exc))
    for item in result.suppressed:
        echo(f"let through: finding {item.finding + 1} ({item.fingerprint}): {item.why}")
    echo(f"gate: {'passed' if result.passed else 'FAILED'} ({result.policy}, fail-on {result.fail_on}, "
         f"{result.blocking} blocking, {len(result.suppressed)} let through)")
    raise typer.Exit(0 if result.passed else EXIT_GATE_FAILED)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        return "unknown"
