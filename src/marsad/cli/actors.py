"""``marsad actors``: list, look up and find actors of the actor dictionary."""

from __future__ import annotations

import json

import click

from marsad.cli.common import read_text_input
from marsad.normalize import default_normalizer
from marsad.recognize.actors import ActorDictionary, ActorMatcher
from marsad.recognize.types import ActorEntry


def _dictionary(ctx: click.Context) -> ActorDictionary:
    extra: tuple[str, ...] = ctx.obj.get("actor_files", ()) if isinstance(ctx.obj, dict) else ()
    return ActorDictionary.load(list(extra))


def _describe(dictionary: ActorDictionary, entry: ActorEntry) -> str:
    record = dictionary.record(entry)
    parts = [entry.name, f"type={entry.actor_type}", f"inter={entry.inter}"]
    parts.append(f"country={entry.country or '-'}")
    if entry.parent:
        parts.append(f"parent={entry.parent}")
    if entry.generic and record is not None and record.template:
        parts.append(f"template={record.template!r}")
    return "  ".join(parts)


@click.group("actors")
@click.option(
    "--file",
    "actor_files",
    multiple=True,
    type=click.Path(dir_okay=False),
    help="Extra actor YAML file overlaying the package dictionary (repeatable).",
)
@click.pass_context
def command(ctx: click.Context, actor_files: tuple[str, ...]) -> None:
    """The actor dictionary: canonical ACLED names, types and Arabic forms."""
    ctx.ensure_object(dict)
    ctx.obj["actor_files"] = actor_files


@command.command("list")
@click.option("--country", default=None, help="Only actors of this ISO alpha-2 code (e.g. SY).")
@click.option("--generic", "generic_only", is_flag=True, help="Only generic (by-country) actors.")
@click.pass_context
def list_command(ctx: click.Context, country: str | None, generic_only: bool) -> None:
    """Print a table of actors: name, type, inter, country, number of forms."""
    dictionary = _dictionary(ctx)
    records = dictionary.records
    if country:
        records = [r for r in records if (r.entry.country or "").upper() == country.upper()]
    if generic_only:
        records = [r for r in records if r.entry.generic]
    width = max((len(r.entry.name) for r in records), default=4)
    click.echo(f"{'name':<{width}}  {'type':<21}  inter  country  forms")
    for record in records:
        entry = record.entry
        click.echo(
            f"{entry.name:<{width}}  {entry.actor_type:<21}  {entry.inter:>5}  "
            f"{entry.country or '-':<7}  {len(record.forms):>5}"
        )
    click.echo(f"{len(records)} actors")


@command.command("lookup")
@click.argument("name")
@click.option("--country", default=None, help="Event country (ISO alpha-2) to resolve with.")
@click.pass_context
def lookup_command(ctx: click.Context, name: str, country: str | None) -> None:
    """Print the actors an Arabic form or English name refers to."""
    dictionary = _dictionary(ctx)
    found = dictionary.lookup(name)
    if not found:
        click.echo(f"no actor for {name!r}")
        raise SystemExit(1)
    for entry in found:
        click.echo(_describe(dictionary, entry))
    if country:
        chosen = dictionary.resolve_form(name, country)
        if chosen is None and len(found) == 1:
            chosen = dictionary.resolve(found[0], country)
        if chosen is not None:
            inter = dictionary.inter_for(chosen, country)
            click.echo(f"in an event in {country.upper()}: {chosen.name} (inter {inter})")


@command.command("find")
@click.argument("source", default="-")
@click.option("--country", default=None, help="Event country (ISO alpha-2) to resolve with.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per mention.")
@click.pass_context
def find_command(ctx: click.Context, source: str, country: str | None, as_json: bool) -> None:
    """Print the actor mentions (and anaphors) in FILE (or - for stdin) with raw offsets."""
    _, raw = read_text_input(source)
    dictionary = _dictionary(ctx)
    actors, anaphors = ActorMatcher(dictionary).scan(default_normalizer().normalize(raw))
    rows: list[tuple[int, int, str, str, int | None, str]] = []
    for mention in actors:
        entry = dictionary.resolve_mention(mention, country)
        code = dictionary.inter_for(entry, country)
        rows.append((mention.start, mention.end, mention.text, entry.name, code, "actor"))
    for anaphor in anaphors:
        rows.append(
            (anaphor.start, anaphor.end, anaphor.text, anaphor.anaphor_class, None, "anaphor")
        )
    rows.sort()
    for start, end, text, name, inter, kind in rows:
        if as_json:
            record: dict[str, object] = {"start": start, "end": end, "text": text}
            record.update(kind=kind, name=name)
            if inter is not None:
                record["inter"] = inter
            click.echo(json.dumps(record, ensure_ascii=False))
        else:
            label = f"{name} (inter {inter})" if inter is not None else f"anaphor: {name}"
            click.echo(f"{start}\t{end}\t{text}\t{label}")
