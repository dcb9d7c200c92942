from __future__ import annotations

import marsad
from marsad.extraction import without_place_names
from marsad.extraction.classifier import ScoredTrigger, SentenceTriggers
from marsad.extraction.modality import Decision
from marsad.recognize.triggers import TriggerEntry, TriggerMention
from marsad.recognize.types import PlaceCandidate, PlaceMention
from marsad.tokenize import Sentence


def test_a_town_named_like_a_trigger_is_not_an_event_word() -> None:
    # تدمر is Palmyra, and also the verb "destroys".
    text = "قتل ثلاثة عناصر من قوات النظام أمس في هجوم لتنظيم داعش على حاجز قرب مدينة تدمر."
    events = marsad.extract(text, published="2026-11-25")
    assert events, "the attack itself is an event"
    for event in events:
        assert event.sub_event_type != "Looting/property destruction"
        triggers = [e.text for e in event.evidence if e.field == "trigger"]
        assert "تدمر" not in triggers
    assert any(e.location == "Tadmor" for e in events)


def _place(start: int, end: int, kind: str) -> PlaceMention:
    candidate = PlaceCandidate("p", "ب", "P", kind, None, None, "SY", "Syria")
    return PlaceMention(start, end, "ب" * (end - start), start, end, "ب", (candidate,))


def _trigger(start: int, end: int) -> ScoredTrigger:
    entry = TriggerEntry("ق", "Battles", "Armed clash", "reciprocal", 0.9)
    mention = TriggerMention(start, end, "ق" * (end - start), start, end, entry, "noun", "", "")
    return ScoredTrigger(mention, 0, Decision(True))


def test_triggers_inside_any_settlement_name_are_dropped() -> None:
    sentence = Sentence(0, 0, 60, "ب" * 60)
    triggers = tuple(_trigger(s, e) for s, e in ((2, 4), (12, 15), (21, 23), (31, 33), (50, 52)))
    # Names may nest or overlap; a road is not a settlement.
    places = [_place(0, 5, "town"), _place(10, 30, "village"), _place(11, 14, "town")]
    places += [_place(30, 40, "road"), _place(49, 52, "district")]
    (kept,) = without_place_names([SentenceTriggers(sentence, triggers)], places)
    assert [(t.mention.norm_start, t.mention.norm_end) for t in kept.triggers] == [(31, 33)]
    untouched = SentenceTriggers(sentence, (triggers[3],))
    assert without_place_names([untouched], places) == [untouched]
