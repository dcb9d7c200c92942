"""End-to-end extraction throughput and peak memory on generated reports.

Run ``python -m benchmarks.bench_extract [REPORTS]`` (or set
``MARSAD_BENCH_REPORTS``); the default is the project's 20,000 reports of
300-600 words. Reports are generated from templates written for this
benchmark: event sentences with actors, places and dates, evasion spellings,
and background sentences that must not be coded. One process, one
``Extractor`` built once (its build time is reported separately).
"""

from __future__ import annotations

import os
import random
import resource
import sys
import time
from datetime import date

from marsad.document import Document
from marsad.extraction import Extractor
from marsad.settings import load_settings

ACTORS = ("قوات النظام", "الجيش التركي", "تنظيم داعش", "قوات سوريا الديمقراطية", "هيئة تحرير الشام")
PLACES = ("بلدة كنصفرة", "مدينة السخنة", "ريف إدلب الجنوبي", "مدينة الرقة", "بلدة سرمين")
WHEN = ("أمس", "صباح اليوم", "مساء الخميس", "فجر الأحد", "في 12 تشرين الثاني")
EVENTS = (
    "وقصـ.ـفت {a} {w} مواقع في {p} ما أسفر عن مقتل {n} مدنيين",
    "واندلعت اشتباكات عنيفة {w} بين {a} و{b} على أطراف {p}",
    "وشنت طائرات حربية غارات جوية على {p} {w} وأسفرت عن سقوط قتلى",
    "وانفجرت عبوة ناسفة بسيارة عسكرية تابعة لـ{a} في {p} {w}",
    "واعتقلت {a} {n} شبان خلال حملة دهم في {p} {w}",
    "وتظاهر العشرات {w} في {p} احتجاجا على تردي الأوضاع المعيشية",
    "وهـ.ـاجم {a} {w} نقطة عسكرية لـ{b} قرب {p}",
)
BACKGROUND = (
    "وتعاني المنطقة من أوضاع اقتصادية صعبة منذ سنوات بسبب غلاء الأسعار",
    "ويرى محللون أن الهجوم على الحريات العامة يزداد في ظل غياب الرقابة",
    "وهدد قادة الفصائل بشن هجمات جديدة إذا استمر التصعيد في المنطقة",
    "ولم تسجل أي اشتباكات في المدينة خلال الأسبوع الماضي بحسب مصادر محلية",
    "وتتعرض القرى يوميا لقصف مدفعي من المواقع القريبة",
    "وقال مصدر محلي إن الأهالي ينتظرون عودة الخدمات الأساسية إلى الأحياء المتضررة",
    "وأشار التقرير إلى أن المنظمات الإنسانية تواجه صعوبات في إيصال المساعدات",
)


def generate(count: int, seed: int = 11) -> list[Document]:
    """``count`` reports of about 300-600 words."""
    rng = random.Random(seed)
    published = date(2020, 11, 21)
    docs: list[Document] = []
    for i in range(count):
        target = rng.randint(300, 600)
        sentences: list[str] = []
        words = 0
        while words < target:
            if rng.random() < 0.35:
                a, b = rng.sample(ACTORS, 2)
                template = rng.choice(EVENTS)
                sentence = template.format(
                    a=a, b=b, p=rng.choice(PLACES), w=rng.choice(WHEN), n=rng.randint(2, 9)
                )
            else:
                sentence = rng.choice(BACKGROUND)
            sentences.append(sentence + ".")
            words += sentence.count(" ") + 1
        text = "\n".join(sentences)
        docs.append(Document(id=f"bench-{i}", text=text, source="bench", published=published))
    return docs


def run(count: int) -> list[str]:
    started = time.perf_counter()
    extractor = Extractor(load_settings())
    built = time.perf_counter() - started
    docs = generate(count)
    words = sum(len(d.text.split()) for d in docs)
    events = 0
    started = time.perf_counter()
    for doc in docs:
        events += len(extractor.extract(doc))
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return [
        f"extractor build: {built:.2f} s",
        f"reports: {count}, words: {words}, events: {events}",
        f"throughput: {count / elapsed:.1f} reports/s, {words / elapsed:,.0f} words/s",
        f"peak memory: {peak_mb:.0f} MB",
    ]


def main() -> int:
    arg = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MARSAD_BENCH_REPORTS", "20000")
    for line in run(int(arg)):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
