"""``marsad eval-sentences``: scoring sentence-level detection."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.conftest import shared_path

from marsad.cli import cli
from marsad.errors import EvaluationError
from marsad.evaluate.sentences import format_scores, read_labelled, score
from marsad.extraction.classifier import EventMentionDetector, sentence_event_types

# Sentences written for these tests (not from any corpus).
ROWS = [
    ("ASSAULT", "yes", "انفجرت سيارة مفخخة قرب سوق شعبي صباح أمس ما أدى إلى مقتل سبعة أشخاص"),
    ("ASSAULT", "easy no", "ناقش المجلس خطة لمكافحة الإرهاب في المنطقة"),
    ("ASSAULT", "difficult no", "لم تسجل أي هجمات على القوافل خلال الأسبوع"),
    ("ASSAULT", "ambiguous", "تحدث الوزير عن الوضع الأمني"),
    ("PROTEST", "yes", "تظاهر مئات الطلاب أمس أمام مبنى الجامعة احتجاجا على رفع الرسوم"),
    ("PROTEST", "easy no", "دعت النقابة الحكومة إلى الحوار مع المعارضة"),
]


def write_csv(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "event_type", "label", "accept", "reject", "total", "text"])
        for i, (cls, label, text) in enumerate(rows):
            writer.writerow([f"r{i}", cls, label, 0, 0, 0, text])
    return path


def test_score_counts_and_ignores_ambiguous(tmp_path: Path) -> None:
    rows = read_labelled(write_csv(tmp_path / "s.csv", ROWS))
    assert len(rows) == 5
    scores = score(rows, lambda text: {"Battles"} if "مقتل" in text else set())
    assault = scores["ASSAULT"]
    assert (assault.tp, assault.fp, assault.fn, assault.tn) == (1, 0, 0, 2)
    assert scores["PROTEST"].fn == 1 and scores["PROTEST"].f1 == 0.0
    assert format_scores(scores)[1].startswith("ASSAULT")


def test_bad_files_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no such file"):
        read_labelled(tmp_path / "missing.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,x\n", "utf-8")
    with pytest.raises(EvaluationError, match="missing column"):
        read_labelled(bad)
    odd = write_csv(tmp_path / "odd.csv", [("ASSAULT", "maybe", "x")])
    with pytest.raises(EvaluationError, match="unknown label"):
        read_labelled(odd)


def test_command_prints_scores(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "s.csv", ROWS)
    result = CliRunner().invoke(cli, ["eval-sentences", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:4] == ["class", "P", "R", "F1"]
    assault = next(line for line in lines if line.startswith("ASSAULT")).split()
    assert float(assault[3]) == 1.0  # the detector gets the three assault rows right


# Pinned figures on the event-gsr development half. A change that lowers them
# fails here; when a change raises them, raise the pins (and say so).
MINIMUM_F1 = {"ASSAULT": 0.48, "PROTEST": 0.34}


@pytest.mark.slow
def test_development_half_scores_do_not_drop() -> None:
    files = [shared_path("corpus", "event-gsr", f"{n}_dev.csv") for n in ("assault", "protest")]
    rows = [row for path in files for row in read_labelled(path)]
    detector = EventMentionDetector()
    scores = score(rows, lambda text: sentence_event_types(detector, text))
    for name, minimum in MINIMUM_F1.items():
        assert scores[name].f1 >= minimum, (name, minimum, scores[name].f1)


def test_a_violent_act_narrated_in_the_past_counts_on_its_own() -> None:
    # One past-tense verb of violence with its actor: a short report, not commentary.
    detector = EventMentionDetector()
    text = "وخطف مسلحون مجهولون ثلاثة موظفين عند حاجز وهمي قرب مدينة الرمادي"
    assert sentence_event_types(detector, text) == {"Violence against civilians"}
    # A verbal noun alone is still not enough.
    assert sentence_event_types(detector, "وتحدث التقرير عن خطف ثلاثة موظفين") == set()
