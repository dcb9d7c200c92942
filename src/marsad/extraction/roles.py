"""Who acted and who was targeted: actor1/actor2 from a trigger and its sentence.

Works on positions in the normalised text. Arabic news puts the subject
after the verb (VSO) or before it (SVO); a passive trigger or an agent phrase
(``من قبل``، ``على يد``) makes the grammatical subject the victim; a verbal
noun takes its agent as genitive (``هجوم التنظيم``) and its target after
``على``، ``ضد`` or ``ل``; ``بين X و Y`` names both sides of a clash. The words
are data (``marsad/data/extraction/words.yaml``: the agent and target markers,
the places under an actor's control, affiliation, sources of fire, supporters,
time words ...), the patterns holding them are built with the lists
(``AssemblyPatterns``); only clitics and single prepositions (لـ، بـ، من، في،
بين، و) stay in this module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from marsad.extraction.classifier import VERB_FORMS
from marsad.extraction.words import (
    SPEECH_THAT,
    AssemblyWords,
    default_assembly_words,
    listed,
    own_forces,
)
from marsad.normalize import match_key
from marsad.recognize.triggers import TriggerMention

WINDOW = 90  # characters on either side of a trigger where its actors are looked for


@dataclass(frozen=True, slots=True)
class Party:
    """An actor candidate located in the normalised text."""

    norm_start: int
    norm_end: int
    index: int  # position in the caller's list of actor mentions
    weapon: bool = False  # the name is also an event word ("البراميل المتفجرة")


class Roles(NamedTuple):
    """The parties' roles for one trigger (a named tuple: one is built per event draft)."""

    actor1: int | None  # indices into the caller's party list
    actor2: int | None
    assoc1: tuple[int, ...] = ()
    assoc2: tuple[int, ...] = ()
    rule: str = ""


def _between(text: str, start: int, end: int) -> str:
    return text[start:end] if start < end else ""


def _marker_before(text: str, party: Party, markers: tuple[str, ...], reach: int = 14) -> bool:
    window = text[max(0, party.norm_start - reach) : party.norm_start]
    return window.rstrip().endswith(markers) or any(m in window for m in _spaced(markers))


@lru_cache(maxsize=8)
def _spaced(markers: tuple[str, ...]) -> tuple[str, ...]:
    """Each marker as a whole word inside a window: " m "."""
    return tuple(f" {m} " for m in markers)


@lru_cache(maxsize=1024)
def _folded(lemma: str) -> str:
    """A lexicon lemma in matching-key form (folding costs more than the lookup,
    and there are few lemmas)."""
    return match_key(lemma)


def _comma_between(text: str, trigger: TriggerMention, party: Party) -> bool:
    gap = _between(text, trigger.norm_end, party.norm_start)
    return "،" in gap or "," in gap


def _performed_by(text: str, party: Party, words: AssemblyWords) -> bool:
    """``party`` follows a verb that carried the event out (``شنته``، ``نفذها الطيران
    التابع``: ``performed_by`` of ``words``)."""
    window = text[max(0, party.norm_start - 40) : party.norm_start].rstrip()
    last = window.split()[-1:] if window else []
    if last and last[0] in words.performed_by:
        return True
    return words.patterns.performed.search(window) is not None


def _claims(text: str, party: Party, words: AssemblyWords) -> bool:
    """``party`` claims the event right after it is named ("وداعش يتبنى":
    ``claiming_verbs`` of ``words``)."""
    return words.patterns.claims.match(text, party.norm_end) is not None


def _locator(text: str, party: Party, words: AssemblyWords) -> bool:
    """The actor only says whose area a place is (``مناطق سيطرة النظام``:
    ``locator`` of ``words.patterns``)."""
    window = text[max(0, party.norm_start - 30) : party.norm_start]
    return words.patterns.locator.search(window) is not None


def _affiliated(text: str, trigger: TriggerMention, party: Party, words: AssemblyWords) -> bool:
    """``مسيرة انتحارية تابعة لقوات النظام``: the weapon's owner, named right after it
    (``affiliation`` of ``words.patterns``)."""
    gap = _between(text, trigger.norm_end, party.norm_start)
    matched = words.patterns.affiliation.fullmatch(gap)
    if matched is None:
        return False
    # "بسيارة ... تابعة لقسد": the affiliation is of another noun (a vehicle hit).
    tokens = gap.split()
    return len(tokens) == 1 or not tokens[0].startswith(("ب", "ل", "في"))


def assign_roles(
    text: str,
    trigger: TriggerMention,
    parties: Sequence[Party],
    words: AssemblyWords | None = None,
) -> Roles:
    """Actor1/actor2 (indices into ``parties``) for ``trigger`` within its sentence.

    ``words`` gives the agent and target markers (``agent_markers``,
    ``target_markers``; by default those of the data file ``extraction/words.yaml``).
    """
    if words is None:
        words = default_assembly_words()
    near = [
        p
        for p in parties
        if (p.norm_end <= trigger.norm_start and trigger.norm_start - p.norm_end <= WINDOW * 2)
        or (p.norm_start >= trigger.norm_end and p.norm_start - trigger.norm_end <= WINDOW)
    ]
    near = [
        p
        for p in near
        if not _locator(text, p, words) and not _said_before(text, p, trigger, words)
    ]
    before = [p for p in near if p.norm_end <= trigger.norm_start]
    after = [p for p in near if p.norm_start >= trigger.norm_end]
    # "طائرة مسيرة تركية"، "الطيران المروحي": the weapon named by the trigger is
    # the attacker's own; an actor that spans the trigger carried the event out.
    wielder = next(
        (p for p in parties if p.norm_start < trigger.norm_end and p.norm_end > trigger.norm_start),
        None,
    )
    agents = [
        p
        for p in after
        # "قصف مناطق قرب المطار، المحاصر من قبل جبهة النصرة": past a comma the
        # agent phrase belongs to another word.
        if (_marker_before(text, p, words.agent_markers) and not _comma_between(text, trigger, p))
        # "غارات نفذها الطيران": the pronoun of "نفذها" stands for a noun, so a
        # verb's agent is never found this way.
        or (trigger.pos not in VERB_FORMS and _performed_by(text, p, words))
        or _affiliated(text, trigger, p, words)
    ]
    agents += [p for p in near if _claims(text, p, words) and p not in agents]
    role = trigger.entry.role

    if role == "reciprocal":
        between = text.rfind("بين", max(0, trigger.norm_end - 2), trigger.norm_end + 30)
        if between >= 0 and len(after) >= 2:
            # The other side may follow a long first one, named with its
            # allies and leaders before "من جهة": the second side lies further.
            further = [
                p
                for p in parties
                if p.norm_start >= trigger.norm_end
                and p.norm_start - trigger.norm_end <= WINDOW * 2
                and p not in after
                and not _locator(text, p, words)
            ]
            first, second = _sides(text, after, words, further)
            return _with_assoc(text, first, second, parties, after, "between")
        if before and after:
            return _with_assoc(text, before[-1], after[0], parties, after, "reciprocal")
    passive = role == "passive" or (
        trigger.pos == "perfect"
        and _folded(trigger.entry.lemma) in words.counted_passive_verbs
        and words.patterns.number_after.match(text, trigger.norm_end) is not None
        # "خطفوا عشرات المدنيين": a plural verb agrees with its subject, so the
        # count after it is the object.
        and not _plural_verb(text, trigger)
    )
    if agents:
        agent = agents[0]
        # "هجوم شنه مقاتلو الفصائل وجبهة النصرة على ...": a party joined to the
        # agent by "و" fought beside it.
        partners = _partners(text, agent, after)
        victims = [p for p in near if p is not agent and p not in partners]
        target = _first_after(victims, trigger) or (before[-1] if before else None)
        return _with_assoc(text, agent, target, parties, after, "agent phrase")
    if wielder is None:
        # "لقصف عنيف بالبراميل المتفجرة": what the attack was carried out with.
        wielder = next((p for p in after if _instrument(text, trigger, p)), None)
    if wielder is not None:
        targets = [p for p in after if p.norm_start >= wielder.norm_end]
        return _with_assoc(text, wielder, targets[0] if targets else None, parties, after, "weapon")
    if passive:
        victim = after[0] if after else (before[-1] if before else None)
        return _with_assoc(text, None, victim, parties, after, "passive")
    if role == "nominal" or trigger.pos in ("noun", "phrase"):
        targets = [p for p in after if _marker_before(text, p, words.target_markers, 8)]
        genitive = (
            after[0]
            if after
            and (
                after[0].norm_start - trigger.norm_end <= 3
                or _source(text, trigger, after[0], words)
            )
            else None
        )
        if genitive is not None and genitive in targets:
            genitive = None
        actor1 = genitive or (before[-1] if before else None)
        target = targets[0] if targets else None
        if target is None:
            rest = [p for p in after if p is not actor1]
            target = rest[0] if rest else None
        return _with_assoc(text, actor1, target, parties, after, "nominal")
    # Active verb: VSO when the actor follows at once (a time word or comma may
    # intervene), else SVO; an actor with لـ after the verb is the target.
    if (
        after
        and not _plural_verb(text, trigger)
        and (
            _subject_follows(text, trigger.norm_end, after[0], words)
            or _masdar_genitive(text, trigger, after[0], words)
        )
    ):
        actor1 = after[0]
        rest = [p for p in after[1:] if not _joined(text, actor1, p)]
        return _with_assoc(text, actor1, rest[0] if rest else None, parties, after, "vso")
    if before:
        # "هاجم مسلحون من التنظيم نقطة لميليشيا الدفاع الوطني واشتبكوا": an actor
        # with لـ or after على is an object of an earlier verb, not the subject.
        subjects = [p for p in before if not _object_of_earlier(text, p, words)]
        if subjects:
            subject = subjects[-1]
            objects = [p for p in before if p.norm_start > subject.norm_start]
            target = after[0] if after else (objects[0] if objects else None)
            return _with_assoc(text, subject, target, parties, after, "svo")
        return _with_assoc(text, before[-1], after[0] if after else None, parties, after, "svo")
    return _with_assoc(text, None, after[0] if after else None, parties, after, "object only")


def _said_before(text: str, party: Party, trigger: TriggerMention, words: AssemblyWords) -> bool:
    """A bare "إن"/"أن" stands between the party and the trigger after it: the
    party said what follows ("وأكد القيادي البارز في الحزب ... أن
    الضربات استهدفت") and is no side of it, unless its own forces acted ("قال
    الجيش إن طائراته قصفت")."""
    if party.norm_end > trigger.norm_start:
        return False
    # The party is the subject of a verb of saying, a title between them at most
    # ("وقال القيادي في ...").
    lead = text[max(0, party.norm_start - 40) : party.norm_start].split()[-4:]
    if not any(listed(w, words.speech_verbs) for w in lead):
        return False
    between = text[party.norm_end : trigger.norm_start].split()
    for position, word in enumerate(between):
        if word.strip("،,:") in SPEECH_THAT:
            following = between[position + 1] if position + 1 < len(between) else ""
            return not own_forces(following, words)
    return False


def _plural_verb(text: str, trigger: TriggerMention) -> bool:
    """``طردوا الحوثيين``: a verb that agrees with a plural has its subject before
    it (or in the pronoun); the actor after it is the object. A verb that comes
    before its subject stays singular (``طرد المقاتلون``)."""
    surface = text[trigger.norm_start : trigger.norm_end]
    if trigger.pos == "perfect":
        return surface.endswith("وا")
    return trigger.pos == "imperfect" and surface.endswith(("ون", "وا"))


# "بالبراميل" or, with a count fused to ب, "بثلاثة براميل" / "ب4 براميل".
_INSTRUMENT = re.compile(r"\s*(?:[^\W\d_]+\s+)?ب(?:\w+\s+)?")


def _instrument(text: str, trigger: TriggerMention, party: Party) -> bool:
    """``party`` is the means of an attack word (``قصف عنيف بالبراميل``), named with
    بـ right after it or after one adjective, a count between (``بثلاثة براميل``);
    only a weapon (an actor whose name is also an event word) can be a means."""
    return party.weapon and (
        _INSTRUMENT.fullmatch(text, trigger.norm_end, party.norm_start) is not None
    )


def _subject_follows(text: str, end: int, party: Party, words: AssemblyWords) -> bool:
    """The actor follows the verb as its subject: at once (a time word or comma may
    intervene: ``time_words`` of ``words``), after a unit noun with "لـ"/"من"
    ("اعتقلت دورية للامن العسكري"، "اعتقلت قوة من الشرطة"; ``unit_words`` of
    ``words``), or after a unit noun that heads its name ("سيطرت قوات
    المعارضة"). Nominative plurals only ("مسلحون" not "مسلحين": the subject's
    case); a toll ("قتل عناصر من قوات النظام") is told apart later, by the
    casualties."""
    if party.norm_start - end > 40:
        return False
    between = re.findall(r"[^\W\d_]+", text[end : party.norm_start])
    head = [w for w in between if w not in words.time_words]
    if not head:
        return not _with_lam(text, party, words)  # "استهدف لقوات النظام": a target
    if head[-1] == "من":
        head = head[:-1]  # "اعتقلت قوة من الشرطة"
    elif not _with_lam(text, party, words):
        # "سيطرت قوات المعارضة على": a unit noun heading the actor's name.
        return len(head) == 1 and head[0] in words.unit_words and text[party.norm_start - 1] == " "
    # A unit noun, perhaps with an adjective: "دورية للامن"، "قوة عسكرية من".
    return (
        bool(head)
        and head[0] in words.unit_words
        and all(w.endswith(("يه", "ي")) for w in head[1:])
    )


def _source(text: str, trigger: TriggerMention, party: Party, words: AssemblyWords) -> bool:
    """``قصف صاروخي من الميليشيات``، ``قصف من مواقع قوات النظام``: where the fire came
    from (``source`` of ``words.patterns``)."""
    gap = _between(text, trigger.norm_end, party.norm_start)
    return words.patterns.source.fullmatch(gap) is not None


def _masdar_genitive(
    text: str, trigger: TriggerMention, party: Party, words: AssemblyWords
) -> bool:
    """``قصف لطيران النظام``: a bare form read as a verb is the verbal noun when an
    actor with لـ follows at once (a verb takes its object without لـ)."""
    surface = text[trigger.norm_start : trigger.norm_end]
    if trigger.suffix or trigger.prefix not in ("", "و", "ف") or surface != trigger.entry.lemma:
        return False
    gap = _between(text, trigger.norm_end, party.norm_start)
    return not gap.strip(" ل\"'“”«»ـ") and _with_lam(text, party, words)


def _with_lam(text: str, party: Party, words: AssemblyWords) -> bool:
    """The actor carries the preposition لـ (``لقوات النظام``، ``لـ"قسد"``; not
    ``لواء``: ``lam_initial_words`` of ``words``)."""
    if text.startswith("ل", party.norm_start):
        return not text.startswith(words.lam_initial_words, party.norm_start)
    before = text[max(0, party.norm_start - 4) : party.norm_start].rstrip("\"'“”«» ـ")
    return before.endswith("ل") and (len(before) == 1 or not before[-2].isalpha())


def _object_of_earlier(text: str, party: Party, words: AssemblyWords) -> bool:
    """The actor is the object of an earlier word: it carries لـ or follows one of
    ``earlier_object_markers`` of ``words`` (``على``، ``ضد``، ``استهدف``)."""
    if _with_lam(text, party, words):
        return True
    return _marker_before(text, party, words.earlier_object_markers, 10)


def _sides(
    text: str, after: Sequence[Party], words: AssemblyWords, further: Sequence[Party] = ()
) -> tuple[Party, Party | None]:
    """The two sides of ``بين X و Y``: supporters of X and the rest of X's side
    (``بين X و Z من جهة و Y من جهة أخرى``: ``one_side`` of ``words.patterns``)
    are passed over. ``further``: the parties beyond the trigger's window, where
    the other side named after the marker may lie."""
    first = after[0]
    rest = [p for p in after[1:] if not _supporter(text, p, words)]
    side = words.patterns.one_side.search(text, first.norm_end, first.norm_end + 80)
    if side is not None:
        rest = [p for p in [*rest, *further] if p.norm_start > side.start()]
    return first, rest[0] if rest else None


def _supporter(text: str, party: Party, words: AssemblyWords) -> bool:
    """``بين قوات الجيش مسنودة برجال القبائل والحوثيين``: a supporter fights on the
    side named before it (``supporter`` of ``words.patterns``)."""
    window = text[max(0, party.norm_start - 16) : party.norm_start]
    return words.patterns.supporter.search(window) is not None


def _first_after(parties: Sequence[Party], trigger: TriggerMention) -> Party | None:
    for p in parties:
        if p.norm_start >= trigger.norm_end:
            return p
    return None


def _partners(text: str, head: Party, parties: Sequence[Party]) -> list[Party]:
    """The parties joined to ``head`` one after another by "و"."""
    found: list[Party] = []
    current = head
    for p in parties:
        if p.norm_start <= current.norm_start:
            continue
        if not _joined(text, current, p):
            break
        found.append(p)
        current = p
    return found


def _joined(text: str, first: Party, second: Party) -> bool:
    """``X و Y`` / ``X والميليشيات``: the second is associated with the first."""
    gap = _between(text, first.norm_end, second.norm_start).strip()
    return gap in ("و", "") or (gap.startswith("و") and len(gap) <= 12 and "," not in gap)


def _with_assoc(
    text: str,
    actor1: Party | None,
    actor2: Party | None,
    parties: Sequence[Party],
    after: Sequence[Party],
    rule: str,
) -> Roles:
    def assoc(head: Party | None) -> tuple[int, ...]:
        if head is None:
            return ()
        found: list[int] = []
        current = head
        for p in parties:
            if p.norm_start <= current.norm_start or p is actor1 or p is actor2:
                continue
            if _joined(text, current, p) and text[current.norm_end : p.norm_start].strip():
                found.append(p.index)
                current = p
        return tuple(found)

    return Roles(
        actor1.index if actor1 else None,
        actor2.index if actor2 else None,
        assoc(actor1),
        assoc(actor2),
        rule,
    )
