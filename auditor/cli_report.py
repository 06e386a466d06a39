"""`auditor report REPORT.json`: re-render a saved report without loading any model."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from auditor.cli_common import fail
from auditor.errors import AuditError


def report_cli(
    report_json: Annotated[Path, typer.Argument(help="A report.json written by `auditor audit`.")],
    format: Annotated[str, typer.Option("--format", "-f", help="html, md, text or json.")] = "text",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file, not stdout.")] = None,
) -> None:
    """Re-render a saved report as HTML, Markdown, terminal text or JSON."""
    from auditor.report import (
        files,  # jinja2 and rich load only when a report is rendered
    )
    try:
        text = files.render_saved(report_json, format, color=out is None and sys.stdout.isatty())
        if out is None:
            typer.echo(text, nl=False)
        else:
            files.write_text_atomic(out, text)
    except AuditError as exc:
        fail(str(exc))
