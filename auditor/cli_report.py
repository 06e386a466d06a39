"""`auditor report REPORT.json`: re-render a saved report without loading any model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from auditor.cli_common import ReportFormat, fail
from auditor.errors import AuditError


def report_cli(
    report_json: Annotated[Path, typer.Argument(readable=False, metavar="REPORT.json",
                                                help="A report.json written by `auditor audit`.")],
    format: Annotated[ReportFormat, typer.Option(  # type: ignore[valid-type]
        "--format", "-f", help="The view to print.")] = ReportFormat("text"),
    out: Annotated[Path | None, typer.Option("--out", "-o", readable=False,
                                             help="Write to this file, not stdout.")] = None,
) -> None:
    """Re-render a saved report as HTML, Markdown, terminal text or JSON (no model is loaded).

    \b
    Example:
      auditor report reports/story.en__story.it/report.json -f md -o ticket.md
    """
    from auditor.report import (
        files,  # jinja2 and rich load only when a report is rendered
    )
    try:
        text = files.render_saved(report_json, format.value, color=out is None and sys.stdout.isatty())
        if out is None:
            typer.echo(text, nl=False)
        else:
            files.write_text_atomic(out, text)
    except AuditError as exc:
        fail(str(exc))


def schema_cli() -> None:
    """Print the JSON Schema of report.json (draft 2020-12); every saved report is checked against it on load.

    \b
    Example:
      auditor schema > auditor-report.schema.json
    """
    from auditor.schema import shipped_schema

    typer.echo(shipped_schema(), nl=False)
