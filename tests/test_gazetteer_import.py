"""Importers (GeoNames dump, OCHA COD, Open-Syria), rebuilds that keep imports, and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import shared_path
from tests.test_gazetteer import built_settings  # noqa: F401  (session fixture)

from marsad.cli import cli
from marsad.errors import GazetteerError
from marsad.gazetteer import Gazetteer, embedded
from marsad.gazetteer.records import PlaceRecord
from marsad.settings import Settings, load_settings

FIXTURES = Path(__file__).parent / "fixtures" / "gazetteer"


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Gazetteer]:
    """An index of the curated supplement only (no GeoNames): quick to build."""

    def no_geonames(admin1: dict[tuple[str, str], str]) -> Iterator[PlaceRecord]:
        return iter(())

    monkeypatch.setattr(embedded, "iter_geonames", no_geonames)
    monkeypatch.setattr(embedded, "fingerprint", lambda: "curated-only-1")
    with Gazetteer.open(load_settings(gazetteer_db=str(tmp_path / "g.sqlite"))) as gazetteer:
        yield gazetteer


def test_geonames_dump_with_alternate_names(small: Gazetteer) -> None:
    count = small.import_geonames(
        FIXTURES / "SY_sample.txt", FIXTURES / "alternateNames_sample.txt"
    )
    assert count == 3  # the stream (feature class H) is skipped
    village = small.lookup("تل حميد")
    assert village and village[0].id == "gn:9900001" and village[0].admin1 == "Aleppo"
    assert village[0].kind == "village" and village[0].source == "geonames-dump"
    assert small.lookup("خربة الورود")[0].admin1 == "Idlib"  # from alternateNames only
    assert small.lookup("Tell Hamid")[0].id == "gn:9900001"
    assert small.lookup("جبل أبو رجمين")[0].kind == "region"
    assert small.lookup("نهر التجربة") == []


def test_a_malformed_dump_names_the_line_and_stores_nothing(small: Gazetteer) -> None:
    before = small.stats()["places"]
    with pytest.raises(GazetteerError) as caught:
        small.import_geonames(FIXTURES / "SY_broken.txt")
    assert "line 2" in caught.value.one_line() and "SY_broken.txt" in caught.value.one_line()
    assert small.stats()["places"] == before
    with pytest.raises(GazetteerError, match="no such file"):
        small.import_geonames(FIXTURES / "missing.txt")


def test_ocha_admin_table(small: Gazetteer) -> None:
    count = small.import_ocha(FIXTURES / "ocha_admin3_sample.csv")
    assert count == 3 + 2 + 2  # three subdistricts, their two districts and two governorates
    karabla = small.lookup("الكرابلة")
    assert karabla[0].id == "ocha:IQS0001" and karabla[0].kind == "subdistrict"
    assert (karabla[0].admin1, karabla[0].admin2, karabla[0].country) == (
        "Al-Anbar",
        "Al-Qaim",
        "Iraq",
    )
    assert karabla[0].latitude == pytest.approx(34.36)
    assert any(c.id == "ocha:IQD090" and c.kind == "district" for c in small.lookup("سنجار"))


def test_ocha_populated_places_with_community_codes(small: Gazetteer) -> None:
    small.import_ocha(FIXTURES / "ocha_pplp_sample.csv")
    place = small.lookup("كفر التجربة")[0]
    assert (place.id, place.kind, place.country_code) == ("ocha:C9901", "village", "SY")
    assert (place.admin1, place.admin2, place.admin3) == ("Idleb", "Ariha", "Ariha")


def test_ocha_rejects_a_table_without_pcodes(small: Gazetteer) -> None:
    with pytest.raises(GazetteerError, match="p-code"):
        small.import_ocha(FIXTURES / "ocha_bad.csv")


def test_open_syria_folder(small: Gazetteer) -> None:
    folder = shared_path("gazetteer", "opensyria")
    count = small.import_opensyria(folder)
    assert count == 14 + 62 + 272
    hasakah = [c for c in small.lookup("الحسكة") if c.source == "opensyria"]
    assert {c.kind for c in hasakah} >= {"governorate"}
    assert all(c.admin1 == "Al-Hasakeh" for c in hasakah)  # curated (ACLED) spelling
    stats = small.stats()
    assert stats["by_source"]["opensyria"] == count
    with pytest.raises(GazetteerError, match=r"governorates\.json"):
        small.import_opensyria(FIXTURES)


def test_imports_survive_a_rebuild_of_the_embedded_part(
    small: Gazetteer, monkeypatch: pytest.MonkeyPatch
) -> None:
    small.import_geonames(FIXTURES / "SY_sample.txt")
    monkeypatch.setattr(embedded, "fingerprint", lambda: "curated-only-2")
    path = small.path
    small.close()
    with Gazetteer.open(load_settings(gazetteer_db=str(path))) as rebuilt:
        assert rebuilt.fingerprint == "curated-only-2"
        assert rebuilt.lookup("تل حميد")[0].id == "gn:9900001"
        assert rebuilt.lookup("إدلب")[0].source == "curated"


# -- CLI ------------------------------------------------------------------------


def _config(tmp_path: Path, db: str) -> str:
    config = tmp_path / "settings.toml"
    config.write_text(f'gazetteer_db = "{db}"\n', "utf-8")
    return str(config)


def test_cli_lookup_and_stats(tmp_path: Path, built_settings: Settings) -> None:  # noqa: F811
    config = _config(tmp_path, built_settings.gazetteer_db)
    runner = CliRunner()
    result = runner.invoke(cli, ["--config", config, "gazetteer", "lookup", "السخنة"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert "town" in first and "Syria > Homs" in first and "34.8860, 38.8710" in first
    missing = runner.invoke(cli, ["--config", config, "gazetteer", "lookup", "لامكان"])
    assert missing.exit_code == 1
    stats = runner.invoke(cli, ["--config", config, "gazetteer", "stats"])
    assert stats.exit_code == 0 and "places:" in stats.output


def test_cli_import(small: Gazetteer, tmp_path: Path) -> None:
    config = _config(tmp_path, str(small.path))
    result = CliRunner().invoke(
        cli,
        ["--config", config, "gazetteer", "import", "ocha", str(FIXTURES / "ocha_pplp_sample.csv")],
    )
    assert result.exit_code == 0, result.output
    assert "imported 5 places"  # two villages and their three admin units in result.output
