"""End to end on the seed report: the four required gold events, nothing outside gold.

Reads the report and its gold file from ../shared (skipped when absent). The
gold events are matched by type, date (within the looser time precision),
governorate and actors; optional gold events may or may not be found.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from tests.conftest import SEED_ID, shared_path

from marsad.document import Document
from marsad.events import Event
from marsad.settings import load_settings

pytest.importorskip("marsad.recognize.places", reason="place recogniser not installed yet")

from marsad.extraction import Extractor

PRECISION_DAYS = {1: 1, 2: 7, 3: 31}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    # The user's gazetteer index: built once on first use, then reused.
    return Extractor(load_settings())


def _matches(event: Event, gold: dict[str, object]) -> bool:
    if event.event_type != gold["event_type"] or event.event_date is None:
        return False
    gold_date = date.fromisoformat(str(gold["event_date"]))
    days = max(
        PRECISION_DAYS[int(str(gold["time_precision"]))], PRECISION_DAYS[event.time_precision or 3]
    )
    if abs((event.event_date - gold_date).days) > days:
        return False
    admin1 = gold["admin1"]
    places = admin1 if isinstance(admin1, list) else [admin1]
    return event.admin1 in places or event.location == gold["location"]


@pytest.mark.slow
def test_seed_report(extractor: Extractor) -> None:
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    gold_record = json.loads(shared_path("corpus", f"{SEED_ID}.gold.jsonl").read_text("utf-8"))
    doc = Document(id=SEED_ID, text=raw, source="seed", published=date(2020, 11, 21))
    events = extractor.extract(doc)
    gold = gold_record["events"]
    for event in events:
        for evidence in event.evidence:
            assert raw[evidence.start : evidence.end] == evidence.text
    unmatched = list(events)
    for expected in [g for g in gold if not g["optional"]]:
        found = [e for e in unmatched if _matches(e, expected)]
        assert found, f"missing {expected['event_type']} {expected['evidence']}: {events}"
        best = found[0]
        assert best.actor1 == expected["actor1"], (best.actor1, expected)
        if expected["actor2"]:
            assert best.actor2 == expected["actor2"], (best.actor2, expected)
        unmatched.remove(best)
    optional = [g for g in gold if g["optional"]]
    extra = [e for e in unmatched if not any(_matches(e, g) for g in optional)]
    assert not extra, f"events outside the gold list: {extra}"


# A report written for this test: an IED in Mosul, a denial, a threat, a protest.
OWN_REPORT = "\n".join(
    [
        "الموصل - مراسلنا",
        "قُتل ثلاثة مدنيين وأصيب خمسة آخرون، صباح أمس الأربعاء، بانفجار عـ.ـبوة نـ.ـاسفة"
        " استهدفت سوقا شعبيا في مدينة الموصل.",
        "ولم تعلن أي جهة مسؤوليتها عن الانفجار.",
        "وفي سياق آخر، هدد تنظيم داعش بشن هجمات جديدة على القوات العراقية خلال الأيام المقبلة.",
        "وتظاهر مئات الطلاب اليوم أمام مبنى محافظة البصرة احتجاجا على انقطاع الكهرباء.",
    ]
)


@pytest.mark.slow
def test_own_report(extractor: Extractor) -> None:
    doc = Document(id="own-1", text=OWN_REPORT, source="test", published=date(2021, 3, 4))
    events = extractor.extract(doc)
    by_type = {e.event_type: e for e in events}
    assert set(by_type) == {"Explosions/Remote violence", "Protests"}, events
    ied = by_type["Explosions/Remote violence"]
    assert ied.sub_event_type == "Remote explosive/landmine/IED"
    assert ied.event_date == date(2021, 3, 3) and ied.time_precision == 1
    assert ied.fatalities == 3 and ied.civilian_targeting == "Civilian targeting"
    assert ied.actor1 == "Unidentified Armed Group (Iraq)" and ied.inter2 == 7
    assert ied.location == "Mosul" and ied.country == "Iraq"
    protest = by_type["Protests"]
    assert protest.actor1 == "Protesters (Iraq)" and protest.event_date == date(2021, 3, 4)
    for event in events:
        assert event.doc_id == "own-1" and event.source == "test"
        for evidence in event.evidence:
            assert OWN_REPORT[evidence.start : evidence.end] == evidence.text
