"""``marsad run``: ingest + extract + store, incremental."""

from __future__ import annotations

from typing import Any

import click

from marsad.cli.common import get_settings
from marsad.cli.db import DB_OPTION, database_target
from marsad.ingest import IngestReport, ingest_options, options_from_click, read_documents
from marsad.store import Store, run_pipeline


@click.command("run")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@DB_OPTION
@click.option("--reprocess", is_flag=True, help="Re-extract documents already stored.")
@ingest_options
@click.pass_context
def command(
    ctx: click.Context, /, inputs: tuple[str, ...], db: str | None, reprocess: bool, **kwargs: Any
) -> None:
    """Read INPUT..., code their events and add them to the database (skipping known reports)."""
    from marsad.extraction import Extractor

    settings = get_settings(ctx)
    options = options_from_click(ctx, **kwargs)
    report = IngestReport()
    extractor = Extractor(settings)
    with Store.open(
        database_target(ctx, db), merge_distance_km=settings.merge_distance_km
    ) as store:
        try:
            summary = run_pipeline(
                read_documents(inputs, options, report),
                extractor,
                store,
                reprocess=reprocess,
                batch_size=settings.batch_size,
                inputs=inputs,
            )
        finally:
            for line in report.problems:
                click.echo(line, err=True)
    for line in summary.problems:
        click.echo(line, err=True)
    for line in report.summary_lines():
        click.echo(line, err=True)
    for line in summary.lines():
        click.echo(line)
