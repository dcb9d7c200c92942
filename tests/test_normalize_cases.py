"""Case files: our own evasion cases, legitimate text, the shared dev cases, the seed."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from tests.conftest import shared_path

from marsad.normalize import normalize

DATA = Path(__file__).parent / "data" / "normalize"


def _positive_cases() -> list[dict[str, str]]:
    lines = (DATA / "positive.jsonl").read_text("utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _legitimate_lines() -> list[str]:
    lines = (DATA / "legitimate.txt").read_text("utf-8").splitlines()
    return [line.replace("\\n", "\n") for line in lines if line and not line.startswith("#")]


POSITIVE = _positive_cases()
LEGITIMATE = _legitimate_lines()


def test_case_files_are_large_enough() -> None:
    assert len(POSITIVE) >= 200 and len(LEGITIMATE) >= 50
    assert len({c["technique"] for c in POSITIVE}) >= 14


@pytest.mark.parametrize("case", POSITIVE, ids=lambda c: c["technique"])
def test_positive_case(case: dict[str, str]) -> None:
    obfuscated = normalize(case["obfuscated"])
    plain = normalize(case["plain"])
    assert obfuscated.text == plain.text
    assert obfuscated.evasions(), "the restoration must be recorded"
    assert plain.evasions() == []


@pytest.mark.parametrize("line", LEGITIMATE)
def test_legitimate_text_is_not_deobfuscated(line: str) -> None:
    nt = normalize(line)
    assert nt.evasions() == [] and nt.ambiguities == ()


def test_shared_dev_cases_per_technique() -> None:
    path = shared_path("corpus", "obfuscation", "cases_dev.jsonl")
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    failures = []
    for line in path.read_text("utf-8").splitlines():
        case = json.loads(line)
        obfuscated = normalize(case["obfuscated"])
        ok = obfuscated.text == normalize(case["plain"]).text
        if case["kind"] == "negative":
            ok = ok and not obfuscated.evasions()
        total[case["technique"]] += 1
        passed[case["technique"]] += ok
        if not ok:
            failures.append(case["id"])
    for technique in sorted(total):
        print(f"{technique:32} {passed[technique]}/{total[technique]}")
    assert failures == []


def test_seed_golden(seed_text: str) -> None:
    """Every evasion spelling of the seed restored, nothing else de-obfuscated."""
    nt = normalize(seed_text)
    expected = json.loads((DATA / "seed_changes.json").read_text("utf-8"))
    found = [[c.start, c.end, c.technique, c.normalized] for c in nt.evasions()]
    assert found == expected
    assert nt.ambiguities == ()
    assert all(seed_text[start:end] == "ـ.ـ" for start, end, _, _ in expected)
    assert "ـ.ـ" not in nt.text and "ـ" not in nt.text
    words = set(re.findall(r"\w+", nt.text))
    for word in ("الميليشيات", "هجماته", "مقتل", "القذائف", "المدفعية", "والصاروخية", "لإطلاق"):
        assert normalize(word).text in words
    # Each restored word maps back to its raw spelling.
    start = nt.text.index(normalize("القذائف").text)
    assert nt.raw_text(start, start + len("القذائف")) == "القـ.ـذائـ.ـف"
