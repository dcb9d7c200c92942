"""Geocoding: which named place is the event's, and at what precision."""

from __future__ import annotations

from collections import Counter

import pytest

from marsad.errors import DataError
from marsad.geocode import PlaceCues, best_candidate, locate, place_cues, report_votes
from marsad.normalize import NormalizedText, normalize
from marsad.recognize.dates import load_data
from marsad.recognize.types import PlaceCandidate, PlaceMention, mention_fields


def cand(id_: str, name: str, kind: str, admin1: str, country: str = "SY") -> PlaceCandidate:
    names = {"SY": "Syria", "IQ": "Iraq", "TR": "Turkey"}
    return PlaceCandidate(id_, "", name, kind, 35.0, 36.0, country, names[country], admin1)


def place(nt: NormalizedText, word: str, *candidates: PlaceCandidate) -> PlaceMention:
    start = nt.text.index(word)
    fields = mention_fields(nt, start, start + len(word))
    return PlaceMention(**fields, key=word, candidates=candidates)  # type: ignore[arg-type]


IDLIB_GOV = cand("g1", "Idlib", "governorate", "Idlib")
IDLIB_TOWN = cand("t1", "Idlib", "town", "Idlib")
HOMS_GOV = cand("g2", "Homs", "governorate", "Homs")


def test_candidate_agrees_with_the_governorate_named_nearby() -> None:
    nt = normalize("قرية الحميدية في محافظة حمص")
    hamidiya = place(
        nt, "الحميديه", cand("a", "Al-Hamidiya", "village", "Tartous"),
        cand("b", "Al-Hamidiya", "village", "Homs"),
    )  # fmt: skip
    chosen = best_candidate(hamidiya, {("SY", "Homs")}, set(), Counter())
    assert chosen is not None and chosen.admin1 == "Homs"


def test_town_near_is_precision_two_and_governorate_alone_three() -> None:
    nt = normalize("هجوم بالقرب من مدينة السخنة شرقي محافظة حمص")
    town = place(nt, "السخنه", cand("s", "As-Sukhneh", "town", "Homs"))
    gov = place(nt, "حمص", HOMS_GOV)
    found = locate(nt.text, 4, [town, gov], [], report_votes([town, gov]))
    assert found is not None
    assert found.candidate.name_en == "As-Sukhneh" and found.geo_precision == 2
    nt2 = normalize("قصف في محافظة حمص")
    only = place(nt2, "حمص", HOMS_GOV)
    found2 = locate(nt2.text, 3, [only], [], report_votes([only]))
    assert found2 is not None and found2.geo_precision == 3


def test_bare_name_of_a_governorate_means_the_governorate() -> None:
    nt = normalize("قصف في إدلب")
    mention = place(nt, "ادلب", IDLIB_TOWN, IDLIB_GOV)
    found = locate(nt.text, 3, [mention], [], report_votes([mention]))
    assert found is not None and found.candidate.kind == "governorate"
    nt2 = normalize("قصف في مدينة إدلب")
    mention2 = place(nt2, "ادلب", IDLIB_TOWN, IDLIB_GOV)
    found2 = locate(nt2.text, 3, [mention2], [], report_votes([mention2]))
    assert found2 is not None and found2.candidate.kind == "town"


def test_region_refined_by_a_town_named_next() -> None:
    nt = normalize("أرسل رتلا إلى ريف إدلب.\nلإقامة نقطة في بلدة كنصفرة")
    region = place(nt, "ادلب", IDLIB_GOV)
    town = place(nt, "كنصفره", cand("k", "Kansafra", "town", "Idlib"))
    found = locate(nt.text, 5, [region], [[town]], report_votes([region, town]))
    assert found is not None and found.candidate.name_en == "Kansafra"


def test_neighbouring_sentence_and_nothing_at_all() -> None:
    nt = normalize("قصف الجيش مواقع.\nوذلك في محافظة إدلب")
    gov = place(nt, "ادلب", IDLIB_GOV)
    found = locate(nt.text, 3, [], [[gov]], report_votes([gov]))
    assert found is not None and found.geo_precision == 3
    assert "neighbouring" in found.rule
    assert locate(nt.text, 3, [], [[]], Counter()) is None


def test_report_country_outweighs_a_foreign_homonym() -> None:
    nt = normalize("قصف في الزاوية قرب إدلب")
    foreign = place(nt, "الزاويه", cand("z", "Az Zawiya", "governorate", "Zawiya", "IQ"))
    gov = place(nt, "ادلب", IDLIB_GOV)
    votes = report_votes([gov, gov, gov, foreign])
    found = locate(nt.text, 3, [foreign, gov], [], votes)
    assert found is not None and found.candidate.country_code == "SY"


def test_a_distance_reference_is_not_the_event_place() -> None:
    nt = normalize("اشتباكات في محافظة الأنبار (118 كم غربي بغداد)")
    anbar = place(nt, "الانبار", cand("g3", "Al-Anbar", "governorate", "Al-Anbar", "IQ"))
    baghdad = place(nt, "بغداد", cand("t3", "Baghdad", "town", "Baghdad", "IQ"))
    found = locate(nt.text, 8, [anbar, baghdad], [], report_votes([anbar, baghdad]))
    assert found is not None and found.candidate.name_en == "Al-Anbar"
    # The same town named as the place itself is chosen.
    nt2 = normalize("اشتباكات في محافظة الأنبار وفي بغداد")
    anbar2 = place(nt2, "الانبار", cand("g3", "Al-Anbar", "governorate", "Al-Anbar", "IQ"))
    baghdad2 = place(nt2, "بغداد", cand("t3", "Baghdad", "town", "Baghdad", "IQ"))
    found2 = locate(nt2.text, 8, [anbar2, baghdad2], [], report_votes([anbar2, baghdad2]))
    assert found2 is not None and found2.candidate.name_en == "Baghdad"


def test_a_foreign_namesake_loses_to_a_place_of_the_report_country() -> None:
    nt = normalize("قصف على بلدة الطيبة بالغوطة الغربية")
    taybeh = place(nt, "الطيبه", cand("j", "At-Taybeh", "village", "Irbid", "IQ"))
    ghouta = place(nt, "الغوطه الغربيه", cand("w", "Western Ghouta", "region", "Rural Damascus"))
    homs = place(nt, "قصف", HOMS_GOV)  # another Syrian place elsewhere in the report
    found = locate(nt.text, 3, [taybeh, ghouta], [], report_votes([taybeh, ghouta, homs]))
    assert found is not None and found.candidate.name_en == "Western Ghouta"


def test_a_town_across_the_border_from_the_place_is_a_reference() -> None:
    # The text names the foreign town's country, so it is no namesake, and the
    # Syrian town opposite it (alias in brackets included) only locates it.
    nt = normalize("تفجير في بلدة سروج التركية المقابلة لمدينة عين العرب (كوباني) السورية")
    suruc = place(nt, "سروج", cand("tr", "Suruc", "town", "Sanliurfa", "TR"))
    kobani = place(nt, "عين العرب", cand("k", "Ayn al Arab", "town", "Aleppo"))
    alias = place(nt, "كوباني", cand("k", "Ayn al Arab", "town", "Aleppo"))
    aleppo = place(nt, "تفجير", cand("g", "Aleppo", "governorate", "Aleppo"))
    votes = report_votes([suruc, kobani, alias, aleppo, aleppo])
    found = locate(nt.text, 5, [suruc, kobani, alias], [], votes)
    assert found is not None and found.candidate.name_en == "Suruc"
    # Without the country's name the Turkish town is a namesake the report's
    # country outweighs.
    nt2 = normalize("تفجير في بلدة سروج قرب مدينة عين العرب")
    suruc2 = place(nt2, "سروج", cand("tr", "Suruc", "town", "Sanliurfa", "TR"))
    kobani2 = place(nt2, "عين العرب", cand("k", "Ayn al Arab", "town", "Aleppo"))
    found2 = locate(nt2.text, 5, [suruc2, kobani2], [], votes)
    assert found2 is not None and found2.candidate.name_en == "Ayn al Arab"


def test_an_approximate_distance_is_a_reference_too() -> None:
    nt = normalize("اشتباكات في سبها التي تبعد 650 كيلومتر تقريبا جنوب طرابلس")
    sabha = place(nt, "سبها", cand("s", "Sabha", "town", "Sabha"))
    tripoli = place(nt, "طرابلس", cand("t", "Tripoli", "town", "Tripoli"))
    found = locate(nt.text, 3, [sabha, tripoli], [], report_votes([sabha, tripoli]))
    assert found is not None and found.candidate.name_en == "Sabha"


def test_a_region_is_refined_only_by_a_town_near_it() -> None:
    desert = PlaceCandidate(
        "d", "", "As-Sukhneh desert", "region", 34.9, 38.9, "SY", "Syria", "Homs"
    )
    far = PlaceCandidate("p", "", "Tadmor", "town", 34.56, 38.27, "SY", "Syria", "Homs")
    near = PlaceCandidate("s", "", "As-Sukhneh", "town", 34.886, 38.871, "SY", "Syria", "Homs")
    nt = normalize("غارات على مواقع في بادية السخنة. وفي مدينة المكان")
    region = place(nt, "باديه السخنه", desert)
    for town, expected in ((far, "As-Sukhneh desert"), (near, "As-Sukhneh")):
        next_one = place(nt, "المكان", town)
        found = locate(nt.text, 5, [region], [[next_one]], report_votes([region, next_one]))
        assert found is not None and found.candidate.name_en == expected


def test_the_actors_country_breaks_a_tie_between_namesakes() -> None:
    nt = normalize("اشتباكات في محيط مدينة السخنة")
    syrian = cand("s", "As-Sukhneh", "town", "Homs")
    yemeni = PlaceCandidate("y", "", "As-Sukhnah", "town", 14.9, 43.4, "YE", "Yemen", "Al Hudaydah")
    mention = place(nt, "السخنه", yemeni, syrian)
    for homes, expected in ((["SY"], "SY"), (["YE"], "YE")):
        found = locate(nt.text, 8, [mention], [], report_votes([mention]), homes)
        assert found is not None and found.candidate.country_code == expected


def test_a_capital_that_speaks_or_is_served_is_its_government() -> None:
    for raw in ("شككت دمشق أمس في الغارات التركية", "هاجم المسلحون القوات الموالية لدمشق"):
        nt = normalize(raw)
        damascus = place(nt, "دمشق", cand("d", "Damascus", "town", "Damascus"))
        assert locate(nt.text, 3, [damascus], [], report_votes([damascus])) is None, raw
    nt = normalize("سقطت قذائف على دمشق أمس")
    damascus = place(nt, "دمشق", cand("d", "Damascus", "town", "Damascus"))
    assert locate(nt.text, 3, [damascus], [], report_votes([damascus])) is not None


def test_the_words_around_a_place_are_data() -> None:
    data = load_data("geocode/cues.yaml")
    packaged = place_cues()
    assert "باديه" in packaged.near  # written بادية in the file, folded like the text
    assert packaged.government.search("وقالت ") is not None
    # A statement verb an analyst adds takes effect; the packaged words lack it.
    extended = PlaceCues.from_data({**data, "statement_verbs": ["صرّحت"]})
    assert extended.government.search("صرحت ") is not None
    assert packaged.government.search("صرحت ") is None
    with pytest.raises(DataError):
        PlaceCues.from_data({**data, "near": "قرب"})  # a string, not a list
    with pytest.raises(DataError):
        PlaceCues.from_data({k: v for k, v in data.items() if k != "answering"})


def test_distances_and_roads_are_read_from_the_data() -> None:
    data = load_data("geocode/cues.yaml")
    packaged = place_cues()
    assert packaged.distance.search("على بعد 20 كيلومترا شمال ") is not None
    assert packaged.road_between.search("على الطريق الواصل بين ") is not None
    # A unit or a road word an analyst adds takes effect; the packaged words lack them.
    extended = PlaceCues.from_data(
        {**data, "distance_units": ["فرسخ"], "roads": ["الجادة", "جادة"]}
    )
    assert extended.distance.search("نحو فرسخ شرق ") is not None
    assert packaged.distance.search("نحو فرسخ شرق ") is None
    assert extended.road_between.search("على جاده تصل بين ") is not None
    assert packaged.road_between.search("على جاده تصل بين ") is None
    with pytest.raises(DataError):
        PlaceCues.from_data({k: v for k, v in data.items() if k != "roads"})


def test_a_border_town_facing_an_unknown_governorate_is_a_data_error() -> None:
    from marsad.errors import DataError
    from marsad.geocode import border_faces

    with pytest.raises(DataError, match="no governorate"):
        border_faces(lambda code, admin1: None, {"faces": {"cur:tr-kilis": ["SY", "Aleppo"]}})


def test_a_place_after_another_events_word_is_that_events() -> None:
    # "تفجير في جرابلس" places the bombing; the protest told before it keeps the
    # town the line opens with.
    nt = normalize("منبج: مقتل متظاهر خلال احتجاج على وفاة معتقل، وتفجير في جرابلس")
    menbij = place(nt, "منبج", cand("m", "Menbij", "town", "Aleppo"))
    jarablus = place(nt, "جرابلس", cand("j", "Jarablus", "town", "Aleppo"))
    protest_end = nt.text.index("احتجاج") + len("احتجاج")
    bombing = nt.text.index("تفجير")
    votes = report_votes([menbij, jarablus])
    found = locate(nt.text, protest_end, [menbij, jarablus], [], votes, next_event=bombing)
    assert found is not None and found.candidate.name_en == "Menbij"
    found = locate(nt.text, protest_end, [menbij, jarablus], [], votes)
    assert found is not None and found.candidate.name_en == "Jarablus"


def test_the_towns_a_road_runs_between_are_references() -> None:
    raw = "كمين على الطريق الواصل بين تدمر ودير الزور بالقرب من مدينة السخنة"
    nt = normalize(raw)
    tadmor = place(nt, "تدمر", cand("t", "Tadmor", "town", "Homs"))
    deir = place(nt, "دير الزور", cand("d", "Deir ez-Zor", "town", "Deir ez-Zor"))
    sukhneh = place(nt, "السخنه", cand("s", "As-Sukhneh", "town", "Homs"))
    votes = report_votes([tadmor, deir, sukhneh, tadmor])
    found = locate(nt.text, 4, [tadmor, deir, sukhneh], [], votes)
    assert found is not None and found.candidate.name_en == "As-Sukhneh"
    # A road named by its ends alone still places the event at one of them.
    nt2 = normalize("كمين على الطريق الواصل بين تدمر ودير الزور")
    tadmor2 = place(nt2, "تدمر", cand("t", "Tadmor", "town", "Homs"))
    deir2 = place(nt2, "دير الزور", cand("d", "Deir ez-Zor", "town", "Deir ez-Zor"))
    found2 = locate(nt2.text, 4, [tadmor2, deir2], [], report_votes([tadmor2, deir2]))
    assert found2 is not None and found2.candidate.name_en in {"Tadmor", "Deir ez-Zor"}


def test_a_town_named_as_a_street_or_quarter_is_passed_over() -> None:
    nt = normalize("اغتيال عضو في المجلس في شارع تل أبيض وسط مدينة الرقة")
    street = place(nt, "تل ابيض", cand("t", "Tall Abyad", "town", "Ar-Raqqa"))
    raqqa = place(nt, "الرقه", cand("r", "Ar-Raqqa", "town", "Ar-Raqqa"))
    found = locate(nt.text, 6, [street, raqqa], [], report_votes([street, raqqa]))
    assert found is not None and found.candidate.name_en == "Ar-Raqqa"
    # Named on its own, the town is the place.
    nt2 = normalize("اغتيال عضو في المجلس في مدينة تل أبيض")
    town = place(nt2, "تل ابيض", cand("t", "Tall Abyad", "town", "Ar-Raqqa"))
    found2 = locate(nt2.text, 6, [town], [], report_votes([town]))
    assert found2 is not None and found2.candidate.name_en == "Tall Abyad"
