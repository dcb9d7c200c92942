"""``marsad extract``: read reports, code their events, write them out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from marsad.document import Document
from marsad.events import Event
from marsad.ingest import IngestOptions, IngestReport, options_from_click, read_documents
from marsad.ingest import reading_options as _reading_options

OUTPUT_FORMATS = ("jsonl", "csv", "geojson", "table")

#: The ingestion options; ``--format`` is the output format here.
input_options = _reading_options("--input-format")


def read_inputs(inputs: tuple[str, ...], options: IngestOptions) -> Iterator[Document]:
    """Documents from the inputs through the ingestion readers; problems go to stderr."""
    report = IngestReport()
    try:
        yield from read_documents(inputs, options, report)
    finally:
        for line in report.problems:
            click.echo(line, err=True)


def open_output(output: Path | None) -> IO[str]:
    if output is None:
        return sys.stdout
    return output.open("w", encoding="utf-8", newline="")


@click.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@input_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(OUTPUT_FORMATS),
    default=None,
    help="Output format (default: table on a terminal, jsonl otherwise).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None)
@click.pass_context
def command(
    ctx: click.Context,
    /,
    inputs: tuple[str, ...],
    output_format: str | None,
    output: Path | None,
    **kwargs: Any,
) -> None:
    """Code the events reported in INPUT... (files, directories, globs, feed URLs or -)."""
    from marsad.cli.common import get_settings
    from marsad.export import write_events
    from marsad.extraction import Extractor

    options = options_from_click(ctx, **kwargs)
    extractor = Extractor(get_settings(ctx))
    fmt = output_format or ("table" if output is None and sys.stdout.isatty() else "jsonl")
    events: list[Event] = []
    count = 0
    for document in read_inputs(inputs, options):
        count += 1
        if document.duplicate_of is None:
            events.extend(extractor.extract(document))
    if count == 0:
        raise click.ClickException("no document could be read from the inputs")
    stream = open_output(output)
    try:
        write_events(events, fmt, stream)
    finally:
        if output is not None:
            stream.close()
    click.echo(f"{count} documents, {len(events)} events", err=True)
