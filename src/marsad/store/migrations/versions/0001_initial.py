"""Initial schema: runs, documents, events, event_sources, merge_locks.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("started_at", _TS, nullable=False),
        sa.Column("finished_at", _TS, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("marsad_version", sa.String(32), nullable=False),
        sa.Column("versions", sa.JSON(), nullable=False),
        sa.Column("reprocess", sa.Boolean(), nullable=False),
    )
    op.create_table(
        "documents",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("source", sa.String(200), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("duplicate_of", sa.String(200), nullable=True),
        sa.Column("metadata", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("processed_at", _TS, nullable=False),
        sa.Column("run_id", sa.Integer(), sa.ForeignKey("runs.id", ondelete="SET NULL")),
    )
    op.create_index("ix_documents_duplicate_of", "documents", ["duplicate_of"])
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(40), nullable=False, unique=True),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("time_precision", sa.Integer(), nullable=True),
        sa.Column("disorder_type", sa.String(40), nullable=False),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("sub_event_type", sa.String(60), nullable=False),
        sa.Column("actor1", sa.String(200), nullable=True),
        sa.Column("assoc_actor_1", sa.Text(), nullable=True),
        sa.Column("inter1", sa.Integer(), nullable=True),
        sa.Column("actor2", sa.String(200), nullable=True),
        sa.Column("assoc_actor_2", sa.Text(), nullable=True),
        sa.Column("inter2", sa.Integer(), nullable=True),
        sa.Column("interaction", sa.Integer(), nullable=True),
        sa.Column("civilian_targeting", sa.String(40), nullable=True),
        sa.Column("iso", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(100), nullable=True),
        sa.Column("admin1", sa.String(100), nullable=True),
        sa.Column("admin2", sa.String(100), nullable=True),
        sa.Column("admin3", sa.String(100), nullable=True),
        sa.Column("location", sa.String(200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("geo_precision", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=True),
        sa.Column("source_scale", sa.String(60), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("fatalities", sa.Integer(), nullable=False),
        sa.Column("fatalities_rule", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("source_count", sa.Integer(), nullable=False),
        sa.Column("merged", sa.Boolean(), nullable=False),
        sa.Column("split_locked", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _TS, nullable=False),
    )
    for name, columns in (
        ("ix_events_type_date", ["event_type", "event_date"]),
        ("ix_events_date", ["event_date"]),
        ("ix_events_admin1_date", ["admin1", "event_date"]),
        ("ix_events_lat_lon", ["latitude", "longitude"]),
        ("ix_events_country", ["country"]),
        ("ix_events_iso", ["iso"]),
        ("ix_events_actor1", ["actor1"]),
        ("ix_events_actor2", ["actor2"]),
    ):
        op.create_index(name, "events", columns)
    op.create_table(
        "event_sources",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("event_pk", sa.Integer(), sa.ForeignKey("events.id", ondelete="SET NULL")),
        sa.Column(
            "document_id",
            sa.String(200),
            sa.ForeignKey("documents.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("record_id", sa.String(200), nullable=False),
        sa.Column("source_key", sa.String(40), nullable=False, unique=True),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("event_date", sa.Date(), nullable=True),
        sa.Column("outlet", sa.String(200), nullable=True),
        sa.Column("independent", sa.Boolean(), nullable=False),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.UniqueConstraint("document_id", "record_id", name="uq_event_sources_doc_record"),
    )
    op.create_index("ix_event_sources_event", "event_sources", ["event_pk"])
    op.create_index("ix_event_sources_type_date", "event_sources", ["event_type", "event_date"])
    op.create_table(
        "merge_locks",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("key_a", sa.String(40), nullable=False),
        sa.Column("key_b", sa.String(40), nullable=False),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.UniqueConstraint("key_a", "key_b", name="uq_merge_locks_pair"),
    )
    op.create_index("ix_merge_locks_key_a", "merge_locks", ["key_a"])
    op.create_index("ix_merge_locks_key_b", "merge_locks", ["key_b"])


def downgrade() -> None:
    for table in ("merge_locks", "event_sources", "events", "documents", "runs"):
        op.drop_table(table)
