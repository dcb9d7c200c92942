"""Event types chosen for whole reports: which of several event words codes the event."""

from __future__ import annotations

import marsad

ASSAULT = (
    "شن تنظيم داعش صباح أمس هجوما على مطار كويرس العسكري في ريف حلب الشرقي، "
    "ترافق مع تفجير عربتين مفخختين استهدفتا بوابة المطار"
)


def test_car_bombs_opening_an_assault_told_on_as_clashes_are_a_battle() -> None:
    events = marsad.extract(
        ASSAULT + "، كما أسفرت الاشتباكات ذاتها عن مقتل عشرة عناصر من التنظيم.",
        published="2026-03-02",
    )
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")]
    assert events[0].fatalities == 10


def test_car_bombs_alone_stay_an_explosion() -> None:
    events = marsad.extract(ASSAULT + ".", published="2026-03-02")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


def test_fighters_driving_a_militia_out_of_a_town_retake_it() -> None:
    events = marsad.extract(
        "وأفاد مصدر عسكري بأن جنود الجيش طردوا أمس الحوثيين من مدينة لودر في محافظة أبين.",
        published="2026-03-02",
    )
    assert [(e.event_type, e.actor1, e.actor2, e.location) for e in events] == [
        ("Battles", "Military Forces of Yemen", "Houthi Movement", "Lawdar")
    ]
    # The bare form is as often the noun: an aim, or an ousting years ago.
    assert not marsad.extract(
        "ودعا المجلس الجيش إلى طرد الحوثيين من مدينة لودر.", published="2026-03-02"
    )
