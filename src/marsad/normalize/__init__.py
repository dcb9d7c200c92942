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
from marsad.normalize.offsets import Edit, OffsetMap
from marsad.normalize.steps import MATCHING_STEPS, CharStep, load_steps
from marsad.normalize.text import Change, NormalizedText, build

__all__ = [
    "MATCHING_STEPS",
    "Change",
    "Edit",
    "NormalizedText",
    "Normalizer",
    "OffsetMap",
    "default_normalizer",
    "match_key",
    "normalize",
]


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
        # All step tables act on distinct characters, so one pass applies them all.
        self._technique = {ch: step.name for step in self.steps for ch in step.table}
        self._replacement = {ch: rep for step in self.steps for ch, rep in step.table.items()}
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
        deobfuscated = build(raw, [self.deobfuscator.edits(raw)])
        text = deobfuscated.text
        step_edits = self._step_edits(text)
        if not step_edits:
            return deobfuscated
        new_text, step_map = OffsetMap.apply(text, step_edits)
        return NormalizedText(raw, new_text, (*deobfuscated.layers, step_map))

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
