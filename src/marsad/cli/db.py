"""``marsad db``: database maintenance (schema upgrades)."""

from __future__ import annotations

import click

from marsad.cli.common import get_settings
from marsad.store.engine import create_store_engine, label, resolve_url, upgrade

DB_OPTION = click.option(
    "--db",
    "db",
    default=None,
    metavar="PATH|URL",
    help="SQLite file or postgresql:// URL (default: settings.database_url, marsad.db).",
)


def database_target(ctx: click.Context, db: str | None) -> str:
    """The database the user named, or the one in the settings."""
    return db or get_settings(ctx).database_url


@click.group("db")
def command() -> None:
    """Database maintenance."""


@command.command("upgrade")
@DB_OPTION
@click.pass_context
def upgrade_command(ctx: click.Context, db: str | None) -> None:
    """Apply pending schema migrations (creates the schema in an empty database)."""
    url = resolve_url(database_target(ctx, db))
    engine = create_store_engine(url)
    try:
        before, after = upgrade(engine, label(url))
    finally:
        engine.dispose()
    if before == after:
        click.echo(f"{label(url)}: schema already at revision {after}")
    else:
        click.echo(f"{label(url)}: schema upgraded from {before or 'empty'} to {after}")
