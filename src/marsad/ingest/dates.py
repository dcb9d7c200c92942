"""Publication dates: a dateline near the top of a text, ISO strings, timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache
from importlib import resources

import regex
import yaml

from marsad.errors import DataError
from marsad.normalize import default_normalizer, match_key

#: How many non-empty lines from the top are searched for a dateline.
DATELINE_SEARCH_LINES = 10


class DatelineFinder:
    """Finds the first date written near the top of a report."""

    def __init__(self, months: dict[int, list[str]]) -> None:
        self.month_of: dict[str, int] = {}
        for number, names in months.items():
            if not 1 <= int(number) <= 12:
                raise DataError(f"month number {number} out of range", source="months.yaml")
            for name in names:
                self.month_of[" ".join(match_key(name).split())] = int(number)
        names_alt = "|".join(
            regex.escape(n).replace("\\ ", r"\s+")
            for n in sorted(self.month_of, key=len, reverse=True)
        )
        self._named = regex.compile(
            rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?({names_alt})(?:\s*[/-]\s*(?:{names_alt}))?"
            rf"\s*[,،]?\s*(?:عام\s+|سنه\s+)?(\d{{4}})(?!\d)"
        )
        self._dmy = regex.compile(r"(?<!\d)(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?!\d)")
        self._ymd = regex.compile(r"(?<!\d)(\d{4})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{1,2})(?!\d)")

    def find_in_line(self, line: str) -> date | None:
        """The first valid date in one line of text (any script of digits)."""
        text = default_normalizer().normalize(line).text
        candidates: list[tuple[int, date]] = []
        for m in self._named.finditer(text):
            month = self.month_of[" ".join(m.group(2).split())]
            _add(candidates, m.start(), int(m.group(3)), month, int(m.group(1)))
        for m in self._dmy.finditer(text):
            _add(candidates, m.start(), int(m.group(4)), int(m.group(3)), int(m.group(1)))
        for m in self._ymd.finditer(text):
            _add(candidates, m.start(), int(m.group(1)), int(m.group(3)), int(m.group(4)))
        return min(candidates)[1] if candidates else None

    def find(self, text: str) -> tuple[date, int] | None:
        """``(date, line number)`` of the first dateline in the top lines of ``text``."""
        seen = 0
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            found = self.find_in_line(line)
            if found is not None:
                return found, number
            seen += 1
            if seen >= DATELINE_SEARCH_LINES:
                break
        return None


def _add(candidates: list[tuple[int, date]], at: int, year: int, month: int, day: int) -> None:
    if not 1900 <= year <= 2100:
        return
    try:
        candidates.append((at, date(year, month, day)))
    except ValueError:
        return


@lru_cache(maxsize=1)
def default_dateline_finder() -> DatelineFinder:
    """The finder built from the packaged month table (built once)."""
    text = resources.files("marsad.data").joinpath("ingest/months.yaml").read_text("utf-8")
    months = yaml.safe_load(text)
    if not isinstance(months, dict):
        raise DataError("expected a mapping of month number to names", source="months.yaml")
    return DatelineFinder({int(k): [str(n) for n in v] for k, v in months.items()})


def parse_date_value(value: object) -> date | None:
    """A date from a record field: ISO string (date or datetime) or Unix seconds."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return datetime.fromtimestamp(float(value), tz=UTC).date()
    if isinstance(value, str):
        text = value.strip()
        if text.isdigit() and len(text) >= 9:
            return datetime.fromtimestamp(int(text), tz=UTC).date()
        # The date as written at the place of publication: offsets are not applied,
        # since relative dates in the text ("yesterday") count from the local day.
        try:
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        try:
            return parsedate_to_datetime(text).date()
        except (TypeError, ValueError, IndexError):
            return default_dateline_finder().find_in_line(text)
    return None
