"""What every reader is handed: the options, the report, and shared helpers."""

from __future__ import annotations

from datetime import date

from marsad.errors import InputError, SkipDocument
from marsad.ingest.dates import DatelineFinder, default_dateline_finder
from marsad.ingest.fetch import Fetcher
from marsad.ingest.options import IngestOptions, IngestReport


class ReaderContext:
    """Per-run state shared by the readers; the HTTP client opens on first use."""

    def __init__(
        self,
        options: IngestOptions,
        report: IngestReport,
        datelines: DatelineFinder | None = None,
    ) -> None:
        self.options = options
        self.report = report
        self._datelines = datelines
        self._fetcher: Fetcher | None = None

    @property
    def datelines(self) -> DatelineFinder:
        if self._datelines is None:
            self._datelines = default_dateline_finder()
        return self._datelines

    @property
    def fetcher(self) -> Fetcher:
        if self._fetcher is None:
            self._fetcher = Fetcher(
                self.options.user_agent, self.options.timeout, self.options.retries
            )
        return self._fetcher

    def close(self) -> None:
        if self._fetcher is not None:
            self._fetcher.close()
            self._fetcher = None

    def problem(self, source: str, message: str) -> None:
        """Report one problem with ``source`` and carry on."""
        self.report.problem(InputError(message, source=source).one_line())

    def skip_record(self, source: str, message: str, reason: str) -> None:
        """Leave one record out: counted by ``reason`` and reported on its own line."""
        self.report.skip(reason)
        self.report.problem(SkipDocument(message, reason=reason, source=source).one_line())

    def published(
        self, own: date | None, text: str, *, option_first: bool = False
    ) -> tuple[date | None, str]:
        """The publication date and where it came from: option, source, text or unknown.

        Structured sources' own dates win over ``--published``, which fills
        gaps; for plain text (``option_first``) the option wins.
        """
        option = self.options.published
        if option_first and option is not None:
            return option, "option"
        if own is not None:
            return own, "source"
        if option is not None:
            return option, "option"
        found = self.datelines.find(text)
        if found is not None:
            return found[0], f"text line {found[1]}"
        return None, "unknown"


def parser_message(exc: Exception) -> str:
    """A parser error's message without the parser's ASCII-art pointer lines."""
    lines = str(exc).strip().splitlines()
    return lines[0].strip() if lines else type(exc).__name__
