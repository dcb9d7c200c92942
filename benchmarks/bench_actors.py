"""Actor dictionary: load and matcher build time, memory, and matching throughput.

Run ``python -m benchmarks.bench_actors``. Matching runs on generated report-like
text that mixes actor forms (with clitics) into filler words; normalisation is
timed separately so that the matcher's own cost is visible.
"""

from __future__ import annotations

import random
import resource
import time
import tracemalloc

from marsad.normalize import default_normalizer
from marsad.recognize.actors import ActorDictionary, ActorMatcher

FILLER = (
    "قالت مصادر محلية إن مواقع في ريف المدينة تعرضت لقصف عنيف صباح اليوم وأسفر عن "
    "مقتل وإصابة آخرين بينما اندلعت اشتباكات على أطراف البلدة بعد هجوم مفاجئ"
).split()
ACTOR_WORDS = (
    "قوات النظام",
    "لقوات النظام",
    "الجيش التركي",
    "وقسد",
    "تنظيم “داعش”",
    "بالميليشيات الإيرانية",
    "الدفاع الوطني",
    "مسلحون مجهولون",
    "المدنيين",
    "التنظيم",
)


def report_text(words: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out = []
    for i in range(words):
        out.append(rng.choice(ACTOR_WORDS) if rng.random() < 0.08 else rng.choice(FILLER))
        if i % 17 == 16:
            out.append(".\n")
    return " ".join(out)


def run() -> list[str]:
    normalizer = default_normalizer()
    started = time.perf_counter()
    ActorDictionary.load()  # first load also pays for the normaliser's lazy start-up
    cold = time.perf_counter()
    dictionary = ActorDictionary.load()
    loaded = time.perf_counter()
    matcher = ActorMatcher(dictionary)
    built = time.perf_counter()
    # Memory is measured on a separate traced build (tracing slows it down).
    tracemalloc.start()
    ActorMatcher(ActorDictionary.load())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    keys = len(dictionary.keys())
    lines = [
        f"actors: {len(dictionary.entries)} entries, {keys} automaton keys",
        f"first dictionary load (with normaliser start-up): {cold - started:.3f} s",
        f"dictionary load (YAML + validation), warm: {loaded - cold:.3f} s",
        f"matcher build (Aho-Corasick): {built - loaded:.4f} s, "
        f"automaton {matcher.automaton_bytes() / 1e6:.2f} MB",
        f"peak Python memory of a warm load + build: {peak / 1e6:.1f} MB",
    ]
    text = report_text(200_000)
    t0 = time.perf_counter()
    nt = normalizer.normalize(text)
    t1 = time.perf_counter()
    actors, anaphors = matcher.scan(nt)
    t2 = time.perf_counter()
    size = len(text.encode("utf-8")) / 1e6
    lines += [
        f"text: {size:.1f} MB; normalise {t1 - t0:.2f} s; match {t2 - t1:.2f} s "
        f"({size / (t2 - t1):.1f} MB/s), {len(actors)} actor mentions, {len(anaphors)} anaphors",
        f"process max RSS: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB",
    ]
    return lines


if __name__ == "__main__":
    for line in run():
        print(line)
