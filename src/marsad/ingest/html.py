"""Web pages: main text and metadata with trafilatura, boilerplate and comments left out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import trafilatura

from marsad.document import Document, content_id
from marsad.errors import InputError, SkipDocument
from marsad.ingest.context import ReaderContext
from marsad.ingest.dates import parse_date_value
from marsad.ingest.decode import declared_charset, decode_bytes
from marsad.ingest.sources import Source


def page_to_document(
    data: bytes,
    name: str,
    ctx: ReaderContext,
    *,
    url: str | None = None,
    charset: str | None = None,
    fmt: str = "html",
) -> Document:
    """One page's main text as a document; :class:`SkipDocument` when it has none."""
    if not data.strip():
        raise InputError("empty page, nothing to read", source=name)
    html, encoding = decode_bytes(data, name, declared=charset or declared_charset(data))
    ctx.report.encodings[name] = encoding
    extracted: Any = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
    )
    text = (getattr(extracted, "text", None) or "").strip() if extracted is not None else ""
    if not text:
        raise SkipDocument("no main text found in the page", reason="no text", source=name)
    canonical = getattr(extracted, "url", None) or url
    own_date = parse_date_value(getattr(extracted, "date", None))
    published, how = ctx.published(own_date, text)
    metadata: dict[str, Any] = {
        "input": name,
        "format": fmt,
        "encoding": encoding,
        "published_source": how,
    }
    for key in ("author", "sitename", "hostname", "description"):
        value = getattr(extracted, key, None)
        if value:
            metadata[key] = value
    return Document(
        id=canonical or content_id(text),
        text=text,
        source=getattr(extracted, "sitename", None) or getattr(extracted, "hostname", None),
        url=canonical,
        title=getattr(extracted, "title", None),
        published=published,
        metadata=metadata,
    )


def read_html(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """Yield the one document of a saved web page."""
    with source.open() as stream:
        data = stream.read()
    yield page_to_document(data, source.name, ctx, url=source.url)
