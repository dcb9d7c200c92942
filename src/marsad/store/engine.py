"""Engines for SQLite files and PostgreSQL URLs, schema revisions and error translation.

Every database problem leaves this module as a :class:`~marsad.errors.StoreError`
with one line naming the database, so the CLI can print it as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from marsad.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)


def resolve_url(target: str) -> URL:
    """A SQLAlchemy URL for a path (SQLite file) or a database URL."""
    target = target.strip()
    if not target:
        raise StoreError("empty database path or URL")
    if not _SCHEME.match(target) and not target.startswith("sqlite:"):
        return URL.create("sqlite", database=str(Path(target).expanduser().resolve()))
    try:
        url = make_url(target)
    except ArgumentError:
        raise StoreError("not a database URL", source=target) from None
    backend = url.get_backend_name()
    if backend == "postgresql" and url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    elif backend == "postgres":
        url = url.set(drivername="postgresql+psycopg")
    elif backend not in ("sqlite", "postgresql"):
        raise StoreError(
            f"unsupported database {backend!r} (use a SQLite path or postgresql://...)",
            source=label(url),
        )
    return url


def label(url: URL) -> str:
    """How a database is named in messages: the file path, or the URL without password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def create_store_engine(
    url: URL, *, busy_timeout: float = 10.0, schema: str | None = None
) -> Engine:
    """An engine with marsad's connection settings (WAL, foreign keys, busy timeout)."""
    try:
        if url.get_backend_name() == "sqlite":
            if url.database and url.database != ":memory:":
                parent = Path(url.database).parent
                if not parent.is_dir():
                    raise StoreError("directory does not exist", source=str(parent))
            engine = create_engine(url, connect_args={"timeout": busy_timeout})
            event.listen(engine, "connect", _sqlite_pragmas(busy_timeout))
        else:
            engine = create_engine(
                url, connect_args={"connect_timeout": max(1, int(busy_timeout))}, pool_pre_ping=True
            )
            if schema:
                event.listen(engine, "connect", _search_path(schema))
    except NoSuchModuleError:
        raise StoreError("no driver for this database URL", source=label(url)) from None
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL: {exc}", source=label(url)) from None
    return engine


def _sqlite_pragmas(busy_timeout: float) -> Any:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    return on_connect


def _search_path(schema: str) -> Any:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
        raise StoreError(f"invalid schema name {schema!r}")

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        with dbapi_connection.cursor() as cursor:
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {schema}")
            cursor.execute(f"SET search_path TO {schema}")
        dbapi_connection.autocommit = autocommit

    return on_connect


def explain(error: BaseException) -> str:
    """One readable line for a driver error."""
    raw = str(getattr(error, "orig", None) or error).strip().splitlines()
    message = raw[0] if raw else type(error).__name__
    lowered = message.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        return "database is locked by another process (another marsad run?); try again later"
    if "database or disk is full" in lowered or "no space left" in lowered:
        return "disk full: the database cannot grow; nothing of the current batch was stored"
    if "unable to open database file" in lowered:
        return "cannot open the database file (check the path and permissions)"
    if "file is not a database" in lowered:
        return "not a SQLite database"
    if "readonly database" in lowered:
        return "the database is read-only"
    if "connection refused" in lowered or "could not connect" in lowered:
        return "cannot reach the database server (connection refused)"
    if "timeout expired" in lowered:
        return "cannot reach the database server (timed out)"
    if "does not exist" in lowered or "authentication failed" in lowered:
        return message.replace("FATAL:  ", "")
    return message


@contextmanager
def translated(name: str, action: str = "") -> Iterator[None]:
    """Turn database errors inside the block into one-line StoreErrors about ``name``."""
    try:
        yield
    except StoreError:
        raise
    except (DBAPIError, SQLAlchemyError, OSError) as error:
        prefix = f"{action}: " if action else ""
        raise StoreError(prefix + explain(error), source=name) from None


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this marsad knows."""
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise StoreError("no schema revisions shipped with marsad")
    return head


def known_revisions() -> set[str]:
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    return {rev.revision for rev in script.walk_revisions()}


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database (None for a database never migrated)."""
    return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, name: str) -> tuple[str | None, str]:
    """Apply every pending migration; return (revision before, revision after)."""
    with translated(name, "cannot upgrade the schema"), engine.begin() as connection:
        before = current_revision(connection)
        if before is not None and before not in known_revisions():
            raise newer_schema(before, name)
        command.upgrade(_alembic_config(connection), "head")
        after = current_revision(connection)
    return before, after or head_revision()


def newer_schema(revision: str, name: str) -> StoreError:
    return StoreError(
        f"schema revision {revision} is newer than this marsad ({head_revision()}); upgrade marsad",
        source=name,
    )


def check_schema(engine: Engine, name: str, *, initialise: bool = True) -> str:
    """Make sure the schema is the one this marsad writes; set up an empty database."""
    with translated(name, "cannot open the database"), engine.connect() as connection:
        revision = current_revision(connection)
        tables = set(inspect(connection).get_table_names())
        connection.execute(text("SELECT 1"))
    head = head_revision()
    if revision == head:
        return head
    if revision is None:
        if "events" in tables or "documents" in tables:
            raise StoreError(
                "has events/documents tables but no marsad schema revision", source=name
            )
        if not initialise:
            raise StoreError("not a marsad database (run `marsad db upgrade`)", source=name)
        upgrade(engine, name)
        return head
    if revision not in known_revisions():
        raise newer_schema(revision, name)
    raise StoreError(
        f"schema revision {revision} is older than this marsad ({head}); run `marsad db upgrade`",
        source=name,
    )
