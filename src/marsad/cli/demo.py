"""``marsad demo``: run the whole pipeline on the bundled example report."""

from __future__ import annotations

import sys
from datetime import date
from importlib import resources

import click

from marsad.cli.common import get_settings
from marsad.document import Document
from marsad.normalize import default_normalizer

DEMO_FILE = "examples/demo_report.txt"
# The example is written as if published on this (Wednesday) date.
DEMO_PUBLISHED = date(2026, 11, 25)


def demo_text() -> str:
    """The bundled example report (written for marsad, in the style of real ones)."""
    return resources.files("marsad.data").joinpath(DEMO_FILE).read_text("utf-8")


@click.command("demo")
@click.pass_context
def command(ctx: click.Context) -> None:
    """Code the events of the bundled example report and print them as a table."""
    from marsad.export import write_events
    from marsad.extraction import Extractor

    raw = demo_text()
    evasions = default_normalizer().normalize(raw).evasions()
    words = len(raw.split())
    click.echo(f"example report: {words} words, {len(evasions)} evasion spellings restored")
    for change in evasions:
        click.echo(f"  {change.original!r:>14} at {change.start}-{change.end} ({change.technique})")
    document = Document("demo", raw, source="bundled example", published=DEMO_PUBLISHED)
    events = Extractor(get_settings(ctx)).extract(document)
    click.echo(f"\n{len(events)} events (published {DEMO_PUBLISHED.isoformat()}):")
    write_events(events, "table", sys.stdout)
