"""Fatalities by ACLED's rules: lowest credible figure, with the rule used."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.recognize.types import CasualtyMention


@dataclass(frozen=True, slots=True)
class Fatalities:
    count: int
    rule: str
    mention: CasualtyMention | None = None


def choose_fatalities(
    mentions: Sequence[CasualtyMention],
    claims: Sequence[bool],
    sides: Sequence[str | None] | None = None,
) -> Fatalities:
    """The lowest credible killed figure; a party's claim only when nothing else exists.

    ``claims[i]`` says whether ``mentions[i]`` is a party's claim about its enemy
    (the assembler tells from ``claim_cues`` in ``extraction/words.yaml``).
    ``sides[i]`` names the side whose dead ``mentions[i]`` counts, where the text
    says: when every toll names its side and there are several, the event's
    fatalities are the sum of each side's figure ("25 of the rebels ... nine of
    the regime's forces" is 34), as ACLED counts the dead of all sides.
    """
    if sides is not None:
        by_side = _by_side(mentions, claims, sides)
        if len(by_side) > 1:
            figures = [choose_fatalities(m, c) for m, c in by_side.values()]
            total = sum(f.count for f in figures)
            rules = "; ".join(f"{side}: {f.rule}" for side, f in zip(by_side, figures, strict=True))
            return Fatalities(total, f"sum over sides ({rules})", figures[0].mention)
    killed = [(m, c) for m, c in zip(mentions, claims, strict=True) if m.kind == "killed"]
    if not killed:
        if any(m.kind == "wounded" for m in mentions):
            return Fatalities(0, "wounded only")
        return Fatalities(0, "no mention")
    credible = [m for m, claim in killed if not claim]
    if credible:
        # A stated number outranks a coded vague one ("dozens" -> 12), which only
        # stands in when no report gives a number.
        counted = [m for m in credible if not _coded_from_vague_words(m)]
        best = min(counted or credible, key=lambda m: m.count)
        return Fatalities(best.count, f"lowest credible figure ({best.rule})", best)
    best = min((m for m, _ in killed), key=lambda m: m.count)
    return Fatalities(best.count, f"party claim, nothing better ({best.rule})", best)


def _by_side(
    mentions: Sequence[CasualtyMention], claims: Sequence[bool], sides: Sequence[str | None]
) -> dict[str, tuple[list[CasualtyMention], list[bool]]]:
    """The killed tolls grouped by side; empty when any of them names no side (a
    toll of unknown people may be the same dead counted again)."""
    grouped: dict[str, tuple[list[CasualtyMention], list[bool]]] = {}
    for mention, claim, side in zip(mentions, claims, sides, strict=True):
        if mention.kind != "killed":
            continue
        if side is None:
            return {}
        tolls, flags = grouped.setdefault(side, ([], []))
        tolls.append(mention)
        flags.append(claim)
    return grouped


def _coded_from_vague_words(mention: CasualtyMention) -> bool:
    """A count the taxonomy's table gave a vague phrase ("عشرات" -> 12, "قتلى" -> 3)."""
    return "->" in mention.rule


def split_per_day(total: int, days: int) -> list[int]:
    """A total over several days split evenly; the remainder goes to the first day."""
    if days <= 1:
        return [total]
    share, remainder = divmod(total, days)
    return [share + remainder] + [share] * (days - 1)
