"""Exports: events (objects or stored records) to csv, acled-csv, geojson, jsonl, parquet, table."""

from __future__ import annotations

from marsad.export.records import ACLED_REGIONS, acled_row, flat_record
from marsad.export.writers import FORMATS, WriteReport, write_events

__all__ = ["ACLED_REGIONS", "FORMATS", "WriteReport", "acled_row", "flat_record", "write_events"]
