"""Casualty phrases: kind, coded count and the rule that produced it."""

from __future__ import annotations

from datetime import date

import pytest
from tests.conftest import SEED_ID, shared_path

from marsad.normalize import normalize
from marsad.recognize.casualties import CasualtyMatcher
from marsad.recognize.dates import DateMatcher, load_data
from marsad.recognize.numbers import NumberMatcher
from marsad.recognize.types import CasualtyMention


@pytest.fixture(scope="module")
def matcher() -> CasualtyMatcher:
    return CasualtyMatcher(NumberMatcher())


def find(matcher: CasualtyMatcher, raw: str) -> list[CasualtyMention]:
    mentions = matcher.find(normalize(raw))
    for m in mentions:
        assert raw[m.start : m.end] == m.text
    return mentions


NUMBER = "explicit number"
VAGUE3 = "vague: a number of -> 3"
PLURAL_KILLED = "plural killed without number -> 3"

# (sentence, [(text, kind, count, rule), ...])
CASES: list[tuple[str, list[tuple[str, str, int, str]]]] = [
    ("أسفر القصف عن مقتل 12 عنصراً من الفصيل", [("مقتل 12 عنصراً", "killed", 12, NUMBER)]),
    ("قتل 12 عنصرا في الكمين", [("قتل 12 عنصرا", "killed", 12, NUMBER)]),
    ("قُتل خمسة مدنيين بالقصف", [("قُتل خمسة مدنيين", "killed", 5, NUMBER)]),
    ("سقط 12 قتيلاً في المعارك", [("12 قتيلاً", "killed", 12, NUMBER)]),
    ("مقتل خمسة مدنيين في الغارة", [("مقتل خمسة مدنيين", "killed", 5, NUMBER)]),
    ("أدى الانفجار إلى سقوط ثلاثة قتلى", [("سقوط ثلاثة قتلى", "killed", 3, NUMBER)]),
    ("قتيلان في انفجار دراجة نارية", [("قتيلان", "killed", 2, "dual noun")]),
    (
        "سقط قتيلين وجريح",
        [("قتيلين", "killed", 2, "dual noun"), ("جريح", "wounded", 1, "singular noun")],
    ),
    ("مقتل عدد من السائقين على الطريق", [("مقتل عدد من السائقين", "killed", 3, VAGUE3)]),
    ("مقتل عشرات المدنيين", [("مقتل عشرات المدنيين", "killed", 12, "vague: dozens -> 12")]),
    ("سقط مئات القتلى", [("مئات القتلى", "killed", 100, "vague: hundreds -> 100")]),
    ("مقتل مدني برصاص قناص", [("مقتل مدني", "killed", 1, "singular noun")]),
    ("مقتل مدنيين في قصف مدفعي", [("مقتل مدنيين", "killed", 3, PLURAL_KILLED)]),
    ("أدى القصف إلى سقوط ضحايا", [("سقوط ضحايا", "killed", 3, PLURAL_KILLED)]),
    ("وقع القصف وسقط قتلى", [("قتلى", "killed", 3, PLURAL_KILLED)]),
    (
        "أسفر عن مقتل عدد من حراس القافلة وبعض عناصر الحماية المرافقة",
        [("مقتل عدد من حراس القافلة وبعض عناصر الحماية", "killed", 3, VAGUE3)],
    ),
    ("مقتل بعض المارة", [("مقتل بعض المارة", "killed", 3, VAGUE3)]),
    ("مقتل عدة أشخاص", [("مقتل عدة أشخاص", "killed", 3, VAGUE3)]),
    ("مقتل العديد من المدنيين", [("مقتل العديد من المدنيين", "killed", 10, "vague: many -> 10")]),
    ("مقتل عدد كبير من العناصر", [("مقتل عدد كبير من العناصر", "killed", 10, "vague: many -> 10")]),
    ("مقتل مدنيين اثنين", [("مقتل مدنيين اثنين", "killed", 2, NUMBER)]),
    ("استشهاد طفلين في القصف", [("استشهاد طفلين", "killed", 2, "dual noun")]),
    ("استشهاد ثلاثة أطفال", [("استشهاد ثلاثة أطفال", "killed", 3, NUMBER)]),
    ("ارتقى أربعة شهداء", [("أربعة شهداء", "killed", 4, NUMBER)]),
    (
        "سقط شهيد وجريحان",
        [("شهيد", "killed", 1, "singular noun"), ("جريحان", "wounded", 2, "dual noun")],
    ),
    ("مصرع سبعة أشخاص في الحادث", [("مصرع سبعة أشخاص", "killed", 7, NUMBER)]),
    ("لقي شاب حتفه بانفجار لغم", [("لقي شاب حتفه", "killed", 1, "pronoun suffix")]),
    ("لقي شخصان حتفهما", [("لقي شخصان حتفهما", "killed", 2, "dual noun")]),
    ("لقوا حتفهم في الحادث", [("لقوا حتفهم", "killed", 3, PLURAL_KILLED)]),
    ("لقي 5 أشخاص حتفهم", [("لقي 5 أشخاص حتفهم", "killed", 5, NUMBER)]),
    ("لقي ثلاثة عمال مصرعهم", [("لقي ثلاثة عمال مصرعهم", "killed", 3, NUMBER)]),
    ("أعلن الفصيل عن مقتله", [("مقتله", "killed", 1, "pronoun suffix")]),
    ("أكدت العائلة مقتلهما", [("مقتلهما", "killed", 2, "pronoun suffix")]),
    ("نعت الفصائل مقتلهم", [("مقتلهم", "killed", 3, "pronoun suffix")]),
    ("العثور على جثث 4 أشخاص", [("جثث 4 أشخاص", "killed", 4, NUMBER)]),
    ("مقتل نحو 20 شخصا", [("مقتل نحو 20 شخصا", "killed", 20, "explicit number (about)")]),
    (
        "مقتل ما لا يقل عن 7 أشخاص",
        [("مقتل ما لا يقل عن 7 أشخاص", "killed", 7, "explicit number (at least)")],
    ),
    (
        "مقتل أكثر من ثلاثين عنصرا",
        [("مقتل أكثر من ثلاثين عنصرا", "killed", 30, "explicit number (more than)")],
    ),
    ("مقتل أحد عناصر الفصيل", [("مقتل أحد عناصر", "killed", 1, NUMBER)]),
    ("مقتل 3 من عناصر الشرطة", [("مقتل 3 من عناصر", "killed", 3, NUMBER)]),
    ("قتلوا في المعارك", [("قتلوا", "killed", 3, "plural verb killed without number -> 3")]),
    ("مقتل القيادي في الفصيل", [("مقتل القيادي", "killed", 1, "singular noun")]),
    # wounded
    ("سقط 20 جريحاً", [("20 جريحاً", "wounded", 20, NUMBER)]),
    ("إصابة سبعة أشخاص بجروح", [("إصابة سبعة أشخاص", "wounded", 7, NUMBER)]),
    ("أصيب ثلاثة مدنيين", [("أصيب ثلاثة مدنيين", "wounded", 3, NUMBER)]),
    ("أصيب بجروح خطيرة", [("أصيب", "wounded", 1, "verb without victims")]),
    ("أصيبوا بشظايا", [("أصيبوا", "wounded", 3, "plural verb wounded without number -> 3")]),
    ("خمسة جرحى", [("خمسة جرحى", "wounded", 5, NUMBER)]),
    ("عشرات الجرحى", [("عشرات الجرحى", "wounded", 12, "vague: dozens -> 12")]),
    ("ووقوع إصابات", [("وقوع إصابات", "wounded", 3, "plural wounded without number -> 3")]),
    ("إصابة طفلين", [("إصابة طفلين", "wounded", 2, "dual noun")]),
    (
        "مقتل خمسة مدنيين وإصابة سبعة آخرين",
        [("مقتل خمسة مدنيين", "killed", 5, NUMBER), ("إصابة سبعة آخرين", "wounded", 7, NUMBER)],
    ),
    # captured
    ("أسر 3 جنود", [("أسر 3 جنود", "captured", 3, NUMBER)]),
    ("أسر جنديين", [("أسر جنديين", "captured", 2, "dual noun")]),
    ("وقع خمسة أسرى بيد الفصيل", [("خمسة أسرى", "captured", 5, NUMBER)]),
    ("أسير واحد", [("أسير", "captured", 1, "singular noun")]),
    # not casualty phrases
    ("أسر الشهداء يطالبون بالعدالة", []),
    ("إصابة مباشرة للمبنى", []),
    ("ارتفع عدد القتلى", []),
    ("طالب بالتحقيق في قتل المتظاهرين", [("قتل المتظاهرين", "killed", 3, PLURAL_KILLED)]),
    ("قتل أبو محمد", []),
    ("المقتل الغامض", []),
    ("نقل القتلى إلى المستشفى", []),
    ("تجمعت أسر اللاجئين أمام المبنى", []),
    ("ارتفعت حصيلة القتلى إلى 15", [("حصيلة القتلى إلى 15", "killed", 15, "toll rose to number")]),
    ("وصل عدد الجرحى إلى نحو 40", [("الجرحى إلى نحو 40", "wounded", 40, "toll rose to number")]),
    ("لا يريد أن يكون المواطنون ضحايا هذه الحرب", []),
    ("لم ترد أنباء عن إصابات", []),
    ("توفي الشاعر عن عمر ناهز الثمانين", []),
    ("أصيب العشرات بالإضافة إلى ذلك", [("أصيب العشرات", "wounded", 12, "vague: dozens -> 12")]),
    (
        "إصابة العشرات من المدنيين",
        [("إصابة العشرات من المدنيين", "wounded", 12, "vague: dozens -> 12")],
    ),
    # The counted victims stand before the verb.
    (
        "إن 12 مدنياً على الأقل قتلوا مساء أمس",
        [("12 مدنياً على الأقل قتلوا", "killed", 12, NUMBER)],
    ),
    ("أن 19 من عناصر التنظيم قتلوا", [("19 من عناصر التنظيم قتلوا", "killed", 19, NUMBER)]),
    ("أن 12 سورياً قتلوا في القصف", [("12 سورياً قتلوا", "killed", 12, NUMBER)]),
    ("وفي عام 2015 قتلوا", [("قتلوا", "killed", 3, "plural verb killed without number -> 3")]),
    ("إن شخصين قُتلا", [("قُتلا", "killed", 2, "dual verb without victims")]),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_casualties(
    matcher: CasualtyMatcher, raw: str, expected: list[tuple[str, str, int, str]]
) -> None:
    got = [(m.text, m.kind, m.count, m.rule) for m in find(matcher, raw)]
    assert got == expected


def test_obfuscated_phrase_keeps_raw_offsets(matcher: CasualtyMatcher) -> None:
    raw = "أسفر عن مقـ.ـتـ.ـل ثلاثة عناصر"
    (m,) = find(matcher, raw)
    assert (m.text, m.count) == ("مقـ.ـتـ.ـل ثلاثة عناصر", 3)


def test_rules_come_from_the_data_file(matcher: CasualtyMatcher) -> None:
    rules = {rule for _, rule in matcher.vague.values()}
    assert {"vague: a number of -> 3", "vague: dozens -> 12", "vague: hundreds -> 100"} <= rules


def test_a_nisba_ending_added_to_the_data_counts_the_victims(matcher: CasualtyMatcher) -> None:
    counted = "وقال المرصد إن 12 سوريا قتلوا في القصف"
    assert [(m.text, m.count) for m in find(matcher, counted)] == [("12 سوريا قتلوا", 12)]
    feminine = "وقال المرصد إن 12 سوريات قتلن في القصف"
    assert [(m.text, m.count) for m in find(matcher, feminine)] == [("قتلن", 3)]
    data = load_data("numbers/casualties.yaml")
    data["nisba_endings"] = [*data["nisba_endings"], "يات"]
    extended = CasualtyMatcher(NumberMatcher(), data)
    assert [(m.text, m.count) for m in find(extended, feminine)] == [("12 سوريات قتلن", 12)]


def test_seed_report_casualties(matcher: CasualtyMatcher) -> None:
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    got = [(m.kind, m.count, m.rule) for m in find(matcher, raw)]
    assert ("killed", 3, VAGUE3) in got
    assert ("killed", 12, NUMBER) in got
    assert len(got) == 2


@pytest.mark.parametrize(
    "raw",
    [
        "قتل 12 عنصرا في 12 تشرين الثاني 2020 وأصيب 3 آخرون أمس",
        "لقي 4 أشخاص حتفهم الخميس الماضي، وقتل خمسة مدنيين قبل يومين",
        "سقط قتيلان يوم 5/11/2020 في الغارة",
    ],
)
def test_dates_found_with_an_anchor_give_the_same_phrases(
    matcher: CasualtyMatcher, raw: str
) -> None:
    # Extraction passes the dates it resolved against the publication date; where
    # they lie does not depend on the anchor, so the phrases must not either.
    nt = normalize(raw)
    dates = DateMatcher().find(nt, date(2020, 11, 21))
    assert dates
    assert matcher.find(nt, dates) == matcher.find(nt)
