"""Ingestion: every format monitors collect, read into :class:`~marsad.document.Document` s.

>>> report = IngestReport()
>>> docs = read_documents(["reports/"], IngestOptions(), report)  # doctest: +SKIP
"""

from __future__ import annotations

from marsad.ingest.click_options import (
    ingest_options,
    options_from_click,
    parse_date_option,
    reading_options,
)
from marsad.ingest.options import FORMATS, IngestOptions, IngestReport
from marsad.ingest.pipeline import READERS, read_documents

__all__ = [
    "FORMATS",
    "READERS",
    "IngestOptions",
    "IngestReport",
    "ingest_options",
    "options_from_click",
    "parse_date_option",
    "read_documents",
    "reading_options",
]
