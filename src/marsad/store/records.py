"""Conversions between pipeline objects and table rows (no database access here)."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from marsad.document import Document
from marsad.events import Event
from marsad.merge import MergedEvent, SourceRecord
from marsad.store.models import EventSource, StoredDocument, StoredEvent


def now() -> datetime:
    return datetime.now(UTC)


def content_hash(text: str) -> str:
    """SHA-256 of the raw text: the same report under another id is the same document."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_key(document_id: str, record_id: str) -> str:
    """A short stable key for one document's coding of one event."""
    return hashlib.sha1(f"{document_id}\x1f{record_id}".encode()).hexdigest()[:20]


def new_event_id(keys: tuple[str, ...]) -> str:
    """A document-independent id for a new merged event, from its first record's key."""
    return "mrs-" + hashlib.sha1(min(keys).encode()).hexdigest()[:16]


def outlet_of(doc: Document, event: Event | None = None) -> str | None:
    """Who published the report: the event's source, the document's, or the URL's host."""
    if event is not None and event.source:
        return event.source
    if doc.source:
        return doc.source
    if doc.url:
        return urlsplit(doc.url).hostname
    return None


def scale_of(doc: Document) -> str:
    """A document's source scale: metadata ``source_scale``; Telegram: New media; else National."""
    given = doc.metadata.get("source_scale")
    if isinstance(given, str) and given:
        return given
    host = urlsplit(doc.url).hostname if doc.url else None
    if doc.metadata.get("format") == "telegram" or host in ("t.me", "telegram.me"):
        return "New media"
    return "National"


def document_row(doc: Document, digest: str, run_id: int | None) -> StoredDocument:
    return StoredDocument(
        id=doc.id,
        source=doc.source,
        url=doc.url,
        title=doc.title,
        published=doc.published,
        text=doc.text,
        language=doc.language,
        duplicate_of=doc.duplicate_of,
        doc_metadata=_jsonable(dict(doc.metadata)),
        content_hash=digest,
        processed_at=now(),
        run_id=run_id,
    )


def source_rows(doc: Document, events: list[Event]) -> list[EventSource]:
    """One row per event of ``doc``; record ids made unique within the document."""
    rows: list[EventSource] = []
    seen: set[str] = set()
    for event in events:
        record_id = event.event_id or "event"
        n = 1
        while record_id in seen:
            n += 1
            record_id = f"{event.event_id}#{n}"
        seen.add(record_id)
        record = _jsonable(event.to_dict())
        record["doc_id"] = doc.id
        record["scale"] = scale_of(doc)
        rows.append(
            EventSource(
                document_id=doc.id,
                record_id=record_id,
                source_key=source_key(doc.id, record_id),
                event_type=event.event_type,
                event_date=event.event_date,
                outlet=outlet_of(doc, event),
                independent=doc.duplicate_of is None,
                record=record,
            )
        )
    return rows


def source_record(row: EventSource) -> SourceRecord:
    """The merge stage's view of a stored source row."""
    record = dict(row.record)
    return SourceRecord(
        key=row.source_key,
        document_id=row.document_id,
        event=Event.from_dict(record),
        outlet=row.outlet,
        scale=str(record.get("scale") or "National"),
        independent=row.independent,
    )


def apply_merged(row: StoredEvent, merged: MergedEvent) -> bool:
    """Write merged fields into ``row``; return whether anything changed."""
    values: dict[str, Any] = dict(merged.fields)
    date = values.get("event_date")
    values["year"] = date.year if date else None
    values["source_count"] = merged.source_count
    values["merged"] = merged.merged
    changed = False
    for name, value in values.items():
        if getattr(row, name, None) != value:
            setattr(row, name, value)
            changed = True
    if changed:
        row.updated_at = now()
    return changed


def event_record(row: StoredEvent, sources: list[EventSource] | None = None) -> dict[str, Any]:
    """A stored event as the flat record the exporters write."""
    record: dict[str, Any] = {
        column.key: getattr(row, column.key) for column in StoredEvent.__table__.columns
    }
    record.pop("id")
    record["sequence"] = row.id
    updated = row.updated_at
    if updated is not None and updated.tzinfo is None:
        updated = updated.replace(tzinfo=UTC)
    record["timestamp"] = int(updated.timestamp()) if updated else None
    record.pop("updated_at")
    if sources is not None:
        record["documents"] = sorted({s.document_id for s in sources})
        record["sources"] = [
            {
                "document_id": s.document_id,
                "outlet": s.outlet,
                "independent": s.independent,
                "record_id": s.record_id,
                "evidence": list(s.record.get("evidence") or []),
            }
            for s in sources
        ]
        record["evidence"] = [
            dict(e, document_id=s.document_id)
            for s in sources
            for e in (s.record.get("evidence") or [])
        ]
    return record


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)
