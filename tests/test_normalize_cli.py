"""``marsad normalize``: text, JSON with raw offsets, counts, and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.errors import InputError

RAW = "أفادت مصادر بوقوع هجـ.ـمـ.ـات على ﺣﻤﺎﺱ في الريف.\n"


def run_main(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", "from marsad.cli import main; main()", *args],
        input=stdin,
        capture_output=True,
        check=False,
    )


def test_prints_normalised_text(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(RAW, "utf-8")
    result = CliRunner().invoke(cli, ["normalize", str(path)])
    assert result.exit_code == 0
    assert result.output == "افادت مصادر بوقوع هجمات علي حماس في الريف.\n"


def test_json_changes_use_raw_offsets(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_text(RAW, "utf-8")
    result = CliRunner().invoke(cli, ["normalize", "--json", str(path)])
    payload = json.loads(result.output)
    assert payload["text"].startswith("افادت مصادر بوقوع هجمات")
    for change in payload["changes"]:
        assert set(change) == {"start", "end", "original", "normalized", "technique"}
        assert RAW[change["start"] : change["end"]] == change["original"]
    techniques = {c["technique"] for c in payload["changes"]}
    assert {"tatweel_punct", "presentation_form", "alef"} <= techniques


def test_stats_count_by_technique() -> None:
    result = CliRunner().invoke(cli, ["normalize", "--stats", "-"], input=RAW.encode("utf-8"))
    counts = dict(line.split("\t") for line in result.output.splitlines())
    assert counts["tatweel_punct"] == "2" and counts["presentation_form"] == "4"


def test_stdin_through_console_entry() -> None:
    result = run_main("normalize", "-", stdin="قـ.ـصف".encode())
    assert result.returncode == 0 and result.stdout.decode() == "قصف\n"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"\xff\xfe\xfa broken", "not valid UTF-8"), (b"PK\x03\x04\x00\x00binary", "binary data")],
)
def test_bad_file_is_an_input_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(cli, ["normalize", str(path)], standalone_mode=False)
    assert isinstance(result.exception, InputError)
    line = result.exception.one_line()
    assert str(path) in line and message in line and "\n" not in line


def test_directory_and_missing_file(tmp_path: Path) -> None:
    for target, message in [(tmp_path, "is a directory"), (tmp_path / "nope.txt", "no such file")]:
        result = CliRunner().invoke(cli, ["normalize", str(target)], standalone_mode=False)
        assert isinstance(result.exception, InputError)
        assert str(target) in result.exception.one_line()
        assert message in result.exception.one_line()


def test_console_entry_prints_one_line_and_fails(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("caf\xe9".encode("latin-1"))
    result = run_main("normalize", str(path))
    lines = result.stderr.decode().strip().splitlines()
    assert result.returncode != 0 and len(lines) == 1
    assert str(path) in lines[0] and "not valid UTF-8" in lines[0]
