"""A draft's sub-event type beyond what its trigger says.

The trigger alone often cannot tell the weapon: shelling by aircraft is an air
strike, an attack in general words is an air strike or shelling by who struck,
a vague attack after a specific strike is another of the same kind, and forces
sent to set up a base have established one.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.extraction.classifier import SentenceTriggers
from marsad.extraction.drafts import VIOLENT_TYPES, Draft, _name
from marsad.extraction.words import AssemblyWords

SHELLING = "Shelling/artillery/missile attack"
AIR_STRIKE = "Air/drone strike"


def _by_weapon(draft: Draft, group: SentenceTriggers, text: str, words: AssemblyWords) -> None:
    """Shelling by aircraft, or alongside an air-strike word, is an air strike; an
    attack in general words ("استهدفت") is an air strike when its attacker is
    aircraft and shelling when it is artillery (the ``airborne`` and
    ``artillery`` pieces of ``extraction/words.yaml`` in its words)."""
    # The subject slot right after a verb ("استهدفت مقاتلات ..."), and the actor's
    # name with the word before it ("مقاتلات التحالف"), say who struck.
    end = draft.trigger.mention.norm_end
    attacker = text[end : end + 12] if draft.trigger.mention.pos == "perfect" else ""
    if draft.actor1 is not None:
        attacker += " " + text[max(0, draft.actor1.norm_start - 10) : draft.actor1.norm_end]
    if draft.trigger.mention.entry.generic and draft.event_type == "Battles":
        if any(word in attacker for word in words.airborne):
            draft.event_type, draft.sub_event_type = "Explosions/Remote violence", AIR_STRIKE
        elif any(word in attacker for word in words.artillery) or _aimed_at_areas(
            draft, text, words
        ):
            draft.event_type, draft.sub_event_type = "Explosions/Remote violence", SHELLING
        return
    if draft.sub_event_type != SHELLING:
        return
    if any(word in attacker for word in words.airborne) or any(
        t.mention.entry.sub_event_type == AIR_STRIKE for t in group.triggers if t.accepted
    ):
        draft.sub_event_type = AIR_STRIKE


def _aimed_at_areas(draft: Draft, text: str, words: AssemblyWords) -> bool:
    """The first word after the attack word (and an attacker right after it) is an
    area (``struck_areas``): "استهدف عناصر التنظيم مناطق سيطرة القوات"."""
    end = draft.trigger.mention.norm_end
    actor = draft.actor1
    if actor is not None and 0 <= actor.norm_start - end <= 12:
        end = actor.norm_end  # the subject, perhaps after a unit noun ("عناصر")
    following = text[end : end + 20].split()
    return bool(following) and following[0].strip("\"'«»،,") in words.struck_areas


def _like_previous(draft: Draft, previous: Draft) -> None:
    """A general attack word with no attacker ("مقتل 11 جراء استهداف مبنى في
    الميادين") after a specific violent event tells another strike of the same
    kind by the same side, elsewhere."""
    entry = draft.trigger.mention.entry
    if draft.sub_event_type == previous.sub_event_type == AIR_STRIKE and (
        draft.actor1 is None or _name(draft.actor1) == _name(previous.actor1)
    ):
        # "شن التحالف 18 غارة على التنظيم ... ونفذت 11 غارة قرب الموصل ... ونفذ
        # التحالف أربع غارات قرب كوباني": the same side's strikes on the same foe.
        draft.actor1 = draft.actor1 or previous.actor1
        draft.actor2 = draft.actor2 or previous.actor2
        return
    if not entry.generic or draft.event_type != "Battles" or draft.actor1 is not None:
        return
    if previous.event_type not in VIOLENT_TYPES:
        return
    if previous.trigger.mention.entry.generic and previous.event_type == "Battles":
        return  # the previous one is as vague; a strike read from its own previous counts

    draft.event_type, draft.sub_event_type = previous.event_type, previous.sub_event_type
    draft.actor1 = previous.actor1


def _air_strike_owner(draft: Draft, drafts: Sequence[Draft]) -> None:
    """An air strike the report does not attribute ("تعرضت البلدة لقصف جوي") is
    flown by the side whose aircraft the report last named striking: few forces
    fly over one area, and reports name them once."""
    if draft.sub_event_type != AIR_STRIKE or draft.actor1 is not None:
        return
    for earlier in reversed(drafts):
        if earlier.sub_event_type == AIR_STRIKE and earlier.actor1 is not None:
            draft.actor1 = earlier.actor1
            return


def _upgrade_base(draft: Draft, group: SentenceTriggers) -> None:
    """Forces sent to set up a base: the deployment is coded as the base established."""
    if draft.sub_event_type != "Other":
        return
    for t in group.triggers:
        if t.mention.entry.sub_event_type == "Headquarters or base established":
            draft.sub_event_type = "Headquarters or base established"
            return
