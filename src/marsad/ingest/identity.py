"""Which documents are the same story, and which are in Arabic.

Exact duplicates share their normalised text; near duplicates (a wire story
republished with small edits) are found with MinHash signatures over word
shingles, banded for locality-sensitive lookup. The index keeps per first
copy its id, a 128-byte signature and a few 64-bit keys in flat arrays: about
400 bytes per distinct document (40 MB for 100,000), while the readers
themselves stay flat.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from array import array
from dataclasses import replace
from functools import lru_cache

import numpy as np
from datasketch import MinHash
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from marsad.document import Document
from marsad.normalize import Normalizer, default_normalizer

_WORD = re.compile(r"\w+")
SHINGLE_WORDS = 3
MAX_SHINGLES = 4000
LANGUAGE_SAMPLE_CHARS = 600


def lsh_bands(threshold: float, permutations: int) -> tuple[int, int]:
    """``(bands, rows)`` minimising missed plus false matches around ``threshold``.

    The chance that two texts of similarity ``s`` share a band is
    ``1 - (1 - s**rows) ** bands``; the areas under that curve below the
    threshold (false matches) and above it (misses) are summed on a grid.
    """
    steps = 200
    below = (np.arange(steps) + 0.5) / steps * threshold
    above = threshold + (np.arange(steps) + 0.5) / steps * (1.0 - threshold)
    best = (math.inf, 1, permutations)
    for bands in range(1, permutations + 1):
        for rows in range(1, permutations // bands + 1):
            false_match = float(np.mean(1 - (1 - below**rows) ** bands)) * threshold
            missed = float(np.mean((1 - above**rows) ** bands)) * (1.0 - threshold)
            if false_match + missed < best[0]:
                best = (false_match + missed, bands, rows)
    return best[1], best[2]


_MASK64 = (1 << 64) - 1
_BAND_SALT = 0x9E3779B97F4A7C15


class IntIndex:
    """A map from 64-bit keys to document ordinals, kept in two flat arrays.

    Open addressing with linear probing, at a load between a quarter and a
    half: 12 to 48 bytes per entry, where a dict of ints spends about 100.
    """

    def __init__(self, capacity: int = 1 << 12) -> None:
        if capacity & (capacity - 1):
            raise ValueError("capacity must be a power of two")
        self._allocate(capacity)

    def _allocate(self, capacity: int) -> None:
        self._keys = array("Q", bytes(8 * capacity))
        self._values = array("I", bytes(4 * capacity))
        self._mask = capacity - 1
        self._size = 0

    def __len__(self) -> int:
        return self._size

    def _slot(self, key: int) -> int:
        """The slot holding ``key``, or the empty slot where it belongs (linear probing)."""
        keys, mask = self._keys, self._mask
        slot = key & mask
        while keys[slot] != key and keys[slot] != 0:
            slot = (slot + 1) & mask
        return slot

    def get(self, key: int) -> int | None:
        key = (key & _MASK64) or 1  # 0 marks an empty slot
        slot = self._slot(key)
        return self._values[slot] if self._keys[slot] == key else None

    def setdefault(self, key: int, value: int) -> int:
        """The value already stored under ``key``, else store and return ``value``."""
        if (self._size + 1) * 2 > len(self._keys):
            self._grow()
        key = (key & _MASK64) or 1
        slot = self._slot(key)
        if self._keys[slot] == key:
            return self._values[slot]
        self._keys[slot] = key
        self._values[slot] = value
        self._size += 1
        return value

    def _grow(self) -> None:
        old_keys, old_values = self._keys, self._values
        self._allocate(len(old_keys) * 2)
        for key, value in zip(old_keys, old_values, strict=True):
            if key:
                self.setdefault(key, value)


class DuplicateLinker:
    """Links each document to the first earlier one with the same or nearly the same text."""

    def __init__(
        self, threshold: float, permutations: int, normalizer: Normalizer | None = None
    ) -> None:
        self.threshold = threshold
        self.normalizer = normalizer or default_normalizer()
        self.bands, self.rows = _cached_bands(threshold, permutations)
        # CRC-32 is a C builtin: hashing shingles with it costs a fraction of SHA-1
        # and, mixed by MinHash's own permutations, spreads them as well for this use.
        template = MinHash(num_perm=permutations, seed=1, hashfunc=zlib.crc32)
        self._permutations = template.permutations
        self._scheme = template.scheme
        self._num_perm = permutations
        self._ids: list[str] = []  # first copies only, by ordinal
        self._seen_ids = IntIndex()
        self._exact = IntIndex()
        self._bands = IntIndex()
        # One byte per permutation per first copy: enough to check a band match.
        self._signatures = bytearray()

    def link(self, doc: Document) -> tuple[Document | None, str]:
        """``(document, kind)``: kind is "new", "exact", "near" or "repeat" (then no document).

        A repeat is a document whose id was already read (the same input read
        twice); it is left out. Duplicates under other ids are kept, with
        ``duplicate_of`` naming the first copy.
        """
        id_key = _digest(doc.id)
        if self._seen_ids.get(id_key) is not None:
            return None, "repeat"
        self._seen_ids.setdefault(id_key, 0)
        words = _WORD.findall(self.normalizer.normalize(doc.text).text)
        key = _digest(" ".join(words))
        first = self._exact.get(key)
        if first is not None:
            return replace(doc, duplicate_of=self._ids[first]), "exact"
        signature = self._signature(words)
        compact = (signature & 0xFF).astype(np.uint8)
        rows, width = self.rows, self._num_perm
        band_keys = [
            hash(signature[b * rows : (b + 1) * rows].tobytes()) ^ (b * _BAND_SALT)
            for b in range(self.bands)
        ]
        found = {self._bands.get(k) for k in band_keys}
        for candidate in sorted(c for c in found if c is not None):
            # A copy of the slice: a view would pin the bytearray and block its growth.
            stored = bytes(self._signatures[candidate * width : (candidate + 1) * width])
            other = np.frombuffer(stored, dtype=np.uint8)
            if float(np.mean(other == compact)) >= self.threshold:
                # Near duplicates are not indexed: links always point at a first copy.
                self._exact.setdefault(key, candidate)
                return replace(doc, duplicate_of=self._ids[candidate]), "near"
        ordinal = len(self._ids)
        self._ids.append(doc.id)
        self._exact.setdefault(key, ordinal)
        self._signatures.extend(compact.tobytes())
        for band_key in band_keys:
            self._bands.setdefault(band_key, ordinal)
        return doc, "new"

    def _signature(self, words: list[str]) -> np.ndarray:  # type: ignore[type-arg]
        if len(words) >= SHINGLE_WORDS:
            shingles = {
                " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
                for i in range(min(len(words) - SHINGLE_WORDS + 1, MAX_SHINGLES))
            }
        else:
            shingles = {" ".join(words).encode("utf-8")}
        minhash = MinHash(
            num_perm=self._num_perm,
            permutations=self._permutations,
            scheme=self._scheme,
            hashfunc=zlib.crc32,
        )
        minhash.update_batch(list(shingles))
        values: np.ndarray = np.asarray(minhash.hashvalues)  # type: ignore[type-arg]
        return values


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


@lru_cache(maxsize=8)
def _cached_bands(threshold: float, permutations: int) -> tuple[int, int]:
    return lsh_bands(threshold, permutations)


_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_LETTER = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06d5\u06ee\u06ef\u06fa-\u06ff"
    "\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]"
)
# Letters Persian, Urdu, Pashto, Kurdish etc. use and Standard Arabic does not.
_NON_ARABIC_LETTERS = re.compile("[پچژگکیۀٹڈڑںےھۆێڵڕښځڅ]")
_ARABIC_SCRIPT_LANGUAGES = frozenset({"fa", "ur", "ps", "ku", "ug", "sd"})


class LanguageCheck:
    """Language of a text, with Arabic told apart from other Arabic-script languages."""

    def __init__(self, identifier: LanguageIdentifier | None = None) -> None:
        self.identifier = identifier or LanguageIdentifier.from_model_file(MODEL_FILE)

    def language(self, text: str) -> str:
        """An ISO 639-1 code, or "und" for text without letters.

        Text mostly in Arabic script without any letter that only other
        languages use is Arabic without asking the model: that is both faster
        and surer on short messages, which the model often calls Persian.
        """
        sample = text[:LANGUAGE_SAMPLE_CHARS]
        letters = len(_LETTER.findall(sample))
        if letters == 0:
            return "und"
        arabic_script = len(_ARABIC_LETTER.findall(sample)) >= 0.5 * letters
        if arabic_script and not _NON_ARABIC_LETTERS.search(sample):
            return "ar"
        guess = str(self.identifier.classify(sample)[0])
        if arabic_script and guess not in _ARABIC_SCRIPT_LANGUAGES:
            return "ar"  # e.g. Iraqi or Gulf Arabic spelling a word with گ or چ
        return guess


@lru_cache(maxsize=1)
def default_language_check() -> LanguageCheck:
    """The shared language check (the model loads once, in about half a second)."""
    return LanguageCheck()
