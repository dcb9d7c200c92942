"""The :class:`Store`: every read and write marsad does on its database.

Writes go through :meth:`Store.write_batch`, one transaction per batch of
documents: a document, its per-document events and the re-merged events all
commit together or not at all.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from marsad import __version__
from marsad.document import Document
from marsad.errors import StoreError
from marsad.events import Event
from marsad.merge import (
    MAX_WINDOW_DAYS,
    SourceRecord,
    cluster,
    combine,
    compatible,
    haversine_km,
    lock_pair,
)
from marsad.store.engine import check_schema, create_store_engine, label, resolve_url, translated
from marsad.store.models import EventSource, MergeLock, Run, StoredDocument, StoredEvent
from marsad.store.records import (
    apply_merged,
    document_row,
    event_record,
    new_event_id,
    now,
    source_record,
    source_rows,
)


@dataclass(frozen=True)
class DocumentResult:
    """A document with the events extraction coded in it, ready to store."""

    document: Document
    events: list[Event]
    content_hash: str
    replace: bool = False


@dataclass(frozen=True)
class BatchResult:
    """What one committed batch changed."""

    documents: int
    sources: int
    events_touched: int


@dataclass(frozen=True)
class EventQuery:
    """Filters of ``marsad events``; None means no filter."""

    since: date | None = None
    until: date | None = None
    event_type: str | None = None
    actor: str | None = None
    country_iso: int | None = None
    country_name: str | None = None
    admin1: str | None = None
    near: tuple[float, float, float] | None = None
    min_confidence: float | None = None
    limit: int | None = None


@dataclass
class StoreStats:
    """Counts for ``marsad stats``."""

    events: int = 0
    documents: int = 0
    sources: int = 0
    merged: int = 0
    runs: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    by_month: Counter[str] = field(default_factory=Counter)
    by_admin1: Counter[str] = field(default_factory=Counter)
    by_actor: Counter[str] = field(default_factory=Counter)
    fatalities: int = 0


class Store:
    """A marsad database (SQLite file or PostgreSQL URL) at the current schema."""

    def __init__(self, engine: Engine, name: str, *, merge_distance_km: float = 10.0) -> None:
        self.engine = engine
        self.name = name
        self.merge_distance_km = merge_distance_km

    @classmethod
    def open(
        cls,
        target: str,
        *,
        initialise: bool = True,
        busy_timeout: float = 10.0,
        schema: str | None = None,
        merge_distance_km: float = 10.0,
    ) -> Store:
        """Open (and, when empty, initialise) the database at a path or URL.

        Raises StoreError for a wrong URL, an unreachable server, a locked file
        or a schema written by a newer (or older) marsad.
        """
        url = resolve_url(target)
        engine = create_store_engine(url, busy_timeout=busy_timeout, schema=schema)
        name = label(url)
        try:
            check_schema(engine, name, initialise=initialise)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, name, merge_distance_km=merge_distance_km)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    # -- runs -------------------------------------------------------------

    def start_run(
        self, inputs: Sequence[str], versions: Mapping[str, str], *, reprocess: bool = False
    ) -> int:
        """Record the start of a run; return its id."""
        with translated(self.name, "cannot record the run"), Session(self.engine) as session:
            run = Run(
                started_at=now(),
                status="running",
                inputs=list(inputs),
                counts={},
                marsad_version=__version__,
                versions=dict(versions),
                reprocess=reprocess,
            )
            session.add(run)
            session.commit()
            return run.id

    def finish_run(self, run_id: int, status: str, counts: Mapping[str, int]) -> None:
        with translated(self.name, "cannot record the run"), Session(self.engine) as session:
            run = session.get(Run, run_id)
            if run is not None:
                run.status = status
                run.finished_at = now()
                run.counts = dict(counts)
                session.commit()

    def runs(self) -> list[dict[str, Any]]:
        with translated(self.name), Session(self.engine) as session:
            rows = session.scalars(select(Run).order_by(Run.id)).all()
            return [{c.key: getattr(r, c.key) for c in Run.__table__.columns} for r in rows]

    # -- documents --------------------------------------------------------

    def known_documents(self, docs: Sequence[Document], hashes: Sequence[str]) -> dict[str, str]:
        """Stored ids of documents already in the database, keyed by input id and by hash."""
        found: dict[str, str] = {}
        with translated(self.name, "cannot read documents"), Session(self.engine) as session:
            ids = [d.id for d in docs]
            for doc_id, digest in session.execute(
                select(StoredDocument.id, StoredDocument.content_hash).where(
                    or_(StoredDocument.id.in_(ids), StoredDocument.content_hash.in_(list(hashes)))
                )
            ):
                found[doc_id] = doc_id
                found[digest] = doc_id
        return found

    def document_count(self) -> int:
        with translated(self.name), Session(self.engine) as session:
            return int(session.scalar(select(func.count()).select_from(StoredDocument)) or 0)

    def write_batch(self, results: Sequence[DocumentResult], run_id: int | None) -> BatchResult:
        """Store documents and their events, re-merging what they touch, in one transaction."""
        with translated(self.name, "batch not stored"), Session(self.engine) as session:
            with session.begin():
                previous: dict[str, int] = {}
                seeds: list[EventSource] = []
                for result in results:
                    doc = result.document
                    if result.replace:
                        previous.update(self._drop_sources(session, doc.id))
                        stored = session.get(StoredDocument, doc.id)
                        if stored is not None:
                            stored.processed_at = now()
                            stored.run_id = run_id
                    else:
                        session.add(document_row(doc, result.content_hash, run_id))
                        session.flush()  # the document row before the rows that refer to it
                    rows = source_rows(doc, result.events)
                    session.add_all(rows)
                    seeds.extend(rows)
                session.flush()
                touched = self._remerge(session, seeds, previous)
        return BatchResult(len(results), len(seeds), touched)

    def _drop_sources(self, session: Session, document_id: str) -> dict[str, int]:
        """Delete a document's sources; return the event each one belonged to, by key."""
        rows = session.scalars(
            select(EventSource).where(EventSource.document_id == document_id)
        ).all()
        stale = {r.source_key: r.event_pk for r in rows if r.event_pk is not None}
        for row in rows:
            session.delete(row)
        session.flush()
        return stale

    # -- merging ----------------------------------------------------------

    def _candidates(self, session: Session, row: EventSource) -> list[EventSource]:
        if row.event_date is None:
            return []
        window = timedelta(days=MAX_WINDOW_DAYS)
        return list(
            session.scalars(
                select(EventSource).where(
                    EventSource.event_type == row.event_type,
                    EventSource.event_date >= row.event_date - window,
                    EventSource.event_date <= row.event_date + window,
                )
            )
        )

    def _remerge(
        self, session: Session, seeds: Sequence[EventSource], previous: Mapping[str, int]
    ) -> int:
        """Re-cluster every event the seeds (and the events they left) could belong to.

        ``previous`` maps keys of replaced sources to the event they were in, so a
        re-extracted document lands in its old event and keeps its id.
        """
        rows: dict[str, EventSource] = {r.source_key: r for r in seeds}
        stale = set(previous.values())
        for pk in sorted(stale):
            for r in session.scalars(select(EventSource).where(EventSource.event_pk == pk)):
                rows.setdefault(r.source_key, r)
        records = {k: source_record(r) for k, r in rows.items()}
        frontier = list(rows.values())
        parsed: dict[str, SourceRecord] = {}
        while frontier:
            added: list[EventSource] = []
            for row in frontier:
                mine = records[row.source_key]
                for cand in self._candidates(session, row):
                    if cand.source_key in rows:
                        continue
                    theirs = parsed.get(cand.source_key)
                    if theirs is None:
                        theirs = parsed[cand.source_key] = source_record(cand)
                    if not compatible(mine, theirs, self.merge_distance_km):
                        continue
                    group = [cand]
                    if cand.event_pk is not None:
                        group = list(
                            session.scalars(
                                select(EventSource).where(EventSource.event_pk == cand.event_pk)
                            )
                        )
                    for member in group:
                        if member.source_key not in rows:
                            rows[member.source_key] = member
                            records[member.source_key] = source_record(member)
                            added.append(member)
            frontier = added
        return self._reconcile(session, rows, records, previous)

    def _locks(self, session: Session, keys: Iterable[str]) -> set[tuple[str, str]]:
        keys = list(keys)
        locks: set[tuple[str, str]] = set()
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            for a, b in session.execute(
                select(MergeLock.key_a, MergeLock.key_b).where(
                    or_(MergeLock.key_a.in_(chunk), MergeLock.key_b.in_(chunk))
                )
            ):
                locks.add(lock_pair(a, b))
        return locks

    def _reconcile(
        self,
        session: Session,
        rows: Mapping[str, EventSource],
        records: Mapping[str, Any],
        previous: Mapping[str, int],
    ) -> int:
        groups = cluster(records.values(), self._locks(session, rows), self.merge_distance_km)
        member_of = {k: r.event_pk or previous.get(k) for k, r in rows.items()}
        old_pks = set(previous.values()) | {pk for pk in member_of.values() if pk is not None}
        old = {pk: session.get(StoredEvent, pk) for pk in sorted(old_pks)}
        used: set[int] = set()
        touched = 0
        for group in groups:
            keys = tuple(r.key for r in group)
            votes: Counter[int] = Counter(
                pk for pk in (member_of[k] for k in keys) if pk is not None
            )
            ranked = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
            target = next(
                (old[pk] for pk, _ in ranked if pk not in used and old.get(pk) is not None), None
            )
            if target is None:
                target = StoredEvent(
                    event_id=self._fresh_event_id(session, keys),
                    split_locked=False,
                    updated_at=now(),
                )
                session.add(target)
            else:
                used.add(target.id)
            changed = apply_merged(target, combine(group))
            session.flush()
            for key in keys:
                if rows[key].event_pk != target.id:
                    rows[key].event_pk = target.id
                    changed = True
            touched += int(changed)
        session.flush()
        for pk, event in old.items():
            if pk not in used and event is not None:
                session.delete(event)
                touched += 1
        session.flush()
        return touched

    def _fresh_event_id(self, session: Session, keys: tuple[str, ...]) -> str:
        candidate = new_event_id(keys)
        n = 1
        while session.scalar(select(StoredEvent.id).where(StoredEvent.event_id == candidate)):
            n += 1
            candidate = new_event_id((f"{min(keys)}#{n}",))
        return candidate

    def split(self, event_id: str) -> list[str]:
        """Split a merged event back into per-document events, locked against re-merging."""
        with translated(self.name, "split not stored"), Session(self.engine) as session:
            with session.begin():
                event = session.scalar(select(StoredEvent).where(StoredEvent.event_id == event_id))
                if event is None:
                    raise StoreError(f"no event {event_id}", source=self.name)
                sources = list(event.sources)
                if len({s.document_id for s in sources}) < 2:
                    raise StoreError(
                        f"event {event_id} has a single source document; nothing to split",
                        source=self.name,
                    )
                keys = sorted(s.source_key for s in sources)
                existing = self._locks(session, keys)
                for i, a in enumerate(keys):
                    for b in keys[i + 1 :]:
                        if (a, b) not in existing:
                            session.add(
                                MergeLock(key_a=a, key_b=b, event_id=event_id, created_at=now())
                            )
                session.flush()
                self._remerge(session, sources, {s.source_key: event.id for s in sources})
                pieces = session.scalars(
                    select(StoredEvent)
                    .join(EventSource, EventSource.event_pk == StoredEvent.id)
                    .where(EventSource.source_key.in_(keys))
                    .distinct()
                ).all()
                for piece in pieces:
                    piece.split_locked = True
                return sorted(p.event_id for p in pieces)

    # -- queries ----------------------------------------------------------

    def events(
        self, query: EventQuery | None = None, *, with_sources: bool = False
    ) -> Iterator[dict[str, Any]]:
        """Stored events matching ``query`` as flat records, by date then id."""
        query = query or EventQuery()
        stmt = select(StoredEvent).order_by(StoredEvent.event_date, StoredEvent.id)
        stmt = _filtered(stmt, query)
        with translated(self.name, "cannot read events"), Session(self.engine) as session:
            emitted = 0
            chunk: list[StoredEvent] = []
            for row in session.scalars(stmt.execution_options(yield_per=1000)):
                if query.near and not _within(row, query.near):
                    continue
                chunk.append(row)
                if query.limit is not None and emitted + len(chunk) >= query.limit:
                    break
                if len(chunk) >= 500:
                    yield from self._records(session, chunk, with_sources)
                    emitted += len(chunk)
                    chunk = []
            yield from self._records(session, chunk, with_sources)

    def _records(
        self, session: Session, rows: list[StoredEvent], with_sources: bool
    ) -> Iterator[dict[str, Any]]:
        if not rows:
            return
        by_event: dict[int, list[EventSource]] = {}
        if with_sources:
            for source in session.scalars(
                select(EventSource)
                .where(EventSource.event_pk.in_([r.id for r in rows]))
                .order_by(EventSource.id)
            ):
                by_event.setdefault(source.event_pk or 0, []).append(source)
        for row in rows:
            yield event_record(row, by_event.get(row.id, []) if with_sources else None)

    def stats(self) -> StoreStats:
        """Counts by type, month, governorate and actor."""
        stats = StoreStats()
        with translated(self.name, "cannot read events"), Session(self.engine) as session:
            count = func.count()
            stats.events = int(session.scalar(select(count).select_from(StoredEvent)) or 0)
            stats.documents = int(session.scalar(select(count).select_from(StoredDocument)) or 0)
            stats.sources = int(session.scalar(select(count).select_from(EventSource)) or 0)
            stats.runs = int(session.scalar(select(count).select_from(Run)) or 0)
            stats.merged = int(
                session.scalar(select(count).select_from(StoredEvent).where(StoredEvent.merged))
                or 0
            )
            stats.fatalities = int(session.scalar(select(func.sum(StoredEvent.fatalities))) or 0)
            for name, n in session.execute(
                select(StoredEvent.event_type, count).group_by(StoredEvent.event_type)
            ):
                stats.by_type[str(name)] += n
            for day, n in session.execute(
                select(StoredEvent.event_date, count).group_by(StoredEvent.event_date)
            ):
                stats.by_month[day.strftime("%Y-%m") if day else "unknown"] += n
            for admin1, n in session.execute(
                select(StoredEvent.admin1, count).group_by(StoredEvent.admin1)
            ):
                stats.by_admin1[admin1 or "unknown"] += n
            for column in (StoredEvent.actor1, StoredEvent.actor2):
                for actor, n in session.execute(
                    select(column, count).where(column.is_not(None)).group_by(column)
                ):
                    stats.by_actor[str(actor)] += n
        return stats


def _filtered(stmt: Any, query: EventQuery) -> Any:
    e = StoredEvent
    if query.since is not None:
        stmt = stmt.where(e.event_date >= query.since)
    if query.until is not None:
        stmt = stmt.where(e.event_date <= query.until)
    if query.event_type:
        wanted = query.event_type.casefold()
        stmt = stmt.where(
            or_(func.lower(e.event_type) == wanted, func.lower(e.sub_event_type) == wanted)
        )
    if query.actor:
        pattern = f"%{query.actor.casefold()}%"
        stmt = stmt.where(
            or_(
                func.lower(e.actor1).like(pattern),
                func.lower(e.actor2).like(pattern),
                func.lower(e.assoc_actor_1).like(pattern),
                func.lower(e.assoc_actor_2).like(pattern),
            )
        )
    if query.country_iso is not None or query.country_name:
        clauses = []
        if query.country_iso is not None:
            clauses.append(e.iso == query.country_iso)
        if query.country_name:
            clauses.append(func.lower(e.country) == query.country_name.casefold())
        stmt = stmt.where(or_(*clauses))
    if query.admin1:
        stmt = stmt.where(func.lower(e.admin1) == query.admin1.casefold())
    if query.min_confidence is not None:
        stmt = stmt.where(e.confidence >= query.min_confidence)
    if query.near:
        lat, lon, km = query.near
        dlat = km / 110.574
        dlon = km / max(1e-6, 111.320 * math.cos(math.radians(lat)))
        stmt = stmt.where(
            e.latitude.between(lat - dlat, lat + dlat),
            e.longitude.between(lon - dlon, lon + dlon),
        )
    return stmt


def _within(row: StoredEvent, near: tuple[float, float, float]) -> bool:
    if row.latitude is None or row.longitude is None:
        return False
    return haversine_km(near[0], near[1], row.latitude, row.longitude) <= near[2]
