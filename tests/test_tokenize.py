"""Sentences and clauses of a normalised text."""

from __future__ import annotations

from itertools import pairwise

import pytest

from marsad.normalize import normalize
from marsad.tokenize import clauses, next_word, sentences


def _clause_texts(raw: str) -> list[str]:
    nt = normalize(raw)
    return [nt.text[c.start : c.end].strip() for s in sentences(nt) for c in clauses(nt.text, s)]


def test_a_round_up_sentence_is_cut_at_each_new_clause() -> None:
    raw = (
        "تواصلت المعارك بين الجيش ومقاتلي المعارضة حول القرية منذ ساعات الصباح، "
        "في حين رمت مروحية ثلاثة براميل فوق المزارع الواقعة غرب البلدة الكبيرة، "
        "بينما دمر المقاتلون دبابة للجيش بقذيفة مضادة قرب الطريق العام."
    )
    parts = _clause_texts(raw)
    assert len(parts) == 3
    assert parts[1].startswith("في حين") and parts[2].startswith("بينما")


def test_a_new_verb_of_saying_opens_a_clause() -> None:
    # A statement that goes on to strikes elsewhere tells another event.
    raw = (
        "وقال البيان إن الطائرات نفذت أربع غارات قرب مدينة الموصل شمالي البلاد، "
        "وأضاف البيان أن ثلاث غارات أخرى استهدفت مواقع قرب مدينة الرمادي غربا."
    )
    parts = _clause_texts(raw)
    assert len(parts) == 2
    assert parts[1].startswith("واضاف")


def test_short_clauses_stay_together() -> None:
    # Fewer than MIN_CLAUSE_WORDS words on one side: not worth a clause of its own.
    assert len(_clause_texts("قصفت الطائرات البلدة، كما قتل شخص.")) == 1
    assert len(_clause_texts("قصفت الطائرات البلدة وقتل شخص في القصف.")) == 1


def test_clause_offsets_cover_the_sentence() -> None:
    nt = normalize(
        "هاجم مسلحون حاجزا للجيش في ريف المدينة الشرقي، "
        "كما انفجرت عبوة ناسفة بسيارة مدنية قرب السوق."
    )
    (sentence,) = sentences(nt)
    parts = clauses(nt.text, sentence)
    assert [parts[0].start, parts[-1].end] == [sentence.start, sentence.end]
    assert all(a.end == b.start for a, b in pairwise(parts))
    assert [t for p in parts for t in p.tokens] == list(sentence.tokens)


@pytest.mark.parametrize(
    ("raw", "openings"),
    [
        # Without its comma, "كما" still opens a clause.
        (
            "استهدفت مدفعية الجيش أراضي زراعية قرب البلدة دون أن يصاب أحد بأذى "
            "كما اندلعت مواجهات بين المقاتلين وعناصر التنظيم عند مدخل القرية الشرقي.",
            ["كما اندلعت"],
        ),
        # "وفي المقابل" turns to another happening: a place named after it is not
        # the first clause's.
        (
            "انسحب المسلحون من البلدة بعد أن تمكن الأهالي من طردهم من ثلاثة مواقع، "
            "وفي المقابل رست سفينة تقل مئات النازحين في ميناء المدينة الجنوبي.",
            ["وفي المقابل"],
        ),
        # "علما بأن" and "إذ" go on to another, earlier happening.
        (
            "قتل ثلاثة عناصر من الفصيل بغارة نفذتها طائرة مسيرة على سيارتهم قرب البلدة، "
            "علما بأن هذه الغارة ليست الأولى على المنطقة، إذ قتل اثنان آخران بغارة مماثلة "
            "في الربيع.",
            ["علما", "اذ"],
        ),
    ],
)
def test_a_clause_opener_cuts(raw: str, openings: list[str]) -> None:
    parts = _clause_texts(raw)
    assert len(parts) == len(openings) + 1
    assert all(part.startswith(o) for part, o in zip(parts[1:], openings, strict=True))


def test_while_he_was_tells_the_same_event() -> None:
    # "بينما كان" gives the circumstances (and here the date) of the strike.
    raw = (
        "قتل القيادي في التنظيم بضربة جوية على طريق ريفي قرب البلدة الحدودية "
        "بينما كان يتنقل بسيارته مع اثنين من مرافقيه في الثامن من الشهر الجاري."
    )
    assert len(_clause_texts(raw)) == 1


def test_an_ellipsis_in_brackets_does_not_end_a_sentence() -> None:
    # "(...)" marks words left out of a quotation.
    nt = normalize("قتل 13 شخصا بينهم نساء (...) في غارة على البلدة. ثم هدأ القصف...")
    parts = [nt.text[s.start : s.end] for s in sentences(nt)]
    assert len(parts) == 2 and parts[0].endswith("البلده.")
    assert parts[1].endswith("القصف...")


def test_next_word_leaves_out_its_punctuation() -> None:
    text = "قصفت المدفعية «التركية»، مواقع"
    after = text.index("المدفعية") + len("المدفعية")
    start, end = next_word(text, after) or (0, 0)
    assert text[start:end] == "التركية"
    assert next_word("الشرطة،", 7) is None  # nothing after
    # A line break ends a word as a space does.
    start, end = next_word("الشرطة التركية\nقصفت", 6) or (0, 0)
    assert (start, end) == (7, 14)
    # Beyond the reach is too far to qualify the name.
    assert next_word("الشرطة" + " " * 20 + "التركية", 6) is None
