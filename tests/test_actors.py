"""Actor dictionary data, the matcher on the seed report, rules and the CLI."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import SEED_ID, shared_path

from marsad.cli import cli
from marsad.errors import DataError
from marsad.normalize import normalize
from marsad.recognize.actors import (
    ACTOR_TYPES,
    ActorDictionary,
    ActorMatch,
    ActorMatcher,
    compact_key,
    package_actor_files,
    parse_actor_file,
)


@pytest.fixture(scope="module")
def dictionary() -> ActorDictionary:
    return ActorDictionary.load()


@pytest.fixture(scope="module")
def matcher(dictionary: ActorDictionary) -> ActorMatcher:
    return ActorMatcher(dictionary)


@pytest.fixture(scope="module")
def seed_mentions(matcher: ActorMatcher) -> tuple[str, list[ActorMatch]]:
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    return raw, matcher.find(normalize(raw))


def texts_of(mentions: list[ActorMatch], name: str) -> set[str]:
    return {m.text for m in mentions if m.actor.name == name}


# -- the data ------------------------------------------------------------------------


def test_every_entry_has_a_valid_type_inter_and_country(dictionary: ActorDictionary) -> None:
    names = {e.name for e in dictionary.entries}
    assert len(names) == len(dictionary.entries)
    for record in dictionary.records:
        entry = record.entry
        assert entry.actor_type in ACTOR_TYPES, entry
        assert entry.inter == ACTOR_TYPES[entry.actor_type], entry
        assert entry.country is None or re.fullmatch(r"[A-Z]{2}", entry.country), entry
        assert entry.parent is None or entry.parent in names, entry
        assert record.forms, f"{entry.name} has no surface forms"
        assert all(compact_key(f) for f in record.forms), entry
        if entry.generic:
            assert record.template and "{country}" in record.template
            assert "{" not in entry.name and "unknown country" in entry.name
        if record.external_inter is not None:
            assert record.external_inter in ACTOR_TYPES.values()


def test_no_form_names_two_actors_without_a_rule(dictionary: ActorDictionary) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for record in dictionary.records:
        for form in record.forms:
            owners[compact_key(form)].add(record.entry.name)
    shared = {key: names for key, names in owners.items() if len(names) > 1}
    assert shared, "the data is expected to exercise the rules (النظام, داعش ...)"
    for key, names in shared.items():
        rule = dictionary.rules.get(key)
        assert rule is not None, f"{key!r} names {sorted(names)} without a rule"
        assert rule.default in names
        assert dictionary.default_entry(key).name == rule.default


def test_package_files_do_not_override_each_other() -> None:
    seen: dict[str, str] = {}
    for path in package_actor_files():
        for record in parse_actor_file(path).records:
            name = record.entry.name.casefold()
            assert name not in seen, f"{record.entry.name} in {seen.get(name)} and {path.name}"
            seen[name] = path.name
    assert package_actor_files()[0].name == "generic.yaml"


def test_rules_anaphors_and_blockers_do_not_collide(dictionary: ActorDictionary) -> None:
    kinds = dictionary.keys()
    assert kinds[compact_key("التنظيم")] == "anaphor"
    assert kinds[compact_key("وزارة الدفاع الوطني")] == "block"
    for key in dictionary.rules:
        assert kinds.get(key) == "actor", f"rule for {key!r} but no actor lists it"


def test_coverage_syria_in_depth_and_other_countries(dictionary: ActorDictionary) -> None:
    by_country: dict[str | None, list[str]] = defaultdict(list)
    for entry in dictionary.entries:
        by_country[entry.country].append(entry.name)
    assert len(by_country["SY"]) >= 60
    for code in ["IQ", "YE", "LY", "LB", "PS", "IL", "SD", "AF", "PK"]:
        types = {dictionary.get(n).actor_type for n in by_country[code]}  # type: ignore[union-attr]
        assert "State forces" in types, code
        if code != "IL":
            assert types & {"Rebel group", "Political militia", "Identity militia"}, code
    generic = {e.name for e in dictionary.entries if e.generic}
    for name in ["Civilians", "Protesters", "Rioters", "Police Forces", "Military Forces"]:
        assert any(g.startswith(name) for g in generic), name


def test_gold_actor_names_exist(dictionary: ActorDictionary) -> None:
    import json

    gold = shared_path("corpus", f"{SEED_ID}.gold.jsonl").read_text("utf-8")
    for line in gold.splitlines():
        for event in json.loads(line)["events"]:
            for field in ("actor1", "actor2"):
                if event.get(field):
                    assert dictionary.get(event[field]) is not None, event[field]


# -- the seed report -------------------------------------------------------------------


def test_seed_offsets_point_into_the_raw_text(seed_mentions: tuple[str, list[ActorMatch]]) -> None:
    raw, mentions = seed_mentions
    assert len(mentions) > 30
    for mention in mentions:
        assert raw[mention.start : mention.end] == mention.text
    ordered = sorted((m.start, m.end) for m in mentions)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(ordered))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Military Forces of Russia", {"القوات الروسية", "الجيش الروسي"}),
        ("Military Forces of Syria", {"قوات النظام", "جيش النظام", "النظام", "النظام السوري"}),
        ("5th Corps", {"الفيلق الخامس"}),
        ("Liwa al-Quds", {"لواء القدس الفلسطيني"}),
        ("Islamic State (Syria)", {"داعش", "تنظيم “داعش”"}),
        ("Katerji Group", {"شركة “القاطرجي”", "ميليشـ.ـيا القاطرجي"}),
        ("QSD: Syrian Democratic Forces", {"قوات سوريا الديمقراطية", "قسد"}),
        ("NDF: National Defence Forces", {"ميليشـ.ـيا الدفاع الوطني"}),
        ("Military Forces of Turkey", {"الجيش التركي"}),
        ("IRGC: Islamic Revolutionary Guard Corps", {"الحرس الثوري الإيراني"}),
        ("IRGC-backed militias", {"الميليشيات التابعة لإيران"}),
    ],
)
def test_seed_actors_found(
    seed_mentions: tuple[str, list[ActorMatch]], name: str, expected: set[str]
) -> None:
    _, mentions = seed_mentions
    assert expected <= texts_of(mentions, name)


def test_seed_units_and_militias(
    dictionary: ActorDictionary, seed_mentions: tuple[str, list[ActorMatch]]
) -> None:
    _, mentions = seed_mentions
    corps = next(m.actor for m in mentions if m.actor.name == "5th Corps")
    assert corps.parent == "Military Forces of Syria"
    assert dictionary.root(corps).name == "Military Forces of Syria"
    quds = next(m.actor for m in mentions if m.actor.name == "Liwa al-Quds")
    assert (quds.actor_type, quds.inter, quds.parent) == ("Political militia", 3, None)
    # "لـ “الحرس الثوري الإيراني”": the clitic stands apart, the name is still found.
    irgc = dictionary.get("IRGC: Islamic Revolutionary Guard Corps")
    assert irgc is not None and dictionary.root(irgc).name == "Military Forces of Iran"


def test_seed_anaphors_resolve_to_the_last_named_actor(
    dictionary: ActorDictionary, matcher: ActorMatcher
) -> None:
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    actors, anaphors = matcher.scan(normalize(raw))
    organization = [a for a in anaphors if a.anaphor_class == "organization"]
    assert organization and all(raw[a.start : a.end] == a.text for a in anaphors)
    for anaphor in organization:
        target = dictionary.resolve_anaphor(anaphor, actors)
        assert target is not None and target.actor.name == "Islamic State (Syria)"
    assert all(a.text.strip() not in {"التنظيم"} for a in actors)


# -- matching rules --------------------------------------------------------------------


def found(matcher: ActorMatcher, raw: str) -> list[tuple[str, str]]:
    mentions = matcher.find(normalize(raw))
    for m in mentions:
        assert raw[m.start : m.end] == m.text
    return [(m.text, m.actor.name) for m in mentions]


@pytest.mark.parametrize(
    ("raw", "text", "name"),
    [
        ("قصفت وقوات النظام", "قوات النظام", "Military Forces of Syria"),
        ("التابعة لقوات النظام", "قوات النظام", "Military Forces of Syria"),
        ("مواقع للنظام", "للنظام", "Military Forces of Syria"),
        ("وللنظام مواقع", "للنظام", "Military Forces of Syria"),
        ("بالميليشيات الإيرانية", "الميليشيات الإيرانية", "IRGC-backed militias"),
        ("فالجيش التركي", "الجيش التركي", "Military Forces of Turkey"),
        ("وبقسد", "قسد", "QSD: Syrian Democratic Forces"),
        ("كالمليشيات الإيرانية", "المليشيات الإيرانية", "IRGC-backed militias"),
        ("عناصر من الحَرَسِ الثوريّ", "الحَرَسِ الثوريّ", "IRGC: Islamic Revolutionary Guard Corps"),
        ("هاجمت ميليشيا أسد", "ميليشيا أسد", "Military Forces of Syria"),
        # Islamist factions fighting the government are coded as the rebels.
        ("والفصائل الإسلامية المعارضة", "الفصائل الإسلامية المعارضة", "Opposition Rebels (Syria)"),
        ("ومقاتلو الفصائل الاسلامية", "مقاتلو الفصائل الاسلامية", "Opposition Rebels (Syria)"),
        # The Khorasan group was Al Qaeda's cell in Syria.
        ("زعيم مجموعة خراسان المتطرفة", "مجموعة خراسان", "Al Qaeda"),
    ],
)
def test_clitics_spellings_and_diacritics(
    matcher: ActorMatcher, raw: str, text: str, name: str
) -> None:
    assert (text, name) in found(matcher, raw)


@pytest.mark.parametrize(
    "raw",
    [
        "النظامية الجديدة",  # the form continues into a longer word
        "مقسد",  # a letter that is not a proclitic before the form
        "سالنظام",
        "وزارة الدفاع الوطني أعلنت",  # a blocker takes the phrase
    ],
)
def test_no_match_inside_words_or_blocked_phrases(matcher: ActorMatcher, raw: str) -> None:
    assert found(matcher, raw) == []


def test_longest_match_and_hard_punctuation(matcher: ActorMatcher) -> None:
    assert found(matcher, "قصف النظام السوري") == [("النظام السوري", "Military Forces of Syria")]
    # A full stop ends the name: only "النظام" is matched.
    assert found(matcher, "قصف النظام. السوري") == [("النظام", "Military Forces of Syria")]
    assert found(matcher, "الجيش الوطني الليبي") == [
        ("الجيش الوطني الليبي", "LNA: Libyan National Army")
    ]
    assert found(matcher, 'هاجم تنظيم "داعش') == [('تنظيم "داعش', "Islamic State (Syria)")]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(["قوات", "النظام", "و", "لل", "داعش", " ", '"', "،", ".", "ـ", "قسد", "x"]),
        max_size=25,
    )
)
def test_any_text_gives_aligned_non_overlapping_mentions(
    matcher: ActorMatcher, parts: list[str]
) -> None:
    raw = "".join(parts)
    actors, anaphors = matcher.scan(normalize(raw))
    spans = sorted((m.start, m.end) for m in [*actors, *anaphors])
    for mention in [*actors, *anaphors]:
        assert raw[mention.start : mention.end] == mention.text and mention.text
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))


# -- resolution ------------------------------------------------------------------------


def test_generic_forms_resolve_to_the_event_country(
    dictionary: ActorDictionary, matcher: ActorMatcher
) -> None:
    police = dictionary.lookup("الشرطة")
    assert [e.name for e in police] == ["Police Forces (unknown country)"]
    resolved = dictionary.resolve(police[0], "IQ")
    assert (resolved.name, resolved.country, resolved.generic) == (
        "Police Forces of Iraq",
        "IQ",
        False,
    )
    assert dictionary.resolve(police[0], None) == police[0]
    cases = {
        "مدنيين": ("YE", "Civilians (Yemen)"),
        "المتظاهرين": ("SY", "Protesters (Syria)"),
        "مسلحون مجهولون": ("LY", "Unidentified Armed Group (Libya)"),
        "القوات الأمنية": ("IQ", "Police Forces of Iraq"),
    }
    for form, (country, name) in cases.items():
        (mention,) = matcher.find(normalize(f"قال {form} اليوم"))
        assert mention.actor.generic
        assert dictionary.resolve_mention(mention, country).name == name
    assert dictionary.lookup("Police Forces of Iraq")[0].country == "IQ"


def test_shared_forms_follow_their_rules(dictionary: ActorDictionary) -> None:
    def chosen(form: str, country: str | None) -> str | None:
        entry = dictionary.resolve_form(form, country)
        return entry.name if entry else None

    assert chosen("قوات النظام", None) == "Military Forces of Syria"
    assert chosen("قوات النظام", "SY") == "Military Forces of Syria"
    assert chosen("قوات النظام", "LB") == "Military Forces of Lebanon"
    assert chosen("قوات النظام", "EG") == "Military Forces of Egypt"
    assert chosen("داعش", "IQ") == "Islamic State (Iraq)"
    assert chosen("وداعش", "EG") == "Islamic State (Syria)"  # no Egypt entry: the default
    assert chosen("الجيش الوطني", "LY") == "LNA: Libyan National Army"
    assert chosen("الجيش الوطني", "YE").startswith("Military Forces of Yemen")  # type: ignore[union-attr]
    assert chosen("طيران التحالف", "YE") == "Military Forces of Saudi Arabia"
    assert chosen("طيران التحالف", "SY") == "International Coalition Against Islamic State"
    assert chosen("تنظيم القاعدة", "YE") == "AQAP: Al Qaeda in the Arabian Peninsula"
    assert chosen("لا شيء هنا", "SY") is None


def test_external_forces_are_inter_8_abroad(dictionary: ActorDictionary) -> None:
    def inter(name: str, country: str | None) -> int:
        entry = dictionary.get(name)
        assert entry is not None
        return dictionary.inter_for(entry, country)

    assert inter("Military Forces of Turkey", "SY") == 8
    assert inter("Military Forces of Turkey", "TR") == 1
    assert inter("Military Forces of Russia", None) == 1
    assert inter("Military Forces of Israel", "PS") == 8
    assert inter("Hezbollah", "SY") == 3
    assert inter("International Coalition Against Islamic State", "SY") == 8


def test_events_name_a_state_unit_as_the_state(dictionary: ActorDictionary) -> None:
    def coded(name: str) -> str:
        entry = dictionary.get(name)
        assert entry is not None
        return dictionary.coded(entry).name

    # ACLED codes a state's divisions and intelligence branches as its forces...
    assert coded("4th Armoured Division") == "Military Forces of Syria"
    assert coded("8th Brigade (5th Corps)") == "Military Forces of Syria"
    assert coded("Air Force Intelligence (Syria)") == "Military Forces of Syria"
    # ... where the data says so, one actor under another's name ...
    assert coded("International Coalition Against Islamic State") == (
        "Military Forces of the United States"
    )
    assert coded("Asayish") == "QSD: Syrian Democratic Forces"
    # ... but a faction of a non-state group keeps its own name.
    assert coded("YPG: Peoples Protection Units") == "YPG: Peoples Protection Units"
    assert coded("Hamza Division") == "Hamza Division"


def test_coded_as_must_name_a_known_actor(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        'country: SY\nactors:\n  - name: "Test Unit"\n    type: Rebel group\n'
        '    coded_as: "No Such Actor"\n    forms: [وحدة الاختبار]\n',
        "utf-8",
    )
    with pytest.raises(DataError, match="coded_as"):
        ActorDictionary.load([path])


# -- user files ------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, "utf-8")
    return path


def test_bad_type_in_a_user_file_names_file_and_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "country: SY\nactors:\n  - name: Good One\n    type: Rebel group\n    forms: [الف]\n"
        "  - name: Bad Militia\n    type: Militia\n    forms: [باء]\n",
    )
    with pytest.raises(DataError) as caught:
        ActorDictionary.load([path])
    line = caught.value.one_line()
    assert str(path) in line and "Bad Militia" in line and "actors[1]" in line
    assert "Militia" in line


ACTOR = "actors:\n  - name: X\n    type: Rebel group\n"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("actors:\n  - name: X\n    type: Rebel group\n    inter: 3\n    forms: [س]\n", "inter"),
        (
            "actors:\n  - name: X\n    type: Rebel group\n    country: Syria\n    forms: [س]\n",
            "ISO",
        ),
        (
            "actors:\n  - name: X\n    type: Rebel group\n    parent: Nobody\n    forms: [س]\n",
            "parent",
        ),
        ("actors:\n  - name: X\n    type: Rebel group\n    colour: red\n", "colour"),
        ("actors:\n  - name: X\n    type: Rebel group\n    forms: [قسد]\n", "no rule"),
        ("actors: [\n", "invalid YAML"),
        ("generic:\n  - template: Police\n    type: State forces\n", "{country}"),
    ],
)
def test_user_file_problems_are_data_errors(tmp_path: Path, text: str, problem: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(DataError) as caught:
        ActorDictionary.load([path])
    assert problem in caught.value.one_line() and str(path) in caught.value.one_line()


def test_user_file_overrides_and_extends(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "country: SY\nactors:\n"
        "  - name: Katerji Group\n    type: Political militia\n    forms: [مجموعة قاطرجي الجديدة]\n"
        "  - name: Brand New Brigade\n    type: Rebel group\n    forms: [لواء تجريبي جديد]\n",
    )
    dictionary = ActorDictionary.load([path])
    assert [e.name for e in dictionary.lookup("مجموعة قاطرجي الجديدة")] == ["Katerji Group"]
    assert dictionary.lookup("شركة القاطرجي") == []  # the override replaced the forms
    matcher = ActorMatcher(dictionary)
    assert found(matcher, "اشتباك مع لواء تجريبي جديد") == [
        ("لواء تجريبي جديد", "Brand New Brigade")
    ]
    with pytest.raises(DataError, match="no such actor dictionary file"):
        ActorDictionary.load([tmp_path / "missing.yaml"])


# -- the command line --------------------------------------------------------------------


def test_cli_list_lookup_and_find(tmp_path: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(cli, ["actors", "list", "--country", "SY"])
    assert listed.exit_code == 0
    assert re.search(r"Military Forces of Syria\s+State forces\s+1\s+SY", listed.output)
    looked = runner.invoke(cli, ["actors", "lookup", "وقسد"])
    assert looked.exit_code == 0 and "QSD: Syrian Democratic Forces" in looked.output
    looked = runner.invoke(cli, ["actors", "lookup", "الشرطة", "--country", "IQ"])
    assert "Police Forces of Iraq (inter 1)" in looked.output
    missing = runner.invoke(cli, ["actors", "lookup", "zzz"])
    assert missing.exit_code == 1
    text = tmp_path / "t.txt"
    raw = "قصف الجيش التركي مواقع لقوات النظام، وأعلن التنظيم"
    text.write_text(raw, "utf-8")
    result = runner.invoke(cli, ["actors", "find", str(text), "--country", "SY"])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.output.splitlines()]
    assert ["4", "16", "الجيش التركي", "Military Forces of Turkey (inter 8)"] in rows
    for start, end, shown, _ in rows:
        assert raw[int(start) : int(end)] == shown
    assert any(row[3] == "anaphor: organization" for row in rows)
