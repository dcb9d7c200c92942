"""Gazetteer: keys, lookups, ambiguity, countries, errors, curated data vs Open-Syria."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import shared_path

from marsad.errors import GazetteerError
from marsad.gazetteer import Gazetteer, embedded, iso_numeric
from marsad.gazetteer.keys import arabic_loose, latin_fold, latin_skeleton, query_keys
from marsad.merge import haversine_km as _km
from marsad.normalize import match_key
from marsad.settings import Settings, load_settings

SYRIA_ADMIN1 = {
    "Aleppo", "Al-Hasakeh", "Ar-Raqqa", "As-Sweida", "Damascus", "Dara", "Deir ez-Zor",
    "Hama", "Homs", "Idlib", "Lattakia", "Quneitra", "Rural Damascus", "Tartous",
}  # fmt: skip


@pytest.fixture(scope="session")
def built_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings whose index is the full embedded gazetteer, built once.

    The index lives in pytest's cache directory so later runs reuse it (it is
    rebuilt automatically when the package data changes), never in the user's
    data directory.
    """
    cache = request.config.cache
    if cache is not None:
        folder = Path(cache.mkdir("marsad_gazetteer"))
    else:
        folder = request.getfixturevalue("tmp_path_factory").mktemp("gazetteer")
    settings = load_settings(gazetteer_db=str(folder / "gazetteer.sqlite"))
    Gazetteer.open(settings).close()
    return settings


@pytest.fixture(scope="session")
def gazetteer(built_settings: Settings) -> Iterator[Gazetteer]:
    with Gazetteer.open(built_settings) as opened:
        yield opened


# -- keys -----------------------------------------------------------------------


def test_arabic_variants_share_one_key() -> None:
    forms = ["الرقة", "الرقه", "رقة", "الرّقة"]
    assert len({arabic_loose(match_key(f)) for f in forms}) == 1
    assert arabic_loose(match_key("إدلب")) == arabic_loose(match_key("ادلب"))
    assert arabic_loose(match_key("كفر نبل")) == arabic_loose(match_key("كفرنبل"))
    assert arabic_loose(match_key("بئر")) == arabic_loose(match_key("بير"))


def test_latin_spellings_share_a_skeleton() -> None:
    assert latin_fold("Deir ez-Zor") == latin_fold("Deir-ez-Zor") == "deir zor"
    spellings = ["Deir ez-Zor", "Dayr az Zawr", "Deir Ezzor"]
    assert len({latin_skeleton(latin_fold(s)) for s in spellings[:2]}) == 1
    assert latin_skeleton(latin_fold("Raqqah")) == latin_skeleton(latin_fold("Ar-Raqqa"))
    assert latin_skeleton(latin_fold("Al-Hasakeh")) == latin_skeleton(latin_fold("Hasakah"))


def test_query_keys_strip_clitics_only_as_a_fallback() -> None:
    rounds = query_keys("وفي حلب")
    assert rounds[0] == [("ar", "وفيحلب")]
    assert ("ar", "حلب") in rounds[1]
    assert ("ar", "رقه") in query_keys("للرقة")[1]
    assert query_keys("   ") == []


# -- lookups --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind", "admin1"),
    [
        ("إدلب", "governorate", "Idlib"),
        ("ادلب", "governorate", "Idlib"),
        ("بإدلب", "governorate", "Idlib"),
        ("وفي إدلب", "governorate", "Idlib"),
        ("لإدلب", "governorate", "Idlib"),
        ("Idleb", "governorate", "Idlib"),
        ("الرقة", "governorate", "Ar-Raqqa"),
        ("للرقة", "governorate", "Ar-Raqqa"),
        ("Raqqah", "governorate", "Ar-Raqqa"),
        ("Dayr az Zawr", "governorate", "Deir ez-Zor"),
        ("دير الزور", "governorate", "Deir ez-Zor"),
        ("حماه", "governorate", "Hama"),
        ("اللاذقية", "governorate", "Lattakia"),
        ("للاذقية", "governorate", "Lattakia"),
        ("السخنة", "town", "Homs"),
        ("كنصفرة", "town", "Idlib"),
        ("حقل التيم", "landmark", "Deir ez-Zor"),
        ("مطار التيفور", "landmark", "Homs"),
        ("معبر القائم", "landmark", "Deir ez-Zor"),
        ("جبل الزاوية", "region", "Idlib"),
        ("طريق M4", "road", "Idlib"),
        ("منبج", "district", "Aleppo"),
        ("تل رفعت", "town", "Aleppo"),
        ("الأنبار", "governorate", "Al-Anbar"),
        ("صعدة", "governorate", "Sadah"),
        ("بنغازي", "governorate", "Benghazi"),
        ("عكار", "governorate", "Akkar"),
        ("شمال دارفور", "governorate", "North Darfur"),
    ],
)
def test_lookup_finds_the_place_first(
    gazetteer: Gazetteer, name: str, kind: str, admin1: str
) -> None:
    found = gazetteer.lookup(name)
    assert found, name
    assert (found[0].kind, found[0].admin1) == (kind, admin1)


def test_geonames_places_carry_coordinates_population_and_admin1(gazetteer: Gazetteer) -> None:
    homs_towns = [c for c in gazetteer.lookup("الرستن") if c.source == "geonames"]
    assert homs_towns and homs_towns[0].admin1 == "Homs"
    assert homs_towns[0].population > 10000
    assert homs_towns[0].latitude is not None and 34 < homs_towns[0].latitude < 35.5
    # GeoNames places outside the focus countries are there with their Arabic names.
    paris = gazetteer.lookup("باريس")
    assert any(c.country_code == "FR" for c in paris)


def test_ambiguous_names_return_every_candidate_most_prominent_first(gazetteer: Gazetteer) -> None:
    sukhnah = gazetteer.lookup("السخنة")
    assert {c.country_code for c in sukhnah} >= {"SY", "YE"}
    assert sukhnah[0].country_code == "SY"
    # A focus-country place ranks above a larger namesake elsewhere.
    assert [c.country_code for c in gazetteer.lookup("زنجبار")][:2] == ["YE", "TZ"]
    tripoli = gazetteer.lookup("طرابلس")
    assert {c.country_code for c in tripoli} >= {"LY", "LB"}
    idlib = gazetteer.lookup("إدلب")
    assert [c.kind for c in idlib][:3] == ["governorate", "district", "town"]
    # The GeoNames town and the curated town are one place, listed once.
    assert len([c for c in gazetteer.lookup("السخنة") if c.country_code == "SY"]) == 1


def test_unknown_names_return_nothing(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("مكان لا وجود له أبدا") == []
    assert gazetteer.lookup("Qwxzyvillage") == []
    assert gazetteer.lookup("") == []


def test_governorates_and_countries(gazetteer: Gazetteer) -> None:
    for name in SYRIA_ADMIN1:
        found = gazetteer.governorate("SY", name)
        assert found is not None and found.admin1 == name and found.latitude is not None
    by_spelling = gazetteer.governorate("sy", "Deir-ez-Zor")
    assert by_spelling is not None and by_spelling.admin1 == "Deir ez-Zor"
    assert gazetteer.governorate("SY", "Atlantis") is None
    syria = gazetteer.country("SY")
    assert syria is not None and syria.name_en == "Syria" and syria.name_ar == "سوريا"
    assert gazetteer.lookup("سورية")[0].name_en == "Syria"
    assert gazetteer.country("XX") is None
    assert iso_numeric("SY") == 760 and iso_numeric("iq") == 368 and iso_numeric("YE") == 887
    with pytest.raises(GazetteerError):
        iso_numeric("XX")


def test_stats_report_what_the_index_holds(gazetteer: Gazetteer) -> None:
    stats = gazetteer.stats()
    assert stats["by_kind"]["governorate"] >= 14 + 18 + 22 + 22 + 8 + 18
    assert stats["by_kind"]["district"] >= 62
    assert stats["by_source"]["geonames"] > 10000
    assert stats["arabic_names"] > 10000
    assert stats["size_bytes"] > 0
    assert stats["fingerprint"] == embedded.fingerprint() == gazetteer.fingerprint
    json.dumps(stats)  # printable as JSON


# -- errors ---------------------------------------------------------------------


def test_corrupt_index_gives_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "gazetteer.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.open(load_settings(gazetteer_db=str(path)))
    assert str(path) in caught.value.one_line() and "--force" in caught.value.one_line()


def test_unwritable_index_path_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    path = blocker / "gazetteer.sqlite"
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.open(load_settings(gazetteer_db=str(path)))
    assert str(path) in caught.value.one_line()


# -- curated data ---------------------------------------------------------------


def _curated_by_pcode() -> dict[str, tuple[str, object]]:
    found = {}
    for record in embedded.load_curated().records:
        pid = record.candidate.id.removeprefix("cur:")
        if pid.startswith("SY") and record.candidate.kind in ("governorate", "district"):
            found[pid] = (record.candidate.kind, record)
    return found


@pytest.mark.parametrize(("level", "tolerance_km"), [("governorates", 160), ("districts", 120)])
def test_curated_syria_divisions_agree_with_open_syria(level: str, tolerance_km: float) -> None:
    """Names, parent governorate and seat near the Open-Syria centroid.

    Seats are towns and centroids are area means: desert districts (Duma, Tadmor)
    put them over 100 km apart, hence the loose tolerance.
    """
    reference = json.loads(shared_path("gazetteer", "opensyria", f"{level}.json").read_text())
    curated = _curated_by_pcode()
    gov_pcodes = {
        item["id"]: item["externalIds"]["ochaPcode"]
        for item in json.loads(
            shared_path("gazetteer", "opensyria", "governorates.json").read_text()
        )
    }
    for item in reference:
        pcode = item["externalIds"]["ochaPcode"]
        assert pcode in curated, f"{item['name']['en']} ({pcode}) missing from the supplement"
        _, record = curated[pcode]
        candidate = record.candidate  # type: ignore[attr-defined]
        keys = {arabic_loose(match_key(n)) for n in record.names}  # type: ignore[attr-defined]
        assert arabic_loose(match_key(item["name"]["ar"])) in keys, pcode
        centroid = item["centroid"]
        distance = _km(
            centroid["latitude"], centroid["longitude"], candidate.latitude, candidate.longitude
        )
        assert distance < tolerance_km, f"{pcode}: {distance:.0f} km from the centroid"
        if level == "districts":
            parent_pcode = gov_pcodes[item["governorateId"]]
            _, parent = curated[parent_pcode]
            assert candidate.admin1 == parent.candidate.admin1  # type: ignore[attr-defined]
    assert len([k for k, (kind, _) in curated.items() if kind == level[:-1]]) == len(reference)


def test_every_curated_place_is_well_formed() -> None:
    for record in embedded.load_curated().records:
        c = record.candidate
        assert c.name_ar and c.name_en and c.country_code and c.country
        if c.country_code == "SY" and c.kind != "country":
            assert c.admin1 in SYRIA_ADMIN1, c.id
            if c.kind != "road":
                assert c.latitude is not None and c.longitude is not None
                assert 32.2 < c.latitude < 37.4 and 35.6 < c.longitude < 42.5, c.id
