"""Sentences and words of a normalised text, with offsets into it.

Offsets here index ``NormalizedText.text``; ``NormalizedText.raw_span`` turns
them into raw-text offsets when a result leaves the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.normalize import NormalizedText

_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)
# A sentence ends at a line break, or at . ! ? ; followed by space or the end.
_SENTENCE_END = re.compile(r"\n+|[.!?;]+(?=\s|$)|\.\.+")


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the normalised text: ``text == nt.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the normalised text and its words."""

    index: int
    start: int
    end: int
    tokens: tuple[Token, ...]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` (offsets into the whole ``text``)."""
    pattern_end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, pattern_end)]


def sentences(nt: NormalizedText) -> list[Sentence]:
    """Split a normalised text into sentences (empty ones are skipped)."""
    text = nt.text
    found: list[Sentence] = []
    cursor = 0
    bounds: list[tuple[int, int]] = []
    for match in _SENTENCE_END.finditer(text):
        bounds.append((cursor, match.end()))
        cursor = match.end()
    if cursor < len(text):
        bounds.append((cursor, len(text)))
    for start, end in bounds:
        words = tokens(text, start, end)
        if words:
            found.append(Sentence(len(found), words[0].start, end, tuple(words)))
    return found


# Observatory round-ups chain incidents in one long sentence: "...، في حين
# استهدفت الفصائل ...، بينما ألقى الطيران ...". After a comma these words open a
# new clause that can report an incident of its own.
_CLAUSE_OPENER = re.compile(
    r"[،,]\s*(?=(?:في حين|بينما|فيما|كما|وكما|كذلك|ايضا|من جهه اخري|الي ذلك|في غضون ذلك|في وقت)\s)"
)
MIN_CLAUSE_WORDS = 6


def clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """``sentence`` cut where a new clause opens, when both sides have at least
    MIN_CLAUSE_WORDS words; ``index`` is left to the caller."""
    cuts = [m.end() for m in _CLAUSE_OPENER.finditer(text, sentence.start, sentence.end)]
    if not cuts:
        return [sentence]
    found: list[Sentence] = []
    start = sentence.start
    words = list(sentence.tokens)
    for cut in [*cuts, sentence.end]:
        head = [w for w in words if w.start < cut]
        rest = [w for w in words if w.start >= cut]
        if cut != sentence.end and (len(head) < MIN_CLAUSE_WORDS or len(rest) < MIN_CLAUSE_WORDS):
            continue
        if head:
            found.append(Sentence(sentence.index, start, cut, tuple(head)))
        start, words = cut, rest
    return found
