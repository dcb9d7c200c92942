"""Shared test helpers for the store tests: documents and a fake extractor."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import date
from typing import Any

from marsad.document import Document
from marsad.events import Event

BASE = Event(
    doc_id="",
    event_id="",
    event_type="Battles",
    sub_event_type="Armed clash",
    event_date=date(2020, 11, 15),
    time_precision=1,
    actor1="Islamic State (Syria)",
    inter1=2,
    actor2="Military Forces of Syria (2000-)",
    inter2=1,
    iso=760,
    country="Syria",
    admin1="Homs",
    location="Palmyra",
    latitude=34.56,
    longitude=38.28,
    geo_precision=1,
    fatalities=3,
    fatalities_rule="exact number",
    confidence=0.8,
)


def event(doc_id: str, n: int = 1, **changes: Any) -> Event:
    return replace(BASE, doc_id=doc_id, event_id=f"{doc_id}-e{n}", **changes)


def doc(doc_id: str, outlet: str, **kw: Any) -> Document:
    return Document(id=doc_id, text=kw.pop("text", f"تقرير {doc_id}"), source=outlet, **kw)


class FakeExtractor:
    """Codes the events listed in ``doc.metadata['events']`` (dicts of Event changes)."""

    versions = {"lexicon": "test-1"}

    def __init__(self, version: str = "1") -> None:
        self.calls = 0
        self.version = version

    def extract(self, document: Document) -> list[Event]:
        self.calls += 1
        delay = float(os.environ.get("MARSAD_TEST_SLOW", "0"))
        if delay:
            time.sleep(delay)
        specs = document.metadata.get("events", [{}])
        return [event(document.id, i + 1, **spec) for i, spec in enumerate(specs)]
