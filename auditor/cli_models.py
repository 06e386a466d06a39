"""`auditor models pull|list`: parse, call auditor.models, print, exit 2 on AuditError."""

from __future__ import annotations

from typing import Annotated

import typer

from auditor.cli_common import fail
from auditor.errors import AuditError

models_app = typer.Typer(add_completion=False, no_args_is_help=True,
                         help="Download and list the back-translation (OPUS-MT) models in the auditor cache.")


@models_app.command("pull")
def pull_cli(
    pair: Annotated[str, typer.Argument(help="translation-original languages, e.g. it-en.")],
    engine: Annotated[str, typer.Option(help="transformers | ct2 (also converts to CTranslate2 int8)")]
    = "transformers",
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
) -> None:
    """Download PAIR's OPUS-MT model from the Hugging Face Hub into the auditor cache."""
    from auditor.fetch import pull
    if engine not in ("transformers", "ct2"):
        fail(f"--engine must be transformers or ct2, not {engine!r}")
    try:
        model = pull(pair, engine, progress=not quiet)
    except AuditError as exc:
        fail(str(exc))
    where = model.ct2_dir if engine == "ct2" else model.local_dir
    typer.echo(f"{model.model_id}@{model.revision} ({model.engine}): {where}")


@models_app.command("list")
def list_cli() -> None:
    """Show the cached models, their engines and sizes."""
    from auditor.models import cache_dir, list_cached
    cached = list_cached()
    if not cached:
        typer.echo(f"no models cached in {cache_dir()}; run `auditor models pull it-en`")
        return
    for model in cached:
        size = f"{model.size_bytes / 1e6:.1f} MB"
        typer.echo(f"{model.model_id}@{model.revision}  {'+'.join(model.engines)}  {size}  {model.path}")
