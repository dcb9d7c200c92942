"""Arabic normalisation with de-obfuscation and an exact offset map.

>>> nt = normalize("هجـ.ـمـ.ـات")
>>> nt.text
'هجمات'
>>> nt.raw_text(0, 5)
'هجـ.ـمـ.ـات'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from marsad.normalize.deobfuscate import Deobfuscator
from marsad.normalize.offsets import Edit, OffsetMap, SubstitutionMap
from marsad.normalize.steps import MATCHING_STEPS, CharStep, load_steps
from marsad.normalize.text import Change, NormalizedText

# The display form keeps letters as written and drops only decoration.
DISPLAY_STEPS = ("tatweel", "diacritics")

__all__ = [
    "DISPLAY_STEPS",
    "MATCHING_STEPS",
    "Change",
    "Edit",
    "NormalizedText",
    "Normalizer",
    "OffsetMap",
    "default_normalizer",
    "lower_ascii",
    "match_key",
    "normalize",
]

MAX_JUNCTION_ROUNDS = 4

_ASCII_UPPER = re.compile("[A-Z]")
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


class Normalizer:
    """De-obfuscation followed by the chosen matching steps.

    Built once (tables and vocabulary load here) and then pure: the same raw
    text always gives the same result.
    """

    def __init__(
        self,
        steps: Sequence[str] = MATCHING_STEPS,
        deobfuscator: Deobfuscator | None = None,
    ) -> None:
        available = load_steps()
        unknown = [s for s in steps if s not in available]
        if unknown:
            raise ValueError(f"unknown normalisation steps: {', '.join(unknown)}")
        self.steps: tuple[CharStep, ...] = tuple(available[s] for s in steps)
        self.deobfuscator = deobfuscator if deobfuscator is not None else Deobfuscator()
        # All step tables act on distinct characters, so one pass applies them
        # all: one-for-one substitutions by str.translate, deletions by a regex.
        self._technique = {ch: step.name for step in self.steps for ch in step.table}
        replacement = {ch: rep for step in self.steps for ch, rep in step.table.items()}
        self._substitutions = {ch: rep for ch, rep in replacement.items() if len(rep) == 1}
        self._replacement = {ch: rep for ch, rep in replacement.items() if len(rep) != 1}
        chars = "".join(sorted(self._replacement))
        self._pattern = re.compile("[" + re.escape(chars) + "]") if chars else None

    def _step_edits(self, text: str) -> list[Edit]:
        if self._pattern is None:
            return []
        replacement, technique = self._replacement, self._technique
        return [
            Edit(m.start(), m.end(), replacement[c], technique[c])
            for m in self._pattern.finditer(text)
            for c in (m.group(),)
        ]

    def normalize(self, raw: str) -> NormalizedText:
        """Normalise ``raw``; every offset of the result maps back to ``raw``."""
        deobfuscated = self.deobfuscator.run(raw)
        text = deobfuscated.text
        layers: tuple[OffsetMap, ...] = deobfuscated.layers
        text, substitution_map = SubstitutionMap.substitute(
            text, self._substitutions, self._technique
        )
        if substitution_map is not None:
            layers = (*layers, substitution_map)
        step_edits = self._step_edits(text)
        if step_edits:
            text, step_map = OffsetMap.apply(text, step_edits)
            layers = (*layers, step_map)
        late_edits = self.deobfuscator.late_edits(text)
        if late_edits:
            text, late_map = OffsetMap.apply(text, late_edits)
            layers = (*layers, late_map)
        # A restoration (a reduced repetition, a joined neighbour) can complete
        # the word another junction needed: re-check until nothing changes, so
        # that normalising twice changes nothing more.
        for _ in range(MAX_JUNCTION_ROUNDS):
            junctions = self.deobfuscator.junction_edits(text)
            if not junctions:
                break
            text, junction_map = OffsetMap.apply(text, junctions)
            layers = (*layers, junction_map)
        return NormalizedText(raw, text, layers, deobfuscated.ambiguities)

    def key(self, term: str) -> str:
        """The matching key of a dictionary entry (same folding as the text)."""
        return self.normalize(term).text


@lru_cache(maxsize=1)
def default_normalizer() -> Normalizer:
    """The normaliser with every matching step (shared, it holds no state)."""
    return Normalizer()


def normalize(raw: str) -> NormalizedText:
    """Normalise ``raw`` with the default normaliser."""
    return default_normalizer().normalize(raw)


def match_key(term: str) -> str:
    """The matching key of a lexicon or gazetteer entry."""
    return default_normalizer().key(term)


def lower_ascii(text: str) -> str:
    """``text`` with ASCII letters lower-cased and every other character as it is.

    Other case mappings can change a string's length (and so its offsets).
    """
    if _ASCII_UPPER.search(text) is None:
        return text  # most Arabic text: str.translate would look up every character
    return text.translate(_ASCII_LOWER)
