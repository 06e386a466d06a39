"""Typer CLI: parse options, call the library, print, exit (0 pass, 1 gate failed, 2 bad input or usage)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from auditor.cli_common import EXIT_GATE_FAILED, fail
from auditor.cli_models import models_app
from auditor.cli_policy import baseline_cli, gate_cli
from auditor.cli_report import report_cli

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Audit whether a translated article says what its original says.")

def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"auditor {version('auditor')}")
        raise typer.Exit()


@app.callback()
def _group(
    _version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                           help="Print the installed version and exit.")] = False,
) -> None:
    """Audit whether a translated article says what its original says."""


@app.command("audit")
def audit_cli(
    original: Annotated[Path, typer.Argument(help="The original article (UTF-8 text or Markdown).")],
    translation: Annotated[Path, typer.Argument(help="Its translation (or a same-language repost).")],
    source_lang: Annotated[str | None, typer.Option(help="Language of the original (default: detected).")] = None,
    target_lang: Annotated[str | None, typer.Option(help="Language of the translation (default: detected).")] = None,
    out: Annotated[Path | None, typer.Option(
        help="Report folder (default reports/<original>__<translation>/).")] = None,
    no_backtranslation: Annotated[bool, typer.Option(
        "--no-backtranslation", help="Run only the MT-free checks.")] = False,
    model: Annotated[str | None, typer.Option(help="Local MarianMT model directory or model id.")] = None,
    engine: Annotated[str, typer.Option(help="auto | transformers | ct2")] = "auto",
    beam: Annotated[int, typer.Option(help="Beam size for back-translation (1 = greedy).")] = 1,
    fail_on: Annotated[str | None, typer.Option(
        help="critical | major | minor | never (default: the policy's, else critical)")] = None,
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", help="Policy TOML (default: [tool.auditor] of the nearest pyproject.toml above the inputs).")]
    = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite a different audit's reports in --out.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="Print one line only.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the JSON record instead of the summary.")] = False,
) -> None:
    """Audit TRANSLATION against ORIGINAL; write report.json/html/md; exit 1 if the gate fails."""
    from rich.console import Console

    from auditor.config import AuditConfig
    from auditor.errors import AuditError
    from auditor.gate import gated
    from auditor.gate.policy import find_policy, load_policy
    from auditor.pipeline import audit_files
    from auditor.report import files, record, terminal

    try:
        policy = load_policy(policy_file, fail_on) if policy_file else find_policy([original, translation], fail_on)
        config = AuditConfig(source_lang, target_lang, not no_backtranslation, model, engine, beam, policy.fail_on)
    except (ValueError, AuditError) as exc:
        fail(str(exc))
    out_dir = out or files.default_out_dir(original, translation)
    try:
        if not force:  # refused now rather than after a long audit; write_reports checks again
            files.check_out_dir(out_dir, original, translation)
        report, result = gated(audit_files(original, translation, config), policy)
        written = files.write_reports(report, out_dir, force)
    except AuditError as exc:
        fail(str(exc))
    if as_json:
        typer.echo(record.dumps(report), nl=False)
    else:
        console = Console(highlight=False)
        terminal.render_terminal(report, console, quiet=quiet)
        if not quiet:
            console.print(f"gate: {'passed' if result.passed else 'FAILED'} (fail-on {result.fail_on}, "
                          f"{result.blocking} blocking, {len(result.suppressed)} let through by the policy) "
                          f"— wrote {', '.join(str(p) for p in written)}")
    raise typer.Exit(0 if result.passed else EXIT_GATE_FAILED)


app.command("report")(report_cli)
app.command("baseline")(baseline_cli)
app.command("gate")(gate_cli)
app.add_typer(models_app, name="models")


def main() -> None:
    """Console-script entry point."""
    app()
