"""Event-mention detection: triggers that survive the modality filter.

``EventMentionDetector`` runs the trigger matcher and the modality classifier
over a normalised text and returns, per sentence, the trigger mentions that
report an event to code together with every decision (kept for debugging and
for the event's ``extra``). It never looks at dates, so it works on undated
sentences as well as on reports.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from typing import Protocol

from marsad.extraction.modality import Cue, Decision, ModalityClassifier
from marsad.extraction.words import listed
from marsad.normalize import NormalizedText
from marsad.recognize.triggers import TriggerMatcher, TriggerMention
from marsad.tokenize import Sentence, clauses, sentences

# A verb at least this strong reports a happening on its own; weaker ones and
# verbal nouns need anchoring words in their sentence (see ``anchoring``).
SELF_SUFFICIENT = 0.85


@dataclass(frozen=True, slots=True)
class ScoredTrigger:
    """A trigger mention, its sentence and the verdict on it."""

    mention: TriggerMention
    sentence: int
    decision: Decision

    @property
    def accepted(self) -> bool:
        return self.decision.accepted

    @property
    def unanchored(self) -> bool:
        """Clean of modality cues but short of anchoring words: the caller may
        anchor it with recogniser evidence (an actor, a date, a toll)."""
        return not self.decision.accepted and self.decision.reason.startswith("unanchored")


@dataclass(frozen=True, slots=True)
class SentenceTriggers:
    sentence: Sentence
    triggers: tuple[ScoredTrigger, ...]

    @property
    def accepted(self) -> tuple[ScoredTrigger, ...]:
        return tuple(t for t in self.triggers if t.accepted)


class EventMentionDetector:
    """Triggers plus modality, built once."""

    def __init__(
        self,
        matcher: TriggerMatcher | None = None,
        modality: ModalityClassifier | None = None,
    ) -> None:
        self.matcher = matcher if matcher is not None else TriggerMatcher()
        self.modality = modality if modality is not None else ModalityClassifier()

    def detect(self, nt: NormalizedText) -> list[SentenceTriggers]:
        """Every sentence of ``nt`` with its scored trigger mentions."""
        split = [
            clause if clause.index == i else replace(clause, index=i)
            for i, clause in enumerate(c for s in sentences(nt) for c in clauses(nt.text, s))
        ]
        triggers = self.matcher.find(nt)
        if not triggers:
            return [SentenceTriggers(s, ()) for s in split]
        cues = self.modality.cues(nt.text)
        cue_starts = [c.start for c in cues]
        ends = [s.end for s in split]
        grouped: dict[int, list[TriggerMention]] = {}
        for mention in triggers:
            index = bisect_left(ends, mention.norm_end)
            if index < len(split):
                grouped.setdefault(index, []).append(mention)
        result: list[SentenceTriggers] = []
        for index, sentence in enumerate(split):
            mentions = grouped.get(index, [])
            if not mentions:
                result.append(SentenceTriggers(sentence, ()))
                continue
            if self.modality.is_boilerplate(nt.text[sentence.start : sentence.end]):
                rejected = Decision(False, "boilerplate", None)
                result.append(
                    SentenceTriggers(
                        sentence, tuple(ScoredTrigger(m, index, rejected) for m in mentions)
                    )
                )
                continue
            lo = bisect_left(cue_starts, sentence.start)
            hi = bisect_left(cue_starts, sentence.end)
            local = cues[lo:hi]
            judged = [
                ScoredTrigger(m, index, self._judge(m, sentence, local, nt.text, mentions))
                for m in mentions
            ]
            # Reading the clause's first words costs more than looking at its
            # triggers, and most clauses have none a present tense would change.
            if any(_describable(t) for t in judged) and _present_tense(sentence, self.modality):
                judged = [_describing(t) for t in judged]
            scored = _governed(judged)
            result.append(SentenceTriggers(sentence, scored))
        return result

    def _judge(
        self,
        mention: TriggerMention,
        sentence: Sentence,
        cues: list[Cue],
        text: str,
        mentions: Sequence[TriggerMention] = (),
    ) -> Decision:
        if self.modality.names_a_time(mention, text):
            return Decision(False, "time of day", mention.text)
        # A cue after another trigger qualifies that one ("مسيرة احتجاجا على الغارات
        # المتكررة": the strikes are repeated, not the march).
        later = [m.norm_end for m in mentions if m.norm_start >= mention.norm_end]
        decision = self.modality.decide(mention, sentence, cues, text, later)
        if not decision.accepted:
            return decision
        if (
            mention.entry.participant
            and mention.definite
            and not _counted(text, mention, self.modality.quantities)
            and not _gathered(text, mention, self.modality.gathering_verbs)
        ):
            # "the protesters" were introduced before: this sentence elaborates.
            return Decision(False, "elaboration", None, decision.support)
        reason = anchoring(mention, set(decision.support))
        if reason is not None:
            return Decision(False, reason, None, decision.support)
        return decision


# Rejections of a verb that carry over to the nouns it governs: in "ويقصف النظام
# بانتظام ... بالبراميل المتفجرة" the barrel bombs are as habitual as the shelling.
GOVERNING_REASONS = frozenset({"habitual", "future", "negation", "hypothetical", "denial"})
VERB_FORMS = frozenset({"perfect", "imperfect"})


def _governed(scored: list[ScoredTrigger]) -> tuple[ScoredTrigger, ...]:
    """``scored`` (in text order) with the nouns after a verb rejected for its
    modality rejected for the same reason, until another verb is accepted."""
    governing: Decision | None = None
    result: list[ScoredTrigger] = []
    for trigger in scored:
        mention = trigger.mention
        if mention.pos in VERB_FORMS:
            reason = trigger.decision.reason
            governing = (
                None
                if trigger.accepted
                else (trigger.decision if reason in GOVERNING_REASONS else governing)
            )
        elif governing is not None and (trigger.accepted or trigger.unanchored):
            # An unanchored noun too: a named actor must not rescue it later.
            trigger = replace(
                trigger,
                decision=Decision(False, governing.reason, governing.cue, trigger.decision.support),
            )
        result.append(trigger)
    return tuple(result)


def _present_tense(sentence: Sentence, modality: ModalityClassifier) -> bool:
    """The clause opens with an imperfect verb (``ويستخدم``، ``كما يطلق``) that does
    not introduce speech: it describes what happens, not what happened.

    The words read are data (``clause_leads``, ``not_verbs``, ``speech_objects`` in
    ``modality/cues.yaml``)."""
    words = sentence.first_words(6)
    clause_leads = modality.clause_leads
    while words and words[0] in clause_leads:
        words = words[1:]
    if len(words) < 2:
        return False
    first = words[0][1:] if words[0][:1] in ("و", "ف") and len(words[0]) > 4 else words[0]
    if not first.startswith("ي") or len(first) < 4 or first.startswith(modality.not_verbs):
        return False
    return not modality.speech_objects.intersection(words[1:4])


def _describable(trigger: ScoredTrigger) -> bool:
    """A noun still in the running with no time word for it: in a present-tense
    clause it names a kind of act (see ``_describing``)."""
    mention, decision = trigger.mention, trigger.decision
    if not (decision.accepted or trigger.unanchored) or mention.pos in VERB_FORMS:
        return False
    return "time" not in decision.support


def _describing(trigger: ScoredTrigger) -> ScoredTrigger:
    """A noun in a present-tense clause names a kind of act unless a time anchors it."""
    if not _describable(trigger):
        return trigger
    support = trigger.decision.support
    return replace(trigger, decision=Decision(False, "habitual", None, support))


def _counted(text: str, mention: TriggerMention, quantities: tuple[str, ...]) -> bool:
    """``آلاف المتظاهرين``: a quantity (``quantities`` in ``modality/cues.yaml``) or
    a number before the crowd introduces it."""
    start = mention.norm_start - len(mention.prefix)
    before = text[max(0, start - 12) : start].rstrip()
    if before.endswith(" من"):
        before = before[:-3].rstrip()
    return before.endswith(quantities) or any(ch.isdigit() for ch in before[-6:])


def _gathered(text: str, mention: TriggerMention, gathering: AbstractSet[str]) -> bool:
    """``خرج المتظاهرون``: a verb that brings the crowd out (``gathering_verbs`` in
    ``modality/cues.yaml``) reports the protest itself."""
    start = mention.norm_start - len(mention.prefix)
    previous = text[max(0, start - 14) : start].split()
    if not previous:
        return False
    verb = previous[-1]
    return listed(verb, gathering) or verb.rstrip("ت") in gathering


def anchoring(mention: TriggerMention, support: set[str]) -> str | None:
    """Why a modality-clean trigger still does not report a happening, or None.

    A perfect verb narrates; an imperfect one needs a time or an occurrence
    word; a verbal noun names a kind of act unless the sentence says it
    happened (an occurrence verb) or gives its toll with a time or a
    perpetrator; a word naming the crowd needs a verb saying what it did.
    """
    entry = mention.entry
    concrete = support - {"acts"}
    if entry.participant:
        return None if "acts" in support else "crowd without an act"
    if mention.pos == "perfect":
        return None if entry.strength >= SELF_SUFFICIENT or concrete else "unanchored verb"
    if mention.pos == "imperfect":
        return None if support & {"occurrence", "time"} else "unanchored imperfect"
    if "occurrence" in support:
        return None
    if "casualties" in support and support & {"time", "agents"}:
        return None
    if entry.strength >= 0.9 and concrete:
        return None
    if entry.event_class == "protest" and support & {"acts", "time"}:
        return None
    return "unanchored noun"


# A lone sentence reports an event of a type when that type's vocabulary is
# dense enough in it: (accepted triggers + kinds of anchoring words) per ten
# words. Long sentences that mention one attack in passing are commentary.
MIN_DENSITY = 0.8
# Words of violence run through commentary and reactions far more than words
# of protest do, so a violent type needs denser support.
MIN_VIOLENT_DENSITY = 1.0
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
ANCHOR_KINDS = frozenset({"casualties", "time", "occurrence", "acts"})


class SentenceRefiner(Protocol):
    """A second opinion on the event types the rules found in one sentence
    (``marsad.extraction.reportedness.Reportedness`` is one)."""

    def refine(self, groups: Sequence[SentenceTriggers], rule_types: set[str]) -> set[str]: ...


def sentence_event_types(
    detector: EventMentionDetector, text: str, refiner: SentenceRefiner | None = None
) -> set[str]:
    """The event types a single sentence reports (no date or context needed).

    The density rules decide alone unless a ``refiner`` is given, which may
    confirm, drop or add types given every trigger the detector scored.
    """
    from marsad.normalize import default_normalizer

    groups = detector.detect(default_normalizer().normalize(text))
    found = rule_event_types(groups)
    return found if refiner is None else refiner.refine(groups, found)


def rule_event_types(groups: Sequence[SentenceTriggers]) -> set[str]:
    """The event types whose accepted triggers are dense enough in ``groups``."""
    by_type: dict[str, list[ScoredTrigger]] = {}
    words = 0
    for group in groups:
        words += len(group.sentence.tokens)
        for trigger in group.accepted:
            by_type.setdefault(trigger.mention.entry.event_type, []).append(trigger)
    found: set[str] = set()
    for event_type, triggers in by_type.items():
        if type_density(triggers, words) >= (
            MIN_VIOLENT_DENSITY if event_type in VIOLENT_TYPES else MIN_DENSITY
        ):
            found.add(event_type)
    return found


def type_density(accepted: Sequence[ScoredTrigger], words: int) -> float:
    """(accepted triggers + kinds of anchoring words) per ten words."""
    kinds = {s for t in accepted for s in t.decision.support} & ANCHOR_KINDS
    if any(
        t.mention.pos == "perfect" and t.mention.entry.event_type in VIOLENT_TYPES for t in accepted
    ):
        # A violent act told by a verb in the past ("خطف مسلحون ثلاثة موظفين") is
        # narrated, which commentary seldom does: it counts as a kind of support.
        kinds.add("narrated")
    return (len(accepted) + len(kinds)) * 10 / max(words, 8)
