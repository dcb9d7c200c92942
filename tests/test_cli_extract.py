from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner
from tests.conftest import SEED_ID, shared_path

from marsad.cli import cli
from marsad.cli.demo import demo_text


def test_extract_jsonl_evidence_points_into_the_raw_text(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    raw = demo_text()
    report.write_text(raw, "utf-8")
    out = tmp_path / "events.jsonl"
    result = CliRunner().invoke(
        cli,
        ["extract", str(report), "--published", "2026-11-25", "--format", "jsonl", "-o", str(out)],
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert records, "the example report has events"
    for record in records:
        assert record["event_type"] and record["disorder_type"]
        for evidence in record["evidence"]:
            assert raw[evidence["start"] : evidence["end"]] == evidence["text"]
    protests = [r for r in records if r["event_type"] == "Protests"]
    assert protests and protests[0]["admin1"] == "As-Sweida"


def test_extract_rejects_a_bad_date(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("نص", "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(report), "--published", "2020-13-01"])
    assert result.exit_code == 2 and "--published" in result.output


def test_extract_with_nothing_readable_fails(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    result = CliRunner().invoke(cli, ["extract", str(empty), "--format", "jsonl"])
    assert result.exit_code != 0
    assert "empty" in result.output


def test_eval_scores_the_seed_report(tmp_path: Path) -> None:
    raw = shared_path("corpus", f"{SEED_ID}.txt").read_text("utf-8")
    copy = tmp_path / f"{SEED_ID}.txt"
    copy.write_text(raw, "utf-8")
    gold = shared_path("corpus", f"{SEED_ID}.gold.jsonl")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--input", str(copy), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output.strip().splitlines()[-1])
    assert scores["true_positives"] == 4 and scores["false_positives"] == 0


def test_demo_prints_events() -> None:
    result = CliRunner().invoke(cli, ["demo"])
    assert result.exit_code == 0, result.output
    assert "evasion spellings restored" in result.output
    found = re.search(r"(\d+) events \(published 2026-11-25\)", result.output)
    assert found and int(found.group(1)) >= 1
