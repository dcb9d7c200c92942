"""Validate the gold evaluation sets in tests/data/gold (format in ../shared/docs/gold-format.md).

Every problem found is collected and reported at once, naming the file, document and event.
"""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import shared_path

from marsad.events import SUB_EVENT_TYPES

GOLD_DIR = Path(__file__).resolve().parent / "data" / "gold"
SYNTHETIC_GOLD = GOLD_DIR / "synthetic.gold.jsonl"
SYNTHETIC_TEXTS = GOLD_DIR / "synthetic"
REAL_GOLD = GOLD_DIR / "saudinewsnet.gold.jsonl"
# Each real set after the first was annotated as held out, without running marsad,
# from the next unannotated ids; once a newer held-out set exists its errors are read
# and it becomes a development set.
DEV2_GOLD = GOLD_DIR / "saudinewsnet_dev2.gold.jsonl"
DEV3_GOLD = GOLD_DIR / "saudinewsnet_dev3.gold.jsonl"
DEV4_GOLD = GOLD_DIR / "saudinewsnet_dev4.gold.jsonl"
# The held-out set now: the next 25 unannotated ids after all four.
HELDOUT3_GOLD = GOLD_DIR / "saudinewsnet_heldout3.gold.jsonl"
# The last 15 articles of the dev file, annotated the same way: a second held-out set.
HELDOUT4_GOLD = GOLD_DIR / "saudinewsnet_heldout4.gold.jsonl"
REAL_GOLDS = [REAL_GOLD, DEV2_GOLD, DEV3_GOLD, DEV4_GOLD, HELDOUT3_GOLD, HELDOUT4_GOLD]
# Minimum documents, documents without events and documents with events per real set.
REAL_GOLD_MINIMUMS = {
    REAL_GOLD: (30, 5, 25),
    DEV2_GOLD: (25, 5, 10),
    DEV3_GOLD: (25, 5, 10),
    DEV4_GOLD: (25, 5, 10),
    HELDOUT3_GOLD: (25, 5, 10),
    HELDOUT4_GOLD: (15, 5, 5),
}

EVENT_FIELDS = {
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "latitude",
    "longitude",
    "geo_precision",
    "fatalities",
    "optional",
    "evidence",
}
# Events must fall inside the report's time frame; older ones may only be optional.
MAX_AGE_DAYS = 31
# Rough bounding box of Syria, Iraq, Yemen and Libya.
LAT_RANGE = (10.0, 38.5)
LON_RANGE = (9.0, 49.5)
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
SYNTHETIC_STEM = re.compile(r"^\d{3}_[a-z0-9_]+$")


def load_records(path: Path) -> list[dict[str, Any]]:
    records = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            assert isinstance(record, dict), f"{path.name}:{number} is not an object"
            records.append(record)
    return records


def iso_date(value: Any) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def event_problems(event: Any, published: date | None) -> list[str]:
    """Everything wrong with one gold event (empty when it is valid)."""
    if not isinstance(event, dict):
        return ["event is not an object"]
    problems = []
    missing = EVENT_FIELDS - event.keys()
    if missing:
        problems.append(f"missing fields {sorted(missing)}")
    event_type, sub_type = event.get("event_type"), event.get("sub_event_type")
    if event_type not in SUB_EVENT_TYPES:
        problems.append(f"unknown event_type {event_type!r}")
    elif sub_type not in SUB_EVENT_TYPES[event_type]:
        problems.append(f"sub_event_type {sub_type!r} does not belong to {event_type!r}")
    happened = iso_date(event.get("event_date"))
    if happened is None:
        problems.append(f"event_date {event.get('event_date')!r} is not an ISO date")
    elif published is not None:
        if happened > published:
            problems.append(f"event_date {happened} is after publication {published}")
        too_old = happened < published - timedelta(days=MAX_AGE_DAYS)
        if too_old and event.get("optional") is not True:
            problems.append(f"event_date {happened} is outside the report's time frame")
    for name in ("time_precision", "geo_precision"):
        value = event.get(name)
        if type(value) is not int or not 1 <= value <= 3:
            problems.append(f"{name} {value!r} is not 1, 2 or 3")
    actor1, actor2 = event.get("actor1"), event.get("actor2")
    if not isinstance(actor1, str) or not actor1.strip():
        problems.append(f"actor1 {actor1!r} is not a name")
    if actor2 is not None and (not isinstance(actor2, str) or not actor2.strip()):
        problems.append(f"actor2 {actor2!r} is neither null nor a name")
    if actor1 is not None and actor1 == actor2:
        problems.append("actor1 and actor2 are the same")
    location = event.get("location")
    if not isinstance(location, str) or not location.strip():
        problems.append(f"location {location!r} is not a name")
    admin1 = event.get("admin1")
    names = [admin1] if isinstance(admin1, str) else admin1
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        problems.append(f"admin1 {admin1!r} is not a string or a list of strings")
    problems.extend(point_problems(event))
    fatalities = event.get("fatalities")
    if type(fatalities) is not int or fatalities < 0:
        problems.append(f"fatalities {fatalities!r} is not an integer >= 0")
    if type(event.get("optional")) is not bool:
        problems.append(f"optional {event.get('optional')!r} is not a boolean")
    evidence = event.get("evidence")
    if not isinstance(evidence, str) or not evidence.strip():
        problems.append("evidence is empty")
    return problems


def point_problems(event: dict[str, Any]) -> list[str]:
    lat, lon = event.get("latitude"), event.get("longitude")
    if lat is None and lon is None:
        return []
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
        return [f"latitude/longitude {lat!r}/{lon!r} must both be numbers or both null"]
    assert isinstance(lat, int | float) and isinstance(lon, int | float)
    problems = []
    if not (LAT_RANGE[0] <= lat <= LAT_RANGE[1] and LON_RANGE[0] <= lon <= LON_RANGE[1]):
        problems.append(f"point {lat}, {lon} lies outside the covered countries")
    if event.get("geo_precision") == 3:
        problems.append("geo_precision 3 (governorate or region) must not carry a point")
    return problems


def file_problems(path: Path) -> list[str]:
    problems = []
    seen: set[str] = set()
    for record in load_records(path):
        doc_id = record.get("doc_id")
        where = f"{path.name} {doc_id}"
        if not isinstance(doc_id, str) or not doc_id:
            problems.append(f"{where}: doc_id missing")
            continue
        if doc_id in seen:
            problems.append(f"{where}: duplicate doc_id")
        seen.add(doc_id)
        published = iso_date(record.get("published"))
        if published is None:
            problems.append(f"{where}: published {record.get('published')!r} is not an ISO date")
        events = record.get("events")
        if not isinstance(events, list):
            problems.append(f"{where}: events is not a list")
            continue
        for index, event in enumerate(events):
            problems.extend(f"{where} event {index}: {p}" for p in event_problems(event, published))
    return problems


@pytest.mark.parametrize("path", [SYNTHETIC_GOLD, *REAL_GOLDS], ids=lambda p: p.name)
def test_gold_file_is_valid(path: Path) -> None:
    problems = file_problems(path)
    assert not problems, "\n".join(problems)


def test_validator_catches_bad_events() -> None:
    good = load_records(SYNTHETIC_GOLD)[0]["events"][0]
    published = date.fromisoformat(load_records(SYNTHETIC_GOLD)[0]["published"])
    assert event_problems(good, published) == []
    broken = {
        "sub_event_type": "Peaceful protest",
        "event_date": "2030-01-01",
        "time_precision": 0,
        "fatalities": -1,
        "optional": "no",
        "admin1": [],
        "latitude": 95.0,
    }
    found = event_problems({**good, **broken}, published)
    assert len(found) == len(broken), found
    assert event_problems({k: v for k, v in good.items() if k != "actor2"}, published)


def test_synthetic_reports_exist_and_match_the_gold() -> None:
    records = load_records(SYNTHETIC_GOLD)
    assert len(records) >= 40
    texts = {path.stem: path for path in SYNTHETIC_TEXTS.glob("*.txt")}
    ids = {record["doc_id"] for record in records}
    assert ids == texts.keys(), (
        f"gold without text: {ids - texts.keys()}, text without gold: {texts.keys() - ids}"
    )
    for stem, path in texts.items():
        assert SYNTHETIC_STEM.match(stem), f"{path.name}: name is not NNN_slug"
        text = path.read_bytes().decode("utf-8")
        words = len(text.split())
        assert 120 <= words <= 400, f"{path.name}: {words} words"
        assert ARABIC_LETTER.search(text), f"{path.name}: no Arabic text"


def test_synthetic_set_is_varied() -> None:
    records = load_records(SYNTHETIC_GOLD)
    events = [event for record in records for event in record["events"]]
    assert len(events) >= 100
    assert {e["event_type"] for e in events} == set(SUB_EVENT_TYPES)
    assert sum(e["optional"] for e in events) >= 10
    assert any(not record["events"] for record in records), "no report without events"
    countries = {"Syria": 0, "Iraq": 0, "Yemen": 0}
    for event in events:
        actors = f"{event['actor1']} {event['actor2']}"
        for country in countries:
            countries[country] += f"({country})" in actors or f"of {country}" in actors
    assert all(count >= 5 for count in countries.values()), countries


def test_synthetic_reports_do_not_reuse_the_seed() -> None:
    seed = shared_path("corpus", "000_43be742b00fee8f7.txt").read_text("utf-8")
    seed_lines = {line.strip() for line in seed.splitlines() if len(line.strip()) >= 40}
    for path in SYNTHETIC_TEXTS.glob("*.txt"):
        text = path.read_text("utf-8")
        copied = [line for line in seed_lines if line in text]
        assert not copied, f"{path.name} repeats seed sentences: {copied[:1]}"


@pytest.mark.parametrize("path", REAL_GOLDS, ids=lambda p: p.name)
def test_real_gold_counts_and_evidence(path: Path) -> None:
    records = load_records(path)
    documents, without_events, with_events = REAL_GOLD_MINIMUMS[path]
    assert len(records) >= documents
    assert sum(1 for record in records if not record["events"]) >= without_events
    assert sum(1 for record in records if record["events"]) >= with_events
    for record in records:
        for event in record["events"]:
            # The articles' text is not ours to copy: evidence is an English pointer.
            assert not ARABIC_LETTER.search(event["evidence"]), record["doc_id"]


def corpus_publication_dates() -> dict[str, str]:
    corpus = shared_path("corpus", "saudinewsnet", "dev.jsonl")
    published = {}
    for line in corpus.read_text("utf-8").splitlines():
        if line.strip():
            article = json.loads(line)
            published[article["id"]] = str(article.get("published") or article.get("date"))[:10]
    return published


@pytest.mark.parametrize("path", REAL_GOLDS, ids=lambda p: p.name)
def test_real_gold_documents_exist_in_the_corpus(path: Path) -> None:
    published = corpus_publication_dates()
    for record in load_records(path):
        doc_id = record["doc_id"]
        assert doc_id in published, f"{doc_id} is not in the SaudiNewsNet dev file"
        assert record["published"] == published[doc_id], doc_id


def test_second_real_set_is_the_next_unannotated_articles() -> None:
    # The second real set is not hand-picked: it is the first ids, in string order, of
    # the dev file that the first set does not annotate, with none skipped.
    developed = {record["doc_id"] for record in load_records(REAL_GOLD)}
    second = [record["doc_id"] for record in load_records(DEV2_GOLD)]
    remaining = sorted(set(corpus_publication_dates()) - developed)
    assert second == remaining[: len(second)]


def test_third_real_set_is_the_next_unannotated_articles() -> None:
    # Same rule for the third set (annotated as held out): the first ids, in
    # string order, that neither earlier real set annotates, none skipped.
    annotated = {
        record["doc_id"] for path in (REAL_GOLD, DEV2_GOLD) for record in load_records(path)
    }
    third = [record["doc_id"] for record in load_records(DEV3_GOLD)]
    remaining = sorted(set(corpus_publication_dates()) - annotated)
    assert len(third) == 25
    assert third == remaining[:25]


def test_fourth_real_set_is_the_next_unannotated_articles() -> None:
    # Same rule again: the first 25 ids, in string order, that none of the three
    # earlier real sets annotates, none skipped.
    annotated = {
        record["doc_id"]
        for path in (REAL_GOLD, DEV2_GOLD, DEV3_GOLD)
        for record in load_records(path)
    }
    dev4 = [record["doc_id"] for record in load_records(DEV4_GOLD)]
    remaining = sorted(set(corpus_publication_dates()) - annotated)
    assert len(dev4) == 25
    assert dev4 == remaining[:25]


def test_third_heldout_gold_is_the_next_unannotated_articles() -> None:
    # Same rule for the third held-out set: the first 25 ids, in string order, that
    # none of the four earlier real sets annotates, none skipped.
    annotated = {
        record["doc_id"]
        for path in (REAL_GOLD, DEV2_GOLD, DEV3_GOLD, DEV4_GOLD)
        for record in load_records(path)
    }
    heldout3 = [record["doc_id"] for record in load_records(HELDOUT3_GOLD)]
    remaining = sorted(set(corpus_publication_dates()) - annotated)
    assert len(heldout3) == 25
    assert heldout3 == remaining[:25]


def test_fourth_heldout_gold_is_the_rest_of_the_articles() -> None:
    # The dev file's remaining articles after the five earlier real sets: every
    # one of them, in string order, so the six sets together cover the whole file.
    annotated = {
        record["doc_id"]
        for path in (REAL_GOLD, DEV2_GOLD, DEV3_GOLD, DEV4_GOLD, HELDOUT3_GOLD)
        for record in load_records(path)
    }
    heldout4 = [record["doc_id"] for record in load_records(HELDOUT4_GOLD)]
    assert heldout4 == sorted(set(corpus_publication_dates()) - annotated)


@pytest.mark.parametrize("path", [SYNTHETIC_GOLD, *REAL_GOLDS], ids=lambda p: p.name)
def test_gold_governorates_are_spelled_as_in_the_gazetteer(path: Path) -> None:
    # The scorer compares governorate names; a gold spelling the gazetteer never
    # produces ("Taizz" for "Taiz") would fail every match on it.
    from marsad.gazetteer import Gazetteer
    from marsad.settings import load_settings

    with Gazetteer.open(load_settings()) as gazetteer:
        known = {name.casefold() for name in gazetteer.admin1_names()}
    unknown: set[str] = set()
    for line in path.read_text("utf-8").splitlines():
        doc = json.loads(line)
        for event in doc["events"]:
            names = event.get("admin1")
            for name in names if isinstance(names, list) else [names]:
                if name and name.casefold() not in known:
                    unknown.add(f"{doc['doc_id']}: {name}")
    assert not unknown, sorted(unknown)
