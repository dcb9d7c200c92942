"""Word lists of event assembly, read from ``marsad/data/extraction/words.yaml``.

The lists (report sources, verbs of saying, airborne and artillery attackers, words
pointing back to an event already told, claim cues, agent and target markers) are
knowledge an analyst extends, so they live in the data file; this module only folds
them into the text's matching form once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.normalize import match_key
from marsad.recognize.dates import data_errors, load_data

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
            demonstratives = _keys(data["demonstratives"])
            return cls(
                version=str(data.get("version", "unversioned")),
                source_words=frozenset(_keys(data["source_words"])),
                source_links=frozenset(_keys(data["source_links"])),
                speech_verbs=frozenset(_keys(data["speech_verbs"])),
                release_verbs=frozenset(_keys(data["release_verbs"])),
                airborne=tuple(dict.fromkeys(_keys(data["airborne"]))),
                artillery=tuple(dict.fromkeys(_keys(data["artillery"]))),
                nationalities=_nationalities(data["nationalities"]),
                back_references=frozenset([*demonstratives, *_keys(data["back_references"])]),
                preceding_demonstratives=frozenset(
                    [*demonstratives, *_keys(data["preceding_demonstratives"])]
                ),
                result_verbs=frozenset(_keys(data["result_verbs"])),
                claim_cues=tuple(dict.fromkeys(_keys(data["claim_cues"]))),
                agent_markers=tuple(dict.fromkeys(_keys(data["agent_markers"]))),
                target_markers=tuple(dict.fromkeys(_keys(data["target_markers"]))),
            )


def _nationalities(table: Any) -> dict[str, str]:
    if not isinstance(table, Mapping):
        raise TypeError(f"expected a mapping of adjectives to actor names, not {table!r}")
    return {match_key(str(word)).strip(): str(actor) for word, actor in table.items()}


def _keys(words: Iterable[Any]) -> list[str]:
    # A list that is a bare string would be read letter by letter: refuse it.
    if isinstance(words, str):
        raise TypeError(f"expected a list of words, not the string {words!r}")
    keys = [match_key(str(word)).strip() for word in words]
    # An empty piece would be "inside" every word (airborne is a substring test).
    return [key for key in keys if key]


@lru_cache(maxsize=1)
def default_assembly_words() -> AssemblyWords:
    """The packaged lists (read once)."""
    return AssemblyWords.from_data(load_data(WORDS_FILE))
