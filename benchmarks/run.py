"""``make bench``: run every benchmark and print its figures.

Each benchmark module exposes ``run() -> list[str]`` (lines to print). They run
in separate processes so that peak-memory figures do not mix.
"""

from __future__ import annotations

import subprocess
import sys

BENCHMARKS = [
    "benchmarks.bench_actors",
    "benchmarks.bench_normalize",
    "benchmarks.bench_dates_numbers",
    "benchmarks.bench_extract",
    "benchmarks.bench_gazetteer",
    "benchmarks.bench_ingest",
    "benchmarks.bench_store",
]


def main() -> int:
    status = 0
    for module in BENCHMARKS:
        print(f"== {module}", flush=True)
        code = subprocess.call([sys.executable, "-m", module])
        status = status or code
    return status


if __name__ == "__main__":
    raise SystemExit(main())
