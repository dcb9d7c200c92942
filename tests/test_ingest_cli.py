"""``marsad ingest`` end to end: JSON Lines out, summary on stderr, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import click
from click.testing import CliRunner

from marsad.cli import cli
from marsad.document import Document
from marsad.ingest import ingest_options, options_from_click
from marsad.settings import load_settings

FIX = Path(__file__).parent / "fixtures" / "ingest"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["ingest", *args])
    return result.exit_code, result.stdout, result.stderr


def test_writes_documents_and_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    code, stdout, stderr = run(
        str(FIX / "telegram_channel.json"), str(FIX / "records.jsonl"), "--out", str(out)
    )
    assert code == 0 and stdout == ""
    docs = [Document.from_dict(json.loads(line)) for line in out.read_text("utf-8").splitlines()]
    assert len(docs) == 6
    record = json.loads(out.read_text("utf-8").splitlines()[0])
    assert set(record) == {
        "id", "source", "url", "title", "published", "text", "language", "duplicate_of",
        "metadata",
    }  # fmt: skip
    assert "read 6 document(s) from 2 input(s)" in stderr
    assert "Telegram media-only message: 2" in stderr
    assert "records.jsonl:6: truncated JSON" in stderr


def test_stdout_and_published_option() -> None:
    code, stdout, _ = run(str(FIX / "report_nodate.txt"), "--published", "2020-02-03")
    assert code == 0
    (line,) = stdout.splitlines()
    assert json.loads(line)["published"] == "2020-02-03"


def test_nothing_usable_exits_non_zero() -> None:
    code, stdout, stderr = run(str(FIX / "empty.txt"), str(FIX / "missing.json"))
    assert code == 1 and stdout == ""
    assert "empty.txt: empty file" in stderr
    assert "missing.json: no such file or directory" in stderr
    assert "nothing usable was read" in stderr


def test_strict_fails_on_problems_but_keeps_the_output(tmp_path: Path) -> None:
    out = tmp_path / "docs.jsonl"
    args = [str(FIX / "records.jsonl"), "--out", str(out)]
    assert run(*args)[0] == 0
    code, _, stderr = run(*args, "--strict")
    assert code == 1 and "--strict" in stderr
    assert len(out.read_text("utf-8").splitlines()) == 3


def test_format_and_field_options() -> None:
    code, stdout, _ = run(
        str(FIX / "records_array.json"), "--field", "text=body_text", "--field", "id=article_id"
    )
    assert code == 0
    assert [json.loads(line)["id"] for line in stdout.splitlines()] == ["7", "8"]
    code, _, stderr = run(str(FIX / "records_array.json"), "--field", "headline")
    assert code == 2 and "NAME=KEY" in stderr
    code, stdout, _ = run(str(FIX / "report_nodate.txt"), "--format", "jsonl")
    assert code == 1  # plain text read as JSON Lines: every line is a bad record


def test_shared_options_decorator_for_other_commands() -> None:
    seen = {}

    @click.command()
    @ingest_options
    @click.pass_context
    def probe(ctx: click.Context, /, **kwargs: object) -> None:
        seen["options"] = options_from_click(ctx, **kwargs)

    result = CliRunner().invoke(
        probe, ["--published", "2021-05-06", "--all-languages", "--follow", "--format", "rss"]
    )
    assert result.exit_code == 0, result.output
    options = seen["options"]
    assert options.published is not None and options.published.isoformat() == "2021-05-06"
    assert options.all_languages and options.follow and options.format == "rss"
    assert options.near_duplicate_threshold == load_settings().near_duplicate_threshold
