"""Assembly of events from scored triggers and hand-built recogniser mentions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import pytest
from tests.conftest import assert_folded_word_list

import marsad
from marsad.errors import DataError
from marsad.events import Event
from marsad.extraction.assembly import Assembler
from marsad.extraction.classifier import EventMentionDetector, SentenceTriggers
from marsad.extraction.drafts import Mentions
from marsad.extraction.fatalities import choose_fatalities, split_per_day
from marsad.extraction.notes import build_notes
from marsad.extraction.words import WORDS_FILE, AssemblyWords, default_assembly_words
from marsad.normalize import NormalizedText, match_key, normalize
from marsad.recognize.dates import load_data
from marsad.recognize.types import (
    ActorEntry,
    ActorMention,
    CasualtyMention,
    DateMention,
    PlaceCandidate,
    PlaceMention,
    mention_fields,
)

TURKEY = ActorEntry("Military Forces of Turkey", "State forces", 1, "TR")
SYRIA = ActorEntry("Military Forces of Syria", "State forces", 1, "SY")
KANSAFRA = PlaceCandidate("k", "كنصفرة", "Kansafra", "town", 35.6, 36.53, "SY", "Syria", "Idlib")
HAMA = PlaceCandidate("h", "حماة", "Hama", "town", 35.13, 36.75, "SY", "Syria", "Hama")
IDLIB = PlaceCandidate("i", "إدلب", "Idlib", "governorate", 35.9, 36.6, "SY", "Syria", "Idlib")


class Resolver:
    """The actor dictionary's contract, for two actors."""

    def resolve_mention(self, mention: ActorMention, country_code: str | None) -> ActorEntry:
        return mention.actor

    def inter_for(self, entry: ActorEntry, event_country_code: str | None) -> int:
        if entry.country and event_country_code and entry.country != event_country_code:
            return 8
        return entry.inter

    def resolve_anaphor(
        self, anaphor: object, preceding: Sequence[ActorMention]
    ) -> ActorMention | None:
        return preceding[-1] if preceding else None


@lru_cache(maxsize=1)
def detector() -> EventMentionDetector:
    return EventMentionDetector()


def span(nt: NormalizedText, word: str, nth: int = 0) -> dict[str, object]:
    start = -1
    for _ in range(nth + 1):
        start = nt.text.index(word, start + 1)
    return mention_fields(nt, start, start + len(word))


def actor(nt: NormalizedText, word: str, entry: ActorEntry, nth: int = 0) -> ActorMention:
    return ActorMention(**span(nt, word, nth), actor=entry)  # type: ignore[arg-type]


def town(nt: NormalizedText, word: str, cand: PlaceCandidate, nth: int = 0) -> PlaceMention:
    return PlaceMention(**span(nt, word, nth), key=word, candidates=(cand,))  # type: ignore[arg-type]


def day(nt: NormalizedText, words: str, value: date) -> DateMention:
    return DateMention(**span(nt, words), value=value, precision=1, reason="weekday")  # type: ignore[arg-type]


def code(
    nt: NormalizedText,
    mentions: Mentions,
    detected: Sequence[SentenceTriggers] | None = None,
    words: AssemblyWords | None = None,
) -> list[Event]:
    """The events of ``nt`` published on 21 November 2020, from hand-made mentions."""
    return Assembler(Resolver(), words=words).assemble(
        doc_id="t", source=None, text=nt.text, published=date(2020, 11, 21),
        detected=detector().detect(nt) if detected is None else detected, mentions=mentions,
    )  # fmt: skip


RAW = (
    "وفي يوم الأحد، قصـ.ـف الجيش التركي مواقع لقوات النظام قرب بلدة كنصفرة "
    "في محافظة إدلب، ما أسفر عن مقتل 4 عناصر.\n"
    "وأسفر القصف عن تدمير آليتين."
)


def build(raw: str, published: date | None = date(2020, 11, 21)) -> tuple[list[Event], str]:
    nt = normalize(raw)
    mentions = Mentions(
        actors=[
            actor(nt, "الجيش التركي", TURKEY),
            actor(nt, "قوات النظام", SYRIA),
        ],
        places=[
            town(nt, "كنصفره", KANSAFRA),
            town(nt, "ادلب", IDLIB),
        ],
        dates=[
            day(nt, "يوم الاحد", date(2020, 11, 15)),
        ],
        casualties=[
            CasualtyMention(**span(nt, "مقتل 4 عناصر"), kind="killed", count=4, rule="explicit"),  # type: ignore[arg-type]
        ],
    )
    detected = detector().detect(nt)
    events = Assembler(Resolver(), iso_numeric=lambda code: 760).assemble(
        doc_id="d1", source="test", text=nt.text, published=published, detected=detected,
        mentions=mentions,
    )  # fmt: skip
    return events, raw


def test_one_event_with_all_fields_and_evidence() -> None:
    events, raw = build(RAW)
    assert len(events) == 1
    event = events[0]
    assert (event.event_type, event.sub_event_type) == (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
    )
    assert event.actor1 == "Military Forces of Turkey" and event.inter1 == 8
    assert event.actor2 == "Military Forces of Syria" and event.inter2 == 1
    assert event.interaction == 18
    assert event.event_date == date(2020, 11, 15) and event.time_precision == 1
    assert event.location == "Kansafra" and event.admin1 == "Idlib"
    assert event.geo_precision == 2  # "قرب"
    assert event.iso == 760 and event.country == "Syria"
    assert event.fatalities == 4 and "lowest credible" in event.fatalities_rule
    assert event.complete and 0 < event.confidence <= 1
    fields = {e.field for e in event.evidence}
    assert {"trigger", "actor1", "actor2", "location", "event_date", "fatalities"} <= fields
    for evidence in event.evidence:
        assert raw[evidence.start : evidence.end] == evidence.text
    # The second sentence refers back to the shelling: one event, two triggers.
    assert sum(e.field == "trigger" for e in event.evidence) == 2
    assert event.notes.startswith("On 15 November 2020, Military Forces of Turkey shelled")
    assert event.event_id == build(RAW)[0][0].event_id


def test_negated_report_gives_no_event() -> None:
    events, _ = build(RAW.replace("قصـ.ـف الجيش", "لم يقصف الجيش"))
    assert all(e.event_type != "Explosions/Remote violence" for e in events)


def test_background_outside_the_time_frame_is_dropped() -> None:
    events, _ = build(RAW, published=date(2023, 1, 1))
    assert events == []


def test_unplaced_event_is_kept_and_flagged() -> None:
    raw = "وفي يوم الأحد، قصف الجيش التركي مواقع لقوات النظام."
    nt = normalize(raw)
    mentions = Mentions(
        actors=[ActorMention(**span(nt, "الجيش التركي"), actor=TURKEY)],  # type: ignore[arg-type]
    )
    events = code(nt, mentions)
    assert len(events) == 1
    assert events[0].location is None and events[0].complete is False
    assert events[0].time_precision == 2  # publication date, no date stated


def test_undated_event_is_dated_the_day_before_publication_by_default() -> None:
    raw = "قصف الجيش التركي مواقع لقوات النظام."
    nt = normalize(raw)
    mentions = Mentions(actors=[actor(nt, "الجيش التركي", TURKEY), actor(nt, "قوات النظام", SYRIA)])
    dated = {}
    for lag in (1, 0):
        events = Assembler(Resolver(), undated_lag_days=lag).assemble(
            doc_id="t", source=None, text=nt.text, published=date(2020, 11, 21),
            detected=detector().detect(nt), mentions=mentions,
        )  # fmt: skip
        assert len(events) == 1 and events[0].time_precision == 2
        dated[lag] = events[0].event_date
    assert dated == {1: date(2020, 11, 20), 0: date(2020, 11, 21)}


def test_battle_without_any_party_is_not_coded() -> None:
    raw = "وفي يوم الأحد، اشتبك مسلحون قرب بلدة كنصفرة."
    nt = normalize(raw)
    place = PlaceMention(**span(nt, "كنصفره"), key="كنصفره", candidates=(KANSAFRA,))  # type: ignore[arg-type]
    events = Assembler(Resolver()).assemble(
        doc_id="d3", source=None, text=nt.text, published=date(2020, 11, 21),
        detected=detector().detect(nt), mentions=Mentions(places=[place]),
    )  # fmt: skip
    assert events == []
    nt = normalize(raw.replace("مسلحون", "الجيش التركي"))
    actor = ActorMention(**span(nt, "الجيش التركي"), actor=TURKEY)  # type: ignore[arg-type]
    place = PlaceMention(**span(nt, "كنصفره"), key="كنصفره", candidates=(KANSAFRA,))  # type: ignore[arg-type]
    events = Assembler(Resolver()).assemble(
        doc_id="d3", source=None, text=nt.text, published=date(2020, 11, 21),
        detected=detector().detect(nt), mentions=Mentions(actors=[actor], places=[place]),
    )  # fmt: skip
    assert [e.event_type for e in events] == ["Battles"]


def test_fatalities_rules() -> None:
    nt = normalize("مقتل 5 ومقتل 3")
    five = CasualtyMention(**span(nt, "مقتل 5"), kind="killed", count=5, rule="n")  # type: ignore[arg-type]
    three = CasualtyMention(**span(nt, "مقتل 3"), kind="killed", count=3, rule="n")  # type: ignore[arg-type]
    assert choose_fatalities([five, three], [False, False]).count == 3
    assert choose_fatalities([five, three], [False, True]).count == 5
    assert "claim" in choose_fatalities([three], [True]).rule
    assert choose_fatalities([], []).rule == "no mention"
    # Each side's lowest figure, summed; an unnamed toll could be either side's.
    sides = ["Military Forces of Syria", "Opposition Rebels (Syria)"]
    assert choose_fatalities([five, three], [False, False], sides).count == 8
    assert choose_fatalities([five, three], [False, False], [sides[0], None]).count == 3
    assert choose_fatalities([five, three], [False, False], [sides[0]] * 2).count == 3
    assert split_per_day(10, 3) == [4, 3, 3]
    # A stated number outranks a vague word's coded value, even a lower one.
    nt = normalize("سقط عشرات القتلى ومقتل 17")
    dozens = CasualtyMention(
        **span(nt, "عشرات القتلي"), kind="killed", count=12, rule="vague: dozens -> 12"
    )  # type: ignore[arg-type]
    seventeen = CasualtyMention(
        **span(nt, "مقتل 17"), kind="killed", count=17, rule="explicit number"
    )  # type: ignore[arg-type]
    assert choose_fatalities([dozens, seventeen], [False, False]).count == 17
    assert choose_fatalities([dozens], [False]).count == 12


@pytest.mark.parametrize(
    ("precision", "start"), [(1, "On 5 March"), (2, "Around"), (3, "In March")]
)
def test_notes(precision: int, start: str) -> None:
    text = build_notes(
        event_date=date(2021, 3, 5), time_precision=precision, sub_event_type="Arrests",
        actor1="Police Forces of Iraq", actor2=None, location="Basra", fatalities=0,
    )  # fmt: skip
    assert text.startswith(start) and "carried out arrests in Basra" in text


def test_later_sentence_without_date_or_place_is_not_a_new_event() -> None:
    # A different kind of incident with neither a date nor a place of its own,
    # after the report's first event, is background or commentary.
    raw = RAW.replace("وأسفر القصف عن تدمير آليتين.", "واعتقلت قوات النظام شخصين.")
    events, _ = build(raw)
    assert [e.sub_event_type for e in events] == ["Shelling/artillery/missile attack"]
    # With a date of its own it is a separate incident.
    raw = raw.replace("واعتقلت", "ويوم السبت اعتقلت")
    nt = normalize(raw)
    saturday = day(nt, "يوم السبت", date(2020, 11, 14))
    mentions = Mentions(
        actors=[
            actor(nt, "الجيش التركي", TURKEY),
            actor(nt, "قوات النظام", SYRIA, nth=1),
        ],
        dates=[saturday],
    )
    events = code(nt, mentions)
    assert [e.event_date for e in events] == [date(2020, 11, 20), date(2020, 11, 14)]


def test_control_as_an_aim_is_not_a_territory_event() -> None:
    raw = "وبين الجيش التركي وقوات النظام تنافس شديد على السيطرة على البلدة."
    nt = normalize(raw)
    mentions = Mentions(
        actors=[
            actor(nt, "الجيش التركي", TURKEY),
            actor(nt, "قوات النظام", SYRIA),
        ],
    )
    detected = detector().detect(nt)
    assert [t.decision.reason for g in detected for t in g.triggers] == ["unanchored noun"]
    events = code(nt, mentions, detected)
    assert events == []


def test_a_second_report_of_the_same_strike_naming_one_side_joins_the_first() -> None:
    raw = (
        "وفي يوم الأحد، قصف الجيش التركي مواقع لقوات النظام قرب بلدة كنصفرة.\n"
        "وقالت مصادر إن قصفا استهدف قوات النظام في بلدة كنصفرة."
    )
    nt = normalize(raw)
    mentions = Mentions(
        actors=[
            actor(nt, "الجيش التركي", TURKEY),
            actor(nt, "قوات النظام", SYRIA),
            actor(nt, "قوات النظام", SYRIA, nth=1),
        ],
        places=[
            town(nt, "كنصفره", KANSAFRA),
            town(nt, "كنصفره", KANSAFRA, nth=1),
        ],
    )
    events = code(nt, mentions)
    assert len(events) == 1
    assert (events[0].actor1, events[0].actor2) == (
        "Military Forces of Turkey",
        "Military Forces of Syria",
    )
    assert sum(e.field == "trigger" for e in events[0].evidence) >= 2


PROTESTERS = ActorEntry("Protesters (Syria)", "Protesters", 6, "SY")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # Forces firing on demonstrators: a protest met with excessive force.
        (
            "وفي يوم الأحد، أطلقت قوات النظام الرصاص الحي على المتظاهرين في بلدة كنصفرة.",
            ("Protests", "Excessive force against protesters", "Protesters (Syria)"),
        ),
        # Demonstrators fighting the forces: a riot.
        (
            "وفي يوم الأحد، اندلعت اشتباكات بين المتظاهرين وقوات النظام في بلدة كنصفرة.",
            ("Riots", "Violent demonstration", "Rioters (Syria)"),
        ),
    ],
)
def test_violence_with_a_crowd_is_coded_as_a_demonstration(
    raw: str, expected: tuple[str, str, str]
) -> None:
    nt = normalize(raw)
    mentions = Mentions(
        actors=[
            actor(nt, "قوات النظام", SYRIA),
            actor(nt, "المتظاهرين", PROTESTERS),
        ],
        places=[PlaceMention(**span(nt, "كنصفره"), key="كنصفره", candidates=(KANSAFRA,))],  # type: ignore[arg-type]
    )
    events = code(nt, mentions)
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [expected]
    assert events[0].actor2 == "Military Forces of Syria"


def test_a_trigger_inside_an_actor_name_is_dropped() -> None:
    from marsad.extraction import without_names

    nt = normalize("وانتشر عناصر هيئة تحرير الشام في البلدة")
    detected = detector().detect(nt)
    assert [t.mention.text for g in detected for t in g.triggers] == ["تحرير"]
    start = nt.text.index("هيئه")
    name = (start + 1, start + len("هيئه تحرير الشام"))
    assert [t for g in without_names(detected, [name]) for t in g.triggers] == []


@pytest.mark.parametrize(
    ("raw", "attacker"),
    [
        # Shelling by aircraft.
        (
            "وفي يوم الأحد، قصف الطيران الحربي التركي مواقع لقوات النظام قرب بلدة كنصفرة.",
            "الطيران الحربي التركي",
        ),
        # A general attack word with aircraft as the attacker.
        (
            "وفي يوم الأحد، استهدفت مقاتلات الجيش التركي مواقع لقوات النظام قرب بلدة كنصفرة.",
            "الجيش التركي",
        ),
    ],
)
def test_attacks_from_the_air_are_air_strikes(raw: str, attacker: str) -> None:
    nt = normalize(raw)
    mentions = Mentions(actors=[actor(nt, attacker, TURKEY), actor(nt, "قوات النظام", SYRIA)])
    assert [(e.event_type, e.sub_event_type) for e in code(nt, mentions)] == [
        ("Explosions/Remote violence", "Air/drone strike")
    ]


def test_an_actor_named_as_the_source_is_not_a_party() -> None:
    from marsad.extraction import without_sources

    nt = normalize("وقالت مصادر بالشرطة ومتحدث باسم الجيش التركي إن قوات النظام قصفت البلدة")
    actors = [
        actor(nt, "الشرطه", SYRIA),
        actor(nt, "الجيش التركي", TURKEY),
        actor(nt, "قوات النظام", SYRIA),
    ]
    assert [a.text for a in without_sources(actors, nt.text)] == ["قوات النظام"]


def test_a_general_attack_word_without_attacker_follows_the_previous_strike() -> None:
    raw = (
        "وفي يوم الأحد، قصف الطيران الحربي التركي مواقع لقوات النظام قرب بلدة كنصفرة.\n"
        "وأشار المصدر إلى مقتل 4 عناصر جراء استهداف مبنى في مدينة حماة."
    )
    nt = normalize(raw)
    mentions = Mentions(
        actors=[
            actor(nt, "الطيران الحربي التركي", TURKEY),
            actor(nt, "قوات النظام", SYRIA),
        ],
        places=[
            town(nt, "كنصفره", KANSAFRA),
            town(nt, "حماه", HAMA),
        ],
    )
    events = code(nt, mentions)
    assert [(e.sub_event_type, e.actor1, e.location) for e in events] == [
        ("Air/drone strike", "Military Forces of Turkey", "Kansafra"),
        ("Air/drone strike", "Military Forces of Turkey", "Hama"),
    ]


def test_a_crowd_setting_fire_to_a_building_is_a_riot() -> None:
    raw = "وفي يوم الأحد، أضرم المتظاهرون النار في مبنى البلدية في بلدة كنصفرة."
    nt = normalize(raw)
    mentions = Mentions(
        actors=[ActorMention(**span(nt, "المتظاهرون"), actor=PROTESTERS)],  # type: ignore[arg-type]
        places=[PlaceMention(**span(nt, "كنصفره"), key="كنصفره", candidates=(KANSAFRA,))],  # type: ignore[arg-type]
    )
    events = code(nt, mentions)
    assert [(e.event_type, e.sub_event_type, e.actor1) for e in events] == [
        ("Riots", "Violent demonstration", "Rioters (Syria)")
    ]


def _turkish_shelling_on_sunday(nt: NormalizedText) -> Mentions:
    """The mentions of a sentence telling that the Turkish army shelled regime
    positions near Kansafra, dated Sunday."""
    return Mentions(
        actors=[actor(nt, "الجيش التركي", TURKEY), actor(nt, "قوات النظام", SYRIA)],
        places=[town(nt, "كنصفره", KANSAFRA)],
        dates=[day(nt, "يوم الاحد", date(2020, 11, 15))],
    )


def test_the_day_of_a_statement_dates_the_event_loosely() -> None:
    raw = "وقال المرصد يوم الأحد إن الجيش التركي قصف مواقع لقوات النظام قرب بلدة كنصفرة."
    nt = normalize(raw)
    mentions = _turkish_shelling_on_sunday(nt)
    (event,) = code(nt, mentions)
    assert (event.event_date, event.time_precision) == (date(2020, 11, 15), 2)
    # Said of the event itself, the same day is exact.
    raw = "وقصف الجيش التركي يوم الأحد مواقع لقوات النظام قرب بلدة كنصفرة."
    nt = normalize(raw)
    mentions = _turkish_shelling_on_sunday(nt)
    (event,) = code(nt, mentions)
    assert (event.event_date, event.time_precision) == (date(2020, 11, 15), 1)


# -- the word lists of extraction/words.yaml ------------------------------------


def with_words(**added: list[str]) -> AssemblyWords:
    """The packaged word lists with ``added`` words, as an analyst would extend them."""
    data = load_data(WORDS_FILE)
    for name, words in added.items():
        data[name] = [*data[name], *words]
    return AssemblyWords.from_data(data)


def test_the_word_lists_load_once_in_matching_form() -> None:
    words = default_assembly_words()
    assert default_assembly_words() is words
    assert words.version != "unversioned"
    assert {"مصادر", "وكاله"} <= words.source_words
    assert {"قال", "اعلنت"} <= words.speech_verbs
    assert "طيران" in words.airborne
    for word in (*words.source_words, *words.speech_verbs, *words.airborne):
        assert match_key(word) == word


# The lists moved out of the code, each with a word it must hold.
MOVED_LISTS = {
    "source_links": "باسم",
    "outcome_words": "مجزره",
    "struck_areas": "مناطق",
    "combatant_words": "عناصر",
    "national_forces": "دبابات",
    "back_references": "ذاته",
    "preceding_demonstratives": "وهذا",
    "result_verbs": "اسفر",
    "claim_cues": "زعم",
    "agent_markers": "علي يد",
    "target_markers": "ضد",
    "member_of_nouns": "صفوف",
    "membership_prepositions": "في",
    "membership_ranks": "صفوف",
    "partitive_nouns": "عناصر",
    "intervention_words": "الرصاص الحي",
    "intervention_word_ends": "فض",
    "firing_verbs": "اطلق",
    "ammunition": "الغاز",
    "settlement_nouns": "بلده",
    "listed_settlement_nouns": "قري",
    "performed_by": "شنته",
    "claiming_verbs": "يتبني",
    "unit_words": "دوريه",
    "count_words": "عشرات",
    "counted_passive_verbs": "اغتال",
    "time_words": "الجمعه",
    "earlier_object_markers": "استهدفت",
    "lam_initial_words": "لواء",
    "locator_heads": "مناطق",
    "control_nouns": "نفوذ",
    "control_verbs": "يسيطر",
    "control_objects": "عليها",
    "subject_to_words": "الخاضعين",
    "affiliation_words": "تابعه",
    "source_places": "جهه",
    "supporter_stems": "مسنود",
    "supporter_phrases": "بدعم من",
    "side_markers": "من جهه",
}


@pytest.mark.parametrize(("name", "word"), MOVED_LISTS.items())
def test_each_list_is_loaded_folded_and_non_empty(name: str, word: str) -> None:
    assert_folded_word_list(name, getattr(default_assembly_words(), name), word)


def test_demonstratives_point_back_both_ways() -> None:
    words = default_assembly_words()
    assert {"هذا", "تلك"} <= words.back_references & words.preceding_demonstratives
    # An added demonstrative counts after an event word and before one.
    added = with_words(demonstratives=["أولئك"])
    assert "اولئك" in added.back_references and "اولئك" in added.preceding_demonstratives


@pytest.mark.parametrize("name", [*MOVED_LISTS, "demonstratives"])
def test_a_moved_list_given_as_a_string_is_a_data_error(name: str) -> None:
    with pytest.raises(DataError):
        AssemblyWords.from_data({**load_data(WORDS_FILE), name: "على يد"})
    data = load_data(WORDS_FILE)
    del data[name]
    with pytest.raises(DataError):
        AssemblyWords.from_data(data)


def test_an_added_word_is_folded_like_the_text() -> None:
    # Written as an analyst would, with taa marbuta and hamza.
    words = with_words(source_words=["صحيفة"], speech_verbs=["أبلغَ"])
    assert "صحيفه" in words.source_words and "صحيفة" not in words.source_words
    assert "ابلغ" in words.speech_verbs and "ابلغ" not in default_assembly_words().speech_verbs


def test_an_added_word_reaches_the_patterns_built_from_its_list() -> None:
    # Written in ordinary spelling: folded before the pattern is built.
    words = with_words(settlement_nouns=["ناحية"], count_words=["تسعة"])
    assert words.patterns.settlement_anaphor.search("وفي الناحيه قتل") is not None
    assert default_assembly_words().patterns.settlement_anaphor.search("وفي الناحيه") is None
    assert words.patterns.number_after.match(" تسعه مدنيين") is not None
    # Words are escaped: a dot in a word is a dot, not any character.
    dotted = with_words(claiming_verbs=["ي.ت"])
    assert dotted.patterns.claims.match(" ي.ت") and not dotted.patterns.claims.match(" يست")


def test_a_missing_list_is_a_data_error() -> None:
    data = load_data(WORDS_FILE)
    del data["airborne"]
    with pytest.raises(DataError):
        AssemblyWords.from_data(data)
    with pytest.raises(DataError):
        AssemblyWords.from_data({**load_data(WORDS_FILE), "speech_verbs": "قال"})


def test_an_added_source_word_makes_its_actor_the_source() -> None:
    from marsad.extraction import without_sources

    nt = normalize("ونقلت صحيفة الجيش التركي أن قوات النظام قصفت البلدة")
    actors = [actor(nt, "الجيش التركي", TURKEY), actor(nt, "قوات النظام", SYRIA)]
    kept = without_sources(actors, nt.text)
    assert [a.text for a in kept] == ["الجيش التركي", "قوات النظام"]
    words = with_words(source_words=["صحيفة"])
    kept = without_sources(actors, nt.text, words)
    assert [a.text for a in kept] == ["قوات النظام"]


def test_an_added_airborne_word_makes_shelling_an_air_strike() -> None:
    raw = "وفي يوم الأحد، قصفت قاذفات الجيش التركي مواقع لقوات النظام قرب بلدة كنصفرة."
    nt = normalize(raw)
    mentions = Mentions(actors=[actor(nt, "الجيش التركي", TURKEY), actor(nt, "قوات النظام", SYRIA)])
    (event,) = code(nt, mentions)
    assert event.sub_event_type == "Shelling/artillery/missile attack"
    (event,) = code(nt, mentions, words=with_words(airborne=["قاذفات"]))
    assert event.sub_event_type == "Air/drone strike"


def test_an_added_speech_verb_dates_the_statement() -> None:
    raw = "وكشف المرصد يوم الأحد أن الجيش التركي قصف مواقع لقوات النظام قرب بلدة كنصفرة."
    nt = normalize(raw)
    mentions = _turkish_shelling_on_sunday(nt)
    (event,) = code(nt, mentions)
    assert event.time_precision == 1
    (event,) = code(nt, mentions, words=with_words(speech_verbs=["كشف"]))
    assert (event.event_date, event.time_precision) == (date(2020, 11, 15), 2)


def test_an_unplaced_event_is_a_passing_mention_only_where_no_country_is_named() -> None:
    from marsad.extraction.coding import _passing_mention

    unplaced = Event("d", "e", "Explosions/Remote violence", "Air/drone strike", actor1="X")
    # In a report that places its other events, an event whose sentence names no
    # place at all is a passing mention; one in a named country is kept.
    assert _passing_mention(unplaced, report_placed=True)
    assert not _passing_mention(unplaced, report_placed=True, named_country="IQ")
    assert not _passing_mention(unplaced, report_placed=False)


def test_a_toll_of_habitual_attacks_is_not_the_last_events() -> None:
    # The hundreds of victims belong to the bombings that recur, not to the one
    # told before them.
    raw = (
        "انفجرت عبوة ناسفة صباح أمس قرب دوار السوق في مدينة الباب بريف حلب، ما أدى إلى "
        "إصابة ثلاثة مدنيين بجروح.\n"
        "وتشهد المدينة تفجيرات متكررة منذ عام 2019، وخلفت مئات الضحايا."
    )
    events = marsad.extract(raw, published="2026-11-20")
    assert [(e.sub_event_type, e.fatalities) for e in events] == [
        ("Remote explosive/landmine/IED", 0)
    ]


def test_an_event_noun_after_aqib_dates_the_next_event() -> None:
    # "وعقب التفجير" is the time of the arrests, not a second bombing.
    raw = (
        "انفجرت سيارة مفخخة ظهر أمس في سوق مدينة الباب بريف حلب، ما أدى إلى مقتل خمسة مدنيين.\n"
        "وعقب التفجير، اعتقلت الشرطة التابعة للجيش الوطني السوري ثلاثة مشتبه بهم في المدينة."
    )
    events = marsad.extract(raw, published="2026-11-20")
    assert sorted(e.sub_event_type for e in events) == [
        "Arrests",
        "Remote explosive/landmine/IED",
    ]


def test_clashes_renewed_on_another_day_are_another_event() -> None:
    raw = (
        "اندلعت أمس الخميس اشتباكات عنيفة بين قوات الحكومة ومسلحي جماعة الحوثي في مديرية "
        "صرواح بمحافظة مأرب.\n"
        "وتجددت الاشتباكات اليوم الجمعة في المديرية، بحسب مصادر محلية."
    )
    events = marsad.extract(raw, published="2026-11-20")
    assert sorted(str(e.event_date) for e in events) == ["2026-11-19", "2026-11-20"]
    # Without a day of its own the renewed fighting is the same event.
    raw_same = raw.replace(" اليوم الجمعة", "")
    assert len(marsad.extract(raw_same, published="2026-11-20")) == 1


def test_a_crowd_named_like_the_protesters_actor_still_reports() -> None:
    # "المتظاهرين" is both the crowd word and the actor's one-word name; the
    # name does not hide the trigger it opens with.
    raw = "آلاف المتظاهرين في ساحة السير وسط مدينة السويداء اليوم يطالبون برحيل المحافظ."
    events = marsad.extract(raw, published="2026-11-20")
    assert [(e.event_type, e.actor1, str(e.event_date)) for e in events] == [
        ("Protests", "Protesters (Syria)", "2026-11-20")
    ]


def test_today_in_a_statement_dated_in_the_sentence_is_the_day_it_was_said() -> None:
    # Published on Saturday; the spokesman spoke on Thursday about "this morning".
    raw = (
        "وقال المتحدث باسم الفصائل مساء الخميس إن الاشتباكات العنيفة مع قوات النظام "
        "مستمرة منذ صباح اليوم على أطراف مدينة درعا."
    )
    events = marsad.extract(raw, published="2026-11-21")
    assert [str(e.event_date) for e in events] == ["2026-11-19"]


def test_today_in_quoted_speech_is_not_the_publication_day() -> None:
    # Published on Saturday; the commander's "today" was Thursday's fighting.
    raw = (
        "قتل ثلاثة أشخاص يوم الخميس في اشتباكات بين قوات الجيش ومسلحين في وسط مدينة درنة.\n"
        "وأضاف مسؤول عسكري للصحفيين: «خاضت وحداتنا اليوم معارك عنيفة مع المسلحين في حي "
        "الشيحة بمدينة درنة»."
    )
    events = marsad.extract(raw, published="2026-11-21")
    assert sorted({str(e.event_date) for e in events}) == ["2026-11-19"]
    # A name in quotation marks is no speech: "فجر اليوم" after it is today.
    named = 'انفجرت عبوة ناسفة بسيارة تابعة لـ"قسد" قرب بلدة البصيرة فجر اليوم.'
    (event,) = marsad.extract(named, published="2026-11-21")
    assert str(event.event_date) == "2026-11-21"


def test_the_kurdish_ruling_parties_are_not_the_pkk() -> None:
    raw = (
        "اشتبك مسلحون من حزب العمال الكردستاني مع دورية للجيش التركي قرب الحدود مع العراق أمس.\n"
        "ونفى الحزب الديمقراطي الكردستاني أي صلة له بالهجوم."
    )
    names = {a for e in marsad.extract(raw, published="2026-11-20") for a in (e.actor1, e.actor2)}
    assert "PKK: Kurdistan Workers Party" in names
    raw = "هاجم مسلحون مقرا للاتحاد الوطني الكردستاني في مدينة كركوك مساء أمس."
    (event,) = marsad.extract(raw, published="2026-11-20")
    assert event.actor2 == "PUK: Patriotic Union of Kurdistan"


def test_a_speaker_before_that_is_no_side_of_the_strike() -> None:
    # The party official reports the coalition's strikes; his party struck nothing.
    raw = (
        "وأكد القيادي البارز في الاتحاد الوطني الكردستاني هوشيار أحمد من جبهة مخمور، أن "
        "الضربات الجوية استهدفت أمس مقرا لتنظيم داعش في قرية تل الشعير."
    )
    (event,) = marsad.extract(raw, published="2026-11-20")
    assert "Kurdistan" not in (event.actor1 or "")
    assert event.actor2 == "Islamic State (Iraq)"
    # Its own forces acting make the speaker the attacker.
    own = (
        "وقال الجيش التركي في بيان إن طائراته قصفت أمس مواقع لحزب العمال الكردستاني "
        "في منطقة حاكورك شمالي العراق."
    )
    (event,) = marsad.extract(own, published="2026-11-20")
    assert event.actor1 == "Military Forces of Turkey"


def test_a_region_is_made_precise_only_by_a_place_named_after_it() -> None:
    # The last sentence's barrel bombs fell on a village the gazetteer lacks in
    # the Hama countryside, not on the village of the clashes told before.
    raw = (
        "دارت اشتباكات عنيفة أمس بين قوات النظام وفصائل المعارضة في محيط قرية المشيك بسهل الغاب.\n"
        "وألقى الطيران المروحي صباح أمس براميل متفجرة على مناطق في قرية الزهيرية بريف حماة الشمالي."
    )
    events = marsad.extract(raw, published="2026-11-20")
    strike = next(e for e in events if e.event_type == "Explosions/Remote violence")
    assert strike.location != "Al-Mushayk"
    assert strike.admin1 == "Hama"


def test_a_statement_about_the_day_an_earlier_sentence_dates_takes_that_day() -> None:
    import marsad

    # The first sentence dates the strikes (Sunday); the second, undated, goes on
    # with them; the statement issued on Monday tells of more strikes that day.
    report = (
        "نفذت طائرات التحالف الدولي 20 ضربة جوية ضد تنظيم داعش في العراق أمس الأحد. "
        "وأصابت الضربات مواقع للتنظيم قرب مدينة الموصل. "
        "وذكر بيان للتحالف نشر اليوم الاثنين أن ست غارات أصابت مواقع للتنظيم قرب مدينة الحسكة."
    )
    events = marsad.extract(report, published="2026-03-10")  # a Tuesday
    [hasakeh] = [e for e in events if e.admin1 == "Al-Hasakeh"]
    assert hasakeh.event_date == date(2026, 3, 8)


def test_a_running_total_of_a_campaign_is_not_the_events_toll() -> None:
    import marsad

    strike = "شنت طائرات التحالف الدولي غارات على مواقع تنظيم داعش قرب مدينة الرقة أمس، "
    [event] = marsad.extract(strike + "ما أدى إلى مقتل 12 عنصرا.", published="2026-03-10")
    assert event.fatalities == 12
    total = strike + "وقتل 2900 عنصر من التنظيم منذ بدء الحملة الجوية قبل عام."
    [event] = marsad.extract(total, published="2026-03-10")
    assert event.fatalities == 0


def test_an_attack_at_night_told_on_the_day_of_a_statement_is_the_night_before() -> None:
    import marsad

    said = "قال مصدر محلي اليوم الأحد إن مسلحين هاجموا حاجزا لقوات النظام قرب مدينة تدمر"
    [event] = marsad.extract(said + " ليلا.", published="2026-03-08")  # a Sunday
    assert event.event_date == date(2026, 3, 7)
    [event] = marsad.extract(said + ".", published="2026-03-08")
    assert event.event_date == date(2026, 3, 8)
