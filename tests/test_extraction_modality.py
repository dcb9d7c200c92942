"""The event-mention classifier: which trigger mentions report an event."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from tests.conftest import assert_folded_word_list

import marsad
from marsad.errors import DataError
from marsad.extraction.classifier import EventMentionDetector, sentence_event_types
from marsad.extraction.modality import ModalityClassifier, _load_package_data
from marsad.normalize import normalize


@pytest.fixture(scope="module")
def detector() -> EventMentionDetector:
    return EventMentionDetector()


def verdicts(detector: EventMentionDetector, raw: str) -> list[tuple[str, bool, str]]:
    groups = detector.detect(normalize(raw))
    return [(t.mention.text, t.accepted, t.decision.reason) for g in groups for t in g.triggers]


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("لم تقصف الطائرات البلدة أمس", "negation"),
        ("نفت الوزارة أن تكون قواتها قد اعتقلت الصحفي أمس", "denial"),
        ("هدد القائد بقصف المدينة خلال أيام", "future"),
        ("يعتزم الجيش شن هجوم على البلدة", "future"),
        ("وسيقصف الطيران مواقع المسلحين", "future"),
        ("إذا هاجم المسلحون القرية فسيرد الجيش", "hypothetical"),
        ("تتعرض القرى يوميا لقصف مدفعي من قوات النظام", "habitual"),
        ("وتواصل الحكومة الهجوم على الحريات العامة", "metaphor"),
        ("وتقع البلدة ضمن مناطق سيطرة المعارضة", "blocked"),
        ("وحضر القاضي عملية إعدام المدان شنقا صباح أمس", "judicial"),
        ("وأعربت الوزيرة عن أسفها للهجوم الذي وقع في العاصمة", "reaction"),
        ("وتبقى القوات جاهزة للرد على أي هجوم على المدينة", "quantified"),
        ("ويحتجز التنظيم آلاف المدنيين منذ سيطرته على المدينة", "since"),
        ("وأضاف المصدر أن الطيران قد يقصف البلدة", "hypothetical"),
        ("ويتخذ المجلس المدينة مقرا منذ أن استولت جماعة مسلحة على العاصمة", "historical"),
        ("وتقصف المدفعية أحياء المدينة بانتظام منذ سيطرة الفصائل عليها", "habitual"),
        ("وكانت البلدة قد شهدت هجوما مماثلا في وقت سابق من هذا الشهر", "historical"),
        ("وتواجه الفصائل تنظيما استولى على مساحات واسعة في الشمال والشرق", "generic"),
        # The barrel bombs are as habitual as the shelling that drops them.
        ("ويقصف الطيران بانتظام قرى الريف الجنوبي بالصواريخ والبراميل المتفجرة", "habitual"),
        # A clause that opens with an imperfect verb describes what goes on.
        ("ويستخدم الطرفان في معاركهما المدفعية الثقيلة والصواريخ الموجهة", "habitual"),
        # "No reports of clashes" denies them however far the clashes come after.
        ("ولم ترد تقارير عن وقوع مواجهات بين الطلاب وحراس الجامعة في الساحة", "denial"),
        # "A series of" attacks told as a summary is background.
        ("ونفذ التنظيم مؤخرا سلسلة من التفجيرات في المدينة", "habitual"),
        # ل on a noun of taking ground is an aim, here in a group's name.
        ("وتشكلت جبهة لتحرير الساحل مطلع العام من عدة فصائل", "future"),
        # A condemnation reacts to an attack told elsewhere.
        ("وأدانت الوزارة في بيان الهجوم على القافلة ودعت إلى محاسبة المسؤولين", "reaction"),
        ("وعقد المجلس اجتماعا طارئا على خلفية التفجيرات التي شهدتها المدينة", "reaction"),
        # A party's or a square's name is no liberation.
        ("وعقد أعضاء حزب التحرير مؤتمرا صحفيا في المدينة أمس", "blocked"),
        # Control of a situation is no change of territory.
        ("ولم تتمكن الشرطة من السيطرة على الوضع في السوق المركزي", "blocked"),
        # Fighting that lasted months is a campaign, not an incident.
        ("وكانت المدينة قد شهدت معارك دامت أشهرا مع التنظيم", "habitual"),
        # A span of years is history.
        ("وسيطر التنظيم على المدينة بين عامي 2014 و2017 وجعلها مقرا لقيادته", "historical"),
        # A bomb made safe never went off.
        ("وفككت وحدة الهندسة صباح اليوم سيارة مفخخة عند مدخل السوق", "negation"),
        # A road closed on suspicion of a bomb: no bomb went off.
        ("وأغلقت الشرطة الطريق بسبب الاشتباه بوجود عبوة ناسفة قرب الجسر", "hypothetical"),
        # A negated attempt negates the act however it is qualified.
        ("وقال إن المسلحين لم يحاولوا يوما اقتحام البلدة", "negation"),
        # An aim before the event word is a plan.
        ("وحشدت الفصائل مقاتليها بهدف اقتحام البلدة خلال الأيام المقبلة", "future"),
        # Deaths of nature and accidents are no political violence.
        ("وقتل أكثر من مئة شخص في زلزال عنيف ضرب الإقليم الجبلي الأسبوع الماضي", "metaphor"),
        ("وغرقت القرى الساحلية التي ضربتها أمواج عاتية فجر الاثنين", "metaphor"),
        # A killing over a private quarrel is a crime, not political violence.
        ("وأقدم رجل على قتل ضابط في الشرطة بسبب خلاف على أفضلية المرور وسط المدينة", "generic"),
        ("وقتل رجلان وأصيب ثالث في مشاجرة بالأسلحة النارية في أحد أحياء المدينة", "generic"),
    ],
)
def test_rejections(detector: EventMentionDetector, raw: str, reason: str) -> None:
    result = verdicts(detector, raw)
    assert result, raw
    assert not any(accepted for _, accepted, _ in result), result
    assert any(r == reason for _, _, r in result), result


@pytest.mark.parametrize(
    "raw",
    [
        "قصفت المدفعية أمس بلدة في ريف حلب ما أدى إلى مقتل ثلاثة مدنيين",
        "اغتال مسلحون مجهولون ضابطا في الشرطة مساء الأحد",
        "انفجرت عبوة ناسفة بدورية للجيش صباح اليوم",
        # A lawyer killed is a victim, not a court.
        "وأقدم مسلحون أمس على إعدام محام ميدانيا بإطلاق النار عليه وسط البلدة",
        # A series of strikes on one day is that day's strikes.
        "وشنت الطائرات الحربية اليوم سلسلة غارات على مواقع المسلحين قرب البلدة",
        # Managing or succeeding in an act says it happened.
        "وتمكنت الفصائل من السيطرة على تلة استراتيجية قرب البلدة",
        "ونجحت الفصائل في اقتحام التلة المطلة على الطريق",
    ],
)
def test_reported_events_are_accepted(detector: EventMentionDetector, raw: str) -> None:
    assert any(accepted for _, accepted, _ in verdicts(detector, raw))


def test_relative_clause_imperfect_is_not_an_event(detector: EventMentionDetector) -> None:
    result = verdicts(detector, "وهي الطائرات التي تقصف القرى")
    assert result and not any(a for _, a, _ in result)


def test_crowd_word_needs_an_act(detector: EventMentionDetector) -> None:
    assert sentence_event_types(detector, "ودعت الحكومة المتظاهرين إلى الحوار") == set()
    found = sentence_event_types(detector, "وتجمع مئات المتظاهرين أمام مبنى المحافظة أمس")
    assert "Protests" in found


def test_detection_does_not_need_a_date(detector: EventMentionDetector) -> None:
    found = sentence_event_types(detector, "قتل مسلحون خمسة أشخاص في هجوم على قرية")
    assert found & {"Violence against civilians", "Battles"}


def test_a_cue_must_be_a_whole_word(detector: EventMentionDetector) -> None:
    # "تنفي" (denies) begins "تنفيذه" (carrying it out): no denial here.
    raw = "قالت الشرطة إن تنفيذه جرى بسيارة مفخخة ركنت قرب السوق أمس"
    assert ("سيارة مفخخة", True, "event") in verdicts(detector, raw)
    denied = "ونفى التنظيم أي صلة له بتفجير سيارة مفخخة قرب السوق أمس"
    assert not any(accepted for _, accepted, _ in verdicts(detector, denied))


def test_page_furniture_reports_nothing(detector: EventMentionDetector) -> None:
    raw = "قصفت الطائرات البلدة أمس.\nرابط الخبر بصحيفة المدينة: قصف جوي على البلدة"
    result = verdicts(detector, raw)
    assert result[0][1] is True
    assert [(accepted, reason) for _, accepted, reason in result[1:]] == [(False, "boilerplate")]


def test_qad_before_a_perfect_verb_affirms(detector: EventMentionDetector) -> None:
    raw = "وكانت الطائرات قد نفذت الأحد غارات استهدفت مواقع التنظيم قرب المدينة"
    assert all(accepted for _, accepted, _ in verdicts(detector, raw))


def test_dawn_is_a_time_not_a_detonation(detector: EventMentionDetector) -> None:
    dawn = verdicts(detector, "واعتقلت الشرطة فجر الجمعة خمسة مطلوبين")
    assert ("فجر", False, "time of day") in dawn
    blast = verdicts(detector, "وفجر مسلحون عبوة ناسفة بدورية للجيش أمس")
    assert ("فجر", True, "event") in blast


@pytest.mark.parametrize(
    "raw",
    [
        # A mark clinging to the time word after it.
        "وداهمت دورية منزلا في الحي فجر الأحد.",
        "واعتقلت الشرطة ثلاثة مطلوبين فجر يوم السبت",
        # After a preposition the word is a noun, whatever follows it.
        "وتجمع الأهالي في الساحة قبل فجر العيد بساعات",
        "وعاد الصيادون إلى المرفأ مع فجر ذلك اليوم",
        "ونشر الشاعر قصيدة بعنوان «فجر جديد»",
    ],
)
def test_dawn_in_more_settings(detector: EventMentionDetector, raw: str) -> None:
    assert ("فجر", False, "time of day") in verdicts(detector, raw), verdicts(detector, raw)


def test_a_bare_construct_form_is_another_word(detector: EventMentionDetector) -> None:
    # "ضربت" alone is the verb "struck" (a cordon was laid, a crisis hit); the
    # noun "ضربة" takes its ت form only before a suffix ("ضربتها"، "ضربتين").
    cordon = verdicts(detector, "وضربت الشرطة طوقا أمنيا حول المبنى صباح اليوم")
    assert all(word != "ضربت" for word, _, _ in cordon), cordon
    strike = verdicts(detector, "وقالت القيادة إن ضربتها الأولى أصابت مخزنا للذخيرة أمس")
    assert ("ضربت", True, "event") in strike, strike


def test_present_tense_speech_still_reports(detector: EventMentionDetector) -> None:
    # "يقول ... إن" introduces a report; its nouns are judged on their own.
    raw = "ويقول المرصد إن انفجار سيارة مفخخة أسفر أمس عن مقتل أربعة عناصر"
    assert any(accepted for _, accepted, _ in verdicts(detector, raw))


def test_a_verb_rejection_stops_at_the_next_accepted_verb(detector: EventMentionDetector) -> None:
    raw = "ويقصف الطيران بانتظام قرى الريف، وقصفت المدفعية أمس البلدة بالبراميل المتفجرة"
    result = verdicts(detector, raw)
    assert result[0][1] is False and result[0][2] == "habitual", result
    assert all(accepted for _, accepted, _ in result[1:]), result


def cue_keys(modality: ModalityClassifier, raw: str) -> list[tuple[str, str]]:
    return [(c.key, c.category) for c in modality.cues(normalize(raw).text)]


def modality_with(**changes: Any) -> ModalityClassifier:
    """The packaged modality data with top-level sections replaced, as an analyst
    would edit them."""
    data = copy.deepcopy(_load_package_data())
    data.update(changes)
    return ModalityClassifier(data)


def test_the_qad_condition_is_data() -> None:
    perfect = "وكانت الطائرات قد قصفت البلدة"
    imperfect = "وأضاف أن الطائرات قد تقصف البلدة"
    packaged = ModalityClassifier()
    assert ("قد", "hypothetical") not in cue_keys(packaged, perfect)
    assert ("قد", "hypothetical") in cue_keys(packaged, imperfect)
    # Without its condition in the data, "قد" counts before any word.
    unconditional = modality_with(only_before={})
    assert ("قد", "hypothetical") in cue_keys(unconditional, perfect)


def test_an_analyst_can_condition_another_cue() -> None:
    data = _load_package_data()
    modality = modality_with(only_before={**data["only_before"], "رُبّما": "imperfect_verb"})
    assert ("ربما", "hypothetical") not in cue_keys(modality, "ربما قصفت الطائرات البلدة")
    assert ("ربما", "hypothetical") in cue_keys(modality, "ربما تقصف الطائرات البلدة")
    assert ("ربما", "hypothetical") in cue_keys(ModalityClassifier(), "ربما قصفت الطائرات البلدة")


def test_a_word_class_reads_its_letters_from_the_data() -> None:
    # Only a verb of the first person plural (نقصف) after "قد".
    modality = modality_with(word_classes={"imperfect_verb": {"starts": ["ن"]}})
    assert ("قد", "hypothetical") in cue_keys(modality, "قد نقصف البلدة")
    assert ("قد", "hypothetical") not in cue_keys(modality, "قد يقصف البلدة")


def test_a_condition_on_an_undefined_word_class_is_a_data_error() -> None:
    with pytest.raises(DataError):
        modality_with(only_before={"قد": "perfect_verb"})
    with pytest.raises(DataError):
        modality_with(word_classes={"imperfect_verb": {"starts": "يتنا"}})


def test_a_toll_of_the_war_in_general_is_not_the_last_events() -> None:
    text = (
        "قصفت قوات النظام أمس بلدة كنصفرة في ريف إدلب بالمدفعية الثقيلة.\n"
        "والحرب والهجمات في البلاد خلفت مقتل 230 ألف شخص منذ اندلاعها."
    )
    (event,) = marsad.extract(text, published="2026-11-22")
    assert event.fatalities == 0


# The word lists of the detector and of ``decide`` (formerly constants), each with
# a word it must hold.
MODALITY_LISTS = {
    "relatives": "الذي",
    "clause_leads": "كما",
    "not_verbs": "يوم",
    "speech_objects": "انه",
    "quantities": "الاف",
    "gathering_verbs": "خرج",
    "bare_cues": "غدا",
    "times_of_day_after": "قبل",
}


@pytest.mark.parametrize(("name", "word"), MODALITY_LISTS.items())
def test_each_word_list_is_loaded_folded_and_non_empty(name: str, word: str) -> None:
    assert_folded_word_list(name, getattr(ModalityClassifier(), name), word)


@pytest.mark.parametrize("name", MODALITY_LISTS)
def test_a_word_list_given_as_a_string_is_a_data_error(name: str) -> None:
    with pytest.raises(DataError):
        modality_with(**{name: "الذي"})


def test_an_added_gathering_verb_reports_the_protest(detector: EventMentionDetector) -> None:
    raw = "هرع المتظاهرون إلى ساحة المدينة وهتفوا ضد الحكومة"
    # "the protesters", with no verb bringing them out: an elaboration.
    assert verdicts(detector, raw) == [("متظاهرون", False, "elaboration")]
    data = _load_package_data()
    modality = modality_with(gathering_verbs=[*data["gathering_verbs"], "هرع"])
    extended = EventMentionDetector(detector.matcher, modality)
    assert verdicts(extended, raw) == [("متظاهرون", True, "event")]


def test_an_aim_after_the_event_word_is_its_purpose(detector: EventMentionDetector) -> None:
    # "They demonstrated to demand ...": the demand is why a protest that
    # happened was held, not a plan; before the event word the same cue is one.
    result = verdicts(
        detector, "ونظم مئات الطلاب أمس تظاهرة في الساحة للمطالبة بالإفراج عن زملائهم"
    )
    assert any(accepted for _, accepted, _ in result), result


def test_the_day_after_is_not_tomorrow(detector: EventMentionDetector) -> None:
    # "غداة" (on the day after) holds the cue "غدا" (tomorrow) with a suffix; it
    # is no future, but the event it dates from is background.
    result = verdicts(detector, "وقصفت المدفعية مواقع المسلحين غداة غارات على قواعدهم في الجبال")
    assert [(word, reason) for word, _, reason in result] == [
        ("قصفت", "event"),
        ("مدفعية", "event"),
        ("غارات", "since"),
    ]


def test_a_cue_word_inside_a_name_does_not_count(detector: EventMentionDetector) -> None:
    # "عمليات" is a generic cue, but in "قيادة العمليات" (a blocker: a command's
    # name) it names who speaks.
    result = verdicts(detector, "وقالت قيادة العمليات إن الضربات أسفرت عن مقتل أربعة مسلحين")
    assert [(word, accepted) for word, accepted, _ in result] == [("ضربات", True)]


def test_mine_clearing_is_not_a_mine_blast(detector: EventMentionDetector) -> None:
    result = verdicts(detector, "ووصلت كاسحات الألغام إلى المدينة أمس لتطهير الطرق الرئيسية")
    assert not any(accepted for _, accepted, _ in result), result


def test_a_blocker_that_is_a_trigger_still_reports(detector: EventMentionDetector) -> None:
    # "سلسلة" (a series of) is a habitual cue, but a human chain is a protest and
    # the crowd in it protested once.
    raw = "وشكل مئات الطلاب سلسلة بشرية أمام مبنى الجامعة أمس رفضا لقرار الإغلاق"
    result = verdicts(detector, raw)
    assert ("سلسلة بشرية", True, "event") in result
    assert all(accepted for _, accepted, _ in result), result
    assert sentence_event_types(detector, raw) == {"Protests"}


def test_a_crowd_that_gathered_protests(detector: EventMentionDetector) -> None:
    raw = "وتجمع عشرات الأهالي في ساحة البلدة حاملين لافتات تطالب بالإفراج عن المعتقلين"
    assert sentence_event_types(detector, raw) == {"Protests"}


def test_a_line_of_hashtags_reports_nothing(detector: EventMentionDetector) -> None:
    raw = "قصفت الطائرات البلدة أمس.\n#هيئة_تحرير_الشام #قصف #إدلب"
    result = verdicts(detector, raw)
    assert result[0][1] is True
    assert {reason for _, accepted, reason in result[1:] if not accepted} == {"boilerplate"}
