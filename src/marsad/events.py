"""The coded event: ACLED's fields, marsad's extras and the evidence.

This is the object that leaves extraction and enters geocoding, merging,
storage and export. Field names follow ACLED's codebook.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

# ACLED's type priority: when a report fits several, the first wins.
EVENT_TYPE_PRIORITY = (
    "Battles",
    "Protests",
    "Riots",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Strategic developments",
)

SUB_EVENT_TYPES = {
    "Battles": (
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Armed clash",
    ),
    "Protests": (
        "Excessive force against protesters",
        "Protest with intervention",
        "Peaceful protest",
    ),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's interaction: both inter codes, lower first; one actor gives inter1*10."""
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    low, high = sorted((inter1, inter2))
    return low * 10 + high


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a field's value came from: raw-text offsets and the raw text."""

    field: str
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Event:
    """One ACLED-coded event with the evidence for its fields."""

    doc_id: str
    event_id: str
    event_type: str
    sub_event_type: str
    event_date: date | None = None
    time_precision: int | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    civilian_targeting: str | None = None
    iso: int | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int = 0
    fatalities_rule: str = "no mention"
    notes: str = ""
    source: str | None = None
    confidence: float = 0.0
    complete: bool = True
    evidence: tuple[Evidence, ...] = ()
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def disorder_type(self) -> str:
        return DISORDER_TYPES[self.event_type]

    @property
    def interaction(self) -> int | None:
        return interaction_code(self.inter1, self.inter2)

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record of ``marsad extract`` (fixed shape)."""
        record = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "extra"}
        record["event_date"] = self.event_date.isoformat() if self.event_date else None
        record["disorder_type"] = self.disorder_type
        record["interaction"] = self.interaction
        record["evidence"] = [e.to_dict() for e in self.evidence]
        record["extra"] = dict(self.extra)
        return record

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Event:
        """Inverse of :meth:`to_dict` (derived fields are recomputed)."""
        names = {f.name for f in fields(cls)}
        values = {k: v for k, v in record.items() if k in names}
        if values.get("event_date"):
            values["event_date"] = date.fromisoformat(str(values["event_date"])[:10])
        values["evidence"] = tuple(Evidence(**e) for e in record.get("evidence") or ())
        values["extra"] = dict(record.get("extra") or {})
        return cls(**values)
