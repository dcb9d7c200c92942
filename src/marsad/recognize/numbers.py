"""Numbers in Arabic text: digits, number words, duals and vague quantities.

Number words (every case and gender), approximation words and vague
quantities come from ``marsad/data/numbers/words.yaml``; dual nouns from
``numbers/casualties.yaml``. Seeds are found with one Aho-Corasick pass and a
digit regex; a small parser then reads compounds such as "مئة وخمسة وعشرون".
Numbers inside date expressions (days, years) are not reported.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.normalize import NormalizedText, match_key
from marsad.recognize.dates import (
    DateMatcher,
    alternation,
    data_errors,
    load_data,
    span_offsets,
    word_start,
)
from marsad.recognize.types import DateMention, NumberMention

# Word kinds of the number lexicon.
UNIT, TEN, HUNDRED, MULTIPLIER, DUAL_MULTIPLIER, VAGUE, DUAL_NOUN = (
    "unit",
    "ten",
    "hundred",
    "multiplier",
    "dual multiplier",
    "vague",
    "dual noun",
)

_WORD = re.compile(r"\w+")
_DIGIT_RUN = re.compile(r"\d+")
_GAP = re.compile(r"[ \t]+")
# A digit run with optional thousands separators; a clitic letter may sit before it
# ("و15"), a decimal point, time or fraction may not touch it.
_DIGITS = re.compile(
    r"(?:(?<![\w.,:/])|(?<=(?<!\w)[وفبلك]))(?:\d{1,3}(?:,\d{3})+|\d+)(?![\w]|[.,:/]\d)"
)


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    start: int
    end: int
    value: int
    approximate: str | None
    dual_noun: bool = False  # the count is a noun's dual form ("طفلين")


class NumberMatcher:
    """Finds numbers in normalised text; built once, then pure."""

    def __init__(self, dates: DateMatcher | None = None) -> None:
        with data_errors("marsad/data/numbers/words.yaml"):
            words = load_data("numbers/words.yaml")
            casualties = load_data("numbers/casualties.yaml")
            self.dates = dates if dates is not None else DateMatcher()
            lexicon: dict[str, tuple[str, int]] = {}
            # Later tables win for spellings listed twice (مئة: hundred, then multiplier).
            for value, names in words["units"].items():
                lexicon.update({match_key(n): (UNIT, int(value)) for n in names})
            for value, names in words["tens"].items():
                lexicon.update({match_key(n): (TEN, int(value)) for n in names})
            for value, names in words["hundreds"].items():
                lexicon.update({match_key(n): (HUNDRED, int(value)) for n in names})
            for value, names in words["multipliers"].items():
                lexicon.update({match_key(n): (MULTIPLIER, int(value)) for n in names})
            for value, names in words["multiplier_duals"].items():
                lexicon.update({match_key(n): (DUAL_MULTIPLIER, int(value)) for n in names})
            self.vague_rules: dict[str, str] = {}
            for entry in words["vague_numbers"]:
                for name in entry["names"]:
                    key = match_key(name)
                    lexicon[key] = (VAGUE, int(entry["value"]))
                    self.vague_rules[key] = str(entry["rule"])
            for person in casualties["persons"]:
                lexicon.update({match_key(n): (DUAL_NOUN, 2) for n in person.get("dual", [])})
            for kind in casualties["kinds"].values():
                lexicon.update({match_key(n): (DUAL_NOUN, 2) for n in kind["nouns"]["dual"]})
            self.lexicon = lexicon
            self.multipliers = {
                match_key(n): int(v) for v, names in words["multipliers"].items() for n in names
            }
            self.teen_ten = {match_key(w) for w in words["teen_ten"]}
            self.weak = {match_key(w) for w in words["weak"]}
            self.nouns = _countable_nouns(casualties)
            self.approx_labels: dict[str, str] = {
                match_key(w): label
                for label, names in words["approximations"].items()
                for w in names
            }
            self._approx_before = re.compile(
                rf"(?<!\w)[وف]?(?P<a>{alternation(self.approx_labels)})\s+$"
            )
            self.automaton = ahocorasick.Automaton()
            for key in lexicon:
                self.automaton.add_word(key, len(key))
            self.automaton.make_automaton()

    def find(
        self, nt: NormalizedText, dates: Sequence[DateMention] | None = None
    ) -> list[NumberMention]:
        """Every number of ``nt`` outside date expressions.

        ``dates`` are the date mentions of ``nt`` when the caller has them already;
        otherwise they are found here (their days and years are not counts).
        """
        return [
            NumberMention(
                *span_offsets(nt, p.start, p.end),
                value=p.value,
                approximate=p.approximate,
            )
            for p in self.parse(nt, dates)
        ]

    def parse(
        self, nt: NormalizedText, dates: Sequence[DateMention] | None = None
    ) -> list[ParsedNumber]:
        """The numbers of ``nt`` with offsets into ``nt.text`` only."""
        text = nt.text
        if dates is None:
            dates = self.dates.find(nt, None)
        date_spans = [(d.norm_start, d.norm_end) for d in dates]
        seeds: set[int] = set()
        for last, length in self.automaton.iter(text):
            start = last + 1 - length
            if word_start(text, start, last + 1) >= 0:
                seeds.add(start)
        # A plain digit scan is fast; the full pattern is checked at each run only.
        seeds.update(m.start() for m in _DIGIT_RUN.finditer(text) if _DIGITS.match(text, m.start()))
        found: list[ParsedNumber] = []
        reached = 0
        for seed in sorted(seeds):
            if seed < reached:
                continue
            parsed = self._read(text, seed)
            if parsed is None:
                continue
            start, end, value, vague = parsed
            if any(start < de and ds < end for ds, de in date_spans):
                continue
            reached = end
            approximate = vague or self._approximation(text, start, end)
            dual = self.lexicon.get(text[start:end], ("", 0))[0] == DUAL_NOUN
            found.append(ParsedNumber(start, end, value, approximate, dual))
        return found

    def _approximation(self, text: str, start: int, end: int) -> str | None:
        m = self._approx_before.search(text, max(0, start - 24), start)
        if m is not None:
            return self.approx_labels[" ".join(m.group("a").split())]
        after = _next_word(text, end)
        if after == "تقريبا" or _next_word(text, end + 1 + len(after)) == "تقريبا":
            return "about"
        return None

    def _classify(self, word: str, first: bool) -> tuple[str, int, bool] | None:
        """(kind, value, joined by و) of a word, clitics handled."""
        if word.isdigit():
            return None
        entry = self.lexicon.get(word)
        if entry is not None:
            return entry[0], entry[1], False
        if word[0] in "وف" and len(word) > 2:
            entry = self.lexicon.get(word[1:])
            if entry is not None:
                return entry[0], entry[1], word[0] == "و"
            if first and word[1] in "بل":
                entry = self.lexicon.get(word[2:])
                if entry is not None:
                    return entry[0], entry[1], False
        if first and word[0] in "بلك" and len(word) > 2:
            entry = self.lexicon.get(word[1:])
            if entry is not None:
                return entry[0], entry[1], False
        return None

    def _read(self, text: str, seed: int) -> tuple[int, int, int, str | None] | None:
        """Parse the number starting at ``seed``: (start, end, value, vague label)."""
        digits = _DIGITS.match(text, seed)
        m = _WORD.match(text, seed)
        if m is None:
            return None
        total = current = 0
        start = seed
        if digits is not None:
            current = int(digits.group().replace(",", ""))
            end, last_kind, words = digits.end(), "digits", 1
        else:
            first = self._classify(m.group(), True)
            if first is None:
                return None
            kind, value, _ = first
            clitic = len(m.group()) - _key_length(m.group(), self.lexicon)
            start = seed + clitic
            end, last_kind, words = m.end(), kind, 1
            if kind in (DUAL_NOUN, DUAL_MULTIPLIER):
                return start, end, value, None
            if kind == VAGUE:
                return self._read_vague(text, start, end, value)
            current = value
            if kind == MULTIPLIER and value >= 1000:
                total, current = value, 0
        last_value = current
        while True:
            pos = _skip_gap(text, end)
            nxt = _WORD.match(text, pos)
            if nxt is None:
                break
            word = nxt.group()
            multiplier = self.multipliers.get(word)
            info = self._classify(word, False)
            if multiplier is not None and last_kind in (UNIT, TEN, HUNDRED, "digits"):
                kind, value = MULTIPLIER, multiplier
                if value == 100:
                    current = (current or 1) * 100
                else:
                    total += (current or 1) * value
                    current = 0
            elif info is None:
                break
            elif not info[2] and word in self.teen_ten and last_kind == UNIT and last_value < 10:
                kind, value = UNIT, 10
                current += 10
            elif info[2] and info[0] in (UNIT, TEN, HUNDRED) and last_kind != "digits":
                kind, value = info[0], info[1]
                current += value
            elif info[2] and info[0] == MULTIPLIER and info[1] == 100 and last_kind != "digits":
                kind, value = HUNDRED, 100
                current += value
            else:
                break
            end, last_kind, last_value, words = nxt.end(), kind, value, words + 1
        value = total + current
        if words == 1 and digits is None and text[start:end] in self.weak:
            if _next_word(text, end) not in self.nouns:
                return None
        return start, end, value, None

    def _read_vague(
        self, text: str, start: int, end: int, value: int
    ) -> tuple[int, int, int, str | None]:
        label = self.vague_rules[text[start:end]]
        nxt = _WORD.match(text, _skip_gap(text, end))
        if nxt is not None and nxt.group() in ("الاف", "الالاف"):
            return start, nxt.end(), value * 1000, label + " x 1000"
        return start, end, value, label


def _countable_nouns(casualties: dict[str, object]) -> frozenset[str]:
    """Every noun a weak number word may count (with and without the article)."""
    words: set[str] = set()
    for person in casualties["persons"]:  # type: ignore[attr-defined]
        for forms in person.values():
            words.update(match_key(f) for f in forms)
    for kind in casualties["kinds"].values():  # type: ignore[attr-defined]
        for forms in kind["nouns"].values():
            words.update(match_key(f) for f in forms)
    return frozenset(words | {"ال" + w for w in words})


def _key_length(word: str, lexicon: dict[str, tuple[str, int]]) -> int:
    for cut in range(3):
        if word[cut:] in lexicon:
            return len(word) - cut
    return len(word)


def _skip_gap(text: str, pos: int) -> int:
    m = _GAP.match(text, pos)
    return m.end() if m else pos


def _next_word(text: str, pos: int) -> str:
    m = _WORD.match(text, _skip_gap(text, pos))
    return m.group() if m else ""


@lru_cache(maxsize=1)
def default_number_matcher() -> NumberMatcher:
    """A shared matcher (it holds only compiled tables)."""
    return NumberMatcher()
