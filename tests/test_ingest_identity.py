"""Stable ids, exact and near duplicates, language check, options."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from marsad.errors import ConfigError
from marsad.ingest import IngestOptions, IngestReport, read_documents
from marsad.ingest.identity import DuplicateLinker, LanguageCheck, lsh_bands
from marsad.settings import load_settings

FIX = Path(__file__).parent / "fixtures" / "ingest"

STORY = (
    "أفادت مصادر محلية بأن مسلحين مجهولين يستقلون دراجة نارية أطلقوا النار على سيارة مدنية "
    "عند مدخل البلدة الجنوبي مساء الثلاثاء، ما أدى إلى مقتل سائقها وإصابة راكب كان برفقته "
    "بجروح خطيرة نقل على إثرها إلى المستشفى الوطني. وقالت المصادر إن المهاجمين لاذوا بالفرار "
    "باتجاه الأراضي الزراعية المحيطة، فيما طوقت دوريات الشرطة المكان وبدأت تحقيقا لمعرفة "
    "ملابسات الحادثة. ويشهد ريف المحافظة منذ أشهر تصاعدا في حوادث الاغتيال والخطف التي "
    "تستهدف موظفين ووجهاء محليين، وسط اتهامات متبادلة بين القوى المسيطرة على المنطقة."
)
# The same wire story republished with two small edits.
REPUBLISHED = STORY.replace("مساء الثلاثاء", "مساء يوم الثلاثاء").replace(
    "بجروح خطيرة", "بجروح بالغة"
)
UNRELATED = (
    "نظم مئات المعلمين إضرابا عن العمل في مدارس المدينة احتجاجا على تأخر صرف رواتبهم للشهر "
    "الثالث على التوالي، وأعلنت نقابتهم أن الإضراب سيستمر حتى تستجيب وزارة التربية لمطالبهم "
    "المتعلقة بالأجور وتحسين ظروف العمل في المدارس الحكومية والخاصة على حد سواء."
)


def write_jsonl(path: Path, records: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
    return path


def read(*inputs: str | Path, **options: object) -> tuple[list, IngestReport]:  # type: ignore[type-arg]
    report = IngestReport()
    docs = list(read_documents([str(i) for i in inputs], IngestOptions(**options), report))  # type: ignore[arg-type]
    return docs, report


def test_same_input_gives_same_ids_and_rereading_it_is_not_double_counted() -> None:
    inputs = (FIX / "report_dateline.txt", FIX / "telegram_channel.json", FIX / "feed.atom")
    first, _ = read(*inputs)
    second, _ = read(*inputs)
    assert [d.id for d in first] == [d.id for d in second]
    assert len({d.id for d in first}) == len(first)
    again, report = read(*inputs, *inputs)
    assert [d.id for d in again] == [d.id for d in first]
    assert report.skipped["already read (same id)"] == len(first)


def test_exact_and_near_duplicates_are_kept_and_linked(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "wire.jsonl",
        [
            {"id": "agency-a", "text": STORY},
            {"id": "agency-b", "text": REPUBLISHED},
            {"id": "agency-c", "text": UNRELATED},
            # Same text once the spelling is normalised (alef with hamza, tatweel).
            {"id": "agency-d", "text": STORY.replace("الاغتيال", "الإغتيـال")},
        ],
    )
    docs, report = read(path)
    links = {d.id: d.duplicate_of for d in docs}
    assert links == {
        "agency-a": None,
        "agency-b": "agency-a",
        "agency-c": None,
        "agency-d": "agency-a",
    }
    assert report.near_duplicates == 1 and report.exact_duplicates == 1
    assert "duplicates: 1 exact, 1 near" in "\n".join(report.summary_lines())


def test_int_index_grows_and_keeps_first_values() -> None:
    from marsad.ingest.identity import IntIndex

    index = IntIndex(capacity=4)
    keys = [0, 1, -1, 2**64 + 5, *range(10, 3000, 7)]
    for ordinal, key in enumerate(keys):
        index.setdefault(key, ordinal)
    # 0 and 1 share a slot marker, as do 5 and 2**64 + 5 (keys are taken modulo 2**64).
    assert index.get(0) == 0 and index.get(1) == 0
    assert index.get(-1) == 2
    assert index.get(5) == 3
    assert index.get(2992) == keys.index(2992)
    assert index.get(4) is None
    assert index.setdefault(10, 999) == keys.index(10)
    with pytest.raises(ValueError, match="power of two"):
        IntIndex(capacity=6)


def test_copies_of_a_near_duplicate_link_to_the_first_copy() -> None:
    from marsad.document import Document

    linker = DuplicateLinker(threshold=0.8, permutations=128)
    linker.link(Document("a", STORY))
    assert linker.link(Document("b", REPUBLISHED))[0].duplicate_of == "a"  # type: ignore[union-attr]
    copy, kind = linker.link(Document("c", REPUBLISHED))
    assert kind == "exact" and copy is not None and copy.duplicate_of == "a"
    assert linker.link(Document("a", UNRELATED)) == (None, "repeat")


@pytest.mark.parametrize("threshold", [0.95, 0.99])
def test_near_duplicate_threshold_is_configurable(threshold: float) -> None:
    from marsad.document import Document

    strict = DuplicateLinker(threshold=threshold, permutations=128)
    strict.link(Document("a", STORY))
    # At 0.95 the edited copy shares a band with the story but is not similar enough.
    linked, kind = strict.link(Document("b", REPUBLISHED))
    assert kind == "new" and linked is not None and linked.duplicate_of is None
    assert strict.link(Document("c", UNRELATED))[1] == "new"
    assert strict.link(Document("d", REPUBLISHED))[0].duplicate_of == "b"  # type: ignore[union-attr]


def test_real_news_records_are_read_without_problems() -> None:
    from tests.conftest import shared_path

    path = shared_path("corpus", "saudinewsnet", "dev.jsonl")
    records = path.read_text("utf-8").splitlines()
    docs, report = read(path, fields={"published": "date", "source": "outlet"})
    assert not report.problems
    assert report.read + sum(report.skipped.values()) == len(records)
    assert all(d.language == "ar" and d.published is not None for d in docs)
    assert all(d.id.startswith("snn-") for d in docs)


def test_lsh_bands_fit_the_permutations() -> None:
    bands, rows = lsh_bands(0.8, 128)
    assert bands * rows <= 128
    # A lower threshold needs fewer rows per band to let more pairs collide.
    assert lsh_bands(0.5, 128)[1] < rows


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عاجل: انفجار في السوق", "ar"),
        ("قتل شخصان في قصف على البلدة", "ar"),
        ("The army shelled the town on Sunday morning.", "en"),
        ("بمباران شهر توسط ارتش انجام شد و چند نفر کشته شدند", "fa"),
        ("12345 --- !!!", "und"),
    ],
)
def test_language_check(text: str, expected: str) -> None:
    from marsad.ingest.identity import default_language_check

    checker: LanguageCheck = default_language_check()
    assert checker.language(text) == expected


def test_options_from_settings_and_validation() -> None:
    settings = load_settings(near_duplicate_threshold=0.7, http_retries=5)
    options = IngestOptions.from_settings(settings, published=date(2020, 1, 1))
    assert options.near_duplicate_threshold == 0.7
    assert options.retries == 5
    assert options.user_agent == settings.user_agent
    assert options.published == date(2020, 1, 1)
    with pytest.raises(ConfigError, match="unknown input format"):
        IngestOptions(format="pdf")
    with pytest.raises(ConfigError, match="unknown record field"):
        IngestOptions(fields={"headline": "h"})
    assert IngestOptions(fields={"text": "body"}).field_keys("text") == ("body",)
    assert IngestOptions().field_keys("text") == ("text", "content", "body")
