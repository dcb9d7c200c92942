"""RSS and Atom feeds: one document per entry; with ``--follow``, the linked page's text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser
import lxml.html
from lxml.etree import ParserError

from marsad.document import Document, content_id
from marsad.errors import InputError, SkipDocument
from marsad.ingest.context import ReaderContext
from marsad.ingest.dates import parse_date_value
from marsad.ingest.html import page_to_document
from marsad.ingest.sources import Source

_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(?:p|div|li|h[1-6]|tr|blockquote)>")
_SPACES = re.compile(r"[ \t\u00a0]+")


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one line per paragraph."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(_BLOCK_END.sub("\n", fragment), create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    lines = (_SPACES.sub(" ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def _entry_date(entry: Any) -> date | None:
    # dict.get skips feedparser's deprecated fallback from "updated" to "published".
    for key in ("published", "updated", "created"):
        found = parse_date_value(dict.get(entry, key))
        if found is not None:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = dict.get(entry, key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    for content in entry.get("content") or []:
        text = fragment_text(str(content.get("value") or ""))
        if text:
            return text
    return fragment_text(str(entry.get("summary") or ""))


def read_feed(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """Yield one document per usable entry; a broken entry is reported, the rest kept."""
    with source.open() as stream:
        data = stream.read()
    if not data.strip():
        raise InputError("empty feed, nothing to read", source=source.name)
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        problem = parsed.get("bozo_exception")
        raise InputError(f"not a readable RSS/Atom feed: {problem}", source=source.name)
    if parsed.get("bozo"):
        ctx.problem(
            source.name,
            f"malformed feed ({parsed.get('bozo_exception')}); read the entries before the damage",
        )
    feed_title = parsed.get("feed", {}).get("title")
    for number, entry in enumerate(entries, start=1):
        where = f"{source.name}:entry {number}"
        doc = _entry_document(entry, where, feed_title, source, ctx)
        if doc is not None:
            yield doc


def _entry_document(
    entry: Any, where: str, feed_title: str | None, source: Source, ctx: ReaderContext
) -> Document | None:
    link = entry.get("link") or None
    title = entry.get("title") or None
    own_date = _entry_date(entry)
    summary = _entry_text(entry)
    metadata: dict[str, Any] = {"input": source.name, "format": "rss", "feed": feed_title}
    if entry.get("author"):
        metadata["author"] = entry.get("author")
    if ctx.options.follow and link:
        try:
            body, final_url = ctx.fetcher.get(link)
            page = page_to_document(body, link, ctx, url=final_url)
        except (InputError, SkipDocument) as error:
            ctx.report.problem(error.one_line())
            metadata["follow_error"] = error.message
        else:
            page_meta = dict(page.metadata)
            published = own_date or page.published
            if own_date is not None:
                page_meta["published_source"] = "source"
            page_meta.update(metadata)
            page_meta["text_from"] = "linked page"
            return Document(
                id=str(entry.get("id") or link),
                text=page.text,
                source=page.source or feed_title,
                url=link,
                title=title or page.title,
                published=published,
                metadata=page_meta,
            )
    if not summary:
        message = "entry has no text" + (" (and its page could not be read)" if link else "")
        ctx.skip_record(where, message, "no text")
        return None
    published, how = ctx.published(own_date, summary)
    metadata.update({"published_source": how, "text_from": "feed entry"})
    return Document(
        id=str(entry.get("id") or link or content_id(summary)),
        text=summary,
        source=feed_title,
        url=link,
        title=title,
        published=published,
        metadata=metadata,
    )
