"""``marsad extract``: read reports, code their events, write them out."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

import click

from marsad.cli.common import get_settings
from marsad.document import Document
from marsad.events import Event
from marsad.settings import Settings

OUTPUT_FORMATS = ("jsonl", "csv", "geojson", "table")
INPUT_FORMATS = ("auto", "txt", "html", "jsonl", "json", "rss", "telegram", "warc")


def parse_date_option(
    ctx: click.Context | None, param: click.Parameter | None, value: str | None
) -> date | None:
    """Click callback: an ISO date or a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


def input_options(function: click.decorators.FC) -> click.decorators.FC:
    """The reading options ``extract`` and ``eval`` share with ``ingest``."""
    decorators = [
        click.option(
            "--published",
            callback=parse_date_option,
            help="Publication date (YYYY-MM-DD) for inputs that carry none.",
        ),
        click.option(
            "--input-format",
            type=click.Choice(INPUT_FORMATS),
            default="auto",
            show_default=True,
            help="How to read the inputs.",
        ),
        click.option(
            "--field",
            "fields",
            multiple=True,
            metavar="NAME=KEY",
            help="JSON record key for a field (text, id, title, url, published, source).",
        ),
        click.option("--all-languages", is_flag=True, help="Keep documents not in Arabic."),
        click.option("--follow", is_flag=True, help="Fetch the pages a feed links to."),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def read_inputs(
    settings: Settings,
    inputs: tuple[str, ...],
    *,
    published: date | None,
    input_format: str,
    fields: tuple[str, ...],
    all_languages: bool,
    follow: bool,
) -> Iterator[Document]:
    """Documents from the inputs through the ingestion readers; problems go to stderr."""
    from marsad.ingest import IngestOptions, IngestReport, read_documents

    mapping: dict[str, str] = {}
    for item in fields:
        name, sep, key = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{item!r} is not NAME=KEY", param_hint="--field")
        mapping[name] = key
    options = IngestOptions.from_settings(
        settings,
        published=published,
        format=input_format,
        fields=mapping,
        all_languages=all_languages,
        follow=follow,
    )
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
    inputs: tuple[str, ...],
    published: date | None,
    input_format: str,
    fields: tuple[str, ...],
    all_languages: bool,
    follow: bool,
    output_format: str | None,
    output: Path | None,
) -> None:
    """Code the events reported in INPUT... (files, directories, globs, feed URLs or -)."""
    from marsad.export import write_events
    from marsad.extraction import Extractor

    settings = get_settings(ctx)
    extractor = Extractor(settings)
    fmt = output_format or ("table" if output is None and sys.stdout.isatty() else "jsonl")
    documents = read_inputs(
        settings,
        inputs,
        published=published,
        input_format=input_format,
        fields=fields,
        all_languages=all_languages,
        follow=follow,
    )
    events: list[Event] = []
    count = 0
    for document in documents:
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
