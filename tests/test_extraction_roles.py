"""Roles: who acted (actor1) and who was targeted (actor2) in Arabic word orders."""

from __future__ import annotations

from functools import lru_cache

import pytest

from marsad.extraction.roles import Party, assign_roles
from marsad.normalize import normalize
from marsad.recognize.triggers import TriggerMatcher


@lru_cache(maxsize=1)
def matcher() -> TriggerMatcher:
    return TriggerMatcher()


def roles_of(raw: str, actors: list[str]) -> tuple[str | None, str | None, str]:
    nt = normalize(raw)
    parties = []
    for index, name in enumerate(actors):
        key = normalize(name).text
        start = nt.text.index(key)
        parties.append(Party(start, start + len(key), index))
    trigger = matcher().find(nt)[0]
    roles = assign_roles(nt.text, trigger, parties)
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
