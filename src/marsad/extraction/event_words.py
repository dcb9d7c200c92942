"""Which words of a sentence its event is coded from, and which point back.

Where a sentence has several accepted triggers, the event is the most specific
one not covered by a party's name, then ACLED's type priority. A definite event
noun followed or preceded by a demonstrative ("هذه الغارات"، "وأسفر القصف") tells
no new event but more of the previous one; and a date next to a speech verb
dates the statement, not the event.
"""

from __future__ import annotations

from collections.abc import Sequence

from marsad.events import EVENT_TYPE_PRIORITY
from marsad.extraction.classifier import VERB_FORMS, ScoredTrigger
from marsad.extraction.words import SPEECH_THAT, AssemblyWords, listed
from marsad.recognize.triggers import TriggerMention
from marsad.recognize.types import (
    ActorMention,
    DateMention,
)
from marsad.tokenize import Sentence


def _type_rank(event_type: str) -> int:
    return EVENT_TYPE_PRIORITY.index(event_type)


def primary_trigger(accepted: Sequence[ScoredTrigger]) -> ScoredTrigger:
    """The trigger a sentence's event is coded from."""
    specific = [t for t in accepted if not t.mention.entry.generic] or list(accepted)
    violent = [t for t in specific if t.mention.entry.event_type != "Strategic developments"]
    pool = violent or specific
    return min(
        pool,
        key=lambda t: (_type_rank(t.mention.entry.event_type), -t.mention.entry.strength),
    )


def _dates_a_statement(text: str, mention: DateMention, words: AssemblyWords) -> bool:
    """The date of a speech verb ("قال ... يوم الأحد إن") or of a statement's
    release ("البيان الذي صدر اليوم"), not of what was said."""
    if _word_before(text, mention.norm_start, 12) in words.release_verbs:
        return True
    after = text[mention.norm_end : mention.norm_end + 8].split()
    if not after or after[0].strip("،,:") not in (*SPEECH_THAT, ""):
        return False  # what follows is not "that ..." or a quotation
    before = text[max(0, mention.norm_start - 60) : mention.norm_start].split()[-6:]
    return any(listed(w, words.speech_verbs) for w in before)


def _event_words(
    text: str,
    accepted: Sequence[ScoredTrigger],
    parties: Sequence[ActorMention],
    words: AssemblyWords,
) -> Sequence[ScoredTrigger]:
    """The triggers the sentence's event is coded from. "الطيران الحربي" and
    "البراميل المتفجرة" name an attacker as well as a strike: where a specific
    trigger stands apart from every name, the overlapping one stays a party;
    "القصف التركي" is an event word next, the party saying whose it was; and a
    specific word covered by a name still beats a generic one ("قتل مدنيان
    بالبراميل المتفجرة" is an air strike)."""
    if any(_weapon(t) for t in accepted):
        # "مجزرة نفذتها الطائرات بالبراميل المتفجرة": a massacre says what the
        # violence did, the weapon how; ACLED codes the weapon.
        accepted = [
            t
            for t in accepted
            if text[t.mention.norm_start : t.mention.norm_end] not in words.outcome_words
        ] or accepted
    clear = [t for t in accepted if not _overlaps_any(text, t.mention, parties, True)]
    headed = [t for t in accepted if not _overlaps_any(text, t.mention, parties)]
    # Violence in general words told before a strategic development is the
    # sentence's event ("قتل جنديان بهجوم على نقطة مراقبة"); told after one it
    # is rather background ("اعتقلت ... على صلة بالشبكة التي نفذت التفجير").
    developments = [t.mention.norm_start for t in headed if _specific(t) and not _violent(t)]
    first_development = min(developments, default=len(text))
    before = [t for t in headed if t.mention.norm_start < first_development]
    for pool, wanted in (
        (clear, _specific_violence),
        (headed, _specific_violence),
        (accepted, _weapon_or_act),
        (before, _violent),
        (headed, _specific),
    ):
        found = [t for t in pool if wanted(t)]
        if found:
            return found
    return headed or accepted


def _weapon(trigger: ScoredTrigger) -> bool:
    return trigger.mention.entry.event_type == "Explosions/Remote violence"


def _specific(trigger: ScoredTrigger) -> bool:
    return not trigger.mention.entry.generic


def _weapon_or_act(trigger: ScoredTrigger) -> bool:
    """A specific word of violence that is not a crowd ("محتجون" covered by a
    name is the protesters, not what they did)."""
    return _specific_violence(trigger) and not trigger.mention.entry.participant


def _violent(trigger: ScoredTrigger) -> bool:
    """Violence or protest in general words ("قتل جنديان بهجوم على نقطة مراقبة"
    is an attack, not a post set up)."""
    return trigger.mention.entry.event_type != "Strategic developments"


def _specific_violence(trigger: ScoredTrigger) -> bool:
    """A specific word of violence or protest (not a strategic development: "ما
    أوقع مستويات من التدمير" tells the strike's effect, not another event)."""
    return _specific(trigger) and trigger.mention.entry.event_type != "Strategic developments"


def _overlaps_any(
    text: str, mention: TriggerMention, parties: Sequence[ActorMention], heads: bool = False
) -> bool:
    """Whether a party's name covers the trigger; unless ``heads``, not counting
    a trigger that is the name's head word ("القصف التركي": the trigger is the
    event, the party says whose it was)."""
    return any(
        p.norm_start < mention.norm_end
        and mention.norm_start < p.norm_end
        and (
            heads
            or mention.entry.participant
            or not _heads(text, mention, p.norm_start, p.norm_end)
        )
        for p in parties
    )


def _heads(text: str, mention: TriggerMention, start: int, end: int) -> bool:
    """The trigger is the first word of ``text[start:end]`` (after its clitics)
    and more words follow."""
    return (
        start <= mention.norm_start
        and mention.norm_end < end
        and " " not in text[start : mention.norm_start]
    )


def _followed_by_back_reference(text: str, end: int, words: AssemblyWords) -> bool:
    following = text[end : end + 12].split()
    return bool(following) and following[0] in words.back_references


def _points_back(
    text: str, triggers: Sequence[ScoredTrigger], words: AssemblyWords
) -> ScoredTrigger | None:
    """The trigger pointing back (``هذه المواقع``, ``وأسفر الهجوم``), if any: its
    sentence tells no new event (``back_references``, ``result_verbs`` and
    ``preceding_demonstratives`` of ``extraction/words.yaml``)."""
    for t in triggers:
        word_start = t.mention.norm_start - len(t.mention.prefix)
        word_end = t.mention.norm_end + len(t.mention.suffix)
        # Only a definite noun is pointed at ("الهجوم ذاته"): after a verb "هذا" is
        # its subject ("وانسحب هذا الحال على ..."), and "فجر انتحاري نفسه" is reflexive.
        if (
            t.mention.pos not in VERB_FORMS
            and t.mention.definite
            and _followed_by_back_reference(text, word_end, words)
        ):
            return t
        if t.mention.definite and _word_before(text, word_start, 12) in words.result_verbs:
            return t  # "وأسفر القصف عن"; "وأسفرت غارات روسية عن" tells a new one
        if t.mention.pos not in VERB_FORMS and (
            _word_before(text, word_start, 8) in words.preceding_demonstratives
        ):
            return t  # "وحصد هذا القصف آلاف القتلى"
    return None


def _word_before(text: str, start: int, reach: int) -> str:
    """The word ending right before ``start`` (within ``reach`` characters), or ""."""
    before = text[max(0, start - reach) : start].split()
    return before[-1] if before else ""


def _refers_back(sentence: Sentence, words: AssemblyWords) -> bool:
    back_references = words.back_references
    first = [t.text for t in sentence.tokens[:6]]
    return any(w in back_references or w.startswith(("وال", "ال")) for w in first)
