"""What the recognisers find: typed mentions with raw and normalised offsets.

Every mention carries ``start``/``end`` into the document's raw text (with
``raw[start:end] == text``) and ``norm_start``/``norm_end`` into the
normalised text the matchers ran on, which extraction uses for word distances
and sentence membership.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from marsad.normalize import NormalizedText


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text a recogniser found."""

    start: int
    end: int
    text: str
    norm_start: int
    norm_end: int


# The offset fields every mention opens with, in field order: recognisers pass
# them positionally (``Mention(*offsets, ...)``), which builds a mention faster
# than keywords unpacked from a dict.
Offsets = tuple[int, int, str, int, int]


def mention_offsets(nt: NormalizedText, norm_start: int, norm_end: int) -> Offsets:
    """``start, end, text, norm_start, norm_end`` of a mention found at
    ``nt.text[norm_start:norm_end]``."""
    start, end = nt.raw_span(norm_start, norm_end)
    return start, end, nt.raw[start:end], norm_start, norm_end


def mention_fields(nt: NormalizedText, norm_start: int, norm_end: int) -> dict[str, object]:
    """The five offset fields of a mention found at ``nt.text[norm_start:norm_end]``."""
    start, end, text, norm_start, norm_end = mention_offsets(nt, norm_start, norm_end)
    return {
        "start": start,
        "end": end,
        "text": text,
        "norm_start": norm_start,
        "norm_end": norm_end,
    }


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """One actor of the dictionary (ACLED naming)."""

    name: str
    actor_type: str
    inter: int
    country: str | None = None  # ISO 3166 alpha-2, None for international actors
    parent: str | None = None
    generic: bool = False  # e.g. "the police": resolved to the event's country


@dataclass(frozen=True, slots=True)
class ActorMention(Mention):
    actor: ActorEntry


@dataclass(frozen=True, slots=True)
class PlaceCandidate:
    """One gazetteer entry a place name can refer to."""

    id: str
    name_ar: str
    name_en: str
    kind: str  # country, governorate, district, subdistrict, town, village, landmark, road, region
    latitude: float | None
    longitude: float | None
    country_code: str  # ISO 3166 alpha-2
    country: str
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    population: int = 0
    source: str = ""


@dataclass(frozen=True, slots=True)
class PlaceMention(Mention):
    key: str
    candidates: tuple[PlaceCandidate, ...]


@dataclass(frozen=True, slots=True)
class DateMention(Mention):
    value: date | None  # None when the expression has no anchor to resolve against
    precision: int | None  # ACLED time precision: 1 day, 2 week, 3 month
    reason: str  # how it was resolved, or why it could not be


@dataclass(frozen=True, slots=True)
class NumberMention(Mention):
    value: int
    approximate: str | None = None  # "about", "more than", "at least", ...


@dataclass(frozen=True, slots=True)
class CasualtyMention(Mention):
    kind: str  # killed, wounded, captured
    count: int  # coded count (vague words by the taxonomy's rules)
    rule: str  # which rule produced ``count``
