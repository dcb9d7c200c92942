"""Exact, invertible offset maps between a derived text and its source.

A derived text is the source with a set of non-overlapping edits applied
(each edit replaces ``source[start:end]`` by a replacement string, possibly
empty). Only the edits are stored, so a text with no changes costs nothing and
mapping an offset is one binary search.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` by ``replacement``; ``technique`` says why."""

    start: int
    end: int
    replacement: str
    technique: str


class OffsetMap:
    """Maps character offsets of a derived text back to its source text."""

    __slots__ = ("_dst_starts", "_dst_ends", "_src_starts", "_src_ends", "edits")

    def __init__(self, edits: Sequence[Edit]) -> None:
        self.edits: tuple[Edit, ...] = tuple(edits)
        dst_starts: list[int] = []
        dst_ends: list[int] = []
        shift = 0  # derived offset minus source offset after the previous edit
        previous_end = 0
        for edit in self.edits:
            if edit.start < previous_end or edit.end < edit.start:
                raise ValueError(f"edits overlap or are unsorted at {edit.start}")
            dst_start = edit.start + shift
            dst_starts.append(dst_start)
            dst_ends.append(dst_start + len(edit.replacement))
            shift += len(edit.replacement) - (edit.end - edit.start)
            previous_end = edit.end
        self._dst_starts = dst_starts
        self._dst_ends = dst_ends
        self._src_starts = [e.start for e in self.edits]
        self._src_ends = [e.end for e in self.edits]

    @staticmethod
    def apply(source: str, edits: Iterable[Edit]) -> tuple[str, OffsetMap]:
        """Apply sorted, non-overlapping edits; return the new text and its map."""
        ordered = sorted(edits, key=lambda e: (e.start, e.end))
        if not ordered:
            return source, OffsetMap(())
        parts: list[str] = []
        cursor = 0
        for edit in ordered:
            parts.append(source[cursor : edit.start])
            parts.append(edit.replacement)
            cursor = edit.end
        parts.append(source[cursor:])
        return "".join(parts), OffsetMap(ordered)

    def __bool__(self) -> bool:
        return bool(self.edits)

    def edits_by(self, technique: str) -> list[Edit]:
        """This layer's edits made by ``technique``."""
        return [edit for edit in self.edits if edit.technique == technique]

    def char_source(self, index: int) -> tuple[int, int]:
        """The source range that produced derived character ``index``."""
        i = bisect_right(self._dst_starts, index) - 1
        if i < 0:
            return index, index + 1
        if index < self._dst_ends[i]:
            return self._src_starts[i], self._src_ends[i]
        position = index - self._dst_ends[i] + self._src_ends[i]
        return position, position + 1

    def boundary_source(self, index: int) -> int:
        """The source offset of a position between derived characters."""
        i = bisect_right(self._dst_starts, index) - 1
        if i < 0:
            return index
        if index < self._dst_ends[i]:
            return self._src_starts[i]
        return index - self._dst_ends[i] + self._src_ends[i]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range covering derived characters ``start..end``."""
        if start >= end:
            position = self.boundary_source(start)
            return position, position
        # ``char_source(start)[0], char_source(end - 1)[1]``, written out: every
        # mention found is mapped back through each layer.
        dst_starts, dst_ends = self._dst_starts, self._dst_ends
        first = bisect_right(dst_starts, start) - 1
        if first < 0:
            source_start = start
        elif start < dst_ends[first]:
            source_start = self._src_starts[first]
        else:
            source_start = start - dst_ends[first] + self._src_ends[first]
        last_char = end - 1
        last = bisect_right(dst_starts, last_char) - 1
        if last < 0:
            source_end = end
        elif last_char < dst_ends[last]:
            source_end = self._src_ends[last]
        else:
            source_end = end - dst_ends[last] + self._src_ends[last]
        return source_start, source_end

    def derived_offset(self, source_index: int) -> int:
        """The derived offset of a source position (inverse of ``boundary_source``)."""
        i = bisect_right(self._src_starts, source_index) - 1
        if i < 0:
            return source_index
        if source_index < self._src_ends[i]:
            return self._dst_starts[i]
        return source_index - self._src_ends[i] + self._dst_ends[i]


class SubstitutionMap(OffsetMap):
    """A layer of one-for-one character substitutions: offsets do not move.

    The text is produced by ``str.translate`` at C speed; the individual edits
    (needed only to list changes) are found when first asked for.
    """

    __slots__ = ("_cached", "_source", "_table", "_techniques", "_techniques_used")

    def __init__(self, source: str, table: dict[str, str], techniques: dict[str, str]) -> None:
        # The parent's edit arrays are never consulted: every lookup is overridden.
        self._source = source
        self._table = table
        self._techniques = techniques
        self._techniques_used = frozenset(techniques[char] for char in table)
        self._cached: tuple[Edit, ...] | None = None

    @staticmethod
    def substitute(
        source: str, table: dict[str, str], techniques: dict[str, str]
    ) -> tuple[str, SubstitutionMap | None]:
        """Apply ``table`` (single characters to single characters) to ``source``."""
        # A chain of str.replace is many times faster than str.translate here.
        text = source
        for char, replacement in table.items():
            if char in text:
                text = text.replace(char, replacement)
        if text is source:
            return source, None
        return text, SubstitutionMap(source, table, techniques)

    @property
    def edits(self) -> tuple[Edit, ...]:  # type: ignore[override]
        if self._cached is None:
            table, techniques = self._table, self._techniques
            self._cached = tuple(
                Edit(i, i + 1, table[c], techniques[c])
                for i, c in enumerate(self._source)
                if c in table
            )
        return self._cached

    def __bool__(self) -> bool:
        return True

    def edits_by(self, technique: str) -> list[Edit]:
        # Every report has a few hundred substituted letters: list them only when
        # the table has a letter substituted by ``technique`` at all.
        if technique not in self._techniques_used:
            return []
        return super().edits_by(technique)

    def char_source(self, index: int) -> tuple[int, int]:
        return index, index + 1

    def boundary_source(self, index: int) -> int:
        return index

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        return start, end

    def derived_offset(self, source_index: int) -> int:
        return source_index
