"""Word lists of event assembly, read from ``marsad/data/extraction/words.yaml``.

The lists (report sources, verbs of saying, airborne and artillery attackers, words
pointing back to an event already told, claim cues, agent and target markers) are
knowledge an analyst extends, so they live in the data file; this module only folds
them into the text's matching form once.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.normalize import match_key
from marsad.recognize.dates import data_errors, folded_words, load_data

WORDS_FILE = "extraction/words.yaml"


@dataclass(frozen=True, slots=True)
class AssemblyWords:
    """The word lists, in matching-key form."""

    version: str
    source_words: frozenset[str]
    source_links: frozenset[str]
    speech_verbs: frozenset[str]
    release_verbs: frozenset[str]
    airborne: tuple[str, ...]
    artillery: tuple[str, ...]
    nationalities: Mapping[str, str]
    # Words after an event noun that point back to an event already told
    # (the demonstratives and ``back_references``), and before one (the
    # demonstratives and ``preceding_demonstratives``).
    back_references: frozenset[str]
    preceding_demonstratives: frozenset[str]
    result_verbs: frozenset[str]
    claim_cues: tuple[str, ...]
    agent_markers: tuple[str, ...]
    target_markers: tuple[str, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AssemblyWords:
        """Build from a mapping shaped like the data file (tests pass their own)."""
        with data_errors(f"marsad/data/{WORDS_FILE}"):
            demonstratives = folded_words(data["demonstratives"])
            return cls(
                version=str(data.get("version", "unversioned")),
                source_words=frozenset(folded_words(data["source_words"])),
                source_links=frozenset(folded_words(data["source_links"])),
                speech_verbs=frozenset(folded_words(data["speech_verbs"])),
                release_verbs=frozenset(folded_words(data["release_verbs"])),
                airborne=tuple(dict.fromkeys(folded_words(data["airborne"]))),
                artillery=tuple(dict.fromkeys(folded_words(data["artillery"]))),
                nationalities=_nationalities(data["nationalities"]),
                back_references=frozenset(
                    [*demonstratives, *folded_words(data["back_references"])]
                ),
                preceding_demonstratives=frozenset(
                    [*demonstratives, *folded_words(data["preceding_demonstratives"])]
                ),
                result_verbs=frozenset(folded_words(data["result_verbs"])),
                claim_cues=tuple(dict.fromkeys(folded_words(data["claim_cues"]))),
                agent_markers=tuple(dict.fromkeys(folded_words(data["agent_markers"]))),
                target_markers=tuple(dict.fromkeys(folded_words(data["target_markers"]))),
            )


CONJUNCTIONS = ("و", "ف")


def listed(word: str, words: AbstractSet[str]) -> bool:
    """``word`` is one of ``words``, alone or with و/ف in front (the lists are
    matched whole: "قال" and "وقال", "مصادر" and "فمصادر")."""
    return word in words or (word[:1] in CONJUNCTIONS and word[1:] in words)


def _nationalities(table: Any) -> dict[str, str]:
    if not isinstance(table, Mapping):
        raise TypeError(f"expected a mapping of adjectives to actor names, not {table!r}")
    return {match_key(str(word)).strip(): str(actor) for word, actor in table.items()}


@lru_cache(maxsize=1)
def default_assembly_words() -> AssemblyWords:
    """The packaged lists (read once)."""
    return AssemblyWords.from_data(load_data(WORDS_FILE))
