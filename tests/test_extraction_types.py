"""Whole reports: which event words code the event, and when it happened."""

from __future__ import annotations

import marsad

ASSAULT = (
    "شن تنظيم داعش صباح أمس هجوما على مطار كويرس العسكري في ريف حلب الشرقي، "
    "ترافق مع تفجير عربتين مفخختين استهدفتا بوابة المطار"
)


def test_car_bombs_opening_an_assault_told_on_as_clashes_are_a_battle() -> None:
    events = marsad.extract(
        ASSAULT + "، كما أسفرت الاشتباكات ذاتها عن سقوط عشرة قتلى من التنظيم.",
        published="2026-03-02",
    )
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Battles", "Armed clash")]
    assert events[0].fatalities == 10


def test_car_bombs_alone_stay_an_explosion() -> None:
    events = marsad.extract(ASSAULT + ".", published="2026-03-02")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]


def test_fighters_driving_a_militia_out_of_a_town_retake_it() -> None:
    events = marsad.extract(
        "وأفاد مصدر عسكري بأن جنود الجيش طردوا أمس مسلحي الحوثي من لودر بمحافظة أبين.",
        published="2026-03-02",
    )
    assert [(e.event_type, e.actor1, e.actor2, e.location) for e in events] == [
        ("Battles", "Military Forces of Yemen", "Houthi Movement", "Lawdar")
    ]
    # The bare form is as often the noun: an aim, or an ousting years ago.
    assert not marsad.extract(
        "ودعا المجلس الجيش إلى طرد الحوثيين من مدينة لودر.", published="2026-03-02"
    )


def test_an_undated_event_after_one_that_began_days_ago_keeps_the_reports_day() -> None:
    events = marsad.extract(
        "وقصفت مدفعية قوات النظام أمس بلدة مضايا. "
        "وكانت قوات النظام بدأت هجوما على بلدة الزبداني منذ أسبوع. "
        "وألقت مروحيات النظام براميل متفجرة على أحياء في مدينة الزبداني.",
        published="2026-03-10",
    )
    barrels = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert [e.event_date.isoformat() for e in barrels] == ["2026-03-09"]


def test_an_attack_as_the_aim_of_a_build_up_is_not_an_event() -> None:
    text = "وحشدت قوات النظام عناصرها جنوب بلدة الزبداني أمس في محاولة منها لاقتحام البلدة."
    assert marsad.extract(text, published="2026-03-10") == []


def test_shelling_by_a_side_of_a_battle_at_its_place_and_day_is_part_of_it() -> None:
    clash = (
        "دارت أمس اشتباكات عنيفة بين قوات النظام وفصائل المعارضة في بلدة اللطامنة "
        "بريف حماة الشمالي. "
    )
    events = marsad.extract(
        clash + "وقصفت قوات النظام أمس بلدة اللطامنة بقذائف المدفعية.", published="2026-03-10"
    )
    assert [e.event_type for e in events] == ["Battles"]
    # A third party's shelling is an event of its own.
    events = marsad.extract(
        clash + "وقصف تنظيم داعش أمس بلدة اللطامنة بقذائف المدفعية.", published="2026-03-10"
    )
    assert sorted(e.event_type for e in events) == ["Battles", "Explosions/Remote violence"]
