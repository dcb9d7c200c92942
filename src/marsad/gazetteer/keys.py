"""Lookup keys for place names: one loose form per name, many ways to reach it.

Index and query go through the same folding so that spelling variation meets
in one key. Arabic names keep the normaliser's folding (alef forms, alef
maqsura, taa marbuta, diacritics) and additionally lose the definite article
of each word, hamza seats and inner spaces. Latin names are lower-cased,
stripped of accents, apostrophes and articles (``ad-``, ``el``, ``ez``...), and
also get a consonant skeleton so that ``Dayr az Zawr`` reaches ``Deir ez-Zor``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from marsad.normalize import lower_ascii
from marsad.normalize import match_key as _match_key

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
# Letters of Persian, Urdu and Kurdish spellings that GeoNames lists among alternate
# names; a name containing one is not an Arabic name.
NON_ARABIC_LETTERS = re.compile(r"[\u0671-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")

# Proclitics that attach to a place name: "وفي", "بـ", "لـ", "و"... longest first.
CLITICS = ("وفي", "وب", "ول", "وك", "فب", "فل", "في", "و", "ف", "ب", "ل", "ك")

_HAMZA = str.maketrans({"ؤ": "و", "ئ": "ي", "ء": ""})
_SEPARATORS = re.compile(r"[\s\-–—_/,.()\"']+")
_LATIN_ARTICLES = frozenset({"al", "el", "ar", "as", "ash", "ad", "adh", "az", "ez", "es", "en"})
_LATIN_ARTICLES |= {"an", "at", "ath", "er", "ed", "ech", "et", "l", "il"}
_LATIN_ARTICLE_PREFIX = re.compile(
    r"\b(?:al|el|ar|as|ash|ad|az|ez|es|an|at|er|ed|ech|et|l)-(?=\w)", re.IGNORECASE
)
_APOSTROPHES = re.compile(r"['`‘’ʿʾʻʼ´]")


# Arabic letters, hamza and diacritic marks, tatweel, digits, spaces, punctuation, and
# Latin letters for road numbers ("طريق M4").
_ARABIC_NAME = re.compile(
    r"[\u0621-\u065f\u0660-\u0669\u0640\u0670\s\-'.,()\u200c-\u200fA-Za-z0-9]+"
)


@lru_cache(maxsize=131072)
def match_key(name: str) -> str:
    """``marsad.normalize.match_key``, remembered: GeoNames repeats names a lot."""
    return _match_key(name)


def is_arabic(name: str) -> bool:
    """True for a name written in Arabic letters only (not Persian or Urdu spelling)."""
    return _ARABIC_NAME.fullmatch(name) is not None and ARABIC_LETTER.search(name) is not None


def is_latin(name: str) -> bool:
    return bool(LATIN_LETTER.search(name)) and not ARABIC_LETTER.search(name)


def arabic_loose(key: str) -> str:
    """The loose form of a ``match_key``: no articles, hamza seats or spaces."""
    words = []
    for word in _SEPARATORS.split(key.translate(_HAMZA).lower()):
        if word.startswith("ال") and len(word) > 3:
            word = word[2:]
        if word:
            words.append(word)
    return "".join(words)


@lru_cache(maxsize=65536)
def latin_fold(name: str) -> str:
    """Lower case, ASCII letters only, no apostrophes or articles, single spaces."""
    text = name if name.isascii() else unicodedata.normalize("NFKD", name)
    text = _APOSTROPHES.sub("", text).encode("ascii", "ignore").decode("ascii")
    text = _LATIN_ARTICLE_PREFIX.sub("", text).lower()
    words = [w for w in _SEPARATORS.split(text) if w and w not in _LATIN_ARTICLES]
    return " ".join(words)


_FINAL_H = re.compile(r"(?<=[aeiou])h$")
_VOWELS = re.compile(r"[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=65536)
def latin_skeleton(folded: str) -> str:
    """Consonants only, doubled letters merged: a key for transliteration variants."""
    words = []
    for word in folded.split():
        word = _FINAL_H.sub("", word)  # Raqqah / Raqqa, Hasakeh / Hasaka
        word = word.replace("q", "k").replace("ou", "u").replace("ph", "f")
        word = _DOUBLED.sub(r"\1", _VOWELS.sub("", word))
        if word:
            words.append(word)
    return "".join(words)


def name_keys(name: str, skeleton: bool = True) -> list[tuple[str, str]]:
    """Index keys of one name as (scheme, key): ``ar``, ``lat`` and (optionally) ``skel``."""
    if is_arabic(name):
        loose = arabic_loose(match_key(name))
        return [("ar", loose)] if loose else []
    if is_latin(name):
        folded = latin_fold(name)
        if not folded:
            return []
        keys = [("lat", folded)]
        if skeleton:
            consonants = latin_skeleton(folded)
            if len(consonants) >= 2:
                keys.append(("skel", consonants))
        return keys
    return []


def query_keys(query: str) -> list[list[tuple[str, str]]]:
    """Keys to try for a query, in rounds: the whole name, then with clitics removed.

    A later round is only used when an earlier one found nothing, so a name
    that happens to start with a clitic letter ("بانياس") is not cut.
    """
    text = query.strip()
    if not text:
        return []
    if is_latin(text):
        folded = latin_fold(text)
        rounds = [[("lat", folded)]] if folded else []
        skeleton = latin_skeleton(folded)
        if len(skeleton) >= 2:
            rounds.append([("skel", skeleton)])
        return rounds
    key = match_key(text)
    if not ARABIC_LETTER.search(key):
        return []
    rounds = [[("ar", arabic_loose(key))]]
    stripped = []
    for clitic in CLITICS:
        if key.startswith(clitic) and len(key) - len(clitic) >= 2:
            rest = key[len(clitic) :]
            stripped.append(("ar", arabic_loose(rest)))
            if clitic.endswith("ل") and rest.startswith("ل"):
                stripped.append(("ar", arabic_loose("ا" + rest)))  # "للرقة" = "ل" + "الرقة"
    if stripped:
        rounds.append(stripped)
    return rounds


# Running text and names meet in one surface form: separators (spaces, dashes,
# quotes) collapse to one space and Latin letters are lower-cased, so that
# 'طريق الرقة – السلمية', 'طريق الرقة-السلمية' and 'حقل "التيم"' match their entries.
_SEPARATOR_CHARS = r"[\s\-–—_\"'«»/]"
# The runs that change: a lone space is already its own surface form, and running
# text has one between every two words. Written as one separator, then either more
# of them or a check that it was not a space, rather than as two alternatives: a
# pattern that opens with a character class lets the regex engine skip ahead to
# the next separator instead of trying both alternatives at every letter.
_SURFACE_SEPARATORS = re.compile(_SEPARATOR_CHARS + "(?:" + _SEPARATOR_CHARS + "+|(?<! ))")
# Only runs of two or more separators move the characters after them (written
# with the class first, like the pattern above, so the scan skips to separators).
_LONG_SEPARATOR_RUNS = re.compile(_SEPARATOR_CHARS + _SEPARATOR_CHARS + "+")


class SurfaceOffsets:
    """For each character of a surface form, its index in the text it was folded from.

    Running text has few separator runs longer than one character, and only those
    move offsets, so the map keeps one entry per such run and answers with a binary
    search instead of holding one index per character.
    """

    __slots__ = ("_moved_from", "_shifts")

    def __init__(self, text: str) -> None:
        moved_from: list[int] = []  # surface index of the first character after a long run
        shifts: list[int] = []  # text index minus surface index from there on
        shift = 0
        for run in _LONG_SEPARATOR_RUNS.finditer(text):
            shift += run.end() - run.start() - 1
            moved_from.append(run.end() - shift)
            shifts.append(shift)
        self._moved_from = moved_from
        self._shifts = shifts

    def __getitem__(self, index: int) -> int:
        run = bisect_right(self._moved_from, index)
        return index + self._shifts[run - 1] if run else index


def surface_form(text: str) -> str:
    """``text`` with separator runs collapsed to one space and ASCII lower-cased."""
    return lower_ascii(_SURFACE_SEPARATORS.sub(" ", text))


def fold_with_offsets(text: str) -> tuple[str, SurfaceOffsets]:
    """The surface form of ``text`` and, for each of its characters, the index in ``text``."""
    return surface_form(text), SurfaceOffsets(text)


def surface_key(name: str) -> str:
    """The form a name takes in the matcher's automaton."""
    return surface_form(match_key(name)).strip()
