"""Normaliser throughput and peak memory on generated Arabic news-like text.

Run ``python -m benchmarks.bench_normalize [MEGABYTES]`` (or set
``MARSAD_BENCH_MB``); the default is the 50 MB of the project's goal. The text
is generated from a small template vocabulary with about one evasion spelling
in fifty words, and the offset map is kept (the result object stays alive).
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time

from marsad.normalize import Normalizer

WORDS = (
    "قالت مصادر محلية إن القوات الحكومية قصفت مواقع المعارضة في ريف إدلب الجنوبي "
    "وأسفر القصف عن مقتل ثلاثة مدنيين وإصابة آخرين بجروح بينهم أطفال ونساء "
    "واندلعت اشتباكات عنيفة بين الفصائل المسلحة على أطراف المدينة صباح الخميس "
    "وأعلن المرصد أن الطائرات الحربية شنت غارات جوية على بلدات الريف الشرقي "
    "فيما أكد الدفاع المدني انتشال جثث الضحايا من تحت الأنقاض بعد الهجوم"
).split()
EVASIONS = (
    "هجـ.ـمات",
    "الميليشـ.ـيات",
    "قـ.ـصـ.ـف",
    "ق\u200cت\u200cل\u200cى",
    "ﺣﻤﺎﺱ",
    "اغتياااال",
    "سلا7",
    "م ع ا ر ك",
    "الإرھاب",
    "كمٮں",
)
PUNCTUATION = ("،", ".", "", "", "", "", "؛")


def generate(size_bytes: int, seed: int = 7, evasion_rate: float = 0.02) -> str:
    """Arabic news-like text of about ``size_bytes`` UTF-8 bytes."""
    rng = random.Random(seed)
    sentences: list[str] = []
    total = 0
    while total < size_bytes:
        words = [
            rng.choice(EVASIONS) if rng.random() < evasion_rate else rng.choice(WORDS)
            for _ in range(rng.randint(8, 25))
        ]
        sentence = " ".join(words) + rng.choice(PUNCTUATION) + (" " if rng.random() < 0.8 else "\n")
        sentences.append(sentence)
        total += len(sentence.encode("utf-8"))
    return "".join(sentences)


def _time(normalizer: Normalizer, text: str) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds and evasion count of one normalisation."""
    started, cpu_started = time.perf_counter(), time.process_time()
    result = normalizer.normalize(text)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    return elapsed, cpu, len(result.evasions())


def run(megabytes: float) -> list[str]:
    normalizer = Normalizer()
    normalizer.normalize(generate(20_000, seed=1))  # tables and vocabulary loaded before timing
    lines = []
    for label, rate in (("with evasions (2% of words)", 0.02), ("clean text", 0.0)):
        text = generate(int(megabytes * 1_000_000), evasion_rate=rate)
        size = len(text.encode("utf-8")) / 1e6
        elapsed, cpu, evasions = _time(normalizer, text)
        lines.append(
            f"{label}: {size:.1f} MB in {elapsed:.2f} s wall = {size / elapsed:.1f} MB/s"
            f" ({size / cpu:.1f} MB/s of CPU time); {evasions:,} evasions restored"
        )
        del text
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    lines.append(f"peak memory (ru_maxrss, offset maps kept): {peak_kb / 1024:.0f} MB")
    return lines


def main() -> int:
    default = os.environ.get("MARSAD_BENCH_MB", "50")
    megabytes = float(sys.argv[1]) if len(sys.argv) > 1 else float(default)
    for line in run(megabytes):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
