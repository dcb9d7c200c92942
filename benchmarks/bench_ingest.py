"""Ingestion throughput (documents/s, MB/s) and peak memory at two input sizes.

Run ``python -m benchmarks.bench_ingest``. The defaults are the project's
goal: a 100,000-record JSON Lines archive and a 20,000-message Telegram
export, each also at a quarter of that size to show how memory grows. Set
``MARSAD_BENCH_INGEST_SCALE`` (e.g. ``0.05``) for a quick run. Inputs are
generated into a temporary directory; every measurement runs in its own
process so peak-memory figures do not mix.

Two modes are measured: ``readers`` (the format reader alone: it must stay
flat) and ``pipeline`` (``read_documents`` with language check and the
duplicate index, which keeps a small fixed amount per distinct document).
"""

from __future__ import annotations

import gc
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

JSONL_RECORDS = 100_000
TELEGRAM_MESSAGES = 20_000

WORDS = (
    "أفادت مصادر محلية بأن قوات الأمن اعتقلت عددا من الشبان خلال حملة مداهمات في الأحياء "
    "الشرقية للمدينة وأسفر القصف المدفعي عن مقتل مدنيين وإصابة آخرين بجروح متفاوتة "
    "وخرج المحتجون في مظاهرة سلمية للمطالبة بتحسين الخدمات والإفراج عن المعتقلين "
    "واندلعت اشتباكات بين فصائل مسلحة قرب الطريق الدولي فيما استهدفت غارة جوية مستودعا"
).split()


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def generate_jsonl(path: Path, records: int, seed: int = 11) -> None:
    """Wire-like records, one in twenty a lightly edited copy of an earlier one."""
    rng = random.Random(seed)
    recent: list[str] = []
    with path.open("w", encoding="utf-8") as out:
        for number in range(records):
            if recent and rng.random() < 0.05:
                words = rng.choice(recent).split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                text = " ".join(words)
            else:
                text = " ".join(_sentence(rng, rng.randint(12, 30)) for _ in range(4))
                recent = [*recent[-50:], text]
            record = {
                "id": f"bench-{number}",
                "title": _sentence(rng, 6),
                "url": f"https://news.example/{number}",
                "published": f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "source": "وكالة الاختبار",
                "text": text,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def generate_telegram(path: Path, messages: int, seed: int = 13) -> None:
    """A single-channel export with entity lists, service and media-only messages."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"name": "قناة الاختبار", "type": "public_channel", "id": 4242, "messages": [\n')
        for number in range(1, messages + 1):
            moment = 1_680_000_000 + number * 97
            message: dict[str, Any] = {
                "id": number,
                "type": "message",
                "date_unixtime": str(moment),
            }
            roll = rng.random()
            if roll < 0.03:
                message.update(type="service", action="pin_message", text="")
            elif roll < 0.08:
                message.update(photo="photos/p.jpg", text="", text_entities=[])
            else:
                plain = _sentence(rng, rng.randint(15, 60))
                link = f"https://t.me/example/{number}"
                message["text"] = [{"type": "bold", "text": "عاجل |"}, " " + plain + " ", link]
                message["text_entities"] = [
                    {"type": "bold", "text": "عاجل |"},
                    {"type": "plain", "text": " " + plain + " "},
                    {"type": "link", "text": link},
                ]
            sep = ",\n" if number < messages else "\n"
            out.write(json.dumps(message, ensure_ascii=False) + sep)
        out.write("]}\n")


def _rss_mb() -> float:
    """Resident memory now (Linux /proc), else the process's high-water mark."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return pages * resource.getpagesize() / 2**20


def _counting(docs: Iterator[object], peak: list[float]) -> int:
    """Consume ``docs``, sampling resident memory every 500 documents."""
    count = 0
    for count, _ in enumerate(docs, start=1):
        if count % 500 == 0:
            peak[0] = max(peak[0], _rss_mb())
    peak[0] = max(peak[0], _rss_mb())
    return count


def child(mode: str, path: str) -> dict[str, Any]:
    """Read ``path`` completely in this process; return counts, time and memory."""
    from marsad.ingest import IngestOptions, IngestReport, read_documents
    from marsad.ingest.context import ReaderContext
    from marsad.ingest.dates import default_dateline_finder
    from marsad.ingest.identity import DuplicateLinker, default_language_check
    from marsad.ingest.pipeline import READERS, _resolve
    from marsad.ingest.sources import expand_inputs

    options = IngestOptions()
    report = IngestReport()
    # Start-up costs (language model, normaliser vocabulary, month table) are paid
    # once per process, not per document: pay them before the clock starts.
    default_language_check().language("نص قصير للتحميل")
    default_dateline_finder().find("القاهرة 21 نوفمبر 2020")
    DuplicateLinker(options.near_duplicate_threshold, options.minhash_permutations)
    gc.collect()
    baseline = _rss_mb()
    peak = [baseline]
    started = time.perf_counter()
    if mode == "pipeline":
        count = _counting(read_documents([path], options, report), peak)
    else:
        ctx = ReaderContext(options, report)
        (source,) = list(expand_inputs((path,), None))
        assert not isinstance(source, Exception)
        source = _resolve(source, ctx)
        count = _counting(READERS[source.format](source, ctx), peak)
    seconds = time.perf_counter() - started
    return {
        "documents": count,
        "seconds": seconds,
        "megabytes": os.path.getsize(path) / 1e6,
        "baseline_mb": baseline,
        "peak_mb": peak[0],
        "problems": len(report.problems),
        "near": report.near_duplicates,
    }


def measure(mode: str, path: Path) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_ingest", "--child", mode, str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return result


def _line(label: str, r: dict[str, Any]) -> str:
    growth = r["peak_mb"] - r["baseline_mb"]
    return (
        f"{label:<34} {r['documents']:>7,} docs {r['megabytes']:7.1f} MB "
        f"{r['documents'] / r['seconds']:8,.0f} docs/s {r['megabytes'] / r['seconds']:6.2f} MB/s  "
        f"RSS {r['baseline_mb']:4.0f} MB at start, peak +{growth:5.1f} MB"
        + (f"  ({r['problems']} PROBLEMS)" if r["problems"] else "")
    )


def run() -> list[str]:
    scale = float(os.environ.get("MARSAD_BENCH_INGEST_SCALE", "1"))
    jsonl_full = max(400, int(JSONL_RECORDS * scale))
    telegram_full = max(400, int(TELEGRAM_MESSAGES * scale))
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="marsad-bench-ingest-") as tmp:
        inputs: list[tuple[str, Path]] = []
        for size in (jsonl_full // 4, jsonl_full):
            path = Path(tmp) / f"records-{size}.jsonl"
            generate_jsonl(path, size)
            inputs.append((f"jsonl {size:,} records", path))
        for size in (telegram_full // 4, telegram_full):
            path = Path(tmp) / f"telegram-{size}" / "result.json"
            path.parent.mkdir()
            generate_telegram(path, size)
            inputs.append((f"telegram {size:,} messages", path))
        for mode in ("readers", "pipeline"):
            lines.append(f"-- {mode}")
            for label, path in inputs:
                lines.append(_line(label, measure(mode, path)))
    return lines


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
        return 0
    for line in run():
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
