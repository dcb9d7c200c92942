"""Numbers: digits in every script, number words, duals, approximations."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.normalize import normalize
from marsad.recognize.numbers import NumberMatcher
from marsad.recognize.types import NumberMention


@pytest.fixture(scope="module")
def matcher() -> NumberMatcher:
    return NumberMatcher()


def find(matcher: NumberMatcher, raw: str) -> list[NumberMention]:
    mentions = matcher.find(normalize(raw))
    for m in mentions:
        assert raw[m.start : m.end] == m.text
    return mentions


# (sentence, [(text, value, approximate), ...])
CASES: list[tuple[str, list[tuple[str, int, str | None]]]] = [
    ("قتل 7 أشخاص", [("7", 7, None)]),
    ("أصيب ١٥ شخصا", [("١٥", 15, None)]),
    ("نزح ۲۰ عائلة", [("۲۰", 20, None)]),
    ("نزح 1,200 شخص", [("1,200", 1200, None)]),
    ("نزح 1٬500 مدني", [("1٬500", 1500, None)]),
    ("وصل 3 جنود و4 ضباط", [("3", 3, None), ("4", 4, None)]),
    ("قتل واحد وجرح اثنان", [("واحد", 1, None), ("اثنان", 2, None)]),
    ("اعتقلت اثنتين من الناشطات", [("اثنتين", 2, None)]),
    ("قتل ثلاثة رجال وثلاث نساء", [("ثلاثة", 3, None), ("ثلاث", 3, None)]),
    ("أربعة جرحى", [("أربعة", 4, None)]),
    ("خمس سيارات", [("خمس", 5, None)]),
    ("ستة مقاتلين", [("ستة", 6, None)]),
    ("سبعة عناصر", [("سبعة", 7, None)]),
    ("ثمانية أطفال وثماني نساء", [("ثمانية", 8, None), ("ثماني", 8, None)]),
    ("تسعة مدنيين", [("تسعة", 9, None)]),
    ("عشرة جنود وعشر نساء", [("عشرة", 10, None), ("عشر", 10, None)]),
    ("أحد عشر جنديا", [("أحد عشر", 11, None)]),
    ("إحدى عشرة امرأة", [("إحدى عشرة", 11, None)]),
    ("اثنا عشر عنصرا", [("اثنا عشر", 12, None)]),
    ("اثني عشر عنصرا", [("اثني عشر", 12, None)]),
    ("ثلاثة عشر قتيلا", [("ثلاثة عشر", 13, None)]),
    ("تسع عشرة سيدة", [("تسع عشرة", 19, None)]),
    ("عشرون مدنيا", [("عشرون", 20, None)]),
    ("قتل عشرين مدنيا", [("عشرين", 20, None)]),
    ("خمسة وعشرون قتيلا", [("خمسة وعشرون", 25, None)]),
    ("مقتل سبعة وثلاثين شخصا", [("سبعة وثلاثين", 37, None)]),
    ("واحد وتسعون جريحا", [("واحد وتسعون", 91, None)]),
    ("مئة قتيل", [("مئة", 100, None)]),
    ("مائة جريح", [("مائة", 100, None)]),
    ("مئتا عنصر", [("مئتا", 200, None)]),
    ("مئتين وخمسين أسرة", [("مئتين وخمسين", 250, None)]),
    ("ثلاثمئة مقاتل", [("ثلاثمئة", 300, None)]),
    ("ثلاث مئة مقاتل", [("ثلاث مئة", 300, None)]),
    ("مئة وخمسة وعشرون قتيلا", [("مئة وخمسة وعشرون", 125, None)]),
    ("ألف نازح", [("ألف", 1000, None)]),
    ("ألفان من النازحين", [("ألفان", 2000, None)]),
    ("ثلاثة آلاف جندي", [("ثلاثة آلاف", 3000, None)]),
    ("عشرة آلاف لاجئ", [("عشرة آلاف", 10000, None)]),
    ("12 ألف شخص", [("12 ألف", 12000, None)]),
    ("مليون نازح", [("مليون", 1000000, None)]),
    ("ثلاثة ملايين لاجئ", [("ثلاثة ملايين", 3000000, None)]),
    ("ألف ومئتان", [("ألف ومئتان", 1200, None)]),
    # duals on nouns
    ("قتيلان في الهجوم", [("قتيلان", 2, None)]),
    ("سقط قتيلين", [("قتيلين", 2, None)]),
    ("اعتقل عنصران", [("عنصران", 2, None)]),
    ("أصيب عنصرين", [("عنصرين", 2, None)]),
    ("مقتل طفلين", [("طفلين", 2, None)]),
    ("مقتل مدنيين اثنين", [("اثنين", 2, None)]),
    ("مقتل جنديين", [("جنديين", 2, None)]),
    # approximations
    ("قتل نحو 20 شخصا", [("20", 20, "about")]),
    ("نزح حوالي ألف شخص", [("ألف", 1000, "about")]),
    ("قرابة خمسين عنصرا", [("خمسين", 50, "about")]),
    ("زهاء 300 عائلة", [("300", 300, "about")]),
    ("أكثر من ثلاثين قتيلا", [("ثلاثين", 30, "more than")]),
    ("ما لا يقل عن 7 أشخاص", [("7", 7, "at least")]),
    ("ما يزيد عن 40 غارة", [("40", 40, "more than")]),
    ("أقل من عشرة", [("عشرة", 10, "less than")]),
    ("قتل 4 أشخاص تقريبا", [("4", 4, "about")]),
    # vague quantities that read as numbers
    ("عشرات القتلى", [("عشرات", 12, "vague: dozens -> 12")]),
    ("مئات الجرحى", [("مئات", 100, "vague: hundreds -> 100")]),
    ("نزح عشرات الآلاف", [("عشرات الآلاف", 12000, "vague: dozens -> 12 x 1000")]),
    # not numbers
    ("قالت ست البيت إنها رأت الطائرة", []),
    ("لا أحد يعلم", []),
    ("سبع الغابة", []),
    ("وصل إلى SY24 وطريق M4", []),
    ("عند الساعة 10:30 مساء", []),
    ("بلغت النسبة 2.5 بالمئة", []),
    ("جاء في الخامس من آذار 2020", []),
    ("وقع في 15/11/2020", []),
    ("في الحادي عشر من أيلول", []),
    ("سيطر على المدينة عام 2014", []),
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_numbers(
    matcher: NumberMatcher, raw: str, expected: list[tuple[str, int, str | None]]
) -> None:
    got = [(m.text, m.value, m.approximate) for m in find(matcher, raw)]
    assert got == expected


def test_numbers_after_clitics(matcher: NumberMatcher) -> None:
    got = [(m.text, m.value) for m in find(matcher, "وخمسة قتلى و12 جريحا وبثلاثة صواريخ")]
    assert got == [("خمسة", 5), ("12", 12), ("ثلاثة", 3)]


def test_obfuscated_numbers_keep_raw_offsets(matcher: NumberMatcher) -> None:
    raw = "قتل ثلا.ثة عناصر"
    mentions = find(matcher, raw)
    assert [m.value for m in mentions] == [3]


def test_dates_given_by_caller_are_skipped(matcher: NumberMatcher) -> None:
    from marsad.recognize.dates import DateMatcher

    nt = normalize("قتل 5 أشخاص في 3 أيار")
    dates = DateMatcher().find(nt, None)
    assert [m.value for m in matcher.find(nt, dates)] == [5]


def test_cli_numbers(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text("أسفر القصف عن مقتل عدد من المدنيين وإصابة 7 آخرين", "utf-8")
    result = CliRunner().invoke(cli, ["numbers", str(report)])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert ["number", "7", "7"] == [rows[0][0], rows[0][2], rows[0][3]]
    assert rows[1][0] == "killed" and rows[1][3:] == ["3", "vague: a number of -> 3"]
    assert rows[2][0] == "wounded" and rows[2][3:] == ["7", "explicit number"]
