"""``read_documents``: every input, through its reader, language check and duplicate links."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace

from marsad.document import Document
from marsad.errors import InputError, MarsadError, SkipDocument
from marsad.ingest.context import ReaderContext
from marsad.ingest.feeds import read_feed
from marsad.ingest.html import read_html
from marsad.ingest.identity import DuplicateLinker, LanguageCheck, default_language_check
from marsad.ingest.options import IngestOptions, IngestReport
from marsad.ingest.records import read_json, read_jsonl
from marsad.ingest.sources import Source, expand_inputs, sniff_format
from marsad.ingest.telegram import read_telegram
from marsad.ingest.txt import read_txt
from marsad.ingest.warc import read_warc

Reader = Callable[[Source, ReaderContext], Iterator[Document]]

#: Format name to reader; the one place formats are registered.
READERS: dict[str, Reader] = {
    "txt": read_txt,
    "html": read_html,
    "warc": read_warc,
    "jsonl": read_jsonl,
    "json": read_json,
    "rss": read_feed,
    "telegram": read_telegram,
}
_TELEGRAM_MARKERS = (b'"messages"', b'"chats"', b'"personal_information"')


def _resolve(source: Source, ctx: ReaderContext) -> Source:
    """Fetch a URL, then settle the format of ``source`` from its first bytes if needed."""
    if source.url is not None and source.name == source.url:
        body, final_url = ctx.fetcher.get(source.url)
        source = Source(source.name, lambda: io.BytesIO(body), source.format, url=final_url)
    if source.format not in ("auto", "json"):
        return source
    head = source.head()
    fmt = sniff_format(head) if source.format == "auto" else source.format
    if fmt == "json" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        if any(marker in head for marker in _TELEGRAM_MARKERS):
            fmt = "telegram"
    return replace(source, format=fmt)


def read_documents(
    inputs: Sequence[str],
    options: IngestOptions,
    report: IngestReport,
    *,
    language_check: LanguageCheck | None = None,
) -> Iterator[Document]:
    """Stream the documents of every input; problems go to ``report``, never abort the batch.

    Documents come out with ``language`` set and ``duplicate_of`` naming the
    first copy of an exact or near duplicate; a document whose id was already
    read, or that is not in Arabic (unless ``options.all_languages``), is
    counted in ``report.skipped`` and not yielded.
    """
    ctx = ReaderContext(options, report)
    languages = language_check or default_language_check()
    linker = DuplicateLinker(options.near_duplicate_threshold, options.minhash_permutations)
    forced = None if options.format == "auto" else options.format
    try:
        for item in expand_inputs(tuple(inputs), forced):
            if isinstance(item, MarsadError):
                report.problem(item.one_line())
                continue
            report.inputs += 1
            try:
                source = _resolve(item, ctx)
                for doc in READERS[source.format](source, ctx):
                    language = languages.language(doc.text)
                    if language != "ar" and not options.all_languages:
                        report.skip("not Arabic")
                        continue
                    linked, kind = linker.link(replace(doc, language=language))
                    if linked is None:
                        report.skip("already read (same id)")
                        continue
                    if kind == "exact":
                        report.exact_duplicates += 1
                    elif kind == "near":
                        report.near_duplicates += 1
                    report.read += 1
                    yield linked
            except SkipDocument as skip:
                report.skip(skip.reason)
                report.problem(skip.one_line())
            except MarsadError as error:
                report.problem(error.one_line())
            except (OSError, EOFError, zipfile.BadZipFile) as exc:
                why = getattr(exc, "strerror", None) or exc
                report.problem(InputError(f"cannot read: {why}", source=item.name).one_line())
            except Exception as exc:
                # A reader library failing in a way it does not document: reported with
                # its type so it can be fixed, while the other inputs are still read.
                message = f"unexpected {type(exc).__name__} while reading: {exc}"
                report.problem(InputError(message, source=item.name).one_line())
    finally:
        ctx.close()
