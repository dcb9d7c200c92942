"""Sentences and words of a normalised text, with offsets into it.

Offsets here index ``NormalizedText.text``; ``NormalizedText.raw_span`` turns
them into raw-text offsets when a result leaves the pipeline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.normalize import NormalizedText

_WORD = re.compile(r"[^\W_]+(?:[.,][0-9]+)*", re.UNICODE)
# A sentence ends at a line break, or at . ! ? ; followed by space or the end, or
# at an ellipsis. Each kind opens with its first character, checked again by a
# look-behind: a pattern that opens with a character class lets the regex engine
# skip from one candidate character to the next. An ellipsis in brackets "(...)"
# marks words left out of a quotation, not an end: no end starts at a "." that
# follows "(" (nor, so, at the dots after it).
_SENTENCE_END = re.compile(
    r"[\n.!?;](?:(?<=\n)\n*|(?<![(.]\.)(?<=[.!?;])[.!?;]*(?=\s|$)|(?<![(.]\.)(?<=\.)\.+)"
)


@dataclass(frozen=True, slots=True)
class Token:
    """A word of the normalised text: ``text == nt.text[start:end]``."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the normalised text; its words are read when asked for.

    Most sentences of a report are never looked at word by word, so the split
    keeps only the bounds and the text they index.
    """

    index: int
    start: int
    end: int
    text: str = field(repr=False, compare=False)  # the whole normalised text

    @property
    def tokens(self) -> tuple[Token, ...]:
        return tuple(tokens(self.text, self.start, self.end))

    def first_words(self, count: int) -> list[str]:
        """The sentence's first ``count`` words (without reading the rest)."""
        found: list[str] = []
        for match in _WORD.finditer(self.text, self.start, self.end):
            found.append(match.group())
            if len(found) == count:
                break
        return found

    def word_starts(self) -> list[int]:
        """Where each word of the sentence starts (what ``tokens`` would give, cheaper)."""
        return [m.start() for m in _WORD.finditer(self.text, self.start, self.end)]


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The words of ``text[start:end]`` (offsets into the whole ``text``)."""
    pattern_end = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _WORD.finditer(text, start, pattern_end)]


def sentences(nt: NormalizedText) -> list[Sentence]:
    """Split a normalised text into sentences (those without a word are skipped)."""
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
        first_word = _WORD.search(text, start, end)
        if first_word is not None:
            found.append(Sentence(len(found), first_word.start(), end, text))
    return found


# Observatory round-ups chain incidents in one long sentence: "...، في حين
# استهدفت الفصائل ...، بينما ألقى الطيران ...". After a comma these words open a
# new clause that can report an incident of its own, as does a new verb of saying
# ("...، وأضاف البيان أن ست غارات شنت في سورية").
# "بينما", "في حين" and "كما" open a clause even where the writer left out the
# comma ("... دون خسائر بشرية كما اندلعت مواجهات ...").
# Both kinds of cut open with one character (the comma, or the first space after
# a word) so that the pattern opens with a character class: the regex engine then
# skips from one comma or space to the next instead of trying both at every letter.
# "بينما كان يتنقل" (while he was travelling) tells the circumstances of the same
# event, so "بينما" before a form of كان opens no clause.
_CLAUSE_OPENER = re.compile(
    r"[،,\s](?:(?<=[،,])\s*"
    r"(?=(?:في حين|بينما(?!\sكان)|فيما|كما|وكما|كذلك|ايضا|من جهه اخري|الي ذلك|في غضون ذلك"
    r"|في وقت|واضاف|واضافت|وقال|وقالت|واوضح|واوضحت|واكد|واكدت|واشار|واشارت"
    r"|و?في المقابل|و?بالمقابل|و?في سياق متصل|و?في الاثناء|و?في هذه الاثناء|علما|اذ)\s)"
    r"|(?<=\w\s)\s*(?=(?:في حين|بينما(?!\sكان)|كما)\s))"
)
MIN_CLAUSE_WORDS = 6


def clauses(text: str, sentence: Sentence) -> list[Sentence]:
    """``sentence`` cut where a new clause opens, when both sides have at least
    MIN_CLAUSE_WORDS words; ``index`` is left to the caller."""
    cuts = [m.end() for m in _CLAUSE_OPENER.finditer(text, sentence.start, sentence.end)]
    if not cuts:
        return [sentence]
    found: list[Sentence] = []
    words = list(sentence.tokens)
    for cut in [*cuts, sentence.end]:
        head = [w for w in words if w.start < cut]
        rest = [w for w in words if w.start >= cut]
        if cut != sentence.end and (len(head) < MIN_CLAUSE_WORDS or len(rest) < MIN_CLAUSE_WORDS):
            continue
        if head:
            found.append(Sentence(sentence.index, head[0].start, cut, text))
        words = rest
    return found


# Marks that close a word without being part of it ("التركية،", "«التركية»").
WORD_MARKS = '،,.:؛«»"()'
_SPACE = re.compile(r"\s")


def next_word(
    text: str, end: int, reach: int = 16, marks: str = WORD_MARKS
) -> tuple[int, int] | None:
    """Offsets of the word after ``end`` (past spaces, within ``reach``
    characters), the ``marks`` around it left out; None when there is none.
    The readers of "the word after a name" (a nationality adjective after an
    attack word, a generic actor or a place; the time word after "فجر") share
    it, so they agree on where a word ends."""
    window = text[end : end + reach]
    stripped = window.lstrip()
    if not stripped:
        return None
    start = end + len(window) - len(stripped)
    space = _SPACE.search(text, start)
    stop = len(text) if space is None else space.start()
    while start < stop and text[start] in marks:
        start += 1
    while stop > start and text[stop - 1] in marks:
        stop -= 1
    return (start, stop) if stop > start else None
