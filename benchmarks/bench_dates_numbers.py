"""Date, number and casualty matchers: build time and time per 500-word report.

Run ``python -m benchmarks.bench_dates_numbers [REPEATS]``. The report is
generated from a few template sentences full of dates, numbers and casualty
phrases (denser than real news, so the figures are an upper bound).
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date

from marsad.normalize import NormalizedText, normalize
from marsad.recognize.casualties import CasualtyMatcher
from marsad.recognize.dates import DateMatcher
from marsad.recognize.numbers import NumberMatcher

SENTENCES = (
    "قالت مصادر محلية إن القوات الحكومية قصفت صباح أمس بلدات في الريف الجنوبي.",
    "وأسفر القصف عن مقتل ثلاثة مدنيين وإصابة خمسة آخرين بجروح متفاوتة.",
    "وكان مسلحون مجهولون قد هاجموا حاجزا عسكريا الخميس الماضي ما أدى إلى سقوط قتلى.",
    "وفي 15 تشرين الثاني الحالي قتل 12 عنصرا في كمين على الطريق الدولي.",
    "وتشهد المنطقة منذ مطلع الشهر الحالي توترا أمنيا متصاعدا بين الفصائل المسلحة.",
    "ونزح نحو 1,200 شخص من القرى الحدودية خلال الأسبوع الماضي بحسب الأمم المتحدة.",
    "وذكر المرصد أن عشرات العناصر انتشروا في الأحياء الشرقية للمدينة.",
    "ويأتي ذلك بعد التفاهم الذي أبرمه الطرفان في السابع من نيسان/أبريل الماضي.",
    "وأعلنت الفصائل أسر جنديين خلال الاشتباكات التي استمرت حتى فجر اليوم.",
    "واندلعت مواجهات عنيفة على أطراف المدينة استخدمت فيها الأسلحة الثقيلة.",
)


FILLER = (
    "وأكد المتحدث باسم الفصيل أن مقاتليه يواصلون التصدي لمحاولات التقدم على محاور القتال.",
    "ويرى مراقبون أن التصعيد الأخير يهدف إلى الضغط على الأطراف قبل جولة المفاوضات المقبلة.",
    "وتعاني المخيمات من نقص حاد في المواد الغذائية والأدوية مع اقتراب فصل الشتاء.",
    "وطالبت منظمات حقوقية بفتح تحقيق مستقل في الانتهاكات التي تشهدها المنطقة.",
)


def report(words: int, seed: int = 3, dense: bool = True) -> str:
    """About ``words`` words; ``dense=False`` mixes in sentences with no dates or numbers."""
    rng = random.Random(seed)
    out: list[str] = []
    count = 0
    while count < words:
        pool = SENTENCES if dense or rng.random() < 0.3 else FILLER
        sentence = rng.choice(pool)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def per_call_ms(call: Callable[[], object], repeats: int) -> float:
    """CPU milliseconds per call (process time: other processes on a busy machine don't count)."""
    started = time.process_time()
    for _ in range(repeats):
        call()
    return (time.process_time() - started) / repeats * 1000


def measure(
    matchers: tuple[DateMatcher, NumberMatcher, CasualtyMatcher],
    nt: NormalizedText,
    dense: bool,
    repeats: int,
) -> list[str]:
    dates, numbers, casualties = matchers
    anchor = date(2020, 11, 21)
    found = dates.find(nt, anchor)
    parsed = numbers.parse(nt, found)
    return [
        f"{'dense' if dense else 'typical'} report: {len(nt.raw.split())} words, "
        f"{len(found)} dates, {len(parsed)} numbers, "
        f"{len(casualties.find(nt, found))} casualty phrases (CPU time per report)",
        f"  dates:      {per_call_ms(lambda: dates.find(nt, anchor), repeats):.3f} ms",
        f"  numbers:    {per_call_ms(lambda: numbers.find(nt, found), repeats):.3f} ms "
        "(date spans given)",
        f"  casualties: {per_call_ms(lambda: casualties.phrases(nt.text, parsed), repeats):.3f}"
        " ms (numbers given)",
        f"  all three from scratch: {per_call_ms(lambda: casualties.find(nt), repeats):.3f} ms",
    ]


def run(repeats: int) -> list[str]:
    started = time.perf_counter()
    CasualtyMatcher(NumberMatcher())  # first build: also loads the normaliser's vocabulary
    first = time.perf_counter() - started
    started = time.perf_counter()
    dates = DateMatcher()
    numbers = NumberMatcher(dates)
    casualties = CasualtyMatcher(numbers)
    built = time.perf_counter() - started
    lines = [
        f"build all three matchers: {first:.2f} s in a fresh process (with the normaliser's "
        f"vocabulary), {built:.2f} s once that is loaded",
        f"load average while measuring: {os.getloadavg()[0]:.1f}",
    ]
    for dense in (False, True):
        nt = normalize(report(500, dense=dense))
        lines += measure((dates, numbers, casualties), nt, dense, repeats)
    return lines


def main() -> int:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    for line in run(repeats):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
