"""Document-level scores on the gold sets, pinned so a change cannot lower them silently.

Each gold set has a minimum event F1 in ``tests/data/gold/minimums.json``. A
drop fails with the old and new figures; a rise is reported as a warning so the
minimum can be raised with the change that earned it.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import SEED_ID, shared_path

from marsad.document import Document
from marsad.evaluate.gold import EvaluationReport, GoldDocument, evaluate, load_gold
from marsad.events import Event
from marsad.extraction import Extractor
from marsad.settings import load_settings

GOLD = Path(__file__).parent / "data" / "gold"
MINIMUMS: dict[str, float] = {
    k: v
    for k, v in json.loads((GOLD / "minimums.json").read_text("utf-8")).items()
    if not k.startswith("_")
}


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_settings())


def score(
    extractor: Extractor, gold: dict[str, GoldDocument], documents: Iterator[Document]
) -> EvaluationReport:
    system: dict[str, list[Event]] = {}
    for document in documents:
        if document.id in gold:
            dated = replace(document, published=gold[document.id].published)
            system[document.id] = extractor.extract(dated)
    return evaluate(gold, system)


def check_minimum(name: str, report: EvaluationReport) -> None:
    pinned, measured = MINIMUMS[name], round(report.f1, 4)
    summary = " | ".join(report.lines())
    assert measured >= pinned, (
        f"{name}: event F1 fell from {pinned} (pinned) to {measured}. {summary}"
    )
    if measured > pinned + 0.005:
        warnings.warn(
            f"{name}: event F1 rose from {pinned} to {measured}; raise it in minimums.json",
            stacklevel=2,
        )


def test_seed_report(extractor: Extractor) -> None:
    gold_path = shared_path("corpus", f"{SEED_ID}.gold.jsonl")
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    gold = load_gold(gold_path)
    report = score(extractor, gold, iter([Document(SEED_ID, raw, source="seed")]))
    check_minimum("seed", report)


def test_synthetic_reports(extractor: Extractor) -> None:
    gold = load_gold(GOLD / "synthetic.gold.jsonl")
    documents = (
        Document(path.stem, path.read_text("utf-8"), source="synthetic")
        for path in sorted((GOLD / "synthetic").glob("*.txt"))
    )
    report = score(extractor, gold, documents)
    assert len(report.documents) >= 40
    check_minimum("synthetic", report)


def _articles() -> Iterator[Document]:
    source = shared_path("corpus", "saudinewsnet", "dev.jsonl")
    for line in source.read_text("utf-8").splitlines():
        record = json.loads(line)
        yield Document(str(record["id"]), record["text"], source=record.get("outlet"))


@pytest.mark.parametrize(
    ("name", "gold_file", "least"),
    [
        ("saudinewsnet", "saudinewsnet.gold.jsonl", 30),
        ("saudinewsnet_dev2", "saudinewsnet_dev2.gold.jsonl", 25),
        ("saudinewsnet_dev3", "saudinewsnet_dev3.gold.jsonl", 25),
        ("saudinewsnet_dev4", "saudinewsnet_dev4.gold.jsonl", 25),
        # Annotated without running marsad and never used to write rules: the
        # honest figure on real articles.
        ("saudinewsnet_heldout3", "saudinewsnet_heldout3.gold.jsonl", 25),
        ("saudinewsnet_heldout4", "saudinewsnet_heldout4.gold.jsonl", 15),
    ],
)
def test_real_articles(extractor: Extractor, name: str, gold_file: str, least: int) -> None:
    gold = load_gold(GOLD / gold_file)
    report = score(extractor, gold, _articles())
    assert len(report.documents) >= least
    check_minimum(name, report)
