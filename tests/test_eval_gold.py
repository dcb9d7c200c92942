from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.errors import EvaluationError
from marsad.evaluate.gold import (
    GoldDocument,
    evaluate,
    haversine_km,
    load_gold,
    places_agree,
    score_document,
)


def gold_event(**overrides: object) -> dict[str, object]:
    event: dict[str, object] = {
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "event_date": "2020-11-15",
        "time_precision": 1,
        "actor1": "Islamic State (Syria)",
        "actor2": "Military Forces of Syria",
        "location": "As-Sukhneh",
        "admin1": ["Homs"],
        "latitude": 34.886,
        "longitude": 38.871,
        "geo_precision": 2,
        "fatalities": 12,
        "optional": False,
    }
    event.update(overrides)
    return event


def test_haversine_known_distance() -> None:
    # Damascus to Aleppo is about 300 km in a straight line.
    assert 290 < haversine_km(33.513, 36.292, 36.202, 37.134) < 320


def test_place_rules() -> None:
    gold = gold_event()
    assert places_agree({"latitude": 34.9, "longitude": 38.9}, gold)
    assert not places_agree({"latitude": 35.5, "longitude": 38.9}, gold)  # ~68 km away
    no_point = gold_event(latitude=None, longitude=None)
    assert places_agree({"location": "as sukhneh"}, no_point)
    assert places_agree({"location": "Palmyra", "admin1": "Homs"}, no_point)
    assert not places_agree({"location": "Palmyra", "admin1": "Hama"}, no_point)


def test_perfect_match_and_field_accuracy() -> None:
    gold = GoldDocument("d", date(2020, 11, 21), (gold_event(),))
    report = evaluate({"d": gold}, {"d": [gold_event()]})
    assert (report.precision, report.recall, report.f1) == (1.0, 1.0, 1.0)
    assert report.field_accuracy() == dict.fromkeys(report.field_accuracy(), 1.0)
    assert report.distances() == [0.0]


def test_date_tolerance_follows_the_looser_precision() -> None:
    gold = GoldDocument("d", None, (gold_event(time_precision=3),))
    late = gold_event(event_date="2020-11-30", time_precision=1)
    assert score_document([late], gold).true_positives == 1
    strict = GoldDocument("d", None, (gold_event(),))
    assert score_document([late], strict).true_positives == 0


def test_type_mismatch_is_a_false_positive_and_a_miss() -> None:
    gold = GoldDocument("d", None, (gold_event(),))
    score = score_document([gold_event(event_type="Riots")], gold)
    assert (score.true_positives, score.false_positives, score.false_negatives) == (0, 1, 1)


def test_optional_events_neither_reward_nor_punish() -> None:
    gold = GoldDocument("d", None, (gold_event(), gold_event(event_type="Protests", optional=True)))
    found_optional = score_document([gold_event(), gold_event(event_type="Protests")], gold)
    assert (found_optional.true_positives, found_optional.false_positives) == (1, 0)
    assert found_optional.optional_found == 1
    missed_optional = score_document([gold_event()], gold)
    assert missed_optional.false_negatives == 0


def test_one_to_one_best_pairs_first() -> None:
    near = gold_event(latitude=34.88, longitude=38.87)
    far = gold_event(latitude=35.0, longitude=38.9, fatalities=3)
    gold = GoldDocument("d", None, (gold_event(), gold_event(fatalities=3, latitude=35.0)))
    score = score_document([far, near], gold)
    assert score.true_positives == 2
    matched = {id(system): g for system, g in score.pairs}
    assert matched[id(near)]["fatalities"] == 12


def test_missing_documents_count_as_misses() -> None:
    gold = {"a": GoldDocument("a", None, (gold_event(),))}
    report = evaluate(gold, {"b": [gold_event()]})
    assert report.false_negatives == 1 and report.extra_documents == 1
    assert report.f1 == 0.0


def test_load_gold_errors_name_the_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    with pytest.raises(EvaluationError, match="not found"):
        load_gold(path)
    path.write_text('{"doc_id": "a", "events": []}\n{"events": []}\n', "utf-8")
    with pytest.raises(EvaluationError, match="line 2"):
        load_gold(path)
    path.write_text(json.dumps({"doc_id": "a", "published": "2020-11-21", "events": []}), "utf-8")
    assert load_gold(path)["a"].published == date(2020, 11, 21)
