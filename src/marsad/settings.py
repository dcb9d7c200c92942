"""One settings object: package defaults overlaid by the user's file.

Defaults live in ``marsad/data/settings.toml``. A user file (``--config``,
``$MARSAD_CONFIG`` or ``<user config dir>/marsad/settings.toml``) overrides any
of them; unknown keys are an error so that a typo never goes unnoticed.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from marsad.errors import ConfigError


@dataclass(frozen=True)
class Settings:
    """Every tunable of marsad, with the package defaults."""

    data_dir: str = ""
    gazetteer_db: str = ""
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    default_country: str = ""
    # The countries whose events are coded (ISO alpha-2, comma-separated); events
    # placed elsewhere (a bombing in Istanbul told in a Syrian report) are left
    # out. Empty: every country.
    countries: str = "SY,IQ,YE,LY,SD"
    user_agent: str = "marsad (Arabic conflict event coder)"
    http_timeout: float = 20.0
    http_retries: int = 2
    database_url: str = "marsad.db"
    batch_size: int = 200
    merge_distance_km: float = 10.0
    min_confidence: float = 0.0
    # An event the report gives no date for is dated this many days before
    # publication: news reports mostly tell the previous day's events (set 0
    # for live channels that post as things happen).
    undated_lag_days: int = 1
    # The sentence reportedness model (``marsad train-reportedness``); empty:
    # the model shipped in the package.
    reportedness_model: str = ""
    # Let the reportedness scorer veto accepted assault and protest triggers in
    # documents whose sentence it scores below the threshold. Off: no threshold
    # measured a gain on the document evaluations that was not a narrow peak.
    reportedness_documents: bool = False
    reportedness_document_threshold: float = 0.05

    @property
    def country_codes(self) -> frozenset[str]:
        """``countries`` as a set of upper-case codes (empty: every country)."""
        return frozenset(c.strip().upper() for c in self.countries.split(",") if c.strip())

    @property
    def data_path(self) -> Path:
        """The user's data directory (created on demand)."""
        path = Path(self.data_dir or platformdirs.user_data_dir("marsad"))
        path.mkdir(parents=True, exist_ok=True)
        return path

    @property
    def gazetteer_path(self) -> Path:
        """Where the compiled gazetteer index lives."""
        return Path(self.gazetteer_db) if self.gazetteer_db else self.data_path / "gazetteer.sqlite"


def _read_toml(text: str, origin: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", source=origin) from exc


def _overlay(base: Settings, values: dict[str, Any], origin: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}", source=origin)
    for name, value in values.items():
        expected = type(getattr(base, name))
        if expected is float and isinstance(value, int):
            value = float(value)
        if not isinstance(value, expected):
            raise ConfigError(
                f"setting {name!r} must be {expected.__name__}, not {type(value).__name__}",
                source=origin,
            )
    return replace(base, **values)


def user_config_path() -> Path:
    """The user's settings file, whether or not it exists."""
    env = os.environ.get("MARSAD_CONFIG")
    if env:
        return Path(env)
    return Path(platformdirs.user_config_dir("marsad")) / "settings.toml"


def load_settings(path: str | Path | None = None, **overrides: Any) -> Settings:
    """Package defaults, then the user file (if any), then keyword overrides."""
    defaults_text = resources.files("marsad.data").joinpath("settings.toml").read_text("utf-8")
    settings = _overlay(
        Settings(), _read_toml(defaults_text, "package defaults"), "package defaults"
    )
    user_path = Path(path) if path is not None else user_config_path()
    if user_path.exists():
        try:
            text = user_path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read settings: {exc}", source=str(user_path)) from exc
        settings = _overlay(settings, _read_toml(text, str(user_path)), str(user_path))
    elif path is not None:
        raise ConfigError("settings file not found", source=str(user_path))
    return _overlay(settings, {k: v for k, v in overrides.items() if v is not None}, "options")
