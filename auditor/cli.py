"""Typer CLI: parse options, call the library, print, exit (0 pass, 1 gate failed, 2 bad input or usage)."""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from auditor.cli_batch import batch_cli
from auditor.cli_common import (
    EXIT_CODES,
    EXIT_CODES_NO_GATE,
    EXIT_GATE_FAILED,
    Engine,
    FailOn,
    InputFormat,
    fail,
    setup_logging,
)
from auditor.cli_models import models_app
from auditor.cli_policy import baseline_cli, gate_cli
from auditor.cli_precommit import precommit_cli
from auditor.cli_report import report_cli, schema_cli

if TYPE_CHECKING:
    from auditor.gate import GateResult
    from auditor.records import AuditReport

BATCH_EXIT_CODES = ("Exit codes: the worst pair's: 0 every gate passed, 1 a gate failed, 2 a pair was refused "
                    "(or bad usage; one line on stderr).")
app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"auditor {version('auditor')}")
        raise typer.Exit()


@app.callback(epilog=EXIT_CODES)
def _group(
    _version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                           help="Print the installed version and exit.")] = False,
) -> None:
    """Audit whether a translated article says what its original says.

    \b
    Example:
      auditor audit story.en.md story.it.md --no-backtranslation
    """


@app.command("audit", epilog=EXIT_CODES)
def audit_cli(
    # readable=False on every path: the library reads it and says why in one line; click's check prints a box.
    original: Annotated[Path, typer.Argument(
        readable=False, metavar="ORIGINAL",
        help="The original: text, Markdown or a saved web page (.html); - reads stdin.")],
    translation: Annotated[Path, typer.Argument(
        readable=False, metavar="TRANSLATION", help="Its translation (or a same-language repost); - reads stdin.")],
    source_lang: Annotated[str | None, typer.Option(help="Language of the original (default: detected).")] = None,
    target_lang: Annotated[str | None, typer.Option(help="Language of the translation (default: detected).")] = None,
    input_format: Annotated[InputFormat, typer.Option(  # type: ignore[valid-type]
        "--format", help="auto: .html/.htm (or HTML on stdin) is a web page, anything else text.")]
    = InputFormat("auto"),
    out: Annotated[Path | None, typer.Option(
        readable=False, help="Report folder (default reports/<original>__<translation>/).")] = None,
    no_write: Annotated[bool, typer.Option("--no-write", help="Write no report files.")] = False,
    no_backtranslation: Annotated[bool, typer.Option(
        "--no-backtranslation", help="Run only the MT-free checks.")] = False,
    model: Annotated[str | None, typer.Option(help="Local MarianMT model directory or model id.")] = None,
    engine: Annotated[Engine, typer.Option(  # type: ignore[valid-type]
        help="Back-translation engine.")] = Engine("auto"),
    beam: Annotated[int, typer.Option(help="Beam size for back-translation (1 = greedy).")] = 1,
    fail_on: Annotated[FailOn | None, typer.Option(  # type: ignore[valid-type]
        help="Fail the gate at this severity or worse (default: the policy's, else critical).")] = None,
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", readable=False, help="Policy TOML (default: the [tool.auditor] table of the nearest "
                                         "pyproject.toml above the inputs).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a different audit's reports in --out.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print one line only; log errors only.")] = False,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, show_default=False,
                                         help="Log progress on stderr (-vv: debug).")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON record instead of the summary.")] = False,
) -> None:
    """Audit TRANSLATION against ORIGINAL; write report.json/html/md; exit 1 if the gate fails.

    \b
    Examples:
      auditor audit story.en.md story.it.md --no-backtranslation --policy house.toml
      auditor audit story.en.md - --format html --json --no-write < saved-page.html
    """
    from auditor.config import AUDIT_BLAS_THREADS, AuditConfig, prefer_blas_threads

    prefer_blas_threads(AUDIT_BLAS_THREADS)  # before anything imports numpy
    setup_logging(verbose, quiet)
    from auditor.errors import AuditError
    from auditor.gate import gated
    from auditor.gate.policy import find_policy, load_policy
    from auditor.report import files
    from auditor.report.publish import folder_lock
    from auditor.sources import audit_sources, read_sources

    level = fail_on.value if fail_on else None
    try:
        policy = load_policy(policy_file, level) if policy_file else find_policy([original, translation], level)
        config = AuditConfig(source_lang, target_lang, not no_backtranslation, model, engine.value, beam,
                             policy.fail_on)
        sources = read_sources(original, translation, input_format.value)
        out_dir = out or files.default_out_dir(sources[0].path, sources[1].path)
        # The folder is locked (or refused: another audit's, not writable) before the audit and until its reports
        # are in place, so that two audits into one folder cannot both pass the check below.
        with nullcontext() if no_write else folder_lock(out_dir):
            if not (force or no_write):  # refused now rather than after a long audit; write_reports checks again
                files.check_out_dir(out_dir, sources[0].text, sources[1].text)
            report, result = gated(audit_sources(*sources, config), policy)
            written = [] if no_write else files.write_reports(report, out_dir, force)
    except (ValueError, AuditError) as exc:
        fail(str(exc))
    _print(report, result, written, as_json, quiet)
    raise typer.Exit(0 if result.passed else EXIT_GATE_FAILED)


def _print(report: AuditReport, result: GateResult, written: list[Path], as_json: bool, quiet: bool) -> None:
    """The JSON record, or the terminal view and the gate line."""
    from rich.console import Console

    from auditor.report import record, terminal
    from auditor.sanitize import visible

    if as_json:
        typer.echo(record.dumps(report), nl=False)
        return
    console = Console(highlight=False)
    terminal.render_terminal(report, console, quiet=quiet)
    if not quiet:
        wrote = f" — wrote {', '.join(str(p) for p in written)}" if written else ""
        console.print(visible(f"gate: {'passed' if result.passed else 'FAILED'} (fail-on {result.fail_on}, "
                              f"{result.blocking} blocking, {len(result.suppressed)} let through by the policy)"
                              f"{wrote}"), markup=False)


app.command("batch", epilog=BATCH_EXIT_CODES)(batch_cli)
app.command("report", epilog=EXIT_CODES_NO_GATE)(report_cli)
app.command("baseline", epilog=EXIT_CODES_NO_GATE)(baseline_cli)
app.command("gate", epilog=EXIT_CODES)(gate_cli)
app.command("precommit", epilog=EXIT_CODES)(precommit_cli)
app.command("schema", epilog=EXIT_CODES_NO_GATE)(schema_cli)
app.add_typer(models_app, name="models")


def main() -> None:
    """Console-script entry point."""
    app()
