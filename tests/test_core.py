from __future__ import annotations

from datetime import date

import pytest

from marsad.document import Document, Span, content_id
from marsad.errors import ConfigError, InputError, MarsadError
from marsad.events import Event, Evidence, interaction_code
from marsad.normalize.offsets import Edit, OffsetMap
from marsad.settings import load_settings


def test_span_text_must_fit_offsets() -> None:
    with pytest.raises(ValueError):
        Span(0, 3, "X", "ab")
    span = Span.of("قصف مدفعي", 0, 3, "TRIGGER", kind="shelling")
    assert span.text == "قصف" and span.attrs["kind"] == "shelling"


def test_document_round_trip() -> None:
    doc = Document("d1", "نص", source="x", published=date(2020, 11, 21), metadata={"a": 1})
    again = Document.from_dict(doc.to_dict())
    assert again == doc and again.metadata["a"] == 1
    assert content_id("نص") == content_id("نص") != content_id("نص ")


def test_offset_map_deletions_and_insertions() -> None:
    source = "ab--cd"
    text, offsets = OffsetMap.apply(source, [Edit(2, 4, "", "x"), Edit(5, 6, "DD", "y")])
    assert text == "abcDD"
    assert offsets.source_span(0, 3) == (0, 5)  # "abc" spans over the deleted "--"
    assert offsets.source_span(3, 4) == (5, 6)  # half of an expansion maps to all of it
    assert offsets.derived_offset(4) == 2


def test_offset_map_span_is_the_span_of_its_first_and_last_characters() -> None:
    source = "abcdefghij"
    edits = [
        Edit(1, 3, "", "x"),
        Edit(4, 5, "XYZ", "y"),
        Edit(7, 7, "!", "z"),
        Edit(9, 10, "Q", "w"),
    ]
    text, offsets = OffsetMap.apply(source, edits)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            if start == end:
                expected = (offsets.boundary_source(start),) * 2
            else:
                expected = (offsets.char_source(start)[0], offsets.char_source(end - 1)[1])
            assert offsets.source_span(start, end) == expected


def test_offset_map_rejects_overlap() -> None:
    with pytest.raises(ValueError):
        OffsetMap([Edit(0, 3, "", "x"), Edit(2, 4, "", "y")])


def test_interaction_codes() -> None:
    assert interaction_code(8, 1) == 18
    assert interaction_code(2, None) == 20
    assert interaction_code(None, None) is None


def test_event_round_trip() -> None:
    event = Event(
        "d1", "e1", "Battles", "Armed clash", event_date=date(2020, 11, 15), inter1=2, inter2=1,
        evidence=(Evidence("trigger", 3, 6, "abc"),),
    )  # fmt: skip
    record = event.to_dict()
    assert record["disorder_type"] == "Political violence" and record["interaction"] == 12
    assert Event.from_dict(record) == event


def test_settings_overlay(tmp_path) -> None:  # type: ignore[no-untyped-def]
    user = tmp_path / "settings.toml"
    user.write_text("near_duplicate_threshold = 0.9\n", "utf-8")
    assert load_settings(user).near_duplicate_threshold == 0.9
    user.write_text("no_such_key = 1\n", "utf-8")
    with pytest.raises(ConfigError):
        load_settings(user)
    with pytest.raises(ConfigError):
        load_settings(tmp_path / "missing.toml")


def test_errors_print_one_line() -> None:
    error = InputError("not valid UTF-8\n(byte 3)", source="a.txt")
    assert isinstance(error, MarsadError)
    assert error.one_line() == "[M100] a.txt: not valid UTF-8 (byte 3)"
