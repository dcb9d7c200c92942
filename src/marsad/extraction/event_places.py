"""Places an event takes beyond the name next to its trigger.

A sentence that lists places ("في بلدات كفرنبل وحاس وكفرومة") tells one event per
place (ACLED's rule), except for the ends of a road or a route; "the town" with
no name refers to the town named last as "مدينة X"; a sentence naming only
places of another governorate tells of something elsewhere; and an unplaced
sentence looks at its neighbours' places.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from marsad.extraction.drafts import Draft, _ByStart, _placed_here
from marsad.extraction.words import AssemblyWords
from marsad.gazetteer.records import known_distance_km
from marsad.geocode import Location
from marsad.recognize.places import LIST_KINDS
from marsad.recognize.types import (
    PlaceCandidate,
    PlaceMention,
)
from marsad.tokenize import Sentence


def _settlement_antecedent(
    text: str, sentence: Sentence, places: _ByStart[PlaceMention], words: AssemblyWords
) -> list[PlaceMention]:
    """When a sentence speaks of "the town" without naming one, the town named last
    before it as "مدينة X"/"بلدة X"/"قرية X", if the gazetteer knows X (the
    ``settlement_nouns`` of ``words``)."""
    anaphor = words.patterns.settlement_anaphor.search(text, sentence.start, sentence.end)
    if anaphor is None:
        return []
    named = max(
        words.patterns.named_settlement.finditer(text, 0, sentence.start),
        key=lambda m: m.end(),
        default=None,
    )
    if named is None:
        return []
    index = bisect_left(places.starts, named.end())
    if index < len(places) and places.starts[index] == named.end():
        return [places[index]]
    return []  # the town named last is unknown to the gazetteer


LISTED_RULE = "listed with "


def _listed_places(
    text: str, draft: Draft, places: Sequence[PlaceMention], words: AssemblyWords
) -> list[Draft]:
    """Copies of ``draft`` for the other places listed with its own ("في بلدات
    كفرنبل وحاس وكفرومة"), each an event of its own. Places are listed when only a
    ``list_gap`` of ``words.patterns`` stands between them, and not when the list
    follows a ``road_ends`` ("الطريق بين منبج وعين عيسى")."""
    list_gap = words.patterns.list_gap
    location = draft.location
    if location is None or location.mention is None:
        return []
    if location.candidate.kind not in LIST_KINDS or not _placed_here(location):
        return []
    index = next((i for i, p in enumerate(places) if p is location.mention), None)
    if index is None:
        return []
    chain = [index]
    for step in (1, -1):
        at = index
        while 0 <= at + step < len(places):
            a, b = sorted((places[at], places[at + step]), key=lambda p: p.norm_start)
            if list_gap.fullmatch(text, a.norm_end, b.norm_start) is None:
                break
            at += step
            chain.append(at)
    first = places[min(chain)]
    if words.patterns.road_ends.search(text, max(0, first.norm_start - 24), first.norm_start):
        return []
    copies: list[Draft] = []
    country = location.candidate.country_code
    for at in sorted(chain):
        if at == index:
            continue
        mention = places[at]
        # Of namesakes, the one nearest the place listed first ("قرى المشيك والزيارة
        # وتل واسط والمنصورة": the Ghab's Mansoura, not Raqqa's).
        cand = min(
            (c for c in mention.candidates if c.country_code == country and c.kind in LIST_KINDS),
            key=lambda c: _distance_or_far(c, location.candidate),
            default=None,
        )
        if cand is None or _same_town(cand, location.candidate):
            continue
        listed = Location(cand, mention, location.geo_precision, LISTED_RULE + location.rule)
        copies.append(
            replace(
                draft,
                location=listed,
                casualties=[],
                evidence=list(draft.evidence),
                decisions=list(draft.decisions),
                assoc1=list(draft.assoc1),
                assoc2=list(draft.assoc2),
            )
        )
    return copies


def _distance_or_far(a: PlaceCandidate, b: PlaceCandidate) -> float:
    """Kilometres between two places; unplaced ones sort last, in their given order."""
    apart = known_distance_km(a, b)
    return float("inf") if apart is None else apart


# Quarters of one city (باب توما والعباسيين) are one ACLED location, the city.
SAME_TOWN_KM = 6.0


def _same_town(a: PlaceCandidate, b: PlaceCandidate) -> bool:
    """A quarter or landmark close to the other place: part of the same town; and
    a district listed beside its seat ("الحوطة وتبن"): the seat's event."""
    if not {"landmark", "district"} & {a.kind, b.kind}:
        return False
    return _distance_or_far(a, b) < SAME_TOWN_KM


def _elsewhere(draft: Draft, places: Sequence[PlaceMention]) -> bool:
    """The sentence names places, none of them in the draft's governorate: "وفي
    العراق أصابت الغارات أهدافا قرب الموصل" after strikes near Hasakah is news of
    other strikes, not more of the same."""
    if draft.location is None:
        return False
    here = draft.location.candidate
    named = [
        c
        for p in places
        for c in p.candidates[:1]
        if c.kind in LIST_KINDS or c.kind == "governorate"
    ]
    if not named:
        return False
    return all((c.country_code, c.admin1) != (here.country_code, here.admin1) for c in named)


def _neighbour_places(
    sentence_places: Sequence[list[PlaceMention]], position: int
) -> list[list[PlaceMention]]:
    """Places of the next sentence, of the previous one and of the headline
    (``sentence_places``: each sentence's places). The first group is always the
    next sentence's, empty after the last sentence: only a place named next
    makes a region precise (``geocode.locate``), never one told before."""
    groups: list[list[PlaceMention]] = [
        sentence_places[position + 1] if position + 1 < len(sentence_places) else []
    ]
    for index in dict.fromkeys((position - 1, 0)):
        if 0 <= index < len(sentence_places) and index != position:
            groups.append(sentence_places[index])
    return groups
