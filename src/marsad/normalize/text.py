"""``NormalizedText``: a normalised string that remembers where it came from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from marsad.normalize.offsets import Edit, OffsetMap
from marsad.normalize.steps import MATCHING_STEPS

if TYPE_CHECKING:
    from marsad.normalize.deobfuscate import Ambiguity


@dataclass(frozen=True, slots=True)
class Change:
    """One change, in raw-text offsets, as reported by ``marsad normalize --json``."""

    start: int
    end: int
    original: str
    normalized: str
    technique: str

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "normalized": self.normalized,
            "technique": self.technique,
        }


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """The text later stages match against, and the way back to the raw text.

    ``layers`` holds one offset map per normalisation layer, from the raw text
    outwards; ``text`` is the result of the last layer.
    """

    raw: str
    text: str
    layers: tuple[OffsetMap, ...]
    ambiguities: tuple[Ambiguity, ...] = ()
    # Raw spans of letters dropped as repetitions, by where they start: the
    # letters a word's last letter stood for ("هجومممم") belong to its span.
    repeated_tails: dict[int, int] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for _, start, end in self._raw_edits("letter_repetition"):
            self.repeated_tails[start] = end
        if self.repeated_tails:
            # A character dropped between a word and the letters it repeated (the
            # invisible one of "ببا\u200cا") belongs to the span too, or the span
            # would not normalise back to the word.
            dropped_before = {
                end: start
                for edit, start, end in self._raw_edits(deletions=True)
                if edit.technique != "letter_repetition"
            }
            for tail in list(self.repeated_tails):
                while tail in dropped_before:
                    start = dropped_before[tail]
                    self.repeated_tails.setdefault(start, tail)
                    tail = start

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw-text offsets of ``text[start:end]``."""
        for layer in reversed(self.layers):
            start, end = layer.source_span(start, end)
        while start < end and end in self.repeated_tails:
            end = self.repeated_tails[end]
        return start, end

    def raw_offset(self, index: int) -> int:
        """Raw-text offset of a boundary in ``text``."""
        for layer in reversed(self.layers):
            index = layer.boundary_source(index)
        return index

    def norm_offset(self, raw_index: int) -> int:
        """Offset in ``text`` of a boundary in the raw text."""
        for layer in self.layers:
            raw_index = layer.derived_offset(raw_index)
        return raw_index

    def raw_text(self, start: int, end: int) -> str:
        """The raw characters behind ``text[start:end]``."""
        raw_start, raw_end = self.raw_span(start, end)
        return self.raw[raw_start:raw_end]

    def changes(self) -> list[Change]:
        """Every change from raw to ``text``, in raw offsets, in text order."""
        found = [
            Change(start, end, self.raw[start:end], edit.replacement, edit.technique)
            for edit, start, end in self._raw_edits()
        ]
        found.sort(key=lambda c: (c.start, c.end))
        return found

    def _raw_edits(
        self, technique: str | None = None, *, deletions: bool = False
    ) -> Iterator[tuple[Edit, int, int]]:
        """Each layer's edits (of one ``technique``, or all; only the deletions if
        ``deletions``) with their span mapped back to the raw text."""
        for depth, layer in enumerate(self.layers):
            earlier = self.layers[:depth]
            edits = layer.edits if technique is None else layer.edits_by(technique)
            for edit in edits:
                if deletions and edit.replacement:
                    continue
                start, end = edit.start, edit.end
                for previous in reversed(earlier):
                    start, end = previous.source_span(start, end)
                yield edit, start, end

    def evasions(self, matching_steps: Iterable[str] = MATCHING_STEPS) -> list[Change]:
        """The changes made by de-obfuscation (not by the named matching steps)."""
        skip = frozenset(matching_steps)
        return [c for c in self.changes() if c.technique not in skip]


def build(raw: str, layer_edits: list[list[Edit]] | None = None) -> NormalizedText:
    """A ``NormalizedText`` from successive edit lists (each against the previous text)."""
    text = raw
    layers: list[OffsetMap] = []
    for edits in layer_edits or []:
        if edits:
            text, offset_map = OffsetMap.apply(text, edits)
            layers.append(offset_map)
    return NormalizedText(raw, text, tuple(layers))
