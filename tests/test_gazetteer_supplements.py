"""The curated place supplements (``*_places.yaml``): parents, kinds, coordinates, ids.

A mistyped digit or swapped latitude/longitude puts a village in the wrong
province or abroad; these checks catch that before it geocodes an event there.
Every failure lists all the offending entries, not just the first.
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from typing import Any

import pytest
import yaml

from marsad.gazetteer import embedded
from marsad.gazetteer.records import KINDS
from marsad.merge import haversine_km as _km
from marsad.normalize import match_key

# (south, west, north, east) of each country with a supplement, a little loose.
BOUNDS = {
    "SY": (32.2, 35.6, 37.4, 42.5),
    "IQ": (29.0, 38.7, 37.5, 48.8),
    "YE": (12.0, 41.8, 19.0, 54.6),
    "LY": (19.4, 9.3, 33.3, 25.2),
    "TR": (35.8, 25.6, 42.2, 44.9),
}
REACH_KM = 80.0  # how far a place may lie from its district's (Syria) or province's seat
# Provinces and districts that stretch far from their seat (deserts, long coasts,
# the Euphrates valley): the farthest place they really hold, rounded up.
WIDE_KM = {
    ("SY", "SY0405"): 160,  # Tadmor: Al-Tanf and Rukban by the Jordanian border
    ("SY", "SY0800"): 100,  # Al-Hasakeh: Markada, down the Khabur
    ("IQ", "Al-Anbar"): 300,  # Ar-Rutba, Al-Qaim
    ("IQ", "Ninewa"): 140,
    ("IQ", "Salah Al-Din"): 120,
    ("IQ", "Diyala"): 120,
    ("IQ", "Wassit"): 120,
    ("IQ", "Al-Muthanna"): 130,
    ("IQ", "Kirkuk"): 100,  # Al-Zab, where the Lesser Zab meets the Tigris
    ("IQ", "Erbil"): 120,  # Sidakan, Haji Omaran, and Hakurk by the Turkish-Iranian tripoint
    ("IQ", "Sulaymaniyah"): 120,  # the Qandil mountains on the Iranian border
    ("IQ", "Al-Basrah"): 100,
    ("IQ", "Thi-Qar"): 100,
    ("IQ", "Missan"): 100,
    ("YE", "Taiz"): 100,
    ("YE", "Al Hudaydah"): 130,
    ("YE", "Al Bayda"): 110,
    ("YE", "Hajjah"): 120,
    ("YE", "Amran"): 90,
    ("YE", "Lahij"): 115,  # Yafa in the north-east, Ras al-Arah on the Bab al-Mandab coast
    ("YE", "Dhamar"): 95,  # Wusab, in the west
    ("YE", "Abyan"): 210,
    ("YE", "Shabwah"): 170,
    ("YE", "Hadramawt"): 300,
    ("YE", "Al Mahrah"): 170,
    ("LY", "Sirt"): 220,
    ("LY", "Al Wahat"): 250,
    ("LY", "Al Butnan"): 280,
    ("LY", "Misrata"): 140,
    ("LY", "Al Jabal al Gharbi"): 110,
    ("LY", "Nalut"): 250,
    ("LY", "Wadi al Hayaa"): 110,
    ("LY", "Murzuq"): 140,
    ("LY", "Al Kufrah"): 300,
    ("LY", "Al Jufrah"): 180,
    ("LY", "Ghat"): 110,
    ("TR", "Sanliurfa"): 130,  # Ceylanpinar on the Syrian border, far east of Urfa
}


@cache
def _load(name: str) -> Any:
    return yaml.safe_load(embedded.data_dir().joinpath(name).read_text("utf-8"))


def _supplements() -> dict[str, Any]:
    return {name: _load(name) for name in embedded.place_files()}


def _seats() -> dict[str, dict[str, tuple[float, float]]]:
    """Country -> parent id or name -> seat: Syrian p-codes, other admin1 names and codes."""
    syria = _load("sy_admin.yaml")
    seats: dict[str, dict[str, tuple[float, float]]] = {
        "SY": {e["id"]: (e["lat"], e["lon"]) for e in syria["governorates"] + syria["districts"]}
    }
    for code, entries in _load("admin1.yaml").items():
        for entry in entries:
            seat = (entry["lat"], entry["lon"])
            found = seats.setdefault(code, {})
            found.update({name: seat for name in entry["en"]})
            found.update({entry["gn"]: seat, f"{code}-{entry['gn']}": seat})
    return seats


def _entries() -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (name, data["country"], entry)
        for name, data in _supplements().items()
        for entry in data["places"]
    ]


def test_every_country_has_a_supplement() -> None:
    countries = {data["country"] for data in _supplements().values()}
    assert countries >= {"SY", "IQ", "YE", "LY"}


def test_supplement_ids_are_unique() -> None:
    counts = Counter(entry["id"] for _, _, entry in _entries())
    twice = sorted(pid for pid, n in counts.items() if n > 1)
    assert not twice, f"ids used twice: {twice}"
    records = Counter(r.candidate.id for r in embedded.load_curated().records)
    assert not [pid for pid, n in records.items() if n > 1]


def test_supplement_entries_are_well_formed() -> None:
    seats = _seats()
    districts = {d["id"]: d["gov"] for d in _load("sy_admin.yaml")["districts"]}
    bad = []
    for name, country, entry in _entries():
        problems = []
        if entry.get("kind") not in KINDS or entry["kind"] in ("country", "governorate"):
            problems.append(f"kind {entry.get('kind')!r}")
        if not entry.get("ar") or not entry.get("en"):
            problems.append("needs an Arabic and an English name")
        if str(entry.get("gov")) not in seats.get(country, {}):
            problems.append(f"unknown gov {entry.get('gov')!r}")
        district = entry.get("district")
        if district is not None and (country != "SY" or districts.get(district) != entry["gov"]):
            problems.append(f"district {district!r} not in gov {entry.get('gov')!r}")
        if problems:
            bad.append(f"{name}: {entry.get('id')}: {', '.join(problems)}")
    assert not bad, "\n".join(bad)


def test_supplement_places_lie_in_their_country_and_province() -> None:
    """Coordinates inside the country and near the seat of the parent named."""
    seats = _seats()
    bad = []
    for name, country, entry in _entries():
        lat, lon = entry.get("lat"), entry.get("lon")
        if lat is None or lon is None:
            if entry["kind"] in ("town", "village", "landmark", "district"):
                bad.append(f"{name}: {entry['id']}: a {entry['kind']} needs lat/lon")
            continue
        south, west, north, east = BOUNDS[country]
        if not (south < lat < north and west < lon < east):
            bad.append(f"{name}: {entry['id']}: ({lat}, {lon}) is outside {country}")
            continue
        parent = str(entry.get("district", entry["gov"]))
        seat = seats[country].get(parent)
        if seat is None:
            continue  # reported by the well-formedness test
        reach = WIDE_KM.get((country, parent), REACH_KM)
        distance = _km(lat, lon, *seat)
        if distance > reach:
            bad.append(f"{name}: {entry['id']}: {distance:.0f} km from the seat of {parent}")
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize(
    ("pid", "country", "admin1", "admin2"),
    [
        ("cur:sy-sarmada", "SY", "Idlib", "Harim"),
        ("cur:iq-tarmiyah", "IQ", "Baghdad", None),
        ("cur:ye-sabir", "YE", "Taiz", "Sabir Al Mawadim"),
        ("cur:ly-ras-lanuf", "LY", "Sirt", None),
    ],
)
def test_supplements_load_with_their_admin_path(
    pid: str, country: str, admin1: str, admin2: str | None
) -> None:
    found = {r.candidate.id: r.candidate for r in embedded.load_curated().records}
    candidate = found[pid]
    assert (candidate.country_code, candidate.admin1, candidate.admin2) == (
        country,
        admin1,
        admin2,
    )


@pytest.mark.parametrize(
    ("name", "country", "admin1", "admin2"),
    [
        ("البحصة", "SY", "Hama", "As-Suqaylabiyah"),  # the Ghab, by Jurin
        ("المشيك", "SY", "Hama", "As-Suqaylabiyah"),
        ("غمام", "SY", "Lattakia", "Lattakia"),  # Jabal al-Turkman
        ("حاكورك", "IQ", "Erbil", None),  # by the Turkish-Iranian border
        ("تل الشعير", "IQ", "Ninewa", None),  # the Makhmur front
    ],
)
def test_front_line_places_of_2015_are_found_by_arabic_name(
    name: str, country: str, admin1: str, admin2: str | None
) -> None:
    key = match_key(name)
    found = [
        r.candidate
        for r in embedded.load_curated().records
        if key in {match_key(n) for n in r.names}
    ]
    assert [(c.country_code, c.admin1, c.admin2) for c in found] == [(country, admin1, admin2)]
