"""Which trigger mentions report an event to code, and why the others do not.

A trigger is rejected when a cue of a modality category (negation, denial,
future or threat, hypothetical, habitual, generic, historical, metaphor,
opinion) lies inside that category's word window around it, when it sits
inside a blocker phrase (``مناطق سيطرة``), or when its own form carries the
category (``سـ`` on an imperfect verb). Cue lists, windows and the conditions
some cues carry (``قد`` counts only before an imperfect verb) are data
(``marsad/data/modality/*.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import attrgetter
from typing import Any, NamedTuple

import yaml

from marsad.errors import DataError
from marsad.normalize import match_key
from marsad.recognize.dates import folded_words
from marsad.recognize.triggers import KeyAutomaton, TriggerMention
from marsad.tokenize import WORD_MARKS, Sentence, next_word

# Plain word lists of the data files (what each is for is said in ``cues.yaml``).
_WORD_LISTS = (
    "relatives",
    "clause_leads",
    "not_verbs",
    "speech_objects",
    "quantities",
    "gathering_verbs",
    "bare_cues",
    "times_of_day_after",
)
# How far after a conditional cue its next word is looked for (characters).
NEXT_WORD_REACH = 24
# Marks that may cling to a word ("أمس." "«جديد»"): those that close any word,
# and the sentence-final and quoting marks a time word may carry too.
_MARKS = WORD_MARKS + ";!?'؟-"
CLAUSE_BREAKS = frozenset({",", ";", ":", "(", ")", "«", "»", '"'})
# A clause break or a line break.
_CLAUSE_BREAK = re.compile("[" + re.escape("".join(sorted(CLAUSE_BREAKS)) + "\n") + "]")


class Cue(NamedTuple):
    """A cue word found in the normalised text.

    A named tuple rather than a frozen dataclass: a report has a hundred or
    more cues, and a tuple is built at a third of the cost.
    """

    start: int
    end: int
    key: str
    category: str


@dataclass(frozen=True, slots=True)
class Decision:
    """The classifier's verdict on one trigger mention."""

    accepted: bool
    reason: str = "event"
    cue: str | None = None
    support: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "reason": self.reason,
            "cue": self.cue,
            "support": list(self.support),
        }


@dataclass(frozen=True, slots=True)
class _WordClass:
    """Words told apart by their first and last letters (``word_classes`` in the data)."""

    starts: tuple[str, ...]  # empty: any first letter
    not_ends: tuple[str, ...]

    def next_word_fits(self, text: str, end: int) -> bool:
        """Whether the word after position ``end`` of ``text`` is of this class."""
        following = text[end : end + NEXT_WORD_REACH].split()
        if not following:
            return False
        word = following[0]
        if word.endswith(self.not_ends):
            return False
        return not self.starts or word.startswith(self.starts)


@dataclass(frozen=True, slots=True)
class _Category:
    name: str
    before: int
    after: int
    trigger_prefixes: frozenset[str]
    reason: str  # the decision's reason: the category's name unless the data gives one
    # Proclitics that carry the category on a noun of taking ground ("لتحرير").
    territory_prefixes: frozenset[str] = frozenset()


class ModalityClassifier:
    """Cue automata built once from the data files; ``decide`` is pure."""

    def __init__(self, data: Mapping[str, Any] | None = None) -> None:
        if data is None:
            data = _load_package_data()
        self.version = str(data.get("version", "unversioned"))
        self.categories: dict[str, _Category] = {}
        cue_keys: dict[str, list[Any]] = {}
        try:
            for name, spec in (data.get("categories") or {}).items():
                self.categories[name] = _Category(
                    name,
                    int(spec.get("before", 0)),
                    int(spec.get("after", 0)),
                    frozenset(spec.get("trigger_prefix") or ()),
                    str(spec.get("reason") or name),
                    frozenset(spec.get("territory_prefix") or ()),
                )
                for cue in spec.get("cues") or []:
                    _add(cue_keys, str(cue), name)
            for name, words in (data.get("support") or {}).items():
                for word in words:
                    _add(cue_keys, str(word), "support:" + name)
            for phrase in data.get("blockers") or []:
                _add(cue_keys, str(phrase), "blocker")
            classes = {
                str(name): _WordClass(_letters(spec.get("starts")), _letters(spec.get("not_ends")))
                for name, spec in (data.get("word_classes") or {}).items()
            }
            # Keyed like the automaton, so a cue's key finds its condition.
            self._only_before: dict[str, _WordClass] = {}
            for cue, name in (data.get("only_before") or {}).items():
                if str(name) not in classes:
                    raise ValueError(f"cue {cue!r} needs the undefined word class {name!r}")
                self._only_before[match_key(str(cue)).strip()] = classes[str(name)]
        except (AttributeError, TypeError, ValueError) as exc:
            raise DataError(f"bad modality data ({exc})", source="modality") from exc
        self._cues = KeyAutomaton(cue_keys, _CUE_PREFIXES, _CUE_SUFFIXES)
        self.boilerplate = tuple(
            match_key(str(phrase)).strip() for phrase in data.get("boilerplate") or []
        )
        # The phrases as one tuple for str.startswith (an empty one would match anything).
        self._boilerplate_openings = tuple(phrase for phrase in self.boilerplate if phrase)
        self.times_of_day = frozenset(
            match_key(str(w)).strip() for w in data.get("times_of_day") or []
        )
        # Word lists read by the detector (``marsad.extraction.classifier``) and
        # ``decide``: see their comments in ``cues.yaml``.
        try:
            self.relatives = frozenset(_words(data.get("relatives")))
            self.clause_leads = frozenset(_words(data.get("clause_leads")))
            self.not_verbs = tuple(dict.fromkeys(_words(data.get("not_verbs"))))
            self.speech_objects = frozenset(_words(data.get("speech_objects")))
            self.quantities = tuple(dict.fromkeys(_words(data.get("quantities"))))
            self.gathering_verbs = frozenset(_words(data.get("gathering_verbs")))
            self.bare_cues = frozenset(_words(data.get("bare_cues")))
            self.times_of_day_after = frozenset(_words(data.get("times_of_day_after")))
        except TypeError as exc:
            raise DataError(f"bad modality data ({exc})", source="modality") from exc
        self.time_words = frozenset(
            match_key(str(w)).strip()
            for w in [
                *((data.get("support") or {}).get("time") or []),
                *(data.get("times_of_day_before") or []),
            ]
        )

    def names_a_time(self, mention: TriggerMention, text: str) -> bool:
        """ "فجر اليوم", "قبل فجر الجمعة": a trigger form that is a time of day,
        followed by a time word (marks around it aside) or after a preposition."""
        word = mention.text if mention.prefix in ("", "و") else ""
        if _folded_word(word) not in self.times_of_day:
            return False
        start = mention.norm_start - len(mention.prefix)
        previous = text[max(0, start - 12) : start].split()
        if previous and previous[-1] in self.times_of_day_after:
            return True
        following = next_word(text, mention.norm_end, 16, _MARKS)
        return following is not None and text[following[0] : following[1]] in self.time_words

    def is_boilerplate(self, sentence_text: str) -> bool:
        """Page furniture rather than report text (see ``boilerplate`` in the data),
        or a line of hashtags only ("#هيئة_تحرير_الشام #سرمدا"): a channel's tags
        name topics, they tell nothing."""
        opening = sentence_text.lstrip(" \t-–—•*:|")
        if opening.startswith(self._boilerplate_openings):
            return True
        # The splitter may leave a tag's "#" on the line before; its "_" stays.
        words = sentence_text.split()
        return bool(words) and all(w.startswith("#") or "_" in w for w in words)

    def cues(self, text: str) -> list[Cue]:
        """Every cue of ``text`` (normalised), in text order."""
        only_before, bare = self._only_before, self.bare_cues
        found = [
            Cue(start, end, key, category)
            for start, end, key, categories, _prefix, suffix in self._cues.iter(text)
            if key not in only_before or only_before[key].next_word_fits(text, end)
            if not (suffix and key in bare)
            for category in categories
        ]
        # A cue word inside a blocker is part of a name ("قيادة العمليات"): only
        # the blocker itself counts there.
        blockers = [(c.start, c.end) for c in found if c.category == "blocker"]
        if blockers:
            found = [
                c
                for c in found
                if c.category == "blocker"
                or not any(
                    b0 <= c.start and c.end <= b1 and (b0, b1) != (c.start, c.end)
                    for b0, b1 in blockers
                )
            ]
        found.sort(key=attrgetter("start", "end"))
        return found

    def decide(
        self,
        trigger: TriggerMention,
        sentence: Sentence,
        cues: Sequence[Cue],
        text: str,
        later_triggers: Sequence[int] = (),
    ) -> Decision:
        """Accept or reject ``trigger`` given the cues of its sentence.

        ``later_triggers``: where the sentence's triggers after this one end; a cue
        after one of them qualifies that trigger, not this one."""
        support: list[str] = []
        for cue in cues:
            if cue.category == "blocker" and cue.start <= trigger.norm_start < cue.end:
                # A blocker that is itself a trigger ("سلسلة بشرية") only keeps
                # the cue words inside it from counting.
                if (cue.start, cue.end) != (trigger.norm_start, trigger.norm_end):
                    return Decision(False, "blocked", cue.key)
        # Word positions are needed only for a modality cue near the trigger or an
        # imperfect verb, so they are read then (most triggers need neither).
        starts: list[int] = []
        for cue in cues:
            if cue.end <= trigger.norm_end and cue.start >= trigger.norm_start:
                continue  # the trigger's own words
            if cue.category == "blocker":
                continue
            if cue.start < trigger.norm_end and trigger.norm_start < cue.end:
                continue
            if cue.category.startswith("support:"):
                support.append(cue.category[8:])
                continue
            category = self.categories.get(cue.category)
            if category is None:
                continue
            starts = starts or sentence.word_starts()
            if cue.end <= trigger.norm_start:
                first = bisect_right(starts, trigger.norm_start) - 1
                cue_last = bisect_left(starts, cue.end) - 1
                distance = first - cue_last
                if 0 < distance <= category.before and not _broken(
                    text, cue.end, trigger.norm_start
                ):
                    return Decision(False, category.reason, cue.key)
            elif cue.start >= trigger.norm_end:
                if any(end <= cue.start for end in later_triggers):
                    continue
                last = bisect_left(starts, trigger.norm_end) - 1
                cue_first = bisect_right(starts, cue.start) - 1
                distance = cue_first - last
                if 0 < distance <= category.after and not _broken(
                    text, trigger.norm_end, cue.start
                ):
                    return Decision(False, category.reason, cue.key)
        if trigger.pos == "noun" and trigger.entry.territory:
            for category in self.categories.values():
                if trigger.prefix in category.territory_prefixes:
                    return Decision(False, category.reason, trigger.prefix)
        if trigger.pos == "imperfect":
            for category in self.categories.values():
                if trigger.prefix in category.trigger_prefixes:
                    return Decision(False, category.reason, trigger.prefix)
            starts = starts or sentence.word_starts()
            first = bisect_right(starts, trigger.norm_start) - 1
            if first > 0:
                previous = sentence.tokens[first - 1].text
                if previous in self.relatives:
                    return Decision(False, "habitual", previous)
        return Decision(True, "event", None, tuple(sorted(set(support))))


def _letters(values: Any) -> tuple[str, ...]:
    """Letters or letter groups of a word class, folded like the text."""
    return _words(values, "letters")


def _words(values: Any, kind: str = "words") -> tuple[str, ...]:
    """A list of words (or letters) of the data, folded like the text; a missing
    list is empty (the cue files are merged, every section optional)."""
    return tuple(folded_words(values or (), kind))


@lru_cache(maxsize=4096)
def _folded_word(word: str) -> str:
    """``match_key`` of a trigger's raw word, remembered: reports repeat the same
    few trigger words, and normalising one costs as much as a short sentence."""
    return match_key(word)


_CUE_PREFIXES = frozenset(
    {"", "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "لل", "وب", "ول"}
)
# Pronoun and inflection endings a cue may carry; anything else makes another
# word ("تنفي" is not inside "تنفيذه", "قد" not inside "قدرات"). No ي: it makes
# adjectives ("الحرب" is not in "الطيران الحربي").
_CUE_SUFFIXES = frozenset(
    {"", "ه", "ها", "هم", "هما", "هن", "نا", "ك", "كم", "ا", "وا", "ون", "ين", "ان", "ات", "ت",
     "تا", "تم"}
)  # fmt: skip


def _broken(text: str, start: int, end: int) -> bool:
    """True when a clause boundary separates the two positions."""
    return _CLAUSE_BREAK.search(text, start, end) is not None


def _add(table: dict[str, list[Any]], word: str, category: str) -> None:
    key = match_key(word).strip()
    if key and category not in table.setdefault(key, []):
        table[key].append(category)


def _load_package_data() -> dict[str, Any]:
    folder = resources.files("marsad.data").joinpath("modality")
    merged: dict[str, Any] = {
        "categories": {}, "support": {}, "blockers": [], "boilerplate": [], "times_of_day": [],
        "times_of_day_before": [], "word_classes": {}, "only_before": {},
        **{name: [] for name in _WORD_LISTS},
    }  # fmt: skip
    versions: list[str] = []
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".yaml"):
            continue
        try:
            data = yaml.safe_load(item.read_text("utf-8"))
        except yaml.YAMLError as exc:
            raise DataError(f"invalid YAML: {exc}", source=item.name) from exc
        if not isinstance(data, dict):
            raise DataError("a modality file must be a mapping", source=item.name)
        versions.append(str(data.get("version", "")))
        merged["categories"].update(data.get("categories") or {})
        merged["support"].update(data.get("support") or {})
        merged["blockers"].extend(data.get("blockers") or [])
        merged["boilerplate"].extend(data.get("boilerplate") or [])
        merged["times_of_day"].extend(data.get("times_of_day") or [])
        merged["times_of_day_before"].extend(data.get("times_of_day_before") or [])
        merged["word_classes"].update(data.get("word_classes") or {})
        merged["only_before"].update(data.get("only_before") or {})
        for name in _WORD_LISTS:
            words = data.get(name) or []
            if isinstance(words, str):  # it would be read letter by letter
                raise DataError(f"{name} must be a list of words", source=item.name)
            merged[name].extend(words)
    merged["version"] = "+".join(v for v in versions if v) or "unversioned"
    return merged
