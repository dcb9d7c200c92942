"""Web archives: every HTML response record goes through the page reader."""

from __future__ import annotations

import re
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.document import Document
from marsad.errors import InputError, SkipDocument
from marsad.ingest.context import ReaderContext
from marsad.ingest.html import page_to_document
from marsad.ingest.sources import Source

_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


def read_warc(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """Yield one document per HTML response; other records are not reports."""
    with source.open() as stream:
        records = ArchiveIterator(stream)
        number = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, ValueError, OSError, EOFError) as exc:
                raise InputError(
                    f"damaged web archive after record {number}: {exc}", source=source.name
                ) from None
            number += 1
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            name = f"{source.name}:{url or f'record {number}'}"
            content_type = ""
            if record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
            if "html" not in content_type.lower():
                ctx.report.skip("not an HTML response")
                continue
            status = record.http_headers.get_statuscode() if record.http_headers else "200"
            if not str(status).startswith("2"):
                ctx.report.skip("HTTP error response")
                continue
            charset_match = _CHARSET.search(content_type)
            body = record.content_stream().read()
            try:
                yield page_to_document(
                    body,
                    name,
                    ctx,
                    url=url,
                    charset=charset_match.group(1) if charset_match else None,
                    fmt="warc",
                )
            except SkipDocument as skip:
                ctx.skip_record(name, skip.message, skip.reason)
            except InputError as error:
                ctx.report.problem(error.one_line())
