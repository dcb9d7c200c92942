"""The named matching steps of the normaliser.

Each step folds one kind of legitimate spelling variation (not evasion: that
is :mod:`marsad.normalize.deobfuscate`'s job) so dictionary entries and text
meet in one form. The tables are data (``marsad/data/chars/matching.json``);
a caller picks the steps it wants, so a display form can keep more than the
matching key.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from marsad.normalize.offsets import Edit

MATCHING_STEPS = (
    "tatweel",
    "diacritics",
    "alef",
    "alef_maqsura",
    "taa_marbuta",
    "digits",
    "punctuation",
)


@dataclass(frozen=True)
class CharStep:
    """A step defined by a character table; deletions change the length."""

    name: str
    table: dict[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_pattern", re.compile("[" + re.escape("".join(sorted(self.table))) + "]")
        )

    def edits(self, text: str) -> list[Edit]:
        """Edits that apply this step to ``text``."""
        pattern: re.Pattern[str] = self._pattern  # type: ignore[attr-defined]
        table = self.table
        return [
            Edit(m.start(), m.end(), table[m.group()], self.name) for m in pattern.finditer(text)
        ]

    def apply(self, text: str) -> str:
        """The text after this step, without offsets (for dictionary keys)."""
        return text.translate(str.maketrans(self.table))  # type: ignore[arg-type]


def load_steps() -> dict[str, CharStep]:
    """Read every matching step's table from the package data."""
    source = resources.files("marsad.data").joinpath("chars/matching.json").read_text("utf-8")
    tables = json.loads(source)
    return {name: CharStep(name, tables[name]) for name in MATCHING_STEPS}
