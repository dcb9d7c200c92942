"""JSON Lines and JSON arrays of records: text plus optional id, title, url, date, source."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping
from typing import Any

import ijson

from marsad.document import Document, content_id
from marsad.errors import InputError
from marsad.ingest.context import ReaderContext, parser_message
from marsad.ingest.dates import parse_date_value
from marsad.ingest.decode import decode_bytes
from marsad.ingest.sources import Source

_ROLES = ("text", "id", "title", "url", "published", "source")


def _first(record: Mapping[str, Any], keys: tuple[str, ...]) -> tuple[str | None, Any]:
    for key in keys:
        value = record.get(key)
        if value is not None and value != "":
            return key, value
    return None, None


def record_to_document(
    record: Any, where: str, source: Source, ctx: ReaderContext
) -> Document | None:
    """The document of one record, or None after reporting why there is none."""
    if not isinstance(record, dict):
        kind = type(record).__name__
        ctx.skip_record(where, f"record is a JSON {kind}, not an object", "bad record")
        return None
    options = ctx.options
    used: set[str] = set()
    values: dict[str, Any] = {}
    for role in _ROLES:
        key, value = _first(record, options.field_keys(role))
        if key is not None:
            used.add(key)
            values[role] = value
    text = values.get("text")
    if not isinstance(text, str) or not text.strip():
        looked = ", ".join(options.field_keys("text"))
        ctx.skip_record(where, f"record has no text (looked for: {looked})", "no text")
        return None
    raw_date = values.get("published")
    own_date = parse_date_value(raw_date)
    metadata: dict[str, Any] = {"input": source.name, "format": source.format}
    if raw_date is not None and own_date is None:
        ctx.problem(where, f"unreadable date {raw_date!r}; looking elsewhere")
        metadata["published_raw"] = raw_date
    published, how = ctx.published(own_date, text)
    metadata["published_source"] = how
    metadata.update({k: v for k, v in record.items() if k not in used})
    url = values.get("url")
    own_id = values.get("id")
    doc_id = str(own_id) if own_id is not None else (str(url) if url else content_id(text))
    return Document(
        id=doc_id,
        text=text,
        source=str(values["source"]) if "source" in values else None,
        url=str(url) if url else None,
        title=str(values["title"]) if "title" in values else None,
        published=published,
        metadata=metadata,
    )


def read_jsonl(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """One document per line; a bad line is reported with its number and skipped."""
    empty = True
    with source.open() as stream:
        for number, raw in enumerate(stream, start=1):
            if not raw.strip():
                continue
            empty = False
            where = f"{source.name}:{number}"
            try:
                line, encoding = decode_bytes(raw, where)
                if encoding != "utf-8":
                    ctx.report.encodings[source.name] = encoding
                record = json.loads(line)
            except InputError as error:
                ctx.report.problem(error.one_line())
                continue
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(line.rstrip()) or exc.msg.startswith("Unterminated")
                if cut and not raw.endswith(b"\n"):
                    message = "truncated JSON: the file ends inside this record"
                else:
                    message = f"invalid JSON at column {exc.colno}: {exc.msg}"
                ctx.skip_record(where, message, "bad record")
                continue
            doc = record_to_document(record, where, source, ctx)
            if doc is not None:
                yield doc
    if empty:
        raise InputError("empty file, nothing to read", source=source.name)


class _LineCounter:
    """A byte stream that counts the lines it has handed out (for error messages)."""

    def __init__(self, stream: io.BufferedIOBase) -> None:
        self.stream = stream
        self.lines = 1

    def read(self, size: int = -1) -> bytes:
        chunk = self.stream.read(size)
        self.lines += chunk.count(b"\n")
        return chunk


def read_json(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """A JSON array streamed record by record, or a single JSON object.

    A file of one object per line that is named ``.json`` goes to the
    JSON Lines reader instead.
    """
    head = source.head().lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head:
        raise InputError("empty file, nothing to read", source=source.name)
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0]
        try:
            json.loads(first_line)
        except ValueError:
            yield from _read_single(source, ctx)
        else:
            yield from read_jsonl(source, ctx)
        return
    if not head.startswith(b"["):
        raise InputError("not JSON: expected an array or objects", source=source.name)
    count = 0
    with source.open() as stream:
        counter = _LineCounter(stream)
        items = ijson.items(counter, "item", use_float=True)
        while True:
            try:
                record = next(items)
            except StopIteration:
                break
            except (ijson.JSONError, UnicodeDecodeError) as exc:
                raise InputError(
                    f"invalid or truncated JSON after record {count}, "
                    f"near line {counter.lines}: {parser_message(exc)}",
                    source=source.name,
                ) from None
            count += 1
            doc = record_to_document(record, f"{source.name}:record {count}", source, ctx)
            if doc is not None:
                yield doc


def _read_single(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    with source.open() as stream:
        data = stream.read()
    text, _ = decode_bytes(data, source.name)
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"invalid or truncated JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}",
            source=source.name,
        ) from None
    doc = record_to_document(record, source.name, source, ctx)
    if doc is not None:
        yield doc
