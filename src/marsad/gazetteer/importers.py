"""Readers for gazetteer data sets users download themselves.

Each reader turns a file (or directory) into ``PlaceRecord`` objects; the
``import_*`` functions store them in the user's part of the index. Bad input
raises GazetteerError naming the file (and line) and stores nothing.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from marsad.errors import GazetteerError
from marsad.gazetteer.embedded import countries, load_curated
from marsad.gazetteer.index import Gazetteer
from marsad.gazetteer.keys import is_arabic
from marsad.gazetteer.records import PlaceRecord, populated_kind
from marsad.recognize.types import PlaceCandidate

# GeoNames feature codes worth having as places; everything else (rivers,
# hotels, farms...) is skipped.
_GEONAMES_ADMIN = {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict"}
_GEONAMES_CLASS = {"P": "populated", "T": "region", "L": "region", "S": "landmark", "R": "road"}
_GEONAMES_LANDMARKS = frozenset({"AIRB", "AIRP", "AIRF", "MILB", "INSM", "OILF", "GASF", "BDGQ"})
_GEONAMES_COLUMNS = 19


def _csv_field_limit() -> None:
    csv.field_size_limit(10_000_000)  # GeoNames alternate-name lists are long


def _tab_rows(handle: Any) -> Iterator[list[str]]:
    return csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)


def read_geonames(path: Path, alternate_names: Path | None = None) -> Iterator[PlaceRecord]:
    """Places of a GeoNames dump (``SY.txt``...), with Arabic names from ``alternateNames``."""
    table = countries()
    admin1 = load_curated().admin1
    extra = _read_alternate_names(alternate_names) if alternate_names else {}
    _csv_field_limit()
    with _open_text(path) as handle:
        for line_no, row in enumerate(
            csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1
        ):
            if not row:
                continue
            if len(row) != _GEONAMES_COLUMNS:
                raise GazetteerError(
                    f"line {line_no}: expected {_GEONAMES_COLUMNS} tab-separated columns "
                    f"(a GeoNames dump), found {len(row)}",
                    source=str(path),
                )
            geonameid, name, ascii_name, alternates = row[0], row[1], row[2], row[3]
            feature_class, feature_code, code = row[6], row[7], row[8]
            kind = _GEONAMES_ADMIN.get(feature_code) or _GEONAMES_CLASS.get(feature_class)
            if feature_class == "S" and feature_code not in _GEONAMES_LANDMARKS:
                continue
            country = table.get(code)
            if kind is None or country is None:
                continue
            try:
                lat, lon, population = float(row[4]), float(row[5]), int(row[14] or 0)
            except ValueError as exc:
                raise GazetteerError(f"line {line_no}: {exc}", source=str(path)) from exc
            names = [name, ascii_name, *alternates.split(","), *extra.get(geonameid, [])]
            names = [n for n in dict.fromkeys(names) if n]
            arabic = [n for n in names if is_arabic(n)]
            if kind == "populated":
                kind = populated_kind(population)
            candidate = PlaceCandidate(
                id=f"gn:{geonameid}",
                name_ar=arabic[0] if arabic else "",
                name_en=name,
                kind=kind,
                latitude=lat,
                longitude=lon,
                country_code=code,
                country=country.name,
                admin1=admin1.get((code, row[10])),
                population=population,
                source="geonames-dump",
            )
            yield PlaceRecord(candidate, tuple(names))


def _read_alternate_names(path: Path) -> dict[str, list[str]]:
    """geonameid -> Arabic names, from GeoNames' ``alternateNames`` table."""
    found: dict[str, list[str]] = {}
    _csv_field_limit()
    with _open_text(path) as handle:
        for line_no, row in enumerate(
            csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE), 1
        ):
            if len(row) < 4:
                raise GazetteerError(
                    f"line {line_no}: not an alternateNames row (id, geonameid, language, name)",
                    source=str(path),
                )
            if row[2] == "ar":
                found.setdefault(row[1], []).append(row[3])
    return found


# OCHA COD headers come as ADM1_EN / ADM1_AR / ADM1_PCODE or admin1Name_en /
# admin1Name_ar / admin1Pcode; compared lower-case without separators.
_OCHA_HEADER = re.compile(r"^adm(?:in)?([0-4])(?:name)?(en|ar|pcode)$")
_LATITUDE = ("latitude", "lat", "centerlat", "y", "latitudey")
_LONGITUDE = ("longitude", "lon", "long", "centerlon", "x", "longitudex")
_OCHA_KINDS = {1: "governorate", 2: "district", 3: "subdistrict", 4: "village"}


def read_ocha(path: Path) -> Iterator[PlaceRecord]:
    """Admin units or populated places of an OCHA COD table (CSV with p-codes)."""
    table = countries()
    with _open_text(path) as handle:
        reader = csv.DictReader(handle)
        columns: dict[tuple[int, str], str] = {}
        plain: dict[str, str] = {}
        for header in reader.fieldnames or []:
            folded = re.sub(r"[^a-z0-9]", "", header.lower())
            match = _OCHA_HEADER.match(folded)
            if match:
                columns[(int(match.group(1)), match.group(2))] = header
            plain.setdefault(folded, header)
        levels = sorted({lvl for lvl, part in columns if part == "pcode" and lvl > 0})
        if not levels:
            raise GazetteerError(
                "no admin p-code column (ADM1_PCODE, admin1Pcode...): not an OCHA COD table",
                source=str(path),
            )
        lat_col = next((plain[c] for c in _LATITUDE if c in plain), None)
        lon_col = next((plain[c] for c in _LONGITUDE if c in plain), None)
        seen: set[str] = set()
        for line_no, row in enumerate(reader, 2):
            names: dict[int, tuple[str, str, str]] = {}
            for level in levels:
                pcode = (row.get(columns[(level, "pcode")]) or "").strip()
                en = (row.get(columns.get((level, "en"), ""), "") or "").strip()
                ar = (row.get(columns.get((level, "ar"), ""), "") or "").strip()
                if pcode:
                    names[level] = (pcode, en, ar)
            if not names:
                continue
            deepest = max(names)
            # Country: the admin0 p-code, else the first p-code that starts with one
            # (Syrian community codes such as C1234 do not).
            prefixes = [(row.get(columns.get((0, "pcode"), ""), "") or "").strip()]
            prefixes += [names[level][0] for level in sorted(names)]
            country = next((table[p[:2]] for p in prefixes if p[:2] in table), None)
            if country is None:
                raise GazetteerError(
                    f"line {line_no}: no p-code starts with a country code", source=str(path)
                )
            try:
                lat = float(row[lat_col]) if lat_col and row.get(lat_col) else None
                lon = float(row[lon_col]) if lon_col and row.get(lon_col) else None
            except ValueError as exc:
                raise GazetteerError(f"line {line_no}: {exc}", source=str(path)) from exc
            for level, (code, en, ar) in sorted(names.items()):
                if code in seen:
                    continue
                seen.add(code)
                point = (lat, lon) if level == deepest else (None, None)
                yield _ocha_record(country.code, country.name, level, code, en, ar, point, names)


def _ocha_record(
    code: str,
    country: str,
    level: int,
    pcode: str,
    en: str,
    ar: str,
    point: tuple[float | None, float | None],
    names: dict[int, tuple[str, str, str]],
) -> PlaceRecord:
    def admin(n: int) -> str | None:
        return names[n][1] or names[n][2] if n in names and n <= level else None

    candidate = PlaceCandidate(
        id=f"ocha:{pcode}",
        name_ar=ar,
        name_en=en or ar,
        kind=_OCHA_KINDS[level],
        latitude=point[0],
        longitude=point[1],
        country_code=code,
        country=country,
        admin1=admin(1),
        admin2=admin(2),
        admin3=admin(3),
        source="ocha",
    )
    return PlaceRecord(candidate, tuple(n for n in (ar, en) if n))


def read_opensyria(directory: Path) -> Iterator[PlaceRecord]:
    """Governorates, districts and subdistricts of Open-Syria's ``data-geography``."""
    syria = countries()["SY"]
    pcodes = load_curated().pcodes
    files = {
        "governorate": directory / "governorates.json",
        "district": directory / "districts.json",
        "subdistrict": directory / "subdistricts.json",
    }
    if not files["governorate"].exists():
        raise GazetteerError(
            "no governorates.json: not a data-geography folder", source=str(directory)
        )
    names_by_id: dict[str, str] = {}
    for kind, path in files.items():
        if not path.exists():
            continue
        for item in _read_json_list(path):
            try:
                yield _opensyria_record(item, kind, syria.name, names_by_id, pcodes)
            except (KeyError, TypeError, ValueError) as exc:
                raise GazetteerError(
                    f"entry {item.get('id')!r}: bad field {exc}", source=str(path)
                ) from exc


def _opensyria_record(
    item: dict[str, Any],
    kind: str,
    country: str,
    names_by_id: dict[str, str],
    pcodes: dict[str, tuple[str, str | None]],
) -> PlaceRecord:
    pcode = str(item.get("externalIds", {}).get("ochaPcode") or "")
    en, ar = str(item["name"]["en"]), str(item["name"]["ar"])
    # Prefer the ACLED spelling of the curated divisions (same p-code).
    if pcode in pcodes:
        curated_admin1, curated_admin2 = pcodes[pcode]
        en = curated_admin2 or curated_admin1 if kind != "governorate" else curated_admin1
    names_by_id[str(item["id"])] = en
    admin1 = en if kind == "governorate" else names_by_id.get(str(item.get("governorateId")))
    admin2 = en if kind == "district" else names_by_id.get(str(item.get("districtId")))
    centroid = item.get("centroid") or {}
    population = item.get("population") or {}
    aliases = [str(a["value"]) for a in item.get("aliases", []) if a.get("value")]
    candidate = PlaceCandidate(
        id=f"opensyria:{item['id']}",
        name_ar=ar,
        name_en=en,
        kind=kind,
        latitude=centroid.get("latitude"),
        longitude=centroid.get("longitude"),
        country_code="SY",
        country=country,
        admin1=admin1,
        admin2=admin2 if kind != "governorate" else None,
        admin3=en if kind == "subdistrict" else None,
        population=int(population.get("value") or 0),
        source="opensyria",
    )
    return PlaceRecord(candidate, tuple(dict.fromkeys([ar, en, str(item["name"]["en"]), *aliases])))


def _read_json_list(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GazetteerError(f"cannot read JSON: {exc}", source=str(path)) from exc
    if not isinstance(data, list):
        raise GazetteerError("expected a JSON list of places", source=str(path))
    return data


def _open_text(path: Path) -> Any:
    if not path.is_file():
        raise GazetteerError("no such file", source=str(path))
    try:
        return path.open(encoding="utf-8-sig", newline="")
    except OSError as exc:
        raise GazetteerError(f"cannot read: {exc.strerror}", source=str(path)) from exc


def import_geonames(
    gazetteer: Gazetteer, path: str | Path, alternate_names: str | Path | None = None
) -> int:
    """Store the places of a GeoNames dump; returns how many."""
    alt = Path(alternate_names) if alternate_names else None
    return gazetteer.add_records(read_geonames(Path(path), alt), str(path))


def import_ocha(gazetteer: Gazetteer, path: str | Path) -> int:
    """Store the units of an OCHA COD CSV table; returns how many."""
    return gazetteer.add_records(read_ocha(Path(path)), str(path))


def import_opensyria(gazetteer: Gazetteer, directory: str | Path) -> int:
    """Store the divisions of an Open-Syria data-geography folder; returns how many."""
    return gazetteer.add_records(read_opensyria(Path(directory)), str(directory))
