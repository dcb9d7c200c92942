"""``marsad run``, ``events``, ``stats`` and ``db`` end to end (real ingestion and extraction)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import create_engine

from marsad.cli import cli
from marsad.events import ACLED_COLUMNS
from marsad.store import Store
from marsad.store.models import Base

REPORT = "\n".join([
    "دمشق - 15 تشرين الثاني 2020",
    "قتل ثلاثة مدنيين وأصيب آخرون بقصف مدفعي لقوات النظام على بلدة كنصفرة في ريف إدلب الجنوبي.",
])  # fmt: skip


def test_run_then_export(tmp_path: Path) -> None:
    report = tmp_path / "report.txt"
    report.write_text(REPORT, encoding="utf-8")
    db = str(tmp_path / "m.db")
    runner = CliRunner()
    first = runner.invoke(cli, ["run", str(report), "--db", db, "--published", "2020-11-16"])
    assert first.exit_code == 0, first.output
    assert "stored 1 new" in first.output
    second = runner.invoke(cli, ["run", str(report), "--db", db])
    assert "skipped 1 already stored" in second.output
    out = runner.invoke(cli, ["events", "--db", db, "--format", "acled-csv"])
    assert out.exit_code == 0, out.output
    lines = [line for line in out.output.splitlines() if "," in line]
    rows = list(csv.reader(io.StringIO("\n".join(lines))))
    assert tuple(rows[0]) == ACLED_COLUMNS
    jsonl = runner.invoke(cli, ["events", "--db", db, "--format", "jsonl"])
    records = [json.loads(x) for x in jsonl.output.splitlines() if x.startswith("{")]
    assert len(records) == len(rows) - 1
    assert all(r["documents"] for r in records)
    stats = runner.invoke(cli, ["stats", "--db", db])
    assert stats.exit_code == 0 and "Events by type" in stats.output
    upgrade = runner.invoke(cli, ["db", "upgrade", "--db", db])
    assert "already at revision" in upgrade.output


def test_migrations_match_models(tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    Store.open(str(tmp_path / "m.db")).close()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []
