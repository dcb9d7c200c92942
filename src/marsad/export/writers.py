"""``write_events``: one entry point for every export format."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from marsad.errors import InputError
from marsad.events import ACLED_COLUMNS, Event
from marsad.export.records import RECORD_COLUMNS, acled_row, cell, flat_record

FORMATS = ("table", "jsonl", "csv", "acled-csv", "geojson", "parquet")


@dataclass
class WriteReport:
    """How many events were written, and how many a format had to leave out."""

    written: int = 0
    without_coordinates: int = 0


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_events(
    events: Iterable[Event] | Iterable[Mapping[str, Any]],
    fmt: str,
    out: IO[str] | IO[bytes] | str | Path,
    *,
    bom: bool = False,
) -> WriteReport:
    """Write events (Event objects or stored records) to a stream or path in ``fmt``."""
    if fmt not in FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    records = (flat_record(e) for e in events)
    report = WriteReport()
    with ExitStack() as stack:
        if isinstance(out, str | Path):
            mode = "wb" if fmt == "parquet" else "w"
            try:
                stream: Any = stack.enter_context(
                    open(out, mode)
                    if mode == "wb"
                    else open(out, mode, encoding="utf-8", newline="")
                )
            except OSError as exc:
                raise InputError(f"cannot write: {exc.strerror}", source=str(out)) from None
        else:
            stream = out
        if fmt == "parquet":
            _parquet(records, getattr(stream, "buffer", stream), report)
            return report
        if bom:
            stream.write("\ufeff")
        writer = {
            "jsonl": _jsonl,
            "csv": _csv,
            "acled-csv": _acled_csv,
            "geojson": _geojson,
            "table": _table,
        }[fmt]
        writer(records, stream, report)
    return report


def _jsonl(records: Iterable[dict[str, Any]], out: IO[str], report: WriteReport) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
        report.written += 1


def _csv(records: Iterable[dict[str, Any]], out: IO[str], report: WriteReport) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(RECORD_COLUMNS)
    for record in records:
        writer.writerow([cell(record.get(c)) for c in RECORD_COLUMNS])
        report.written += 1


def _acled_csv(records: Iterable[dict[str, Any]], out: IO[str], report: WriteReport) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS)
    for n, record in enumerate(records, 1):
        row = acled_row(record, sequence=n)
        writer.writerow([cell(row[c]) for c in ACLED_COLUMNS])
        report.written += 1


def _geojson(records: Iterable[dict[str, Any]], out: IO[str], report: WriteReport) -> None:
    out.write('{"type": "FeatureCollection", "features": [\n')
    first = True
    for record in records:
        lat, lon = record.get("latitude"), record.get("longitude")
        if lat is None or lon is None:
            report.without_coordinates += 1
            continue
        feature = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": record,
        }
        out.write(
            ("" if first else ",\n")
            + json.dumps(feature, ensure_ascii=False, default=_json_default)
        )
        first = False
        report.written += 1
    out.write("\n]}\n")


def _parquet(records: Iterable[dict[str, Any]], out: Any, report: WriteReport) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    ints = {"year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision",
            "fatalities", "timestamp", "source_count"}  # fmt: skip
    floats = {"latitude", "longitude", "confidence"}
    bools = {"complete", "merged", "split_locked"}
    columns = (*RECORD_COLUMNS, "evidence")
    schema_fields = []
    for name in columns:
        if name in ints:
            kind: Any = pa.int64()
        elif name in floats:
            kind = pa.float64()
        elif name in bools:
            kind = pa.bool_()
        elif name == "event_date":
            kind = pa.date32()
        else:
            kind = pa.string()
        schema_fields.append(pa.field(name, kind))
    schema = pa.schema(schema_fields)
    data: dict[str, list[Any]] = {name: [] for name in columns}
    for record in records:
        for name in columns:
            value = record.get(name)
            if name in ("documents", "evidence") and value is not None:
                value = json.dumps(value, ensure_ascii=False, default=_json_default)
            elif kind_is_text(schema.field(name).type) and value is not None:
                value = str(value)
            data[name].append(value)
        report.written += 1
    pq.write_table(pa.table(data, schema=schema), out)


def kind_is_text(kind: Any) -> bool:
    import pyarrow as pa

    return bool(kind == pa.string())


_TABLE_COLUMNS = ("event_id", "event_date", "event_type", "sub_event_type", "actor1", "actor2",
                  "location", "admin1", "fatalities", "source", "confidence")  # fmt: skip


def _table(records: Iterable[dict[str, Any]], out: IO[str], report: WriteReport) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for name in _TABLE_COLUMNS:
        table.add_column(name, overflow="fold")
    for record in records:
        table.add_row(*(str(cell(record.get(c))) for c in _TABLE_COLUMNS))
        report.written += 1
    width = None if out is sys.stdout else 200
    Console(file=out, width=width).print(table)
