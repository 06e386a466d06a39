"""`auditor models pull|list`: parse, call auditor.models, print, exit 2 on AuditError."""

from __future__ import annotations

from typing import Annotated

import typer

from auditor.cli_common import EXIT_CODES_NO_GATE, PullEngine, fail
from auditor.errors import AuditError

models_app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                         help="Download and list the back-translation (OPUS-MT) models in the auditor cache.")


@models_app.command("pull", epilog=EXIT_CODES_NO_GATE)
def pull_cli(
    pair: Annotated[str, typer.Argument(metavar="PAIR", help="translation-original languages, e.g. it-en.")],
    engine: Annotated[PullEngine, typer.Option(  # type: ignore[valid-type]
        help="ct2 also converts the model to CTranslate2 int8.")] = PullEngine("transformers"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Download PAIR's OPUS-MT model from the Hugging Face Hub into the auditor cache.

    \b
    Example:
      auditor models pull it-en --engine ct2
    """
    from auditor.fetch import pull
    try:
        model = pull(pair, engine.value, progress=not quiet)
    except AuditError as exc:
        fail(str(exc))
    where = model.ct2_dir if engine.value == "ct2" else model.local_dir
    typer.echo(f"{model.model_id}@{model.revision} ({model.engine}): {where}")


@models_app.command("list", epilog=EXIT_CODES_NO_GATE)
def list_cli() -> None:
    """Show the cached models, their engines and sizes.

    \b
    Example:
      auditor models list
    """
    from auditor.models import cache_dir, list_cached
    cached = list_cached()
    if not cached:
        typer.echo(f"no models cached in {cache_dir()}; run `auditor models pull it-en`")
        return
    for model in cached:
        size = f"{model.size_bytes / 1e6:.1f} MB"
        typer.echo(f"{model.model_id}@{model.revision}  {'+'.join(model.engines)}  {size}  {model.path}")
