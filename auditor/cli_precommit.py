"""`auditor precommit FILES...`: the pre-commit hook; audits each changed translation against its original."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from auditor.cli_common import EXIT_BAD_INPUT, EXIT_GATE_FAILED, setup_logging


def precommit_cli(
    changed: Annotated[list[Path], typer.Argument(metavar="FILES", help="Changed files (pre-commit passes them).")],
    original_lang: Annotated[str | None, typer.Option(
        help="Originals are NAME.LANG.EXT, not NAME.EXT (e.g. --original-lang en for story.en.md).")] = None,
    no_backtranslation: Annotated[bool, typer.Option(
        "--no-backtranslation", help="Run only the MT-free checks.")] = False,
    policy_file: Annotated[Path | None, typer.Option(
        "--policy", help="Policy TOML (default: [tool.auditor] of the nearest pyproject.toml).")] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, show_default=False,
                                         help="Log progress on stderr.")] = 0,
) -> None:
    """Audit every changed translation (NAME.LANG.EXT) against its original (NAME.EXT beside it); no files written.

    \\b
    Example:
      auditor precommit articles/story.it.md --no-backtranslation
    """
    setup_logging(verbose, quiet=False)
    from auditor.config import AuditConfig
    from auditor.errors import AuditError
    from auditor.gate import apply_gate
    from auditor.gate.policy import find_policy, load_policy
    from auditor.precommit import pairs_for
    from auditor.sources import audit_sources, read_sources

    worst = 0
    for pair in pairs_for(changed, original_lang):
        try:
            policy = load_policy(policy_file) if policy_file else find_policy([pair.translation])
            config = AuditConfig(original_lang, pair.language, not no_backtranslation, fail_on=policy.fail_on)
            result = apply_gate(audit_sources(*read_sources(pair.original, pair.translation), config), policy)
        except AuditError as exc:
            typer.echo(f"auditor: error: {exc}", err=True)
            worst = EXIT_BAD_INPUT
            continue
        verdict = "passed" if result.passed else "FAILED"
        typer.echo(f"{pair.translation} against {pair.original}: gate {verdict} ({result.policy}, fail-on "
                   f"{result.fail_on}, {result.blocking} blocking, {len(result.suppressed)} let through)")
        worst = max(worst, 0 if result.passed else EXIT_GATE_FAILED)
    raise typer.Exit(worst)
