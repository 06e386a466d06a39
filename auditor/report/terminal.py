"""Terminal view: verdict, counts and the top findings, with rich."""

from __future__ import annotations

from pathlib import Path

from auditor.gate import GateResult
from auditor.records import AuditReport

TOP_FINDINGS = 8
STYLES = {"critical": "bold red", "major": "yellow", "minor": "cyan", "faithful": "green"}


def print_summary(report: AuditReport, gate: GateResult, written: list[Path], quiet: bool = False) -> None:
    """Print the verdict line and, unless quiet, the top findings and where the files went."""
    from rich.console import Console

    console = Console(highlight=False)
    counts = report.summary.counts
    verdict = report.summary.verdict
    line = (f"[{STYLES[verdict]}]{verdict.upper()}[/] — {counts['critical']} critical, {counts['major']} major, "
            f"{counts['minor']} minor — gate {'passed' if gate.passed else 'FAILED'} (fail-on {gate.fail_on})")
    console.print(line)
    if quiet:
        return
    for finding in report.findings[:TOP_FINDINGS]:
        console.print(f"  [{STYLES[finding.severity]}]{finding.severity:<8}[/] {finding.category:<13} {finding.reason}")
    if len(report.findings) > TOP_FINDINGS:
        console.print(f"  … and {len(report.findings) - TOP_FINDINGS} more in the report")
    for path in written:
        console.print(f"  wrote {path}")
