"""Sentence-level event detection scored on the event-gsr files.

Each CSV row is one sentence labelled for one class (ASSAULT or PROTEST):
``yes`` is a positive, ``easy no`` and ``difficult no`` are negatives,
``ambiguous`` rows are ignored. A sentence is detected when the detector
finds at least one event of a type belonging to the row's class.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import EvaluationError

CLASS_TYPES = {
    "ASSAULT": frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"}),
    "PROTEST": frozenset({"Protests", "Riots"}),
}
POSITIVE = frozenset({"yes"})
NEGATIVE = frozenset({"easy no", "difficult no"})
REQUIRED_COLUMNS = ("event_type", "label", "text")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    source: str
    row: int
    event_class: str
    positive: bool
    text: str
    id: str = ""  # the row's sentence id (``DOCUMENT-N``), empty when the file has none


@dataclass
class ClassScore:
    """Confusion counts of one class."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def total(self) -> int:
        return self.tp + self.fp + self.fn + self.tn


def read_labelled(path: str | Path) -> list[LabelledSentence]:
    """The scored rows of one event-gsr CSV (ambiguous rows dropped)."""
    source = str(path)
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise EvaluationError(f"missing column(s): {', '.join(missing)}", source=source)
            rows = list(reader)
    except FileNotFoundError:
        raise EvaluationError("no such file", source=source) from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise EvaluationError(f"cannot read CSV: {exc}", source=source) from None
    found: list[LabelledSentence] = []
    for number, row in enumerate(rows, 2):
        event_class = (row.get("event_type") or "").strip().upper()
        label = (row.get("label") or "").strip().lower()
        if event_class not in CLASS_TYPES:
            raise EvaluationError(f"line {number}: unknown class {event_class!r}", source=source)
        if label in POSITIVE or label in NEGATIVE:
            found.append(
                LabelledSentence(
                    source,
                    number,
                    event_class,
                    label in POSITIVE,
                    row["text"] or "",
                    (row.get("id") or "").strip(),
                )
            )
        elif label != "ambiguous":
            raise EvaluationError(f"line {number}: unknown label {label!r}", source=source)
    return found


def score(
    sentences: Iterable[LabelledSentence], detect: Callable[[str], set[str]]
) -> dict[str, ClassScore]:
    """Confusion counts per class; ``detect`` gives a sentence's event types."""
    scores: dict[str, ClassScore] = {}
    for item in sentences:
        found = bool(detect(item.text) & CLASS_TYPES[item.event_class])
        counts = scores.setdefault(item.event_class, ClassScore())
        if item.positive and found:
            counts.tp += 1
        elif item.positive:
            counts.fn += 1
        elif found:
            counts.fp += 1
        else:
            counts.tn += 1
    return scores


def format_scores(scores: dict[str, ClassScore]) -> list[str]:
    """A small table: one line per class."""
    lines = [
        f"{'class':<8} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5} {'n':>5}"
    ]
    for name in sorted(scores):
        s = scores[name]
        lines.append(
            f"{name:<8} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
            f"{s.tp:5d} {s.fp:5d} {s.fn:5d} {s.tn:5d} {s.total:5d}"
        )
    return lines
