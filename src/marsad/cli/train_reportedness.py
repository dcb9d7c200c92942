"""``marsad train-reportedness``: train the sentence reportedness scorer."""

from __future__ import annotations

import time

import click

from marsad.cli.common import get_settings
from marsad.evaluate.sentences import read_labelled

DEFAULT_OUTPUT = "reportedness-model.json"


@click.command("train-reportedness")
@click.argument("csv_files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    default=None,
    help=f"Model file to write (default: the reportedness_model setting, else {DEFAULT_OUTPUT}).",
)
@click.option("--folds", type=click.IntRange(2, 20), default=5, show_default=True)
@click.pass_context
def command(ctx: click.Context, csv_files: tuple[str, ...], output: str | None, folds: int) -> None:
    """Train the reportedness scorer on labelled CSVs (event-gsr format).

    Prints cross-validated P/R/F1 per class for the rules alone and for the
    rules with the scorer (folds split by source document), then trains on
    every sentence and writes the model (bucketed weights, no text).
    """
    from marsad.extraction.reportedness import (
        TrainingOptions,
        cross_validate,
        prepare,
        train_model,
        training_info,
    )

    began = time.monotonic()
    settings = get_settings(ctx)
    target = output or settings.reportedness_model or DEFAULT_OUTPUT
    rows = [row for path in csv_files for row in read_labelled(path)]
    options = TrainingOptions()
    examples = prepare(rows, buckets=options.buckets)
    validation = cross_validate(examples, folds, options)
    for line in validation.lines():
        click.echo(line)
    info = training_info(csv_files, examples, options)
    info["cross_validated"] = validation.to_dict()
    train_model(examples, options, info).save(target)
    click.echo(f"wrote {target} ({len(examples)} sentences, {time.monotonic() - began:.1f}s)")
    if not output and not settings.reportedness_model:
        click.echo(f'to use it, set reportedness_model = "{target}" in your settings.toml')
