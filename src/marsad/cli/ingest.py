"""``marsad ingest``: read reports in any supported format into documents (JSON Lines)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import IO, Any

import click
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest import IngestReport, ingest_options, options_from_click, read_documents


def _with_progress(docs: Iterator[Document], stack: ExitStack) -> Iterator[Document]:
    """Show a live count on a terminal; stay silent when stderr is piped."""
    if not sys.stderr.isatty():
        yield from docs
        return
    progress = stack.enter_context(
        Progress(
            TextColumn("reading"),
            BarColumn(),
            TextColumn("{task.completed} documents"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
    )
    task = progress.add_task("ingest", total=None)
    for doc in docs:
        progress.advance(task)
        yield doc


@click.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@ingest_options
@click.option(
    "--out",
    "out_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write JSON Lines here instead of standard output.",
)
@click.pass_context
def command(
    ctx: click.Context, /, inputs: tuple[str, ...], out_path: str | None, **kwargs: Any
) -> None:
    """Read INPUT files, directories, globs, URLs or - (stdin) into documents as JSON Lines.

    Formats: plain text, HTML, web archives (WARC), JSON Lines, JSON arrays,
    RSS/Atom feeds and Telegram Desktop exports, also inside .gz and .zip.
    Problems are listed on stderr, one line each, followed by a summary.
    """
    options = options_from_click(ctx, **kwargs)
    report = IngestReport()
    partial = Path(f"{out_path}.partial") if out_path else None
    with ExitStack() as stack:
        out: IO[str] = sys.stdout
        if partial is not None:
            # Written under a name no reader picks up, then renamed: an output file
            # inside an input directory is never read back, and never left half-written.
            try:
                out = stack.enter_context(partial.open("w", encoding="utf-8"))
            except OSError as exc:
                raise InputError(f"cannot write: {exc.strerror}", source=out_path) from None
        docs = _with_progress(read_documents(inputs, options, report), stack)
        for doc in docs:
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False, default=str))
            out.write("\n")
    if partial is not None and out_path is not None:
        partial.replace(out_path)
    for line in report.problems:
        click.echo(line, err=True)
    for line in report.summary_lines():
        click.echo(line, err=True)
    if report.read == 0:
        click.echo("nothing usable was read", err=True)
        raise SystemExit(1)
    if options.strict and report.problems:
        click.echo("--strict: failing because of the problems above", err=True)
        raise SystemExit(1)
