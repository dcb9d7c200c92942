"""Cross-source merging rules (pure functions)."""

from __future__ import annotations

from datetime import date

from tests.test_store_helpers import event

from marsad.merge import SourceRecord, cluster, combine, source_scale


def rec(doc_id: str, outlet: str, independent: bool = True, scale: str = "National", **kw: object):
    return SourceRecord(
        key=f"k-{doc_id}",
        document_id=doc_id,
        event=event(doc_id, **kw),  # type: ignore[arg-type]
        outlet=outlet,
        scale=scale,
        independent=independent,
    )


def test_several_outlets_merge_with_lowest_fatalities() -> None:
    records = [rec("a", "SANA", fatalities=12), rec("b", "Enab", fatalities=5),
               rec("c", "@chan", scale="New media", fatalities=7)]  # fmt: skip
    groups = cluster(records)
    assert len(groups) == 1
    merged = combine(groups[0])
    assert merged.fields["fatalities"] == 5
    assert merged.fields["fatalities_rule"].startswith("lowest of 3 reports: 5, 7, 12")
    assert merged.fields["source"] == "@chan; Enab; SANA"
    assert merged.fields["source_scale"] == "New media-National"
    assert merged.source_count == 3 and merged.merged


def test_near_duplicate_is_not_an_independent_source() -> None:
    records = [rec("a", "SANA"), rec("b", "Copycat", independent=False, fatalities=1)]
    (group,) = cluster(records)
    merged = combine(group)
    assert merged.source_count == 1
    assert merged.fields["source"] == "SANA"
    assert merged.fields["fatalities"] == 3


def test_incompatible_actors_far_places_other_days_do_not_merge() -> None:
    base = rec("a", "SANA")
    other_actor = rec("b", "X", actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Turkey")
    far = rec("c", "Y", latitude=36.2, longitude=37.15, location="Aleppo")
    other_day = rec("d", "Z", event_date=date(2020, 11, 16))
    other_type = rec("e", "W", event_type="Protests", sub_event_type="Peaceful protest")
    assert len(cluster([base, other_actor, far, other_day, other_type])) == 5


def test_precision_windows_generic_actor_and_most_precise_place() -> None:
    vague = rec("a", "SANA", event_date=date(2020, 11, 12), time_precision=2, geo_precision=2,
                latitude=34.60, longitude=38.40, actor2=None, location="near Palmyra")  # fmt: skip
    exact = rec("b", "Enab", actor1="Unidentified Armed Group (Syria)")
    (group,) = cluster([vague, exact])
    merged = combine(group)
    assert merged.fields["event_date"] == date(2020, 11, 15)
    assert merged.fields["location"] == "Palmyra"
    assert merged.fields["actor1"] == "Islamic State (Syria)"
    assert merged.fields["actor2"] == "Military Forces of Syria (2000-)"


def test_locks_keep_records_apart_and_result_is_order_independent() -> None:
    records = [rec("a", "SANA"), rec("b", "Enab"), rec("c", "Other")]
    assert cluster(records) == cluster(list(reversed(records)))
    groups = cluster(records, locks=[("k-b", "k-a")])
    assert all(not {"k-a", "k-b"} <= {r.key for r in g} for g in groups)


def test_source_scale_rule() -> None:
    assert source_scale(["National"]) == "National"
    assert source_scale(["National", "Subnational"]) == "Subnational-National"
    assert source_scale(["International", "National", "New media"]) == "Other-International"
