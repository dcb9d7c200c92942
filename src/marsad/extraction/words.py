"""Word lists of event assembly, read from ``marsad/data/extraction/words.yaml``.

The lists (report sources, verbs of saying, airborne and artillery attackers, words
pointing back to an event already told, claim cues, agent and target markers, the
nouns and verbs around parties, settlements and tolls, and the words the roles
read: places under an actor's control, affiliation, sources of fire, supporters,
time words) are knowledge an analyst
extends, so they live in the data file; this module only folds them into the
text's matching form once, and builds the regular expressions that hold some of
them (``AssemblyPatterns``: the patterns' structure is code, their words data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from marsad.normalize import match_key
from marsad.recognize.dates import data_errors, folded_words, load_data

WORDS_FILE = "extraction/words.yaml"


# The particles that open what a speaker said ("قال ... إن", "أفاد بأن").
SPEECH_THAT = ("ان", "بان")


def _either(words: Iterable[str]) -> str:
    """A regex alternative of ``words`` in their order, each escaped (an empty list
    matches nothing)."""
    escaped = [re.escape(word) for word in words]
    return "(?:" + "|".join(escaped) + ")" if escaped else "(?!)"


@dataclass(frozen=True, slots=True)
class AssemblyPatterns:
    """The regular expressions built from the word lists (once, with the lists)."""

    # "مسلحون من تنظيم داعش"، "عناصر مجهولة من صفوف الحزب": a generic name, then
    # the organisation they belong to (``member_of_nouns``).
    member_of: re.Pattern[str]
    # Words between a toll and the actor its dead belonged to: "مقتل 10 من الحشد"،
    # "قتل ضابط برتبة عقيد في قوات النظام" (``membership_prepositions``,
    # ``membership_ranks``).
    membership: re.Pattern[str]
    # "12 من عناصر التنظيم قتلوا"، "عشرات من عناصر داعش مصرعهم": a part of the
    # actor, then the toll (``partitive_nouns``).
    partitive: re.Pattern[str]
    # A protest met by force: "لتفريق المحتجين"، "اطلقوا النار"، "فض الاعتصام"
    # (``intervention_words``, ``intervention_word_ends``, ``firing_verbs``,
    # ``ammunition``).
    intervention: re.Pattern[str]
    # "المدينة" standing for a town named earlier, and "مدينة X" naming one
    # (``settlement_nouns``).
    settlement_anaphor: re.Pattern[str]
    named_settlement: re.Pattern[str]
    # What may stand between two places of one list: "،", "و", "بلدة", "قرى" ..., and
    # one name the gazetteer does not know ("بنش وبلدات طعوم وسرمين";
    # ``listed_settlement_nouns``).
    list_gap: re.Pattern[str]
    # "الطريق بين منبج وعين عيسى", "قادمين من نبل والزهراء": not places of the event.
    road_ends: re.Pattern[str]
    # "قصف شنته ميليشيا الحوثي"، "صاروخ اطلقه الحوثيون": a verb whose object pronoun
    # is the trigger's event; the actor right after it carried the event out
    # (``performed_by``).
    performed: re.Pattern[str]
    # "وداعش يتبنى": an actor that claims the event after it is named
    # (``claiming_verbs``).
    claims: re.Pattern[str]
    # A count right after a verb of killing or capture makes it passive: "قتل 5
    # مدنيين" (``count_words``).
    number_after: re.Pattern[str]
    # Roles. An actor that only says whose area a place is: "مناطق سيطرة النظام"،
    # "التي يسيطر عليها تنظيم داعش" (``locator_heads``, ``control_nouns``,
    # ``control_verbs``, ``control_objects``, ``subject_to_words``).
    locator: re.Pattern[str]
    # An affiliation after a weapon names its owner: "مسيرة انتحارية تابعة لقوات
    # النظام" (``affiliation_words``).
    affiliation: re.Pattern[str]
    # Where the fire came from: "قصف صاروخي من الميليشيات"، "قصف من مواقع قوات
    # النظام" (``source_places``).
    source: re.Pattern[str]
    # A supporter of one side of a clash: "مسنودة برجال القبائل"
    # (``supporter_stems``, ``supporter_phrases``).
    supporter: re.Pattern[str]
    # The end of the first side of a clash: "بين X و Z من جهة و Y" (``side_markers``).
    one_side: re.Pattern[str]

    @classmethod
    def build(
        cls,
        *,
        member_of_nouns: Iterable[str],
        membership_prepositions: Iterable[str],
        membership_ranks: Iterable[str],
        partitive_nouns: Iterable[str],
        intervention_words: Iterable[str],
        intervention_word_ends: Iterable[str],
        firing_verbs: Iterable[str],
        ammunition: Iterable[str],
        settlement_nouns: Iterable[str],
        listed_settlement_nouns: Iterable[str],
        performed_by: Iterable[str],
        claiming_verbs: Iterable[str],
        count_words: Iterable[str],
        locator_heads: Iterable[str],
        control_nouns: Iterable[str],
        control_verbs: Iterable[str],
        control_objects: Iterable[str],
        subject_to_words: Iterable[str],
        affiliation_words: Iterable[str],
        source_places: Iterable[str],
        supporter_stems: Iterable[str],
        supporter_phrases: Iterable[str],
        side_markers: Iterable[str],
        repeated_counts: Iterable[str],
        list_places: Iterable[str],
    ) -> AssemblyPatterns:
        settlement = rf"(?:ال)?{_either(listed_settlement_nouns)}"
        affiliated = rf"(?:ال)?{_either(affiliation_words)}"
        return cls(
            member_of=re.compile(rf"\s+من\s+(?:{_either(member_of_nouns)}\s+)?"),
            membership=re.compile(
                rf"\s*(?:[^\W\d_]+\s+){{0,3}}?{_either(membership_prepositions)}\s+"
                rf"(?:{_either(membership_ranks)}\s+)?"
            ),
            partitive=re.compile(rf"(?:^|\s)من\s+(?:{_either(partitive_nouns)}\s+)?$"),
            intervention=re.compile(
                rf"{_either(intervention_words)}|{_either(intervention_word_ends)} "
                rf"|{_either(firing_verbs)}\S* (?:\S+ ){{0,5}}?{_either(ammunition)}"
            ),
            settlement_anaphor=re.compile(
                rf"(?:^|\s)[وفبل]?(?:ال|لل){_either(settlement_nouns)}(?=\s|[^\w]|$)"
            ),
            named_settlement=re.compile(rf"(?:^|\s)[وفبل]?{_either(settlement_nouns)}\s+(?=\w)"),
            list_gap=re.compile(
                rf"\s*(?:[،,]\s*)?(?:و\s*)?(?:{settlement}\s+)?(?:\w+\s+و\s*)?"
                # "خمس غارات قرب بيجي وثلاث قرب تلعفر": a count of the same
                # strikes, then where.
                rf"(?:(?:(?:{_either(repeated_counts)}ا?|[0-9]+)\s+){{1,2}}"
                rf"{_either(list_places)}\s+)?"
            ),
            # "من" after "قرب" (near) or "كل" (each of) opens no road's ends.
            road_ends=re.compile(rf"\b(?:بين|(?<!قرب\s)(?<!كل\s)من)\s+(?:{settlement}\s+)?$"),
            performed=re.compile(
                rf"(?:^|\s){_either(performed_by)}\s+"
                r"(?!(?:علي|ضد|في|الي|نحو|باتجاه|استهدف\S*)$)[^\W\d_]+"  # "شنتها مقاتلات التحالف"
                rf"(?:\s+{affiliated}(?:\s+ل)?)?\s*$"
            ),
            claims=re.compile(rf"\s*{_either(claiming_verbs)}"),
            number_after=re.compile(rf"\s*(?:[0-9]+|{_either(count_words)})"),
            locator=re.compile(
                rf"(?:{_either(locator_heads)}\s+(?:ل)?{_either(control_nouns)}"
                rf"|{_either(control_verbs)}\s+{_either(control_objects)}"
                rf"|{_either(subject_to_words)})\s*$"
            ),
            affiliation=re.compile(rf"\s*(?:[^\W\d_]+\s+)?{affiliated}\s+(?:ل\s*)?[\"'“”«»ـ]*"),
            source=re.compile(
                rf"\s*(?:[^\W\d_]+(?:ي|يه)\s+)?من\s+(?:{_either(source_places)}\s+)?"
            ),
            supporter=re.compile(
                rf"{_either(supporter_stems)}\S{{0,2}}\s*ب?\s*$|{_either(supporter_phrases)}\s*$"
            ),
            one_side=re.compile(_either(side_markers)),
        )


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
    struck_areas: frozenset[str]
    combatant_words: frozenset[str]
    outcome_words: frozenset[str]
    nationalities: Mapping[str, str]
    national_forces: tuple[str, ...]
    # Words after an event noun that point back to an event already told
    # (the demonstratives and ``back_references``), and before one (the
    # demonstratives and ``preceding_demonstratives``).
    back_references: frozenset[str]
    preceding_demonstratives: frozenset[str]
    # "وعقب التفجير، اعتقلت ...": an event noun after these dates the sentence by
    # an event already told.
    time_references: frozenset[str]
    result_verbs: frozenset[str]
    claim_cues: tuple[str, ...]
    running_total_cues: tuple[str, ...]
    night_words: frozenset[str]
    agent_markers: tuple[str, ...]
    target_markers: tuple[str, ...]
    # The lists inside ``patterns`` (kept for reading and tests), and those
    # looked up whole: a unit noun before an actor makes it the subject.
    member_of_nouns: tuple[str, ...]
    membership_prepositions: tuple[str, ...]
    membership_ranks: tuple[str, ...]
    partitive_nouns: tuple[str, ...]
    intervention_words: tuple[str, ...]
    intervention_word_ends: tuple[str, ...]
    firing_verbs: tuple[str, ...]
    ammunition: tuple[str, ...]
    settlement_nouns: tuple[str, ...]
    listed_settlement_nouns: tuple[str, ...]
    performed_by: tuple[str, ...]
    claiming_verbs: tuple[str, ...]
    count_words: tuple[str, ...]
    unit_words: frozenset[str]
    locator_heads: tuple[str, ...]
    control_nouns: tuple[str, ...]
    control_verbs: tuple[str, ...]
    control_objects: tuple[str, ...]
    subject_to_words: tuple[str, ...]
    affiliation_words: tuple[str, ...]
    source_places: tuple[str, ...]
    supporter_stems: tuple[str, ...]
    supporter_phrases: tuple[str, ...]
    side_markers: tuple[str, ...]
    repeated_counts: tuple[str, ...]
    list_places: tuple[str, ...]
    # Roles, looked up whole: the lemmas of verbs a count makes passive, the words
    # that may stand between a verb and its subject, the markers of an earlier
    # verb's object (a tuple: matched like the agent markers), and the names
    # whose first ل is no preposition.
    counted_passive_verbs: frozenset[str]
    time_words: frozenset[str]
    earlier_object_markers: tuple[str, ...]
    lam_initial_words: tuple[str, ...]
    patterns: AssemblyPatterns

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> AssemblyWords:
        """Build from a mapping shaped like the data file (tests pass their own)."""
        with data_errors(f"marsad/data/{WORDS_FILE}"):
            demonstratives = folded_words(data["demonstratives"])
            lists = {name: _ordered(data[name]) for name in _PATTERN_LISTS}
            return cls(
                version=str(data.get("version", "unversioned")),
                source_words=frozenset(folded_words(data["source_words"])),
                source_links=frozenset(folded_words(data["source_links"])),
                speech_verbs=frozenset(folded_words(data["speech_verbs"])),
                release_verbs=frozenset(folded_words(data["release_verbs"])),
                airborne=_ordered(data["airborne"]),
                artillery=_ordered(data["artillery"]),
                struck_areas=frozenset(folded_words(data["struck_areas"])),
                combatant_words=frozenset(folded_words(data["combatant_words"])),
                outcome_words=frozenset(folded_words(data["outcome_words"])),
                nationalities=_nationalities(data["nationalities"]),
                national_forces=_ordered(data["national_forces"]),
                back_references=frozenset(
                    [*demonstratives, *folded_words(data["back_references"])]
                ),
                preceding_demonstratives=frozenset(
                    [*demonstratives, *folded_words(data["preceding_demonstratives"])]
                ),
                result_verbs=frozenset(folded_words(data["result_verbs"])),
                time_references=frozenset(folded_words(data["time_references"])),
                claim_cues=_ordered(data["claim_cues"]),
                running_total_cues=_ordered(data["running_total_cues"]),
                night_words=frozenset(folded_words(data["night_words"])),
                agent_markers=_ordered(data["agent_markers"]),
                target_markers=_ordered(data["target_markers"]),
                **lists,
                unit_words=frozenset(folded_words(data["unit_words"])),
                counted_passive_verbs=frozenset(folded_words(data["counted_passive_verbs"])),
                time_words=frozenset(folded_words(data["time_words"])),
                earlier_object_markers=_ordered(data["earlier_object_markers"]),
                lam_initial_words=_ordered(data["lam_initial_words"]),
                patterns=AssemblyPatterns.build(**lists),
            )


# The lists the patterns are built from (each a key of the data file).
_PATTERN_LISTS = (
    "member_of_nouns",
    "membership_prepositions",
    "membership_ranks",
    "partitive_nouns",
    "intervention_words",
    "intervention_word_ends",
    "firing_verbs",
    "ammunition",
    "settlement_nouns",
    "listed_settlement_nouns",
    "performed_by",
    "claiming_verbs",
    "count_words",
    "locator_heads",
    "control_nouns",
    "control_verbs",
    "control_objects",
    "subject_to_words",
    "affiliation_words",
    "source_places",
    "supporter_stems",
    "supporter_phrases",
    "side_markers",
    "repeated_counts",
    "list_places",
)


def _ordered(values: Any) -> tuple[str, ...]:
    """A word list folded like the text, in its order, each word once."""
    return tuple(dict.fromkeys(folded_words(values)))


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


_POSSESSIVES = ("ه", "ها", "هم")


def own_forces(word: str, words: AssemblyWords) -> bool:
    """A unit noun with a possessive pronoun: "طائراته", "قواتها", "عناصرهم"."""
    return any(word.endswith(p) and word[: -len(p)] in words.unit_words for p in _POSSESSIVES)
