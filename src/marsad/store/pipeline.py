"""``run_pipeline``: documents -> extraction -> store, incremental and batch by batch.

A document already stored (same id or same content) is skipped unless
``reprocess`` is set, in which case its events are replaced. Each batch is one
transaction, so an interrupted run leaves only whole documents behind and the
next run simply continues with the ones not stored yet.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import Protocol

from marsad.document import Document
from marsad.errors import ExtractionError, SkipDocument
from marsad.events import Event
from marsad.store.records import content_hash
from marsad.store.repository import BatchResult, DocumentResult, Store


class ExtractorLike(Protocol):
    """What the pipeline needs from an extractor."""

    @property
    def versions(self) -> Mapping[str, str]: ...

    def extract(self, doc: Document) -> list[Event]: ...


@dataclass
class RunSummary:
    """Counts of one run, printed at its end and stored in the runs table."""

    run_id: int = 0
    read: int = 0
    stored: int = 0
    skipped_known: int = 0
    reprocessed: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    failed: int = 0
    events_extracted: int = 0
    events_touched: int = 0
    batches: int = 0
    status: str = "running"
    problems: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "read": self.read,
            "stored": self.stored,
            "skipped_known": self.skipped_known,
            "reprocessed": self.reprocessed,
            "skipped": sum(self.skipped.values()),
            "failed": self.failed,
            "events_extracted": self.events_extracted,
            "events_touched": self.events_touched,
        }

    def lines(self) -> list[str]:
        lines = [
            f"run {self.run_id} {self.status}: read {self.read} document(s), "
            f"stored {self.stored} new, reprocessed {self.reprocessed}, "
            f"skipped {self.skipped_known} already stored",
            f"events: {self.events_extracted} extracted, {self.events_touched} stored events "
            f"created or updated in {self.batches} batch(es)",
        ]
        if self.skipped:
            reasons = ", ".join(f"{k}: {v}" for k, v in sorted(self.skipped.items()))
            lines.append(f"not extracted (stored without events): {reasons}")
        if self.failed:
            lines.append(f"{self.failed} document(s) failed extraction and were not stored")
        return lines


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def run_pipeline(
    documents: Iterable[Document],
    extractor: ExtractorLike,
    store: Store,
    *,
    reprocess: bool = False,
    batch_size: int = 200,
    inputs: Sequence[str] = (),
    on_batch: Callable[[BatchResult, RunSummary], None] | None = None,
) -> RunSummary:
    """Extract and store ``documents``; return the run's counts.

    Interruptions (KeyboardInterrupt, errors) mark the run and propagate;
    batches already committed stay, the one in progress is rolled back.
    """
    summary = RunSummary()
    summary.run_id = store.start_run(inputs, dict(extractor.versions), reprocess=reprocess)
    try:
        for batch in _batches(documents, max(1, batch_size)):
            results = _process(batch, extractor, store, reprocess, summary)
            if results:
                outcome = store.write_batch(results, summary.run_id)
                summary.batches += 1
                summary.events_touched += outcome.events_touched
                summary.stored += sum(1 for r in results if not r.replace)
                summary.reprocessed += sum(1 for r in results if r.replace)
                if on_batch is not None:
                    on_batch(outcome, summary)
    except BaseException as error:
        summary.status = "interrupted" if isinstance(error, KeyboardInterrupt) else "failed"
        _finish(store, summary)
        raise
    summary.status = "finished"
    _finish(store, summary)
    return summary


def _finish(store: Store, summary: RunSummary) -> None:
    try:
        store.finish_run(summary.run_id, summary.status, summary.counts())
    except Exception:  # the original problem matters more than the bookkeeping
        if summary.status == "finished":
            raise


def _process(
    batch: list[Document],
    extractor: ExtractorLike,
    store: Store,
    reprocess: bool,
    summary: RunSummary,
) -> list[DocumentResult]:
    hashes = [content_hash(doc.text) for doc in batch]
    known = store.known_documents(batch, hashes)
    results: list[DocumentResult] = []
    seen: set[str] = set()
    for doc, digest in zip(batch, hashes, strict=True):
        summary.read += 1
        stored_id = known.get(doc.id) or known.get(digest)
        if digest in seen or doc.id in seen or (stored_id is not None and not reprocess):
            summary.skipped_known += 1
            continue
        seen.update((digest, doc.id))
        if stored_id is not None and stored_id != doc.id:
            doc = replace(doc, id=stored_id)
        try:
            events = extractor.extract(doc)
        except SkipDocument as skip:
            summary.skipped[skip.reason] = summary.skipped.get(skip.reason, 0) + 1
            events = []
        except ExtractionError as error:
            summary.failed += 1
            summary.problems.append(error.one_line())
            continue
        events = [e if e.doc_id == doc.id else replace(e, doc_id=doc.id) for e in events]
        summary.events_extracted += len(events)
        results.append(DocumentResult(doc, events, digest, replace=stored_id is not None))
    return results
