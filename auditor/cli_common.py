"""What every CLI command shares: the exit codes and the one-line error."""

from __future__ import annotations

from typing import NoReturn

import typer

EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print `auditor: error: <message>` on stderr and exit 2 (bad input or usage)."""
    typer.echo(f"auditor: error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)
