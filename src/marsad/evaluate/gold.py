"""Score extracted events against gold annotations (``gold-format.md``).

A system event matches a gold event of the same document when the event types
are equal, the dates lie within the looser of the two time precisions and the
places agree (25 km where both have points, otherwise the same location name
or a shared governorate). Pairs are matched one to one, best pairs first.
Optional gold events neither reward nor punish.
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from marsad.errors import EvaluationError
from marsad.events import Event

PRECISION_DAYS = {1: 1, 2: 7, 3: 31}
MATCH_KM = 25.0
SCORED_FIELDS = ("sub_event_type", "actor1", "actor2", "event_date", "fatalities")


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    published: date | None
    events: tuple[Mapping[str, Any], ...]


def load_gold(path: str | Path) -> dict[str, GoldDocument]:
    """Read a gold JSON Lines file; every problem names the file and line."""
    source = str(path)
    try:
        lines = Path(path).read_text("utf-8").splitlines()
    except FileNotFoundError:
        raise EvaluationError("gold file not found", source=source) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"cannot read gold file: {exc}", source=source) from None
    gold: dict[str, GoldDocument] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            published = record.get("published")
            gold[str(record["doc_id"])] = GoldDocument(
                str(record["doc_id"]),
                date.fromisoformat(published) if published else None,
                tuple(record.get("events") or ()),
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise EvaluationError(
                f"line {number}: invalid gold record ({exc})", source=source
            ) from None
    if not gold:
        raise EvaluationError("gold file has no documents", source=source)
    return gold


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(math.sqrt(a))


def _name(value: Any) -> str:
    return "".join(ch for ch in str(value or "").casefold() if ch.isalnum())


def _admin1_set(value: Any) -> set[str]:
    if value is None:
        return set()
    values = value if isinstance(value, list | tuple) else [value]
    return {_name(v) for v in values if v}


def _distance(system: Mapping[str, Any], gold: Mapping[str, Any]) -> float | None:
    lat, lon = system.get("latitude"), system.get("longitude")
    gold_lat, gold_lon = gold.get("latitude"), gold.get("longitude")
    if lat is None or lon is None or gold_lat is None or gold_lon is None:
        return None
    return haversine_km(float(lat), float(lon), float(gold_lat), float(gold_lon))


def places_agree(system: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """The place rule of the gold format."""
    distance = _distance(system, gold)
    if distance is not None:
        return distance <= MATCH_KM
    if system.get("location") and _name(system["location"]) == _name(gold.get("location")):
        return True
    return bool(_admin1_set(system.get("admin1")) & _admin1_set(gold.get("admin1")))


def dates_agree(system: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Dates within the looser of the two time precisions."""
    system_date, gold_date = _date(system.get("event_date")), _date(gold.get("event_date"))
    if system_date is None or gold_date is None:
        return False
    precision = max(system.get("time_precision") or 1, gold.get("time_precision") or 1)
    return abs((system_date - gold_date).days) <= PRECISION_DAYS.get(int(precision), 31)


def _pair_score(system: Mapping[str, Any], gold: Mapping[str, Any]) -> float | None:
    if system.get("event_type") != gold.get("event_type"):
        return None
    if not dates_agree(system, gold) or not places_agree(system, gold):
        return None
    score = sum(_field_equal(f, system, gold) for f in SCORED_FIELDS)
    distance = _distance(system, gold)
    return score - (distance / MATCH_KM if distance is not None else 0.5)


def _field_equal(name: str, system: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    if name == "event_date":
        return _date(system.get(name)) == _date(gold.get(name))
    if name == "fatalities":
        return int(system.get(name) or 0) == int(gold.get(name) or 0)
    return (system.get(name) or None) == (gold.get(name) or None)


@dataclass
class DocumentScore:
    doc_id: str
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    optional_found: int = 0
    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = field(default_factory=list)
    unmatched_system: list[Mapping[str, Any]] = field(default_factory=list)
    missed_gold: list[Mapping[str, Any]] = field(default_factory=list)


def score_document(system_events: Sequence[Mapping[str, Any]], gold: GoldDocument) -> DocumentScore:
    """Match one document's events to its gold, best pairs first."""
    result = DocumentScore(gold.doc_id)
    candidates: list[tuple[float, int, int]] = []
    for i, system in enumerate(system_events):
        for j, gold_event in enumerate(gold.events):
            score = _pair_score(system, gold_event)
            if score is not None:
                # A required gold event is preferred over an optional one.
                bonus = 0.0 if gold_event.get("optional") else 100.0
                candidates.append((score + bonus, i, j))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_system: set[int] = set()
    used_gold: set[int] = set()
    for _, i, j in candidates:
        if i in used_system or j in used_gold:
            continue
        used_system.add(i)
        used_gold.add(j)
        if gold.events[j].get("optional"):
            result.optional_found += 1
        else:
            result.true_positives += 1
            result.pairs.append((system_events[i], gold.events[j]))
    result.unmatched_system = [e for i, e in enumerate(system_events) if i not in used_system]
    result.false_positives = len(result.unmatched_system)
    result.missed_gold = [
        g for j, g in enumerate(gold.events) if j not in used_gold and not g.get("optional")
    ]
    result.false_negatives = len(result.missed_gold)
    return result


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


@dataclass
class EvaluationReport:
    """Totals over every gold document."""

    documents: list[DocumentScore]
    extra_documents: int = 0  # system documents the gold does not cover

    @property
    def true_positives(self) -> int:
        return sum(d.true_positives for d in self.documents)

    @property
    def false_positives(self) -> int:
        return sum(d.false_positives for d in self.documents)

    @property
    def false_negatives(self) -> int:
        return sum(d.false_negatives for d in self.documents)

    @property
    def precision(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_positives)

    @property
    def recall(self) -> float:
        return _ratio(self.true_positives, self.true_positives + self.false_negatives)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return _ratio(2 * p * r, p + r)

    def field_accuracy(self) -> dict[str, float]:
        pairs = [pair for d in self.documents for pair in d.pairs]
        return {
            name: _ratio(sum(_field_equal(name, s, g) for s, g in pairs), len(pairs))
            for name in SCORED_FIELDS
        }

    def distances(self) -> list[float]:
        found = (_distance(s, g) for d in self.documents for s, g in d.pairs)
        return sorted(x for x in found if x is not None)

    def to_dict(self) -> dict[str, Any]:
        distances = self.distances()
        return {
            "documents": len(self.documents),
            "true_positives": self.true_positives,
            "false_positives": self.false_positives,
            "false_negatives": self.false_negatives,
            "optional_found": sum(d.optional_found for d in self.documents),
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "field_accuracy": {k: round(v, 4) for k, v in self.field_accuracy().items()},
            "distance_km_median": round(statistics.median(distances), 2) if distances else None,
            "distance_km_p90": round(_percentile(distances, 0.9), 2) if distances else None,
            "extra_documents": self.extra_documents,
        }

    def lines(self) -> list[str]:
        """A terminal summary."""
        summary = self.to_dict()
        out = [
            f"documents {summary['documents']}  events: TP {summary['true_positives']}  "
            f"FP {summary['false_positives']}  FN {summary['false_negatives']}  "
            f"(optional found {summary['optional_found']})",
            f"precision {summary['precision']:.3f}  recall {summary['recall']:.3f}  "
            f"F1 {summary['f1']:.3f}",
            "field accuracy on matched events: "
            + "  ".join(f"{k} {v:.3f}" for k, v in summary["field_accuracy"].items()),
        ]
        if summary["distance_km_median"] is not None:
            out.append(
                f"distance km: median {summary['distance_km_median']}  "
                f"p90 {summary['distance_km_p90']}"
            )
        return out


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    index = q * (len(ordered) - 1)
    low, high = math.floor(index), math.ceil(index)
    return ordered[low] + (ordered[high] - ordered[low]) * (index - low)


def event_record(event: Event | Mapping[str, Any]) -> Mapping[str, Any]:
    """The mapping the scorer reads from an ``Event`` or a JSON record."""
    return event.to_dict() if isinstance(event, Event) else event


def evaluate(
    gold: Mapping[str, GoldDocument],
    system: Mapping[str, Iterable[Event | Mapping[str, Any]]],
) -> EvaluationReport:
    """Score system events (by document id) against the gold documents."""
    scores = [
        score_document([event_record(e) for e in system.get(doc_id, ())], gold_doc)
        for doc_id, gold_doc in sorted(gold.items())
    ]
    return EvaluationReport(scores, extra_documents=len(set(system) - set(gold)))
