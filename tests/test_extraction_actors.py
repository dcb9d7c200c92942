"""Who acted and who was targeted, end to end: the assembly's rules on top of roles.

Each report is a short text written for the rule it checks; the events come from
the full extractor (dictionary, gazetteer, casualties).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from marsad.document import Document
from marsad.events import Event
from marsad.extraction import Extractor
from marsad.settings import load_settings


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_settings())


def events_of(extractor: Extractor, text: str, published: date = date(2023, 5, 4)) -> list[Event]:
    return extractor.extract(Document("test", text, published=published))


def only(events: list[Event], event_type: str) -> Event:
    found = [e for e in events if e.event_type == event_type]
    assert len(found) == 1, [(e.event_type, e.actor1, e.actor2) for e in events]
    return found[0]


def test_those_killed_are_the_target_not_the_attacker(extractor: Extractor) -> None:
    events = events_of(extractor, "قتل 7 من الحشد الشعبي اليوم في هجوم لداعش قرب مدينة سامراء.")
    event = only(events, "Battles")
    assert (event.actor1, event.actor2) == (
        "Islamic State (Iraq)",
        "PMF: Popular Mobilization Forces",
    )


def test_civilians_killed_by_shelling_are_its_target(extractor: Extractor) -> None:
    text = (
        "قصفت قوات النظام بالمدفعية والصواريخ اليوم الأحياء الشرقية والجنوبية من مدينة سراقب "
        "في ريف إدلب الشرقي، ما أدى إلى مقتل طفلين وإصابة امرأة بجروح."
    )
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Civilians (Syria)")


def test_violence_against_civilians_targets_civilians(extractor: Extractor) -> None:
    text = "اغتال مسلحون مجهولون اليوم مختار قرية أمام منزله في مدينة بلد جنوبي صلاح الدين."
    event = only(events_of(extractor, text), "Violence against civilians")
    assert event.actor1 == "Unidentified Armed Group (Iraq)"
    assert event.actor2 == "Civilians (Iraq)"


def test_arrested_people_are_civilians_unless_named(extractor: Extractor) -> None:
    text = "اعتقلت قوات النظام اليوم ثلاثة أشخاص على حاجز عند مدخل مدينة نوى في ريف درعا."
    event = only(events_of(extractor, text), "Strategic developments")
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Civilians (Syria)")


def test_force_that_broke_up_a_protest_is_actor2(extractor: Extractor) -> None:
    text = (
        "تظاهر عشرات المواطنين اليوم في مدينة منبج احتجاجا على الغلاء، "
        "وأطلق عناصر من قسد الرصاص في الهواء لتفريق المحتجين."
    )
    event = only(events_of(extractor, text), "Protests")
    assert event.actor1 == "Protesters (Syria)"
    assert event.actor2 == "QSD: Syrian Democratic Forces"


def test_unit_of_a_state_force_is_coded_as_the_state(extractor: Extractor) -> None:
    text = "اندلعت اليوم اشتباكات عنيفة بين الفرقة الرابعة وتنظيم داعش في محيط مدينة السخنة."
    event = only(events_of(extractor, text), "Battles")
    assert (event.actor1, event.actor2) == ("Military Forces of Syria", "Islamic State (Syria)")


def test_weapon_named_with_its_owner_gives_the_attacker(extractor: Extractor) -> None:
    text = "استهدفت طائرة مسيرة تركية اليوم سيارة لقسد قرب مدينة منبج."
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert (event.actor1, event.actor2) == (
        "Military Forces of Turkey",
        "QSD: Syrian Democratic Forces",
    )


def test_unclaimed_bomb_is_an_unidentified_group(extractor: Extractor) -> None:
    text = "انفجرت عبوة ناسفة اليوم قرب دوار السوق في مدينة جرابلس دون إصابات."
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert event.actor1 == "Unidentified Armed Group (Syria)"


def test_headline_without_actors_is_the_event_told_below(extractor: Extractor) -> None:
    text = (
        "مقتل ثلاثة مدنيين بانفجار لغم في بادية الميادين\n"
        "قتل ثلاثة مدنيين أمس بانفجار لغم أرضي زرعه تنظيم داعش في بادية مدينة الميادين."
    )
    events = events_of(extractor, text)
    event = only(events, "Explosions/Remote violence")
    assert (event.actor1, event.actor2) == ("Islamic State (Syria)", "Civilians (Syria)")


def test_attack_word_named_with_its_nationality_gives_the_attacker(extractor: Extractor) -> None:
    # "القصف التركي": the trigger heads the party's name, so it is still the event
    # word and the party is who acted, not a target or a victim.
    events = events_of(extractor, "وأصيب ثلاثة مزارعين في القصف التركي على بلدة تل رفعت اليوم.")
    event = only(events, "Explosions/Remote violence")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert (event.actor1, event.actor2) == ("Military Forces of Turkey", "Civilians (Syria)")


def test_general_attack_by_artillery_is_shelling(extractor: Extractor) -> None:
    events = events_of(extractor, "واستهدفت المدفعية التركية اليوم مواقع لقسد قرب بلدة عين عيسى.")
    event = only(events, "Explosions/Remote violence")
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    assert event.actor1 == "Military Forces of Turkey"


def test_generic_fighters_of_a_named_group_are_that_group(extractor: Extractor) -> None:
    text = "قتل جنديان من قوات النظام اليوم في هجوم شنه مسلحون من تنظيم داعش قرب مدينة السخنة."
    event = only(events_of(extractor, text), "Battles")
    assert (event.actor1, event.actor2) == ("Islamic State (Syria)", "Military Forces of Syria")


def test_result_verb_before_an_indefinite_attack_word_tells_a_new_event(
    extractor: Extractor,
) -> None:
    # "وأسفرت غارات روسية عن" introduces strikes; "وأسفر القصف عن" would point back.
    text = "وأسفرت غارات روسية على بلدة كفرنبل اليوم عن مقتل طفلين."
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert event.sub_event_type == "Air/drone strike"
    assert event.actor1 == "Military Forces of Russia" and event.fatalities == 2


def test_strikes_near_a_list_of_towns_are_one_event_per_town(extractor: Extractor) -> None:
    # "ضربة" without "جوية" is a strike, and "بالقرب من" before a list is not the
    # "من" of a road's two ends.
    text = (
        "قال التحالف إنه نفذ أمس الأحد 17 ضربة جوية ضد تنظيم داعش في العراق. "
        "ونفذت 12 ضربة بالقرب من الموصل وتلعفر والحويجة."
    )
    events = events_of(extractor, text, published=date(2015, 8, 4))
    places = sorted(e.location or "" for e in events if e.sub_event_type == "Air/drone strike")
    assert places == ["Hawija", "Mosul", "Tal Afar"]
    assert {e.actor1 for e in events} == {"Military Forces of the United States"}


def test_sentence_telling_strikes_afresh_is_not_the_headline_event(extractor: Extractor) -> None:
    # The definite "الضربات" comes after strikes the sentence tells of its own,
    # so the sentence and its toll are an event of their own.
    text = (
        "غارات لطائرات إف 16 على أوكار التنظيم في وادي حوران\n\n"
        "ونفذت طائرات إف 16 العراقية اليوم ضربات جوية على مواقع لتنظيم داعش قرب "
        "قضاء الرطبة، وقالت قيادة العمليات إن الضربات أسفرت عن مقتل أربعة مسلحين."
    )
    events = events_of(extractor, text, published=date(2022, 6, 9))
    rutba = [e for e in events if e.location == "Ar-Rutba"]
    assert len(rutba) == 1 and rutba[0].fatalities == 4


def test_date_of_a_statement_release_does_not_date_its_events(extractor: Extractor) -> None:
    text = (
        "قال التحالف إنه نفذ يوم أمس 20 ضربة جوية ضد تنظيم داعش في العراق. "
        "ونفذت سبع ضربات بالقرب من بيجي بحسب البيان الذي صدر اليوم."
    )
    events = events_of(extractor, text, published=date(2015, 8, 10))
    assert [(e.location, e.event_date) for e in events] == [("Baiji", date(2015, 8, 9))]


def test_strikes_among_listed_towns_dated_by_the_report(extractor: Extractor) -> None:
    # "من بينها" opens a list of places; the statement's "اليوم" dates the
    # statement, the day comes from the first sentence; "ضربة دمرت" reports a
    # strike, and explosive materials are what it destroyed, not a bomb.
    text = (
        "قالت القيادة الأمريكية إن طائراتها نفذت يوم أمس 15 ضربة جوية ضد تنظيم داعش. "
        "ونفذت تسع ضربات بالقرب من خمس مدن من بينها مخمور والرمادي وفقا لبيان أذيع اليوم. "
        "وقال البيان إن ضربة دمرت مخزنا للمواد الناسفة في الحويجة."
    )
    events = events_of(extractor, text, published=date(2015, 8, 10))
    assert sorted((e.location or "", e.sub_event_type) for e in events) == [
        ("Hawija", "Air/drone strike"),
        ("Makhmour", "Air/drone strike"),
        ("Ramadi", "Air/drone strike"),
    ]
    assert {e.event_date for e in events} == {date(2015, 8, 9)}


def test_each_clause_naming_its_own_town_is_its_own_event(extractor: Extractor) -> None:
    # Below the opening sentence (which may be a headline naming the body's
    # events in brief), two towns of one governorate are two events.
    text = (
        "نشر المرصد حصيلة يوم أمس في ريف دمشق.\n"
        "استهدفت قوات النظام بالمدفعية صباح أمس أحياء من مدينة حرستا دون إصابات، "
        "فيما تعرض محيط مدينة دوما لقصف مماثل من قبل قوات النظام."
    )
    events = events_of(extractor, text, published=date(2015, 8, 11))
    assert len(events) == 2 and events[0].location == "Harasta"
    assert events[1].admin1 == "Rural Damascus" and events[1].geo_precision == 2  # near Douma


def test_coalition_named_as_alliance_is_coded_as_the_united_states(extractor: Extractor) -> None:
    text = "وقتل قيادي في تنظيم داعش بغارة جوية لقوات الائتلاف الدولي قرب مدينة الرقة أمس."
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert event.actor1 == "Military Forces of the United States"


def test_unplaced_event_takes_its_parties_country(extractor: Extractor) -> None:
    # No place is named; the parties make it a Turkish event, which the default
    # countries setting leaves out and an empty setting keeps with its country.
    text = "وقتل ثلاثة جنود أتراك أمس في هجوم شنه مسلحون من حزب العمال الكردستاني."
    assert events_of(extractor, text) == []
    everywhere = Extractor(replace(load_settings(), countries=""))
    event = only(events_of(everywhere, text), "Battles")
    assert (event.location, event.country, event.complete) == (None, "Turkey", False)


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        (
            "وقتل 5 من عناصر داعش بغارات التحالف العربي على مقراتهم قرب مدينة الباب أمس.",
            "Military Forces of the United States",
        ),
        (
            "وشن طيران التحالف العربي غارات على مواقع الحوثيين في مدينة صعدة أمس.",
            "Military Forces of Saudi Arabia",
        ),
    ],
)
def test_arab_coalition_is_the_theatres_coalition(
    extractor: Extractor, text: str, attacker: str
) -> None:
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert event.actor1 == attacker


@pytest.mark.parametrize(
    "text",
    [
        "وسقطت ثلاثة براميل متفجرة على محيط مخيم خان الشيح أمس.",
        "وقتل أربعة مدنيين بالبراميل المتفجرة في مدينة داريا أمس.",
        "وألقت المروحيات براميل متفجرة على مدينة داريا أمس ما أوقع دمارا واسعا.",
    ],
)
def test_barrel_bombs_are_a_state_air_strike(extractor: Extractor, text: str) -> None:
    # The weapon names who struck (the state's helicopters), and it is the event
    # word even beside a generic killing or the destruction it caused.
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert (event.sub_event_type, event.actor1) == ("Air/drone strike", "Military Forces of Syria")


def test_bombing_in_a_turkish_border_town_is_placed_in_turkey(extractor: Extractor) -> None:
    # Named with the spelling of the Arabic press, the Turkish town wins over the
    # Syrian town the same sentence mentions, and Turkey is outside the default
    # countries. "فجر انتحاري نفسه" is reflexive, not a pointer to an earlier event.
    text = (
        "وفجر انتحاري نفسه أمس في مركز ثقافي في مدينة سوروتش التركية "
        "بين شبان كانوا يستعدون للعبور إلى مدينة عين العرب للمساعدة في ترميمها."
    )
    assert events_of(extractor, text) == []
    everywhere = Extractor(replace(load_settings(), countries=""))
    event = only(events_of(everywhere, text), "Explosions/Remote violence")
    assert (event.location, event.country) == ("Suruc", "Turkey")


def test_fighting_named_as_qital_is_a_battle(extractor: Extractor) -> None:
    text = "وقتل أربعة من عناصر حزب الله أمس خلال قتال مع فصائل المعارضة في مدينة الزبداني."
    event = only(events_of(extractor, text), "Battles")
    assert event.location == "Az Zabadānī" and event.fatalities == 4


def test_later_strikes_by_the_same_side_keep_its_foe(extractor: Extractor) -> None:
    text = (
        "وقال التحالف الدولي إنه شن أمس 12 غارة جوية على تنظيم داعش قرب مدينة الرقة. "
        "ونفذ التحالف خمس غارات أخرى بالقرب من مدينة الحسكة."
    )
    events = events_of(extractor, text)
    assert len(events) == 2
    assert {e.actor2 for e in events} == {"Islamic State (Syria)"}


def test_dead_of_both_sides_are_summed(extractor: Extractor) -> None:
    text = (
        "قتل 25 عنصرا من فصائل المعارضة أمس في هجوم فاشل على قاعدة عسكرية قرب مدينة حلب. "
        "وفي المواجهات التي تلت الهجوم قتل تسعة من قوات النظام بحسب المرصد."
    )
    event = only(events_of(extractor, text), "Battles")
    assert event.fatalities == 34 and event.fatalities_rule.startswith("sum over sides")


def test_speaker_before_a_colon_is_the_source_not_a_party(extractor: Extractor) -> None:
    text = (
        "▪️ قصفت قوات النظام أمس بلدة كنصفرة في جبل الزاوية.\n"
        "📌 الجيش التركي: القصف استهدف محيط نقطة المراقبة في البلدة."
    )
    event = only(events_of(extractor, text), "Explosions/Remote violence")
    assert event.actor1 == "Military Forces of Syria"
    assert event.actor2 != "Military Forces of Turkey"


def test_a_campaign_of_abductions_is_an_abduction_event(extractor: Extractor) -> None:
    text = "وشن مسلحو الحوثي أمس حملة اختطافات في مدينة الحديدة طالت عشرة شبان."
    event = only(events_of(extractor, text), "Violence against civilians")
    assert event.sub_event_type == "Abduction/forced disappearance"
    assert event.actor1 == "Houthi Movement"


def test_a_cue_after_a_nearer_trigger_qualifies_that_trigger(extractor: Extractor) -> None:
    # "المتكررة" describes the strikes protested against, not the march.
    text = (
        "وفي مدينة القامشلي خرج المئات اليوم في مسيرة جابت الشوارع احتجاجا على "
        "الغارات التركية المتكررة."
    )
    event = only(events_of(extractor, text), "Protests")
    assert event.admin1 == "Al-Hasakeh" and event.actor1 == "Protesters (Syria)"


def test_a_general_attack_on_areas_is_shelling(extractor: Extractor) -> None:
    # Fire aimed at "areas" held by the other side is from a distance, not a clash.
    text = "استهدف مسلحو تنظيم داعش أحياء تسيطر عليها قوات النظام في بلدة شقا بريف السويداء أمس."
    events = events_of(extractor, text, date(2015, 7, 27))
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "Islamic State (Syria)")
    ]


def test_a_country_named_for_an_unplaced_event_is_its_country(extractor: Extractor) -> None:
    # Turkish artillery firing into Syria is an event in Syria: the countries
    # setting must not drop it as Turkish for want of a town.
    text = "قصفت المدفعية التركية أمس مواقع للمسلحين في شمال سوريا."
    events = events_of(extractor, text, date(2015, 7, 27))
    assert [(e.actor1, e.country, e.location) for e in events] == [
        ("Military Forces of Turkey", "Syria", None)
    ]


def test_tanks_with_a_nationality_name_that_state(extractor: Extractor) -> None:
    text = "قصفت دبابات تركية أمس مواقع لتنظيم داعش قرب مدينة جرابلس."
    events = events_of(extractor, text, date(2015, 7, 27))
    assert [(e.actor1, e.actor2) for e in events] == [
        ("Military Forces of Turkey", "Islamic State (Syria)")
    ]


def test_a_protest_broken_up_by_force_is_a_protest_with_intervention(
    extractor: Extractor,
) -> None:
    text = (
        "تظاهر مئات العمال أمس أمام مبنى المحافظة في مدينة البصرة، "
        "وقامت قوات الأمن بتفريق المتظاهرين بالغاز المسيل للدموع."
    )
    event = only(events_of(extractor, text), "Protests")
    assert event.sub_event_type == "Protest with intervention"
    assert event.actor2 == "Police Forces of Iraq"


def test_an_unattributed_air_strike_is_flown_by_the_last_named_air_force(
    extractor: Extractor,
) -> None:
    text = (
        "ألقى الطيران المروحي التابع للنظام أمس براميل متفجرة على بلدة كفرنبل.\n"
        "ودارت اشتباكات بين قوات النظام والفصائل في محيط مدينة سراقب.\n"
        "وفي ريف حماة تعرضت بلدتا اللطامنة وكفرزيتا لقصف جوي مكثف."
    )
    events = events_of(extractor, text, date(2015, 8, 8))
    assert [(e.location, e.actor1) for e in events if e.admin1 == "Hama"] == [
        ("Al-Lataminah", "Military Forces of Syria"),
        ("Kafr Zeita", "Military Forces of Syria"),
    ]


def test_fighters_seized_by_an_armed_group_are_an_arrest(extractor: Extractor) -> None:
    # ACLED codes an armed group detaining its foes' fighters as Arrests, and
    # their target is not civilians; seizing civilians stays an abduction.
    fighters = "خطف مسلحو التنظيم أمس خمسة عناصر من فصيل معارض قرب بلدة سراقب."
    civilians = "خطف مسلحو التنظيم أمس خمسة مدنيين قرب بلدة سراقب."
    seized = only(events_of(extractor, fighters), "Strategic developments")
    assert (seized.sub_event_type, seized.actor2) == ("Arrests", None)
    taken = only(events_of(extractor, civilians), "Violence against civilians")
    assert taken.sub_event_type == "Abduction/forced disappearance"


def test_a_speaker_whose_clause_names_others_is_no_party(extractor: Extractor) -> None:
    # "وقال الجيش في بيانه إن الضربات ...": the army only speaks; "قال الجيش إنه
    # قصف" keeps it as the one who struck.
    told = "وقال الجيش في بيانه إن الضربات طالت أمس مواقع قرب مدينة الموصل."
    assert [e.actor1 for e in events_of(extractor, told)] == [None]
    claimed = "وقال الجيش في بيان إنه قصف أمس مواقع قرب مدينة الموصل."
    assert [e.actor1 for e in events_of(extractor, claimed)] == ["Military Forces of Iraq"]
    own = "وقال الجيش في بيان إن طائراته قصفت أمس مواقع قرب مدينة الموصل."
    assert [e.actor1 for e in events_of(extractor, own)] == ["Military Forces of Iraq"]


def test_general_violence_before_a_strategic_development_is_the_event(extractor: Extractor) -> None:
    # A post named as the target of an attack is not a post set up; an explosion
    # named after an arrest, as what the suspects did, does not outrank it.
    attack = events_of(
        extractor, "قتل جنديان بهجوم شنه مسلحون على نقطة مراقبة للجيش قرب مدينة بيجي أمس."
    )
    assert [e.event_type for e in attack] == ["Battles"]
    arrest = events_of(
        extractor,
        "اعتقلت القوات الأمنية أمس خمسة مشتبه بهم قرب مدينة بيجي "
        "على صلة بالشبكة التي نفذت التفجير.",
    )
    assert [e.sub_event_type for e in arrest] == ["Arrests"]


def test_a_state_named_as_the_attacker_is_its_military(extractor: Extractor) -> None:
    text = "قصفت تركيا أمس مواقع لتنظيم داعش قرب بلدة جرابلس."
    events = events_of(extractor, text, date(2015, 7, 24))
    assert [(e.actor1, e.actor2, e.country) for e in events] == [
        ("Military Forces of Turkey", "Islamic State (Syria)", "Syria")
    ]


def test_fire_into_syria_from_a_border_town_is_placed_across_the_border(
    extractor: Extractor,
) -> None:
    # The Turkish town says where the fire came from; the event is in the
    # Syrian governorate it faces. Without "في سوريا" it stays in Turkey
    # (and out of the coded countries).
    across = "قصفت دبابات تركية أمس مواقع للتنظيم في سوريا قبالة مدينة كيليس."
    events = events_of(extractor, across, date(2015, 7, 24))
    assert [(e.country, e.admin1, e.geo_precision) for e in events] == [("Syria", "Aleppo", 3)]
    at_home = "انفجرت عبوة ناسفة أمس في مدينة كيليس قرب الحدود مع سوريا."
    assert events_of(extractor, at_home, date(2015, 7, 24)) == []


def test_a_massacre_by_barrel_bombs_is_an_air_strike(extractor: Extractor) -> None:
    # "مجزرة" says what the strike did; the weapon says the type and who struck.
    text = (
        "وقتل تسعة مدنيين مساء أمس في مجزرة نفذتها مروحيات نظام بشار الأسد "
        "بإلقائها البراميل المتفجرة على بلدة اليادودة بريف درعا."
    )
    events = events_of(extractor, text, date(2015, 7, 24))
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in events] == [
        ("Air/drone strike", "Military Forces of Syria", 9)
    ]


def test_a_country_adjective_after_a_place_keeps_its_namesakes_out(
    extractor: Extractor,
) -> None:
    # "قرية الحضر السورية": not Hatra in Iraq; the event is in Syria, unplaced.
    text = "وقصفت طائرة إسرائيلية أمس سيارة عند مشارف قرية الحضر السورية قرب الجولان."
    events = events_of(extractor, text, date(2015, 7, 30))
    assert [(e.actor1, e.country, e.location) for e in events] == [
        ("Military Forces of Israel", "Syria", None)
    ]


def test_unnamed_gunmen_told_again_are_the_named_side(extractor: Extractor) -> None:
    # The same attack, told first with its side's name and then with "مسلحين":
    # one event, with the name kept, whichever telling comes first.
    named = "هاجم مقاتلو المقاومة الشعبية أمس دورية لميليشيا الحوثي في مدينة رداع."
    vague = "وقال شهود إن مسلحين هاجموا أمس دورية لميليشيا الحوثي في مدينة رداع."
    for text in (f"{named}\n{vague}", f"{vague}\n{named}"):
        events = events_of(extractor, text, date(2015, 7, 24))
        assert [(e.actor1, e.actor2) for e in events] == [
            ("Popular Resistance (Yemen)", "Houthi Movement")
        ], text
