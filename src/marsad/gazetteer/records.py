"""What goes into the index: a place candidate, its names and how it ranks."""

from __future__ import annotations

import math
from dataclasses import dataclass

from marsad.recognize.types import PlaceCandidate

KINDS = (
    "country",
    "governorate",
    "district",
    "subdistrict",
    "town",
    "village",
    "landmark",
    "road",
    "region",
)
_KIND_WEIGHT = {
    "country": 9.0,
    "governorate": 8.0,
    "district": 6.0,
    "subdistrict": 5.0,
    "region": 5.0,
    "landmark": 5.0,
    "road": 5.0,
    "town": 3.0,
    "village": 1.0,
}
# Towns of at least this many people are "town", smaller populated places "village".
TOWN_POPULATION = 5000


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A candidate with every name it is known by (Arabic and Latin) and its origin."""

    candidate: PlaceCandidate
    names: tuple[str, ...]
    curated: bool = False


def populated_kind(population: int) -> str:
    return "town" if population >= TOWN_POPULATION else "village"


def prominence(candidate: PlaceCandidate, curated: bool, focus: bool = False) -> float:
    """Ranking score for ambiguous names: kind, population, curation, focus country.

    A place in a focus country (where Arabic conflict reporting happens) ranks
    above a larger namesake elsewhere: زنجبار is Zinjibar (Yemen) before Zanzibar.
    """
    score = _KIND_WEIGHT.get(candidate.kind, 0.0)
    score += math.log10(candidate.population + 1) / 2
    return score + (1.0 if curated else 0.0) + (1.0 if focus else 0.0)


def same_place(a: PlaceCandidate, b: PlaceCandidate, km: float = 10.0) -> bool:
    """True when two candidates from different sources describe one place."""
    populated = {"town", "village"}
    if a.country_code != b.country_code:
        return False
    if a.kind != b.kind and not (a.kind in populated and b.kind in populated):
        return False
    apart = known_distance_km(a, b)
    if apart is None:
        return a.kind == b.kind and a.name_en.lower() == b.name_en.lower()
    return apart <= km


def known_distance_km(a: PlaceCandidate, b: PlaceCandidate) -> float | None:
    """``distance_km``, or None when either candidate has no point (each caller
    decides what an unplaced candidate means)."""
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return distance_km(a, b)


def distance_km(a: PlaceCandidate, b: PlaceCandidate) -> float:
    """Great-circle distance between two candidates with coordinates."""
    assert a.latitude is not None and a.longitude is not None
    assert b.latitude is not None and b.longitude is not None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))
