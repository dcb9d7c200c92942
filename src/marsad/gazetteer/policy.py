"""Which names the place matcher may find in running text, and on what condition.

Many villages carry names that are everyday words (الثورة, السوق, الجديدة). The
policy, read from ``stoplist.yaml``, marks such a name as needing a cue word
right before it ("بلدة التل"). Decided once at index build time and stored.
"""

from __future__ import annotations

from typing import Any

import wordfreq
import yaml

from marsad.errors import GazetteerError
from marsad.gazetteer.embedded import data_dir, focus_countries
from marsad.gazetteer.keys import surface_key
from marsad.gazetteer.records import PlaceRecord

ALWAYS = 1
NEEDS_CUE = 2
NEVER = 3
_TRUSTED_KINDS = frozenset({"country", "governorate"})


class MatchPolicy:
    """Decides ALWAYS, NEEDS_CUE or NEVER for an Arabic name of a place."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.zipf_threshold = float(config["zipf_threshold"])
        self.zipf_threshold_small = float(config["zipf_threshold_small"])
        self.small_population = int(config["small_population"])
        self.short_name_length = int(config["short_name_length"])
        self.big_population = int(config["big_population"])
        self.needs_cue = frozenset(surface_key(w) for w in config["needs_cue"])
        self.never = frozenset(surface_key(w) for w in config["never"])
        self.foreign_min_population = int(config["foreign_min_population"])
        self.focus = focus_countries()
        self.cue_words = frozenset(surface_key(w) for w in config["cue_words"])
        self._zipf: dict[str, float] = {}

    @classmethod
    def load(cls) -> MatchPolicy:
        path = data_dir().joinpath("stoplist.yaml")
        try:
            config = yaml.safe_load(path.read_text("utf-8"))
            return cls(config)
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
            raise GazetteerError(f"invalid stoplist: {exc}", source="stoplist.yaml") from exc

    def zipf(self, word: str) -> float:
        if word not in self._zipf:
            self._zipf[word] = wordfreq.zipf_frequency(word, "ar")
        return self._zipf[word]

    def decide(self, key: str, record: PlaceRecord, name: str) -> int:
        """ALWAYS, NEEDS_CUE or NEVER for ``name`` of ``record``, whose surface key is ``key``."""
        trusted = record.curated or record.candidate.kind in _TRUSTED_KINDS
        short = len(key.replace(" ", "")) <= self.short_name_length
        if not trusted and (key in self.never or short):
            return NEVER
        if key in self.needs_cue or key in self.cue_words or short:
            return NEEDS_CUE
        if trusted or " " in key:
            return ALWAYS
        if record.candidate.population >= self.big_population:
            return ALWAYS
        foreign = record.candidate.country_code not in self.focus
        if foreign and record.candidate.population < self.foreign_min_population:
            return NEEDS_CUE
        # The written form counts: "مدينة" is frequent, its key "مدينه" is not.
        frequency = max(self.zipf(name), self.zipf(key))
        if frequency >= self.zipf_threshold:
            return NEEDS_CUE
        small = record.candidate.population < self.small_population
        if small and frequency >= self.zipf_threshold_small:
            return NEEDS_CUE
        return ALWAYS
