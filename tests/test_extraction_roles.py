"""Roles: who acted (actor1) and who was targeted (actor2) in Arabic word orders."""

from __future__ import annotations

from functools import lru_cache

import pytest

import marsad
from marsad.extraction.roles import Party, assign_roles
from marsad.extraction.words import WORDS_FILE, AssemblyWords
from marsad.normalize import normalize
from marsad.recognize.dates import load_data
from marsad.recognize.triggers import TriggerMatcher


@lru_cache(maxsize=1)
def matcher() -> TriggerMatcher:
    return TriggerMatcher()


def roles_of(
    raw: str,
    actors: list[str],
    trigger_text: str | None = None,
    words: AssemblyWords | None = None,
    weapons: frozenset[str] = frozenset(),
) -> tuple[str | None, str | None, str]:
    nt = normalize(raw)
    parties = []
    for index, name in enumerate(actors):
        key = normalize(name).text
        start = nt.text.index(key)
        parties.append(Party(start, start + len(key), index, name in weapons))
    found = matcher().find(nt)
    trigger = next(t for t in found if trigger_text is None or t.text == trigger_text)
    roles = assign_roles(nt.text, trigger, parties, words)
    first = actors[roles.actor1] if roles.actor1 is not None else None
    second = actors[roles.actor2] if roles.actor2 is not None else None
    return first, second, roles.rule


@pytest.mark.parametrize(
    ("raw", "actors", "expected"),
    [
        # VSO, with a time word between verb and subject
        ("قصف الجيش التركي، الخميس، مواقع لقوات النظام", ["الجيش التركي", "قوات النظام"],
         ("الجيش التركي", "قوات النظام")),
        # SVO
        ("الجيش التركي يقصف مواقع للنظام", ["الجيش التركي", "للنظام"], ("الجيش التركي", "للنظام")),
        # agent phrase after a passive
        ("استهدف الحاجز من قبل تنظيم داعش", ["الحاجز", "تنظيم داعش"], ("تنظيم داعش", "الحاجز")),
        # verbal noun: agent as genitive, target after على
        ("وقع هجوم لتنظيم داعش على نقطة لقوات النظام", ["تنظيم داعش", "قوات النظام"],
         ("تنظيم داعش", "قوات النظام")),
        # both sides of a clash
        ("اندلعت اشتباكات بين قوات النظام وتنظيم داعش", ["قوات النظام", "تنظيم داعش"],
         ("قوات النظام", "تنظيم داعش")),
        # passive killing: the subject is the victim
        ("قتل 5 عناصر من قوات النظام", ["قوات النظام"], (None, "قوات النظام")),
        # ... but a plural verb agrees with its subject before it: the count is the object
        ("وقال ناشطون إن مسلحي تنظيم داعش خطفوا عشرات المدنيين من القرية",
         ["تنظيم داعش", "المدنيين"], ("تنظيم داعش", "المدنيين")),
        # a verb agreeing with a plural subject before it: the actor after it is the object
        ("قال إن فصائل المعارضة هاجموا أمس قوات النظام", ["فصائل المعارضة", "قوات النظام"],
         ("فصائل المعارضة", "قوات النظام")),
        ("وقال إن عناصر الفصائل يهاجمون قوات النظام", ["عناصر الفصائل", "قوات النظام"],
         ("عناصر الفصائل", "قوات النظام")),
    ],
)  # fmt: skip
def test_roles(raw: str, actors: list[str], expected: tuple[str | None, str | None]) -> None:
    first, second, _ = roles_of(raw, actors)
    assert (first, second) == expected


def test_associated_actor_joined_by_and() -> None:
    nt = normalize("هاجم تنظيم داعش مواقع لقوات النظام والميليشيات الموالية")
    names = [normalize(n).text for n in ("تنظيم داعش", "قوات النظام", "الميليشيات الموالية")]
    parties = [Party(nt.text.index(n), nt.text.index(n) + len(n), i) for i, n in enumerate(names)]
    roles = assign_roles(nt.text, matcher().find(nt)[0], parties)
    assert roles.actor1 == 0 and roles.actor2 == 1 and roles.assoc2 == (2,)


@pytest.mark.parametrize(
    ("raw", "actors", "trigger", "expected"),
    [
        # a verb whose pronoun is the event names who carried it out
        ("قصف مدفعي شنته ميليشيا الحوثي على حي سكني", ["ميليشيا الحوثي"], None,
         ("ميليشيا الحوثي", None)),
        ("سقط صاروخ أطلقه الحوثيون على حي سكني", ["الحوثيون"], None, ("الحوثيون", None)),
        # ... also through the aircraft that belong to it
        ("غارات نفذها الطيران التابع للنظام السوري فوق القرية", ["للنظام السوري"], None,
         ("للنظام السوري", None)),
        ("غارات شنتها مقاتلات التحالف الدولي فوق تلك المواقع", ["التحالف الدولي"], None,
         ("التحالف الدولي", None)),
        # an actor that claims the event after it is named
        ("تفجير انتحاري في سوق شعبي وداعش يتبنى", ["داعش"], None, ("داعش", None)),
        # an actor that only says whose area a place is takes no role
        ("قصف الطيران المروحي قرية يسيطر عليها تنظيم داعش", ["الطيران المروحي", "تنظيم داعش"],
         "قصف", ("الطيران المروحي", None)),
        # the owner of the weapon named by the trigger
        ("مسيرة انتحارية تابعة لقوات النظام تستهدف سيارة", ["قوات النظام"], "مسيرة",
         ("قوات النظام", None)),
        # a unit noun before لـ/من + actor is the subject
        ("اعتقلت دورية للأمن العسكري أربعة شبان", ["للأمن العسكري"], None,
         ("للأمن العسكري", None)),
        ("اعتقلت قوة من الشرطة ثلاثة متهمين", ["الشرطة"], None, ("الشرطة", None)),
        # a bare form with لـ + actor at once is the verbal noun and its agent
        ("قصف لطيران النظام على قرية في ريف حلب", ["طيران النظام"], None,
         ("طيران النظام", None)),
        # "من" after a verbal noun names where the fire came from
        ("قصف صاروخي من الميليشيات على قاعدة للتحالف", ["الميليشيات", "للتحالف"], None,
         ("الميليشيات", "للتحالف")),
        # SVO: an actor with لـ is the object of an earlier verb, not the subject
        ("هاجم مسلحون من التنظيم نقطة لميليشيا الدفاع الوطني واشتبكوا مع عناصرها",
         ["التنظيم", "ميليشيا الدفاع الوطني"], "اشتبكوا",
         ("التنظيم", "ميليشيا الدفاع الوطني")),
        # a supporter fights on the side named before it
        ("اشتباكات بين قوات الجيش مسنودة برجال القبائل ومسلحي الحوثي",
         ["قوات الجيش", "رجال القبائل", "مسلحي الحوثي"], None, ("قوات الجيش", "مسلحي الحوثي")),
        # "بين X و Z من جهة و Y من جهة أخرى": Y is the other side
        ("اشتباكات بين الفرقة الرابعة وحزب الله من جهة وكتائب الثوار من جهة أخرى",
         ["الفرقة الرابعة", "حزب الله", "كتائب الثوار"], None,
         ("الفرقة الرابعة", "كتائب الثوار")),
        # ... also where a long first side puts Y beyond the trigger's window
        ("تجددت الاشتباكات أمس بين عناصر الدفاع الوطني ومقاتلين محليين موالين يقودهم ضباط "
         "من الحرس الثوري وحزب الله من جهة، وكتائب الثوار من جهة أخرى",
         ["الدفاع الوطني", "الحرس الثوري", "حزب الله", "كتائب الثوار"],
         None, ("الدفاع الوطني", "كتائب الثوار")),
        # an actor joined to the agent by "و" fought beside it, not against it
        ("هجوم شنه مقاتلو الفصائل وجبهة النصرة على مقرات لقوات النظام جنوب المدينة",
         ["مقاتلو الفصائل", "جبهة النصرة", "قوات النظام"], "هجوم",
         ("مقاتلو الفصائل", "قوات النظام")),
        # past a comma an agent phrase belongs to another word (the besieged airport)
        ("قصفت المدفعية محيط المطار، المطوق من قبل فصائل المعارضة منذ عامين",
         ["المدفعية", "فصائل المعارضة"], "قصفت", ("المدفعية", "فصائل المعارضة")),
        # a unit noun heading the actor's name after the verb: VSO
        ("سيطرت قوات المعارضة على تلة استراتيجية في ريف اللاذقية", ["المعارضة"], None,
         ("المعارضة", None)),
        # "نفذها" stands for a noun ("غارات"), never for the verb before it
        ("قصفت المدفعية مواقع للحزب غداة غارات نفذها الطيران الحربي على قواعده",
         ["المدفعية", "للحزب", "الطيران الحربي"], "قصفت", ("المدفعية", "للحزب")),
        # an actor that spans the trigger wields the weapon
        ("استهدفت طائرة مسيرة تركية سيارة لقسد قرب منبج", ["طائرة مسيرة تركية", "لقسد"],
         "طائرة مسيرة", ("طائرة مسيرة تركية", "لقسد")),
    ],
)  # fmt: skip
def test_agent_and_target_cues(
    raw: str, actors: list[str], trigger: str | None, expected: tuple[str | None, str | None]
) -> None:
    first, second, _ = roles_of(raw, actors, trigger)
    assert (first, second) == expected


def test_affiliation_of_another_noun_is_not_the_agent() -> None:
    # "بسيارة عسكرية تابعة لقسد": the vehicle hit belongs to the SDF.
    first, second, _ = roles_of("انفجار عبوة ناسفة بسيارة عسكرية تابعة لقسد", ["لقسد"])
    assert (first, second) == (None, "لقسد")


def test_an_added_agent_marker_names_the_attacker() -> None:
    raw = "استهدف الحاجز بأيدي تنظيم داعش"
    actors = ["الحاجز", "تنظيم داعش"]
    assert roles_of(raw, actors)[:2] != ("تنظيم داعش", "الحاجز")
    data = load_data(WORDS_FILE)
    # Written as an analyst would, with its hamza.
    words = AssemblyWords.from_data({**data, "agent_markers": [*data["agent_markers"], "بأيدي"]})
    assert roles_of(raw, actors, words=words) == ("تنظيم داعش", "الحاجز", "agent phrase")


def test_an_added_source_place_names_the_attacker() -> None:
    # "من جهة قوات النظام": where the fire came from, so who fired; "من جانب" is
    # not in the data, and the actor reads as the target until an analyst adds it.
    actors = ["قوات النظام"]
    known = "تعرضت البلدة لقصف مدفعي من جهة قوات النظام"
    assert roles_of(known, actors) == ("قوات النظام", None, "nominal")
    raw = "تعرضت البلدة لقصف مدفعي من جانب قوات النظام"
    assert roles_of(raw, actors) == (None, "قوات النظام", "nominal")
    data = load_data(WORDS_FILE)
    words = AssemblyWords.from_data({**data, "source_places": [*data["source_places"], "جانب"]})
    assert roles_of(raw, actors, words=words) == ("قوات النظام", None, "nominal")


def test_a_weapon_named_as_the_means_is_the_attacker() -> None:
    # "بالبراميل": barrel bombs are what the shelling was done with, so their
    # owner struck; an actor that is no weapon is not read as a means.
    raw = "تعرضت البلدة لقصف عنيف بالبراميل المتفجرة ليلا"
    actors = ["البراميل المتفجرة"]
    assert roles_of(raw, actors, "قصف", weapons=frozenset(actors))[:2] == (actors[0], None)
    assert roles_of(raw, actors, "قصف")[:2] == (None, actors[0])
    # A count fused to the ب: "بثلاثة براميل".
    raw = "تعرضت البلدة لقصف بثلاثة براميل متفجرة ليلا"
    actors = ["براميل متفجرة"]
    assert roles_of(raw, actors, "قصف", weapons=frozenset(actors))[:2] == (actors[0], None)


SHELLING = "قصفت قوات النظام بالمدفعية مواقع لفصائل المعارضة في بلدة اللطامنة صباح اليوم. "
ONE_SIDED = "وفي ريف إدلب، دارت اشتباكات عنيفة مع قوات النظام على أطراف بلدة كفرنبل مساء اليوم."


def test_a_clash_with_one_side_named_is_fought_against_its_adversary_in_the_report() -> None:
    report = SHELLING + ONE_SIDED
    [clash] = [
        e for e in marsad.extract(report, published="2026-03-10") if e.location == "Kafr Nabl"
    ]
    assert clash.sub_event_type == "Armed clash"
    assert {clash.actor1, clash.actor2} == {"Military Forces of Syria", "Opposition Rebels (Syria)"}
    # The filled side points at where the report names it.
    filled = "actor1" if clash.actor1 == "Opposition Rebels (Syria)" else "actor2"
    [side] = [ev for ev in clash.evidence if ev.field == filled]
    assert side.text == report[side.start : side.end] and "المعارضة" in side.text
    # A report that pairs two adversaries against the government leaves it open.
    attack = "وشن تنظيم داعش هجوما على مواقع قوات النظام قرب مدينة السخنة صباح اليوم. "
    report = SHELLING + attack + ONE_SIDED
    [clash] = [
        e for e in marsad.extract(report, published="2026-03-10") if e.location == "Kafr Nabl"
    ]
    assert "Opposition Rebels (Syria)" not in (clash.actor1, clash.actor2)
    assert "Islamic State (Syria)" not in (clash.actor1, clash.actor2)
