"""The document model every stage shares.

The raw text of a :class:`Document` is never changed. Everything found in it
is a :class:`Span` whose ``start``/``end`` index the raw text, so that
``doc.text[span.start:span.end] == span.text`` always holds and a reviewer can
check any coded field against its evidence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's raw text with a label and attributes."""

    start: int
    end: int
    label: str
    text: str
    attrs: Mapping[str, Any] = field(default_factory=_empty, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"invalid span offsets ({self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span text {self.text!r} does not fit offsets ({self.start}, {self.end})"
            )

    @classmethod
    def of(cls, raw: str, start: int, end: int, label: str, **attrs: Any) -> Span:
        """A span cut from ``raw``, so its text always agrees with its offsets."""
        return cls(start, end, label, raw[start:end], MappingProxyType(dict(attrs)))


def content_id(text: str, prefix: str = "sha1") -> str:
    """A stable document id from the text alone (for inputs without an id)."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]
    return f"{prefix}:{digest}"


@dataclass(frozen=True, slots=True)
class Document:
    """One report as read from its source, before any processing."""

    id: str
    text: str
    source: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    language: str | None = None
    duplicate_of: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=_empty, compare=False, hash=False)

    def span(self, start: int, end: int, label: str, **attrs: Any) -> Span:
        """A span of this document's raw text."""
        return Span.of(self.text, start, end, label, **attrs)

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record ``marsad ingest`` writes."""
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "text": self.text,
            "language": self.language,
            "duplicate_of": self.duplicate_of,
            "metadata": dict(self.metadata),
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Document:
        """Inverse of :meth:`to_dict`."""
        published = record.get("published")
        return cls(
            id=str(record["id"]),
            text=str(record["text"]),
            source=record.get("source"),
            url=record.get("url"),
            title=record.get("title"),
            published=date.fromisoformat(published[:10]) if published else None,
            language=record.get("language"),
            duplicate_of=record.get("duplicate_of"),
            metadata=MappingProxyType(dict(record.get("metadata") or {})),
        )
