"""``marsad gazetteer``: build, inspect, query and extend the place index."""

from __future__ import annotations

import json

import click

from marsad.cli.common import get_settings
from marsad.gazetteer import Gazetteer
from marsad.recognize.types import PlaceCandidate


@click.group("gazetteer")
def command() -> None:
    """The place gazetteer (GeoNames + curated supplement + your imports)."""


@command.command("build")
@click.option("--force", is_flag=True, help="Rebuild the embedded part even if up to date.")
@click.pass_context
def build(ctx: click.Context, force: bool) -> None:
    """Build the index (done automatically on first use)."""
    with Gazetteer.open(get_settings(ctx), force=force) as gazetteer:
        stats = gazetteer.stats()
    click.echo(
        f"{stats['path']}: {stats['places']} places, {stats['names']} names "
        f"(built {stats['built_at']} in {stats['build_seconds']} s)"
    )


@command.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts of places by kind and source, names, size on disk."""
    with Gazetteer.open(get_settings(ctx)) as gazetteer:
        figures = gazetteer.stats()
    if as_json:
        click.echo(json.dumps(figures, ensure_ascii=False, indent=2))
        return
    for key, value in figures.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        click.echo(f"{key}: {value}")


def _line(candidate: PlaceCandidate) -> str:
    path = " > ".join(
        part
        for part in (candidate.country, candidate.admin1, candidate.admin2, candidate.admin3)
        if part
    )
    if candidate.latitude is None or candidate.longitude is None:
        point = "no point"
    else:
        point = f"{candidate.latitude:.4f}, {candidate.longitude:.4f}"
    names = candidate.name_en + (f" / {candidate.name_ar}" if candidate.name_ar else "")
    population = f"  pop {candidate.population}" if candidate.population else ""
    return f"{candidate.kind:<11} {names}  [{path}]  ({point}){population}  {candidate.id}"


@command.command("lookup")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print candidates as JSON lines.")
@click.option("--limit", default=20, show_default=True, help="Show at most this many.")
@click.pass_context
def lookup(ctx: click.Context, name: str, as_json: bool, limit: int) -> None:
    """Every place called NAME (Arabic or Latin spelling), most prominent first."""
    with Gazetteer.open(get_settings(ctx)) as gazetteer:
        found = gazetteer.lookup(name)
    if not found:
        click.echo(f"no place called {name!r}", err=True)
        raise SystemExit(1)
    for candidate in found[:limit]:
        if as_json:
            fields = {f: getattr(candidate, f) for f in candidate.__dataclass_fields__}
            click.echo(json.dumps(fields, ensure_ascii=False))
        else:
            click.echo(_line(candidate))
    if len(found) > limit:
        click.echo(f"... and {len(found) - limit} more", err=True)


@command.command("import")
@click.argument("kind", type=click.Choice(["geonames", "ocha", "opensyria"]))
@click.argument("path", type=click.Path())
@click.option(
    "--alternate-names",
    type=click.Path(),
    default=None,
    help="GeoNames alternateNames table (Arabic names are taken from it).",
)
@click.pass_context
def import_(ctx: click.Context, kind: str, path: str, alternate_names: str | None) -> None:
    """Add places from a GeoNames dump, an OCHA COD CSV table or Open-Syria JSON folder."""
    with Gazetteer.open(get_settings(ctx)) as gazetteer:
        if kind == "geonames":
            count = gazetteer.import_geonames(path, alternate_names)
        elif kind == "ocha":
            count = gazetteer.import_ocha(path)
        else:
            count = gazetteer.import_opensyria(path)
    click.echo(f"imported {count} places from {path}")
