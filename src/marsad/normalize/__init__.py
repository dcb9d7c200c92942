"""Arabic normalisation with de-obfuscation and an exact offset map.

>>> nt = normalize("هجـ.ـمـ.ـات")
>>> nt.text
'هجمات'
>>> nt.raw_text(0, 5)
'هجـ.ـمـ.ـات'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from marsad.normalize.deobfuscate import Ambiguity, Deobfuscator, ambiguity_in_raw
from marsad.normalize.offsets import Edit, OffsetMap, SubstitutionMap
from marsad.normalize.steps import MATCHING_STEPS, CharStep, load_steps
from marsad.normalize.text import Change, NormalizedText
from marsad.normalize.wordpasses import PendingAmbiguity

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

# Rounds of the late passes (see ``Normalizer.normalize``); real text needs one or two.
MAX_LATE_ROUNDS = 4

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
        # The late passes judge the text as the matching steps left it, as
        # normalising it again would: dropping diacritics or folding ة, ى and
        # hamza forms can bring equal letters together (repetition) or bare a
        # lexicon term written with dotless twins, and what one pass restores
        # can complete the word another needs (a reduced repetition lets a
        # junction join its neighbour; a joined word gives a stand-in the letters
        # it needs to be read). A pass runs again when another one has changed the
        # text since it ran (junctions also after their own changes), until none
        # changes it, so that normalising twice changes nothing more.
        pending: list[PendingAmbiguity] = []
        late: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
            ("repetition", self.deobfuscator.late_edits),
            ("twins", lambda t: self.deobfuscator.twin_edits(t, pending)),
            ("junctions", self.deobfuscator.junction_edits),
            ("lookalikes", self._lookalike_edits),
        )
        ambiguities = list(deobfuscated.ambiguities)
        # How many late changes the text had when each pass last read it. Stand-ins
        # were read just before the matching steps, which change no reading.
        read_at = {"lookalikes": 0}
        changes = 0
        for _ in range(MAX_LATE_ROUNDS):
            before = changes
            for name, find in late:
                if read_at.get(name) == changes:
                    continue
                edits = find(text)
                ambiguities.extend(ambiguity_in_raw(raw, layers, a) for a in pending)
                pending.clear()
                if edits:
                    text, late_map = OffsetMap.apply(text, edits)
                    layers = (*layers, late_map)
                    changes += 1
                # A removed mark can complete the word another mark needed.
                read_at[name] = changes - 1 if edits and name == "junctions" else changes
            if changes == before:
                break
        return NormalizedText(raw, text, layers, _distinct(ambiguities))

    def _lookalike_edits(self, text: str) -> list[Edit]:
        """Stand-ins read as letters, folded as the matching steps fold the rest."""
        return [
            replace(e, replacement=self._substitutions.get(e.replacement, e.replacement))
            for e in self.deobfuscator.lookalike_edits(text)
        ]

    def key(self, term: str) -> str:
        """The matching key of a dictionary entry (same folding as the text)."""
        return self.normalize(term).text


def _distinct(ambiguities: Sequence[Ambiguity]) -> tuple[Ambiguity, ...]:
    """``ambiguities`` without repeats (a pass run again finds the same word again)."""
    return tuple(dict.fromkeys(ambiguities))


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
