"""One exception hierarchy for the whole pipeline.

Every error carries a stable code (like spaCy's ``[E109]``) so that the CLI,
the HTTP API and the logs report problems in one shape, and the input it is
about (a path, a URL, a record id) so the user knows where to look.
"""

from __future__ import annotations


class MarsadError(Exception):
    """Root of every error marsad raises on purpose."""

    code = "M000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def one_line(self) -> str:
        """The single line the CLI prints for this problem."""
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}".replace("\n", " ")


class ConfigError(MarsadError):
    """A settings file or option is invalid."""

    code = "M001"


class InputError(MarsadError):
    """An input cannot be read: missing, not text, badly encoded, malformed."""

    code = "M100"


class SkipDocument(MarsadError):
    """A document is deliberately not processed; ``reason`` is counted."""

    code = "M110"

    def __init__(self, message: str, *, reason: str, source: str | None = None) -> None:
        super().__init__(message, source=source)
        self.reason = reason


class DataError(MarsadError):
    """A knowledge file (lexicon, dictionary, gazetteer) is invalid."""

    code = "M200"


class GazetteerError(DataError):
    """The gazetteer index cannot be built, opened or imported into."""

    code = "M210"


class ExtractionError(MarsadError):
    """Event extraction failed on a document."""

    code = "M300"


class StoreError(MarsadError):
    """The database is unreachable, locked, too new or otherwise unusable."""

    code = "M400"


class EvaluationError(MarsadError):
    """A gold file or system output cannot be scored."""

    code = "M500"
