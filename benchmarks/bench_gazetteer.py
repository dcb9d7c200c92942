"""Gazetteer figures: build time, size on disk, lookups/s, matcher speed, start-up, memory.

Run ``python -m benchmarks.bench_gazetteer``. The index is built into a
temporary directory (never the user's). Start-up (open the existing index and
compile the place matcher) and peak memory are measured in a fresh process so
that the build does not count; the goals are under 2 s and well under 500 MB.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from marsad.gazetteer import Gazetteer
from marsad.normalize import normalize
from marsad.settings import load_settings

NAMES = [
    "إدلب", "وفي حلب", "للرقة", "دير الزور", "السخنة", "حقل التيم", "طرابلس", "الأنبار",
    "Deir ez-Zor", "Raqqah", "Dayr az Zawr", "Homs", "باريس", "لا يوجد مكان بهذا الاسم",
]  # fmt: skip

# Generated text: place names among filler words, about one name in eight words.
FILLER = (
    "قالت مصادر محلية إن القوات قصفت مواقع في ريف المدينة وأسفر القصف عن مقتل ثلاثة "
    "مدنيين واندلعت اشتباكات عنيفة على أطراف البلدة صباح الخميس بعد هجوم على حاجز"
).split()
PLACES = ["إدلب", "بلدة كنصفرة", "مطار دير الزور العسكري", "طريق حلب - اللاذقية", "السخنة"]


def _text(words: int) -> str:
    out = []
    for i in range(words):
        out.append(PLACES[i // 8 % len(PLACES)] if i % 8 == 0 else FILLER[i % len(FILLER)])
    return " ".join(out)


def startup(db: str) -> None:
    """Child process: open the existing index and build the matcher; print timings."""
    started = time.perf_counter()
    from marsad.recognize.places import PlaceMatcher

    gazetteer = Gazetteer.open(load_settings(gazetteer_db=db))
    opened = time.perf_counter()
    matcher = PlaceMatcher(gazetteer)
    ready = time.perf_counter()
    nt = normalize(_text(20_000))
    begin = time.perf_counter()
    matcher.find(nt)  # the first call also loads wordfreq's Arabic list
    cold = time.perf_counter() - begin
    begin = time.perf_counter()
    mentions = matcher.find(nt)
    found = time.perf_counter() - begin
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures = {
        "open_s": opened - started,
        "startup_s": ready - started,
        "keys": matcher.size,
        "find_words_per_s": 20_000 / found,
        "first_find_s": cold,
        "mentions": len(mentions),
        "peak_mb": peak_mb,
    }
    print(json.dumps(figures))


def run() -> list[str]:
    lines = []
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "gazetteer.sqlite")
        started = time.perf_counter()
        gazetteer = Gazetteer.open(load_settings(gazetteer_db=db))
        build_s = time.perf_counter() - started
        stats = gazetteer.stats()
        lines.append(f"build embedded index:  {build_s:.1f} s")
        lines.append(
            f"index on disk:         {stats['size_bytes'] / 1e6:.1f} MB "
            f"({stats['places']} places, {stats['names']} names, "
            f"{stats['arabic_names']} Arabic)"
        )
        rounds = 200
        begin = time.perf_counter()
        for _ in range(rounds):
            for name in NAMES:
                gazetteer.lookup(name)
        lookups = rounds * len(NAMES) / (time.perf_counter() - begin)
        lines.append(f"lookup throughput:     {lookups:,.0f} lookups/s")
        gazetteer.close()
        child = subprocess.run(
            [sys.executable, "-m", "benchmarks.bench_gazetteer", "--startup", db],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(child.stdout.strip().splitlines()[-1])
        lines.append(
            f"start-up (open + matcher, index exists): {figures['startup_s']:.2f} s "
            f"(goal < 2 s; open alone {figures['open_s']:.2f} s; {figures['keys']} name keys)"
        )
        lines.append(
            f"PlaceMatcher.find:     {figures['find_words_per_s']:,.0f} words/s "
            f"({figures['mentions']} mentions in 20,000 words; "
            f"first call {figures['first_find_s']:.2f} s with wordfreq loading)"
        )
        lines.append(f"peak memory, matcher loaded: {figures['peak_mb']:.0f} MB (goal < 500 MB)")
    return lines


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--startup":
        startup(sys.argv[2])
    else:
        for line in run():
            print(line, flush=True)
