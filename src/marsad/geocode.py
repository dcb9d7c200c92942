"""Geocoding stage: the place where an event happened, among gazetteer candidates.

A sentence often names several places (the target's home town, a governorate,
the road the convoy took). The event's place is the most specific one near
the trigger; its gazetteer candidate is the one agreeing with the governorate
or country named nearby and with the report's other places, then the most
prominent. ``قرب``/``ريف``/``أطراف`` make the precision 2; a governorate,
region or road alone makes it 3. A failure to place an event never removes
it: the caller keeps the event with ``place=None``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, NamedTuple

from marsad.gazetteer.records import known_distance_km
from marsad.recognize.dates import alternation, data_errors, folded_words, load_data
from marsad.recognize.types import PlaceCandidate, PlaceMention
from marsad.tokenize import next_word

# How specific each kind is (higher = more specific) and its ACLED precision.
SPECIFICITY = {
    "landmark": 6, "village": 6, "town": 6, "subdistrict": 5, "district": 4, "road": 3,
    "region": 2, "governorate": 2, "country": 0,
}  # fmt: skip
KIND_PRECISION = {
    "landmark": 1, "village": 1, "town": 1, "subdistrict": 2, "district": 2, "road": 3,
    "region": 3, "governorate": 3, "country": 3,
}  # fmt: skip
NEAR_REACH = 22  # characters before a place name where a "near" cue counts
ROAD_REACH = 60
REFERENCE_REACH = 40
ANSWERED_REACH = 45
GOVERNMENT_REACH = 16
FOREIGN_NAMESAKE_PENALTY = 6.0
REFERENCE_PENALTY = 8.0


@dataclass(frozen=True, slots=True)
class PlaceCues:
    """The words read around a place name (``data/geocode/cues.yaml``), folded."""

    version: str
    near: tuple[str, ...]  # "قرب", "ريف": near the place, precision 2
    settlement: tuple[str, ...]  # "مدينة": the town, not the governorate
    answering: re.Pattern[str]  # "ردا على تعرض بلدة X": the other event's place
    facing: re.Pattern[str]  # "المقابلة لمدينة X": X only locates the place
    quarter: re.Pattern[str]  # "شارع X", "حي X": a street or quarter named X
    government: re.Pattern[str]  # "الموالية لدمشق", "شككت دمشق": the government
    # "(118 كم غربي بغداد)", "على بعد 20 كيلومترا من حلب": a place that only
    # tells the reader where the real one lies (a reference point).
    distance: re.Pattern[str]
    # "على الطريق الواصل بين تدمر ودير الزور": the towns a road runs between.
    road_between: re.Pattern[str]
    # A country's adjective after a name ("قرية الحضر السورية") -> the country code.
    country_adjectives: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> PlaceCues:
        """Build from a mapping shaped like the data file (tests pass their own)."""
        with data_errors(f"marsad/data/{CUES_FILE}"):
            allegiance = alternation(folded_words(data["allegiance"]))
            verbs = alternation(folded_words(data["statement_verbs"]))
            return cls(
                version=str(data.get("version", "unversioned")),
                near=tuple(dict.fromkeys(folded_words(data["near"]))),
                settlement=tuple(dict.fromkeys(folded_words(data["settlement"]))),
                answering=re.compile(
                    rf"(?:^|\s)(?:{alternation(folded_words(data['answering']))})\b"
                ),
                facing=re.compile(
                    rf"(?:^|\s)(?:{alternation(folded_words(data['facing']))})"
                    r"\s+(?:ل(?:مدينه|بلده|قريه|منطقه)\s+|ل)?$"
                ),
                quarter=re.compile(
                    rf"(?:^|\s)[وفب]?(?:{alternation(folded_words(data['quarter']))})\s+$"
                ),
                government=re.compile(rf"(?:{allegiance})\s+ل?$|(?:^|\s)[وف]?(?:{verbs})\s+$"),
                distance=re.compile(
                    rf"(?:^|[\s\d])(?:{alternation(folded_words(data['distance_units']))})"
                    r"\s+(?:تقريبا\s+)?(?:(?:الي|نحو)\s+)?"
                    rf"(?:(?:ال)?(?:{alternation(folded_words(data['directions']))})\w*\s+|من\s+)"
                    r"(?:مدينه\s+|العاصمه\s+)?$"
                ),
                road_between=re.compile(
                    rf"(?:^|\s)[وب]?(?:ال)?(?:{alternation(folded_words(data['roads']))})"
                    r"(?:\s+\S+){0,2}?\s+بين\s+"
                    r"(?:(?:مدينتي|بلدتي|قريتي|مدينه|بلده|قريه)\s+)?$"
                ),
                country_adjectives={
                    word: str(code)
                    for code, adjectives in (data.get("country_adjectives") or {}).items()
                    for word in folded_words(adjectives)
                },
            )


CUES_FILE = "geocode/cues.yaml"


@lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    """The packaged words (read once)."""
    return PlaceCues.from_data(load_data(CUES_FILE))


class Location(NamedTuple):
    """The chosen place of an event and how it was chosen (a named tuple: one is
    built for every event draft, at a fraction of a frozen dataclass's cost)."""

    candidate: PlaceCandidate
    mention: PlaceMention | None
    geo_precision: int
    rule: str


def _kind_rank(candidate: PlaceCandidate) -> int:
    return SPECIFICITY.get(candidate.kind, 1)


def _reference_point(text: str, mention: PlaceMention) -> bool:
    """A place that only locates another (a distance from it) or another event (the
    attack being retaliated for)."""
    cues = place_cues()
    window = text[max(0, mention.norm_start - REFERENCE_REACH) : mention.norm_start]
    if cues.distance.search(window) is not None:
        return True
    window = text[max(0, mention.norm_start - ANSWERED_REACH) : mention.norm_start]
    return cues.answering.search(window) is not None or cues.facing.search(window) is not None


def _references(text: str, places: Sequence[PlaceMention]) -> set[int]:
    """Where the reference points among ``places`` start; a name's alias in
    brackets right after it ("عين العرب (كوباني)") is one with it."""
    found: set[int] = set()
    ordered = sorted(places, key=lambda m: m.norm_start)
    ends = _road_ends(text, ordered)
    if ends and len(ends) < len(places):
        found |= ends
    last: PlaceMention | None = None
    for mention in ordered:
        alias = (
            last is not None
            and last.norm_start in found
            and text[last.norm_end : mention.norm_start].strip() == "("
        )
        if alias or _reference_point(text, mention):
            found.add(mention.norm_start)
        last = mention
    return found


def _road_ends(text: str, ordered: Sequence[PlaceMention]) -> set[int]:
    """Where the towns a road is said to run between start ("الطريق بين X وY")."""
    found: set[int] = set()
    road_between = place_cues().road_between
    for index, first in enumerate(ordered):
        window = text[max(0, first.norm_start - ROAD_REACH) : first.norm_start]
        if road_between.search(window) is None:
            continue
        found.add(first.norm_start)
        second = ordered[index + 1] if index + 1 < len(ordered) else None
        if second is not None and text[first.norm_end : second.norm_start].strip() == "و":
            found.add(second.norm_start)
    return found


def _street_namesake(text: str, mention: PlaceMention, cand: PlaceCandidate) -> bool:
    """A town or village named as a street or quarter ("شارع تل أبيض", "حي الرميلة")."""
    if cand.kind not in ("town", "village"):
        return False
    window = text[max(0, mention.norm_start - 8) : mention.norm_start]
    return place_cues().quarter.search(window) is not None


def _government(text: str, mention: PlaceMention) -> bool:
    """A capital standing for its government ("القوات الموالية لدمشق")."""
    start = max(0, mention.norm_start - GOVERNMENT_REACH)
    return place_cues().government.search(text, start, mention.norm_start) is not None


def _near(text: str, mention: PlaceMention) -> bool:
    window = text[max(0, mention.norm_start - NEAR_REACH) : mention.norm_start]
    return any(cue in window for cue in place_cues().near)


def best_candidate(
    mention: PlaceMention,
    governorates: Iterable[tuple[str, str]],
    countries: Iterable[str],
    votes: Counter[tuple[str, str | None]],
    report_country: str | None = None,
    homes: frozenset[str] = frozenset(),
) -> PlaceCandidate | None:
    """The candidate agreeing with nearby governorates/countries, then the report, then
    the actors' countries (``homes``), then size."""
    near_govs = set(governorates)
    near_countries = set(countries)
    report_country = report_country or main_country(votes)
    best: tuple[float, PlaceCandidate] | None = None
    for cand in mention.candidates:
        score = 0.0
        if (cand.country_code, cand.admin1 or "") in near_govs:
            score += 4
        if cand.country_code in near_countries:
            score += 2
        if cand.country_code == report_country:
            # A village abroad that shares a name is rarely the one a report means.
            score += 2
        if cand.country_code in homes:
            score += 1
        score += min(votes.get((cand.country_code, cand.admin1), 0), 3)
        score += math.log10(cand.population + 1) / 3
        score += _kind_rank(cand) / 10
        if best is None or score > best[0]:
            best = (score, cand)
    return best[1] if best else None


def main_country(votes: Counter[tuple[str, str | None]]) -> str | None:
    """The country most of the report's place names can be in."""
    by_country: dict[str, int] = {}
    for (code, _), count in votes.items():
        by_country[code] = by_country.get(code, 0) + count
    if not by_country:
        return None
    most = max(by_country.values())
    leaders = [code for code, count in by_country.items() if count == most]
    return leaders[0] if len(leaders) == 1 else None  # None: no country stands out


def _context_sets(
    mentions: Sequence[PlaceMention],
) -> tuple[set[tuple[str, str]], set[str]]:
    governorates: set[tuple[str, str]] = set()
    countries: set[str] = set()
    for m in mentions:
        for cand in m.candidates:
            if cand.kind == "governorate" and cand.admin1:
                governorates.add((cand.country_code, cand.admin1))
            if cand.kind == "country":
                countries.add(cand.country_code)
    return governorates, countries


def report_votes(mentions: Sequence[PlaceMention]) -> Counter[tuple[str, str | None]]:
    """How often each (country, governorate) is a candidate of the report's places."""
    votes: Counter[tuple[str, str | None]] = Counter()
    for m in mentions:
        for key in {(c.country_code, c.admin1) for c in m.candidates}:
            votes[key] += 1
    return votes


def locate(
    text: str,
    trigger_end: int,
    sentence_places: Sequence[PlaceMention],
    context: Sequence[Sequence[PlaceMention]],
    votes: Counter[tuple[str, str | None]],
    actor_countries: Iterable[str] = (),
    report_country: str | None = None,
    next_event: int | None = None,
) -> Location | None:
    """The event's place from its sentence, else from the sentences in ``context``
    (tried in order: the next sentence, the previous one, the headline).
    ``actor_countries``: countries the event's actors belong to (a Syrian army
    unit fights in Syria), a tie-break between namesakes. ``report_country``:
    ``main_country(votes)``, worked out here when not given (a caller placing
    many events of one report gives it once). ``next_event``: where the word of
    another event starts after the trigger; a place named after it is that
    event's more than this one's ("احتجاج ... وتفجير في جرابلس")."""
    report_country = report_country or main_country(votes)
    context_places = [p for group in context for p in group]
    governorates, countries = _context_sets([*sentence_places, *context_places])
    homes = frozenset(actor_countries)
    chosen = _choose(
        text,
        trigger_end,
        sentence_places,
        governorates,
        countries,
        votes,
        report_country,
        homes,
        next_event,
    )
    if chosen is not None:
        first = context[0] if context else []
        refined = _refine(text, chosen, first, governorates, countries, votes, report_country)
        return refined or chosen
    for group in context:
        chosen = _choose(text, -1, group, governorates, countries, votes, report_country, homes)
        if chosen is not None:
            return Location(
                chosen.candidate,
                chosen.mention,
                max(chosen.geo_precision, 2),
                "neighbouring sentence: " + chosen.rule,
            )
    return None


def _choose(
    text: str,
    trigger_end: int,
    places: Sequence[PlaceMention],
    governorates: set[tuple[str, str]],
    countries: set[str],
    votes: Counter[tuple[str, str | None]],
    report_country: str | None,
    homes: frozenset[str] = frozenset(),
    next_event: int | None = None,
) -> Location | None:
    scored: list[tuple[float, PlaceMention, PlaceCandidate]] = []
    references = _references(text, places)
    for mention in places:
        if _government(text, mention):
            continue
        adjective = country_after(text, mention)
        cand = _resolve(
            text, mention, adjective, governorates, countries, votes, report_country, homes
        )
        if cand is None or cand.kind == "country" or _street_namesake(text, mention, cand):
            continue
        # Agreement with the rest of the report counts as much as specificity.
        score = float(_kind_rank(cand)) + min(votes.get((cand.country_code, cand.admin1), 0), 4)
        score += 3 if cand.country_code in countries else 0
        score += 2 if cand.country_code == report_country else 0
        if (
            report_country
            and cand.country_code not in (report_country, *countries)
            and adjective is None
        ):
            # Only a foreign namesake was found: the report's own place is unknown
            # to the gazetteer, and a coarser place of the report's country is safer.
            # Not so where the text names the country ("بلدة سروج التركية").
            score -= FOREIGN_NAMESAKE_PENALTY
        if trigger_end >= 0 and mention.norm_start >= trigger_end:
            if next_event is None or mention.norm_start < next_event:
                score += 1.5 - min(mention.norm_start - trigger_end, 300) / 300
        if mention.norm_start in references:
            score -= REFERENCE_PENALTY
        scored.append((score, mention, cand))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    _, mention, cand = scored[0]
    precision = KIND_PRECISION.get(cand.kind, 3)
    rule = f"{cand.kind} named in the sentence"
    if _near(text, mention) and precision == 1:
        precision, rule = 2, f"near a {cand.kind}"
    return Location(cand, mention, precision, rule)


def _resolve(
    text: str,
    mention: PlaceMention,
    adjective: str | None,
    governorates: set[tuple[str, str]],
    countries: set[str],
    votes: Counter[tuple[str, str | None]],
    report_country: str | None = None,
    homes: frozenset[str] = frozenset(),
) -> PlaceCandidate | None:
    """The mention's best candidate, read as its governorate where the text means that
    (``adjective``: the country ``country_after`` reads after the name, if any)."""
    if adjective is not None:
        # "قرية الحضر السورية": only that country's places.
        kept = tuple(c for c in mention.candidates if c.country_code == adjective)
        if not kept:
            return None
        mention = replace(mention, candidates=kept)
    cand = best_candidate(mention, governorates, countries, votes, report_country, homes)
    return None if cand is None else _prefer_governorate(text, mention, cand)


def country_after(text: str, mention: PlaceMention) -> str | None:
    """The country whose adjective follows the name, if one does (``country_adjectives``)."""
    following = next_word(text, mention.norm_end, 14)
    if following is None:
        return None
    return place_cues().country_adjectives.get(text[following[0] : following[1]])


def _prefer_governorate(text: str, mention: PlaceMention, cand: PlaceCandidate) -> PlaceCandidate:
    """A bare name shared by a governorate and its capital means the governorate."""
    if cand.kind not in ("town", "district"):
        return cand
    before = text[max(0, mention.norm_start - 8) : mention.norm_start]
    if any(word in before for word in place_cues().settlement):
        return cand
    for other in mention.candidates:
        if (
            other.kind == "governorate"
            and other.country_code == cand.country_code
            and other.admin1 == cand.admin1
        ):
            return other
    return cand


REGION_REACH_KM = 40.0


def _within_region(region: PlaceCandidate, place: PlaceCandidate) -> bool:
    """A named region with a point ("بادية السخنة") holds only the places near it; a
    governorate holds all of its own."""
    if region.kind != "region":
        return True
    apart = known_distance_km(region, place)
    return apart is None or apart <= REGION_REACH_KM


def _refine(
    text: str,
    coarse: Location,
    context_places: Sequence[PlaceMention],
    governorates: set[tuple[str, str]],
    countries: set[str],
    votes: Counter[tuple[str, str | None]],
    report_country: str | None,
) -> Location | None:
    """A governorate/region-level place made precise by a town in it named next."""
    if coarse.geo_precision < 3:
        return None
    for mention in context_places:
        adjective = country_after(text, mention)
        cand = _resolve(text, mention, adjective, governorates, countries, votes, report_country)
        if (
            cand is not None
            and _kind_rank(cand) >= SPECIFICITY["subdistrict"]
            and cand.country_code == coarse.candidate.country_code
            and cand.admin1 == coarse.candidate.admin1
            and _within_region(coarse.candidate, cand)
        ):
            precision = 2 if _near(text, mention) else KIND_PRECISION.get(cand.kind, 1)
            return Location(cand, mention, precision, f"{cand.kind} inside the named region")
    return None


BORDERS_FILE = "geocode/borders.yaml"


def border_faces(
    governorate: Callable[[str, str], PlaceCandidate | None],
    data: Mapping[str, Any] | None = None,
) -> dict[str, PlaceCandidate]:
    """Gazetteer id of a border town -> the governorate across the border it faces
    (``data/geocode/borders.yaml``), resolved with ``governorate(code, admin1)``.
    A governorate the gazetteer lacks is an error in the data file."""
    if data is None:
        data = load_data(BORDERS_FILE)
    faces: dict[str, PlaceCandidate] = {}
    with data_errors(f"marsad/data/{BORDERS_FILE}"):
        for town, (code, admin1) in (data.get("faces") or {}).items():
            found = governorate(str(code), str(admin1))
            if found is None:
                raise ValueError(f"{town}: no governorate {admin1!r} in {code}")
            faces[str(town)] = found
    return faces


def countries_named(places: Iterable[PlaceMention]) -> set[str]:
    """The codes of the countries ``places`` name as countries ("سوريا", "العراق")."""
    return {c.country_code for p in places for c in p.candidates if c.kind == "country"}


def across_border(
    text: str,
    location: Location | None,
    places: Sequence[PlaceMention],
    faces: Mapping[str, PlaceCandidate],
) -> Location | None:
    """The faced governorate when ``location`` is a border town and the sentence
    puts the event in the country across the border ("في سوريا قبالة كيليس", not
    "قرب الحدود مع سوريا"); else ``location``."""
    if location is None:
        return None
    faced = faces.get(location.candidate.id)
    if faced is None:
        return location
    if faced.country_code not in countries_named(p for p in places if _inside_country(text, p)):
        return location
    return Location(faced, None, 3, f"across the border from {location.candidate.name_en}")


_INSIDE = ("في", "داخل", "الي")


def _inside_country(text: str, mention: PlaceMention) -> bool:
    """A country named as where something is: "في سورية", "داخل سوريا", "بسوريا"."""
    if text[max(0, mention.norm_start - 1) : mention.norm_start] == "ب":
        return True
    before = text[max(0, mention.norm_start - 8) : mention.norm_start].split()
    return bool(before) and before[-1] in _INSIDE
