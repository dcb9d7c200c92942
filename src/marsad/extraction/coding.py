"""ACLED's coding conventions for an assembled event.

Violence involving a crowd is a demonstration (excessive force against
protesters, or a riot); an unplaced event in a report that places the others is
a passing mention, not an incident; and every event gets a confidence from
how much the text states and a stable id from its coded fields.
"""

from __future__ import annotations

import hashlib
from datetime import date

from marsad.events import Event
from marsad.extraction.drafts import PROTESTER_INTER, RIOTER_INTER, Draft


def _passing_mention(event: Event, report_placed: bool, named_country: str | None = None) -> bool:
    if event.location is None and report_placed and named_country is None:
        # The report places its incidents; one whose sentence names no place at
        # all is a passing mention of something elsewhere. One in a named
        # country ("في شمال العراق"), or in a report with no place at all, is
        # kept unplaced (flagged incomplete).
        return True
    return event.event_type == "Battles" and event.actor1 is None and event.actor2 is None


def _crowd_violence(
    one_sided: bool,
    actor1: str | None,
    inter1: int | None,
    actor2: str | None,
    inter2: int | None,
) -> tuple[str, str, str | None, int | None, str | None, int | None]:
    """ACLED codes violence involving a crowd as a demonstration: force used on
    demonstrators is a protest met with excessive force, a crowd fighting is a riot.
    The crowd is actor1 either way."""
    crowd_acts = inter1 in (PROTESTER_INTER, RIOTER_INTER)
    if crowd_acts:
        crowd, crowd_inter, other, other_inter = actor1, inter1, actor2, inter2
    else:
        crowd, crowd_inter, other, other_inter = actor2, inter2, actor1, inter1
    if one_sided and not crowd_acts and crowd_inter == PROTESTER_INTER:
        return ("Protests", "Excessive force against protesters", crowd, crowd_inter, other,
                other_inter)  # fmt: skip
    return "Riots", "Violent demonstration", _as_rioters(crowd), RIOTER_INTER, other, other_inter


def _as_rioters(crowd: str | None) -> str | None:
    """ "Protesters (Syria)" once the crowd turns violent: "Rioters (Syria)"."""
    return crowd.replace("Protesters", "Rioters") if crowd else None


def _confidence(draft: Draft, has_actor: bool, has_place: bool) -> float:
    score = 0.35 + 0.3 * draft.trigger.mention.entry.strength
    score += 0.1 if has_actor else -0.05
    score += 0.1 if has_place else -0.1
    score += 0.1 if draft.date_mention is not None else -0.05
    if draft.trigger.mention.pos == "imperfect":
        score -= 0.1
    return round(min(1.0, max(0.0, score)), 2)


def _event_id(
    doc_id: str,
    event_type: str,
    when: date | None,
    place: str | None,
    actor1: str | None,
    actor2: str | None,
) -> str:
    parts = [doc_id, event_type, when.isoformat() if when else "", place or ""]
    key = "|".join([*parts, actor1 or "", actor2 or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
