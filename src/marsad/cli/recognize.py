"""``marsad dates`` and ``marsad numbers``: show what the recognisers find."""

from __future__ import annotations

from datetime import date

import click

from marsad.cli.common import read_text_input
from marsad.errors import InputError
from marsad.normalize import default_normalizer
from marsad.recognize.casualties import default_casualty_matcher
from marsad.recognize.dates import default_date_matcher
from marsad.recognize.numbers import default_number_matcher


def parse_published(value: str | None) -> date | None:
    """The ``--published`` option as a date; a clear error when it is not one."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(
            f"not a date: {value!r} (expected YYYY-MM-DD)", source="--published"
        ) from None


@click.command("dates")
@click.argument("source", default="-")
@click.option(
    "--published",
    default=None,
    metavar="YYYY-MM-DD",
    help="Publication date that relative expressions (أمس, الخميس ...) resolve against.",
)
def dates_command(source: str, published: str | None) -> None:
    """List the date expressions of FILE (or - for stdin) with their resolved dates."""
    anchor = parse_published(published)
    _, raw = read_text_input(source)
    nt = default_normalizer().normalize(raw)
    for m in default_date_matcher().find(nt, anchor):
        value = m.value.isoformat() if m.value else "unknown"
        precision = m.precision if m.precision is not None else "-"
        click.echo(f"{m.start}-{m.end}\t{m.text}\t{value}\tprecision {precision}\t{m.reason}")


@click.command("numbers")
@click.argument("source", default="-")
def numbers_command(source: str) -> None:
    """List the numbers and casualty phrases of FILE (or - for stdin)."""
    _, raw = read_text_input(source)
    nt = default_normalizer().normalize(raw)
    for n in default_number_matcher().find(nt):
        approx = f"\t{n.approximate}" if n.approximate else ""
        click.echo(f"number\t{n.start}-{n.end}\t{n.text}\t{n.value}{approx}")
    for c in default_casualty_matcher().find(nt):
        click.echo(f"{c.kind}\t{c.start}-{c.end}\t{c.text}\t{c.count}\t{c.rule}")
