"""Date expressions: finding them and resolving them against a publication date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import SEED_ID, shared_path

from marsad.cli import cli
from marsad.errors import InputError
from marsad.normalize import normalize
from marsad.recognize.dates import NO_ANCHOR, DateMatcher
from marsad.recognize.types import DateMention

SAT = date(2020, 11, 21)  # a Saturday
THU = date(2021, 6, 17)  # a Thursday
JAN = date(2021, 1, 10)  # a Sunday early in the year


@pytest.fixture(scope="module")
def matcher() -> DateMatcher:
    return DateMatcher()


def find(matcher: DateMatcher, raw: str, anchor: date | None) -> list[DateMention]:
    mentions = matcher.find(normalize(raw), anchor)
    for m in mentions:
        assert raw[m.start : m.end] == m.text
    return mentions


# (sentence, anchor, text of the one expected mention, value, precision, reason fragment)
CASES: list[tuple[str, date, str, str, int, str]] = [
    # relative days
    ("أعلنت الوزارة اليوم عن خطة جديدة", SAT, "اليوم", "2020-11-21", 1, "today"),
    ("قصفت المدفعية البلدة فجر اليوم", SAT, "فجر اليوم", "2020-11-21", 1, "today"),
    ("اعتقلت الدورية شابين صباح اليوم", SAT, "صباح اليوم", "2020-11-21", 1, "today"),
    ("انفجرت عبوة ناسفة أمس في السوق", SAT, "أمس", "2020-11-20", 1, "relative:yesterday"),
    ("وقعت اشتباكات مساء أمس قرب الجسر", SAT, "مساء أمس", "2020-11-20", 1, "yesterday"),
    ("شنت الطائرات غارات بالأمس", SAT, "بالأمس", "2020-11-20", 1, "yesterday"),
    ("وصل الرتل يوم أمس إلى القاعدة", SAT, "يوم أمس", "2020-11-20", 1, "yesterday"),
    ("سقطت قذيفتان ليلة أمس على الحي", SAT, "ليلة أمس", "2020-11-20", 1, "yesterday"),
    ("دوت انفجارات الليلة الماضية في المدينة", SAT, "الليلة الماضية", "2020-11-20", 1, "night"),
    ("هاجم مسلحون الحاجز أمس الأول", SAT, "أمس الأول", "2020-11-19", 1, "before yesterday"),
    ("هاجم مسلحون الحاجز أول أمس", SAT, "أول أمس", "2020-11-19", 1, "before yesterday"),
    ("قتل خمسة الليل قبل الماضي", SAT, "الليل قبل الماضي", "2020-11-19", 1, "before yesterday"),
    ("جرى الاعتداء أول من أمس", SAT, "أول من أمس", "2020-11-19", 1, "before yesterday"),
    ("ستعقد الجلسة غدا في العاصمة", SAT, "غدا", "2020-11-22", 1, "tomorrow"),
    # ago
    ("قتل الشاب منذ يومين في كمين", SAT, "منذ يومين", "2020-11-19", 1, "2 days ago"),
    ("اختطف الطفل قبل يومين", SAT, "قبل يومين", "2020-11-19", 1, "2 days ago"),
    ("بدأت الحملة منذ ثلاثة أيام", SAT, "منذ ثلاثة أيام", "2020-11-18", 1, "3 days ago"),
    ("انسحبت القوات قبل 4 أيام", SAT, "قبل 4 أيام", "2020-11-17", 1, "4 days ago"),
    ("أغلق المعبر منذ أسبوع", SAT, "منذ أسبوع", "2020-11-14", 2, "7 days ago"),
    ("اندلع الحريق قبل ساعات", SAT, "قبل ساعات", "2020-11-21", 1, "hours ago"),
    # weekdays
    ("قصف الجيش مواقع المعارضة، الخميس، بالمدفعية", SAT, "الخميس", "2020-11-19", 1, "thursday"),
    ("اجتمع الوفدان يوم الخميس في أنقرة", SAT, "يوم الخميس", "2020-11-19", 1, "thursday"),
    ("هاجم التنظيم القافلة الخميس الماضي", SAT, "الخميس الماضي", "2020-11-19", 1, "thursday"),
    ("خرجت مظاهرة يوم الجمعة في المدينة", SAT, "يوم الجمعة", "2020-11-20", 1, "friday"),
    ("قتل ثلاثة عناصر صباح الثلاثاء", SAT, "صباح الثلاثاء", "2020-11-17", 1, "tuesday"),
    ("جرت الانتخابات الأربعاء في البلدة", SAT, "الأربعاء", "2020-11-18", 1, "wednesday"),
    ("أعلنت الحكومة السبت حظر التجول", SAT, "السبت", "2020-11-21", 1, "most recent saturday"),
    ("وقع الهجوم السبت الماضي", SAT, "السبت الماضي", "2020-11-14", 1, "week before"),
    ("انفجرت سيارة مفخخة يوم الاثنين", SAT, "يوم الاثنين", "2020-11-16", 1, "monday"),
    ("اعتقل ناشطون مساء الأحد", SAT, "مساء الأحد", "2020-11-15", 1, "sunday"),
    ("وقع الهجوم مساء يوم الخميس", SAT, "مساء يوم الخميس", "2020-11-19", 1, "thursday"),
    ("قالت الوزارة الاثنين إن القصف توقف", SAT, "الاثنين", "2020-11-16", 1, "monday"),
    ("وصلت التعزيزات مساء يوم أمس", SAT, "مساء يوم أمس", "2020-11-20", 1, "yesterday"),
    ("قتل في الثالث عشر من تموز", SAT, "الثالث عشر من تموز", "2020-07-13", 1, "day month"),
    ("بدأ الهجوم قبل عشرة أيام", SAT, "قبل عشرة أيام", "2020-11-11", 1, "10 days ago"),
    ("قتل في الـ8 من تموز الجاري", SAT, "الـ8 من تموز الجاري", "2020-07-08", 1, "current"),
    ("اندلعت في شهر آذار عام2011", SAT, "شهر آذار عام2011", "2011-03-15", 3, "month and year"),
    ("بدأت في مايو أيار الماضي", SAT, "مايو أيار الماضي", "2020-05-15", 3, "past month"),
    ("الأحد، قصفت الطائرات القرية", SAT, "الأحد", "2020-11-15", 1, "sunday"),
    ("تظاهر العشرات الخميس الماضي أمام المبنى", THU, "الخميس الماضي", "2021-06-10", 1, "before"),
    ("تظاهر العشرات الخميس أمام المبنى", THU, "الخميس", "2021-06-17", 1, "most recent"),
    ("تبدأ المفاوضات الأحد المقبل", SAT, "الأحد المقبل", "2020-11-22", 1, "next sunday"),
    # weeks and months
    ("تصاعد القصف الأسبوع الماضي", SAT, "الأسبوع الماضي", "2020-11-11", 2, "week"),
    ("اشتدت المعارك الأسبوع الماضي", THU, "الأسبوع الماضي", "2021-06-09", 2, "week"),
    ("قتل عشرة مدنيين الشهر الماضي", SAT, "الشهر الماضي", "2020-10-15", 3, "past month"),
    ("تراجعت الهجمات هذا الشهر", SAT, "هذا الشهر", "2020-11-15", 3, "current month"),
    ("أغلقت الطرق مطلع الشهر الحالي", SAT, "مطلع الشهر الحالي", "2020-11-01", 3, "first day"),
    ("وصلت التعزيزات مطلع الشهر", SAT, "مطلع الشهر", "2020-11-01", 3, "first day"),
    ("انسحبت القوات أواخر الشهر الماضي", SAT, "أواخر الشهر الماضي", "2020-10-31", 3, "last day"),
    ("تقدمت القوات في بداية الشهر الماضي", JAN, "بداية الشهر الماضي", "2020-12-01", 3, "first"),
    ("قتل سائق في 15 من الشهر الجاري", SAT, "15 من الشهر الجاري", "2020-11-15", 1, "current"),
    ("قتل سائق في 3 من الشهر الماضي", SAT, "3 من الشهر الماضي", "2020-10-03", 1, "past"),
    # explicit day and month, year from the anchor
    ("وفي 15 تشرين الثاني الحالي هاجم مسلحون", SAT, "15 تشرين الثاني الحالي", "2020-11-15", 1, ""),
    (
        "أبرم الطرفان تفاهما في السابع من نيسان/أبريل الماضي",
        SAT,
        "السابع من نيسان/أبريل الماضي",
        "2020-04-07",
        1,
        "explicit day month",
    ),
    ("حدث ذلك في 3 نوفمبر", SAT, "3 نوفمبر", "2020-11-03", 1, "year from anchor"),
    ("جرى التفجير في 25 ديسمبر", SAT, "25 ديسمبر", "2019-12-25", 1, "previous year"),
    ("جرى التفجير في 25 كانون الأول", JAN, "25 كانون الأول", "2020-12-25", 1, "previous year"),
    (
        "تم الاتفاق في 12 تشرين الثاني (نوفمبر)",
        SAT,
        "12 تشرين الثاني (نوفمبر)",
        "2020-11-12",
        1,
        "",
    ),
    ("وصلت القافلة في 9 جانفي", JAN, "9 جانفي", "2021-01-09", 1, "year from anchor"),
    ("اندلعت الاحتجاجات في 20 فيفري", SAT, "20 فيفري", "2020-02-20", 1, ""),
    ("أعلن الحظر في 7 جويلية", SAT, "7 جويلية", "2020-07-07", 1, ""),
    ("أعلن الحظر في 7 يوليو", SAT, "7 يوليو", "2020-07-07", 1, ""),
    ("بدأت العملية في 2 أغسطس", SAT, "2 أغسطس", "2020-08-02", 1, ""),
    ("بدأت العملية في 2 أوت", SAT, "2 أوت", "2020-08-02", 1, ""),
    (
        "في الحادي والعشرين من أيلول الماضي",
        SAT,
        "الحادي والعشرين من أيلول الماضي",
        "2020-09-21",
        1,
        "past month",
    ),
    ("في الأولى من نيسان المقبل", SAT, "الأولى من نيسان المقبل", "2021-04-01", 1, "coming"),
    (
        "قتل في 15 تشرين الثاني من العام الماضي",
        SAT,
        "15 تشرين الثاني من العام الماضي",
        "2019-11-15",
        1,
        "last year",
    ),
    # explicit dates with a year
    (
        "الخميس 19 تشرين الثاني 2020",
        SAT,
        "الخميس 19 تشرين الثاني 2020",
        "2020-11-19",
        1,
        "explicit",
    ),
    ("في 5 أيار 2019 قصفت الطائرات", SAT, "5 أيار 2019", "2019-05-05", 1, "explicit date"),
    ("بتاريخ 1 يناير 2021م", SAT, "1 يناير 2021م", "2021-01-01", 1, "explicit date"),
    ("في 14 شباط عام 2005", SAT, "14 شباط عام 2005", "2005-02-14", 1, "explicit date"),
    # numeric dates
    ("صدر القرار بتاريخ 15/11/2020", SAT, "15/11/2020", "2020-11-15", 1, "numeric"),
    ("صدر القرار بتاريخ 15-11-2020", SAT, "15-11-2020", "2020-11-15", 1, "numeric"),
    ("صدر القرار بتاريخ 2020-11-15", SAT, "2020-11-15", "2020-11-15", 1, "year-month-day"),
    ("صدر القرار بتاريخ 15.11.2020", SAT, "15.11.2020", "2020-11-15", 1, "numeric"),
    ("صدر القرار بتاريخ ١٥/١١/٢٠٢٠", SAT, "١٥/١١/٢٠٢٠", "2020-11-15", 1, "numeric"),
    # months alone, month and year, year alone
    ("تصاعدت الاغتيالات خلال شهر آذار", SAT, "شهر آذار", "2020-03-15", 3, "middle"),
    ("نزح الآلاف في نيسان الماضي", SAT, "نيسان الماضي", "2020-04-15", 3, "middle"),
    ("ارتفع عدد الضحايا في آذار 2019", SAT, "آذار 2019", "2019-03-15", 3, "month and year"),
    ("في تشرين الأول/أكتوبر 2019 انطلقت", SAT, "تشرين الأول/أكتوبر 2019", "2019-10-15", 3, ""),
    ("في أواخر حزيران 2018", SAT, "أواخر حزيران 2018", "2018-06-30", 3, "last day"),
    ("مطلع أيار الماضي", SAT, "مطلع أيار الماضي", "2020-05-01", 3, "first day"),
    ("سيطر التنظيم على المدينة عام 2014", SAT, "عام 2014", "2014-07-01", 3, "year only"),
    ("وبدأت المعارك في الحي في صيف 2012", SAT, "صيف 2012", "2012-07-01", 3, "year only"),
    # Hijri
    ("في 5 رمضان 1445 هـ", SAT, "5 رمضان 1445 هـ", "2024-03-15", 1, "hijri"),
    ("في 10 محرم", SAT, "10 محرم", "2020-08-29", 1, "hijri, year from anchor"),
    ("في الأول من شوال 1441", SAT, "الأول من شوال 1441", "2020-05-24", 1, "hijri"),
    ("في شهر رمضان", SAT, "شهر رمضان", "2020-05-08", 3, "hijri"),
]


@pytest.mark.parametrize(("raw", "anchor", "text", "value", "precision", "reason"), CASES)
def test_date_expression(
    matcher: DateMatcher,
    raw: str,
    anchor: date,
    text: str,
    value: str,
    precision: int,
    reason: str,
) -> None:
    mentions = find(matcher, raw, anchor)
    assert [m.text for m in mentions] == [text]
    (m,) = mentions
    assert m.value == date.fromisoformat(value)
    assert m.precision == precision
    assert reason in m.reason


NOT_DATES = [
    "الشيخ مارس الضغط على الحكومة",  # مارس as a verb
    "أب وابنه قتلا في القصف",  # آب written like أب
    "لا أحد يعلم مصير المختطفين",
    "وقع خلاف بين الاثنين حول المال",
    "اشتعلت النيران في سوق الجمعة",
    "في اليوم التالي انسحبت القوات",
    "وانفجرت عبوة مساء اليوم ذاته قرب السوق",  # another event's day, with a day part
    "قتل قبل يومين من الهجوم الكبير",  # counted from another event
    "حصل الفريق على صفر من النقاط",
    "رافقه الاثنين منهم إلى الحدود",
    "قتل 2020 شخصا",  # a bare four-digit number is not a year
    "الساعة 10:30 مساء",
    "بلغت النسبة 12.5 بالمئة",
    "قال الأحد عشر لاعبا إنهم مستعدون",
]


@pytest.mark.parametrize("raw", NOT_DATES)
def test_not_a_date(matcher: DateMatcher, raw: str) -> None:
    assert find(matcher, raw, SAT) == []


def test_unanchored_relative_dates_have_no_value(matcher: DateMatcher) -> None:
    raw = "قتل شخص أمس وأصيب آخر الخميس الماضي ونزح المئات الأسبوع الماضي"
    mentions = find(matcher, raw, None)
    assert [m.text for m in mentions] == ["أمس", "الخميس الماضي", "الأسبوع الماضي"]
    for m in mentions:
        assert m.value is None and m.precision is None
        assert m.reason == NO_ANCHOR


def test_unanchored_day_month_needs_a_year(matcher: DateMatcher) -> None:
    (m,) = find(matcher, "قتل في 15 تشرين الثاني", None)
    assert m.value is None and m.reason.startswith("no anchor")


def test_unanchored_full_dates_still_resolve(matcher: DateMatcher) -> None:
    mentions = find(matcher, "في 5 أيار 2019 ثم في 2020-11-15", None)
    assert [m.value for m in mentions] == [date(2019, 5, 5), date(2020, 11, 15)]


def test_invalid_day_is_reported_not_guessed(matcher: DateMatcher) -> None:
    (m,) = find(matcher, "في 31 شباط 2020", SAT)
    assert m.value is None and "invalid" in m.reason


def test_weekday_merged_with_its_date(matcher: DateMatcher) -> None:
    (m,) = find(matcher, "الأربعاء 19 تشرين الثاني 2020", SAT)
    assert m.value == date(2020, 11, 19)
    assert "weekday disagrees: wednesday" in m.reason


def test_clitics_stay_outside_the_span(matcher: DateMatcher) -> None:
    raw = "وأمس قصفت الطائرات وبالأمس أيضا وفي 3 أيار"
    assert [m.text for m in find(matcher, raw, SAT)] == ["أمس", "بالأمس", "3 أيار"]


def test_obfuscated_text_keeps_raw_offsets(matcher: DateMatcher) -> None:
    raw = "هـ.ـاجم التنظيم الموقع في 15 تشـ.ـرين الثاني الحالي"
    (m,) = find(matcher, raw, SAT)
    assert m.text == "15 تشـ.ـرين الثاني الحالي"
    assert m.value == date(2020, 11, 15)


def test_several_dates_in_order(matcher: DateMatcher) -> None:
    raw = "قصف الجيش أمس القرية، وكان قد قصفها الخميس الماضي وفي 2 تشرين الثاني"
    values = [m.value for m in find(matcher, raw, SAT)]
    assert values == [date(2020, 11, 20), date(2020, 11, 19), date(2020, 11, 2)]


def test_seed_report_dates() -> None:
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    mentions = find(DateMatcher(), raw, SAT)
    resolved = {m.value for m in mentions}
    expected = {date(2020, 11, 19), date(2020, 11, 15), date(2020, 3, 5), date(2020, 11, 20)}
    assert expected <= resolved
    assert all(m.precision == 1 for m in mentions)


def test_relative_day_with_its_weekday_is_one_mention(matcher: DateMatcher) -> None:
    (m,) = find(matcher, "صرح الوزير اليوم السبت بأن", SAT)
    assert (m.text, m.value) == ("اليوم السبت", SAT)
    assert m.reason == "relative:today (weekday agrees)"


def test_named_weekday_wins_over_a_wrong_publication_date(matcher: DateMatcher) -> None:
    (m,) = find(matcher, "أعلن الجيش أمس (الأحد) أنه", SAT)
    assert m.text == "أمس (الأحد)"
    assert m.value == date(2020, 11, 15)
    assert "relative:yesterday disagrees" in m.reason


def test_outlet_name_is_not_today(matcher: DateMatcher) -> None:
    assert find(matcher, "نقلت صحيفة عين اليوم عن مصادر", SAT) == []


def test_cli_dates(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("قصفت الطائرات القرية صباح أمس وفي 3 أيار 2019", "utf-8")
    result = CliRunner().invoke(cli, ["dates", str(report), "--published", "2020-11-21"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split("\t")[1:4] == ["صباح أمس", "2020-11-20", "precision 1"]
    assert lines[1].split("\t")[2] == "2019-05-03"
    unanchored = CliRunner().invoke(cli, ["dates", str(report)])
    assert "unknown" in unanchored.output.splitlines()[0]


def test_cli_dates_rejects_a_bad_publication_date(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("أمس", "utf-8")
    result = CliRunner().invoke(cli, ["dates", str(report), "--published", "2020-13-01"])
    assert isinstance(result.exception, InputError)
    assert "--published" in result.exception.one_line()
    assert "YYYY-MM-DD" in result.exception.one_line()


def test_malformed_table_is_a_data_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from marsad.errors import DataError
    from marsad.recognize import dates

    original = dates.load_data

    def without_not_after(relative: str) -> dict[str, object]:
        data = original(relative)
        if relative == "dates/weekdays.yaml":
            del data["not_after"]
        return data

    monkeypatch.setattr(dates, "load_data", without_not_after)
    with pytest.raises(DataError, match="not_after"):
        dates.DateMatcher()


def test_report_naming_its_own_day_is_read_from_that_day(matcher: DateMatcher) -> None:
    # Published on a Tuesday, the statement says it came out "today, Monday": its
    # "yesterday" is Sunday.
    raw = "وأوضح البيان الصادر اليوم الاثنين أن الطائرات نفذت يوم أمس 12 ضربة."
    values = [m.value for m in find(matcher, raw, date(2015, 8, 11))]
    assert values == [date(2015, 8, 10), date(2015, 8, 9)]
    # Named the same weekday as publication, nothing moves; nor more than six
    # days back (that "today" is no longer a plausible delay).
    same_day = raw.replace("الاثنين", "الثلاثاء")
    assert [m.value for m in find(matcher, same_day, date(2015, 8, 11))][1] == date(2015, 8, 10)


def test_the_night_of_a_weekday_is_its_eve(matcher: DateMatcher) -> None:
    # The night belongs to the day it leads into: "ليلة السبت" is Friday night.
    published = date(2015, 8, 1)  # a Saturday
    found = find(matcher, "وتعرضت البلدة لقصف عنيف ليلة السبت.", published)
    assert [m.value for m in found] == [date(2015, 7, 31)]
    found = find(matcher, "وتعرضت البلدة لقصف عنيف ليلة الخميس.", published)
    assert [m.value for m in found] == [date(2015, 7, 29)]
    # "ليلة الجمعة السبت": the night between two days begins on the first.
    for raw in ("وتعرضت البلدة لقصف ليلة الجمعة السبت.", "وتعرضت البلدة لقصف ليلة الجمعة - السبت."):
        assert find(matcher, raw, published)[0].value == date(2015, 7, 31)
    # "ليل" and "مساء" name the day itself.
    found = find(matcher, "وتعرضت البلدة لقصف مساء الخميس.", published)
    assert [m.value for m in found] == [date(2015, 7, 30)]


def test_midnight_of_a_weekday_is_the_start_of_the_next_day(matcher: DateMatcher) -> None:
    raw = "وسقطت القذائف منذ منتصف ليل الأحد على البلدة، واستمرت الاشتباكات حتى منتصف ليل أمس."
    found = find(matcher, raw, date(2015, 8, 11))  # a Tuesday
    assert [m.value for m in found] == [date(2015, 8, 10), date(2015, 8, 10)]
