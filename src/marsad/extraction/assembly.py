"""From scored triggers and recogniser mentions to ACLED-coded events.

One draft per sentence with an accepted trigger (the most specific trigger,
then ACLED's type priority), or one per place where the sentence lists several
("قصف على كفرنبل وسراقب"); a sentence that only refers back to the previous
event (``وأسفر الهجوم عن ...``، ``هذه المواقع``) adds its evidence and toll
to it instead. Drafts then merge by ACLED's rule: one event per type, actor
pair, place and day.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, Protocol, TypeVar

from marsad.events import EVENT_TYPE_PRIORITY, SUB_EVENT_TYPES, Event, Evidence
from marsad.extraction.classifier import VERB_FORMS, ScoredTrigger, SentenceTriggers
from marsad.extraction.fatalities import choose_fatalities
from marsad.extraction.notes import build_notes
from marsad.extraction.roles import Party, assign_roles
from marsad.extraction.words import AssemblyWords, default_assembly_words, listed
from marsad.gazetteer.records import distance_km
from marsad.geocode import Location, locate, main_country, report_votes
from marsad.recognize.places import LIST_KINDS
from marsad.recognize.triggers import TriggerMention
from marsad.recognize.types import (
    ActorEntry,
    ActorMention,
    CasualtyMention,
    DateMention,
    Mention,
    PlaceCandidate,
    PlaceMention,
)
from marsad.tokenize import Sentence

CIVILIAN_INTER = 7
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
STATE_INTER = 1
PROTESTER_INTER, RIOTER_INTER = 6, 5
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
# The date rule of an event dated only by the statement that reports it.
STATEMENT_DATE = "date of the statement reporting it"
UNDATED_RULE = "the day before publication (no date stated)"
INHERITED_DATE = "inherited from the previous event of the report"
# Events more than a month before publication are background, not news (the
# time frame of the gold format: older events are optional at most).
TIME_FRAME_DAYS = 31
# Rejections after which "the attack" in the next sentence means the rejected one.
REPORTED_NOT_CODED = frozenset({"negation", "denial", "future", "hypothetical"})
# Anaphor classes (actor dictionary) that name one organisation ("the
# organisation", "the movement"); "members" or "the militias" describe people
# and stay unresolved.
REFERRING_ANAPHORS = frozenset(
    {"organization", "movement", "party", "commission", "group", "faction"}
)


M = TypeVar("M", bound=Mention)


class ActorResolver(Protocol):
    """What extraction needs from the actor dictionary."""

    def resolve_mention(self, mention: ActorMention, country_code: str | None) -> ActorEntry: ...

    def inter_for(self, entry: ActorEntry, event_country_code: str | None) -> int: ...

    def resolve_anaphor(
        self, anaphor: Any, preceding: Sequence[ActorMention]
    ) -> ActorMention | None: ...


@dataclass(frozen=True)
class Mentions:
    """Everything the recognisers found in one document."""

    actors: Sequence[ActorMention] = ()
    anaphors: Sequence[Mention] = ()
    places: Sequence[PlaceMention] = ()
    dates: Sequence[DateMention] = ()
    casualties: Sequence[CasualtyMention] = ()


@dataclass
class Draft:
    """An event under construction."""

    trigger: ScoredTrigger
    sentence: Sentence
    event_type: str
    sub_event_type: str
    actor1: ActorMention | None
    actor2: ActorMention | None
    assoc1: list[ActorMention]
    assoc2: list[ActorMention]
    date_value: date | None
    time_precision: int | None
    date_rule: str
    date_mention: DateMention | None
    location: Location | None
    casualties: list[tuple[CasualtyMention, bool]] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    role_rule: str = ""
    opening: bool = False  # told in the report's first sentence (its headline or lead)


def _type_rank(event_type: str) -> int:
    return EVENT_TYPE_PRIORITY.index(event_type)


def primary_trigger(accepted: Sequence[ScoredTrigger]) -> ScoredTrigger:
    """The trigger a sentence's event is coded from."""
    specific = [t for t in accepted if not t.mention.entry.generic] or list(accepted)
    violent = [t for t in specific if t.mention.entry.event_type != "Strategic developments"]
    pool = violent or specific
    return min(
        pool,
        key=lambda t: (_type_rank(t.mention.entry.event_type), -t.mention.entry.strength),
    )


def _by_start(mention: Any) -> int:
    return int(mention.norm_start)


class _ByStart(list[M]):
    """Mentions sorted by ``norm_start``, their starts kept for binary search
    (every sentence asks for the mentions inside it)."""

    def __init__(self, mentions: Iterable[M]) -> None:
        super().__init__(sorted(mentions, key=_by_start))
        self.starts = [m.norm_start for m in self]


@dataclass(frozen=True)
class _SortedMentions:
    """``Mentions`` in text order, ready for ``_in``."""

    actors: _ByStart[ActorMention]
    anaphors: _ByStart[Mention]
    places: _ByStart[PlaceMention]
    dates: _ByStart[DateMention]
    casualties: _ByStart[CasualtyMention]


def _in(mentions: _ByStart[M], start: int, end: int) -> list[M]:
    """Mentions inside ``[start, end)``."""
    found: list[M] = []
    for index in range(bisect_left(mentions.starts, start), len(mentions)):
        mention = mentions[index]
        if mention.norm_start >= end:
            break
        if mention.norm_end <= end:
            found.append(mention)
    return found


def _evidence(field_name: str, mention: Mention) -> Evidence:
    return Evidence(field_name, mention.start, mention.end, mention.text)


class Assembler:
    """Builds events from one document's detections and mentions."""

    def __init__(
        self,
        actors: ActorResolver | None,
        iso_numeric: Callable[[str], int | None] | None = None,
        default_country: str | None = None,
        min_score: float = 0.75,
        words: AssemblyWords | None = None,
        undated_lag_days: int = 1,
    ) -> None:
        self.actors = actors
        self.undated_lag = timedelta(days=undated_lag_days)
        self.iso_numeric = iso_numeric
        self.default_country = default_country or None
        self.min_score = min_score
        self.words = words if words is not None else default_assembly_words()

    # ------------------------------------------------------------------ drafting

    def assemble(
        self,
        *,
        doc_id: str,
        source: str | None,
        text: str,
        published: date | None,
        detected: Sequence[SentenceTriggers],
        mentions: Mentions,
    ) -> list[Event]:
        """The document's events, merged by ACLED's rules."""
        named = _SortedMentions(
            actors=_ByStart(mentions.actors),
            anaphors=_ByStart(mentions.anaphors),
            places=_ByStart(mentions.places),
            dates=_ByStart(mentions.dates),
            casualties=_ByStart(mentions.casualties),
        )
        votes = report_votes(named.places)
        report_country = main_country(votes)  # the same for every event placed below
        text_start = len(text) - len(text.lstrip())  # where the report's first word is
        resolved_actors = self._with_anaphors(named)
        in_order = replace(named, actors=resolved_actors)
        drafts: list[Draft] = []
        # Each sentence's places, read once: a draft looks at its own sentence's
        # and at those of the sentences around it.
        sentence_places = [_in(named.places, g.sentence.start, g.sentence.end) for g in detected]
        # The draft of the last sentence that reported anything (None when that
        # report was rejected): what a back-reference ("the attack") points to.
        previous: Draft | None = None
        for position, group in enumerate(detected):
            sentence = group.sentence
            accepted = [t for t in group.triggers if self._anchored(t, sentence, in_order)]
            local_cas = _in(in_order.casualties, sentence.start, sentence.end)
            local_places = sentence_places[position]
            if not accepted:
                if (
                    previous is not None
                    and local_cas
                    and _refers_back(sentence, self.words)
                    and not any(t.decision.reason == "generic" for t in group.triggers)
                ):
                    self._add_casualties(previous, local_cas, text, sentence)
                if any(t.decision.reason in REPORTED_NOT_CODED for t in group.triggers):
                    previous = None
                continue
            parties = _in(resolved_actors, sentence.start, sentence.end)
            trigger = primary_trigger(_event_words(text, accepted, parties))
            pointing = _points_back(text, accepted, self.words)
            if pointing is not None:
                if previous is not None:
                    self._extend(previous, group, pointing, local_cas, text, sentence)
                continue
            if (
                previous is not None
                and self._continues(accepted, parties, previous)
                and not _elsewhere(previous, local_places)
            ):
                self._extend(previous, group, trigger, local_cas, text, sentence)
                continue
            draft = self._draft(
                text,
                trigger,
                group,
                parties,
                in_order,
                published,
                drafts,
                sentence_places,
                position,
                votes,
                report_country,
            )
            if draft is None:
                previous = None
                continue
            if drafts and _unanchored(draft):
                # No date and no place of its own, after the report's first event:
                # an elaboration of what came before or background, not a new incident.
                if previous is not None and _same_class(previous, draft):
                    self._extend(previous, group, trigger, local_cas, text, sentence)
                continue
            draft.opening = sentence.start <= text_start
            _by_weapon(draft, group, text, self.words)
            if previous is not None:
                _like_previous(draft, previous)
            if position + 1 < len(detected):
                _upgrade_base(draft, detected[position + 1])
            self._add_casualties(draft, local_cas, text, sentence)
            drafts.append(draft)
            # "غارات قرب الحسكة والشدادي والهول": one event per place (ACLED's rule);
            # the toll stays with the first, which the text cannot split.
            drafts.extend(_listed_places(text, draft, local_places))
            previous = draft
        merged = _merge(drafts)
        events = [self._event(doc_id, source, d, text, resolved_actors) for d in merged]
        # An unplaced event in a report that places its others, or a battle
        # with no party on either side, is a passing mention (a toll, a
        # background clash), not an incident ACLED can code.
        placed = any(e.location is not None for e in events)
        return [e for e in events if not _passing_mention(e, placed)]

    def _anchored(
        self, trigger: ScoredTrigger, sentence: Sentence, mentions: _SortedMentions
    ) -> bool:
        """Accepted, or clean of modality cues with a named actor or a counted death
        toll in its sentence (a report names who acted or who died; an analysis of
        "control" or "attacks" in general does not)."""
        if trigger.accepted:
            return True
        if not trigger.unanchored or trigger.mention.entry.participant:
            return False
        entry = trigger.mention.entry
        if trigger.decision.reason == "unanchored noun" and entry.territory:
            # "التنافس على السيطرة": control as a state or an aim, not a change of hands.
            return False
        if _in(mentions.actors, sentence.start, sentence.end):
            return True
        # "بينما قتل 29 منهم في استهداف ...": a stated death toll is a happening too.
        return any(
            c.kind == "killed" and c.count > 0 and any(ch.isdigit() for ch in c.text)
            for c in _in(mentions.casualties, sentence.start, sentence.end)
        )

    def _with_anaphors(self, mentions: _SortedMentions) -> _ByStart[ActorMention]:
        """Actor mentions plus anaphors resolved to the actor named before them."""
        found = list(mentions.actors)
        if self.actors is not None:
            for anaphor in mentions.anaphors:
                if getattr(anaphor, "anaphor_class", None) not in REFERRING_ANAPHORS:
                    continue
                target = self.actors.resolve_anaphor(anaphor, mentions.actors)
                if target is not None:
                    found.append(
                        replace(
                            target,
                            start=anaphor.start,
                            end=anaphor.end,
                            text=anaphor.text,
                            norm_start=anaphor.norm_start,
                            norm_end=anaphor.norm_end,
                        )
                    )
        return _ByStart(found)

    def _continues(
        self,
        triggers: Sequence[ScoredTrigger],
        parties: Sequence[ActorMention],
        last: Draft,
    ) -> bool:
        """A definite verbal noun of the same class with no new actor continues the
        previous event, unless the sentence first tells one of that class afresh
        ("نفذت طائرات ضربات جوية ... وقالت إن الضربات أسفرت عن")."""
        names = {p.actor.name for p in parties}
        known = {m.actor.name for m in (last.actor1, last.actor2) if m is not None}
        kind = last.trigger.mention.entry.event_class
        for t in sorted(triggers, key=lambda t: t.mention.norm_start):
            mention = t.mention
            if mention.entry.event_class != kind:
                continue
            if mention.pos not in ("noun", "phrase") or not mention.definite:
                return False
            if not names or names <= known:
                return True
        return False

    def _extend(
        self,
        draft: Draft,
        group: SentenceTriggers,
        trigger: ScoredTrigger,
        casualties: Sequence[CasualtyMention],
        text: str,
        sentence: Sentence,
    ) -> None:
        draft.evidence.append(_evidence("trigger", trigger.mention))
        draft.decisions.extend(_decisions(group))
        self._add_casualties(draft, casualties, text, sentence)

    def _add_casualties(
        self,
        draft: Draft,
        casualties: Sequence[CasualtyMention],
        text: str,
        sentence: Sentence,
    ) -> None:
        head = text[sentence.start : sentence.start + 60]
        claim = any(cue in head for cue in self.words.claim_cues)
        for mention in casualties:
            draft.casualties.append((mention, claim))

    def _draft(
        self,
        text: str,
        trigger: ScoredTrigger,
        group: SentenceTriggers,
        parties: Sequence[ActorMention],
        mentions: _SortedMentions,
        published: date | None,
        drafts: Sequence[Draft],
        sentence_places: Sequence[list[PlaceMention]],
        position: int,
        votes: Any,
        report_country: str | None,
    ) -> Draft | None:
        sentence = group.sentence
        mention = trigger.mention
        located = [Party(p.norm_start, p.norm_end, i) for i, p in enumerate(parties)]
        roles = assign_roles(text, mention, located, self.words)
        actor1 = parties[roles.actor1] if roles.actor1 is not None else None
        actor2 = parties[roles.actor2] if roles.actor2 is not None else None
        owner = next((p for p in parties if _heads(text, mention, p.norm_start, p.norm_end)), None)
        if owner is not None and actor1 is not owner:
            # "في القصف التركي": the party the event word names is who acted.
            actor1, actor2 = owner, (None if actor2 is owner else actor2)
        if actor1 is not None and actor2 is not None and actor1.actor.name == actor2.actor.name:
            actor2 = None
        assoc1 = [parties[i] for i in roles.assoc1]
        victims = _in(mentions.casualties, sentence.start, sentence.end)
        crowd = mention.entry.event_type in ("Protests", "Riots")
        if actor1 is not None and not crowd and actor1 is not owner:
            # Those killed or civilians are never the side that acted.
            harmed = _harmed(text, actor1, victims)
            if harmed and actor2 is not None and not _harmed(text, actor2, victims):
                actor1, actor2 = actor2, actor1  # the other side is who acted
            elif harmed or actor1.actor.inter == CIVILIAN_INTER:
                actor1, actor2 = None, actor2 or actor1
        if actor2 is None and not crowd:
            # "مقتل 10 من الحشد الشعبي بهجوم لداعش": those killed were the target;
            # failing them, civilians named in the sentence of an attack.
            actor2 = _victim_party(text, parties, victims, actor1, mention.entry.event_type)
        if crowd:
            # Who protested is coded as Protesters/Rioters; named groups join them,
            # but a force that broke the protest up is the other side.
            named = [p for p in (actor1, actor2, *assoc1) if p is not None]
            actor1 = None
            actor2 = _intervening_force(text, sentence, parties)
            assoc1 = [p for p in named if p is not actor2]
        # Date: the closest resolved date in the sentence, else the previous event's.
        local_dates = [d for d in _in(mentions.dates, sentence.start, sentence.end) if d.value]
        of_events = [d for d in local_dates if not _dates_a_statement(text, d, self.words)]
        date_mention: DateMention | None = None
        if local_dates:
            date_mention = min(
                of_events or local_dates, key=lambda d: abs(d.norm_start - mention.norm_start)
            )
            date_value, precision, date_rule = (
                date_mention.value,
                date_mention.precision or 1,
                "stated in the sentence",
            )
            if not of_events:
                # "قال المرصد اليوم الأحد إن ...": the day it was told, the event
                # itself on that day or shortly before.
                precision = max(precision, 2)
                date_rule = STATEMENT_DATE
                last = drafts[-1] if drafts else None
                if (
                    last is not None
                    and last.date_mention is not None
                    and last.date_value is not None
                    and date_value is not None
                    and timedelta(0) <= date_value - last.date_value <= timedelta(days=7)
                ):
                    # The report's last event gave the day this statement is about.
                    date_value, date_rule = last.date_value, INHERITED_DATE
                    precision = max(last.time_precision or 1, 2)
        elif drafts and drafts[-1].date_value is not None:
            last = drafts[-1]
            date_value = last.date_value
            precision = max(last.time_precision or 1, 2)
            date_rule = INHERITED_DATE
        elif published is not None:
            # A news report mostly tells the previous day's events; on the real
            # articles the annotators dated 47 of 52 undated events so.
            date_value = published - self.undated_lag
            precision, date_rule = 2, UNDATED_RULE
        else:
            date_value, precision, date_rule = None, None, "no date"
        if published is not None and date_value is not None:
            if date_value < published - timedelta(days=TIME_FRAME_DAYS):
                return None  # background: outside the report's time frame
            if date_value > published + timedelta(days=1):
                return None
        # Place: in the sentence, else the sentences around it.
        local_places = sentence_places[position]
        if not local_places:
            # "وسيطر التنظيم على المدينة": the town last named before.
            local_places = _settlement_antecedent(text, sentence, mentions.places)
        context = _neighbour_places(sentence_places, position)
        try:
            homes = {p.actor.country for p in parties if p.actor.country}
            location = locate(
                text, mention.norm_end, local_places, context, votes, homes, report_country
            )
        except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
            location = None  # a place that cannot be resolved leaves the event unplaced
        event_type, sub = mention.entry.event_type, mention.entry.sub_event_type
        draft = Draft(
            trigger=trigger,
            sentence=sentence,
            event_type=event_type,
            sub_event_type=sub,
            actor1=actor1,
            actor2=actor2,
            assoc1=assoc1,
            assoc2=[parties[i] for i in roles.assoc2],
            date_value=date_value,
            time_precision=precision,
            date_rule=date_rule,
            date_mention=date_mention,
            location=location,
            role_rule=roles.rule,
        )
        draft.evidence.append(_evidence("trigger", mention))
        draft.decisions.extend(_decisions(group))
        _upgrade_base(draft, group)
        return draft

    # ------------------------------------------------------------------ events

    def _country(self, draft: Draft) -> str | None:
        if draft.location is not None:
            return draft.location.candidate.country_code
        for m in (draft.actor1, draft.actor2):
            if m is not None and m.actor.country and m.actor.inter != 8:
                return m.actor.country
        return self.default_country

    def _side(
        self,
        text: str,
        casualty: CasualtyMention,
        actors: _ByStart[ActorMention],
        country_code: str | None,
    ) -> str | None:
        """The side whose dead a toll counts ("مقتل تسعة من قوات النظام"), if named."""
        nearby = _in(actors, casualty.norm_start, casualty.norm_end + 40)
        for party in nearby:
            if _harmed(text, party, [casualty]):
                return self._actor(party, country_code)[0]
        return None

    def _country_name(self, code: str) -> str | None:
        """The country's ACLED name, when the actor dictionary can tell it."""
        names = getattr(self.actors, "country_name", None)
        return str(names(code)) if callable(names) else None

    def _actor(
        self, mention: ActorMention | None, country: str | None
    ) -> tuple[str | None, int | None]:
        if mention is None:
            return None, None
        if self.actors is None:
            return mention.actor.name, mention.actor.inter
        entry = self.actors.resolve_mention(mention, country)
        coded = getattr(self.actors, "coded", None)
        if callable(coded):
            # ACLED's naming: a state's unit as the state's forces, and the
            # dictionary's ``coded_as`` (the coalition against IS as US forces).
            entry = coded(entry)
        return entry.name, self.actors.inter_for(entry, country)

    def _event(
        self,
        doc_id: str,
        source: str | None,
        draft: Draft,
        text: str,
        actors: _ByStart[ActorMention],
    ) -> Event:
        country_code = self._country(draft)
        actor1, inter1 = self._actor(draft.actor1, country_code)
        actor2, inter2 = self._actor(draft.actor2, country_code)
        if actor2 is not None and actor2 == actor1:
            actor2, inter2 = None, None  # two forms of one actor ("الجيش", "الجيش العراقي")
        assoc1 = "; ".join(n for n in (self._actor(m, country_code)[0] for m in draft.assoc1) if n)
        assoc2 = "; ".join(n for n in (self._actor(m, country_code)[0] for m in draft.assoc2) if n)
        event_type, sub = draft.event_type, draft.sub_event_type
        if draft.trigger.mention.entry.territory:
            sub = (
                "Government regains territory"
                if inter1 == STATE_INTER
                else "Non-state actor overtakes territory"
            )
        if event_type == "Violence against civilians" and inter2 != CIVILIAN_INTER:
            actor2 = None  # an armed actor named near an attack on civilians is not its target
        if actor2 is None and (event_type == "Violence against civilians" or sub == "Arrests"):
            # ACLED's target of violence against civilians, and of arrests of
            # people no armed group is named for, is civilians.
            actor2, inter2 = _crowd("Civilians", country_code, self), CIVILIAN_INTER
        civilian = inter2 == CIVILIAN_INTER and event_type not in ("Protests", "Riots")
        if civilian and draft.trigger.mention.entry.generic and event_type == "Battles":
            event_type, sub = "Violence against civilians", "Attack"
        if event_type == "Strategic developments" and inter1 in (PROTESTER_INTER, RIOTER_INTER):
            # A crowd storming or setting fire to a building is a riot.
            event_type, sub = "Riots", "Violent demonstration"
            actor1 = _as_rioters(actor1)
            inter1 = RIOTER_INTER
        crowd_inters = {inter1, inter2} & {PROTESTER_INTER, RIOTER_INTER}
        if crowd_inters and event_type in VIOLENT_TYPES:
            one_sided = draft.trigger.mention.entry.role != "reciprocal"
            event_type, sub, actor1, inter1, actor2, inter2 = _crowd_violence(
                one_sided, actor1, inter1, actor2, inter2
            )
        unclaimed = event_type == "Explosions/Remote violence" and sub != AIR_STRIKE
        if actor1 is None and (actor2 is not None or unclaimed) and event_type in VIOLENT_TYPES:
            # ACLED's code for perpetrators the report does not name.
            actor1, inter1 = _crowd("Unidentified Armed Group", country_code, self), 3
        if event_type == "Protests" and actor1 is None:
            actor1, inter1 = _crowd("Protesters", country_code, self), 6
        if event_type == "Riots" and actor1 is None:
            actor1, inter1 = _crowd("Rioters", country_code, self), 5
        counted = [c for c, _ in draft.casualties]
        # Sides matter only where two killed tolls could be summed.
        several = sum(1 for c in counted if c.kind == "killed") > 1
        toll = choose_fatalities(
            counted,
            [claim for _, claim in draft.casualties],
            [self._side(text, c, actors, country_code) for c in counted] if several else None,
        )
        evidence = list(draft.evidence)
        for name, m in (("actor1", draft.actor1), ("actor2", draft.actor2)):
            if m is not None:
                evidence.append(_evidence(name, m))
        loc = draft.location
        if loc is not None and loc.mention is not None:
            evidence.append(_evidence("location", loc.mention))
        if draft.date_mention is not None:
            evidence.append(_evidence("event_date", draft.date_mention))
        if toll.mention is not None:
            evidence.append(_evidence("fatalities", toll.mention))
        cand = loc.candidate if loc else None
        location_name = cand.name_en if cand else None
        confidence = _confidence(draft, actor1 is not None, loc is not None)
        event_id = _event_id(doc_id, event_type, draft.date_value, location_name, actor1, actor2)
        # An unplaced event still has the country its parties give it, so that
        # the countries setting can leave out a Turkish event in a Syrian report.
        code = cand.country_code if cand else country_code
        iso = self.iso_numeric(code) if code and self.iso_numeric else None
        country = cand.country if cand else (self._country_name(code) if code else None)
        return Event(
            doc_id=doc_id,
            event_id=event_id,
            event_type=event_type,
            sub_event_type=sub,
            event_date=draft.date_value,
            time_precision=draft.time_precision,
            actor1=actor1,
            assoc_actor_1=assoc1 or None,
            inter1=inter1,
            actor2=actor2,
            assoc_actor_2=assoc2 or None,
            inter2=inter2,
            civilian_targeting="Civilian targeting" if civilian else None,
            iso=iso,
            country=country,
            admin1=cand.admin1 if cand else None,
            admin2=cand.admin2 if cand else None,
            admin3=cand.admin3 if cand else None,
            location=location_name,
            latitude=cand.latitude if cand else None,
            longitude=cand.longitude if cand else None,
            geo_precision=loc.geo_precision if loc else None,
            fatalities=toll.count,
            fatalities_rule=toll.rule,
            notes=build_notes(
                event_date=draft.date_value,
                time_precision=draft.time_precision,
                sub_event_type=sub,
                actor1=actor1,
                actor2=actor2,
                location=location_name,
                fatalities=toll.count,
            ),
            source=source,
            confidence=confidence,
            complete=loc is not None and draft.date_value is not None and actor1 is not None,
            evidence=tuple(sorted(set(evidence), key=lambda e: (e.start, e.field))),
            extra={
                "trigger": draft.trigger.mention.entry.lemma,
                "roles": draft.role_rule,
                "date_rule": draft.date_rule,
                "place_rule": loc.rule if loc else "no place found",
                "modality": draft.decisions,
            },
        )


# Words between a toll and the actor its dead belonged to: "مقتل 10 من الحشد"،
# "قتل ضابط برتبة عقيد في قوات النظام".
_MEMBERSHIP = re.compile(r"\s*(?:[^\W\d_]+\s+){0,3}?(?:من|في)\s+(?:صفوف\s+)?")
# "19 من عناصر تنظيم داعش قتلوا"، "عشرات من عناصر داعش مصرعهم": a part of the
# actor, then the toll.
_PARTITIVE = re.compile(r"(?:^|\s)من\s+(?:(?:صفوف|عناصر|مقاتلي|مسلحي|افراد|جنود)\s+)?$")
# A protest met by force: "لتفريق المحتجين"، "اطلقوا النار"، "فض الاعتصام".
_INTERVENTION = re.compile(
    r"تفريق|لتفريق|فض |لفض |قمع|اطلق\S* (?:\S+ ){0,5}?(?:النار|الرصاص|الغاز|قنابل)"
    r"|الرصاص الحي|اعتدت|اعتدي"
)


def _harmed(text: str, party: ActorMention, victims: Sequence[CasualtyMention]) -> bool:
    """The party is among those a toll counts (killed, wounded, captured)."""
    for v in victims:
        if v.norm_start <= party.norm_start < v.norm_end:
            return True
        gap = text[v.norm_end : party.norm_start]
        if 0 <= party.norm_start - v.norm_end <= 30 and _MEMBERSHIP.fullmatch(gap):
            return True
        after = text[party.norm_end : v.norm_start]
        partitive = _PARTITIVE.search(text[max(0, party.norm_start - 12) : party.norm_start])
        if partitive and 0 <= v.norm_start - party.norm_end <= 12 and after.strip(" ،,") == "":
            return True
    return False


def _victim_party(
    text: str,
    parties: Sequence[ActorMention],
    victims: Sequence[CasualtyMention],
    actor1: ActorMention | None,
    event_type: str,
) -> ActorMention | None:
    """The target of an event whose roles named none: a party the toll counts, else
    civilians named in the sentence of a violent event."""
    others = [p for p in parties if actor1 is None or p.actor.name != actor1.actor.name]
    for party in others:
        if _harmed(text, party, victims):
            return party
    if event_type in ("Explosions/Remote violence", "Violence against civilians"):
        for party in others:
            if party.actor.inter == CIVILIAN_INTER:
                return party
    return None


def _intervening_force(
    text: str, sentence: Sentence, named: Sequence[ActorMention]
) -> ActorMention | None:
    """An armed actor named in the sentence of a protest that was broken up by force:
    the protest's actor2."""
    if _INTERVENTION.search(text, sentence.start, sentence.end) is None:
        return None
    for party in named:
        if party.actor.inter in ARMED_INTERS:
            return party
    return None


def _passing_mention(event: Event, report_placed: bool) -> bool:
    if event.location is None and report_placed:
        # The report places its incidents; one it cannot place is a passing
        # mention of something elsewhere. A report with no place at all
        # still keeps its events (flagged incomplete).
        return True
    return event.event_type == "Battles" and event.actor1 is None and event.actor2 is None


def _crowd(kind: str, country_code: str | None, assembler: Assembler) -> str:
    if country_code is None:
        return kind
    return f"{kind} ({assembler._country_name(country_code) or country_code})"


def _decisions(group: SentenceTriggers) -> list[dict[str, Any]]:
    return [{"trigger": t.mention.text, **t.decision.to_dict()} for t in group.triggers]


SHELLING = "Shelling/artillery/missile attack"
AIR_STRIKE = "Air/drone strike"


def _by_weapon(draft: Draft, group: SentenceTriggers, text: str, words: AssemblyWords) -> None:
    """Shelling by aircraft, or alongside an air-strike word, is an air strike; an
    attack in general words ("استهدفت") is an air strike when its attacker is
    aircraft and shelling when it is artillery (the ``airborne`` and
    ``artillery`` pieces of ``extraction/words.yaml`` in its words)."""
    # The subject slot right after a verb ("استهدفت مقاتلات ..."), and the actor's
    # name with the word before it ("مقاتلات التحالف"), say who struck.
    end = draft.trigger.mention.norm_end
    attacker = text[end : end + 12] if draft.trigger.mention.pos == "perfect" else ""
    if draft.actor1 is not None:
        attacker += " " + text[max(0, draft.actor1.norm_start - 10) : draft.actor1.norm_end]
    if draft.trigger.mention.entry.generic and draft.event_type == "Battles":
        if any(word in attacker for word in words.airborne):
            draft.event_type, draft.sub_event_type = "Explosions/Remote violence", AIR_STRIKE
        elif any(word in attacker for word in words.artillery):
            draft.event_type, draft.sub_event_type = "Explosions/Remote violence", SHELLING
        return
    if draft.sub_event_type != SHELLING:
        return
    if any(word in attacker for word in words.airborne) or any(
        t.mention.entry.sub_event_type == AIR_STRIKE for t in group.triggers if t.accepted
    ):
        draft.sub_event_type = AIR_STRIKE


def _dates_a_statement(text: str, mention: DateMention, words: AssemblyWords) -> bool:
    """The date of a speech verb ("قال ... يوم الأحد إن") or of a statement's
    release ("البيان الذي صدر اليوم"), not of what was said."""
    if _word_before(text, mention.norm_start, 12) in words.release_verbs:
        return True
    after = text[mention.norm_end : mention.norm_end + 8].split()
    if not after or after[0].strip("،,:") not in ("ان", "بان", ""):
        return False  # what follows is not "that ..." or a quotation
    before = text[max(0, mention.norm_start - 60) : mention.norm_start].split()[-6:]
    return any(listed(w, words.speech_verbs) for w in before)


def _event_words(
    text: str, accepted: Sequence[ScoredTrigger], parties: Sequence[ActorMention]
) -> Sequence[ScoredTrigger]:
    """The triggers the sentence's event is coded from. "الطيران الحربي" and
    "البراميل المتفجرة" name an attacker as well as a strike: where a specific
    trigger stands apart from every name, the overlapping one stays a party;
    "القصف التركي" is an event word next, the party saying whose it was; and a
    specific word covered by a name still beats a generic one ("قتل مدنيان
    بالبراميل المتفجرة" is an air strike)."""
    clear = [t for t in accepted if not _overlaps_any(text, t.mention, parties, True)]
    headed = [t for t in accepted if not _overlaps_any(text, t.mention, parties)]
    for pool, wanted in (
        (clear, _specific_violence),
        (headed, _specific_violence),
        (accepted, _weapon_or_act),
        (headed, _specific),
    ):
        found = [t for t in pool if wanted(t)]
        if found:
            return found
    return headed or accepted


def _specific(trigger: ScoredTrigger) -> bool:
    return not trigger.mention.entry.generic


def _weapon_or_act(trigger: ScoredTrigger) -> bool:
    """A specific word of violence that is not a crowd ("محتجون" covered by a
    name is the protesters, not what they did)."""
    return _specific_violence(trigger) and not trigger.mention.entry.participant


def _specific_violence(trigger: ScoredTrigger) -> bool:
    """A specific word of violence or protest (not a strategic development: "ما
    أوقع مستويات من التدمير" tells the strike's effect, not another event)."""
    return _specific(trigger) and trigger.mention.entry.event_type != "Strategic developments"


def _overlaps_any(
    text: str, mention: TriggerMention, parties: Sequence[ActorMention], heads: bool = False
) -> bool:
    """Whether a party's name covers the trigger; unless ``heads``, not counting
    a trigger that is the name's head word ("القصف التركي": the trigger is the
    event, the party says whose it was)."""
    return any(
        p.norm_start < mention.norm_end
        and mention.norm_start < p.norm_end
        and (
            heads
            or mention.entry.participant
            or not _heads(text, mention, p.norm_start, p.norm_end)
        )
        for p in parties
    )


def _heads(text: str, mention: TriggerMention, start: int, end: int) -> bool:
    """The trigger is the first word of ``text[start:end]`` (after its clitics)
    and more words follow."""
    return (
        start <= mention.norm_start
        and mention.norm_end < end
        and " " not in text[start : mention.norm_start]
    )


def _like_previous(draft: Draft, previous: Draft) -> None:
    """A general attack word with no attacker ("مقتل 11 جراء استهداف مبنى في
    الميادين") after a specific violent event tells another strike of the same
    kind by the same side, elsewhere."""
    entry = draft.trigger.mention.entry
    if draft.sub_event_type == previous.sub_event_type == AIR_STRIKE and (
        draft.actor1 is None or _name(draft.actor1) == _name(previous.actor1)
    ):
        # "شن التحالف 18 غارة على التنظيم ... ونفذت 11 غارة قرب الموصل ... ونفذ
        # التحالف أربع غارات قرب كوباني": the same side's strikes on the same foe.
        draft.actor1 = draft.actor1 or previous.actor1
        draft.actor2 = draft.actor2 or previous.actor2
        return
    if not entry.generic or draft.event_type != "Battles" or draft.actor1 is not None:
        return
    if previous.event_type not in VIOLENT_TYPES:
        return
    if previous.trigger.mention.entry.generic and previous.event_type == "Battles":
        return  # the previous one is as vague; a strike read from its own previous counts

    draft.event_type, draft.sub_event_type = previous.event_type, previous.sub_event_type
    draft.actor1 = previous.actor1


def _upgrade_base(draft: Draft, group: SentenceTriggers) -> None:
    """Forces sent to set up a base: the deployment is coded as the base established."""
    if draft.sub_event_type != "Other":
        return
    for t in group.triggers:
        if t.mention.entry.sub_event_type == "Headquarters or base established":
            draft.sub_event_type = "Headquarters or base established"
            return


def _followed_by_back_reference(text: str, end: int, words: AssemblyWords) -> bool:
    following = text[end : end + 12].split()
    return bool(following) and following[0] in words.back_references


def _points_back(
    text: str, triggers: Sequence[ScoredTrigger], words: AssemblyWords
) -> ScoredTrigger | None:
    """The trigger pointing back (``هذه المواقع``, ``وأسفر الهجوم``), if any: its
    sentence tells no new event (``back_references``, ``result_verbs`` and
    ``preceding_demonstratives`` of ``extraction/words.yaml``)."""
    for t in triggers:
        word_start = t.mention.norm_start - len(t.mention.prefix)
        word_end = t.mention.norm_end + len(t.mention.suffix)
        # Only a definite noun is pointed at ("الهجوم ذاته"): after a verb "هذا" is
        # its subject ("وانسحب هذا الحال على ..."), and "فجر انتحاري نفسه" is reflexive.
        if (
            t.mention.pos not in VERB_FORMS
            and t.mention.definite
            and _followed_by_back_reference(text, word_end, words)
        ):
            return t
        if t.mention.definite and _word_before(text, word_start, 12) in words.result_verbs:
            return t  # "وأسفر القصف عن"; "وأسفرت غارات روسية عن" tells a new one
        if t.mention.pos not in VERB_FORMS and (
            _word_before(text, word_start, 8) in words.preceding_demonstratives
        ):
            return t  # "وحصد هذا القصف آلاف القتلى"
    return None


def _word_before(text: str, start: int, reach: int) -> str:
    """The word ending right before ``start`` (within ``reach`` characters), or ""."""
    before = text[max(0, start - reach) : start].split()
    return before[-1] if before else ""


def _refers_back(sentence: Sentence, words: AssemblyWords) -> bool:
    back_references = words.back_references
    first = [t.text for t in sentence.tokens[:6]]
    return any(w in back_references or w.startswith(("وال", "ال")) for w in first)


# "المدينة" standing for a town named earlier, and "مدينة X" naming one.
SETTLEMENT_NOUNS = re.compile(r"(?:^|\s)[وفبل]?(?:ال|لل)(?:مدينه|بلده|قريه)(?=\s|[^\w]|$)")
NAMED_SETTLEMENT = re.compile(r"(?:^|\s)[وفبل]?(?:مدينه|بلده|قريه)\s+(?=\w)")


def _settlement_antecedent(
    text: str, sentence: Sentence, places: _ByStart[PlaceMention]
) -> list[PlaceMention]:
    """When a sentence speaks of "the town" without naming one, the town named last
    before it as "مدينة X"/"بلدة X"/"قرية X", if the gazetteer knows X."""
    anaphor = SETTLEMENT_NOUNS.search(text, sentence.start, sentence.end)
    if anaphor is None:
        return []
    named = max(
        NAMED_SETTLEMENT.finditer(text, 0, sentence.start), key=lambda m: m.end(), default=None
    )
    if named is None:
        return []
    index = bisect_left(places.starts, named.end())
    if index < len(places) and places.starts[index] == named.end():
        return [places[index]]
    return []  # the town named last is unknown to the gazetteer


LISTED_RULE = "listed with "
_SETTLEMENT = r"(?:ال)?(?:مدينه|مدينتي|بلده|بلدتي|بلدات|قريه|قريتي|قري)"
# What may stand between two places of one list: "،", "و", "بلدة", "قرى" ..., and
# one name the gazetteer does not know ("بنش وبلدات طعوم وسرمين").
LIST_GAP = re.compile(rf"\s*(?:[،,]\s*)?(?:و\s*)?(?:{_SETTLEMENT}\s+)?(?:\w+\s+و\s*)?")
# "الطريق بين منبج وعين عيسى", "قادمين من نبل والزهراء": not places of the event.
ROAD_ENDS = re.compile(rf"\b(?:بين|(?<!قرب\s)من)\s+(?:{_SETTLEMENT}\s+)?$")


def _listed_places(text: str, draft: Draft, places: Sequence[PlaceMention]) -> list[Draft]:
    """Copies of ``draft`` for the other places listed with its own ("في بلدات
    كفرنبل وحاس وكفرومة"), each an event of its own."""
    location = draft.location
    if location is None or location.mention is None:
        return []
    if location.candidate.kind not in LIST_KINDS or not _placed_here(location):
        return []
    index = next((i for i, p in enumerate(places) if p is location.mention), None)
    if index is None:
        return []
    chain = [index]
    for step in (1, -1):
        at = index
        while 0 <= at + step < len(places):
            a, b = sorted((places[at], places[at + step]), key=lambda p: p.norm_start)
            if LIST_GAP.fullmatch(text, a.norm_end, b.norm_start) is None:
                break
            at += step
            chain.append(at)
    first = places[min(chain)]
    if ROAD_ENDS.search(text, max(0, first.norm_start - 24), first.norm_start):
        return []
    copies: list[Draft] = []
    country = location.candidate.country_code
    for at in sorted(chain):
        if at == index:
            continue
        mention = places[at]
        cand = next(
            (c for c in mention.candidates if c.country_code == country and c.kind in LIST_KINDS),
            None,
        )
        if cand is None or _same_town(cand, location.candidate):
            continue
        listed = Location(cand, mention, location.geo_precision, LISTED_RULE + location.rule)
        copies.append(
            replace(
                draft,
                location=listed,
                casualties=[],
                evidence=list(draft.evidence),
                decisions=list(draft.decisions),
                assoc1=list(draft.assoc1),
                assoc2=list(draft.assoc2),
            )
        )
    return copies


# Quarters of one city (باب توما والعباسيين) are one ACLED location, the city.
SAME_TOWN_KM = 6.0


def _same_town(a: PlaceCandidate, b: PlaceCandidate) -> bool:
    """A quarter or landmark close to the other place: part of the same town."""
    if "landmark" not in (a.kind, b.kind) or None in (
        a.latitude,
        a.longitude,
        b.latitude,
        b.longitude,
    ):
        return False
    return distance_km(a, b) < SAME_TOWN_KM


def _elsewhere(draft: Draft, places: Sequence[PlaceMention]) -> bool:
    """The sentence names places, none of them in the draft's governorate: "وفي
    العراق أصابت الغارات أهدافا قرب الموصل" after strikes near Hasakah is news of
    other strikes, not more of the same."""
    if draft.location is None:
        return False
    here = draft.location.candidate
    named = [
        c
        for p in places
        for c in p.candidates[:1]
        if c.kind in LIST_KINDS or c.kind == "governorate"
    ]
    if not named:
        return False
    return all((c.country_code, c.admin1) != (here.country_code, here.admin1) for c in named)


def _neighbour_places(
    sentence_places: Sequence[list[PlaceMention]], position: int
) -> list[list[PlaceMention]]:
    """Places of the next sentence, of the previous one and of the headline
    (``sentence_places``: each sentence's places)."""
    groups: list[list[PlaceMention]] = []
    for index in dict.fromkeys((position + 1, position - 1, 0)):
        if 0 <= index < len(sentence_places) and index != position:
            groups.append(sentence_places[index])
    return groups


def _merge(drafts: Sequence[Draft]) -> list[Draft]:
    """One event per type, actor pair, place and day; undated drafts join a dated twin."""
    merged: list[Draft] = []
    for draft in drafts:
        twin = next((m for m in merged if _same_event(m, draft)), None)
        if twin is None:
            merged.append(draft)
            continue
        _join_parties(twin, draft)
        twin.evidence.extend(draft.evidence)
        twin.decisions.extend(draft.decisions)
        twin.casualties.extend(draft.casualties)
        if _unnamed(twin) and not _unnamed(draft):
            # The body tells the headline's event with its actors and place.
            twin.actor1, twin.assoc1 = draft.actor1, draft.assoc1
            twin.location = draft.location or twin.location
            twin.sub_event_type = _first_listed(twin, draft.sub_event_type)
            twin.opening = False
        elif twin.location is None or (
            draft.location is not None and _more_specific(draft.location, twin.location)
        ):
            twin.location = draft.location
        if twin.actor2 is None and draft.actor2 is not None:
            # A later sentence names the target.
            twin.actor2, twin.assoc2 = draft.actor2, draft.assoc2
        if twin.sub_event_type == "Other" and draft.sub_event_type != "Other":
            twin.sub_event_type = draft.sub_event_type
        if draft.date_mention is not None and (
            twin.date_mention is None or twin.date_rule == STATEMENT_DATE
        ):
            twin.date_value, twin.time_precision = draft.date_value, draft.time_precision
            twin.date_mention, twin.date_rule = draft.date_mention, draft.date_rule
    return merged


def _first_listed(draft: Draft, other: str) -> str:
    """Of the draft's sub-event type and ``other``, the one ACLED lists first (the
    more specific: a suicide bomb over an explosive, excessive force over a protest)."""
    listed = SUB_EVENT_TYPES.get(draft.event_type, ())
    if draft.sub_event_type in listed and other in listed:
        return min(draft.sub_event_type, other, key=listed.index)
    return draft.sub_event_type


def _more_specific(place: Location, than: Location) -> bool:
    """A finer precision, or at the same precision a smaller place than a city
    (``مدينة حيس`` after ``الحديدة``: the town pins the event down)."""
    if place.geo_precision != than.geo_precision:
        return place.geo_precision < than.geo_precision
    if than.candidate.kind != "town":
        return False
    if place.candidate.kind == "village":
        return True
    return (
        place.candidate.kind == "town"
        and 0 < place.candidate.population < than.candidate.population
    )


def _unanchored(draft: Draft) -> bool:
    """Neither a date nor a place stated in the draft's own sentence."""
    located_here = draft.location is not None and _placed_here(draft.location)
    return draft.date_mention is None and not located_here


def _placed_here(location: Location) -> bool:
    """Placed by a name in the event's own sentence, not a neighbouring one's."""
    return not location.rule.startswith("neighbouring")


def _same_class(a: Draft, b: Draft) -> bool:
    return a.trigger.mention.entry.event_class == b.trigger.mention.entry.event_class


def _join_parties(twin: Draft, draft: Draft) -> None:
    """Keep the parties of whichever draft names more of them (the twin's on a tie)."""
    named = sum(m is not None for m in (draft.actor1, draft.actor2))
    if named <= sum(m is not None for m in (twin.actor1, twin.actor2)):
        return
    twin.actor1, twin.actor2 = draft.actor1, draft.actor2
    twin.assoc1, twin.assoc2 = list(draft.assoc1), list(draft.assoc2)
    twin.role_rule = draft.role_rule


def _crowd_violence(
    one_sided: bool,
    actor1: str | None,
    inter1: int | None,
    actor2: str | None,
    inter2: int | None,
) -> tuple[str, str, str | None, int | None, str | None, int | None]:
    """ACLED codes violence involving a crowd as a demonstration: force used on
    demonstrators is a protest met with excessive force, a crowd fighting is a riot.
    The crowd is actor1 either way."""
    crowd_acts = inter1 in (PROTESTER_INTER, RIOTER_INTER)
    if crowd_acts:
        crowd, crowd_inter, other, other_inter = actor1, inter1, actor2, inter2
    else:
        crowd, crowd_inter, other, other_inter = actor2, inter2, actor1, inter1
    if one_sided and not crowd_acts and crowd_inter == PROTESTER_INTER:
        return ("Protests", "Excessive force against protesters", crowd, crowd_inter, other,
                other_inter)  # fmt: skip
    return "Riots", "Violent demonstration", _as_rioters(crowd), RIOTER_INTER, other, other_inter


def _as_rioters(crowd: str | None) -> str | None:
    """ "Protesters (Syria)" once the crowd turns violent: "Rioters (Syria)"."""
    return crowd.replace("Protesters", "Rioters") if crowd else None


def _same_parties(a: Draft, b: Draft) -> bool:
    if _name(a.actor1) != _name(b.actor1):
        return False
    return not (_name(a.actor2) and _name(b.actor2) and _name(a.actor2) != _name(b.actor2))


def _compatible_parties(a: Draft, b: Draft) -> bool:
    """One draft's actors a part of the other's: a second sentence often names
    one side only, or reads the roles the other way round."""
    sides_a = {n for n in (_name(a.actor1), _name(a.actor2)) if n}
    sides_b = {n for n in (_name(b.actor1), _name(b.actor2)) if n}
    if not sides_a or not sides_b:
        return False
    return sides_a <= sides_b or sides_b <= sides_a


def _same_place(a: Draft, b: Draft) -> bool:
    """The same gazetteer place, or a governorate-level place and a place inside it."""
    if a.location is None or b.location is None:
        return False
    ca, cb = a.location.candidate, b.location.candidate
    if ca.id == cb.id:
        return True
    coarse = max(a.location.geo_precision, b.location.geo_precision) == 3
    return coarse and ca.country_code == cb.country_code and ca.admin1 == cb.admin1


def _same_day(a: Draft, b: Draft) -> bool:
    """The same day, or no day of one's own, or the day an event was reported
    and an event day up to a week before it."""
    if a.date_mention is None or b.date_mention is None or a.date_value == b.date_value:
        return True
    told, other = (a, b) if a.date_rule == STATEMENT_DATE else (b, a)
    if told.date_rule != STATEMENT_DATE or other.date_rule == STATEMENT_DATE:
        return False
    if told.date_value is None or other.date_value is None:
        return False
    return timedelta(0) <= told.date_value - other.date_value <= timedelta(days=7)


def _name(m: ActorMention | None) -> str | None:
    return m.actor.name if m is not None else None


def _unnamed(draft: Draft) -> bool:
    """A headline's event with no attacker ("a mine killed three"), told again below."""
    return draft.opening and draft.actor1 is None


def _same_event(a: Draft, b: Draft) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.trigger is b.trigger:
        return False  # one sentence's list of places: an event per place
    # A draft that names no actor (a headline's "a mine killed three") may be
    # told again with its actors; otherwise the actors must agree, or overlap at
    # one place and day.
    if not (_unnamed(a) or _unnamed(b)) and not _same_parties(a, b):
        return _compatible_parties(a, b) and _same_place(a, b) and _same_day(a, b)
    if not _same_day(a, b):
        return False
    if a.location is None or b.location is None:
        # Without a place, only the same actor pair makes it the same event.
        return _name(a.actor2) is not None and _name(a.actor2) == _name(b.actor2)
    ca, cb = a.location.candidate, b.location.candidate
    if _listed(a) or _listed(b):
        return ca.id == cb.id  # a place named in a list is never another's vaguer name
    # Two towns of one governorate are one place only while one of the two is
    # undated, and not when each sentence names its own town.
    both_dated = a.date_mention is not None and b.date_mention is not None
    return ca.id == cb.id or (
        ca.admin1 == cb.admin1 and not both_dated and not (_own_town(a) and _own_town(b))
    )


def _own_town(draft: Draft) -> bool:
    """Placed at or near a named town of its own sentence (not by context), other
    than in the headline, which names the body's events in brief."""
    location = draft.location
    return (
        location is not None
        and not draft.opening
        and location.candidate.kind in ("town", "village")
        and _placed_here(location)
    )


def _listed(draft: Draft) -> bool:
    return draft.location is not None and draft.location.rule.startswith(LISTED_RULE)


def _confidence(draft: Draft, has_actor: bool, has_place: bool) -> float:
    score = 0.35 + 0.3 * draft.trigger.mention.entry.strength
    score += 0.1 if has_actor else -0.05
    score += 0.1 if has_place else -0.1
    score += 0.1 if draft.date_mention is not None else -0.05
    if draft.trigger.mention.pos == "imperfect":
        score -= 0.1
    return round(min(1.0, max(0.0, score)), 2)


def _event_id(
    doc_id: str,
    event_type: str,
    when: date | None,
    place: str | None,
    actor1: str | None,
    actor2: str | None,
) -> str:
    parts = [doc_id, event_type, when.isoformat() if when else "", place or ""]
    key = "|".join([*parts, actor1 or "", actor2 or ""])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
