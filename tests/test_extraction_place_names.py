from __future__ import annotations

from datetime import date

import pytest

import marsad
from marsad.document import Document
from marsad.extraction import Extractor, without_place_names
from marsad.extraction.classifier import ScoredTrigger, SentenceTriggers
from marsad.extraction.modality import Decision
from marsad.recognize.triggers import TriggerEntry, TriggerMention
from marsad.recognize.types import PlaceCandidate, PlaceMention
from marsad.settings import load_settings
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


def test_the_town_spoken_of_without_its_name_is_the_one_named_before() -> None:
    text = (
        "قال مصدر محلي اليوم الأحد إن عناصر التنظيم خطفوا عشرات المدنيين بعد أن سيطروا "
        "على مدينة القريتين. "
        "واستولى مسلحو التنظيم على المدينة عقب مواجهات طاحنة مع الجيش ليلة أمس."
    )
    events = marsad.extract(text, published="2026-11-22")
    control = [e for e in events if e.event_type == "Battles"]
    # One event: the day the source spoke of it joins the night it happened.
    assert len(control) == 1, control
    assert control[0].location == "Al Qaryatayn"
    assert control[0].event_date.isoformat() == "2026-11-21"


def test_a_capital_standing_for_its_government_is_not_a_place() -> None:
    text = "هاجم عناصر تنظيم داعش أمس حاجزا للقوات الموالية لدمشق في ريف حمص الشرقي."
    events = marsad.extract(text, published="2026-11-22")
    assert events and all(e.admin1 == "Homs" for e in events)


def test_an_unknown_town_named_last_is_not_replaced_by_an_earlier_one() -> None:
    # "قرية الزعفرانة الصغرى" is not in the gazetteer: "القرية" is not read as the town
    # named before it (at most the report's place is borrowed, at precision 2).
    text = (
        "قصفت قوات النظام مدينة تدمر صباح أمس. "
        "وفي حادث آخر هاجم مسلحون قرية الزعفرانة الصغرى فجر اليوم. "
        "وأحرق المسلحون عددا من منازل القرية قبل انسحابهم منها اليوم."
    )
    events = marsad.extract(text, published="2026-11-22")
    burning = [e for e in events if e.sub_event_type == "Looting/property destruction"]
    assert burning
    assert all(e.location != "Tadmor" or e.geo_precision >= 2 for e in burning)


def test_the_place_of_the_attack_being_answered_is_not_the_event_place() -> None:
    text = (
        "قصفت فصائل المعارضة بلدة كنصفرة بعشرات القذائف صباح أمس، "
        "ردا على تعرض بلدة تدمر لهجوم من قوات النظام."
    )
    events = marsad.extract(text, published="2026-11-22")
    shelling = [e for e in events if e.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].location == "Kansafra"


@pytest.mark.parametrize("helped", ["نصرة لمدينة", "تضامنا مع مدينة", "تخفيفا للضغط عن مدينة"])
def test_the_town_an_offensive_is_fought_for_is_not_the_event_place(helped: str) -> None:
    # The fighting is in Lattakia's countryside; Zabadani is the town it helps.
    text = (
        "اندلعت اشتباكات عنيفة أمس بين فصائل المعارضة وقوات النظام في ريف اللاذقية "
        f"{helped} الزبداني."
    )
    events = marsad.extract(text, published="2026-11-22")
    assert [(e.admin1, e.location) for e in events] == [("Lattakia", "Lattakia")], events


def test_each_place_of_a_list_is_an_event_of_its_own() -> None:
    text = "قصفت الطائرات الحربية الروسية صباح اليوم بلدات كفرنبل وسراقب وخان شيخون في ريف إدلب."
    events = marsad.extract(text, published="2026-11-22")
    strikes = sorted(e.location or "" for e in events if e.sub_event_type == "Air/drone strike")
    assert strikes == ["Kafr Nabl", "Khan Shaykhun", "Saraqab"], strikes


def test_the_ends_of_a_road_are_not_a_list_of_places() -> None:
    text = "استهدفت طائرة مسيرة صباح اليوم سيارة على الطريق بين سراقب وخان شيخون في ريف إدلب."
    events = marsad.extract(text, published="2026-11-22")
    assert len([e for e in events if e.sub_event_type == "Air/drone strike"]) == 1


def test_a_namesake_far_from_the_region_needs_its_country_named() -> None:
    from marsad.extraction import without_far_namesakes

    near = PlaceCandidate("a", "ب", "A", "village", None, None, "SY", "Syria")
    far = PlaceCandidate("b", "ب", "B", "village", None, None, "US", "United States")
    usa = PlaceCandidate("c", "ج", "C", "country", None, None, "US", "United States")
    both = PlaceMention(0, 1, "ب", 0, 1, "ب", (near, far))
    only_far = PlaceMention(2, 3, "ب", 2, 3, "ب", (far,))
    kept = without_far_namesakes([both, only_far], frozenset({"SY"}))
    assert [m.candidates for m in kept] == [(near,)]
    country = PlaceMention(4, 5, "ج", 4, 5, "ج", (usa,))
    kept = without_far_namesakes([both, only_far, country], frozenset({"SY"}))
    assert [m.candidates for m in kept] == [(near, far), (far,), (usa,)]


def test_events_outside_the_coded_countries_are_left_out() -> None:
    text = "قتل 12 شخصا أمس في تفجير انتحاري استهدف تجمعا للشبان في مدينة اسطنبول التركية."
    doc = Document("t1", text, published=date(2026, 11, 22))
    assert Extractor(load_settings()).extract(doc) == []
    everywhere = Extractor(load_settings(countries="")).extract(doc)
    assert [e.country for e in everywhere] == ["Turkey"]


def test_strikes_told_of_another_country_are_new_events() -> None:
    text = (
        "قال التحالف في بيان إن طائراته نفذت أمس الخميس ست غارات قرب مدينة الحسكة. "
        "أما في العراق فقد ضربت الغارات مواقع للتنظيم قرب مدينتي الموصل والفلوجة."
    )
    events = marsad.extract(text, published="2026-11-20")
    strikes = [e.admin1 for e in events if e.sub_event_type == "Air/drone strike"]
    assert sorted(strikes) == ["Al-Anbar", "Al-Hasakeh", "Ninewa"], strikes


def test_an_event_two_months_old_is_background() -> None:
    text = "وكان التنظيم قد سيطر على مدينة القريتين في 21 أيار الماضي بعد معارك مع قوات النظام."
    assert marsad.extract(text, published="2026-07-30") == []
    assert marsad.extract(text, published="2026-06-10") != []


def test_a_list_of_places_runs_over_one_unknown_name() -> None:
    text = "نفذ الطيران الحربي أمس غارات طالت مدينة بنش وبلدات الزعفرانة وسرمين في ريف إدلب."
    events = marsad.extract(text, published="2026-11-22")
    strikes = sorted(e.location or "" for e in events if e.sub_event_type == "Air/drone strike")
    assert strikes == ["Binnish", "Sarmin"], strikes


def test_this_after_a_verb_does_not_point_back() -> None:
    # "وانسحب هذا الحال على ...": the strikes after it are news, not the shelling before.
    text = (
        "قصفت قوات النظام أمس قرية كباني في ريف اللاذقية. "
        "وانسحب هذا الحال على قرى إدلب أيضا إذ شن الطيران الحربي أمس غارات على مدينة بنش."
    )
    events = marsad.extract(text, published="2026-11-22")
    assert "Binnish" in {e.location for e in events}


def test_strikes_told_one_after_another_keep_the_first_ones_side() -> None:
    # Only the first clause names the coalition; "استهداف" with a toll after it is
    # another strike of the same side, even two clauses on.
    text = (
        "قصفت طائرات التحالف الدولي أمس مواقع التنظيم في دير الزور. "
        "وذكر المرصد أن 11 من عناصر داعش قتلوا في استهداف مقر في مدينة الميادين، "
        "بينما قتل 29 آخرون منهم بضربة على معسكر قرب مدينة الطبقة غربي الرقة."
    )
    events = marsad.extract(text, published="2026-11-22")
    tabqa = [e for e in events if e.admin1 == "Ar-Raqqa"]
    assert len(tabqa) == 1, events
    assert tabqa[0].sub_event_type == "Air/drone strike"
    assert tabqa[0].actor1 == "Military Forces of the United States"
    assert tabqa[0].fatalities == 29


def test_strikes_listed_after_a_named_side_are_that_sides() -> None:
    text = (
        "قال التحالف في بيان إن طائراته نفذت أمس 18 غارة جوية على مواقع التنظيم. "
        "ونفذت 11 غارة منها بالقرب من مدن الموصل والرمادي وتلعفر في العراق."
    )
    events = marsad.extract(text, published="2026-11-22")
    listed = [e for e in events if e.location in ("Mosul", "Ramadi", "Tal Afar")]
    assert len(listed) == 3, events
    assert {e.actor1 for e in listed} == {"Military Forces of the United States"}


def test_residents_organising_gatherings_is_a_protest() -> None:
    text = (
        "وقال ناشطون إن السكان نظموا تجمعات مساء أمس في شوارع مدينة اللاذقية "
        "للمطالبة بمحاكمة القاتل."
    )
    events = marsad.extract(text, published="2026-11-22")
    assert [(e.event_type, e.admin1) for e in events] == [("Protests", "Lattakia")]


def test_habitual_shelling_and_this_shelling_after_it_are_not_coded() -> None:
    # A named actor must not rescue the nouns a habitual verb governs, and "هذا
    # القصف" after it is that habit, not a new incident.
    text = (
        "ويقصف الجيش بانتظام قرى ريف إدلب الجنوبي بطائرات حربية وبالبراميل المتفجرة. "
        "وأوقع هذا القصف مئات الضحايا في مدينة معرة النعمان."
    )
    assert marsad.extract(text, published="2026-11-22") == []


def test_strikes_counted_town_by_town_are_one_event_per_town() -> None:
    # The statement's usual form: a count of strikes, then where, again and again.
    # Its first sentence names no town, so the second is read afresh rather than
    # as more of the first sentence's strikes placed from it.
    text = (
        "قال التحالف في بيان إن طائراته نفذت أمس 12 غارة على مواقع التنظيم في العراق.\n"
        "وأوضح البيان أن الطائرات نفذت خمس غارات قرب الرمادي وثلاثا قرب الفلوجة "
        "وغارتين قرب بيجي ومثلهما قرب تلعفر."
    )
    events = marsad.extract(text, published="2026-11-22")
    places = sorted(e.location for e in events if e.location)
    assert places == ["Baiji", "Falluja", "Ramadi", "Tal Afar"], events


def test_each_of_a_list_is_not_the_start_of_a_road() -> None:
    # "قرب كل من X و Y": "من" here is "each of", not the "from" of a road's ends.
    text = "وأوضح البيان أن الطائرات نفذت أمس ضربات قرب كل من بيجي وتلعفر والحويجة."
    events = marsad.extract(text, published="2026-11-22")
    assert sorted(e.location for e in events if e.location) == ["Baiji", "Hawija", "Tal Afar"]


def test_a_district_listed_beside_its_seat_is_one_event() -> None:
    raid = "وداهم مسلحون حوثيون أمس منازل في {} بمحافظة لحج واعتقلوا عشرات المواطنين."
    # Tuban district's seat is Al-Houta: one place, one event.
    events = marsad.extract(raid.format("مدينة الحوطة وتبن"), published="2026-03-10")
    assert len(events) == 1, events
    # A district whose seat lies elsewhere is another place.
    events = marsad.extract(raid.format("مدينتي الحوطة وطور الباحة"), published="2026-03-10")
    assert len(events) == 2, events


def test_a_name_with_a_cue_word_keeps_every_namesake_of_the_bare_name() -> None:
    # Only Iraq's Rabia is listed as "ناحية ربيعة"; Lattakia's countryside asks
    # for the Syrian one.
    text = "وقصفت طائرات حربية أمس قرى في ناحية ربيعة شمال ريف اللاذقية."
    events = marsad.extract(text, published="2026-03-10")
    assert [(e.country, e.admin1) for e in events] == [("Syria", "Lattakia")]


def test_a_cued_name_is_not_read_as_its_bare_namesake_in_the_same_governorate() -> None:
    # "بادية حمص" is the desert east of Homs; the city of Homs is the same
    # governorate's other reading and must not outrank it.
    text = "قتل أربعة جنود أمس في هجوم لتنظيم داعش على موقع عسكري في بادية حمص."
    [event] = marsad.extract(text, published="2026-03-10")
    assert (event.location, event.admin1, event.geo_precision) == ("Palmyra desert", "Homs", 3)
    # The report's headline names the desert and its body a town nearby: the
    # merged event keeps the town, not the city of the governorate's name.
    report = "هجوم لداعش في بادية حمص\n" + text.replace("في بادية حمص", "قرب مدينة تدمر")
    [event] = marsad.extract(report, published="2026-03-10")
    assert (event.location, event.geo_precision) == ("Tadmor", 2)


def test_a_listed_village_is_the_namesake_nearest_the_first() -> None:
    from marsad.extraction.drafts import Draft
    from marsad.extraction.event_places import _listed_places
    from marsad.extraction.words import default_assembly_words
    from marsad.geocode import Location
    from marsad.normalize import normalize

    nt = normalize("قصف على قرى الزيارة والمنصورة")
    start = nt.text.index("الزياره")
    first = PlaceCandidate("z", "", "Ziyara", "village", 35.70, 36.30, "SY", "Syria", "Hama")
    far = PlaceCandidate("f", "", "Mansura", "town", 35.84, 38.74, "SY", "Syria", "Ar-Raqqa")
    near = PlaceCandidate("n", "", "Mansoura", "village", 35.73, 36.31, "SY", "Syria", "Hama")

    def mention(word: str, *candidates: PlaceCandidate) -> PlaceMention:
        at = nt.text.index(word)
        return PlaceMention(at, at + len(word), word, at, at + len(word), word, candidates)

    places = [mention("الزياره", first), mention("المنصوره", far, near)]
    draft = Draft(
        _trigger(0, 3), Sentence(0, 0, len(nt.text), nt.text), "Battles", "Armed clash",
        None, None, [], [], date(2015, 8, 7), 1, "stated", None,
        Location(first, places[0], 1, "village named in the sentence"),
    )  # fmt: skip
    assert start == places[0].norm_start
    (copy,) = _listed_places(nt.text, draft, places, default_assembly_words())
    assert copy.location is not None and copy.location.candidate.name_en == "Mansoura"
