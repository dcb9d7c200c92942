"""Which drafts are one event, and how they combine.

ACLED codes one event per type, actor pair, place and day. A headline's event
with no attacker may be told again below with its actors; drafts whose actors
overlap merge only at one place and day; a place named in a list is never
another's vaguer name. The merged event keeps the draft naming more parties,
the more specific place and the date stated for the event over a statement's.
A clash told with one side only is fought against that side's one adversary in
the report, where the report names exactly one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from marsad.events import SUB_EVENT_TYPES
from marsad.extraction.drafts import (
    ARMED_INTERS,
    STATEMENT_DATE,
    UNIDENTIFIED,
    VIOLENT_TYPES,
    Draft,
    _name,
    _placed_here,
)
from marsad.extraction.event_places import LISTED_RULE
from marsad.geocode import Location
from marsad.recognize.types import ActorMention


def _merge(drafts: Sequence[Draft]) -> list[Draft]:
    """One event per type, actor pair, place and day; undated drafts join a dated twin."""
    merged: list[Draft] = []
    for draft in drafts:
        twin = next((m for m in merged if _same_event(m, draft)), None)
        if twin is None:
            merged.append(draft)
            continue
        _join_parties(twin, draft)
        twin.evidence.extend(draft.evidence)
        twin.decisions.extend(draft.decisions)
        twin.casualties.extend(draft.casualties)
        if _unnamed(twin) and not _unnamed(draft):
            # The body tells the headline's event with its actors and place.
            twin.actor1, twin.assoc1 = draft.actor1, draft.assoc1
            twin.location = draft.location or twin.location
            twin.sub_event_type = _first_listed(twin, draft.sub_event_type)
            twin.opening = False
        elif twin.location is None or (
            draft.location is not None and _more_specific(draft.location, twin.location)
        ):
            twin.location = draft.location
        if twin.actor2 is None and draft.actor2 is not None:
            # A later sentence names the target.
            twin.actor2, twin.assoc2 = draft.actor2, draft.assoc2
        if twin.sub_event_type == "Other" and draft.sub_event_type != "Other":
            twin.sub_event_type = draft.sub_event_type
        if draft.date_mention is not None and (
            twin.date_mention is None or twin.date_rule == STATEMENT_DATE
        ):
            twin.date_value, twin.time_precision = draft.date_value, draft.time_precision
            twin.date_mention, twin.date_rule = draft.date_mention, draft.date_rule
    return merged


def fill_adversaries(drafts: Sequence[Draft]) -> None:
    """A battle told with one side only ("دارت اشتباكات عنيفة مع قوات النظام") was
    fought against that side's adversary in the report, where the report names
    exactly one: the armed party it pairs against that side in its other violent
    events. The filled side's evidence is where the report names it."""
    adversaries: dict[str, dict[str, ActorMention]] = {}
    for draft in drafts:
        first, second = draft.actor1, draft.actor2
        if draft.event_type not in VIOLENT_TYPES or first is None or second is None:
            continue
        if not (_named_armed(first) and _named_armed(second)):
            continue
        if first.actor.name != second.actor.name:
            adversaries.setdefault(first.actor.name, {}).setdefault(second.actor.name, second)
            adversaries.setdefault(second.actor.name, {}).setdefault(first.actor.name, first)
    if not adversaries:
        return
    for draft in drafts:
        if draft.sub_event_type != "Armed clash" or (draft.actor1 is None) == (
            draft.actor2 is None
        ):
            continue
        known = draft.actor1 or draft.actor2
        assert known is not None
        found = adversaries.get(known.actor.name, {})
        if len(found) != 1:
            continue
        [adversary] = found.values()
        if draft.actor1 is None:
            draft.actor1 = adversary
        else:
            draft.actor2 = adversary


def _named_armed(mention: ActorMention) -> bool:
    return mention.actor.inter in ARMED_INTERS and not mention.actor.name.startswith(UNIDENTIFIED)


def _fold_into_battles(drafts: Sequence[Draft]) -> list[Draft]:
    """Strikes or shelling by one side of a battle at the battle's place and day
    are part of it: ACLED's type order makes the whole one Battles event."""
    battles = [d for d in drafts if d.event_type == "Battles" and d.location is not None]
    kept: list[Draft] = []
    for draft in drafts:
        battle = None
        if draft.event_type == "Explosions/Remote violence" and draft.location is not None:
            attacker = _name(draft.actor1)
            battle = next(
                (
                    b
                    for b in battles
                    if attacker in _sides(b)
                    and b.date_value == draft.date_value
                    and b.location is not None
                    and b.location.candidate.id == draft.location.candidate.id
                ),
                None,
            )
        if battle is None:
            kept.append(draft)
            continue
        battle.evidence.extend(draft.evidence)
        battle.decisions.extend(draft.decisions)
        battle.casualties.extend(draft.casualties)
    return kept


def _first_listed(draft: Draft, other: str) -> str:
    """Of the draft's sub-event type and ``other``, the one ACLED lists first (the
    more specific: a suicide bomb over an explosive, excessive force over a protest)."""
    listed = SUB_EVENT_TYPES.get(draft.event_type, ())
    if draft.sub_event_type in listed and other in listed:
        return min(draft.sub_event_type, other, key=listed.index)
    return draft.sub_event_type


def _more_specific(place: Location, than: Location) -> bool:
    """A finer precision, or at the same precision a smaller place than a city
    (``مدينة حيس`` after ``الحديدة``: the town pins the event down)."""
    if place.geo_precision != than.geo_precision:
        return place.geo_precision < than.geo_precision
    if than.candidate.kind != "town":
        return False
    if place.candidate.kind == "village":
        return True
    return (
        place.candidate.kind == "town"
        and 0 < place.candidate.population < than.candidate.population
    )


def _unanchored(draft: Draft) -> bool:
    """Neither a date nor a place stated in the draft's own sentence."""
    located_here = draft.location is not None and _placed_here(draft.location)
    return draft.date_mention is None and not located_here


def _same_class(a: Draft, b: Draft) -> bool:
    return a.trigger.mention.entry.event_class == b.trigger.mention.entry.event_class


def _join_parties(twin: Draft, draft: Draft) -> None:
    """Keep the parties of whichever draft names more of them (on a tie the twin's,
    unless only the draft names every side by name)."""
    named = sum(m is not None for m in (draft.actor1, draft.actor2))
    twin_named = sum(m is not None for m in (twin.actor1, twin.actor2))
    sharper = _vague_names(_sides(twin)) and not _vague_names(_sides(draft))
    if named < twin_named or (named == twin_named and not sharper):
        return
    twin.actor1, twin.actor2 = draft.actor1, draft.actor2
    twin.assoc1, twin.assoc2 = list(draft.assoc1), list(draft.assoc2)
    twin.role_rule = draft.role_rule


def _same_parties(a: Draft, b: Draft) -> bool:
    if _name(a.actor1) != _name(b.actor1):
        return False
    return not (_name(a.actor2) and _name(b.actor2) and _name(a.actor2) != _name(b.actor2))


def _compatible_parties(a: Draft, b: Draft) -> bool:
    """One draft's actors a part of the other's: a second sentence often names
    one side only, or reads the roles the other way round."""
    sides_a, sides_b = _sides(a), _sides(b)
    if not sides_a or not sides_b:
        return False
    if sides_a <= sides_b or sides_b <= sides_a:
        return True
    # "مسلحون" in one sentence, the group's name in another: the unnamed
    # gunmen are a vaguer telling of the named side, not a third party.
    named_a, named_b = sides_a - _vague_names(sides_a), sides_b - _vague_names(sides_b)
    vague = _vague_names(sides_a) or _vague_names(sides_b)
    return bool(vague and named_a and named_b) and (named_a <= named_b or named_b <= named_a)


def _sides(draft: Draft) -> set[str]:
    return {n for n in (_name(draft.actor1), _name(draft.actor2)) if n}


def _vague_names(names: set[str]) -> set[str]:
    return {n for n in names if n.startswith(UNIDENTIFIED)}


def _same_place(a: Draft, b: Draft) -> bool:
    """The same gazetteer place, or a governorate-level place and a place inside it."""
    if a.location is None or b.location is None:
        return False
    ca, cb = a.location.candidate, b.location.candidate
    if ca.id == cb.id:
        return True
    coarse = max(a.location.geo_precision, b.location.geo_precision) == 3
    return coarse and ca.country_code == cb.country_code and ca.admin1 == cb.admin1


def _same_day(a: Draft, b: Draft) -> bool:
    """The same day, or no day of one's own, or the day an event was reported
    and an event day up to a week before it."""
    if a.date_mention is None or b.date_mention is None or a.date_value == b.date_value:
        return True
    told, other = (a, b) if a.date_rule == STATEMENT_DATE else (b, a)
    if told.date_rule != STATEMENT_DATE or other.date_rule == STATEMENT_DATE:
        return False
    if told.date_value is None or other.date_value is None:
        return False
    return timedelta(0) <= told.date_value - other.date_value <= timedelta(days=7)


def _unnamed(draft: Draft) -> bool:
    """A headline's event with no attacker ("a mine killed three"), told again below."""
    return draft.opening and draft.actor1 is None


def _same_event(a: Draft, b: Draft) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.trigger is b.trigger:
        return False  # one sentence's list of places: an event per place
    # A draft that names no actor (a headline's "a mine killed three") may be
    # told again with its actors; otherwise the actors must agree, or overlap at
    # one place and day.
    if not (_unnamed(a) or _unnamed(b)) and not _same_parties(a, b):
        return _compatible_parties(a, b) and _same_place(a, b) and _same_day(a, b)
    if not _same_day(a, b):
        return False
    if a.location is None or b.location is None:
        # Without a place, only the same actor pair makes it the same event.
        return _name(a.actor2) is not None and _name(a.actor2) == _name(b.actor2)
    ca, cb = a.location.candidate, b.location.candidate
    if _listed(a) or _listed(b):
        return ca.id == cb.id  # a place named in a list is never another's vaguer name
    # Two towns of one governorate are one place only while one of the two is
    # undated, and not when each sentence names its own town.
    both_dated = a.date_mention is not None and b.date_mention is not None
    return ca.id == cb.id or (
        ca.admin1 == cb.admin1 and not both_dated and not (_own_town(a) and _own_town(b))
    )


def _own_town(draft: Draft) -> bool:
    """Placed at or near a named town of its own sentence (not by context), other
    than in the headline, which names the body's events in brief."""
    location = draft.location
    return (
        location is not None
        and not draft.opening
        and location.candidate.kind in ("town", "village")
        and _placed_here(location)
    )


def _listed(draft: Draft) -> bool:
    return draft.location is not None and draft.location.rule.startswith(LISTED_RULE)
