"""Attack words with a nationality adjective name their attacker."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from marsad.errors import DataError
from marsad.extraction import with_attack_owners
from marsad.extraction.classifier import EventMentionDetector
from marsad.extraction.owners import (
    adjective_forms,
    attack_owners,
    force_owners,
    force_pattern,
    resolve_nationalities,
    with_named_countries,
)
from marsad.extraction.words import default_assembly_words
from marsad.normalize import NormalizedText, default_normalizer
from marsad.recognize.actors import ActorMatch
from marsad.recognize.types import ActorEntry

RUSSIA = ActorEntry("Military Forces of Russia", "State forces", 8, country="RU")
# The forms of one adjective, and those forms resolved to Russia's forces.
FORMS = adjective_forms({"روسي": RUSSIA.name})
TABLE = resolve_nationalities(FORMS, {RUSSIA.name: RUSSIA})


def as_pairs(nt: NormalizedText, found: Sequence[ActorMatch]) -> list[tuple[str, str]]:
    for mention in found:
        assert nt.raw[mention.start : mention.end] == mention.text
    return [(m.text, m.actor.name) for m in found]


def owners_in(raw: str) -> list[tuple[str, str]]:
    nt = default_normalizer().normalize(raw)
    return as_pairs(nt, attack_owners(nt, EventMentionDetector().detect(nt), TABLE))


def test_every_form_of_the_adjective_is_derived() -> None:
    forms = adjective_forms({"روسي": RUSSIA.name})
    assert set(forms) == {"روسي", "روسيه", "الروسي", "الروسيه"}


@pytest.mark.parametrize(
    ("raw", "owner"),
    [
        ("وشنت طائرات غارات روسية على البلدة.", "غارات روسية"),
        ("وقتل مدنيان في الغارات الروسية على البلدة.", "الغارات الروسية"),
        ("وقتل ثلاثة في ضربة جوية روسية قرب المدينة.", "ضربة جوية روسية"),
    ],
)
def test_attack_word_and_adjective_make_one_actor_mention(raw: str, owner: str) -> None:
    assert owners_in(raw) == [(owner, RUSSIA.name)]


def test_a_pronoun_or_another_adjective_names_no_owner() -> None:
    assert owners_in("وأسفرت غاراتها الروسية عن قتلى.") == []
    assert owners_in("وشنت الطائرات غارات عنيفة على البلدة.") == []


def test_a_nationality_naming_an_unknown_actor_is_a_data_error() -> None:
    with pytest.raises(DataError, match="Military Forces of Atlantis"):
        resolve_nationalities({"اطلنطي": "Military Forces of Atlantis"}, {})


def forces_in(raw: str) -> list[tuple[str, str]]:
    nt = default_normalizer().normalize(raw)
    return as_pairs(nt, force_owners(nt, FORCES, TABLE))


FORCES = force_pattern(default_assembly_words().national_forces, list(FORMS))


@pytest.mark.parametrize(
    ("raw", "owner"),
    [
        ("وقصفت دبابات روسية مواقع في الريف.", "دبابات روسية"),
        ("وشن سلاح الجو الروسي غارات على البلدة.", "سلاح الجو الروسي"),
        ("وقصفت مقاتلات سوخوي-25 روسية البلدة.", "مقاتلات سوخوي-25 روسية"),
        ("واستهدفت المسيرة قافلة للجيش الروسي قرب المدينة.", "للجيش الروسي"),
    ],
)
def test_forces_and_adjective_make_one_actor_mention(raw: str, owner: str) -> None:
    assert forces_in(raw) == [(owner, RUSSIA.name)]


def test_forces_need_the_adjective_right_after_them() -> None:
    # "الدبابات الحديثة الروسية الصنع": the adjective belongs to another word.
    assert forces_in("وقصفت الدبابات الحديثة الروسية الصنع مواقع في الريف.") == []


def test_a_forces_owner_replaces_the_generic_name_inside_it() -> None:
    nt = default_normalizer().normalize("وشن الجيش الروسي هجوما على البلدة.")
    start = nt.text.index("الجيش")
    generic = _mention(nt.text, start, start + len("الجيش"), "Military Forces of Syria")
    merged = with_attack_owners([generic], force_owners(nt, FORCES, TABLE))
    assert [m.actor.name for m in merged] == [RUSSIA.name]


def _mention(text: str, start: int, end: int, name: str) -> ActorMatch:
    entry = ActorEntry(name, "State forces", 1, country="SY")
    return ActorMatch(start, end, text[start:end], start, end, actor=entry, key="")


def test_a_generic_actor_takes_the_country_of_its_adjective() -> None:
    police = ActorEntry("Police Forces", "State forces", 1, generic=True)

    def resolve(entry: ActorEntry, code: str) -> ActorEntry:
        return ActorEntry(f"{entry.name} of {code}", entry.actor_type, 1, country=code)

    for raw, expected in (
        ("واعتقلت الشرطة الروسية ثلاثة أشخاص", "Police Forces of RU"),
        ("واعتقلت الشرطة ثلاثة أشخاص", "Police Forces"),
        ("واعتقلت الشرطة في المدينة الروسية ثلاثة أشخاص", "Police Forces"),
    ):
        nt = default_normalizer().normalize(raw)
        start = nt.text.index("الشرطه")
        end = start + len("الشرطه")
        mention = ActorMatch(start, end, nt.text[start:end], start, end, actor=police, key="k")
        found = with_named_countries(nt, [mention], TABLE, resolve)
        assert [m.actor.name for m in found] == [expected], raw
        assert found[0].key == ("" if expected.endswith("RU") else "k")


def test_foreign_police_are_their_own_country_in_an_event_elsewhere() -> None:
    import marsad

    raw = "اعتقلت الشرطة التركية أمس ثلاثة شبان في مدينة أعزاز بريف حلب الشمالي"
    events = marsad.extract(raw, published="2026-11-20")
    assert [(e.actor1, e.country) for e in events] == [("Police Forces of Turkey", "Syria")]


def test_a_unit_affiliated_to_a_named_actor_is_that_actor() -> None:
    import marsad

    raw = "اعتقلت الشرطة العسكرية التابعة للجيش الوطني السوري أمس خمسة شبان في مدينة الباب"
    events = marsad.extract(raw, published="2026-11-20")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Arrests", "Syrian National Army", "Civilians (Syria)")
    ]
