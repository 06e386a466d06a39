"""What every CLI command shares: exit codes, the one-line error, choices for enum options, logging."""

from __future__ import annotations

import logging
import sys
from enum import Enum
from typing import NoReturn

import typer

from auditor.config import ENGINES
from auditor.gate.policy import LEVELS
from auditor.sources import INPUT_FORMATS

EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    """Print `auditor: error: <message>` on stderr and exit 2 (bad input or usage)."""
    typer.echo(f"auditor: error: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _choices(name: str, values: tuple[str, ...]) -> type[Enum]:
    # Typer shows an Enum's values as the option's choices and completes them in the shell.
    return Enum(name, {value.replace("-", "_"): value for value in values}, type=str)  # type: ignore[return-value]


Engine = _choices("Engine", ENGINES)
PullEngine = _choices("PullEngine", tuple(e for e in ENGINES if e != "auto"))
FailOn = _choices("FailOn", LEVELS)
InputFormat = _choices("InputFormat", INPUT_FORMATS)
ReportFormat = _choices("ReportFormat", ("html", "md", "text", "json"))
EXIT_CODES = "Exit codes: 0 the gate passed, 1 the gate failed, 2 bad input or usage (one line on stderr)."
EXIT_CODES_NO_GATE = "Exit codes: 0 done, 2 bad input or usage (one line on stderr)."


def setup_logging(verbose: int, quiet: bool) -> None:
    """auditor's log lines on stderr: errors only with -q, warnings by default, -v progress, -vv debug."""
    level = logging.ERROR if quiet else (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    logger = logging.getLogger("auditor")
    for old in list(logger.handlers):  # one handler, on the stderr of this invocation
        logger.removeHandler(old)
    handler = logging.StreamHandler(sys.stderr)  # stdout carries the report (--json)
    handler.setFormatter(logging.Formatter("auditor: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
