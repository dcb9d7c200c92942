"""Character tables of the de-obfuscation layer, read from package data.

The tables live in ``marsad/data/chars/deobfuscation.json``; this module only
turns them into the character classes and lookups the passes use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources


def _class_body(chars: str) -> str:
    """Escape a list of single characters for use inside ``[...]``."""
    return "".join(re.escape(c) for c in chars)


@dataclass(frozen=True)
class CharTables:
    """Character classes (regex bodies, ranges allowed) and lookups."""

    letters: str
    marks: str
    harakat: str
    shadda: str
    tanween: str
    tanween_allowed_before: frozenset[str]
    tatweel: str
    invisible: str
    inserted_strong: str
    inserted_weak: str
    symbols: str
    presentation_forms: dict[str, str]
    lookalike_letters: dict[str, str]
    lookalike_letters_final: dict[str, str]
    arabizi: dict[str, tuple[str, ...]]
    latin_lookalikes: dict[str, tuple[str, ...]]
    arabic_indic_lookalikes: dict[str, tuple[str, ...]]
    dotless_letters: dict[str, tuple[str, ...]]
    dotless_twins: dict[str, tuple[str, ...]]

    @property
    def char_map(self) -> dict[str, str]:
        """Presentation forms and look-alike letters, one lookup."""
        return {**self.presentation_forms, **self.lookalike_letters}

    def lookalike_readings(self) -> dict[str, tuple[str, tuple[str, ...]]]:
        """Every stand-in character: (technique, Arabic readings in order)."""
        found: dict[str, tuple[str, tuple[str, ...]]] = {}
        for char, readings in self.arabizi.items():
            found[char] = ("arabizi_digit", readings)
        for char, readings in self.latin_lookalikes.items():
            found[char] = ("latin_lookalike", readings)
        for char, readings in self.arabic_indic_lookalikes.items():
            found[char] = ("arabic_indic_lookalike", readings)
        return found


def load_tables() -> CharTables:
    """Read the de-obfuscation tables from the package data."""
    source = resources.files("marsad.data").joinpath("chars/deobfuscation.json")
    data = json.loads(source.read_text("utf-8"))

    def readings(name: str) -> dict[str, tuple[str, ...]]:
        return {k: tuple(v) for k, v in data[name].items()}

    return CharTables(
        letters=data["arabic_letters"],
        marks=data["marks"],
        harakat=data["harakat"],
        shadda=data["shadda"],
        tanween=data["tanween"],
        tanween_allowed_before=frozenset(data["tanween_allowed_before"]),
        tatweel=data["tatweel"],
        invisible=data["invisible"],
        inserted_strong=_class_body(data["inserted_strong"]),
        inserted_weak=_class_body(data["inserted_weak"]),
        symbols=data["symbols"],
        presentation_forms=dict(data["presentation_forms"]),
        lookalike_letters=dict(data["lookalike_letters"]),
        lookalike_letters_final=dict(data["lookalike_letters_final"]),
        arabizi=readings("arabizi"),
        latin_lookalikes=readings("latin_lookalikes"),
        arabic_indic_lookalikes=readings("arabic_indic_lookalikes"),
        dotless_letters=readings("dotless_letters"),
        dotless_twins=readings("dotless_twins"),
    )
