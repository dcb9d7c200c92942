from __future__ import annotations

import marsad


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
