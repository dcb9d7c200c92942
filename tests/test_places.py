"""PlaceMatcher: places in running text, with raw offsets, clitics, cues and longest match."""

from __future__ import annotations

import pytest
from tests.test_gazetteer import built_settings  # noqa: F401  (session fixture)

from marsad.gazetteer import Gazetteer
from marsad.gazetteer.keys import fold_with_offsets
from marsad.normalize import normalize
from marsad.recognize.places import PlaceMatcher
from marsad.recognize.types import PlaceMention
from marsad.settings import Settings


@pytest.fixture(scope="module")
def matcher(built_settings: Settings) -> PlaceMatcher:  # noqa: F811
    with Gazetteer.open(built_settings) as gazetteer:
        return PlaceMatcher(gazetteer)


def _find(matcher: PlaceMatcher, raw: str) -> list[PlaceMention]:
    mentions = matcher.find(normalize(raw))
    for mention in mentions:
        assert raw[mention.start : mention.end] == mention.text
    return mentions


def _texts(mentions: list[PlaceMention]) -> list[str]:
    return [m.text for m in mentions]


# (text of the mention, kind and admin1 of its first candidate); admin1 None for countries.
SEED_PLACES = [
    ("محافظة دير الزور", "governorate", "Deir ez-Zor"),
    ("مطار دير الزور العسكري", "landmark", "Deir ez-Zor"),
    ("حقل التيم", "landmark", "Deir ez-Zor"),
    ("قاعدة “حميميم", "landmark", "Lattakia"),
    ("بادية “الميادين", "region", "Deir ez-Zor"),
    ("السخنة", "town", "Homs"),
    ("محافظة حمص", "governorate", "Homs"),
    ("طريق الرقة – السلمية", "road", "Hama"),
    ("إدلب", "governorate", "Idlib"),
    ("حلب", "governorate", "Aleppo"),
    ("جبل الزاوية", "region", "Idlib"),
    ("كنصفرة", "town", "Idlib"),
    ("البادية السورية", "region", "Homs"),
    ("معبر البوكمال", "landmark", "Deir ez-Zor"),
    ("طريق حلب اللاذقية", "road", "Idlib"),
    ("طريق حلب – اللاذقية", "road", "Idlib"),
    ("جبال قاسيون", "region", "Damascus"),
    ("العراق", "country", None),
    ("سوريا", "country", None),
]


def test_every_place_of_the_seed_report_is_found(matcher: PlaceMatcher, seed_text: str) -> None:
    mentions = _find(matcher, seed_text)
    found = {(m.text, m.candidates[0].kind, m.candidates[0].admin1) for m in mentions}
    for expected in SEED_PLACES:
        assert expected in found, expected
    # Common words that are also place names somewhere are not places here.
    texts = set(_texts(mentions))
    for word in ("الأشهر", "مدينة", "الميدان", "المنطقة", "الأرض", "المدن", "إطار"):
        assert word not in texts
    # A longer name wins over the names inside it.
    airport = next(m for m in mentions if m.text == "مطار دير الزور العسكري")
    assert [m for m in mentions if m.start < airport.end and airport.start < m.end] == [airport]


def test_clitics_are_stripped_and_offsets_point_at_the_name(matcher: PlaceMatcher) -> None:
    raw = "وصلت تعزيزات للرقة قادمة من بحلب ووصل رتل آخر وبدير الزور، وفي إدلب قصف."
    mentions = _find(matcher, raw)
    by_admin1 = {m.candidates[0].admin1: m.text for m in mentions}
    assert by_admin1["Ar-Raqqa"] == "للرقة"
    assert by_admin1["Aleppo"] == "حلب"
    assert by_admin1["Deir ez-Zor"] == "دير الزور"
    assert by_admin1["Idlib"] == "إدلب"


def test_word_boundaries(matcher: PlaceMatcher) -> None:
    assert _find(matcher, "حلبية وإدلبيون") == []
    assert _texts(_find(matcher, "(حمص)")) == ["حمص"]


def test_names_that_are_common_words_need_a_cue(matcher: PlaceMatcher) -> None:
    assert _find(matcher, "صعد المقاتلون إلى التل المطل على الوادي") == []
    cued = _find(matcher, "اقتحمت القوات بلدة التل شمال دمشق")
    assert "التل" in _texts(cued)
    tell = next(m for m in cued if m.text == "التل")
    assert tell.candidates[0].admin1 == "Rural Damascus"
    assert _find(matcher, "قال إن الثورة مستمرة") == []
    # "جسرين" is two bridges unless a settlement noun names the village.
    assert "جسرين" not in _texts(_find(matcher, "دمرت الغارات جسرين على نهر الفرات"))
    assert "جسرين" in _texts(_find(matcher, "قصفت القوات بلدة جسرين في الغوطة"))


def test_separators_inside_names_are_flexible(matcher: PlaceMatcher) -> None:
    for raw in ("على طريق الرقة-السلمية", "على طريق الرقة - السلمية", "على طريق الرقة — السلمية"):
        mentions = _find(matcher, raw)
        assert [m.candidates[0].kind for m in mentions] == ["road"], raw
    m4 = _find(matcher, "قرب طريق الـ M4 جنوب إدلب")
    assert [m.candidates[0].kind for m in m4] == ["road", "governorate"]


def test_ambiguous_mentions_keep_every_candidate(matcher: PlaceMatcher) -> None:
    mentions = _find(matcher, "اشتباكات في طرابلس")
    assert {c.country_code for c in mentions[0].candidates} >= {"LY", "LB"}


def test_find_is_repeatable(matcher: PlaceMatcher, seed_text: str) -> None:
    nt = normalize(seed_text)
    assert matcher.find(nt) == matcher.find(nt)


def test_a_direction_word_is_a_cue(matcher: PlaceMatcher) -> None:
    # الرمادي is also the colour grey: alone it is the word, after "شرقي" the city.
    assert "الرمادي" not in _texts(_find(matcher, "كان لون السيارة الرمادي"))
    assert "الرمادي" in _texts(_find(matcher, "اشتباكات في منطقة المضيق شرقي الرمادي"))


SEPARATORS = "-–—_\"'«»/"


def surface_positions(text: str) -> list[int]:
    """One source index per surface character: a separator run keeps its first."""
    positions: list[int] = []
    after_separator = False
    for index, char in enumerate(text):
        separator = char.isspace() or char in SEPARATORS
        if not (separator and after_separator):
            positions.append(index)
        after_separator = separator
    return positions


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "طريق الرقة – السلمية",
        'حقل  "التيم"\n\nمدينة',
        "A--B  c/«د»",
        "--x",
        "x--",
        "Ab Cd",
    ],
)
def test_surface_offsets_point_at_each_character(text: str) -> None:
    folded, positions = fold_with_offsets(text)
    expected = surface_positions(text)
    assert [positions[i] for i in range(len(folded))] == expected
    assert folded == "".join(
        " " if text[i].isspace() or text[i] in SEPARATORS else text[i].lower() for i in expected
    )


def test_a_big_city_of_the_coded_countries_needs_no_cue(built_settings: Settings) -> None:  # noqa: F811
    # الموصل is frequent in Arabic because the news names it, not because it is a word.
    with Gazetteer.open(built_settings) as gazetteer:
        home = PlaceMatcher(gazetteer, frozenset({"IQ"}))
        abroad = PlaceMatcher(gazetteer)
    text = "غارات جوية قرب الموصل والرمادي"
    assert _texts(_find(home, text)) == ["الموصل", "الرمادي"]
    assert _texts(_find(abroad, text)) == []
    # A frequent word that names a big city elsewhere still needs its cue.
    assert _texts(_find(home, "نشر الموقع رابط الخبر كاملا")) == []


def test_a_name_joined_to_a_cued_place_is_cued_too(matcher: PlaceMatcher) -> None:
    # حديثة ("modern") and مخمور ("drunk") need a cue; in a list the first name's counts.
    assert _texts(_find(matcher, "غارات قرب حديثة")) == []
    found = _texts(_find(matcher, "غارات قرب مدن الحبانية وحديثة ومخمور"))
    assert found == ["الحبانية", "حديثة", "مخمور"]


def test_a_country_before_wa_does_not_cue_the_next_word(matcher: PlaceMatcher) -> None:
    # "والتحالف" after a country is the coalition, not a Yemeni hamlet called التحالف.
    found = _texts(_find(matcher, "طائرات الولايات المتحدة والتحالف نفذت غارات"))
    assert found == ["الولايات المتحدة"]


def test_a_clitic_before_a_big_city_name_keeps_the_word_reading(built_settings: Settings) -> None:  # noqa: F811
    # "فرقة" (a division) is not ف + الرقة's bare name, even where big cities need no cue.
    with Gazetteer.open(built_settings) as gazetteer:
        home = PlaceMatcher(gazetteer, frozenset({"SY"}))
    assert _texts(_find(home, "خطفت الجبهة ثمانية عناصر من فرقة مقاتلة")) == []
    assert _texts(_find(home, "غارات على الرقة أمس")) == ["الرقة"]
