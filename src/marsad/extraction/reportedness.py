"""Reportedness: does a sentence report an event of a class, or only mention one?

Nearly every sentence that names a killing or a demonstration trips the trigger
lexicon, and most of them are not reports: commentary, reactions, trials of old
killings, statistics, figurative and habitual uses. Hand rules (modality cues,
the density heuristic) catch part of that; a per-class logistic regression over
the sentence learns the rest from labelled sentences.

Features are strings (words, bigrams, clitic-stripped forms and the rule
detector's own verdicts on the sentence) hashed with CRC-32 into a fixed number
of buckets, so the model file holds bucket indices and weights and never a word
of the sentences it was trained on. Training is stochastic gradient descent on
the class-weighted, L2-regularised logistic loss in plain Python, deterministic
for a given seed.

The scorer never works alone: a class is detected when the rules detect it and
the probability reaches the ``confirm`` threshold, or when the rules passed over
a trigger of the class (accepted or merely unanchored) and the probability
reaches the ``rescue`` threshold. Thresholds are chosen on out-of-fold
probabilities of the training data only, and folds split by source document.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
import zlib
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from marsad.errors import DataError
from marsad.evaluate.sentences import ClassScore, LabelledSentence
from marsad.extraction.classifier import (
    EventMentionDetector,
    ScoredTrigger,
    SentenceTriggers,
    rule_event_types,
    type_density,
)
from marsad.extraction.modality import Decision
from marsad.normalize import default_normalizer
from marsad.recognize.triggers import ASSAULT_TYPES, PROTEST_TYPES
from marsad.settings import Settings

# Bump when ``feature_strings`` changes: a model trained on other features
# would score garbage, so loading one refuses it.
FEATURE_VERSION = "reportedness-features-3"
FORMAT = "marsad-reportedness-model"
BUCKETS = 1 << 18
CLASS_TYPES: dict[str, frozenset[str]] = {"ASSAULT": ASSAULT_TYPES, "PROTEST": PROTEST_TYPES}
CLASSES = tuple(CLASS_TYPES)
# The trigger lexicon's class names for the event-gsr classes.
LEXICON_CLASS = {"ASSAULT": "assault", "PROTEST": "protest"}
# Candidate thresholds: 0.02 .. 0.98, and "never" for the rescue path.
THRESHOLD_GRID = tuple(round(0.02 * i, 2) for i in range(1, 50))
NEVER = 1.01
# Reason given to an accepted trigger that the scorer vetoes in a document.
UNREPORTED = "unreported (scorer)"


class ModelError(DataError):
    """The reportedness model file is missing, corrupt or for other features."""

    code = "M220"


def default_model_path() -> Path:
    """The model shipped in the package (trained on the event-gsr development half)."""
    return Path(str(resources.files("marsad.data").joinpath("reportedness", "model.json")))


# --------------------------------------------------------------------- features

PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")
ENCLITICS = ("هما", "تها", "تهم", "هم", "ها", "ون", "ين", "ات", "ان", "يه", "ه", "ي")


def strip_clitics(word: str) -> str:
    """``والمتظاهرون`` -> ``متظاهر``: one proclitic and one ending off, keeping a
    stem of three letters or more (enough to pool a word's inflections)."""
    for prefix in PROCLITICS:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            word = word[len(prefix) :]
            break
    for suffix in ENCLITICS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _shape(word: str) -> str:
    """Digits fold to 0 so that every figure of a toll is one feature."""
    return "".join("0" if ch.isdigit() else ch for ch in word)


def _bucket(value: float, edges: Sequence[float]) -> int:
    return sum(1 for edge in edges if value >= edge)


LENGTH_EDGES = (8, 15, 25, 40, 60)
DENSITY_EDGES = (0.4, 0.8, 1.0, 1.5, 2.0, 3.0)
# Tokens either side of a trigger that make its context window.
CONTEXT = 2
# Lexicon classes whose triggers are also summarised sentence-wide (see
# ``_summary_features``). Protest only: on 5-fold cross-validation (3 splits)
# the summary raised PROTEST F1 by 0.036-0.040, and its assault version cost
# ASSAULT 0.009 (a guess at why: a sentence of violence often holds many
# assault triggers of mixed verdicts, where the counts add noise).
SUMMARISED = ("protest",)
# Trigger counts above this share one feature.
MAX_COUNT = 3


def feature_strings(groups: Sequence[SentenceTriggers], rule_types: set[str]) -> list[str]:
    """What the scorer sees of a sentence (``groups``: the detector's view of it)."""
    words = [_shape(t.text) for g in groups for t in g.sentence.tokens]
    found = [f"len={_bucket(len(words), LENGTH_EDGES)}"]
    found += ["w=" + w for w in words]
    found += [f"b={a}_{b}" for a, b in zip(["<s>", *words], [*words, "</s>"], strict=True)]
    found += ["s=" + strip_clitics(w) for w in words]
    position = 0
    for group in groups:
        tokens = [_shape(t.text) for t in group.sentence.tokens]
        starts = [t.start for t in group.sentence.tokens]
        for trigger in group.triggers:
            found += _trigger_features(trigger, tokens, starts, position, len(words))
        position += len(tokens)
    found += _summary_features(groups)
    for name, lexicon_class in LEXICON_CLASS.items():
        accepted = [
            t for g in groups for t in g.accepted if t.mention.entry.event_class == lexicon_class
        ]
        if accepted:
            density = type_density(accepted, len(words))
            found.append(f"density={name}:{_bucket(density, DENSITY_EDGES)}")
        if rule_types & CLASS_TYPES[name]:
            found.append("rule=" + name)
    found += ["rule_type=" + t for t in sorted(rule_types)]
    return found


def _trigger_features(
    trigger: ScoredTrigger, tokens: list[str], starts: list[int], offset: int, total: int
) -> list[str]:
    entry = trigger.mention.entry
    decision = trigger.decision
    kind = entry.event_class
    verdict = "accepted" if decision.accepted else decision.reason
    index = max(0, _token_index(starts, trigger.mention.norm_start))
    before = tokens[index - 1] if index > 0 else "<s>"
    after = tokens[index + 1] if index + 1 < len(tokens) else "</s>"
    place = 4 * (offset + index) // max(total, 1)
    # The trigger's neighbourhood (clitic-stripped words within CONTEXT tokens,
    # left or right): whether the attack is reported or talked about shows
    # near the trigger more than elsewhere in a long sentence.
    window = [
        f"ctx{'L' if j < index else 'R'}={kind}:{strip_clitics(tokens[j])}"
        for j in range(max(0, index - CONTEXT), min(len(tokens), index + CONTEXT + 1))
        if j != index
    ]
    found = [
        f"trigger={kind}",
        f"verdict={kind}:{verdict}",
        f"pos={kind}:{trigger.mention.pos}",
        f"pos_verdict={kind}:{trigger.mention.pos}:{verdict}",
        f"lemma={entry.lemma}:{verdict == 'accepted'}",
        f"type={entry.event_type}",
        f"place={kind}:{place}",
        f"before={kind}:{before}",
        f"after={kind}:{after}",
    ]
    found += window
    if decision.cue:
        found.append(f"cue={decision.reason}:{decision.cue}")
    found += [f"support={kind}:{s}" for s in decision.support]
    if entry.participant:
        found.append(f"participant={kind}:{trigger.mention.definite}")
    if entry.generic:
        found.append(f"generic={kind}")
    return found


def _summary_features(groups: Sequence[SentenceTriggers]) -> list[str]:
    """Per summarised class: the verdict on its first trigger, and how many of its
    triggers were accepted and rejected (capped at ``MAX_COUNT``).

    The per-trigger features say what each trigger looked like, not how the
    sentence's triggers add up. The idea (measured only as the F1 gain above):
    one rejected mention among accepted ones still suggests a report, every
    mention rejected suggests talk about protests, and the first mention is
    often the main clause's."""
    first: dict[str, str] = {}
    counts: dict[tuple[str, bool], int] = {}
    for trigger in (t for g in groups for t in g.triggers):
        kind = trigger.mention.entry.event_class
        if kind not in SUMMARISED:
            continue
        first.setdefault(kind, "accepted" if trigger.accepted else trigger.decision.reason)
        key = (kind, trigger.accepted)
        counts[key] = counts.get(key, 0) + 1
    found = [f"first={kind}:{verdict}" for kind, verdict in first.items()]
    found += [f"n={kind}:{acc}:{min(n, MAX_COUNT)}" for (kind, acc), n in counts.items()]
    return found


def _token_index(starts: list[int], offset: int) -> int:
    return bisect_right(starts, offset) - 1


def hashed(strings: Iterable[str], buckets: int = BUCKETS) -> tuple[int, ...]:
    """Sorted distinct bucket indices of ``strings`` (CRC-32: stable across runs,
    unlike the salted built-in ``hash``)."""
    return tuple(sorted({zlib.crc32(s.encode("utf-8")) % buckets for s in strings}))


# ---------------------------------------------------------------------- model


@dataclass(frozen=True, slots=True)
class Thresholds:
    """How sure the scorer must be: to let a rule detection stand (``confirm``),
    and to detect from a trigger of the class the rules passed over (``rescue``)."""

    confirm: float = 0.5
    rescue: float = NEVER

    def decide(self, rule_detected: bool, has_trigger: bool, probability: float) -> bool:
        if rule_detected:
            return probability >= self.confirm
        return has_trigger and probability >= self.rescue


@dataclass(frozen=True)
class ClassModel:
    """The logistic regression of one class."""

    bias: float
    weights: Mapping[int, float]
    thresholds: Thresholds = Thresholds()

    def probability(self, features: Iterable[int]) -> float:
        weights = self.weights
        return _sigmoid(self.bias + sum(weights.get(i, 0.0) for i in features))


def _sigmoid(margin: float) -> float:
    if margin >= 0:
        return 1.0 / (1.0 + math.exp(-margin))
    e = math.exp(margin)
    return e / (1.0 + e)


@dataclass(frozen=True)
class ReportednessModel:
    """Per-class models plus what they were trained on (hashes, never text)."""

    classes: Mapping[str, ClassModel]
    buckets: int = BUCKETS
    feature_version: str = FEATURE_VERSION
    info: Mapping[str, Any] = field(default_factory=dict)

    @property
    def training_files(self) -> frozenset[str]:
        """sha256 digests of the files the model was trained on."""
        return frozenset(str(d) for d in self.info.get("training_files", ()))

    def to_dict(self) -> dict[str, Any]:
        classes: dict[str, Any] = {}
        for name, model in sorted(self.classes.items()):
            kept = sorted((i, round(w, 4)) for i, w in model.weights.items() if round(w, 4))
            classes[name] = {
                "bias": round(model.bias, 6),
                "confirm": model.thresholds.confirm,
                "rescue": model.thresholds.rescue,
                "indices": [i for i, _ in kept],
                "weights": [w for _, w in kept],
            }
        return {
            "format": FORMAT,
            "feature_version": self.feature_version,
            "buckets": self.buckets,
            **dict(self.info),
            "classes": classes,
        }

    def save(self, path: str | Path) -> None:
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(self.to_dict(), separators=(",", ":")) + "\n", "utf-8")

    @classmethod
    def load(cls, path: str | Path) -> ReportednessModel:
        """Read a model file; any problem raises ``ModelError`` naming the file."""
        source = str(path)
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise ModelError(
                "reportedness model not found (train one with marsad train-reportedness)",
                source=source,
            ) from None
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise ModelError(f"cannot read reportedness model: {exc}", source=source) from None
        try:
            return cls._from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"corrupt reportedness model ({exc!r})", source=source) from None

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> ReportednessModel:
        if data.get("format") != FORMAT:
            raise ValueError(f"not a {FORMAT} file")
        if data["feature_version"] != FEATURE_VERSION:
            raise ValueError(
                f"features {data['feature_version']!r}, this marsad computes "
                f"{FEATURE_VERSION!r}: retrain with marsad train-reportedness"
            )
        buckets = int(data["buckets"])
        classes: dict[str, ClassModel] = {}
        for name, spec in data["classes"].items():
            if name not in CLASS_TYPES:
                raise ValueError(f"unknown class {name!r}")
            indices = [int(i) for i in spec["indices"]]
            weights = [float(w) for w in spec["weights"]]
            if len(indices) != len(weights) or any(not 0 <= i < buckets for i in indices):
                raise ValueError(f"bad weights of {name}")
            thresholds = Thresholds(float(spec["confirm"]), float(spec["rescue"]))
            classes[name] = ClassModel(
                float(spec["bias"]), dict(zip(indices, weights, strict=True)), thresholds
            )
        skip = {"format", "feature_version", "buckets", "classes"}
        info = {k: v for k, v in data.items() if k not in skip}
        return cls(classes, buckets, FEATURE_VERSION, info)


class Reportedness:
    """The scorer as the pipeline uses it (a ``SentenceRefiner``)."""

    def __init__(self, model: ReportednessModel) -> None:
        self.model = model

    @classmethod
    def load(cls, path: str | Path | None = None) -> Reportedness:
        """The model at ``path``, else the one shipped in the package."""
        return cls(ReportednessModel.load(path or default_model_path()))

    @classmethod
    def for_settings(cls, settings: Settings) -> Reportedness:
        return cls.load(settings.reportedness_model or None)

    def features(self, groups: Sequence[SentenceTriggers], rule_types: set[str]) -> tuple[int, ...]:
        return hashed(feature_strings(groups, rule_types), self.model.buckets)

    def refine(self, groups: Sequence[SentenceTriggers], rule_types: set[str]) -> set[str]:
        """The rules' types with each scored class confirmed, dropped or rescued."""
        scored = set().union(*(CLASS_TYPES[c] for c in self.model.classes))
        found = rule_types - scored
        features: tuple[int, ...] | None = None
        for name, model in self.model.classes.items():
            by_rules = rule_types & CLASS_TYPES[name]
            present = candidate_types(groups, name)
            if not by_rules and not present:
                continue
            if features is None:
                features = self.features(groups, rule_types)
            probability = model.probability(features)
            if model.thresholds.decide(bool(by_rules), bool(present), probability):
                found |= by_rules or present
        return found

    def gate(
        self, detected: Sequence[SentenceTriggers], threshold: float | None = None
    ) -> list[SentenceTriggers]:
        """``detected`` with accepted triggers of a scored class rejected in the
        sentences the scorer finds unlikely to report that class (below
        ``threshold``, else the class's ``confirm`` threshold)."""
        result: list[SentenceTriggers] = []
        for group in detected:
            classes = {
                name
                for name in self.model.classes
                for t in group.accepted
                if t.mention.entry.event_type in CLASS_TYPES[name]
            }
            vetoed: set[str] = set()
            if classes:
                rule_types = rule_event_types([group])
                features = self.features([group], rule_types)
                for name in sorted(classes):
                    model = self.model.classes[name]
                    limit = model.thresholds.confirm if threshold is None else threshold
                    if model.probability(features) < limit:
                        vetoed |= CLASS_TYPES[name]
            if not vetoed:
                result.append(group)
                continue
            triggers = tuple(
                replace(t, decision=Decision(False, UNREPORTED, None, t.decision.support))
                if t.accepted and t.mention.entry.event_type in vetoed
                else t
                for t in group.triggers
            )
            result.append(replace(group, triggers=triggers))
        return result


def candidate_types(groups: Sequence[SentenceTriggers], name: str) -> set[str]:
    """Event types of class ``name`` whose triggers are accepted or only unanchored."""
    return {
        t.mention.entry.event_type
        for g in groups
        for t in g.triggers
        if (t.accepted or t.unanchored) and t.mention.entry.event_type in CLASS_TYPES[name]
    }


# ------------------------------------------------------------------- training


@dataclass(frozen=True, slots=True)
class Example:
    """One labelled sentence as the trainer sees it."""

    document: str
    event_class: str
    positive: bool
    features: tuple[int, ...]
    rule_detected: bool
    has_trigger: bool


def document_of(sentence_id: str) -> str:
    """The source document of a sentence id: ``XIN_ARB_20090101.0042-7`` ->
    ``XIN_ARB_20090101.0042`` (hex ids number their sentences after ``_``)."""
    for separator in ("-", "_"):
        head, sep, tail = sentence_id.rpartition(separator)
        if sep and head and tail.isdigit():
            return head
    return sentence_id


def prepare(
    rows: Sequence[LabelledSentence],
    detector: EventMentionDetector | None = None,
    buckets: int = BUCKETS,
) -> list[Example]:
    """Run the rule detector once per sentence and keep what training needs."""
    detector = detector if detector is not None else EventMentionDetector()
    normalizer = default_normalizer()
    found: list[Example] = []
    for row in rows:
        groups = detector.detect(normalizer.normalize(row.text))
        rule_types = rule_event_types(groups)
        found.append(
            Example(
                document=document_of(row.id) if row.id else f"{row.source}:{row.row}",
                event_class=row.event_class,
                positive=row.positive,
                features=hashed(feature_strings(groups, rule_types), buckets),
                rule_detected=bool(rule_types & CLASS_TYPES[row.event_class]),
                has_trigger=bool(candidate_types(groups, row.event_class)),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class TrainingOptions:
    """Settled by 5-fold cross-validation on the event-gsr development half."""

    epochs: int = 10
    learning_rate: float = 0.1
    l2: float = 0.01
    # Weight of a positive example relative to a negative one; None: the
    # square root of the negatives-to-positives ratio (positives are rare).
    positive_weight: float | None = None
    seed: int = 20261128
    # Folds inside the training data whose out-of-fold probabilities set the thresholds.
    inner_folds: int = 4
    buckets: int = BUCKETS
    # Weights smaller than this are dropped after training (they barely move a
    # probability and would triple the model file).
    min_weight: float = 0.003
    # Runs of SGD (seeds ``seed``, ``seed + 1``, ...) whose weights are averaged
    # into the model: one run's weights depend on the order it saw the examples
    # in (the 5-fold F1 of single runs spread 0.60-0.63 on ASSAULT and
    # 0.47-0.51 on PROTEST across seeds); the average does not, and costs
    # nothing at prediction time (still one linear model).
    runs: int = 5


# The bias moves at a tenth of the weights' rate: it sees every example, a
# feature only a few, and a fast bias swings with the order of the examples.
BIAS_RATE = 0.1


def fit(examples: Sequence[Example], options: TrainingOptions = TrainingOptions()) -> ClassModel:
    """The average of ``options.runs`` SGD runs (see ``fit_once``), each on its
    own order of the examples; weights below ``min_weight`` dropped after."""
    runs = max(1, options.runs)
    total: dict[int, float] = {}
    bias = 0.0
    for run in range(runs):
        model = fit_once(examples, replace(options, seed=options.seed + run, min_weight=0.0))
        bias += model.bias / runs
        for i, w in model.weights.items():
            total[i] = total.get(i, 0.0) + w / runs
    floor = options.min_weight
    return ClassModel(bias, {i: w for i, w in total.items() if abs(w) >= floor})


def fit_once(
    examples: Sequence[Example], options: TrainingOptions = TrainingOptions()
) -> ClassModel:
    """Stochastic gradient descent on the weighted, L2-regularised logistic loss
    (Bottou's form: the weights are ``scale * v``, so the L2 shrinkage of every
    weight at each step costs one multiplication). Deterministic for a seed."""
    positives = sum(1 for e in examples if e.positive)
    negatives = len(examples) - positives
    weight = options.positive_weight
    if weight is None:
        weight = math.sqrt(negatives / positives) if positives and negatives else 1.0
    v = [0.0] * options.buckets
    scale, bias, step = 1.0, 0.0, 0
    rate, l2 = options.learning_rate, options.l2
    order = list(range(len(examples)))
    rng = random.Random(options.seed)
    for _ in range(options.epochs):
        rng.shuffle(order)
        for index in order:
            example = examples[index]
            features = example.features
            eta = rate / (1.0 + rate * l2 * step)
            step += 1
            probability = _sigmoid(bias + scale * sum([v[i] for i in features]))
            if example.positive:
                gradient = (probability - 1.0) * weight
            else:
                gradient = probability
            scale *= 1.0 - eta * l2
            delta = eta * gradient / scale
            for i in features:
                v[i] -= delta
            bias -= BIAS_RATE * eta * gradient
            if scale < 1e-6:  # fold the scale in before it underflows
                v = [x * scale for x in v]
                scale = 1.0
    floor = options.min_weight
    return ClassModel(
        bias, {i: x * scale for i, x in enumerate(v) if x and abs(x * scale) >= floor}
    )


def assign_folds(documents: Sequence[str], folds: int, seed: int = 0) -> dict[str, int]:
    """Each document to one of ``folds`` folds, balancing sentences per fold.
    Deterministic: documents go in CRC-32 order to the lightest fold; a
    non-zero ``seed`` is hashed with each document, giving another split."""
    sizes: dict[str, int] = {}
    for document in documents:
        sizes[document] = sizes.get(document, 0) + 1
    salt = f"{seed}:" if seed else ""
    order = sorted(sizes, key=lambda d: (zlib.crc32((salt + d).encode("utf-8")), d))
    load = [0] * folds
    fold_of: dict[str, int] = {}
    for document in order:
        lightest = min(range(folds), key=lambda f: (load[f], f))
        fold_of[document] = lightest
        load[lightest] += sizes[document]
    return fold_of


def out_of_fold(examples: Sequence[Example], folds: int, options: TrainingOptions) -> list[float]:
    """Each example's probability from a model trained without its document."""
    fold_of = assign_folds([e.document for e in examples], folds)
    probabilities = [0.0] * len(examples)
    for fold in range(folds):
        train = [e for e in examples if fold_of[e.document] != fold]
        if not any(e.positive for e in train):
            continue
        model = fit(train, options)
        for index, example in enumerate(examples):
            if fold_of[example.document] == fold:
                probabilities[index] = model.probability(example.features)
    return probabilities


def choose_thresholds(examples: Sequence[Example], probabilities: Sequence[float]) -> Thresholds:
    """The (confirm, rescue) pair with the best F1 on these examples."""
    positives = sum(1 for e in examples if e.positive)
    confirmed = [
        (p, e.positive) for e, p in zip(examples, probabilities, strict=True) if e.rule_detected
    ]
    rescued = [
        (p, e.positive)
        for e, p in zip(examples, probabilities, strict=True)
        if not e.rule_detected and e.has_trigger
    ]

    def counts(pairs: list[tuple[float, bool]], grid: Sequence[float]) -> list[tuple[int, int]]:
        return [
            (sum(1 for p, y in pairs if p >= t and y), sum(1 for p, y in pairs if p >= t and not y))
            for t in grid
        ]

    rescue_grid = (*THRESHOLD_GRID, NEVER)
    confirm_counts = counts(confirmed, THRESHOLD_GRID)
    rescue_counts = counts(rescued, rescue_grid)
    best = (-1.0, Thresholds())
    for confirm, (tp_a, fp_a) in zip(THRESHOLD_GRID, confirm_counts, strict=True):
        for rescue, (tp_b, fp_b) in zip(rescue_grid, rescue_counts, strict=True):
            tp, fp = tp_a + tp_b, fp_a + fp_b
            f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if tp else 0.0
            if f1 > best[0]:
                best = (f1, Thresholds(confirm, rescue))
    return best[1]


def train_class(examples: Sequence[Example], options: TrainingOptions) -> ClassModel:
    """A model on all ``examples`` with thresholds chosen on their out-of-fold
    probabilities (never on the probabilities of the model being returned)."""
    thresholds = choose_thresholds(examples, out_of_fold(examples, options.inner_folds, options))
    return replace(fit(examples, options), thresholds=thresholds)


@dataclass
class CrossValidation:
    """Held-out confusion counts per class: rules alone, rules with the scorer."""

    folds: int
    rules: dict[str, ClassScore]
    combined: dict[str, ClassScore]

    def to_dict(self) -> dict[str, Any]:
        def figures(score: ClassScore) -> dict[str, float]:
            return {
                "precision": round(score.precision, 3),
                "recall": round(score.recall, 3),
                "f1": round(score.f1, 3),
            }

        return {
            "folds": self.folds,
            "split": "by source document",
            **{
                name: {"rules": figures(self.rules[name]), "rules+scorer": figures(score)}
                for name, score in sorted(self.combined.items())
            },
        }

    def lines(self) -> list[str]:
        """A table: per class, the rules alone and the rules with the scorer."""
        found = [
            f"cross-validated: {self.folds} folds split by source document, "
            "thresholds chosen inside the training folds",
            f"{'class':<8} {'method':<13} {'P':>6} {'R':>6} {'F1':>6} "
            f"{'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5} {'n':>5}",
        ]
        for name in sorted(self.combined):
            for method, s in (("rules", self.rules[name]), ("rules+scorer", self.combined[name])):
                found.append(
                    f"{name:<8} {method:<13} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} "
                    f"{s.tp:5d} {s.fp:5d} {s.fn:5d} {s.tn:5d} {s.total:5d}"
                )
        return found


def _count(score: ClassScore, positive: bool, detected: bool) -> None:
    if positive and detected:
        score.tp += 1
    elif positive:
        score.fn += 1
    elif detected:
        score.fp += 1
    else:
        score.tn += 1


def cross_validate(
    examples: Sequence[Example],
    folds: int = 5,
    options: TrainingOptions = TrainingOptions(),
    progress: Callable[[str], None] | None = None,
    fold_seed: int = 0,
) -> CrossValidation:
    """Train on ``folds - 1`` folds (thresholds from inner folds of those), score
    the held-out fold; folds split by source document across all classes
    (``fold_seed``: another assignment of documents to folds, see ``assign_folds``)."""
    fold_of = assign_folds([e.document for e in examples], folds, fold_seed)
    rules: dict[str, ClassScore] = {}
    combined: dict[str, ClassScore] = {}
    for name in sorted({e.event_class for e in examples}):
        mine = [e for e in examples if e.event_class == name]
        rule_score = rules.setdefault(name, ClassScore())
        combined_score = combined.setdefault(name, ClassScore())
        for example in mine:
            _count(rule_score, example.positive, example.rule_detected)
        for fold in range(folds):
            held_out = [e for e in mine if fold_of[e.document] == fold]
            train = [e for e in mine if fold_of[e.document] != fold]
            if progress is not None:
                progress(f"{name}: fold {fold + 1}/{folds}")
            model = train_class(train, options)
            for example in held_out:
                probability = model.probability(example.features)
                detected = model.thresholds.decide(
                    example.rule_detected, example.has_trigger, probability
                )
                _count(combined_score, example.positive, detected)
    return CrossValidation(folds, rules, combined)


def train_model(
    examples: Sequence[Example],
    options: TrainingOptions = TrainingOptions(),
    info: Mapping[str, Any] | None = None,
) -> ReportednessModel:
    """One model per class present in ``examples``."""
    classes = {
        name: train_class([e for e in examples if e.event_class == name], options)
        for name in sorted({e.event_class for e in examples})
    }
    return ReportednessModel(classes, options.buckets, FEATURE_VERSION, dict(info or {}))


def file_digest(path: str | Path) -> str:
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


def training_info(
    paths: Sequence[str | Path], examples: Sequence[Example], options: TrainingOptions
) -> dict[str, Any]:
    """What a model file records of its training: hashes and counts, no text."""
    digests = sorted(file_digest(p) for p in paths)
    combined = hashlib.sha256("\n".join(digests).encode("ascii")).hexdigest()
    counts: dict[str, dict[str, int]] = {}
    for example in examples:
        entry = counts.setdefault(example.event_class, {"sentences": 0, "positives": 0})
        entry["sentences"] += 1
        entry["positives"] += int(example.positive)
    return {
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "training_fingerprint": "sha256:" + combined,
        "training_files": digests,
        "training_counts": counts,
        "options": {
            "epochs": options.epochs,
            "learning_rate": options.learning_rate,
            "l2": options.l2,
            "positive_weight": options.positive_weight,
            "seed": options.seed,
            "inner_folds": options.inner_folds,
            "min_weight": options.min_weight,
            "runs": options.runs,
        },
    }
