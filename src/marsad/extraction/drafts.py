"""The event under construction (``Draft``) and what assembly shares about it.

The recognisers' mentions of one document (``Mentions``), kept in text order for
the per-sentence look-ups (``_ByStart``, ``_in``), the actor dictionary's
interface (``ActorResolver``), ACLED's interaction codes and the date rules a
draft records. They sit apart so that every assembly module can use them
without importing the assembler.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar

from marsad.events import Evidence
from marsad.extraction.classifier import ScoredTrigger
from marsad.geocode import Location
from marsad.recognize.types import (
    ActorEntry,
    ActorMention,
    CasualtyMention,
    DateMention,
    Mention,
    PlaceMention,
)
from marsad.tokenize import Sentence

CIVILIAN_INTER = 7
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})
STATE_INTER = 1
PROTESTER_INTER, RIOTER_INTER = 6, 5
ARMED_INTERS = frozenset({1, 2, 3, 4, 8})
# ACLED's name (before its country) for perpetrators a report does not name.
UNIDENTIFIED = "Unidentified Armed Group"
# The date rule of an event dated only by the statement that reports it.
STATEMENT_DATE = "date of the statement reporting it"
UNDATED_RULE = "the day before publication (no date stated)"
INHERITED_DATE = "inherited from the previous event of the report"

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
    # The country the sentence names when no place in it resolves ("في شمال
    # العراق"): the event's country rather than its parties'.
    named_country: str | None = None


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


def _placed_here(location: Location) -> bool:
    """Placed by a name in the event's own sentence, not a neighbouring one's."""
    return not location.rule.startswith("neighbouring")


def _name(m: ActorMention | None) -> str | None:
    return m.actor.name if m is not None else None
