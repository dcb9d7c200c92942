"""Which named parties a toll counts, and who broke a protest up.

Those killed or captured are never the side that acted: a party is harmed when a
toll names it ("مقتل 10 من الحشد الشعبي") or it stands right before the toll as
the whole the dead were part of ("12 من عناصر التنظيم قتلوا"). The harmed
party, failing it civilians named with an attack, is the event's target; an
armed actor named with a protest met by force is the protest's other side.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.extraction.drafts import ARMED_INTERS, CIVILIAN_INTER
from marsad.extraction.words import AssemblyWords
from marsad.recognize.types import (
    ActorMention,
    CasualtyMention,
)
from marsad.tokenize import Sentence


def _harmed(
    text: str, party: ActorMention, victims: Sequence[CasualtyMention], words: AssemblyWords
) -> bool:
    """The party is among those a toll counts (killed, wounded, captured): named in
    it, or after it ("مقتل 10 من الحشد": ``membership`` of ``words.patterns``), or
    right before it as the whole the dead were part of (``partitive``)."""
    membership, part_of = words.patterns.membership, words.patterns.partitive
    for v in victims:
        if v.norm_start <= party.norm_start < v.norm_end:
            return True
        gap = text[v.norm_end : party.norm_start]
        if 0 <= party.norm_start - v.norm_end <= 30 and membership.fullmatch(gap):
            return True
        after = text[party.norm_end : v.norm_start]
        partitive = part_of.search(text[max(0, party.norm_start - 12) : party.norm_start])
        if partitive and 0 <= v.norm_start - party.norm_end <= 12 and after.strip(" ،,") == "":
            return True
    return False


def _victim_party(
    text: str,
    parties: Sequence[ActorMention],
    victims: Sequence[CasualtyMention],
    actor1: ActorMention | None,
    event_type: str,
    words: AssemblyWords,
) -> ActorMention | None:
    """The target of an event whose roles named none: a party the toll counts, else
    civilians named in the sentence of a violent event."""
    others = [p for p in parties if actor1 is None or p.actor.name != actor1.actor.name]
    for party in others:
        if _harmed(text, party, victims, words):
            return party
    if event_type in ("Explosions/Remote violence", "Violence against civilians"):
        for party in others:
            if party.actor.inter == CIVILIAN_INTER:
                return party
    return None


def _intervening_force(
    text: str, sentence: Sentence, named: Sequence[ActorMention], words: AssemblyWords
) -> ActorMention | None:
    """An armed actor named in the sentence of a protest that was broken up by force
    (``intervention`` of ``words.patterns``): the protest's actor2."""
    if words.patterns.intervention.search(text, sentence.start, sentence.end) is None:
        return None
    for party in named:
        if party.actor.inter in ARMED_INTERS:
            return party
    return None
