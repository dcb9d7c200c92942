"""Cross-source merging: reports of one event from several documents become one event.

Pure, deterministic functions over :class:`SourceRecord` s (a per-document
event plus who reported it). The store calls :func:`cluster` on every group of
records a batch touches and :func:`combine` on each cluster; the same records
and locks always give the same clusters and the same merged fields.

Rules (see docs/store.md):

* two records may merge when they come from different documents, have the same
  ``event_type``, compatible actors, dates within the looser time precision and
  places within the looser geo precision (or ``distance_km``), and no analyst
  lock separates them; a cluster only admits a record compatible with all its
  members (complete link), so chains of near neighbours never snowball;
* the most precise place and date win; fatalities are the lowest credible
  figure, with the choice written to ``fatalities_rule``;
* near-duplicate documents (``independent=False``) attach to the event but are
  not counted as sources and do not add their outlet to ``source``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.events import Event, interaction_code

#: Days two dates may differ by, per (looser) ACLED time precision.
DATE_WINDOW_DAYS = {1: 0, 2: 7, 3: 31}
#: Largest date window: the store looks this far for merge candidates.
MAX_WINDOW_DAYS = max(DATE_WINDOW_DAYS.values())
#: Radius (km) of ACLED geo precision 2 ("near"/part of a district).
DISTRICT_RADIUS_KM = 25.0
#: Order in which source scales are written when several are mixed.
SCALE_ORDER = (
    "Local partner",
    "Subnational",
    "National",
    "Regional",
    "International",
    "New media",
    "Other",
)
_GENERIC_ACTOR = re.compile(r"^(unidentified|unknown|civilians|protesters|rioters)\b", re.I)
_QUALIFIER = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class SourceRecord:
    """One document's coding of an event, with who reported it."""

    key: str
    document_id: str
    event: Event
    outlet: str | None = None
    scale: str = "National"
    independent: bool = True


@dataclass(frozen=True)
class MergedEvent:
    """The fields of one merged event and the records it was built from (in order)."""

    keys: tuple[str, ...]
    fields: Mapping[str, Any]
    source_count: int
    merged: bool = field(default=False)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _fold(name: str | None) -> str:
    return (name or "").strip().casefold()


def is_generic_actor(name: str | None) -> bool:
    """Missing actors and catch-all ones (unidentified groups, civilians) fit any actor."""
    return not name or bool(_GENERIC_ACTOR.match(name.strip()))


def actors_match(a: str | None, b: str | None) -> bool:
    """Equal, one missing or generic, or one the parent of the other (name prefix)."""
    if is_generic_actor(a) or is_generic_actor(b):
        return True
    fa, fb = _fold(a), _fold(b)
    if fa == fb:
        return True
    ba, bb = _fold(_QUALIFIER.sub("", a or "")), _fold(_QUALIFIER.sub("", b or ""))
    return bool(ba and bb) and (ba.startswith(bb) or bb.startswith(ba))


def actors_compatible(a: Event, b: Event) -> bool:
    """Actor pairs agree as given or with the two sides swapped."""
    straight = actors_match(a.actor1, b.actor1) and actors_match(a.actor2, b.actor2)
    swapped = actors_match(a.actor1, b.actor2) and actors_match(a.actor2, b.actor1)
    return straight or swapped


def dates_compatible(a: Event, b: Event) -> bool:
    """Dates within the window of the looser time precision; unknown dates never merge."""
    if a.event_date is None or b.event_date is None:
        return False
    looser = max(a.time_precision or 1, b.time_precision or 1)
    window = DATE_WINDOW_DAYS.get(looser, MAX_WINDOW_DAYS)
    return abs((a.event_date - b.event_date).days) <= window


def places_compatible(a: Event, b: Event, distance_km: float) -> bool:
    """Same place within the looser geo precision (or ``distance_km``)."""
    looser = max(a.geo_precision or 3, b.geo_precision or 3)
    if a.country and b.country and _fold(a.country) != _fold(b.country):
        return False
    if looser >= 3:
        return bool(a.admin1) and _fold(a.admin1) == _fold(b.admin1)
    if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
        radius = distance_km if looser <= 1 else max(distance_km, DISTRICT_RADIUS_KM)
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        return km <= radius
    if a.location and b.location:
        return _fold(a.location) == _fold(b.location)
    return False


def compatible(a: SourceRecord, b: SourceRecord, distance_km: float) -> bool:
    """Whether two records may describe the same event."""
    ea, eb = a.event, b.event
    return (
        a.document_id != b.document_id
        and ea.event_type == eb.event_type
        and dates_compatible(ea, eb)
        and actors_compatible(ea, eb)
        and places_compatible(ea, eb, distance_km)
    )


def lock_pair(a: str, b: str) -> tuple[str, str]:
    """The canonical (sorted) form of a split lock between two record keys."""
    return (a, b) if a <= b else (b, a)


def _precision_rank(record: SourceRecord) -> tuple[int, int, int, str]:
    e = record.event
    has_point = 0 if e.latitude is not None and e.longitude is not None else 1
    return (e.geo_precision or 9, e.time_precision or 9, has_point, record.key)


def cluster(
    records: Iterable[SourceRecord],
    locks: Iterable[tuple[str, str]] = (),
    distance_km: float = 10.0,
) -> list[tuple[SourceRecord, ...]]:
    """Group records into events, most precise records first as seeds (deterministic)."""
    locked = {lock_pair(a, b) for a, b in locks}
    ordered = sorted({r.key: r for r in records}.values(), key=_precision_rank)
    groups: list[list[SourceRecord]] = []
    for record in ordered:
        for group in groups:
            if all(
                lock_pair(record.key, member.key) not in locked
                and compatible(record, member, distance_km)
                for member in group
            ):
                group.append(record)
                break
        else:
            groups.append([record])
    result = [tuple(sorted(g, key=lambda r: r.key)) for g in groups]
    return sorted(result, key=lambda g: g[0].key)


def source_scale(scales: Iterable[str]) -> str:
    """ACLED's source_scale for a mix: one scale as is, two joined, more as ``Other-<top>``."""
    distinct = sorted(
        {s for s in scales if s},
        key=lambda s: SCALE_ORDER.index(s) if s in SCALE_ORDER else len(SCALE_ORDER),
    )
    if not distinct:
        return "Other"
    if len(distinct) == 1:
        return distinct[0]
    if len(distinct) == 2:
        first, second = distinct
        if first in ("Local partner", "Subnational", "National") and second == "New media":
            return f"New media-{first}"
        if second == "Other":
            return f"Other-{first}"
        return f"{first}-{second}"
    widest = max(
        (s for s in distinct if s not in ("New media", "Other")),
        key=SCALE_ORDER.index,
        default="National",
    )
    return f"Other-{widest}"


def _credible(event: Event) -> bool:
    rule = event.fatalities_rule.casefold()
    return event.fatalities > 0 and "claim" not in rule


def fatalities_choice(records: Sequence[SourceRecord]) -> tuple[int, str]:
    """ACLED's lowest credible figure over independent reports, and the rule text."""
    reporting = [r for r in records if r.independent] or list(records)
    if len(reporting) == 1:
        only = reporting[0].event
        return only.fatalities, only.fatalities_rule
    credible = [r.event for r in reporting if _credible(r.event)]
    pool = credible or [r.event for r in reporting if r.event.fatalities > 0]
    if not pool:
        return 0, f"no figure in {len(reporting)} reports"
    figures = sorted(e.fatalities for e in pool)
    chosen = min(pool, key=lambda e: (e.fatalities, e.fatalities_rule))
    listed = ", ".join(str(n) for n in figures)
    kind = "credible " if credible and len(credible) < len(reporting) else ""
    detail = f" ({chosen.fatalities_rule})" if chosen.fatalities_rule else ""
    if len(figures) == 1:
        return figures[0], f"only {kind}figure of {len(reporting)} reports: {listed}{detail}"
    return figures[0], f"lowest {kind}of {len(figures)} reports: {listed}{detail}"


def _pick_actor(values: Sequence[str | None]) -> str | None:
    """The most specific name among compatible ones: non-generic, then the longest."""
    named = [v for v in values if v]
    specific = [v for v in named if not is_generic_actor(v)]
    pool = specific or named
    if not pool:
        return None
    return max(pool, key=lambda v: (len(v), [-ord(c) for c in v]))


def _oriented(base: Event, other: Event) -> tuple[str | None, str | None]:
    """``other``'s actors in ``base``'s order (reports may name the sides the other way)."""
    straight = actors_match(base.actor1, other.actor1) and actors_match(base.actor2, other.actor2)
    if straight:
        return other.actor1, other.actor2
    return other.actor2, other.actor1


def combine(records: Sequence[SourceRecord]) -> MergedEvent:
    """The merged fields of one cluster (records in any order)."""
    records = sorted(records, key=lambda r: r.key)
    by_precision = sorted(records, key=_precision_rank)
    place = by_precision[0].event
    when = min(
        records,
        key=lambda r: (
            r.event.time_precision or 9,
            r.event.event_date.toordinal() if r.event.event_date else 10**9,
            r.key,
        ),
    ).event
    base = max(records, key=lambda r: (r.event.confidence, r.independent, -_precision_rank(r)[0]))
    base_event = base.event
    pairs = [_oriented(base_event, r.event) for r in records]
    actor1 = _pick_actor([p[0] for p in pairs])
    actor2 = _pick_actor([p[1] for p in pairs])
    inter1 = _inter_for(actor1, records)
    inter2 = _inter_for(actor2, records)
    fatalities, rule = fatalities_choice(records)
    independent = [r for r in records if r.independent] or records[:1]
    outlets = sorted({r.outlet for r in independent if r.outlet}, key=lambda o: (o.casefold(), o))
    country_from = next((r.event for r in by_precision if r.event.country), place)
    fields: dict[str, Any] = {
        "event_type": base_event.event_type,
        "sub_event_type": base_event.sub_event_type,
        "disorder_type": base_event.disorder_type,
        "event_date": when.event_date,
        "time_precision": when.time_precision,
        "actor1": actor1,
        "assoc_actor_1": _first(r.event.assoc_actor_1 for r in records),
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": _first(r.event.assoc_actor_2 for r in records),
        "inter2": inter2,
        "interaction": interaction_code(inter1, inter2),
        "civilian_targeting": _first(r.event.civilian_targeting for r in records),
        "iso": country_from.iso,
        "country": country_from.country,
        "admin1": place.admin1,
        "admin2": place.admin2,
        "admin3": place.admin3,
        "location": place.location,
        "latitude": place.latitude,
        "longitude": place.longitude,
        "geo_precision": place.geo_precision,
        "source": "; ".join(outlets) or None,
        "source_scale": source_scale(r.scale for r in independent),
        "notes": base_event.notes,
        "fatalities": fatalities,
        "fatalities_rule": rule,
        "confidence": max(r.event.confidence for r in records),
        "complete": any(r.event.complete for r in records),
    }
    return MergedEvent(
        keys=tuple(r.key for r in records),
        fields=fields,
        source_count=len({r.document_id for r in independent}),
        merged=len({r.document_id for r in records}) > 1,
    )


def _inter_for(actor: str | None, records: Sequence[SourceRecord]) -> int | None:
    if actor is None:
        return None
    for r in records:
        if r.event.actor1 == actor and r.event.inter1 is not None:
            return r.event.inter1
        if r.event.actor2 == actor and r.event.inter2 is not None:
            return r.event.inter2
    return None


def _first(values: Iterable[str | None]) -> str | None:
    return next((v for v in values if v), None)
