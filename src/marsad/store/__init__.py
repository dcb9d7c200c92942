"""Storage: the marsad database (SQLite or PostgreSQL), incremental runs and queries."""

from __future__ import annotations

from marsad.store.pipeline import ExtractorLike, RunSummary, run_pipeline
from marsad.store.repository import BatchResult, DocumentResult, EventQuery, Store, StoreStats

__all__ = [
    "BatchResult",
    "DocumentResult",
    "EventQuery",
    "ExtractorLike",
    "RunSummary",
    "Store",
    "StoreStats",
    "run_pipeline",
]
