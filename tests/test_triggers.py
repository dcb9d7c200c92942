"""Trigger lexicon and matcher: inflections, clitics, boundaries, raw offsets."""

from __future__ import annotations

import pytest

from marsad.errors import DataError
from marsad.events import SUB_EVENT_TYPES
from marsad.normalize import normalize
from marsad.recognize.triggers import TriggerLexicon, TriggerMatcher


@pytest.fixture(scope="module")
def matcher() -> TriggerMatcher:
    return TriggerMatcher()


def found(matcher: TriggerMatcher, raw: str) -> list[tuple[str, str, str]]:
    nt = normalize(raw)
    result = []
    for m in matcher.find(nt):
        assert raw[m.start : m.end] == m.text
        result.append((m.text, m.entry.sub_event_type, m.pos))
    return result


def test_lexicon_is_versioned_and_valid() -> None:
    lexicon = TriggerLexicon.load()
    assert lexicon.version and lexicon.version != "unversioned"
    assert len(lexicon.fingerprint) == 12
    for entry in lexicon.entries:
        assert entry.sub_event_type in SUB_EVENT_TYPES[entry.event_type]
        assert 0 < entry.strength <= 1
    covered = {e.sub_event_type for e in lexicon.entries}
    for sub in ("Armed clash", "Air/drone strike", "Suicide bomb", "Grenade", "Chemical weapon",
                "Abduction/forced disappearance", "Peaceful protest", "Violent demonstration",
                "Arrests", "Headquarters or base established", "Agreement"):  # fmt: skip
        assert sub in covered


@pytest.mark.parametrize(
    "raw",
    ["قصفت الطائرات القرية", "وقصفوا المواقع", "المدفعية تقصف البلدة", "ويقصفون الحي"],
)
def test_verb_inflections(matcher: TriggerMatcher, raw: str) -> None:
    subs = [s for _, s, _ in found(matcher, raw)]
    assert "Shelling/artillery/missile attack" in subs


def test_future_prefix_is_kept(matcher: TriggerMatcher) -> None:
    nt = normalize("وسيقصف الجيش المنطقة")
    mention = next(m for m in matcher.find(nt) if m.entry.lemma == "قصف")
    assert mention.pos == "imperfect"
    assert mention.prefix.endswith("س")


def test_clitics_and_definite_phrases(matcher: TriggerMatcher) -> None:
    texts = [t for t, _, _ in found(matcher, "وبالهجوم على الحاجز وانفجار العبوة الناسفة")]
    assert "هجوم" in texts
    assert "العبوة الناسفة" in texts


def test_longest_match_wins(matcher: TriggerMatcher) -> None:
    result = found(matcher, "نفذ انتحاري هجوم انتحاري بسيارة مفخخة")
    subs = {s for _, s, _ in result}
    assert "Suicide bomb" in subs
    assert all(t != "هجوم" for t, _, _ in result)


def test_word_boundaries(matcher: TriggerMatcher) -> None:
    # "مقصف" (cafeteria) and "قصفة" are not the verb قصف.
    assert found(matcher, "جلسنا في المقصف") == []


def test_obfuscated_spelling_maps_to_raw(matcher: TriggerMatcher) -> None:
    raw = "وقد قصـ.ـف الطيران الحربي بلدة"
    result = found(matcher, raw)
    assert any("قصـ.ـف" in t for t, _, _ in result)


def test_bad_lexicon_is_reported(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "bad.yaml").write_text(
        "version: x\nentries:\n  - lemma: x\n    event_type: Battles\n"
        "    sub_event_type: Nonsense\n    role: active\n    strength: 1\n",
        "utf-8",
    )
    with pytest.raises(DataError, match="Nonsense"):
        TriggerLexicon.load(tmp_path)


def test_control_in_the_present_is_a_state_not_a_trigger(matcher: TriggerMatcher) -> None:
    assert found(matcher, "قرية قصر البريج التي يسيطر عليها التنظيم") == []
    assert [s for _, s, _ in found(matcher, "سيطر التنظيم على القرية")] == [
        "Non-state actor overtakes territory"
    ]


def test_opening_fire(matcher: TriggerMatcher) -> None:
    assert found(matcher, "أطلق مجهولون الرصاص الحي على سيارة") != []
    assert found(matcher, "وأفادت مصادر بإطلاق نار كثيف قرب الحاجز") != []
    assert found(matcher, "وقال شهود إن دورية فتحت النار على سيارة مدنية") != []
    assert found(matcher, "وأضاف أن الدبابات أطلقت نيرانها على الحي") != []


@pytest.mark.parametrize(
    ("raw", "sub_event"),
    [
        ("وأصيب شرطي بجروح في عملية طعن قرب المحطة", "Attack"),
        ("وأصيب رجلان طعنا بالسكين في السوق", "Attack"),
        ("واندلعت صدامات عنيفة بين الطرفين قرب الجسر", "Armed clash"),
    ],
)
def test_knife_attacks_and_clashes(matcher: TriggerMatcher, raw: str, sub_event: str) -> None:
    assert sub_event in [s for _, s, _ in found(matcher, raw)]


def test_an_appeal_is_not_a_stabbing(matcher: TriggerMatcher) -> None:
    # "طعن في الحكم": the bare verb is also a legal appeal, so it is no trigger.
    assert found(matcher, "وطعن المحامي في الحكم أمام محكمة الاستئناف") == []
