"""The database schema: documents, events, their sources, analyst locks and runs.

``event_sources`` holds every per-document event exactly as extraction coded
it (with its evidence); ``events`` holds the merged events analysts query,
derived from their sources by :mod:`marsad.merge`. Rebuilding an event from
its sources is therefore always possible and always gives the same row.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """Declarative base of every marsad table."""


class Run(Base):
    """One ``marsad run``: what was read, with which knowledge, and how it ended."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="running")
    inputs: Mapped[list[str]] = mapped_column(JSON, default=list)
    counts: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    marsad_version: Mapped[str] = mapped_column(String(32))
    versions: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    reprocess: Mapped[bool] = mapped_column(Boolean, default=False)


class StoredDocument(Base):
    """A report as ingested, raw text included, and when it was last processed."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    source: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    duplicate_of: Mapped[str | None] = mapped_column(String(200), index=True)
    doc_metadata: Mapped[dict[str, Any]] = mapped_column("metadata", JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"))


class StoredEvent(Base):
    """A merged event: ACLED's columns plus marsad's, derived from its sources."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_type_date", "event_type", "event_date"),
        Index("ix_events_date", "event_date"),
        Index("ix_events_admin1_date", "admin1", "event_date"),
        Index("ix_events_lat_lon", "latitude", "longitude"),
        Index("ix_events_country", "country"),
        Index("ix_events_iso", "iso"),
        Index("ix_events_actor1", "actor1"),
        Index("ix_events_actor2", "actor2"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(40), unique=True)
    event_date: Mapped[date | None] = mapped_column(Date)
    year: Mapped[int | None] = mapped_column(Integer)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    disorder_type: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(40))
    sub_event_type: Mapped[str] = mapped_column(String(60))
    actor1: Mapped[str | None] = mapped_column(String(200))
    assoc_actor_1: Mapped[str | None] = mapped_column(Text)
    inter1: Mapped[int | None] = mapped_column(Integer)
    actor2: Mapped[str | None] = mapped_column(String(200))
    assoc_actor_2: Mapped[str | None] = mapped_column(Text)
    inter2: Mapped[int | None] = mapped_column(Integer)
    interaction: Mapped[int | None] = mapped_column(Integer)
    civilian_targeting: Mapped[str | None] = mapped_column(String(40))
    iso: Mapped[int | None] = mapped_column(Integer)
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(100))
    admin2: Mapped[str | None] = mapped_column(String(100))
    admin3: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(200))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)
    source_scale: Mapped[str | None] = mapped_column(String(60))
    notes: Mapped[str] = mapped_column(Text, default="")
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    fatalities_rule: Mapped[str] = mapped_column(Text, default="no mention")
    tags: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    complete: Mapped[bool] = mapped_column(Boolean, default=True)
    source_count: Mapped[int] = mapped_column(Integer, default=1)
    merged: Mapped[bool] = mapped_column(Boolean, default=False)
    split_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    sources: Mapped[list[EventSource]] = relationship(
        back_populates="event", order_by="EventSource.id"
    )


class EventSource(Base):
    """One document's coding of an event, with its evidence spans, attached to an event."""

    __tablename__ = "event_sources"
    __table_args__ = (
        UniqueConstraint("document_id", "record_id", name="uq_event_sources_doc_record"),
        Index("ix_event_sources_event", "event_pk"),
        Index("ix_event_sources_type_date", "event_type", "event_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_pk: Mapped[int | None] = mapped_column(ForeignKey("events.id", ondelete="SET NULL"))
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    record_id: Mapped[str] = mapped_column(String(200))
    source_key: Mapped[str] = mapped_column(String(40), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    event_date: Mapped[date | None] = mapped_column(Date)
    outlet: Mapped[str | None] = mapped_column(String(200))
    independent: Mapped[bool] = mapped_column(Boolean, default=True)
    record: Mapped[dict[str, Any]] = mapped_column(JSON)

    event: Mapped[StoredEvent | None] = relationship(back_populates="sources")


class MergeLock(Base):
    """An analyst's split: these two per-document events must never be merged again."""

    __tablename__ = "merge_locks"
    __table_args__ = (UniqueConstraint("key_a", "key_b", name="uq_merge_locks_pair"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    key_a: Mapped[str] = mapped_column(String(40), index=True)
    key_b: Mapped[str] = mapped_column(String(40), index=True)
    event_id: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
