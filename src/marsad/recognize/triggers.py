"""Event triggers: the words and phrases that report an ACLED event.

The lexicon is data (``marsad/data/triggers/*.yaml``, versioned); verb
inflections are generated from stems there. Every form is folded with
``match_key`` and compiled into one Aho-Corasick automaton; a hit counts only
on word boundaries, allowing Arabic proclitics before it and pronoun or
number suffixes after it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from importlib import resources
from operator import attrgetter
from pathlib import Path
from typing import Any

import ahocorasick
import yaml

from marsad.errors import DataError
from marsad.events import SUB_EVENT_TYPES
from marsad.normalize import NormalizedText, match_key
from marsad.recognize.types import Mention, mention_offsets

ROLES = ("active", "passive", "nominal", "reciprocal", "collective")
ASSAULT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
PROTEST_TYPES = frozenset({"Protests", "Riots"})

# Proclitics: conjunctions, prepositions and the article, alone or combined.
NOUN_PREFIXES = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال"}
    | {"فبال", "وب", "فب", "ول", "فل", "وك", "وكال"}
)
VERB_PREFIXES = frozenset({"", "و", "ف", "ل", "س", "وس", "فس", "ول", "فل"})
PHRASE_PREFIXES = NOUN_PREFIXES | VERB_PREFIXES
# Pronoun, dual, plural and accusative endings a matched form may carry.
NOUN_SUFFIXES = frozenset({"", "ه", "ها", "هم", "هما", "هن", "ا", "ين", "ان", "نا", "كم"})
VERB_SUFFIXES = frozenset({"", "ه", "ها", "هم", "هما", "هن", "ني", "نا", "كم"})
PERFECT_ENDINGS = ("", "ت", "وا", "ا", "تا", "ن", "نا", "تم")
IMPERFECT_FORMS = (
    ("ي", ""), ("ت", ""), ("ن", ""), ("ا", ""), ("ي", "ون"), ("ت", "ون"), ("ي", "ان"),
    ("ت", "ان"), ("ي", "ن"), ("ي", "وا"), ("ت", "وا"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon entry: what its words report and how roles map."""

    lemma: str
    event_type: str
    sub_event_type: str
    role: str
    strength: float
    generic: bool = False
    territory: bool = False
    participant: bool = False  # names the crowd, not the act (متظاهرون)

    @property
    def event_class(self) -> str:
        """``assault``, ``protest`` or ``other`` (the event-gsr classes)."""
        if self.event_type in ASSAULT_TYPES:
            return "assault"
        if self.event_type in PROTEST_TYPES:
            return "protest"
        return "other"


@dataclass(frozen=True, slots=True)
class TriggerMention(Mention):
    """A trigger found in a text; ``pos`` is perfect, imperfect, noun or phrase."""

    entry: TriggerEntry
    pos: str
    prefix: str  # proclitics attached before the form (e.g. "وال", "س")
    suffix: str

    @property
    def definite(self) -> bool:
        return self.prefix.endswith("ال") or self.prefix.endswith("لل")


@dataclass(frozen=True, slots=True)
class _Form:
    entry: TriggerEntry
    pos: str
    words: int
    # The ت form of a noun in ة ("ضربته"): a word only with a suffix after it;
    # bare, it is another word (the verb "ضربت", struck).
    bound: bool = False


def _perfect_forms(stem: str) -> Iterator[str]:
    for ending in PERFECT_ENDINGS:
        yield stem + ending


def _imperfect_forms(stem: str) -> Iterator[str]:
    for prefix, ending in IMPERFECT_FORMS:
        yield prefix + stem + ending


def _noun_forms(noun: str) -> Iterator[tuple[str, bool]]:
    """The noun's forms, each with whether it needs a suffix (see ``_Form.bound``)."""
    yield noun, False
    if noun.endswith("ه"):  # taa marbuta becomes ت before a suffix
        yield noun[:-1] + "ت", True


def _definite(phrase: str) -> str:
    return " ".join(w if w.startswith("ال") else "ال" + w for w in phrase.split())


def word_spans(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the word (letter run) around ``text[start:end]``."""
    left = start
    while left > 0 and text[left - 1].isalpha():
        left -= 1
    right = end
    size = len(text)
    while right < size and text[right].isalpha():
        right += 1
    return left, right


class KeyAutomaton:
    """Word-boundary matching of many folded keys at once (clitic aware).

    A hit counts when the letters attached before it are one of ``prefixes`` and
    those after it one of ``suffixes``; most raw hits lie inside a longer word and
    are dropped here, before anything is built for them.
    """

    def __init__(
        self,
        values: Mapping[str, list[Any]],
        prefixes: AbstractSet[str],
        suffixes: AbstractSet[str],
    ) -> None:
        self._automaton = ahocorasick.Automaton()
        for key, items in values.items():
            self._automaton.add_word(key, (key, items))
        if values:
            self._automaton.make_automaton()
        self._empty = not values
        self._prefixes = prefixes
        self._suffixes = suffixes
        # Letters further away than the longest affix make the hit part of another word.
        self._prefix_reach = max(map(len, prefixes), default=0)
        self._suffix_reach = max(map(len, suffixes), default=0)

    def iter(self, text: str) -> Iterator[tuple[int, int, str, list[Any], str, str]]:
        """Yield (start, end, key, values, prefix, suffix) for word-aligned hits."""
        if self._empty:
            return
        size = len(text)
        prefixes, suffixes = self._prefixes, self._suffixes
        prefix_reach, suffix_reach = self._prefix_reach, self._suffix_reach
        for last, (key, items) in self._automaton.iter(text):
            end = last + 1
            start = end - len(key)
            left = start
            while left > 0 and start - left <= prefix_reach and text[left - 1].isalpha():
                left -= 1
            prefix = text[left:start]
            if prefix not in prefixes:
                continue
            right = end
            while right < size and right - end <= suffix_reach and text[right].isalpha():
                right += 1
            suffix = text[end:right]
            if suffix not in suffixes:
                continue
            yield start, end, key, items, prefix, suffix


class TriggerLexicon:
    """The trigger lexicon loaded from YAML, with its version and hash."""

    def __init__(self, documents: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        self.forms: dict[str, list[_Form]] = {}
        self.entries: list[TriggerEntry] = []
        versions: list[str] = []
        digest = hashlib.sha256()
        for origin, data in documents:
            versions.append(str(data.get("version", "")))
            digest.update(repr(sorted(data.items(), key=str)).encode("utf-8"))
            for raw in data.get("entries") or []:
                self._add(raw, origin)
        self.version = "+".join(v for v in versions if v) or "unversioned"
        self.fingerprint = digest.hexdigest()[:12]

    @classmethod
    def load(cls, directory: str | Path | None = None) -> TriggerLexicon:
        """Every ``*.yaml`` of the package lexicon (or of ``directory``)."""
        documents: list[tuple[str, Mapping[str, Any]]] = []
        if directory is None:
            folder = resources.files("marsad.data").joinpath("triggers")
            items = sorted(
                (p.name, p.read_text("utf-8")) for p in folder.iterdir() if p.name.endswith(".yaml")
            )
        else:
            items = sorted((p.name, p.read_text("utf-8")) for p in Path(directory).glob("*.yaml"))
        for name, text in items:
            try:
                data = yaml.safe_load(text)
            except yaml.YAMLError as exc:
                raise DataError(f"invalid YAML: {exc}", source=name) from exc
            if not isinstance(data, dict):
                raise DataError("a trigger file must be a mapping", source=name)
            documents.append((name, data))
        if not documents:
            raise DataError("no trigger lexicon files found", source=str(directory or "package"))
        return cls(documents)

    def _add(self, raw: Mapping[str, Any], origin: str) -> None:
        where = f"{origin}: {raw.get('lemma', '?')}"
        try:
            entry = TriggerEntry(
                lemma=str(raw["lemma"]),
                event_type=str(raw["event_type"]),
                sub_event_type=str(raw["sub_event_type"]),
                role=str(raw["role"]),
                strength=float(raw["strength"]),
                generic=bool(raw.get("generic", False)),
                territory=bool(raw.get("territory", False)),
                participant=bool(raw.get("participant", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise DataError(f"bad trigger entry ({exc})", source=where) from exc
        if entry.sub_event_type not in SUB_EVENT_TYPES.get(entry.event_type, ()):
            raise DataError(
                f"unknown type {entry.event_type!r}/{entry.sub_event_type!r}", source=where
            )
        if entry.role not in ROLES:
            raise DataError(f"unknown role {entry.role!r}", source=where)
        self.entries.append(entry)
        for stem in raw.get("perfect") or []:
            for form in _perfect_forms(str(stem)):
                self._put(form, entry, "perfect")
        for stem in raw.get("imperfect") or []:
            for form in _imperfect_forms(str(stem)):
                self._put(form, entry, "imperfect")
        for noun in raw.get("nouns") or []:
            for form, bound in _noun_forms(str(noun)):
                self._put(form, entry, "noun", bound)
        for phrase in raw.get("adjectival") or []:
            self._put(str(phrase), entry, "phrase")
            self._put(_definite(str(phrase)), entry, "phrase")
        for phrase in raw.get("phrases") or []:
            self._put(str(phrase), entry, "phrase")

    def _put(self, form: str, entry: TriggerEntry, pos: str, bound: bool = False) -> None:
        key = match_key(form).strip()
        if not key:
            return
        slot = self.forms.setdefault(key, [])
        if not any(f.entry == entry and f.pos == pos for f in slot):
            slot.append(_Form(entry, pos, key.count(" ") + 1, bound))


class TriggerMatcher:
    """Finds trigger mentions in a normalised text (built once, reused)."""

    def __init__(self, lexicon: TriggerLexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else TriggerLexicon.load()
        # Every clitic and ending some form may carry; ``_allowed`` then checks the form's own.
        self._automaton = KeyAutomaton(
            self.lexicon.forms, PHRASE_PREFIXES, NOUN_SUFFIXES | VERB_SUFFIXES
        )

    @property
    def version(self) -> str:
        return self.lexicon.version

    def find(self, nt: NormalizedText) -> list[TriggerMention]:
        """Trigger mentions of ``nt.text`` in text order; the longest wins an overlap."""
        hits: list[tuple[int, int, _Form, str, str]] = []
        for s, e, _key, forms, prefix, suffix in self._automaton.iter(nt.text):
            for form in forms:
                if _allowed(form, prefix, suffix):
                    hits.append((s, e, form, prefix, suffix))
                    break
        # Longest span wins; equal spans keep the strongest entry.
        hits.sort(key=lambda h: (-(h[1] - h[0]), -h[2].entry.strength, h[0]))
        taken = bytearray(len(nt.text) + 1)
        found: list[TriggerMention] = []
        for s, e, form, prefix, suffix in hits:
            if taken.find(1, s, e) >= 0:
                continue
            taken[s:e] = b"\x01" * (e - s)
            found.append(
                TriggerMention(
                    *mention_offsets(nt, s, e),
                    entry=form.entry,
                    pos=form.pos,
                    prefix=prefix,
                    suffix=suffix,
                )
            )
        found.sort(key=attrgetter("norm_start"))
        return found


def _allowed(form: _Form, prefix: str, suffix: str) -> bool:
    if form.bound and not suffix:
        return False
    if form.pos == "noun":
        return prefix in NOUN_PREFIXES and suffix in NOUN_SUFFIXES
    if form.pos in ("perfect", "imperfect"):
        return prefix in VERB_PREFIXES and suffix in VERB_SUFFIXES
    return prefix in PHRASE_PREFIXES and suffix in NOUN_SUFFIXES
