"""Casualty phrases: who was killed, wounded or captured, and how many.

The vocabulary (heads such as "مقتل", victim nouns such as "قتلى", person
nouns, vague quantities with the taxonomy's coded values and rule names) is
``marsad/data/numbers/casualties.yaml``. Counts come from the
:class:`NumberMatcher`'s numbers, from vague words, from dual and plural
forms, or from pronoun suffixes ("مقتلهم"); every mention records its rule.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import ahocorasick

from marsad.normalize import NormalizedText, match_key
from marsad.recognize.dates import alternation, data_errors, load_data, span_offsets, word_start
from marsad.recognize.numbers import NumberMatcher, ParsedNumber
from marsad.recognize.types import CasualtyMention, DateMention

HEAD, VERB, NOUN = "head", "verb", "noun"
RULE_NUMBER = "explicit number"
RULE_SINGULAR = "singular noun"
RULE_DUAL = "dual noun"
RULE_PRONOUN = "pronoun suffix"
RULE_VERB = "verb without victims"
RULE_TOLL = "toll rose to number"
RULE_DUAL_VERB = "dual verb without victims"
# "إن 12 شخصا على الأقل قتلوا": the victims, counted, stand before the verb.
SUBJECT_REACH = 48
SUBJECT_WORDS = 6

_WORD = re.compile(r"\w+")
_GAP = re.compile(r"[ \t]*")


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: int
    end: int
    kind: str
    count: int
    rule: str


@dataclass(frozen=True, slots=True)
class _Trigger:
    kind: str
    role: str
    count: int  # for nouns and lone verbs: what the form itself says; 0 otherwise
    rule: str
    strict: bool = False  # heads: needs a count; nouns: counts alone only after a lead-in


class CasualtyMatcher:
    """Finds casualty phrases in normalised text; built once, then pure.

    ``data`` is a mapping shaped like ``numbers/casualties.yaml`` (that file when
    None).
    """

    def __init__(self, numbers: NumberMatcher, data: Mapping[str, Any] | None = None) -> None:
        with data_errors("marsad/data/numbers/casualties.yaml"):
            if data is None:
                data = load_data("numbers/casualties.yaml")
            self.numbers = numbers
            pronouns = {match_key(k): int(v) for k, v in data["pronoun_counts"].items()}
            strict_heads = {match_key(w) for w in data["heads_need_count"]}
            strict_nouns = {match_key(w) for w in data["plural_needs_lead_in"]}
            triggers: dict[str, list[_Trigger]] = {}

            def add(word: str, trigger: _Trigger) -> None:
                triggers.setdefault(match_key(word), []).append(trigger)

            for kind, entry in data["kinds"].items():
                plural_rule = str(entry["plural_rule"])
                for head in entry["heads"]:
                    add(head, _Trigger(kind, HEAD, 0, "", match_key(head) in strict_heads))
                    stem = match_key(head)
                    stem = stem[:-1] + "ت" if stem.endswith("ه") else stem  # taa marbuta + suffix
                    for suffix, count in pronouns.items():
                        add(stem + suffix, _Trigger(kind, NOUN, count, RULE_PRONOUN))
                for count, verbs in entry["verbs_alone"].items():
                    rule = {1: RULE_VERB, 2: RULE_DUAL_VERB}.get(
                        int(count), plural_rule.replace("plural", "plural verb")
                    )
                    for verb in verbs:
                        add(verb, _Trigger(kind, VERB, int(count), rule))
                nouns = entry["nouns"]
                forms = (("singular", 1, RULE_SINGULAR), ("dual", 2, RULE_DUAL), ("plural", 3, ""))
                for form, count, rule in forms:
                    for noun in nouns[form]:
                        strict = match_key(noun) in strict_nouns
                        trigger = _Trigger(kind, NOUN, count, rule or plural_rule, strict)
                        add(noun, trigger)
                        # "القتلى": counted when a number or vague word precedes it.
                        add("ال" + match_key(noun), _Trigger(kind, NOUN, 0, trigger.rule))
            self.triggers = {k: tuple(v) for k, v in triggers.items()}
            self.automaton = ahocorasick.Automaton()
            for key in self.triggers:
                self.automaton.add_word(key, key)
            self.automaton.make_automaton()

            self.person_counts: dict[str, tuple[int, str]] = {}
            for person in data["persons"]:
                for form, count in (("singular", 1), ("dual", 2), ("plural", 3)):
                    for word in person.get(form, []):
                        key = match_key(word)
                        self.person_counts[key] = (count, form)
                        self.person_counts.setdefault("ال" + key, (count, form))
            self.plural_rules = {k: str(e["plural_rule"]) for k, e in data["kinds"].items()}
            self.victim_nouns = frozenset(
                k for k, ts in self.triggers.items() if any(t.role == NOUN for t in ts)
            )
            self.vague: dict[str, tuple[int, str]] = {
                match_key(n): (int(e["value"]), str(e["rule"]))
                for e in data["vague"]
                for n in e["names"]
            }
            self._vague_at = re.compile(rf"[وف]?(?P<v>{alternation(self.vague)})(?!\w)")
            self._vague_before = re.compile(rf"(?<!\w)(?P<v>{alternation(self.vague)})\s+$")
            self.lead_ins = {match_key(w) for w in data["lead_ins"]}
            # An empty ending would end every word.
            endings = (match_key(str(w)).strip() for w in data["nisba_endings"])
            self.nisba_endings = tuple(e for e in endings if e)
            toll_words = alternation(match_key(w) for w in data["toll_to"])
            self._toll_to = re.compile(rf"\s+(?:{toll_words})\s+")
            self.not_victims = {match_key(w) for w in data["not_victims"]}
            fate_verbs = alternation(match_key(w) for w in data["fate"]["verbs"])
            fate_nouns = alternation(match_key(w) for w in data["fate"]["nouns"])
            # A fate phrase holds one of these words as written: most texts have none,
            # and a substring test is far cheaper than running the pattern.
            self._fate_words = tuple(
                {match_key(w).split()[0] for w in data["fate"]["nouns"] if match_key(w).strip()}
            )
            suffixes = alternation(pronouns)
            self._fate = re.compile(
                rf"(?<!\w)[وف]?(?P<f>{fate_verbs}(?:\s+(?P<who>[^\W\d_]+|\d+)(?:\s+\w+){{0,3}}?)??"
                rf"\s+{fate_nouns}(?P<suf>{suffixes}))(?!\w)"
            )
            self._approx = numbers._approx_before

    def find(
        self, nt: NormalizedText, dates: Sequence[DateMention] | None = None
    ) -> list[CasualtyMention]:
        """Every casualty phrase of ``nt`` (``dates``: its date mentions, if known)."""
        return [
            CasualtyMention(
                *span_offsets(nt, p.start, p.end),
                kind=p.kind,
                count=p.count,
                rule=p.rule,
            )
            for p in self.phrases(nt.text, self.numbers.parse(nt, dates))
        ]

    def phrases(self, text: str, numbers: list[ParsedNumber]) -> list[_Phrase]:
        """Casualty phrases of normalised ``text`` given its numbers."""
        starts = {n.start: n for n in numbers}
        ends = {n.end: n for n in numbers}
        found: list[_Phrase] = []
        for last, key in self.automaton.iter(text):
            start = last + 1 - len(key)
            if word_start(text, start, last + 1) < 0:
                continue
            for trigger in self.triggers[key]:
                phrase = self._phrase(text, start, last + 1, trigger, starts, ends)
                if phrase is not None:
                    found.append(phrase)
                    break
        if any(word in text for word in self._fate_words):
            for m in self._fate.finditer(text):
                found.append(self._fate_phrase(m, starts))
        return _longest_first(found)

    # -------------------------------------------------------------- one phrase

    def _phrase(
        self,
        text: str,
        start: int,
        end: int,
        trigger: _Trigger,
        starts: dict[int, ParsedNumber],
        ends: dict[int, ParsedNumber],
    ) -> _Phrase | None:
        """The phrase a trigger word opens, or None when it names no victims."""
        kind = trigger.kind
        if trigger.role in (HEAD, VERB):
            victims = self._victims_after(text, end, starts)
            if victims is not None:
                count, rule, stop = victims
                if trigger.strict and rule in ("", RULE_SINGULAR):
                    return None  # "أسر اللاجئين": families, not captives
                return _Phrase(start, stop, kind, count, rule or self.plural_rules[kind])
            if trigger.role == VERB:
                counted = self._victims_before(text, start, starts)
                if counted is not None:
                    return _Phrase(counted.start, end, kind, counted.value, _number_rule(counted))
                return _Phrase(start, end, kind, trigger.count, trigger.rule)
            return None
        # A victim noun: a number or a vague word before it gives the count.
        before = text[:start].rstrip(" ")
        number = ends.get(len(before))
        lead_from = start
        if number is not None and len(before) < start:
            count, rule, lead_from = number.value, _number_rule(number), number.start
        else:
            vague = self._vague_before.search(text, max(0, start - 30), start)
            if vague is not None:
                count, rule = self.vague[" ".join(vague.group("v").split())]
                lead_from = vague.start("v")
            elif trigger.count == 0:
                # "ارتفعت حصيلة القتلى إلى 15": a toll given after the noun.
                toll = self._toll_to.match(text, end)
                total = None
                if toll is not None:
                    approx = self._approx_span(text, toll.end(), starts)
                    total = starts.get(approx if approx is not None else toll.end())
                if total is None:
                    return None  # "القتلى" alone: victims counted elsewhere
                return _Phrase(self._lead_in(text, start), total.end, kind, total.value, RULE_TOLL)
            else:
                count, rule = trigger.count, trigger.rule
        phrase_start = self._lead_in(text, lead_from)
        if trigger.strict and phrase_start == start:
            return None  # "ضحايا هذه الحرب": no lead-in, no number
        return _Phrase(phrase_start, end, kind, count, rule)

    def _victims_after(
        self, text: str, pos: int, starts: dict[int, ParsedNumber]
    ) -> tuple[int, str, int] | None:
        """(count, rule, end) of the victims named right after a head."""
        at = _skip(text, pos)
        approx = self._approx_span(text, at, starts)
        number = starts.get(approx if approx is not None else at)
        if number is not None:
            return number.value, _number_rule(number), self._noun_after(text, number.end)
        vague = self._vague_at.match(text, at)
        if vague is not None:
            count, rule = self.vague[" ".join(vague.group("v").split())]
            return count, rule, self._vague_phrase_end(text, vague.end())
        word = _WORD.match(text, at)
        if word is None:
            return None
        person = self.person_counts.get(word.group())
        if person is None:
            return None
        count, form = person
        stop = word.end()
        # "مقتل مدنيين اثنين": a number after the plural noun gives the count.
        follow = starts.get(_skip(text, stop))
        if follow is not None:
            return follow.value, _number_rule(follow), follow.end
        if form == "plural":
            return 3, "", stop
        return count, RULE_SINGULAR if count == 1 else RULE_DUAL, stop

    def _victims_before(
        self, text: str, verb_start: int, starts: dict[int, ParsedNumber]
    ) -> ParsedNumber | None:
        """The number heading the verb's subject ("12 شخصا على الأقل قتلوا",
        "19 من عناصر التنظيم قتلوا"), if the clause before the verb opens with one."""
        lower = max(0, verb_start - SUBJECT_REACH)
        for at in range(lower, verb_start):
            number = starts.get(at)
            if number is None:
                continue
            between = text[number.end : verb_start]
            if any(ch in between for ch in ".,،؛:!?\n") or len(between.split()) > SUBJECT_WORDS:
                continue
            first = _WORD.match(text, _skip(text, number.end))
            if first is not None and (
                first.group() in self.person_counts
                or first.group() == "من"
                or first.group() in self.victim_nouns
                or first.group().endswith(self.nisba_endings)
            ):
                return number
        return None

    def _approx_span(self, text: str, at: int, starts: dict[int, ParsedNumber]) -> int | None:
        """Where the number starts when an approximation word ("نحو") comes first."""
        for number_start in range(at + 2, min(len(text), at + 20)):
            if number_start in starts and starts[number_start].approximate:
                if self._approx.search(text, at, number_start):
                    return number_start
        return None

    def _noun_after(self, text: str, pos: int) -> int:
        """Extend over the counted noun: "12 عنصرا", "3 من عناصر"."""
        word = _WORD.match(text, _skip(text, pos))
        if word is None:
            return pos
        if word.group() in self.person_counts or word.group() in self.victim_nouns:
            return word.end()
        if word.group() == "من":
            noun = _WORD.match(text, _skip(text, word.end()))
            if noun is not None and noun.group() in self.person_counts:
                return noun.end()
        return pos

    def _vague_phrase_end(self, text: str, pos: int) -> int:
        """A vague group's noun, its genitive, and coordinated vague groups."""
        end = pos
        for _ in range(2):
            word = _WORD.match(text, _skip(text, end))
            if word is None:
                break
            if word.group() in self.not_victims:
                break
            if end > pos and not word.group().startswith("ال"):
                break
            end = word.end()
        # "عدد من عمال المحطة وبعض عناصر الحراسة" is one group of victims.
        again = self._vague_at.match(text, _skip(text, end))
        if again is not None and text[again.start()] == "و":
            return self._vague_phrase_end(text, again.end())
        return end

    def _lead_in(self, text: str, start: int) -> int:
        m = re.search(r"(\w+)\s+$", text[max(0, start - 16) : start])
        if m is None:
            return start
        word, begin = m.group(1), start - len(m.group(0))
        if word in self.lead_ins:
            return begin
        if word[0] in "وف" and word[1:] in self.lead_ins:
            return begin + 1  # the conjunction stays outside the phrase
        return start

    def _fate_phrase(self, m: re.Match[str], starts: dict[int, ParsedNumber]) -> _Phrase:
        who = m.start("who") if m.group("who") else -1
        number = starts.get(who)
        if number is not None:
            return _Phrase(m.start("f"), m.end("f"), "killed", number.value, _number_rule(number))
        count = {"ه": 1, "ها": 1, "هما": 2}.get(m.group("suf"), 3)
        rule = RULE_PRONOUN if count < 3 else self.plural_rules["killed"]
        return _Phrase(m.start("f"), m.end("f"), "killed", count, rule)


def _number_rule(number: ParsedNumber) -> str:
    if number.dual_noun:
        return RULE_DUAL
    if number.approximate is None:
        return RULE_NUMBER
    if number.approximate.startswith("vague"):
        return number.approximate
    return f"{RULE_NUMBER} ({number.approximate})"


def _skip(text: str, pos: int) -> int:
    m = _GAP.match(text, pos)
    return m.end() if m else pos


def _longest_first(found: list[_Phrase]) -> list[_Phrase]:
    order = sorted(found, key=lambda p: (-(p.end - p.start), p.start))
    taken: list[_Phrase] = []
    for p in order:
        if all(p.end <= t.start or p.start >= t.end for t in taken):
            taken.append(p)
    return sorted(taken, key=lambda p: p.start)


@lru_cache(maxsize=1)
def default_casualty_matcher() -> CasualtyMatcher:
    """A shared matcher over the default number matcher."""
    from marsad.recognize.numbers import default_number_matcher

    return CasualtyMatcher(default_number_matcher())
