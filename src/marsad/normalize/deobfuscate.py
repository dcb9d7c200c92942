"""Undo filter-evasion spellings (the first layers of the normaliser).

Each technique is one pass: a regular expression over the whole text finds
the rare characters or shapes that may be evasion (so clean text costs one C
scan per pass), and Python looks only at those candidates. Passes run in a
fixed order, each on the previous pass's output, so combinations (look-alike
letters plus ``ـ.ـ``, Arabizi plus ``ـ.ـ``, ``ـ.ـ`` plus repeated letters) come
apart one layer at a time. Passes whose decision needs a "known word" check ask
the :class:`~marsad.normalize.vocab.Vocabulary`, loaded on first use.

The tatweel beside an inserted mark is what tells ``هجـ.ـمات`` from a real
full stop, so all of this runs before the tatweel matching step.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from marsad.normalize import wordpasses
from marsad.normalize.offsets import Edit, OffsetMap
from marsad.normalize.tables import CharTables, load_tables
from marsad.normalize.vocab import Vocabulary, fold_table, package_word_list
from marsad.normalize.wordpasses import PendingAmbiguity

EVASION_TECHNIQUES = (
    "presentation_form",
    "lookalike_letter",
    "invisible",
    "diacritic_stuffing",
    "tatweel_punct",
    "tatweel_space",
    "punct_inside",
    "emoji_inside",
    "spaced_letters",
    "arabizi_digit",
    "latin_lookalike",
    "arabic_indic_lookalike",
    "letter_repetition",
    "dotless",
)


CACHE_LIMIT = 200_000
# Rounds of re-judging junctions and stand-ins after a restoration (each round
# needs a new restoration; real text needs one at most).
MAX_REREAD_ROUNDS = 4


@dataclass(frozen=True, slots=True)
class Ambiguity:
    """A spelling left alone because it has several readings (raw offsets)."""

    start: int
    end: int
    original: str
    readings: tuple[str, ...]
    technique: str

    def to_dict(self) -> dict[str, object]:
        return {
            "start": self.start,
            "end": self.end,
            "original": self.original,
            "readings": list(self.readings),
            "technique": self.technique,
        }


def ambiguity_in_raw(raw: str, layers: Iterable[OffsetMap], pending: PendingAmbiguity) -> Ambiguity:
    """``pending`` (in the offsets of the text after ``layers``) in raw offsets."""
    start, end = pending.start, pending.end
    for layer in reversed(list(layers)):
        start, end = layer.source_span(start, end)
    return Ambiguity(start, end, raw[start:end], pending.readings, pending.technique)


@dataclass(frozen=True)
class Deobfuscated:
    """Result of the de-obfuscation layers: text, one map per layer, ambiguities."""

    text: str
    layers: tuple[OffsetMap, ...]
    ambiguities: tuple[Ambiguity, ...]


def _char_class(chars: str) -> str:
    """A compact ``[...]`` body for a set of characters (runs become ranges)."""
    codes = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(first if i == j else f"{first}-{last}" if j > i + 1 else first + last)
        i = j + 1
    return "".join(parts)


class Patterns:
    """Compiled character classes and candidate finders, built once from the tables."""

    def __init__(self, tables: CharTables) -> None:
        t = tables
        self.tables = t
        letters, marks, tatweel = t.letters, t.marks, t.tatweel
        self.letter_re = re.compile(f"[{letters}]")
        self.word_char_re = re.compile(f"[{letters}{marks}{tatweel}]")
        self.word_run_re = re.compile(f"[{letters}{marks}{tatweel}]*")
        self.marks_re = re.compile(f"[{marks}]+")
        self.harakat_re = re.compile(f"[{t.harakat}]+")
        self.harakat_chars = "".join(
            chr(c) for c in range(0x0600, 0x0700) if self.harakat_re.match(chr(c))
        )
        self.tanween_re = re.compile(f"[{t.tanween}]")
        self.char_map = t.char_map
        mapped = _char_class("".join(self.char_map))
        self.chars_re = re.compile(f"[{mapped}{t.invisible}]+")
        self.invisible_re = re.compile(f"[{t.invisible}]")
        self.inner_char_re = re.compile(f"[{letters}{marks}{tatweel}{mapped}]")
        junk = f"{tatweel}{marks}{t.invisible}{t.inserted_strong}{t.inserted_weak}{t.symbols}"
        # Led by the (rare) inserted character so the scan runs at C speed; the
        # letter before it is checked by the look-behind just after.
        junk_chars = f"[{junk}]"
        self.junction_re = re.compile(
            f"{junk_chars}(?<=[{letters}{marks}]{junk_chars})"
            f"(?:{junk_chars}|(?<={tatweel}) (?=[{t.invisible}]*{tatweel}))*"
            f"(?=[{marks}]*[{letters}])"
        )
        self.strong_re = re.compile(f"[{t.inserted_strong}]")
        self.symbol_re = re.compile(f"[{t.symbols}]")
        # A letter written apart may carry marks or tatweel on either side: the
        # matching steps drop them, and the letters must join now as they would then.
        spaced = f"[{marks}{tatweel}]*[{letters}][{marks}{tatweel}]*"
        self.spaced_hint_re = re.compile(f" {spaced} [{marks}{tatweel}]*[{letters}]")
        self.spaced_re = re.compile(
            f"(?<![{letters}{marks}{tatweel}\\w]){spaced}"
            f"(?: {spaced}){{2,}}(?![{letters}{marks}{tatweel}\\w])"
        )
        self.lookalikes = t.lookalike_readings()
        stand_ins = _char_class("".join(self.lookalikes))
        self.stand_in_re = re.compile(f"[{stand_ins}]+")
        self.stand_in_token_re = re.compile(f"[{letters}{marks}{tatweel}{stand_ins}]*")
        # The article before a number (الـ5, وال3) is not a word with a stand-in.
        self.article_re = re.compile(f"(?:[وفبك]?ال|[وف]?لل)[{marks}{tatweel}]*")
        self.repetition_re = re.compile(f"([{letters}])\\1+")
        # Two equal letters side by side: the words holding one are read whole
        # (``wordpasses.repetition``).
        self.doubled_letter_re = re.compile(f"([{letters}])\\1")
        dotless = "".join(c for c in t.dotless_letters if c != "\u0649")
        self.dotless_re = re.compile(f"[{dotless}]")
        self.medial_yeh_re = re.compile(f"\u0649(?=[{marks}]*[{letters}])")
        self.rasm_of = _rasm_table(t)


def _rasm_table(tables: CharTables) -> dict[int, str]:
    """Each letter to one representative of the letters it differs from only by dots."""
    group: dict[str, set[str]] = {}
    for table in (tables.dotless_letters, tables.dotless_twins):
        for char, readings in table.items():
            members = {char, *readings}
            for member in list(members):
                members |= group.get(member, set())
            for member in members:
                group[member] = members
    return {ord(char): min(members) for char, members in group.items()}


class Deobfuscator:
    """Finds evasion spellings and restores them, one pass per technique.

    ``vocabulary`` is a :class:`Vocabulary` or a factory for one; it is only
    built when a candidate needs a known-word check.
    """

    def __init__(
        self,
        vocabulary: Vocabulary | Callable[[], Vocabulary] | None = None,
        tables: CharTables | None = None,
        twin_terms: Iterable[str] | None = None,
    ) -> None:
        self.patterns = Patterns(tables or load_tables())
        terms = list(package_word_list("conflict_terms.txt") if twin_terms is None else twin_terms)
        # Twins are looked for after the matching steps (see ``twin_edits``), so
        # the terms are also looked for as those steps leave them (غارة as غاره).
        fold = fold_table()
        folded = [term.translate(fold) for term in terms]
        self.twin_finder = wordpasses.twin_variants(self.patterns, dict.fromkeys(terms + folded))
        self._vocabulary: Vocabulary | None = None
        # Decisions per written word, so a word seen again costs one lookup.
        self.cache: dict[tuple[str, str], object] = {}
        if isinstance(vocabulary, Vocabulary):
            self._vocabulary = vocabulary
            self._factory: Callable[[], Vocabulary] = lambda: vocabulary
        else:
            self._factory = vocabulary or Vocabulary
        self.passes: tuple[tuple[str, Callable[[str], list[Edit]]], ...] = (
            ("chars", self._chars),
            ("stuffing", self._stuffing),
            ("junctions", self._junctions),
            ("spaced", self._spaced),
            ("lookalikes", self._lookalikes),
        )

    @property
    def vocabulary(self) -> Vocabulary:
        """The known-word list (loaded on first use)."""
        if self._vocabulary is None:
            self._vocabulary = self._factory()
        return self._vocabulary

    @property
    def vocabulary_loaded(self) -> bool:
        return self._vocabulary is not None

    def run(self, raw: str) -> Deobfuscated:
        """Apply the passes that read the text as written to ``raw``; layers map each
        pass back to its input. Repetition and dotless twins wait for the matching
        steps (``late_edits``, ``twin_edits``)."""
        if len(self.cache) > CACHE_LIMIT:
            self.cache.clear()
        text = raw
        layers: list[OffsetMap] = []
        for name, find in self.passes:
            edits = find(text)
            if edits:
                text, offset_map = OffsetMap.apply(text, edits)
                layers.append(offset_map)
                if name == "lookalikes":
                    text = self._junctions_again(text, layers)
        pending: list[PendingAmbiguity] = []
        edits = wordpasses.dotless(self.patterns, text, self, pending)
        ambiguities = [ambiguity_in_raw(raw, layers, a) for a in pending]
        if edits:
            text, offset_map = OffsetMap.apply(text, edits)
            layers.append(offset_map)
            text = self._junctions_again(text, layers)
        return Deobfuscated(text, tuple(layers), tuple(ambiguities))

    def junction_edits(self, text: str) -> list[Edit]:
        """Marks inside words of an already folded text (for a late re-check)."""
        return self._junctions(text)

    def _junctions_again(self, text: str, layers: list[OffsetMap]) -> str:
        """A restored stand-in or dotless letter can be the letter a junction needed."""
        for _ in range(MAX_REREAD_ROUNDS):
            again = self._junctions(text)
            if not again:
                return text
            text, offset_map = OffsetMap.apply(text, again)
            layers.append(offset_map)
            # The joined word can give a stand-in the look-alike pass passed over
            # (too few letters beside it) the letters it needs to be read: read it
            # now, as normalising the result again would.
            read = self._lookalikes(text)
            if not read:
                return text
            text, offset_map = OffsetMap.apply(text, read)
            layers.append(offset_map)
        return text

    # -- character-level passes (no vocabulary) ---------------------------------

    def _chars(self, text: str) -> list[Edit]:
        """Presentation forms, look-alike letters, invisible characters inside words."""
        p = self.patterns
        char_map, final = p.char_map, p.tables.lookalike_letters_final
        presentation = p.tables.presentation_forms
        inner, invisible = p.inner_char_re.match, p.invisible_re.match
        stand = p.lookalikes
        edits: list[Edit] = []
        for m in p.chars_re.finditer(text):
            start, end = m.span()
            i = start
            while i < end:
                if invisible(text, i):
                    j = i
                    while j < end and invisible(text, j):
                        j += 1
                    if i > 0 and j < len(text):
                        left, right = inner(text, i - 1), inner(text, j)
                        # Beside a digit or Latin stand-in it is still inside a word,
                        # and so it is between two stand-ins of a word: once one of
                        # them is read as a letter, it would be beside that letter.
                        if (
                            (left or text[i - 1] in stand)
                            and (right or text[j] in stand)
                            and (left or right or self._stand_ins_reach_a_letter(text, i, j))
                        ):
                            edits.append(Edit(i, j, "", "invisible"))
                    i = j
                    continue
                char = text[i]
                replacement = char_map[char]
                technique = "presentation_form" if char in presentation else "lookalike_letter"
                if char in final and (i + 1 == len(text) or not inner(text, i + 1)):
                    replacement = final[char]
                edits.append(Edit(i, i + 1, replacement, technique))
                i += 1
        return edits

    def _stand_ins_reach_a_letter(self, text: str, start: int, end: int) -> bool:
        """Whether the stand-ins (and invisible characters) on either side of
        ``text[start:end]`` lead to a letter."""
        p = self.patterns
        stand, invisible, inner = p.lookalikes, p.invisible_re.match, p.inner_char_re.match
        k = start - 1
        while k >= 0 and (text[k] in stand or invisible(text, k)):
            k -= 1
        if k >= 0 and inner(text, k):
            return True
        k = end
        while k < len(text) and (text[k] in stand or invisible(text, k)):
            k += 1
        return k < len(text) and bool(inner(text, k))

    def _stuffing(self, text: str) -> list[Edit]:
        """Remove every haraka from a word carrying more than any real spelling would."""
        p = self.patterns
        if not any(mark in text for mark in p.harakat_chars):
            return []  # one fast substring test per haraka instead of a regex scan
        shadda = p.tables.shadda
        allowed_after_tanween = p.tables.tanween_allowed_before
        edits: list[Edit] = []
        done_until = -1
        for m in p.harakat_re.finditer(text):
            start, end = m.span()
            if start < done_until:
                continue
            marks = m.group()
            vowels = marks.replace(shadda, "")
            stuffed = len(vowels) > 1 or marks.count(shadda) > 1
            if not stuffed and p.tanween_re.search(marks) and end < len(text):
                following = text[end]
                stuffed = bool(p.letter_re.match(following)) and (
                    following not in allowed_after_tanween
                )
            if not stuffed:
                continue
            word_start, word_end = wordpasses.word_bounds(p, text, start, end)
            for run in p.harakat_re.finditer(text, word_start, word_end):
                edits.append(Edit(run.start(), run.end(), "", "diacritic_stuffing"))
            done_until = word_end
        return edits

    def _junctions(self, text: str) -> list[Edit]:
        """Marks, tatweel, symbols and emoji inserted between the letters of a word."""
        return wordpasses.junctions(self.patterns, text, self)

    def _spaced(self, text: str) -> list[Edit]:
        return wordpasses.spaced_letters(self.patterns, text, self)

    def _lookalikes(self, text: str) -> list[Edit]:
        return wordpasses.lookalikes(self.patterns, text, self)

    def lookalike_edits(self, text: str) -> list[Edit]:
        """Stand-ins read as letters (for a late re-check of joined words)."""
        return self._lookalikes(text)

    def late_edits(self, text: str) -> list[Edit]:
        """Repeated letters, judged on the text after the matching steps.

        Removing diacritics or folding ``ة`` to ``ه`` can bring equal letters
        together, so judging repetition after them keeps normalisation
        idempotent.
        """
        return wordpasses.repetition(self.patterns, text, self)

    def twin_edits(self, text: str, pending: list[PendingAmbiguity]) -> list[Edit]:
        """Lexicon terms written with dotless twins, judged on the text after the
        matching steps: a hamza form, ى or a diacritic can hide a term from the
        finder (دإعس، حىس، حطفَ) until those steps have folded or dropped it, and
        judged before them it would be found only by normalising the result again.
        """
        twins = wordpasses.twin_dotless(self.patterns, text, self, self.twin_finder, pending)
        # Several variants can cover one word (with and without its article).
        return sorted({e.start: e for e in twins}.values(), key=lambda e: e.start)
