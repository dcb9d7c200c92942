"""What a run of ingestion is told (options) and what it tells back (report)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import Any

from marsad.errors import ConfigError
from marsad.settings import Settings

FORMATS = ("auto", "txt", "html", "jsonl", "json", "rss", "telegram", "warc")

#: Record fields a JSON reader looks up, and the keys it tries by default.
DEFAULT_FIELDS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "text": ("text", "content", "body"),
        "id": ("id",),
        "title": ("title",),
        "url": ("url",),
        "published": ("published",),
        "source": ("source",),
    }
)


@dataclass(frozen=True)
class IngestOptions:
    """How inputs are read. Build from settings with :meth:`from_settings`."""

    published: date | None = None
    format: str = "auto"
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    all_languages: bool = False
    follow: bool = False
    strict: bool = False
    near_duplicate_threshold: float = 0.8
    minhash_permutations: int = 128
    user_agent: str = "marsad (Arabic conflict event coder)"
    timeout: float = 20.0
    retries: int = 2

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ConfigError(f"unknown input format {self.format!r} (one of {', '.join(FORMATS)})")
        unknown = sorted(set(self.fields) - set(DEFAULT_FIELDS))
        if unknown:
            known = ", ".join(DEFAULT_FIELDS)
            raise ConfigError(f"unknown record field(s) {', '.join(unknown)} (one of {known})")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ConfigError("near_duplicate_threshold must be in (0, 1]")
        if self.minhash_permutations < 16:
            raise ConfigError("minhash_permutations must be at least 16")

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> IngestOptions:
        """Options with the tunables taken from ``settings``, then ``overrides``."""
        values: dict[str, Any] = {
            "near_duplicate_threshold": settings.near_duplicate_threshold,
            "minhash_permutations": settings.minhash_permutations,
            "user_agent": settings.user_agent,
            "timeout": settings.http_timeout,
            "retries": settings.http_retries,
        }
        values.update(overrides)
        if "fields" in values:
            values["fields"] = MappingProxyType(dict(values["fields"]))
        return cls(**values)

    def field_keys(self, name: str) -> tuple[str, ...]:
        """The record keys holding field ``name`` (a configured key replaces the defaults)."""
        chosen = self.fields.get(name)
        return (chosen,) if chosen else DEFAULT_FIELDS[name]


@dataclass
class IngestReport:
    """Counts and problems of one ingestion run; filled in as documents stream."""

    read: int = 0
    inputs: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    exact_duplicates: int = 0
    near_duplicates: int = 0
    problems: list[str] = field(default_factory=list)
    encodings: dict[str, str] = field(default_factory=dict)

    def problem(self, line: str) -> None:
        """Record one problem line (already naming its input)."""
        self.problems.append(line.replace("\n", " "))

    def skip(self, reason: str, count: int = 1) -> None:
        """Count documents deliberately left out, by reason."""
        self.skipped[reason] += count

    def summary_lines(self) -> list[str]:
        """The end-of-run summary: read, skipped by reason, duplicates, problems."""
        lines = [f"read {self.read} document(s) from {self.inputs} input(s)"]
        total = sum(self.skipped.values())
        if total:
            reasons = ", ".join(f"{reason}: {n}" for reason, n in self.skipped.most_common())
            lines.append(f"skipped {total} ({reasons})")
        else:
            lines.append("skipped 0")
        lines.append(
            f"duplicates: {self.exact_duplicates} exact, {self.near_duplicates} near"
            " (kept, linked to the first copy)"
        )
        guesses = {k: v for k, v in self.encodings.items() if v not in ("utf-8", "ascii")}
        for name, encoding in sorted(guesses.items()):
            lines.append(f"encoding of {name}: {encoding} (guessed)")
        if self.problems:
            lines.append(f"{len(self.problems)} problem(s), listed above")
        return lines
