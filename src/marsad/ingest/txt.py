"""Plain text: one document per file, headline as title, dateline as date."""

from __future__ import annotations

from collections.abc import Iterator

from marsad.document import Document, content_id
from marsad.errors import InputError
from marsad.ingest.context import ReaderContext
from marsad.ingest.decode import decode_bytes
from marsad.ingest.sources import Source

HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 25


def headline(text: str) -> str | None:
    """The first line when it reads as a headline (short, no closing full stop, text follows)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return None
    first = lines[0]
    if len(first) > HEADLINE_MAX_CHARS or len(first.split()) > HEADLINE_MAX_WORDS:
        return None
    if first.endswith((".", ":", "،", ",", "؛", ";")):
        return None
    return first


def read_txt(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """Yield the one document of a text file."""
    with source.open() as stream:
        data = stream.read()
    if not data.strip():
        raise InputError("empty file, nothing to read", source=source.name)
    text, encoding = decode_bytes(data, source.name)
    ctx.report.encodings[source.name] = encoding
    if not text.strip():
        raise InputError("file holds only blank characters", source=source.name)
    title = headline(text)
    if title is not None and ctx.datelines.find_in_line(title) and len(title.split()) <= 6:
        title = None  # a bare dateline is not a headline
    published, how = ctx.published(None, text, option_first=True)
    yield Document(
        id=content_id(text),
        text=text,
        source=source.name,
        title=title,
        published=published,
        metadata={
            "input": source.name,
            "format": "txt",
            "encoding": encoding,
            "published_source": how,
        },
    )
