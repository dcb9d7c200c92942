"""Who acted and who was targeted: actor1/actor2 from a trigger and its sentence.

Works on positions in the normalised text. Arabic news puts the subject
after the verb (VSO) or before it (SVO); a passive trigger or an agent phrase
(``من قبل``، ``على يد``) makes the grammatical subject the victim; a verbal
noun takes its agent as genitive (``هجوم التنظيم``) and its target after
``على``، ``ضد`` or ``ل``; ``بين X و Y`` names both sides of a clash.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from marsad.recognize.triggers import TriggerMention

AGENT_MARKERS = ("من قبل", "علي يد", "علي ايدي", "بيد", "نفذه", "نفذها", "تبناه", "تبنته")
TARGET_MARKERS = ("علي", "ضد", "الي", "باتجاه", "نحو", "استهدف", "طال", "بحق")
WINDOW = 90  # characters on either side of a trigger where its actors are looked for
_NUMBER_AFTER = re.compile(r"\s*(?:[0-9]+|عشرات|مئات|عدد|عده|ثلاثه|اربعه|خمسه|سته|سبعه|ثمانيه)")


@dataclass(frozen=True, slots=True)
class Party:
    """An actor candidate located in the normalised text."""

    norm_start: int
    norm_end: int
    index: int  # position in the caller's list of actor mentions


@dataclass(frozen=True, slots=True)
class Roles:
    actor1: int | None  # indices into the caller's party list
    actor2: int | None
    assoc1: tuple[int, ...] = ()
    assoc2: tuple[int, ...] = ()
    rule: str = ""


def _between(text: str, start: int, end: int) -> str:
    return text[start:end] if start < end else ""


def _marker_before(text: str, party: Party, markers: tuple[str, ...], reach: int = 14) -> bool:
    window = text[max(0, party.norm_start - reach) : party.norm_start]
    return window.rstrip().endswith(markers) or any(m in window for m in _spaced(markers))


@lru_cache(maxsize=8)
def _spaced(markers: tuple[str, ...]) -> tuple[str, ...]:
    """Each marker as a whole word inside a window: " m "."""
    return tuple(f" {m} " for m in markers)


def assign_roles(text: str, trigger: TriggerMention, parties: Sequence[Party]) -> Roles:
    """Actor1/actor2 (indices into ``parties``) for ``trigger`` within its sentence."""
    near = [
        p
        for p in parties
        if (p.norm_end <= trigger.norm_start and trigger.norm_start - p.norm_end <= WINDOW * 2)
        or (p.norm_start >= trigger.norm_end and p.norm_start - trigger.norm_end <= WINDOW)
    ]
    before = [p for p in near if p.norm_end <= trigger.norm_start]
    after = [p for p in near if p.norm_start >= trigger.norm_end]
    agents = [p for p in after if _marker_before(text, p, AGENT_MARKERS)]
    role = trigger.entry.role

    if role == "reciprocal":
        between = text.rfind("بين", max(0, trigger.norm_end - 2), trigger.norm_end + 30)
        if between >= 0 and len(after) >= 2:
            return _with_assoc(text, after[0], after[1], parties, after, "between")
        if before and after:
            return _with_assoc(text, before[-1], after[0], parties, after, "reciprocal")
    passive = role == "passive" or (
        trigger.pos == "perfect"
        and trigger.entry.lemma in ("قتل", "اغتال", "اختطف", "اعتقل")
        and _NUMBER_AFTER.match(text, trigger.norm_end) is not None
    )
    if agents:
        agent = agents[0]
        victims = [p for p in near if p is not agent]
        target = _first_after(victims, trigger) or (before[-1] if before else None)
        return _with_assoc(text, agent, target, parties, after, "agent phrase")
    if passive:
        victim = after[0] if after else (before[-1] if before else None)
        return _with_assoc(text, None, victim, parties, after, "passive")
    if role == "nominal" or trigger.pos in ("noun", "phrase"):
        targets = [p for p in after if _marker_before(text, p, TARGET_MARKERS, 8)]
        genitive = after[0] if after and after[0].norm_start - trigger.norm_end <= 3 else None
        if genitive is not None and genitive in targets:
            genitive = None
        actor1 = genitive or (before[-1] if before else None)
        target = targets[0] if targets else None
        if target is None:
            rest = [p for p in after if p is not actor1]
            target = rest[0] if rest else None
        return _with_assoc(text, actor1, target, parties, after, "nominal")
    # Active verb: VSO when the actor follows at once (a time word or comma may
    # intervene), else SVO; an actor with لـ after the verb is the target.
    if after and _subject_follows(text, trigger.norm_end, after[0]):
        actor1 = after[0]
        rest = [p for p in after[1:] if not _joined(text, actor1, p)]
        return _with_assoc(text, actor1, rest[0] if rest else None, parties, after, "vso")
    if before:
        return _with_assoc(text, before[-1], after[0] if after else None, parties, after, "svo")
    return _with_assoc(text, None, after[0] if after else None, parties, after, "object only")


_TIME_WORDS = frozenset(
    {"امس", "اليوم", "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه"}
    | {"صباح", "مساء", "فجر", "ليله", "ظهر", "قد", "مجددا", "ايضا"}
)


def _subject_follows(text: str, end: int, party: Party) -> bool:
    if text.startswith("ل", party.norm_start) and not text.startswith("لواء", party.norm_start):
        return False
    words = re.findall(r"[^\W\d_]+", text[end : party.norm_start])
    return all(w in _TIME_WORDS for w in words) and party.norm_start - end <= 40


def _first_after(parties: Sequence[Party], trigger: TriggerMention) -> Party | None:
    for p in parties:
        if p.norm_start >= trigger.norm_end:
            return p
    return None


def _joined(text: str, first: Party, second: Party) -> bool:
    """``X و Y`` / ``X والميليشيات``: the second is associated with the first."""
    gap = _between(text, first.norm_end, second.norm_start).strip()
    return gap in ("و", "") or (gap.startswith("و") and len(gap) <= 12 and "," not in gap)


def _with_assoc(
    text: str,
    actor1: Party | None,
    actor2: Party | None,
    parties: Sequence[Party],
    after: Sequence[Party],
    rule: str,
) -> Roles:
    def assoc(head: Party | None) -> tuple[int, ...]:
        if head is None:
            return ()
        found: list[int] = []
        current = head
        for p in parties:
            if p.norm_start <= current.norm_start or p is actor1 or p is actor2:
                continue
            if _joined(text, current, p) and text[current.norm_end : p.norm_start].strip():
                found.append(p.index)
                current = p
        return tuple(found)

    return Roles(
        actor1.index if actor1 else None,
        actor2.index if actor2 else None,
        assoc(actor1),
        assoc(actor2),
        rule,
    )
