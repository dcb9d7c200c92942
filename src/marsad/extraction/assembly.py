"""From scored triggers and recogniser mentions to ACLED-coded events.

One draft per sentence with an accepted trigger (the most specific trigger,
then ACLED's type priority), or one per place where the sentence lists several
("قصف على كفرنبل وسراقب"); a sentence that only refers back to the previous
event (``وأسفر الهجوم عن ...``، ``هذه المواقع``) adds its evidence and toll
to it instead. Drafts then merge by ACLED's rule: one event per type, actor
pair, place and day.

This module walks the sentences and codes each draft's actors, date and place;
the decisions it leans on live beside it: which words make the event
(``event_words``), who was harmed (``parties``), the weapon's sub-event type
(``sub_events``), places listed or referred to (``event_places``), which drafts
are one event (``merging``) and ACLED's coding conventions (``coding``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from marsad.events import Event, Evidence
from marsad.extraction.classifier import ScoredTrigger, SentenceTriggers
from marsad.extraction.coding import (
    _as_rioters,
    _confidence,
    _crowd_violence,
    _event_id,
    _passing_mention,
)
from marsad.extraction.drafts import (
    ARMED_INTERS,
    CIVILIAN_INTER,
    INHERITED_DATE,
    PROTESTER_INTER,
    RIOTER_INTER,
    STATE_INTER,
    STATEMENT_DATE,
    UNDATED_RULE,
    UNIDENTIFIED,
    VIOLENT_TYPES,
    ActorResolver,
    Draft,
    Mentions,
    _ByStart,
    _in,
    _placed_here,
    _SortedMentions,
)
from marsad.extraction.event_places import (
    _elsewhere,
    _listed_places,
    _neighbour_places,
    _settlement_antecedent,
)
from marsad.extraction.event_words import (
    _dates_a_statement,
    _event_words,
    _heads,
    _points_back,
    _refers_back,
    _word_before,
    primary_trigger,
)
from marsad.extraction.fatalities import choose_fatalities
from marsad.extraction.merging import (
    _fold_into_battles,
    _merge,
    _same_class,
    _unanchored,
    fill_adversaries,
)
from marsad.extraction.notes import build_notes
from marsad.extraction.parties import _harmed, _intervening_force, _victim_party
from marsad.extraction.roles import Party, assign_roles
from marsad.extraction.sub_events import (
    AIR_STRIKE,
    _air_strike_owner,
    _by_weapon,
    _like_previous,
    _upgrade_base,
)
from marsad.extraction.words import AssemblyWords, default_assembly_words
from marsad.geocode import (
    across_border,
    countries_named,
    country_after,
    locate,
    main_country,
    report_votes,
)
from marsad.recognize.triggers import TriggerMention
from marsad.recognize.types import (
    ActorMention,
    CasualtyMention,
    DateMention,
    Mention,
    PlaceCandidate,
    PlaceMention,
)
from marsad.tokenize import Sentence

# Events more than a month before publication are background, not news (the
# time frame of the gold format: older events are optional at most).
TIME_FRAME_DAYS = 31
SPEAKERS_DAY = "today of a statement dated in the sentence"
RUNNING_TOTAL_REACH = 40  # characters after a toll where a running-total cue counts
# The date matcher's reason for "اليوم" (``relative`` in dates/relative.yaml).
TODAY = "relative:today"
# Rejections after which "the attack" in the next sentence means the rejected one.
REPORTED_NOT_CODED = frozenset({"negation", "denial", "future", "hypothetical"})
# Anaphor classes (actor dictionary) that name one organisation ("the
# organisation", "the movement"); "members" or "the militias" describe people
# and stay unresolved.
REFERRING_ANAPHORS = frozenset(
    {"organization", "movement", "party", "commission", "group", "faction"}
)


def _names_an_event_word(party: ActorMention, words: Sequence[TriggerMention]) -> bool:
    """The actor's name is also an event word: a weapon ("البراميل المتفجرة")."""
    return any(w.norm_start < party.norm_end and party.norm_start < w.norm_end for w in words)


ABDUCTION = "Abduction/forced disappearance"


def _takes_combatants(text: str, trigger: TriggerMention, words: AssemblyWords) -> bool:
    """The first words after an abduction word name fighters (``combatant_words``):
    "خطف ... ثمانية عناصر من الفرقة", "خطفوا قائد الفرقة"."""
    following = text[trigger.norm_end : trigger.norm_end + 60].split()[:5]
    return any(word in words.combatant_words for word in following)


def _borrowed_place(previous: Draft, places: Sequence[PlaceMention]) -> bool:
    """The previous event took its place from a neighbouring sentence and this
    sentence names places of its own: "نفذ التحالف 18 غارة في العراق ... وقال
    البيان إن الغارات ... أربع قرب الموصل ومثلها قرب الرمادي" tells the strikes
    town by town, so it is read afresh (drafts of one place merge later)."""
    location = previous.location
    return location is not None and not _placed_here(location) and bool(places)


def _named_country(places: Sequence[PlaceMention]) -> str | None:
    """The one country the places name as a country, if only one."""
    codes = countries_named(places)
    return codes.pop() if len(codes) == 1 else None


def _as_battle(draft: Draft, pointing: ScoredTrigger) -> None:
    """Clashes pointed back to ("the clashes themselves killed ..."): the event they
    continue was a battle, though it was told by its car bombs or shelling
    (ACLED's type order puts the battle first)."""
    entry = pointing.mention.entry
    if (
        entry.event_type == "Battles"
        and not entry.generic
        and draft.event_type == "Explosions/Remote violence"
    ):
        draft.event_type, draft.sub_event_type = entry.event_type, entry.sub_event_type


def _dating(text: str, drafts: Sequence[Draft]) -> Draft | None:
    """The event whose date an undated sentence takes: the last one, passing over
    one dated by when something began ("بدأت هجوما منذ أسبوع"): what is told
    after it ("واستمرت الاشتباكات") goes on now, not on that first day."""
    for draft in reversed(drafts):
        mention = draft.date_mention
        if mention is None or not text.startswith("منذ", mention.norm_start):
            return draft
    return None


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
        border_faces: Mapping[str, PlaceCandidate] | None = None,
    ) -> None:
        self.actors = actors
        # Border towns of countries not coded -> the governorate they face.
        self.border_faces: Mapping[str, PlaceCandidate] = border_faces or {}
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
            accepted = [t for t in group.triggers if self._anchored(t, sentence, in_order, text)]
            local_cas = _in(in_order.casualties, sentence.start, sentence.end)
            local_places = sentence_places[position]
            if not accepted:
                if (
                    previous is not None
                    and local_cas
                    and _refers_back(sentence, self.words)
                    and not any(_talks_of_others(t) for t in group.triggers)
                ):
                    self._add_casualties(previous, local_cas, text, sentence)
                if any(t.decision.reason in REPORTED_NOT_CODED for t in group.triggers):
                    previous = None
                continue
            parties = _in(resolved_actors, sentence.start, sentence.end)
            trigger = primary_trigger(_event_words(text, accepted, parties, self.words))
            pointing = _points_back(text, accepted, self.words)
            if pointing is not None:
                if previous is not None:
                    self._extend(previous, group, pointing, local_cas, text, sentence)
                    _as_battle(previous, pointing)
                continue
            continued = (
                previous
                if previous is not None
                and self._continues(accepted, parties, previous)
                and not _elsewhere(previous, local_places)
                and not _borrowed_place(previous, local_places)
                else None
            )
            if continued is not None and not _another_day(
                self._event_dates(text, sentence, in_order), continued
            ):
                self._extend(continued, group, trigger, local_cas, text, sentence)
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
            if continued is not None and draft.actor1 is None and draft.actor2 is None:
                # The same fighting on another day: the same sides.
                draft.actor1, draft.assoc1 = continued.actor1, list(continued.assoc1)
                draft.actor2, draft.assoc2 = continued.actor2, list(continued.assoc2)
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
            _air_strike_owner(draft, drafts)
            if position + 1 < len(detected):
                _upgrade_base(draft, detected[position + 1])
            self._add_casualties(draft, local_cas, text, sentence)
            drafts.append(draft)
            # "غارات قرب الحسكة والشدادي والهول": one event per place (ACLED's rule);
            # the toll stays with the first, which the text cannot split.
            drafts.extend(_listed_places(text, draft, local_places, self.words))
            previous = draft
        merged = _fold_into_battles(_merge(drafts))
        fill_adversaries(merged)
        events = [self._event(doc_id, source, d, text, resolved_actors) for d in merged]
        # An unplaced event in a report that places its others, or a battle
        # with no party on either side, is a passing mention (a toll, a
        # background clash), not an incident ACLED can code.
        placed = any(e.location is not None for e in events)
        return [
            e
            for d, e in zip(merged, events, strict=True)
            if not _passing_mention(e, placed, d.named_country)
        ]

    def _anchored(
        self, trigger: ScoredTrigger, sentence: Sentence, mentions: _SortedMentions, text: str
    ) -> bool:
        """Accepted, or clean of modality cues with a named actor or a counted death
        toll in its sentence (a report names who acted or who died; an analysis of
        "control" or "attacks" in general does not), and not the time of the
        sentence's own event ("وعقب التفجير")."""
        if trigger.accepted:
            return True
        if not trigger.unanchored or trigger.mention.entry.participant:
            return False
        entry = trigger.mention.entry
        if trigger.decision.reason == "unanchored noun" and entry.territory:
            # "التنافس على السيطرة": control as a state or an aim, not a change of hands.
            return False
        mention = trigger.mention
        if mention.definite and (
            _word_before(text, mention.norm_start - len(mention.prefix), 12)
            in self.words.time_references
        ):
            return False
        if _in(mentions.actors, sentence.start, sentence.end):
            return True
        # "بينما قتل 17 منهم بغارة ...": a stated death toll is a happening too.
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
            after = text[
                mention.norm_end : min(sentence.end, mention.norm_end + RUNNING_TOTAL_REACH)
            ]
            if any(cue in after for cue in self.words.running_total_cues):
                continue  # the dead of a whole campaign, not of this event
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
        words = [t.mention for t in group.triggers]
        located = [
            Party(p.norm_start, p.norm_end, i, _names_an_event_word(p, words))
            for i, p in enumerate(parties)
        ]
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
            harmed = _harmed(text, actor1, victims, self.words)
            if harmed and actor2 is not None and not _harmed(text, actor2, victims, self.words):
                actor1, actor2 = actor2, actor1  # the other side is who acted
            elif harmed or actor1.actor.inter == CIVILIAN_INTER:
                actor1, actor2 = None, actor2 or actor1
        if actor2 is None and not crowd:
            # "مقتل 10 من الحشد الشعبي بهجوم لداعش": those killed were the target;
            # failing them, civilians named in the sentence of an attack.
            actor2 = _victim_party(
                text, parties, victims, actor1, mention.entry.event_type, self.words
            )
        if crowd:
            # Who protested is coded as Protesters/Rioters; named groups join them,
            # but a force that broke the protest up is the other side.
            named = [p for p in (actor1, actor2, *assoc1) if p is not None]
            actor1 = None
            actor2 = _intervening_force(text, sentence, parties, self.words)
            assoc1 = [p for p in named if p is not actor2]
        # Date: the closest resolved date in the sentence, else the previous event's.
        local_dates = _sentence_dates(text, sentence, mentions)
        of_events = self._event_dates(text, sentence, mentions, local_dates)
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
            spoken = [d for d in local_dates if d not in of_events and d.end <= date_mention.start]
            if of_events and spoken and date_mention.reason == TODAY:
                # "وقال مساء الخميس إن الاشتباكات مستمرة منذ صباح اليوم": the
                # speaker's today is the day they spoke.
                date_value, date_rule = spoken[-1].value, SPEAKERS_DAY
            if not of_events:
                # "قال المرصد اليوم الأحد إن ...": the day it was told, the event
                # itself on that day or shortly before.
                precision = max(precision, 2)
                date_rule = STATEMENT_DATE
                last = drafts[-1] if drafts else None
                if (
                    last is not None
                    and (last.date_mention is not None or last.date_rule == INHERITED_DATE)
                    and last.date_value is not None
                    and date_value is not None
                    and timedelta(0) <= date_value - last.date_value <= timedelta(days=7)
                ):
                    # The report's last event gave the day this statement is about.
                    date_value, date_rule = last.date_value, INHERITED_DATE
                    precision = max(last.time_precision or 1, 2)
                elif date_value is not None and _at_night(
                    text, date_mention.norm_end, sentence.end, self.words
                ):
                    # "قال المرصد اليوم الأحد إن التنظيم شن هجوما ليلا": the night
                    # before the day it was told.
                    date_value -= timedelta(days=1)
        elif (last := _dating(text, drafts)) is not None and last.date_value is not None:
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
            local_places = _settlement_antecedent(text, sentence, mentions.places, self.words)
        context = _neighbour_places(sentence_places, position)
        next_event = min(
            (
                t.mention.norm_start
                for t in group.triggers
                if (t.accepted or t.unanchored)
                and t.mention.norm_start >= mention.norm_end
                and t.mention.entry.event_type != mention.entry.event_type
            ),
            default=None,
        )
        try:
            homes = {p.actor.country for p in parties if p.actor.country}
            location = locate(
                text,
                mention.norm_end,
                local_places,
                context,
                votes,
                homes,
                report_country,
                next_event,
            )
        except (ValueError, KeyError, IndexError, TypeError, ArithmeticError):
            location = None  # a place that cannot be resolved leaves the event unplaced
        location = across_border(text, location, local_places, self.border_faces)
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
        if location is None:
            draft.named_country = _named_country(local_places) or next(
                (c for c in (country_after(text, p) for p in local_places) if c), None
            )
        draft.evidence.append(_evidence("trigger", mention))
        draft.decisions.extend(_decisions(group))
        _upgrade_base(draft, group)
        return draft

    # ------------------------------------------------------------------ events

    def _event_dates(
        self,
        text: str,
        sentence: Sentence,
        mentions: _SortedMentions,
        local_dates: Sequence[DateMention] | None = None,
    ) -> list[DateMention]:
        """The sentence's dates that can date an event: not a quoted "today", not
        the day a statement was made (``local_dates``: ``_sentence_dates``, when
        the caller has them)."""
        if local_dates is None:
            local_dates = _sentence_dates(text, sentence, mentions)
        return [d for d in local_dates if not _dates_a_statement(text, d, self.words)]

    def _country(self, draft: Draft) -> str | None:
        if draft.location is not None:
            return draft.location.candidate.country_code
        if draft.named_country is not None:
            return draft.named_country
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
            if _harmed(text, party, [casualty], self.words):
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
        fighters_seized = sub == ABDUCTION and _takes_combatants(
            text, draft.trigger.mention, self.words
        )
        if fighters_seized:
            # Fighters seized by another armed group ("خطفت جبهة النصرة ثمانية
            # عناصر من الفرقة"): a detention, not violence against civilians,
            # and its target is never civilians.
            event_type, sub = "Strategic developments", "Arrests"
        if event_type == "Violence against civilians" and inter2 != CIVILIAN_INTER:
            actor2 = None  # an armed actor named near an attack on civilians is not its target
        if actor2 is None and (
            event_type == "Violence against civilians" or (sub == "Arrests" and not fighters_seized)
        ):
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
            actor1, inter1 = _crowd(UNIDENTIFIED, country_code, self), 3
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
        if event_type == "Protests" and sub == "Peaceful protest" and inter2 in ARMED_INTERS:
            # A force named as breaking the protest up (``_intervening_force``):
            # dispersed, or met with lethal force when people were killed.
            sub = (
                "Excessive force against protesters"
                if toll.count > 0
                else "Protest with intervention"
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


def _crowd(kind: str, country_code: str | None, assembler: Assembler) -> str:
    if country_code is None:
        return kind
    return f"{kind} ({assembler._country_name(country_code) or country_code})"


def _quoted_today(text: str, sentence: Sentence, date_mention: DateMention) -> bool:
    """A relative "today" inside «quoted speech»: the speaker's today, which the
    report's date does not tell ("قال الضابط: «تقدمت قواتنا اليوم»" in Saturday's
    paper, said on Thursday)."""
    if date_mention.reason != TODAY:
        return False
    before = text[sentence.start : date_mention.norm_start]
    # The normaliser writes « and » as plain double quotes, which also set off
    # names (لـ"قسد"); speech opens after a colon.
    opening = before.rfind('"')
    return (
        opening >= 0
        and before.count('"') % 2 == 1
        and before[:opening].rstrip().endswith((":", "："))
    )


def _sentence_dates(text: str, sentence: Sentence, mentions: _SortedMentions) -> list[DateMention]:
    """The resolved dates of ``sentence``, less a "today" in quoted speech."""
    return [
        d
        for d in _in(mentions.dates, sentence.start, sentence.end)
        if d.value and not _quoted_today(text, sentence, d)
    ]


def _another_day(event_dates: Sequence[DateMention], previous: Draft) -> bool:
    """The sentence gives a day of its own other than the previous event's
    ("وتجددت الاشتباكات اليوم الجمعة" after Thursday's clashes): ACLED codes each
    day of fighting as an event. ``event_dates``: the sentence's dates that date
    events (``Assembler._event_dates``), so the day a statement was made or a
    quoted "today" splits nothing."""
    days = {d.value for d in event_dates if d.value is not None and d.precision == 1}
    return bool(days) and previous.date_value is not None and previous.date_value not in days


def _at_night(text: str, start: int, end: int, words: AssemblyWords) -> bool:
    """A word of ``night_words`` ("ليلا") stands between ``start`` and ``end`` as a
    word of its own."""
    span = text[start:end]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", span) for w in words.night_words)


def _talks_of_others(trigger: ScoredTrigger) -> bool:
    """Rejected by a modality cue (generic, habitual, since ...): the sentence's
    toll belongs to the events it talks about ("تفجيرات متكررة منذ عام 2018
    وخلفت مئات الضحايا"), not to the event told before it."""
    decision = trigger.decision
    return not decision.accepted and decision.cue is not None and decision.reason != "blocked"


def _decisions(group: SentenceTriggers) -> list[dict[str, Any]]:
    return [{"trigger": t.mention.text, **t.decision.to_dict()} for t in group.triggers]
