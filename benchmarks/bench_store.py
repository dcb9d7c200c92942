"""Store throughput and query latency on a generated database.

``python -m benchmarks.bench_store``; ``MARSAD_BENCH_EVENTS`` sets the size of
the generated database (default one million events), ``MARSAD_BENCH_DOCS`` the
number of documents pushed through the full run path (extract + merge + store).
PostgreSQL (``MARSAD_BENCH_POSTGRES``, default the local test server) is
measured too when reachable, in a private schema dropped afterwards.
"""

from __future__ import annotations

import os
import random
import tempfile
import time
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, text

from marsad.document import Document
from marsad.errors import StoreError
from marsad.events import Event
from marsad.store import EventQuery, Store, run_pipeline
from marsad.store.models import StoredEvent

TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
]
ADMIN1 = [("Aleppo", 36.2, 37.15), ("Idlib", 35.93, 36.63), ("Homs", 34.73, 36.72),
          ("Dar'a", 32.62, 36.10), ("Deir ez-Zor", 35.33, 40.14)]  # fmt: skip
ACTORS = ["Military Forces of Syria (2000-)", "Islamic State (Syria)", "Hayat Tahrir al-Sham",
          "Syrian Democratic Forces", None]  # fmt: skip


def _rows(n: int, start: int, rng: random.Random) -> list[dict[str, Any]]:
    now = datetime.now(UTC)
    rows = []
    for i in range(start, start + n):
        kind, sub = rng.choice(TYPES)
        admin1, lat, lon = rng.choice(ADMIN1)
        day = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
        rows.append({
            "event_id": f"gen-{i}", "event_date": day, "year": day.year, "time_precision": 1,
            "disorder_type": "Political violence", "event_type": kind, "sub_event_type": sub,
            "actor1": rng.choice(ACTORS), "actor2": rng.choice(ACTORS), "iso": 760,
            "country": "Syria", "admin1": admin1, "location": admin1,
            "latitude": lat + rng.uniform(-0.5, 0.5), "longitude": lon + rng.uniform(-0.5, 0.5),
            "geo_precision": 1, "notes": "", "fatalities": rng.randrange(10),
            "fatalities_rule": "generated", "confidence": rng.random(), "complete": True,
            "source_count": 1, "merged": False, "split_locked": False, "updated_at": now,
        })  # fmt: skip
    return rows


def _bulk(store: Store, total: int) -> float:
    rng = random.Random(7)
    began = time.perf_counter()
    chunk = 20_000
    for start in range(0, total, chunk):
        with store.engine.begin() as conn:
            conn.execute(insert(StoredEvent), _rows(min(chunk, total - start), start, rng))
    return total / (time.perf_counter() - began)


class _Extractor:
    versions = {"bench": "1"}

    def extract(self, doc: Document) -> list[Event]:
        i = int(doc.id[1:])
        kind, sub = TYPES[i % len(TYPES)]
        admin1, lat, lon = ADMIN1[i % len(ADMIN1)]
        base = Event(doc_id=doc.id, event_id=f"{doc.id}-1", event_type=kind, sub_event_type=sub,
                     event_date=date(2020, 1, 1) + timedelta(days=i % 300), time_precision=1,
                     actor1=ACTORS[i % 4], country="Syria", iso=760, admin1=admin1,
                     latitude=lat, longitude=lon, geo_precision=1, fatalities=i % 7)  # fmt: skip
        return [base, replace(base, event_id=f"{doc.id}-2", latitude=lat + 1.0)]


def _pipeline(store: Store, docs: int) -> float:
    documents = [Document(id=f"d{i}", text=f"تقرير رقم {i}", source=f"outlet{i % 5}")
                 for i in range(docs)]  # fmt: skip
    began = time.perf_counter()
    summary = run_pipeline(documents, _Extractor(), store, batch_size=200)
    return summary.events_extracted / (time.perf_counter() - began)


def _latency(store: Store) -> list[str]:
    queries = {
        "type+month": EventQuery(event_type="Battles", since=date(2019, 3, 1),
                                 until=date(2019, 3, 31)),
        "admin1+month": EventQuery(admin1="Idlib", since=date(2019, 3, 1),
                                   until=date(2019, 3, 31)),
        "near 10 km": EventQuery(near=(36.2, 37.15, 10.0)),
        "date (1 day)": EventQuery(since=date(2020, 6, 1), until=date(2020, 6, 1)),
    }  # fmt: skip
    lines = []
    for name, query in queries.items():
        began = time.perf_counter()
        found = sum(1 for _ in store.events(query))
        ms = (time.perf_counter() - began) * 1000
        lines.append(f"  query {name:<13} {found:>7} events in {ms:8.1f} ms")
    return lines


def _measure(store: Store, label: str, events: int, docs: int) -> list[str]:
    lines = [f"{label}:"]
    lines.append(f"  run path (extract+merge+store): {_pipeline(store, docs):,.0f} events/s")
    lines.append(f"  bulk insert of {events:,} events: {_bulk(store, events):,.0f} events/s")
    lines.extend(_latency(store))
    return lines


def run() -> list[str]:
    events = int(os.environ.get("MARSAD_BENCH_EVENTS", "1000000"))
    docs = int(os.environ.get("MARSAD_BENCH_DOCS", "2000"))
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        with Store.open(str(Path(tmp) / "bench.db")) as store:
            lines += _measure(store, "SQLite", events, docs)
    url = os.environ.get("MARSAD_BENCH_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
    schema = f"marsad_bench_{uuid.uuid4().hex[:8]}"
    try:
        pg = Store.open(url, schema=schema, busy_timeout=2)
    except StoreError as error:
        return [*lines, f"PostgreSQL skipped: {error.one_line()}"]
    try:
        lines += _measure(pg, "PostgreSQL", events, docs)
    finally:
        with pg.engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        pg.close()
    return lines


if __name__ == "__main__":
    for line in run():
        print(line, flush=True)
