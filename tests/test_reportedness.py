"""The learned reportedness scorer: features, training, model files, CLI, CV."""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import shared_path

from marsad.cli import cli
from marsad.errors import MarsadError
from marsad.evaluate.sentences import LabelledSentence, read_labelled
from marsad.extraction.classifier import (
    EventMentionDetector,
    rule_event_types,
    sentence_event_types,
)
from marsad.extraction.reportedness import (
    ClassModel,
    Example,
    ModelError,
    Reportedness,
    ReportednessModel,
    Thresholds,
    TrainingOptions,
    assign_folds,
    cross_validate,
    document_of,
    feature_strings,
    fit,
    fit_once,
    hashed,
    prepare,
    strip_clitics,
    train_model,
)
from marsad.normalize import default_normalizer

# Sentences written for these tests (not from any corpus): reports of an attack
# and sentences that only talk about attacks.
ACTORS = ["مسلحون", "مجهولون", "عناصر من الميليشيا", "قوات الامن", "جماعة مسلحة"]
VICTIMS = ["ثلاثة جنود", "خمسة مدنيين", "شرطيين", "سبعة اشخاص", "حارسا"]
PLACES = ["في بلدة الحصن", "قرب سوق المدينة", "على الطريق الدولي", "في حي الشرق", "عند الحاجز"]
SPEAKERS = ["الوزير", "المتحدث باسم الحكومة", "رئيس البرلمان", "السفير", "المحلل السياسي"]
REACTIONS = ["ندد", "استنكر", "حذر من", "تحدث عن", "انتقد"]
SUBJECTS = ["الهجمات على المدنيين", "اعمال العنف", "ظاهرة الاغتيالات", "التفجيرات", "القتل"]


def written_sentences() -> list[tuple[str, bool]]:
    """Fifty reports and fifty commentaries, alternating."""
    found: list[tuple[str, bool]] = []
    for i in range(50):
        a, v, p = ACTORS[i % 5], VICTIMS[(i // 5) % 5], PLACES[(i * 3) % 5]
        found.append((f"قتل {a} {v} {p} صباح امس", True))
        s, r, o = SPEAKERS[i % 5], REACTIONS[(i // 5) % 5], SUBJECTS[(i * 3) % 5]
        found.append((f"{r} {s} {o} {p} في تصريح صحفي", False))
    return found


def as_rows(pairs: list[tuple[str, bool]], event_class: str = "ASSAULT") -> list[LabelledSentence]:
    return [
        LabelledSentence("written", n, event_class, positive, text, f"doc{n}-1")
        for n, (text, positive) in enumerate(pairs)
    ]


SMALL = TrainingOptions(epochs=5, inner_folds=2)


@pytest.fixture(scope="module")
def written_examples() -> list[Example]:
    return prepare(as_rows(written_sentences()))


def held_out_accuracy(examples: list[Example]) -> float:
    train, test = (
        examples[0::2][:25] + examples[1::2][:25],
        examples[0::2][25:] + examples[1::2][25:],
    )
    model = fit(train, SMALL)
    right = sum((model.probability(e.features) >= 0.5) == e.positive for e in test)
    return right / len(test)


def test_feature_hashing_is_stable_across_runs() -> None:
    strings = ["w=قتل", "b=قتل_مسلحون", "verdict=assault:accepted"]
    here = hashed(strings)
    script = f"from marsad.extraction.reportedness import hashed;print(list(hashed({strings!r})))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    there = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(there.stdout) == list(here)
    # CRC-32 of the UTF-8 bytes: pinned so that a change of hash breaks every model loudly.
    assert hashed(["w=قتل"]) == (24008,)
    assert strip_clitics("والمتظاهرون") == "متظاهر"


def summary_of(text: str) -> list[str]:
    groups = EventMentionDetector().detect(default_normalizer().normalize(text))
    found = feature_strings(groups, rule_event_types(groups))
    return sorted(f for f in found if f.startswith(("first=", "n=")))


def test_protest_triggers_are_summarised_sentence_wide() -> None:
    # Sentences written for this test. The verdict on the first protest trigger
    # and the counts of accepted and rejected ones are features of their own.
    summary = summary_of("تظاهر الاف الطلاب امام مقر الحكومة صباح امس احتجاجا على رفع الاسعار")
    firsts = [f for f in summary if f.startswith("first=")]
    assert len(firsts) == 1 and firsts[0].startswith("first=protest:")
    counts = [f for f in summary if f.startswith("n=protest:")]
    assert counts and all(int(f.rsplit(":", 1)[1]) <= 3 for f in counts)
    # Assault triggers are not summarised (it cost ASSAULT F1 when they were).
    assert summary_of("قتل مسلحون ثلاثة جنود في هجوم على حاجز صباح امس") == []


def test_training_learns_written_sentences_and_not_shuffled_labels(
    written_examples: list[Example],
) -> None:
    assert held_out_accuracy(written_examples) >= 0.9
    labels = [e.positive for e in written_examples]
    random.Random(3).shuffle(labels)
    shuffled = [replace(e, positive=y) for e, y in zip(written_examples, labels, strict=True)]
    assert held_out_accuracy(shuffled) <= 0.7


def test_training_is_deterministic(written_examples: list[Example]) -> None:
    first, second = fit(written_examples, SMALL), fit(written_examples, SMALL)
    assert first.bias == second.bias and first.weights == second.weights


def test_fit_averages_runs_over_seeds(written_examples: list[Example]) -> None:
    options = replace(SMALL, runs=3, min_weight=0.0)
    singles = [
        fit_once(written_examples, replace(options, seed=options.seed + k)) for k in range(3)
    ]
    # Each run sees its own order of the examples, so the runs differ ...
    assert singles[0].weights != singles[1].weights
    averaged = fit(written_examples, options)
    # ... and the model is their plain average, bias included.
    assert averaged.bias == pytest.approx(sum(m.bias for m in singles) / 3)
    for index in set().union(*(m.weights for m in singles)):
        expected = sum(m.weights.get(index, 0.0) for m in singles) / 3
        assert averaged.weights.get(index, 0.0) == pytest.approx(expected, abs=1e-12)
    one = fit(written_examples, replace(options, runs=1))
    assert one.weights == pytest.approx(singles[0].weights)


def test_model_round_trip(tmp_path: Path, written_examples: list[Example]) -> None:
    model = train_model(written_examples, SMALL, {"trained": "2026-11-28"})
    path = tmp_path / "model.json"
    model.save(path)
    loaded = ReportednessModel.load(path)
    assert loaded.info["trained"] == "2026-11-28"
    original, copy = model.classes["ASSAULT"], loaded.classes["ASSAULT"]
    assert copy.thresholds == original.thresholds
    for example in written_examples:
        assert copy.probability(example.features) == pytest.approx(
            original.probability(example.features), abs=2e-3
        )
    # Hashed features only: no word of the training sentences is in the file.
    text = path.read_text("utf-8")
    assert not any(word in text for sentence, _ in written_sentences() for word in sentence.split())


@pytest.mark.parametrize(
    "content",
    [
        None,
        "{not json",
        '{"format": "something else"}',
        '{"format": "marsad-reportedness-model", "feature_version": "old", "buckets": 8}',
        '{"format": "marsad-reportedness-model", "feature_version": "reportedness-features-3",'
        ' "buckets": 8, "classes": {"ASSAULT": {"bias": 0, "confirm": 0.5, "rescue": 1,'
        ' "indices": [1, 2], "weights": [0.5]}}}',
    ],
)
def test_missing_or_corrupt_model_names_the_file(tmp_path: Path, content: str | None) -> None:
    path = tmp_path / "model.json"
    if content is not None:
        path.write_text(content, "utf-8")
    with pytest.raises(ModelError) as caught:
        ReportednessModel.load(path)
    assert isinstance(caught.value, MarsadError)
    assert str(path) in caught.value.one_line()


def test_settings_point_at_the_model(tmp_path: Path) -> None:
    from marsad.settings import load_settings

    missing = tmp_path / "nowhere.json"
    settings = load_settings(None, reportedness_model=str(missing))
    with pytest.raises(ModelError, match="not found"):
        Reportedness.for_settings(settings)
    shipped = Reportedness.load()
    assert set(shipped.model.classes) == {"ASSAULT", "PROTEST"}
    assert "cross_validated" in shipped.model.info


def constant_scorer(bias: float) -> Reportedness:
    sure = ClassModel(bias, {}, Thresholds(confirm=0.5, rescue=0.5))
    return Reportedness(ReportednessModel({"ASSAULT": sure, "PROTEST": sure}))


def test_scorer_confirms_drops_and_gates() -> None:
    detector = EventMentionDetector()
    report = "قتل مسلحون ثلاثة جنود في هجوم على حاجز صباح امس"
    by_rules = sentence_event_types(detector, report)
    assert by_rules & {"Battles", "Violence against civilians", "Explosions/Remote violence"}
    assert sentence_event_types(detector, report, constant_scorer(10.0)) >= by_rules
    assert not sentence_event_types(detector, report, constant_scorer(-10.0)) & by_rules
    detected = detector.detect(default_normalizer().normalize(report))
    assert constant_scorer(10.0).gate(detected) == detected
    vetoed = constant_scorer(-10.0).gate(detected)
    assert not any(t.accepted for g in vetoed for t in g.triggers)
    assert any(t.decision.reason.startswith("unreported") for g in vetoed for t in g.triggers)


def write_csv(path: Path, rows: list[LabelledSentence]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "event_type", "label", "accept", "reject", "total", "text"])
        for row in rows:
            label = "yes" if row.positive else "easy no"
            writer.writerow([row.id, row.event_class, label, 0, 0, 0, row.text])
    return path


def test_cli_trains_reports_and_warns_on_training_data(tmp_path: Path) -> None:
    data = write_csv(tmp_path / "labelled.csv", as_rows(written_sentences()))
    model = tmp_path / "model.json"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["train-reportedness", str(data), "--output", str(model), "--folds", "2"]
    )
    assert result.exit_code == 0, result.output
    assert "ASSAULT  rules+scorer" in result.output and model.exists()
    info = ReportednessModel.load(model).info
    assert info["cross_validated"]["folds"] == 2
    assert info["training_counts"]["ASSAULT"] == {"sentences": 100, "positives": 50}
    config = tmp_path / "settings.toml"
    config.write_text(f'reportedness_model = "{model}"\n', "utf-8")
    scored = runner.invoke(cli, ["--config", str(config), "eval-sentences", str(data)])
    assert scored.exit_code == 0, scored.output
    assert scored.output.startswith("warning:") and "--cv" in scored.output
    honest = runner.invoke(cli, ["eval-sentences", "--cv", "2", str(data)])
    assert honest.exit_code == 0, honest.output
    assert honest.output.startswith("cross-validated: 2 folds")
    broken = runner.invoke(cli, ["train-reportedness", str(tmp_path / "none.csv")])
    assert broken.exit_code != 0


def test_documents_of_sentence_ids() -> None:
    # Made-up ids in the two shapes the event-gsr files use.
    assert document_of("XIN_ARB_20090101.0042-7") == "XIN_ARB_20090101.0042"
    assert document_of("0123456789abcdef_5") == "0123456789abcdef"
    assert document_of("plain") == "plain"


# --------------------------------------------------------- event-gsr (../shared)

# A quicker cross-validation than the shipped model's (3 folds, 2 inner, 5
# epochs) keeps this test in seconds; it measured ASSAULT 0.567, PROTEST 0.489
# (0.573, 0.475 with the trigger context window, reportedness-features-2;
# 0.623, 0.511 with averaged runs and the protest summary, reportedness-features-3).
QUICK = TrainingOptions(epochs=5, inner_folds=2)
MINIMUM_CV_F1 = {"ASSAULT": 0.55, "PROTEST": 0.45}


@pytest.fixture(scope="module")
def gsr_examples() -> list[Example]:
    files = [shared_path("corpus", "event-gsr", f"{n}_dev.csv") for n in ("assault", "protest")]
    return prepare([row for path in files for row in read_labelled(path)])


@pytest.mark.parametrize("seed", [0, 1])
def test_folds_never_share_a_document(gsr_examples: list[Example], seed: int) -> None:
    fold_of = assign_folds([e.document for e in gsr_examples], 5, seed)
    both = {e.document for e in gsr_examples if e.event_class == "ASSAULT"} & {
        e.document for e in gsr_examples if e.event_class == "PROTEST"
    }
    assert both  # documents labelled in both files exist, and are grouped
    for fold in range(5):
        held = {e.document for e in gsr_examples if fold_of[e.document] == fold}
        train = {e.document for e in gsr_examples if fold_of[e.document] != fold}
        assert held and not held & train
    sizes = [sum(1 for e in gsr_examples if fold_of[e.document] == f) for f in range(5)]
    assert max(sizes) - min(sizes) <= 0.05 * len(gsr_examples)
    if seed:  # another seed, another split
        assert fold_of != assign_folds([e.document for e in gsr_examples], 5)


def test_cross_validated_scores_do_not_drop(gsr_examples: list[Example]) -> None:
    result = cross_validate(gsr_examples, 3, QUICK)
    for name, minimum in MINIMUM_CV_F1.items():
        assert result.combined[name].f1 >= minimum, result.lines()
        assert result.combined[name].f1 > result.rules[name].f1
