"""Event extraction: from a document to ACLED-coded events with evidence.

``Extractor`` is built once (lexicons, automata, dictionary, gazetteer) and
then turns each :class:`~marsad.document.Document` into events::

    extractor = Extractor(load_settings())
    events = extractor.extract(document)
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import replace
from itertools import accumulate
from typing import Any, TypeVar

from marsad.document import Document
from marsad.errors import ExtractionError, MarsadError
from marsad.events import Event
from marsad.extraction.assembly import Assembler
from marsad.extraction.classifier import (
    EventMentionDetector,
    ScoredTrigger,
    SentenceTriggers,
    sentence_event_types,
)
from marsad.extraction.drafts import Mentions
from marsad.extraction.owners import (
    adjective_forms,
    attack_owners,
    country_owners,
    force_owners,
    force_pattern,
    resolve_nationalities,
    with_affiliations,
    with_named_countries,
)
from marsad.extraction.reportedness import Reportedness
from marsad.extraction.words import (
    SPEECH_THAT,
    AssemblyWords,
    default_assembly_words,
    listed,
    own_forces,
)
from marsad.geocode import border_faces
from marsad.normalize import default_normalizer
from marsad.recognize.types import ActorMention, PlaceMention
from marsad.settings import Settings

__all__ = ["Extractor", "Mentions", "sentence_event_types"]


class Extractor:
    """Documents in, events out. Heavy resources load here, once."""

    def __init__(
        self,
        settings: Settings,
        *,
        gazetteer: Any = None,
        actors: Any = None,
    ) -> None:
        # Imported here: the recognisers are sibling stages with their own data.
        from marsad.gazetteer import Gazetteer, iso_numeric
        from marsad.gazetteer.embedded import focus_countries
        from marsad.recognize.actors import ActorDictionary, ActorMatcher
        from marsad.recognize.casualties import CasualtyMatcher
        from marsad.recognize.dates import DateMatcher
        from marsad.recognize.numbers import NumberMatcher
        from marsad.recognize.places import PlaceMatcher, load_word_frequencies

        self.settings = settings
        self.normalizer = default_normalizer()
        self.detector = EventMentionDetector()
        self._reportedness: Reportedness | None = None  # loaded on first use
        self.gazetteer = gazetteer if gazetteer is not None else Gazetteer.open(settings)
        self.actor_dictionary = actors if actors is not None else ActorDictionary.load()
        self.actor_matcher = ActorMatcher(self.actor_dictionary)
        self.place_matcher = PlaceMatcher(self.gazetteer, settings.country_codes)
        self._covered = frozenset(iso_numeric(code) for code in settings.country_codes)
        self.region = focus_countries()
        load_word_frequencies()  # nearly every report has a name that needs them
        self.date_matcher = DateMatcher()
        self.casualty_matcher = CasualtyMatcher(NumberMatcher())
        self._actor_hash = _dictionary_hash(self.actor_dictionary)
        self.words: AssemblyWords = default_assembly_words()
        forms = adjective_forms(self.words.nationalities)
        named = {name: self.actor_dictionary.get(name) for name in set(forms.values())}
        self.nationalities = resolve_nationalities(forms, named)
        self.forces = force_pattern(self.words.national_forces, list(forms))
        # A country's military by its code, for states named as attackers.
        self.militaries = {
            entry.country: entry
            for entry in self.nationalities.values()
            if entry.country and entry.name.startswith("Military Forces of")
        }
        self.assembler = Assembler(
            self.actor_dictionary,
            iso_numeric=iso_numeric,
            default_country=settings.default_country or None,
            words=self.words,
            undated_lag_days=settings.undated_lag_days,
            border_faces=border_faces(self.gazetteer.governorate),
        )

    @property
    def versions(self) -> dict[str, str]:
        """Versions of the knowledge the events were coded with."""
        lexicon = self.detector.matcher.lexicon
        found = {
            "triggers": f"{lexicon.version} ({lexicon.fingerprint})",
            "modality": self.detector.modality.version,
            "words": self.words.version,
        }
        found["actors"] = self._actor_hash
        for name, owner in (("actors", self.actor_dictionary), ("gazetteer", self.gazetteer)):
            for attr in ("version", "fingerprint"):
                value = getattr(owner, attr, None)
                if value:
                    found[name] = str(value() if callable(value) else value)
                    break
        return found

    @property
    def reportedness(self) -> Reportedness:
        """The sentence reportedness scorer of the settings (loaded once)."""
        if self._reportedness is None:
            self._reportedness = Reportedness.for_settings(self.settings)
        return self._reportedness

    def sentence_classes(self, text: str) -> set[str]:
        """The event types reported in a single sentence (no date needed)."""
        return sentence_event_types(self.detector, text, self.reportedness)

    def extract(self, doc: Document) -> list[Event]:
        """Every event ``doc`` reports, with evidence in raw-text offsets."""
        try:
            nt = self.normalizer.normalize(doc.text)
            detected = self.detector.detect(nt)
            if not any(t.accepted or t.unanchored for g in detected for t in g.triggers):
                return []
            actors, anaphors = self.actor_matcher.scan(nt)
            actors = with_named_countries(
                nt, actors, self.nationalities, self.actor_dictionary.resolve
            )
            actors = with_affiliations(nt, actors)
            # Forces named by a nationality ("دبابات تركية") are names like the
            # dictionary's, so a speaker among them is dropped as a source too.
            actors = with_attack_owners(actors, force_owners(nt, self.forces, self.nationalities))
            actors = without_sources(actors, nt.text, self.words)
            actors = without_generic_members(actors, nt.text, self.words)
            actors = with_attack_owners(actors, attack_owners(nt, detected, self.nationalities))
            places = without_far_namesakes(self.place_matcher.find(nt), self.region)
            # "قصفت تركيا مواقع": the state that struck, not where.
            states = country_owners(nt, detected, places, self.militaries)
            if states:
                actors = with_attack_owners(actors, states)
                taken = {s.norm_start for s in states}
                places = [p for p in places if p.norm_start not in taken]
            # A word inside a settlement's name (the town تدمر) or inside an actor's
            # name ("تحرير" in هيئة تحرير الشام) is not a trigger; one that opens an
            # actor's name ("الطيران الحربي السوري", "القصف التركي") still is. One
            # pass drops both.
            actor_names = [_after_first_word(nt.text, a) for a in actors]
            detected = without_names(detected, [*settlement_names(places), *actor_names])
            if self.settings.reportedness_documents:
                detected = self.reportedness.gate(
                    detected, self.settings.reportedness_document_threshold
                )
            # Where a date expression lies does not depend on the anchor, so the
            # casualty matcher can skip the numbers inside these dates.
            dates = self.date_matcher.find(nt, doc.published)
            mentions = Mentions(
                actors=actors,
                anaphors=anaphors,
                places=places,
                dates=dates,
                casualties=self.casualty_matcher.find(nt, dates),
            )
            events = self.assembler.assemble(
                doc_id=doc.id,
                source=doc.source,
                text=nt.text,
                published=doc.published,
                detected=detected,
                mentions=mentions,
            )
            return [e for e in events if self._covers(e)]
        except MarsadError:
            raise
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise ExtractionError(f"extraction failed: {exc}", source=doc.id) from exc

    def _covers(self, event: Event) -> bool:
        """Whether ``event`` lies in a country the settings code (or is unplaced)."""
        return not self._covered or event.iso is None or event.iso in self._covered


def _dictionary_hash(dictionary: Any) -> str:
    """A short hash of the actor dictionary's forms and names (it carries no version)."""
    digest = hashlib.sha256()
    keys = getattr(dictionary, "keys", None)
    if callable(keys):
        for key, kind in sorted(keys().items()):
            digest.update(f"{key}\t{kind}\n".encode())
    for entry in getattr(dictionary, "entries", []):
        digest.update(f"{entry.name}\t{entry.inter}\t{entry.country}\n".encode())
    return "sha256:" + digest.hexdigest()[:12]


Named = TypeVar("Named", bound=ActorMention)


def without_sources(
    actors: Sequence[Named], text: str, words: AssemblyWords | None = None
) -> list[Named]:
    """``actors`` less those named as the report's source: the actor right after a
    source word ("مصادر في الجيش", "متحدث باسم الجيش"; ``source_words`` and
    ``source_links`` of ``words``, by default the data file ``extraction/words.yaml``),
    and a speaker opening a line before a colon ("📌 الأمم المتحدة: ...", the way
    channels attribute a statement)."""
    if words is None:
        words = default_assembly_words()
    return [
        a
        for a in actors
        if not _named_as_source(text, a.norm_start, words)
        and not _speaker(text, a)
        and not _says_that(text, a, words)
    ]


# Words that may stand between a speaker and "إن": time words, "في بيان".
_SAYS_REACH = 5


def _says_that(text: str, actor: ActorMention, words: AssemblyWords) -> bool:
    """The actor is the subject of a verb of saying whose clause names others:
    "وقال الجيش في بيانه إن الضربات ..." (the army only speaks). "قال الجيش إنه
    قتل" keeps it: the pronoun makes the speaker the one who acted."""
    before = text[max(0, actor.norm_start - 12) : actor.norm_start].split()
    if not before or not listed(before[-1], words.speech_verbs):
        return False
    after = text[actor.norm_end : actor.norm_end + 80].split()[: _SAYS_REACH + 1]
    for position, word in enumerate(after[:_SAYS_REACH]):
        if word in SPEECH_THAT:
            # "قال التحالف إن طائراته نفذت": its own forces acted.
            following = after[position + 1] if position + 1 < len(after) else ""
            return not own_forces(following, words)
        if any(mark in word for mark in '،,.:"«'):
            return False
    return False


def _speaker(text: str, actor: ActorMention) -> bool:
    """The actor alone at the start of a line, then a colon."""
    line_start = text.rfind("\n", 0, actor.norm_start) + 1
    lead = text[line_start : actor.norm_start]
    opens_line = not any(ch.isalnum() for ch in lead)
    return opens_line and text[actor.norm_end : actor.norm_end + 2].lstrip().startswith(":")


def _named_as_source(text: str, start: int, words: AssemblyWords) -> bool:
    before = text[max(0, start - 24) : start].split()
    # A link joins the source word to the name ("في"; ب of "بالشرطة" cut off the name).
    if before and before[-1] in words.source_links:
        before.pop()
    if not before:
        return False
    return listed(before[-1], words.source_words)


def with_attack_owners(actors: Sequence[Named], owners: Sequence[Named]) -> list[Named]:
    """``actors`` plus the owners of attack words ("غارات روسية") and of forces
    ("دبابات تركية"), in text order. An owner replaces the actor names inside it
    (the generic "الجيش" of "الجيش الاردني") and gives way to one that overlaps
    it otherwise or spans the same words."""

    def inside(a: Named, o: Named) -> bool:
        shorter = a.norm_end - a.norm_start < o.norm_end - o.norm_start
        return shorter and o.norm_start <= a.norm_start and a.norm_end <= o.norm_end

    def overlaps(a: Named, o: Named) -> bool:
        return a.norm_start < o.norm_end and o.norm_start < a.norm_end

    fresh: list[Named] = []
    for o in owners:
        if any(overlaps(a, o) and not inside(a, o) for a in actors):
            continue
        if any(overlaps(f, o) for f in fresh):
            continue
        fresh.append(o)
    if not fresh:
        return list(actors)
    kept = [a for a in actors if not any(inside(a, o) for o in fresh)]
    return sorted([*kept, *fresh], key=lambda m: m.norm_start)


def without_generic_members(
    actors: Sequence[Named], text: str, words: AssemblyWords | None = None
) -> list[Named]:
    """``actors`` less a generic name ("مسلحون") right before the named actor its
    people belong to, which stands for them ("مسلحون من تنظيم داعش"، "عناصر مجهولة
    من صفوف الحزب"; ``member_of_nouns`` of ``words``, by default the data file
    ``extraction/words.yaml``)."""
    if words is None:
        words = default_assembly_words()
    member_of = words.patterns.member_of
    kept: list[Named] = []
    for index, here in enumerate(actors):
        after = actors[index + 1] if index + 1 < len(actors) else None
        if (
            after is not None
            and here.actor.generic
            and not after.actor.generic
            and member_of.fullmatch(text, here.norm_end, after.norm_start)
        ):
            continue
        kept.append(here)
    return kept


# Kinds of place whose names are proper nouns: a trigger form inside one (the
# town تدمر reads as the verb "destroys") is part of the name, not an event word.
NAMED_SETTLEMENTS = frozenset({"town", "village", "district", "subdistrict", "governorate"})


def _after_first_word(text: str, name: Named) -> tuple[int, int]:
    """The span of ``name`` after its first word (the whole name from its second
    character when it is one word)."""
    space = text.find(" ", name.norm_start, name.norm_end)
    return (space if space > name.norm_start else name.norm_start + 1, name.norm_end)


def without_place_names(
    detected: Sequence[SentenceTriggers], places: Sequence[PlaceMention]
) -> list[SentenceTriggers]:
    """``detected`` less the triggers that lie inside a recognised settlement name."""
    return without_names(detected, settlement_names(places))


def settlement_names(places: Sequence[PlaceMention]) -> list[tuple[int, int]]:
    """The normalised spans of the ``places`` whose first candidate is a settlement."""
    return [
        (p.norm_start, p.norm_end)
        for p in places
        if p.candidates and p.candidates[0].kind in NAMED_SETTLEMENTS
    ]


def without_far_namesakes(
    places: Sequence[PlaceMention], region: frozenset[str]
) -> list[PlaceMention]:
    """``places`` with candidates outside ``region`` (the countries marsad covers and
    their neighbours) kept only where the report names their country: "منطقة الجبل"
    in a Syrian report is not a village of Colorado called El Jebel."""
    named = {c.country_code for m in places for c in m.candidates if c.kind == "country"}
    welcome = region | named
    kept: list[PlaceMention] = []
    for mention in places:
        near = tuple(c for c in mention.candidates if c.country_code in welcome)
        if len(near) == len(mention.candidates):
            kept.append(mention)
        elif near:
            kept.append(replace(mention, candidates=near))
    return kept


def without_names(
    detected: Sequence[SentenceTriggers], spans: Sequence[tuple[int, int]]
) -> list[SentenceTriggers]:
    """``detected`` less the triggers inside one of the ``spans`` (normalised
    offsets): "تحرير" in هيئة تحرير الشام names a group, it does not liberate."""
    names = sorted(spans)
    if not names:
        return list(detected)
    name_starts = [start for start, _ in names]
    # furthest_end[i]: the furthest any of the first i + 1 names reaches.
    furthest_end = list(accumulate((end for _, end in names), max))

    def inside_a_name(trigger: ScoredTrigger) -> bool:
        # From where its word starts, clitics included: "المتظاهرين", a one-word
        # name, opens with the trigger's article.
        mention = trigger.mention
        start, end = mention.norm_start - len(mention.prefix), mention.norm_end
        before = bisect_right(name_starts, start)  # names starting at or before the trigger
        return before > 0 and furthest_end[before - 1] >= end

    kept: list[SentenceTriggers] = []
    for group in detected:
        triggers = tuple(t for t in group.triggers if not inside_a_name(t))
        # Most groups lose nothing: keep them as they are rather than copy them.
        kept.append(
            group if len(triggers) == len(group.triggers) else replace(group, triggers=triggers)
        )
    return kept
