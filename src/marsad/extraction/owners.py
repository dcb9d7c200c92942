"""Words that say whose forces acted: "غارات روسية", "القصف التركي", "دبابات تركية".

A nationality adjective right after an attack word names the state whose forces
struck, and so does a state named as the subject of an attack verb ("قصفت
تركيا"); after a word for armed forces or their weapons (``national_forces``:
tanks, artillery, air force, soldiers ...) it names those forces, so "سلاح الجو
الأردني" is Jordan's military whatever the dictionary lists. The adjectives and
the actors they stand for are data (``nationalities`` in
``extraction/words.yaml``); this module finds them and returns actor mentions
spanning the word and its adjective. Assembly reads an attack word's owner as
the attacker (the trigger heads the party's name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from marsad.errors import DataError
from marsad.extraction.classifier import SentenceTriggers
from marsad.normalize import NormalizedText
from marsad.recognize.actors import ActorMatch
from marsad.recognize.types import ActorEntry, PlaceMention, mention_offsets
from marsad.tokenize import next_word

ARTICLE = "ال"
ATTACK_TYPES = frozenset({"Battles", "Explosions/Remote violence"})
FEMININE = "ه"


def adjective_forms(nationalities: Mapping[str, str]) -> dict[str, str]:
    """Every form of each adjective (masculine, feminine, with the article) and
    the actor it names: "روسي" gives روسي, روسيه, الروسي and الروسيه."""
    forms: dict[str, str] = {}
    for adjective, actor in nationalities.items():
        for form in (adjective, adjective + FEMININE):
            forms[form] = actor
            forms[ARTICLE + form] = actor
    return forms


def resolve_nationalities(
    forms: Mapping[str, str], lookup: Mapping[str, ActorEntry | None]
) -> dict[str, ActorEntry]:
    """``forms`` with each actor name turned into its dictionary entry; a name the
    dictionary lacks is an error in the data file, not a silent miss."""
    resolved: dict[str, ActorEntry] = {}
    for form, name in forms.items():
        entry = lookup.get(name)
        if entry is None:
            raise DataError(
                f"nationality {form!r} names {name!r}, which the actor dictionary lacks",
                source="marsad/data/extraction/words.yaml",
            )
        resolved[form] = entry
    return resolved


def attack_owners(
    nt: NormalizedText,
    detected: Sequence[SentenceTriggers],
    nationalities: Mapping[str, ActorEntry],
) -> list[ActorMatch]:
    """An actor mention for every attack word followed by a nationality adjective
    (whatever the detector made of the word: the owner stands either way)."""
    text = nt.text
    found: list[ActorMatch] = []
    for group in detected:
        for trigger in group.triggers:
            mention = trigger.mention
            entry = mention.entry
            # Any reading of the form: "قصف" read as a verb is still the noun
            # when an adjective follows it.
            if entry.event_type not in ATTACK_TYPES:
                continue
            if entry.participant or mention.suffix:
                continue  # "غاراتها": the owner is the pronoun's
            # The name starts at the attack word, with its article if it has one.
            article = len(ARTICLE) if mention.prefix.endswith(ARTICLE) else 0
            word_start = mention.norm_start - article
            word_end = mention.norm_end
            if text[word_end : word_end + 1] != " ":
                continue  # the adjective must follow at once
            following = next_word(text, word_end, 2)
            if following is None:
                continue
            owner = nationalities.get(text[following[0] : following[1]])
            if owner is None:
                continue
            offsets = mention_offsets(nt, word_start, following[1])
            # No dictionary key: the owner is resolved already, not by a rule.
            found.append(ActorMatch(*offsets, actor=owner, key=""))
    return found


# A model designation may stand between the forces and the adjective:
# "مقاتلات اف-16 تركية", "طائرات من طراز اف 16 اردنية".
_MODEL = r"(?:\s+(?:من\s+)?(?:طراز\s+)?[^\s\d]{0,6}[-\s]?\d+)?"


def force_pattern(forces: Sequence[str], adjectives: Sequence[str]) -> re.Pattern[str]:
    """The forces word (with its clitics), a model designation and an adjective;
    group ``name`` spans the forces word and the adjective."""
    forms: set[str] = set()
    for word in forces:
        forms.add(word)
        if word.startswith(ARTICLE):
            forms.add("ل" + word[1:])  # ل + الجيش is written للجيش
    alternatives = "|".join(re.escape(w) for w in sorted(forms, key=len, reverse=True))
    adjective = "|".join(re.escape(a) for a in sorted(adjectives, key=len, reverse=True))
    return re.compile(
        rf"(?<!\w)(?:[وف])?(?:[بل](?=ال))?(?P<name>(?:{alternatives}){_MODEL}\s+"
        rf"(?P<adjective>{adjective}))(?!\w)"
    )


def force_owners(
    nt: NormalizedText, pattern: re.Pattern[str], nationalities: Mapping[str, ActorEntry]
) -> list[ActorMatch]:
    """An actor mention for every forces word followed by a nationality adjective."""
    found: list[ActorMatch] = []
    # Most reports name no foreign state: a substring test of each adjective's
    # bare form is far cheaper than the pattern, which opens with a lookbehind.
    if not any(form in nt.text for form in nationalities if not form.startswith(ARTICLE)):
        return found
    for match in pattern.finditer(nt.text):
        owner = nationalities.get(match.group("adjective"))
        if owner is None:
            continue
        offsets = mention_offsets(nt, match.start("name"), match.end("name"))
        found.append(ActorMatch(*offsets, actor=owner, key=""))
    return found


def with_named_countries(
    nt: NormalizedText,
    actors: Sequence[ActorMatch],
    nationalities: Mapping[str, ActorEntry],
    resolve: Callable[[ActorEntry, str], ActorEntry],
) -> list[ActorMatch]:
    """``actors`` with each generic one that a nationality adjective follows
    ("الشرطة التركية", "السلطات الأردنية") made that country's (``resolve``: the
    dictionary's, entry and country code to the specific entry): it is not the
    event's country that decides whose police they are."""
    text = nt.text
    found: list[ActorMatch] = []
    for actor in actors:
        if actor.actor.generic:
            following = next_word(text, actor.norm_end)
            owner = nationalities.get(text[following[0] : following[1]]) if following else None
            if owner is not None and owner.country:
                # No key: the dictionary's rules would resolve it by the event again.
                actor = replace(actor, actor=resolve(actor.actor, owner.country), key="")
        found.append(actor)
    return found


# "الشرطة العسكرية التابعة للجيش الوطني": the unit belongs to the actor after it.
# One word may qualify the unit first ("العسكرية").
_AFFILIATED = re.compile(r"(?:\s+\S+)?\s+(?:ال)?تابع(?:ه|ين|ون|ان|تين)?\s+")


def with_affiliations(nt: NormalizedText, actors: Sequence[ActorMatch]) -> list[ActorMatch]:
    """``actors`` with each generic one that "التابع(ة) لـ" ties to a named actor
    made that actor (keeping its own place in the sentence, where the roles read
    it), and the named actor's own mention dropped."""
    text = nt.text
    by_start = {a.norm_start: a for a in actors}
    owned: dict[int, ActorMatch] = {}
    for actor in actors:
        if not actor.actor.generic:
            continue
        tie = _AFFILIATED.match(text, actor.norm_end)
        if tie is None:
            continue
        # The owner's mention may open with its ل or لل, or start after it.
        owner = next((by_start[i] for i in range(tie.end(), tie.end() + 3) if i in by_start), None)
        if owner is not None and not owner.actor.generic:
            owned[actor.norm_start] = owner
    if not owned:
        return list(actors)
    dropped = {o.norm_start for o in owned.values()}
    return [
        replace(a, actor=owned[a.norm_start].actor, key="") if a.norm_start in owned else a
        for a in actors
        if a.norm_start not in dropped
    ]


def country_owners(
    nt: NormalizedText,
    detected: Sequence[SentenceTriggers],
    places: Sequence[PlaceMention],
    militaries: Mapping[str, ActorEntry],
) -> list[ActorMatch]:
    """A state named as the subject right after an attack verb ("قصفت تركيا
    مواقع", "شنت روسيا غارات") is its military: ``militaries`` maps a country
    code to that actor."""
    countries = {
        p.norm_start: p for p in places if p.candidates and p.candidates[0].kind == "country"
    }
    if not countries:
        return []
    text = nt.text
    found: list[ActorMatch] = []
    for group in detected:
        for trigger in group.triggers:
            mention = trigger.mention
            if mention.pos != "perfect" or mention.entry.event_type not in ATTACK_TYPES:
                continue
            start = mention.norm_end + 1
            if text[mention.norm_end : start] != " " or start not in countries:
                continue
            place = countries[start]
            owner = militaries.get(place.candidates[0].country_code)
            if owner is not None:
                offsets = mention_offsets(nt, place.norm_start, place.norm_end)
                found.append(ActorMatch(*offsets, actor=owner, key=""))
    return found
