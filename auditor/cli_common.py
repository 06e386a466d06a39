"""What every CLI command shares: exit codes, the one-line error, choices for enum options, logging."""

from __future__ import annotations

import logging
import sys
from enum import Enum
from typing import NoReturn

import typer

from auditor.config import ENGINES
from auditor.gate.policy import LEVELS
from auditor.sanitize import one_line, visible
from auditor.sources import INPUT_FORMATS

EXIT_GATE_FAILED = 1
EXIT_BAD_INPUT = 2


def echo(text: str, err: bool = False) -> None:
    """typer.echo with control characters made visible: file names and policy notes are not the terminal's commands."""
    typer.echo(visible(text), err=err)


def fail(message: str) -> NoReturn:
    """Print `auditor: error: <message>` on stderr, on one line, and exit 2 (bad input or usage)."""
    echo(f"auditor: error: {one_line(message)}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


class _VisibleFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return one_line(super().format(record))  # log lines name files; they stay lines and carry no escapes


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
    handler.setFormatter(_VisibleFormatter("auditor: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(level)
