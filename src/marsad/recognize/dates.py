"""Arabic date expressions resolved against a publication date.

The tables (month names of every convention, weekdays, relative expressions,
ordinal day words) live in ``marsad/data/dates/*.yaml``; they are compiled
once into a handful of regular expressions over the normalised text. Calendar
arithmetic is plain :mod:`datetime`, with :mod:`hijridate` for Hijri dates.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, NamedTuple

import ahocorasick
import yaml
from hijridate import Gregorian, Hijri

from marsad.errors import DataError
from marsad.normalize import NormalizedText, match_key
from marsad.recognize.types import DateMention, Offsets, mention_offsets

NO_ANCHOR = "no anchor: relative expression without publication date"
NO_ANCHOR_YEAR = "no anchor: year missing and no publication date"
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
PRECISION_DAY, PRECISION_WEEK, PRECISION_MONTH = 1, 2, 3
# What a found expression is, for merging neighbours into one mention.
EXPLICIT_DAY, WEEKDAY, RELATIVE_DAY, OTHER = "explicit day", "weekday", "relative day", "other"

# A clitic cluster (و/ف then ب/ل/ك) may sit before a word; it stays outside the span.
PREFIX = r"(?<!\w)(?:[وف]?[بلك]?)"
DIGITS = "<digits>"
CLITIC_CLUSTER = re.compile(r"[وف]?[بلك]?")
END = r"(?!\w)"


TODAY_REASON = "relative:today disagrees"
# How far before the publication date a report's own "today" may lie.
STATED_TODAY_DAYS = 6


def _stated_today(found: Sequence[DateMention], anchor: date) -> date | None:
    """The day a report calls "today" with a weekday other than ``anchor``'s."""
    for mention in found:
        if mention.value is None or TODAY_REASON not in mention.reason:
            continue
        if 1 <= (anchor - mention.value).days <= STATED_TODAY_DAYS:
            return mention.value
    return None


def load_data(relative: str) -> dict[str, Any]:
    """Read one YAML table of the package data (``dates/months.yaml`` ...)."""
    origin = f"marsad/data/{relative}"
    try:
        text = resources.files("marsad.data").joinpath(relative).read_text("utf-8")
        data = yaml.safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"cannot load: {exc}", source=origin) from exc
    if not isinstance(data, dict):
        raise DataError("expected a mapping at the top level", source=origin)
    return data


@contextmanager
def data_errors(origin: str) -> Iterator[None]:
    """Report a malformed table (a missing key, a wrong type) as a DataError naming it."""
    try:
        yield
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise DataError(f"malformed table: {type(exc).__name__}: {exc}", source=origin) from exc


def folded_words(values: Iterable[Any], kind: str = "words") -> list[str]:
    """A list of words of the package data, folded like the text (``match_key``),
    empty ones dropped: an empty piece would be "inside" every word."""
    # A bare string would be read letter by letter: refuse it.
    if isinstance(values, str):
        raise TypeError(f"expected a list of {kind}, not the string {values!r}")
    keys = (match_key(str(value)).strip() for value in values)
    return [key for key in keys if key]


def alternation(keys: Iterable[str]) -> str:
    """A regex alternative of dictionary keys, longest first, spaces as ``\\s+``."""
    unique = sorted({k for k in keys if k}, key=lambda k: (-len(k), k))
    if not unique:
        return "(?!)"
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in unique) + ")"


def fold(text: str) -> str:
    """The lookup key of a matched stretch: normalised, single spaces."""
    return " ".join(text.split())


def keyed(table: dict[Any, list[str]]) -> dict[str, Any]:
    """Invert ``{value: [spellings]}`` into ``{key: value}``."""
    return {match_key(name): value for value, names in table.items() for name in names}


# Marks the normaliser deletes; a mention ending in a word keeps the word's last marks
# ("عنصراً" with its tanween), so the raw text shows the whole word.
_TRAILING_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]+")


def span_offsets(nt: NormalizedText, norm_start: int, norm_end: int) -> Offsets:
    """:func:`mention_offsets`, with the raw end moved past the last word's diacritics."""
    start, end, text, norm_start, norm_end = mention_offsets(nt, norm_start, norm_end)
    marks = _TRAILING_MARKS.match(nt.raw, end)
    if marks is not None:
        end = marks.end()
        text = nt.raw[start:end]
    return start, end, text, norm_start, norm_end


def month_end(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


# Named tuples rather than frozen dataclasses: a report has dozens of date
# candidates, and a tuple is built at a fraction of the cost.
class Resolved(NamedTuple):
    """What a date expression resolves to, and why."""

    value: date | None
    precision: int | None
    reason: str


class _Found(NamedTuple):
    start: int
    end: int
    resolved: Resolved
    kind: str = "other"


Resolver = Callable[["re.Match[str]", date | None, str], Resolved | None]


class DateMatcher:
    """Finds date expressions in normalised text; built once, then pure."""

    def __init__(self) -> None:
        with data_errors("marsad/data/dates"):
            months = load_data("dates/months.yaml")
            weekdays = load_data("dates/weekdays.yaml")
            relative = load_data("dates/relative.yaml")
            ordinals = load_data("dates/ordinals.yaml")
            words = load_data("numbers/words.yaml")

            self.months = {
                match_key(n): e["month"] for e in months["gregorian"] for n in e["names"]
            }
            self.hijri = {match_key(n): e["month"] for e in months["hijri"] for n in e["names"]}
            self.ambiguous_months = {
                match_key(n)
                for e in months["gregorian"] + months["hijri"]
                for n in e.get("ambiguous", [])
            }
            self.month_quals = keyed(months["qualifiers"])
            self.month_cues = {match_key(w) for w in months["month_cues"]}
            self.ordinals = keyed({int(k): v for k, v in ordinals["days"].items()})
            self.weekdays = {
                match_key(n): e["weekday"] for e in weekdays["weekdays"] for n in e["names"]
            }
            self.ambiguous_weekdays = {
                match_key(n) for e in weekdays["weekdays"] for n in e.get("ambiguous", [])
            }
            self.weekday_quals = keyed(weekdays["qualifiers"])
            self.next_day_parts = {match_key(w) for w in weekdays["next_day_parts"]}
            self.eve_parts = {match_key(w) for w in weekdays.get("eve_parts", [])}
            self.not_after = {match_key(w) for w in weekdays["not_after"]}
            self.weekday_ok_before = {match_key(w) for w in weekdays["ambiguous_ok_before"]}
            self.not_before = {match_key(w) for w in weekdays["not_before"]}
            self.relative_days = {
                match_key(n): (e["offset"], e["reason"])
                for e in relative["days"]
                for n in e["names"]
            }
            self.today_not_before = {match_key(w) for w in relative["today_not_before"]}
            self.today_not_after = {match_key(w) for w in relative["today_not_after"]}
            self.relative_last_words = {k.split()[-1] for k in self.relative_days}
            ago = relative["ago"]
            self.ago_units = {
                match_key(n): (u["days"], u["precision"]) for u in ago["units"] for n in u["names"]
            }
            self.ago_duals = {
                match_key(n): (u["days"], u["precision"]) for u in ago["duals"] for n in u["names"]
            }
            self.small_numbers = keyed({int(k): v for k, v in words["units"].items()})
            weeks = relative["weeks"]
            self.first_weekday = int(weeks["first_weekday"])
            self.weeks = keyed({k: weeks[k] for k in ("past", "current", "future", "past_weekend")})
            self.month_phrases = keyed(
                {k: relative["months"][k] for k in ("past", "current", "future")}
            )
            self.month_phrases.update({match_key(b): "current" for b in relative["months"]["bare"]})
            self.parts = keyed(relative["month_parts"])
            self.bare_month = {match_key(b) for b in relative["months"]["bare"]}
            self.same_words = {match_key(w) for w in relative["months"]["same"]}
            self.patterns = self._compile(months, weekdays, relative, ago)

    def _compile(
        self,
        months: dict[str, Any],
        weekdays: dict[str, Any],
        relative: dict[str, Any],
        ago: dict[str, Any],
    ) -> list[tuple[re.Pattern[str], Resolver]]:
        month = alternation(self.months)
        hijri = alternation(self.hijri)
        # "الـ8 من يوليو": the article may sit before a day number.
        day = rf"(?:(?:ال\s?)?(?<!\d)(?P<dnum>\d{{1,2}})|(?P<dord>{alternation(self.ordinals)}))"
        qual = rf"(?:\s+(?P<qual>{alternation(self.month_quals)}))?"
        parts = rf"(?:(?P<part>{alternation(self.parts)})\s+(?:من\s+)?)?"
        year_word = alternation(match_key(w) for w in months["year_words"])
        g_suffix = alternation(match_key(w) for w in months["gregorian_year_suffixes"])
        h_suffix = alternation(match_key(w) for w in months["hijri_year_suffixes"])
        year = (
            rf"(?:\s*,?\s+(?:من\s+)?(?:{year_word}\s*)?(?P<year>(?:1[89]|20)\d\d)"
            rf"(?:\s*{g_suffix}{END})?)?"
        )
        # "آذار/مارس", "مارس (آذار)", "نيسان - إبريل", "مايو أيار": one month, two names.
        paired = rf"(?P<mon>{month})(?:(?:\s*[/(\-–]\s*|\s+)(?P<mon2>{month})\s*\)?)?"
        gregorian = (
            rf"{PREFIX}(?P<d>{parts}(?:{day}\s+(?:من\s+)?)?"
            rf"(?P<shahr>شهر\s+)?{paired}{year}{qual}){END}"
        )
        hijri_date = (
            rf"{PREFIX}(?P<d>(?:{day}\s+(?:من\s+)?)?(?P<shahr>شهر\s+)?(?P<mon>{hijri})"
            rf"(?:\s+(?:من\s+)?(?:{year_word}\s+)?(?P<year>1[345]\d\d)(?:\s*{h_suffix}{END})?)?"
            rf"){END}"
        )
        hijri_year = rf"{PREFIX}(?P<d>(?:{year_word}\s+)?(?P<year>1[345]\d\d)\s*{h_suffix}){END}"
        year_only = (
            rf"{PREFIX}(?P<d>(?:{year_word}\s+(?P<year>(?:19|20)\d\d)(?:\s*{g_suffix}{END})?)"
            rf"|(?P<year2>(?:19|20)\d\d)\s*{g_suffix}){END}"
        )
        numeric = (
            r"(?<![\w/.:-])(?P<d>(?:(?P<a>\d{1,2})(?P<s>[/.-])(?P<b>\d{1,2})(?P=s)(?P<c>\d{4})"
            r"|(?P<y>\d{4})(?P<t>[/.-])(?P<m>\d{1,2})(?P=t)(?P<dd>\d{1,2})))(?![\w/:-]|\.\d)"
        )
        this_month = alternation(self.month_phrases)
        day_of_month = rf"{PREFIX}(?P<d>{day}\s+(?:من\s+)?(?P<mp>{this_month})){END}"
        month_phrase = rf"{PREFIX}(?P<d>{parts}(?P<mp>{this_month})){END}"
        week = rf"{PREFIX}(?P<d>{alternation(self.weeks)}){END}"
        day_part = alternation(match_key(w) for w in weekdays["day_parts"])
        relative_days = alternation(self.relative_days)
        rel = rf"{PREFIX}(?P<d>(?:(?P<dp>{day_part})\s+(?:يوم\s+)?)?(?P<rel>{relative_days})){END}"
        weekday = (
            rf"{PREFIX}(?P<d>(?:(?P<dp>{day_part})\s+(?:يوم\s+)?)?(?P<wd>{alternation(self.weekdays)})"
            rf"(?:\s+(?P<wq>{alternation(self.weekday_quals)}))?){END}"
        )
        lead = alternation(match_key(w) for w in ago["lead"])
        hours = alternation(match_key(h) for h in ago["hours"])
        numbers = alternation(self.small_numbers)
        ago_re = (
            rf"{PREFIX}(?P<d>(?P<lead>{lead})\s+(?:(?:(?P<n>\d{{1,3}}|{numbers})\s+)?"
            rf"(?P<unit>{alternation(self.ago_units)})|(?P<dual>{alternation(self.ago_duals)})"
            rf"|(?:(?:بضع|بضعه|عده)\s+)?(?P<hours>{hours})"
            rf")){END}"
        )

        def firsts(*groups: Iterable[str]) -> frozenset[str]:
            return frozenset(k.split()[0] for g in groups for k in g if k)

        day_words = firsts(self.ordinals)
        day_parts = [match_key(w) for w in weekdays["day_parts"]]
        year_words = [match_key(w) for w in months["year_words"]]
        # Each pattern with the words it can start with (DIGITS: any number token).
        table: list[tuple[str, Resolver, frozenset[str]]] = [
            (
                gregorian,
                self._gregorian,
                day_words | firsts(self.parts, self.months, ["شهر", DIGITS]),
            ),
            (hijri_date, self._hijri, day_words | firsts(self.hijri, ["شهر", DIGITS])),
            (hijri_year, self._hijri, firsts(year_words, [DIGITS])),
            (year_only, self._year_only, firsts(year_words, [DIGITS])),
            (numeric, self._numeric, frozenset([DIGITS])),
            (day_of_month, self._day_of_month, day_words | {DIGITS}),
            (month_phrase, self._month_phrase, firsts(self.parts, self.month_phrases)),
            (week, self._week, firsts(self.weeks)),
            (rel, self._relative, firsts(day_parts, self.relative_days)),
            (weekday, self._weekday, firsts(day_parts, self.weekdays)),
            (ago_re, self._ago, firsts(match_key(w) for w in ago["lead"])),
        ]
        triggers: dict[str, list[int]] = {}
        for index, (_, _, words) in enumerate(table):
            for word in words:
                triggers.setdefault(word, []).append(index)
        self.digit_patterns = tuple(triggers.pop(DIGITS, ()))
        self.automaton = ahocorasick.Automaton()
        for word, indices in triggers.items():
            self.automaton.add_word(word, (len(word), tuple(indices)))
        self.automaton.make_automaton()
        return [(re.compile(p), resolver) for p, resolver, _ in table]

    def _candidates(self, text: str) -> set[tuple[int, int]]:
        """(pattern index, position) pairs worth trying: words that can start a date."""
        out: set[tuple[int, int]] = set()
        for last, (length, indices) in self.automaton.iter(text):
            start = word_start(text, last + 1 - length, last + 1)
            if start >= 0:
                out.update((index, start) for index in indices)
        for m in _NUMBER.finditer(text):
            start = m.start()
            if text[max(0, start - 2) : start] == "ال":  # "ال8" from "الـ8"
                start -= 2
            else:
                start = word_start(text, start, m.end())  # -1 inside "M4", "SY24"
            if start >= 0:
                out.update((index, start) for index in self.digit_patterns)
        return out

    # ------------------------------------------------------------------ finding

    def find(self, nt: NormalizedText, anchor: date | None = None) -> list[DateMention]:
        """Every date expression of ``nt``, resolved against ``anchor`` when given.

        A report that names its own day ("البيان الذي صدر اليوم الاثنين") a few
        days before ``anchor`` was written that day: the publication date given is
        a later one (a wire story printed the next day, a crawl date), so every
        expression is resolved against the day the report names.
        """
        found = self._find(nt, anchor)
        if anchor is not None:
            today = _stated_today(found, anchor)
            if today is not None:
                found = self._find(nt, today)
        return found

    def _find(self, nt: NormalizedText, anchor: date | None) -> list[DateMention]:
        text = nt.text
        found: list[_Found] = []
        reached = [0] * len(self.patterns)
        for index, pos in sorted(self._candidates(text)):
            if pos < reached[index]:
                continue
            pattern, resolver = self.patterns[index]
            m = pattern.match(text, pos)
            if m is None:
                continue
            reached[index] = m.end()
            resolved = resolver(m, anchor, text)
            if resolved is not None:
                found.append(_Found(m.start("d"), m.end("d"), resolved, self._kind(index, m)))
        kept = _non_overlapping(found)
        kept = self._merge_weekday_with_date(kept, text)
        return [
            DateMention(
                *span_offsets(nt, f.start, f.end),
                value=f.resolved.value,
                precision=f.resolved.precision,
                reason=f.resolved.reason,
            )
            for f in kept
        ]

    def _merge_weekday_with_date(self, found: list[_Found], text: str) -> list[_Found]:
        """One expression, one mention: "الخميس 19 تشرين الثاني", "أمس الأحد".

        The explicit date (or the relative day) gives the value; the weekday beside
        it is checked and a disagreement is noted in the reason.
        """
        merged: list[_Found] = []
        for f in found:
            prev = merged[-1] if merged else None
            if prev is None or not re.fullmatch(r"[\s,(]*", text[prev.end : f.start]):
                merged.append(f)
                continue
            if prev.kind == WEEKDAY and f.kind == EXPLICIT_DAY:
                main, weekday = f, prev
            elif prev.kind == RELATIVE_DAY and f.kind == WEEKDAY:
                main, weekday = prev, f
            else:
                merged.append(f)
                continue
            value, note = main.resolved.value, ""
            wd = self._weekday_in(text[weekday.start : weekday.end])
            if value is not None and wd is not None:
                agrees = value.weekday() == wd
                note = (
                    " (weekday agrees)" if agrees else f" (weekday disagrees: {WEEKDAY_NAMES[wd]})"
                )
            resolved = Resolved(value, main.resolved.precision, main.resolved.reason + note)
            if main.kind == RELATIVE_DAY and note.startswith(" (weekday disagrees"):
                # "أمس الأحد" against a Saturday: the publication date given is off (often a
                # crawl date); the named weekday, counted back from it, is the better guess.
                resolved = Resolved(
                    weekday.resolved.value,
                    weekday.resolved.precision,
                    f"{weekday.resolved.reason} ({main.resolved.reason} disagrees)",
                )
            end = f.end
            if "(" in text[prev.end : f.start] and text[end : end + 1] == ")":
                end += 1
            merged[-1] = _Found(prev.start, end, resolved, main.kind)
        return merged

    def _weekday_in(self, span: str) -> int | None:
        for word in fold(span).split():
            if word in self.weekdays:
                return int(self.weekdays[word])
        return None

    def _kind(self, index: int, m: re.Match[str]) -> str:
        resolver = self.patterns[index][1]
        if resolver == self._gregorian and (m.group("dnum") or m.group("dord")):
            return EXPLICIT_DAY
        if resolver == self._weekday:
            return WEEKDAY
        if resolver == self._relative:
            return RELATIVE_DAY
        return OTHER

    # ---------------------------------------------------------------- resolvers

    def _day(self, m: re.Match[str]) -> int | None:
        if m.group("dnum"):
            return int(m.group("dnum"))
        if m.group("dord"):
            return int(self.ordinals[fold(m.group("dord"))])
        return None

    def _gregorian(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        mon = fold(m.group("mon"))
        month = self.months[mon]
        if m.group("mon2") and self.months[fold(m.group("mon2"))] != month:
            return None  # "آذار/نيسان" is a range of months, not one date
        day = self._day(m)
        year = int(m.group("year")) if m.group("year") else None
        qual = self.month_quals.get(fold(m.group("qual") or ""))
        part = self.parts.get(fold(m.group("part") or ""))
        cued = bool(m.group("shahr") or m.group("mon2"))
        cued = cued or _previous_word(text, m.start("d")) in self.month_cues
        if day is None and year is None and qual is None and part is None:
            if not cued or (mon in self.ambiguous_months and not m.group("shahr")):
                return None
        if mon in self.ambiguous_months and day is None and year is None and not m.group("mon2"):
            if qual is None and not m.group("shahr"):
                return None
        if year is not None:
            how = "explicit date" if day is not None else "explicit month and year"
        else:
            if anchor is None:
                return Resolved(None, None, NO_ANCHOR_YEAR)
            year, inferred = self._infer_year(month, day, qual, anchor)
            how = f"explicit {'day month' if day is not None else 'month'} ({inferred})"
        return _month_date(year, month, day, part, how)

    def _infer_year(
        self, month: int, day: int | None, qual: str | None, anchor: date
    ) -> tuple[int, str]:
        if qual == "last_year":
            return anchor.year - 1, "year from anchor: last year"
        if qual in ("this_year", "current"):
            return anchor.year, f"year from anchor: {qual.replace('_', ' ')}"
        if qual == "past":
            if month < anchor.month:
                return anchor.year, "year from anchor: past month"
            return anchor.year - 1, "year from anchor: past month, previous year"
        if qual == "future":
            if month > anchor.month:
                return anchor.year, "year from anchor: coming month"
            return anchor.year + 1, "year from anchor: coming month, next year"
        later = (month, day or 1) > (anchor.month, anchor.day)
        if later:
            return anchor.year - 1, "year from anchor: previous year, later than publication"
        return anchor.year, "year from anchor"

    def _hijri(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        groups = m.groupdict()
        hmonth = self.hijri.get(fold(groups["mon"])) if groups.get("mon") else None
        day = self._day(m) if "dnum" in groups else None
        year = int(groups["year"]) if groups.get("year") else None
        if hmonth is None:
            if year is None:
                return None
            return _hijri_date(year, 7, 1, PRECISION_MONTH, "hijri year only, coded to mid-year")
        ambiguous = fold(groups["mon"]) in self.ambiguous_months
        if day is None and year is None and not groups.get("shahr"):
            return None
        if ambiguous and day is None:
            return None
        if year is None:
            if anchor is None:
                return Resolved(None, None, NO_ANCHOR_YEAR)
            today = Gregorian(anchor.year, anchor.month, anchor.day).to_hijri()
            year = today.year
            if (hmonth, day or 1) > (today.month, today.day):
                year -= 1
            how = "hijri, year from anchor"
        else:
            how = "hijri date" if day is not None else "hijri month year"
        if day is None:
            return _hijri_date(year, hmonth, 15, PRECISION_MONTH, how + ", middle of month")
        return _hijri_date(year, hmonth, day, PRECISION_DAY, how)

    def _year_only(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved:
        year = int(m.group("year") or m.group("year2"))
        return Resolved(date(year, 7, 1), PRECISION_MONTH, "year only, coded to mid-year")

    def _numeric(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        if m.group("y"):
            year, month, day = int(m.group("y")), int(m.group("m")), int(m.group("dd"))
            how = "numeric date (year-month-day)"
        else:
            day, month, year = int(m.group("a")), int(m.group("b")), int(m.group("c"))
            how = "numeric date (day/month/year)"
            if month > 12 >= day:
                day, month, how = month, day, "numeric date (month/day/year)"
        if not 1800 <= year <= 2100:
            return None
        try:
            return Resolved(date(year, month, day), PRECISION_DAY, how)
        except ValueError:
            return None

    def _day_of_month(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        day = self._day(m)
        phrase = fold(m.group("mp"))
        if phrase in self.bare_month and _next_word(text, m.end("d")) in self.same_words:
            return None  # "12 من الشهر نفسه": a month named earlier, not the current one
        which = self.month_phrases[phrase]
        if anchor is None:
            return Resolved(None, None, NO_ANCHOR)
        delta = {"past": -1, "current": 0, "future": 1}[which]
        year, month = shift_month(anchor.year, anchor.month, delta)
        return _month_date(year, month, day, None, f"day of the {which} month")

    def _month_phrase(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        phrase = fold(m.group("mp"))
        part = self.parts.get(fold(m.group("part") or ""))
        if phrase == "الشهر" and part is None:
            return None  # "الشهر" alone is not a date
        if anchor is None:
            return Resolved(None, None, NO_ANCHOR)
        which = self.month_phrases[phrase]
        delta = {"past": -1, "current": 0, "future": 1}[which]
        year, month = shift_month(anchor.year, anchor.month, delta)
        resolved = _month_date(year, month, None, part, f"relative:{which} month")
        if which == "current" and resolved.value is not None and resolved.value > anchor:
            return Resolved(anchor, PRECISION_MONTH, resolved.reason + ", capped at publication")
        return resolved

    def _week(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved:
        which = self.weeks[fold(m.group("d"))]
        if anchor is None:
            return Resolved(None, None, NO_ANCHOR)
        start = anchor - timedelta(days=(anchor.weekday() - self.first_weekday) % 7)
        shift = {"past": -7, "current": 0, "future": 7, "past_weekend": -7}[which]
        start += timedelta(days=shift)
        if which == "past_weekend":
            return Resolved(start + timedelta(days=5), PRECISION_WEEK, "relative:last weekend")
        middle = start + timedelta(days=3)
        if which == "current" and middle > anchor:
            return Resolved(anchor, PRECISION_WEEK, "relative:this week, capped at publication")
        return Resolved(middle, PRECISION_WEEK, f"relative:{which} week, middle day")

    def _relative(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        key = fold(m.group("rel"))
        offset, reason = self.relative_days[key]
        if key == "اليوم":
            # "مساء اليوم ذاته" is the evening of another event's day, as the
            # bare "اليوم ذاته" is.
            if _next_word(text, m.end("d")) in self.today_not_before:
                return None
            if not m.group("dp") and _previous_word(text, m.start("d")) in self.today_not_after:
                return None
        if anchor is None:
            return Resolved(None, None, NO_ANCHOR)
        return Resolved(anchor + timedelta(days=offset), PRECISION_DAY, reason)

    def _weekday(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        name = fold(m.group("wd"))
        weekday = self.weekdays[name]
        qual = self.weekday_quals.get(fold(m.group("wq") or ""))
        if not m.group("dp"):
            if _previous_word(text, m.start("d")) in self.not_after:
                return None
            if qual is None and _next_word(text, m.end("d")) in self.not_before:
                return None
            cue = _previous_word(text, m.start("d")) in self.relative_last_words
            cue = cue or _next_word(text, m.end("d")) in self.weekday_ok_before
            if name in self.ambiguous_weekdays and qual is None and not (cue or _set_off(text, m)):
                return None
        if anchor is None:
            return Resolved(None, None, NO_ANCHOR)
        label = WEEKDAY_NAMES[weekday]
        back = (anchor.weekday() - weekday) % 7
        if qual == "future":
            ahead = (weekday - anchor.weekday()) % 7 or 7
            return Resolved(anchor + timedelta(days=ahead), PRECISION_DAY, f"weekday:next {label}")
        if qual == "past" and back == 0:
            return Resolved(
                anchor - timedelta(days=7), PRECISION_DAY, f"weekday:{label} of the week before"
            )
        if back > 0 and fold(m.group("dp") or "") in self.next_day_parts:
            return Resolved(
                anchor - timedelta(days=back - 1),
                PRECISION_DAY,
                f"weekday:the night ending the most recent {label}",
            )
        if fold(m.group("dp") or "") in self.eve_parts and not self._night_between(text, m):
            return Resolved(
                anchor - timedelta(days=back + 1),
                PRECISION_DAY,
                f"weekday:the eve of the most recent {label}",
            )
        return Resolved(
            anchor - timedelta(days=back), PRECISION_DAY, f"weekday:most recent {label}"
        )

    def _night_between(self, text: str, m: re.Match[str]) -> bool:
        """ "ليلة الجمعة السبت", "ليلة الجمعة - السبت": the night between two days,
        which begins on the first."""
        rest = text[m.end("d") : m.end("d") + 24].lstrip(" -/و")
        following = _next_word(rest, 0)
        return bool(following) and fold(following) in self.weekdays

    def _ago(self, m: re.Match[str], anchor: date | None, text: str) -> Resolved | None:
        if fold(m.group("lead")) == "قبل" and _next_word(text, m.end("d")) == "من":
            return None  # "قبل يومين من الهجوم": counted from another event
        if m.group("hours"):
            days, precision, reason = 0, PRECISION_DAY, "relative:hours ago"
        elif m.group("dual"):
            days, precision = self.ago_duals[fold(m.group("dual"))]
            reason = f"relative:{days} days ago"
        else:
            unit, precision = self.ago_units[fold(m.group("unit"))]
            raw_n = m.group("n")
            count = 1 if raw_n is None else int(raw_n) if raw_n.isdigit() else 0
            if raw_n is not None and not raw_n.isdigit():
                count = int(self.small_numbers[fold(raw_n)])
            days = unit * count
            reason = f"relative:{days} days ago"
        if anchor is None:
            return Resolved(None, None, NO_ANCHOR)
        return Resolved(anchor - timedelta(days=days), precision, reason)


def _month_date(year: int, month: int, day: int | None, part: str | None, how: str) -> Resolved:
    if day is not None:
        try:
            return Resolved(date(year, month, day), PRECISION_DAY, how)
        except ValueError:
            return Resolved(None, None, f"invalid date: day {day} of {year}-{month:02d}")
    code = {"start": 1, "middle": 15, "end": month_end(year, month)}.get(part or "middle", 15)
    where = {"start": "first day", "end": "last day"}.get(part or "", "middle of month")
    return Resolved(date(year, month, code), PRECISION_MONTH, f"{how}, {where}")


def _hijri_date(year: int, month: int, day: int, precision: int, how: str) -> Resolved:
    try:
        value = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError) as exc:
        return Resolved(None, None, f"invalid hijri date: {exc}")
    return Resolved(date(value.year, value.month, value.day), precision, how)


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Longest expressions win; ties go to the earlier pattern."""
    order = sorted(range(len(found)), key=lambda i: (-(found[i].end - found[i].start), i))
    taken: list[_Found] = []
    for i in order:
        f = found[i]
        if all(f.end <= t.start or f.start >= t.end for t in taken):
            taken.append(f)
    return sorted(taken, key=lambda f: f.start)


_WORD = re.compile(r"\w+")


_NUMBER = re.compile(r"\d+")


def word_start(text: str, start: int, end: int) -> int:
    """Where the word holding ``text[start:end]`` begins, clitics included, or -1.

    -1 when the stretch is part of a longer word: a letter follows it, or letters
    other than a clitic cluster (و/ف then ب/ل/ك) precede it.
    """
    if end < len(text) and (text[end].isalnum() or text[end] == "_"):
        return -1
    begin = start
    while begin > 0 and (text[begin - 1].isalnum() or text[begin - 1] == "_"):
        begin -= 1
    if begin == start:
        return start
    return begin if CLITIC_CLUSTER.fullmatch(text, begin, start) else -1


def _next_word(text: str, index: int) -> str:
    m = _WORD.search(text, index, min(len(text), index + 40))
    if m is None or text[index : m.start()].strip(" "):
        return ""
    return m.group()


def _previous_word(text: str, index: int) -> str:
    window = text[max(0, index - 40) : index]
    m = re.search(r"(\w+)\s+$", window)
    return m.group(1) if m else ""


def _set_off(text: str, m: re.Match[str]) -> bool:
    """A weekday word with punctuation or a line edge beside it reads as a date."""
    before = text[max(0, m.start("d") - 3) : m.start("d")].rstrip(" ")
    after = text[m.end("d") : m.end("d") + 3].lstrip(" ")
    return not before or before[-1] in ",;:.-\n(" or not after or after[0] in ",;:.-\n)"


@lru_cache(maxsize=1)
def default_date_matcher() -> DateMatcher:
    """A shared matcher (it holds only compiled tables)."""
    return DateMatcher()
