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


def choose_fatalities(mentions: Sequence[CasualtyMention], claims: Sequence[bool]) -> Fatalities:
    """The lowest credible killed figure; a party's claim only when nothing else exists.

    ``claims[i]`` says whether ``mentions[i]`` is a party's claim about its enemy
    (the assembler tells from ``claim_cues`` in ``extraction/words.yaml``).
    """
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


def _coded_from_vague_words(mention: CasualtyMention) -> bool:
    """A count the taxonomy's table gave a vague phrase ("عشرات" -> 12, "قتلى" -> 3)."""
    return "->" in mention.rule


def split_per_day(total: int, days: int) -> list[int]:
    """A total over several days split evenly; the remainder goes to the first day."""
    if days <= 1:
        return [total]
    share, remainder = divmod(total, days)
    return [share + remainder] + [share] * (days - 1)
