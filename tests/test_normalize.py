"""Unit tests of the normaliser, one group per evasion technique."""

from __future__ import annotations

import pytest

from marsad.normalize import (
    DISPLAY_STEPS,
    Normalizer,
    default_normalizer,
    lower_ascii,
    match_key,
    normalize,
)
from marsad.normalize.deobfuscate import EVASION_TECHNIQUES, Deobfuscator
from marsad.normalize.vocab import Vocabulary
from marsad.tokenize import sentences


def evasions(raw: str) -> list[tuple[str, str, str]]:
    return [(c.original, c.normalized, c.technique) for c in normalize(raw).evasions()]


def same_as(obfuscated: str, plain: str) -> bool:
    return normalize(obfuscated).text == normalize(plain).text


# -- punctuation and tatweel inside words -------------------------------------


def test_tatweel_dot_restored_and_recorded() -> None:
    assert evasions("وقعت هجـ.ـمـ.ـات") == [
        ("ـ.ـ", "", "tatweel_punct"),
        ("ـ.ـ", "", "tatweel_punct"),
    ]
    assert normalize("هجـ.ـمـ.ـات").text == "هجمات"


@pytest.mark.parametrize("mark", [".", ",", "*", "'", "|", "/", "•", "·", "~", "+", "،", "-", "_"])
def test_any_mark_between_tatweels(mark: str) -> None:
    assert same_as(f"استهـ{mark}ـداف", "استهداف")


def test_tatweel_space_tatweel_joins() -> None:
    assert evasions("الـ ـغارات") == [("ـ ـ", "", "tatweel_space")]


def test_mark_without_tatweel_needs_a_known_word() -> None:
    assert same_as("ا.غتيال", "اغتيال")
    assert same_as("م-ع-ا-ر-ك", "معارك")
    assert evasions("انتهى اللقاء.وعاد الوفد") == []


def test_two_dotted_letters_are_an_abbreviation() -> None:
    assert evasions("د.م") == [] and evasions("ق.م") == []
    assert same_as("ع.ب.و.ة", "عبوة")


def test_symbols_between_letters() -> None:
    assert evasions("ق#صف") == [("#", "", "punct_inside")]
    assert evasions("ال©قصف") == [("©", "", "emoji_inside")]


def test_lookalike_bar_inside_word_reads_alef() -> None:
    assert same_as("حص|ر", "حصار")
    assert same_as("جرح|ى", "جرحى")


def test_decorative_tatweel_left_to_matching_step() -> None:
    nt = normalize("عاجـــل")
    assert nt.text == "عاجل" and nt.evasions() == []
    assert {c.technique for c in nt.changes()} == {"tatweel"}


# -- invisible characters -----------------------------------------------------


@pytest.mark.parametrize(
    "char",
    ["\u200c", "\u200d", "\u200b", "\u200e", "\u200f", "\u2060", "\u00ad", "\ufeff", "\u202b"],
)
def test_invisible_characters_inside_words(char: str) -> None:
    assert evasions(f"ق{char}صف") == [(char, "", "invisible")]


def test_invisible_between_words_is_kept() -> None:
    assert evasions("قصف\u200f, ثم") == []


# -- spaced letters -------------------------------------------------------------


def test_spaced_letters_join_into_known_word() -> None:
    assert normalize("وقع ق ص ف عنيف").text == "وقع قصف عنيف"
    assert {t for _, _, t in evasions("د ا ع ش")} == {"spaced_letters"}


def test_spaced_letters_with_tatweel() -> None:
    assert normalize("وقع قـ ص ف أمس").text == "وقع قصف امس"


def test_spaced_letters_with_long_tatweel_or_stray_marks() -> None:
    assert same_as("قــــ ت ل", "قتل")
    assert same_as("قُ ـتـ ل", "قتل")


def test_spaced_acronyms_stay() -> None:
    assert evasions("قال حزب ب ي د وقالت أ ف ب") == []


# -- stand-ins ------------------------------------------------------------------


def test_arabizi_digits_inside_words() -> None:
    assert evasions("سلا7") == [("7", "ح", "arabizi_digit")]
    assert same_as("م3ارك", "معارك")
    assert same_as("د1عش", "داعش")


def test_digits_beside_words_stay() -> None:
    assert evasions("قتل 3 مدنيين و5 جنود وأسقطت F16") == []


def test_latin_and_cyrillic_lookalikes() -> None:
    assert same_as("ناسفo", "ناسفة")
    assert same_as("غIرات", "غارات")
    assert same_as("القوlت", "القوات")
    assert same_as("مقاتلіن".replace("і", "ي"), "مقاتلين")


def test_arabic_indic_digit_lookalikes() -> None:
    assert evasions("ط١ئرات") == [("١", "ا", "arabic_indic_lookalike")]
    assert same_as("٥جوم", "هجوم")
    assert evasions("٣٫٥ كم") == []


# -- look-alike letters and presentation forms --------------------------------------


def test_persian_and_urdu_letters() -> None:
    assert same_as("قتلی", "قتلى")
    assert same_as("الاشتباکات", "الاشتباكات")
    assert same_as("ہجوم", "هجوم")
    assert normalize("قتلی").text == normalize("قتلى").text
    assert Normalizer(steps=()).normalize("قتلی").text == "قتلى"  # final form kept


def test_presentation_forms_and_lam_alef() -> None:
    nt = normalize("ﻻﺟﺌﻴﻦ")
    assert nt.text == "لاجئين"
    assert nt.raw_text(0, 2) == "ﻻ"  # both letters map back to the ligature
    assert {c.technique for c in nt.evasions()} == {"presentation_form"}


# -- stuffing and repetition ------------------------------------------------------------


def test_stuffed_diacritics_removed_but_vocalisation_kept() -> None:
    assert {t for _, _, t in evasions("قًْصًفٌ")} == {"diacritic_stuffing"}
    assert evasions("قُتِلَ جُنْدِيٌّ") == []
    assert evasions("شكرًا") == []


def test_repeated_letters_reduced_only_to_known_words() -> None:
    assert normalize("قصصصصف").text == "قصف"
    assert normalize("اغتياااال").text == "اغتيال"
    assert normalize("جرححى").text == "جرحي"
    assert evasions("قصص الناجين") == []
    assert evasions("تتحصن القوات في اللاذقية") == []


# -- emoji and symbols ------------------------------------------------------------------


def test_emoji_inside_word_removed_between_words_kept() -> None:
    assert evasions("الحش🔥د") == [("🔥", "", "emoji_inside")]
    assert same_as("ا⚠️لاحتلال", "الاحتلال")
    assert evasions("غزة 🔥 والأهالي") == []
    assert evasions("غزة🔥والأهالي") == []  # two real words glued: left alone


# -- dotless writing ------------------------------------------------------------------------


def test_dotless_restored_when_one_reading() -> None:
    assert same_as("ٯٮلى", "قتلى")
    assert same_as("اسٮهداڡ", "استهداف")
    assert {t for _, _, t in evasions("كمٮن")} == {"dotless"}
    assert same_as("كمٮں", "كمين")


def test_dotless_twins_of_lexicon_terms() -> None:
    assert evasions("قال إن داعس هاجم") == [("س", "ش", "dotless")]
    assert same_as("والاستباكات", "والاشتباكات")
    assert evasions("محررة") == [] and evasions("روى الناجون قصص الحرب") == []


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("اىٮ", "اين"),  # ابن، اين، انت... but with the ى folded to ي only اين
        ("ﺣىس", "جيش"),
        ("حطفَ", "خطف"),
        ("دإعس", "داعش"),
    ],
)
def test_dotless_letters_are_read_as_the_matching_steps_leave_the_word(
    raw: str, plain: str
) -> None:
    nt = normalize(raw)
    assert nt.text == normalize(plain).text
    assert normalize(nt.text).text == nt.text


def test_dotless_ambiguity_recorded_not_changed() -> None:
    vocabulary = Vocabulary(["بيت", "نبت"], use_wordfreq=False, use_project_lexicon=False)
    normalizer = Normalizer(deobfuscator=Deobfuscator(vocabulary))
    nt = normalizer.normalize("في ٮٮٮ")
    assert nt.text == "في ٮٮٮ" and nt.evasions() == []
    (ambiguity,) = nt.ambiguities
    assert ambiguity.readings == ("بيت", "نبت")
    assert nt.raw[ambiguity.start : ambiguity.end] == "ٮٮٮ"


# -- combinations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("obfuscated", "plain"),
    [
        ("ﺍﻏﺘـ.ـﻴﺎﻝ", "اغتيال"),
        ("ا7تـ.ـلال", "احتلال"),
        ("\u200c".join("اغتيال"), "اغتيال"),
        ("اشتبـ.ـاكاااات", "اشتباكات"),
        ("ہجـ.ـوم", "هجوم"),
        ("القصـ.ـ\u200bف", "القصف"),
    ],
)
def test_combinations(obfuscated: str, plain: str) -> None:
    assert same_as(obfuscated, plain)


# -- offsets, steps and keys --------------------------------------------------------------


def test_changes_carry_raw_offsets() -> None:
    raw = "قال: هجـ.ـمات ﻋﻨﻴﻔﺔ"
    nt = normalize(raw)
    for change in nt.changes():
        assert raw[change.start : change.end] == change.original
    start = nt.text.index("هجمات")
    assert nt.raw_text(start, start + 5) == "هجـ.ـمات"


def test_every_technique_is_named() -> None:
    names = set(EVASION_TECHNIQUES)
    samples = [
        "ﺣﻤﺎﺱ", "قتلی", "ق\u200cصف", "قًْصًف", "قـ.ـصف", "قـ ـصف", "ق•صف", "الحش🔥د",
        "ق ص ف", "سلا7", "غIرات", "ط١ئرات", "قصصصف", "كمٮں",
    ]  # fmt: skip
    found = {c.technique for s in samples for c in normalize(s).evasions()}
    assert found == names


def test_matching_steps_are_selectable() -> None:
    display = Normalizer(steps=DISPLAY_STEPS)
    assert display.normalize("أُطلِقَت قذيفةٌ على القرى").text == "أطلقت قذيفة على القرى"
    assert normalize("أُطلِقَت قذيفةٌ على القرى").text == "اطلقت قذيفه علي القري"
    with pytest.raises(ValueError):
        Normalizer(steps=("no_such_step",))


def test_match_key_agrees_with_text() -> None:
    for term in ["الإرهاب", "قذيفةٌ", "ﺣﻤﺎﺱ", "هجـ.ـمات", "٣٠ قتيلا", "أبو حمزة"]:
        assert match_key(term) == normalize(term).text
    assert default_normalizer() is default_normalizer()


def test_vocabulary_loads_lazily_and_handles_clitics() -> None:
    deobfuscator = Deobfuscator()
    normalizer = Normalizer(deobfuscator=deobfuscator)
    normalizer.normalize("قصف مدفعي على الميليشـ.ـيات في الريف. وقال المرصد")
    assert not deobfuscator.vocabulary_loaded
    vocabulary = deobfuscator.vocabulary
    assert vocabulary.known("وبالصواريخ") and vocabulary.known("للقصف")
    assert not vocabulary.known("المساءوقال")
    assert vocabulary.is_abbreviation("بيد")


def test_vocabulary_accepts_extra_words() -> None:
    vocabulary = Vocabulary(["زمخشري"], use_wordfreq=False)
    assert vocabulary.known("والزمخشري") and not vocabulary.known("كمنجة")


def test_lower_ascii_keeps_other_letters_and_offsets() -> None:
    assert lower_ascii("طريق M4 Road") == "طريق m4 road"
    unchanged = "طريق İstanbul"  # only ASCII: "İ".lower() would add a character
    assert lower_ascii(unchanged) == "طريق İstanbul"
    text = "بلا حروف لاتينية"
    assert lower_ascii(text) is text


def test_sentence_words_are_read_from_its_bounds() -> None:
    nt = normalize("قصفت الطائرات البلدة. وقتل 3.5 مدنيين!\n\nوتظاهر الأهالي")
    split = sentences(nt)
    assert [[t.text for t in s.tokens] for s in split] == [
        ["قصفت", "الطائرات", "البلده"],
        ["وقتل", "3.5", "مدنيين"],
        ["وتظاهر", "الاهالي"],
    ]
    for sentence in split:
        assert sentence.word_starts() == [t.start for t in sentence.tokens]
        assert sentence.start == sentence.tokens[0].start


def test_a_word_span_covers_the_letters_it_repeated() -> None:
    # The dropped repetitions at a word's end belong to its raw span, so that the
    # span normalises back to the word.
    raw = "هجوووم على ا*بب وببا\u200cا"
    nt = normalize(raw)
    for word in nt.text.split():
        start = nt.text.index(word)
        raw_start, raw_end = nt.raw_span(start, start + len(word))
        assert normalize(raw[raw_start:raw_end]).text == word
