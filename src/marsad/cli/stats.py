"""``marsad stats``: counts by type, month, governorate and actor."""

from __future__ import annotations

from collections import Counter

import click
from rich.console import Console
from rich.table import Table

from marsad.cli.db import DB_OPTION, database_target
from marsad.store import Store


def _table(title: str, counts: Counter[str], top: int | None) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(title.split(" ")[-1])
    table.add_column("events", justify="right")
    rows = sorted(counts.items()) if top is None else counts.most_common(top)
    for name, n in rows:
        table.add_row(name, str(n))
    return table


@click.command("stats")
@DB_OPTION
@click.option(
    "--top", default=15, show_default=True, help="Rows per table for governorates and actors."
)
@click.pass_context
def command(ctx: click.Context, db: str | None, top: int) -> None:
    """Counts of stored events by type, month, governorate (admin1) and actor."""
    with Store.open(database_target(ctx, db), initialise=False) as store:
        stats = store.stats()
    console = Console()
    console.print(
        f"{stats.events} events ({stats.merged} merged from several reports, "
        f"{stats.fatalities} fatalities) from {stats.documents} documents, {stats.runs} runs"
    )
    console.print(_table("Events by type", stats.by_type, None))
    console.print(_table("Events by month", stats.by_month, None))
    console.print(_table("Events by governorate", stats.by_admin1, top))
    console.print(_table("Events by actor", stats.by_actor, top))
