"""PostgreSQL parity: the same runs, merges and splits, in a private schema."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text
from tests.test_store_helpers import FakeExtractor, doc

from marsad.errors import StoreError
from marsad.store import EventQuery, Store, run_pipeline

URL = os.environ.get("MARSAD_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_store() -> Iterator[Store]:
    schema = f"marsad_test_{uuid.uuid4().hex[:10]}"
    try:
        store = Store.open(URL, schema=schema, busy_timeout=2)
    except StoreError as error:
        pytest.skip(f"PostgreSQL not reachable at {URL}: {error.one_line()}")
    try:
        yield store
    finally:
        store.close()
        engine = create_engine(URL.replace("postgresql://", "postgresql+psycopg://"))
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        engine.dispose()


def test_postgres_run_merge_split_query(pg_store: Store) -> None:
    docs = [doc("a", "SANA", metadata={"events": [{"fatalities": 9}]}),
            doc("b", "Enab", metadata={"events": [{"fatalities": 4}]})]  # fmt: skip
    assert run_pipeline(docs, FakeExtractor(), pg_store).stored == 2
    assert run_pipeline(docs, FakeExtractor(), pg_store).skipped_known == 2
    (merged,) = list(pg_store.events(with_sources=True))
    assert merged["fatalities"] == 4 and merged["source"] == "Enab; SANA"
    assert len(list(pg_store.events(EventQuery(near=(34.56, 38.28, 1), admin1="HOMS")))) == 1
    pieces = pg_store.split(merged["event_id"])
    run_pipeline(docs, FakeExtractor(), pg_store, reprocess=True)
    assert sorted(e["event_id"] for e in pg_store.events()) == pieces
