"""The store: incremental runs, reprocessing, splits, errors, interruption safety."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.test_store_helpers import FakeExtractor, doc

from marsad.cli.events import country_filter
from marsad.errors import StoreError
from marsad.store import EventQuery, Store, run_pipeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(str(tmp_path / "marsad.db")) as opened:
        yield opened


def reports() -> list:
    return [
        doc("a", "SANA", metadata={"events": [{"fatalities": 12}]}),
        doc("b", "Enab Baladi", metadata={"events": [{"fatalities": 5}]}),
        doc("c", "Channel", metadata={"events": [{}], "format": "telegram"}),
        doc("d", "Far", metadata={"events": [{"latitude": 36.2, "longitude": 37.15}]}),
    ]


def test_incremental_run_skips_known_documents(store: Store) -> None:
    extractor = FakeExtractor()
    first = run_pipeline(reports(), extractor, store, batch_size=3)
    assert (first.stored, first.skipped_known, first.status) == (4, 0, "finished")
    again = [*reports(), doc("e", "New", text="تقرير a")]  # same text as "a": same content
    second = run_pipeline(again, extractor, store)
    assert (second.stored, second.skipped_known) == (0, 5)
    assert extractor.calls == 4
    events = list(store.events(with_sources=True))
    assert len(events) == 2
    merged = next(e for e in events if e["merged"])
    assert merged["source_count"] == 3 and merged["fatalities"] == 3
    assert merged["fatalities_rule"].startswith("lowest of 3 reports: 3, 5, 12")
    assert merged["source_scale"] == "New media-National"
    assert merged["evidence"] == [] and len(merged["sources"]) == 3
    assert [r["status"] for r in store.runs()] == ["finished", "finished"]


def test_reprocess_replaces_events_and_keeps_ids(store: Store) -> None:
    run_pipeline(reports(), FakeExtractor(), store)
    before = {e["event_id"] for e in store.events()}
    changed = [doc("a", "SANA", metadata={"events": [{"fatalities": 2}, {"event_type": "Riots",
               "sub_event_type": "Mob violence"}]})]  # fmt: skip
    summary = run_pipeline(changed, FakeExtractor(), store, reprocess=True)
    assert summary.reprocessed == 1
    events = list(store.events())
    assert before <= {e["event_id"] for e in events}
    assert min(e["fatalities"] for e in events if e["merged"]) == 2
    assert any(e["event_type"] == "Riots" for e in events)


def test_split_survives_later_runs(store: Store) -> None:
    run_pipeline(reports()[:3], FakeExtractor(), store)
    (merged,) = [e["event_id"] for e in store.events()]
    pieces = store.split(merged)
    assert len(pieces) == 3 and merged in pieces
    run_pipeline(reports()[:3], FakeExtractor(), store, reprocess=True)
    run_pipeline([doc("z", "Late")], FakeExtractor(), store)
    events = list(store.events(with_sources=True))
    assert all(len({s["document_id"] for s in e["sources"]} & {"a", "b", "c"}) <= 1 for e in events)
    assert sorted(e["event_id"] for e in events if e["split_locked"]) == pieces
    single = next(e["event_id"] for e in events if len(e["sources"]) == 1)
    with pytest.raises(StoreError, match="nothing to split"):
        store.split(single)


def test_queries(store: Store) -> None:
    run_pipeline(reports(), FakeExtractor(), store)
    assert len(list(store.events(EventQuery(near=(36.2, 37.15, 5))))) == 1
    assert len(list(store.events(EventQuery(admin1="homs")))) == 2
    assert list(store.events(EventQuery(event_type="Protests"))) == []
    iso, name = country_filter("SYR")
    assert (iso, name) == (760, "Syria")
    assert len(list(store.events(EventQuery(country_iso=iso, min_confidence=0.5)))) == 2
    assert list(store.events(EventQuery(country_iso=368))) == []
    stats = store.stats()
    assert stats.by_type["Battles"] == 2 and stats.by_month["2020-11"] == 2


def test_newer_schema_and_wrong_url_messages(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    Store.open(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match=r"schema revision 9999 is newer than this marsad"):
        Store.open(str(path))
    with pytest.raises(StoreError, match="unsupported database"):
        Store.open("mysql://x@localhost/db")
    with pytest.raises(StoreError, match="directory does not exist"):
        Store.open(str(tmp_path / "missing" / "m.db"))
    with pytest.raises(StoreError, match="cannot reach the database server"):
        Store.open("postgresql://postgres@127.0.0.1:1/none", busy_timeout=1)


def test_locked_database_message(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    store = Store.open(str(path), busy_timeout=0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError, match="locked") as info:
            run_pipeline(reports(), FakeExtractor(), store)
        assert str(path) in info.value.one_line()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.document_count() == 0
    store.close()


SCRIPT = """
import sys
from marsad.store import Store, run_pipeline
from tests.test_store_helpers import FakeExtractor, doc
docs = [doc(f"d{i}", f"Outlet{i % 3}") for i in range(12)]
with Store.open(sys.argv[1]) as store:
    print(run_pipeline(docs, FakeExtractor(), store, batch_size=2).status)
"""


def test_killed_run_leaves_consistent_database(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    env = dict(os.environ, MARSAD_TEST_SLOW="0.15", PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT, str(path)], env=env, cwd=ROOT)
    deadline = time.time() + 30
    while time.time() < deadline:
        time.sleep(0.1)
        if path.exists():
            with sqlite3.connect(path) as conn:
                tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
                if "documents" in tables and conn.execute(
                    "SELECT count(*) FROM documents").fetchone()[0] >= 4:  # fmt: skip
                    break
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(path) as conn:
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert 4 <= docs < 12 and docs % 2 == 0
        orphans = conn.execute(
            "SELECT count(*) FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM event_sources s WHERE s.document_id = d.id)"
        ).fetchone()[0]
        unattached = conn.execute(
            "SELECT count(*) FROM event_sources WHERE event_pk IS NULL"
        ).fetchone()[0]
        assert (orphans, unattached) == (0, 0)
    env["MARSAD_TEST_SLOW"] = "0"
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(path)], env=env, cwd=ROOT,
                         capture_output=True, text=True, check=True)  # fmt: skip
    assert out.stdout.strip() == "finished"
    with Store.open(str(path)) as store:
        assert store.document_count() == 12
        statuses = [r["status"] for r in store.runs()]
        assert statuses == ["running", "finished"]
