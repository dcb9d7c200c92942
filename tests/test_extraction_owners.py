"""Attack words with a nationality adjective name their attacker."""

from __future__ import annotations

import pytest

from marsad.errors import DataError
from marsad.extraction.classifier import EventMentionDetector
from marsad.extraction.owners import adjective_forms, attack_owners, resolve_nationalities
from marsad.normalize import default_normalizer
from marsad.recognize.types import ActorEntry

RUSSIA = ActorEntry("Military Forces of Russia", "State forces", 8, country="RU")


def owners_in(raw: str) -> list[tuple[str, str]]:
    nt = default_normalizer().normalize(raw)
    detected = EventMentionDetector().detect(nt)
    table = resolve_nationalities(adjective_forms({"روسي": RUSSIA.name}), {RUSSIA.name: RUSSIA})
    found = attack_owners(nt, detected, table)
    for mention in found:
        assert nt.raw[mention.start : mention.end] == mention.text
    return [(m.text, m.actor.name) for m in found]


def test_every_form_of_the_adjective_is_derived() -> None:
    forms = adjective_forms({"روسي": RUSSIA.name})
    assert set(forms) == {"روسي", "روسيه", "الروسي", "الروسيه"}


@pytest.mark.parametrize(
    ("raw", "owner"),
    [
        ("وشنت طائرات غارات روسية على البلدة.", "غارات روسية"),
        ("وقتل مدنيان في الغارات الروسية على البلدة.", "الغارات الروسية"),
        ("وقتل ثلاثة في ضربة جوية روسية قرب المدينة.", "ضربة جوية روسية"),
    ],
)
def test_attack_word_and_adjective_make_one_actor_mention(raw: str, owner: str) -> None:
    assert owners_in(raw) == [(owner, RUSSIA.name)]


def test_a_pronoun_or_another_adjective_names_no_owner() -> None:
    assert owners_in("وأسفرت غاراتها الروسية عن قتلى.") == []
    assert owners_in("وشنت الطائرات غارات عنيفة على البلدة.") == []


def test_a_nationality_naming_an_unknown_actor_is_a_data_error() -> None:
    with pytest.raises(DataError, match="Military Forces of Atlantis"):
        resolve_nationalities({"اطلنطي": "Military Forces of Atlantis"}, {})
