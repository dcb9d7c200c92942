"""Place names in running Arabic text, via one Aho-Corasick automaton.

Every Arabic name of the gazetteer is compiled once (in its surface form: the
normaliser's folding plus separators collapsed, so "طريق الرقة – السلمية" and
'حقل "التيم"' match). A hit counts only on word boundaries, after nothing or
an attached clitic (و ف ب ل ك وب وفي ...); "للرقة" (ل + الرقة) is found too.
Overlapping hits keep the longest. Names that are also common words need a
cue word before them ("بلدة التل"); see ``marsad/data/gazetteer/stoplist.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from marsad.gazetteer import Gazetteer
from marsad.gazetteer.keys import CLITICS, fold_with_offsets
from marsad.gazetteer.policy import ALWAYS, NEEDS_CUE, NEVER, MatchPolicy
from marsad.gazetteer.records import same_place
from marsad.normalize import NormalizedText
from marsad.recognize.types import PlaceCandidate, PlaceMention, mention_offsets

_PREFIXES = frozenset(("", *CLITICS))
_FUSED_PREFIXES = frozenset(("", "و", "ف"))  # before "لل..." (ل + ال)


# A GeoNames or imported name that, as written in the text, is an Arabic word at
# least this frequent (wordfreq Zipf scale) is taken for the word unless a cue
# precedes it: "الأشهر" (the months) is not Alaşehir, "ورقة" (و + رقة) not Raqqa.
# Places of BIG_PLACE people or more get the higher threshold, and the highest
# in the countries marsad codes: a city the news names daily is frequent because
# it is named (الموصل, الرمادي), not because it is a word.
COMMON_WORD_ZIPF = 3.0
COMMON_WORD_ZIPF_BIG = 4.0
# Even after a cue, a word this frequent is rather the start of an unknown name.
COMMON_WORD_ZIPF_CUED = 5.0
BIG_PLACE = 100_000
# Kinds of place a list of names holds ("بلدات كفرنبل وحاس"): settlements and the
# districts round them. A country or a governorate before "و" does not make the next
# word a place ("الولايات المتحدة والتحالف"), and assembly codes one event per listed place.
LIST_KINDS = frozenset({"town", "village", "landmark", "subdistrict", "district"})


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    anywhere: tuple[PlaceCandidate, ...]  # candidates that need no cue
    with_cue: tuple[PlaceCandidate, ...]  # every candidate
    trusted: bool  # curated: a hit is a place even where the word is common
    big: bool  # some candidate has BIG_PLACE people or more
    home: bool  # ... and lies in one of the countries marsad codes


def _by_rank(item: tuple[float, int, PlaceCandidate]) -> tuple[float, str]:
    """Best-scored candidates of a name first; ties by id, so the order is stable."""
    return (-item[0], item[2].id)


def _pool_cued_names(
    grouped: dict[str, list[tuple[float, int, PlaceCandidate]]], cue_words: frozenset[str]
) -> None:
    """A name that starts with a cue word ("ناحية ربيعة") is also every place of the
    bare name: the longest match must not hide the namesake the context asks for
    (Rabia in Lattakia's countryside, where only Iraq's is listed with ناحية).
    A bare namesake in the governorate of a place listed under the whole name is
    left out: there the whole name is the better reading ("بادية حمص" is the Homs
    desert, not the city of Homs)."""
    for surface in list(grouped):
        head, _, rest = surface.partition(" ")
        if not rest or head not in cue_words or rest not in grouped:
            continue
        known = {c.id for _, _, c in grouped[surface]}
        areas = {(c.country_code, c.admin1) for _, _, c in grouped[surface]}
        bare = sorted(
            (
                item
                for item in grouped[rest]
                if item[2].id not in known and (item[2].country_code, item[2].admin1) not in areas
            ),
            key=_by_rank,
        )
        # Ranked after the places listed under the cued name itself, in their own order.
        floor = min(score for score, _, _ in grouped[surface])
        grouped[surface] = grouped[surface] + [
            (floor - rank, ALWAYS, c)
            for rank, (_, _, c) in enumerate(bare, 1)
            if c.kind not in ("country", "governorate")
        ]


@lru_cache(maxsize=65536)
def _word_zipf(word: str) -> float:
    import wordfreq  # loaded on first use unless ``load_word_frequencies`` ran

    return float(wordfreq.zipf_frequency(word, "ar"))


def load_word_frequencies() -> None:
    """Load the Arabic word-frequency table now instead of at the first name that needs it.

    Loading takes about half a second; a long-lived extractor pays it at build
    time rather than in the middle of its first document.
    """
    import wordfreq

    wordfreq.zipf_frequency("مدينة", "ar")  # any word: the first lookup loads the table


class PlaceMatcher:
    """Finds gazetteer places in normalised text. Build once, then ``find`` is pure."""

    def __init__(self, gazetteer: Gazetteer, home_countries: frozenset[str] = frozenset()) -> None:
        policy = MatchPolicy.load()
        self.cue_words = policy.cue_words
        # A cue word alone or with a clitic attached ("وبلدة"), for one set lookup.
        self._cue_forms = self.cue_words | {
            clitic + word for clitic in CLITICS for word in self.cue_words
        }
        grouped: dict[str, list[tuple[float, int, PlaceCandidate]]] = {}
        for surface, cue, candidate, score in gazetteer.surface_names():
            if cue != NEVER:
                grouped.setdefault(surface, []).append((score, cue, candidate))
        _pool_cued_names(grouped, self.cue_words)
        self._automaton = ahocorasick.Automaton()
        for surface, found in grouped.items():
            if len(found) == 1:  # most names: nothing to rank or merge
                every = [found[0][2]]
                anywhere = every if found[0][1] != NEEDS_CUE else []
            else:
                found.sort(key=_by_rank)
                every = _distinct(c for _, _, c in found)
                anywhere = _distinct(c for _, cue, c in found if cue != NEEDS_CUE)
            trusted = any(c.source == "curated" for c in every)
            big_places = [c for c in every if c.population >= BIG_PLACE]
            home = any(c.country_code in home_countries for c in big_places)
            entry = _Entry(surface, tuple(anywhere), tuple(every), trusted, bool(big_places), home)
            self._add(surface, entry, fused=False)
            if surface.startswith("ال") and len(surface) > 3:
                rest = surface[2:]
                self._add(("ل" if rest.startswith("ل") else "لل") + rest, entry, fused=True)
        self._automaton.make_automaton()
        self.size = len(grouped)

    def _add(self, key: str, entry: _Entry, fused: bool) -> None:
        existing = self._automaton.get(key, None)
        if existing is not None and not existing[1]:
            return  # a real name wins over a fused-article variant of another
        self._automaton.add_word(key, (entry, fused))

    def find(self, nt: NormalizedText) -> list[PlaceMention]:
        """Every place mention in ``nt``, longest first where they overlap, in text order."""
        folded, positions = fold_with_offsets(nt.text)
        hits: list[tuple[int, int, tuple[PlaceCandidate, ...], str]] = []
        listed: dict[int, int] = {}  # end of each place hit -> its word's start
        size = len(folded)
        for last, (entry, fused) in self._automaton.iter(folded):
            end = last + 1
            if end < size and folded[end].isalnum():
                continue  # most hits: a name's letters inside a longer word
            start = end - (_fused_length(entry.key) if fused else len(entry.key))
            word_start = start
            while word_start > 0 and folded[word_start - 1].isalnum():
                word_start -= 1
            prefix = folded[word_start:start]
            if prefix not in (_FUSED_PREFIXES if fused else _PREFIXES):
                continue
            cued = self._cued(folded, word_start) or _listed_after(listed, prefix, word_start)
            candidates = entry.with_cue if cued else entry.anywhere
            if not candidates:
                continue
            if not (entry.trusted or " " in entry.key):
                threshold = COMMON_WORD_ZIPF_BIG if entry.big else COMMON_WORD_ZIPF
                if cued or (entry.home and start == word_start):
                    # Not with a clitic: "فرقة" is a division before it is ف + Raqqa.
                    threshold = COMMON_WORD_ZIPF_CUED
                raw_end = positions[end - 1] + 1
                as_written = nt.raw_text(positions[word_start], raw_end)
                if _word_zipf(as_written) >= threshold:
                    continue
                if start != word_start:  # the name without its clitics is a word too
                    if _word_zipf(nt.raw_text(positions[start], raw_end)) >= threshold:
                        continue
            hits.append((start, end, candidates, entry.key))
            if any(c.kind in LIST_KINDS for c in candidates):
                listed[end] = word_start
        hits.sort(key=lambda h: (h[0] - h[1], h[0]))
        taken: list[tuple[int, int, tuple[PlaceCandidate, ...], str]] = []
        occupied = bytearray(len(folded))
        for hit in hits:
            if occupied.find(1, hit[0], hit[1]) == -1:
                occupied[hit[0] : hit[1]] = b"\x01" * (hit[1] - hit[0])
                taken.append(hit)
        taken.sort()
        mentions = []
        for start, end, candidates, key in taken:
            norm_start, norm_end = positions[start], positions[end - 1] + 1
            offsets = mention_offsets(nt, norm_start, norm_end)
            mentions.append(PlaceMention(*offsets, key=key, candidates=candidates))
        return mentions

    def _cued(self, folded: str, word_start: int) -> bool:
        """True when the word before ``word_start`` is a cue ("مدينة", "وبلدة"...).

        Only a space may separate them: "المدينة. وكان" is no cue for "كان".
        """
        end = word_start
        if end == 0 or folded[end - 1] != " ":
            return False
        end -= 1
        begin = end
        while begin > 0 and folded[begin - 1].isalnum():
            begin -= 1
        return folded[begin:end] in self._cue_forms


def _listed_after(listed: dict[int, int], prefix: str, word_start: int) -> bool:
    """ "مدن الحبانية وحديثة ومخمور": a name joined by و to the place just before it
    is cued as that list's first name was."""
    return prefix.startswith("و") and word_start - 1 in listed


def _fused_length(key: str) -> int:
    rest = key[2:]
    return len(rest) + (1 if rest.startswith("ل") else 2)


def _distinct(candidates: Iterable[PlaceCandidate]) -> list[PlaceCandidate]:
    kept: list[PlaceCandidate] = []
    for candidate in candidates:
        if not any(same_place(candidate, other) for other in kept):
            kept.append(candidate)
    return kept
