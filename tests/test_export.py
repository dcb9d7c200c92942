"""Each export format, read back and checked."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from tests.test_store_helpers import FakeExtractor, doc, event

from marsad.events import ACLED_COLUMNS
from marsad.export import write_events
from marsad.store import Store, run_pipeline


@pytest.fixture
def stored(tmp_path: Path) -> list[dict]:
    docs = [
        doc("a", "SANA", metadata={"events": [{"fatalities": 7}]}),
        doc("b", "Enab", metadata={"events": [{"fatalities": 4}]}),
        doc("c", "X", metadata={"events": [{"latitude": None, "longitude": None,
                                            "geo_precision": 3, "admin1": "Idlib"}]}),
    ]  # fmt: skip
    with Store.open(str(tmp_path / "m.db")) as store:
        run_pipeline(docs, FakeExtractor(), store)
        return list(store.events(with_sources=True))


def test_acled_csv_has_acled_columns_and_bom(stored: list[dict]) -> None:
    out = io.StringIO()
    write_events(stored, "acled-csv", out, bom=True)
    text = out.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert tuple(rows[0]) == ACLED_COLUMNS and len(ACLED_COLUMNS) == 31
    merged = next(r for r in rows if r["source"] == "Enab; SANA")
    assert merged["fatalities"] == "4" and merged["region"] == "Middle East"
    assert merged["event_id_cnty"].startswith("SYR") and merged["year"] == "2020"
    assert merged["disorder_type"] == "Political violence" and merged["interaction"] == "12"
    assert int(merged["timestamp"]) > 1_600_000_000


def test_csv_jsonl_geojson_parquet(stored: list[dict], tmp_path: Path) -> None:
    out = io.StringIO()
    write_events(stored, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 2 and "fatalities_rule" in rows[0]
    out = io.StringIO()
    write_events(stored, "jsonl", out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert {r["source_count"] for r in records} == {2, 1}
    assert all("sources" in r for r in records)
    out = io.StringIO()
    report = write_events(stored, "geojson", out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection" and len(collection["features"]) == 1
    assert report.without_coordinates == 1
    point = collection["features"][0]
    assert point["geometry"]["coordinates"] == [38.28, 34.56]
    assert point["properties"]["fatalities"] == 4
    path = tmp_path / "e.parquet"
    write_events(stored, "parquet", path)
    table = pq.read_table(path).to_pylist()
    assert sorted(r["fatalities"] for r in table) == [3, 4]
    assert str(table[0]["event_date"]) == "2020-11-15"


def test_event_objects_and_table() -> None:
    events = [event("a"), event("b", admin1="Idlib")]
    out = io.StringIO()
    write_events(events, "table", out)
    assert "Palmyra" in out.getvalue() and "Battles" in out.getvalue()
    out = io.StringIO()
    write_events(events, "acled-csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["event_id_cnty"] for r in rows] == ["SYR1", "SYR2"]
