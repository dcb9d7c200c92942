"""Inputs to byte streams: paths, directories, globs, stdin, URLs, .gz and .zip.

A :class:`Source` names one readable input and knows how to open it; its
format comes from the user's ``--format``, the file name, or a look at its
first bytes. Nothing is read here beyond those first bytes.
"""

from __future__ import annotations

import glob
import gzip
import io
import shutil
import sys
import tempfile
import typing
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from marsad.errors import InputError

#: File name endings and the reader each one goes to.
EXTENSIONS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".rss": "rss",
    ".atom": "rss",
    ".xml": "rss",
    ".warc": "warc",
}
HEAD_BYTES = 8192

Opener = Callable[[], io.BufferedIOBase]


@dataclass(frozen=True)
class Source:
    """One input to read: its label in messages, how to open it, its format."""

    name: str
    open: Opener
    format: str
    url: str | None = None

    def head(self) -> bytes:
        """The first bytes of the (decompressed) input."""
        with self.open() as stream:
            return stream.read(HEAD_BYTES)


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _known(path: Path) -> bool:
    name = path.name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    return name.endswith(".zip") or Path(name).suffix in EXTENSIONS or name.endswith(".warc")


def format_from_name(name: str) -> str | None:
    """The format implied by a file name, or None when it says nothing."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".warc")):
        return "warc"
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return EXTENSIONS.get(Path(lower).suffix)


def sniff_format(head: bytes) -> str:
    """Guess a format from the first bytes of an input."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = text[:2048].lower()
    if text.startswith(b"WARC/"):
        return "warc"
    if text.startswith(b"["):
        return "json"
    if text.startswith(b"{"):
        return "json"
    if text.startswith(b"<"):
        if b"<rss" in lower or b"<feed" in lower or b"<rdf:rdf" in lower:
            return "rss"
        return "html"
    return "txt"


def _file_opener(path: Path) -> Opener:
    if path.name.lower().endswith(".gz"):
        return lambda: gzip.open(path, "rb")
    return lambda: path.open("rb")


def _stdin_source(forced: str | None) -> Iterator[Source]:
    """Standard input, spooled to a temporary file so that it can be sniffed and streamed."""
    with tempfile.TemporaryDirectory(prefix="marsad-stdin-") as tmp:
        path = Path(tmp) / "stdin"
        with path.open("wb") as spool:
            shutil.copyfileobj(sys.stdin.buffer, spool)
        with path.open("rb") as check:
            packed = check.read(2) == b"\x1f\x8b"
        opener: Opener = (lambda: gzip.open(path, "rb")) if packed else (lambda: path.open("rb"))
        yield Source("<stdin>", opener, forced or "auto")


def _zip_members(path: Path, forced: str | None) -> Iterator[Source]:
    label = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise InputError("not a valid zip archive", source=label) from None
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            member = info.filename
            fmt = forced or format_from_name(member)
            if fmt is None:
                continue  # not a kind of file reports come in

            def opener(member: str = member) -> io.BufferedIOBase:
                stream = archive.open(member)
                if member.lower().endswith(".gz"):
                    return gzip.GzipFile(fileobj=stream, mode="rb")
                return typing.cast(io.BufferedIOBase, stream)

            yield Source(f"{label}:{member}", opener, fmt)


def _path_sources(path: Path, forced: str | None) -> Iterator[Source]:
    if path.name.lower().endswith(".zip"):
        yield from _zip_members(path, forced)
        return
    fmt = forced or format_from_name(path.name) or "auto"
    yield Source(str(path), _file_opener(path), fmt)


def expand_inputs(
    inputs: list[str] | tuple[str, ...], forced: str | None
) -> Iterator[Source | InputError]:
    """Every source named by ``inputs``, in order; a bad input yields an error, not a stop.

    Directories are walked recursively (files with a known ending, in sorted
    order); names with ``*``, ``?`` or ``[`` that are not files are globs.
    """
    for item in inputs:
        if item == "-":
            yield from _stdin_source(forced)
        elif is_url(item):
            # Fetched by the pipeline, which owns the HTTP client; nothing to open yet.
            yield Source(item, lambda: io.BytesIO(b""), forced or "auto", url=item)
        else:
            path = Path(item)
            if path.is_dir():
                found = sorted(p for p in path.rglob("*") if p.is_file() and _known(p))
                if not found:
                    yield InputError("directory holds no readable files", source=item)
                for child in found:
                    yield from _safe(_path_sources(child, forced))
            elif path.exists():
                yield from _safe(_path_sources(path, forced))
            elif any(ch in item for ch in "*?["):
                matches = sorted(glob.glob(item, recursive=True))
                files = [Path(m) for m in matches if Path(m).is_file()]
                if not files:
                    yield InputError("no files match this pattern", source=item)
                for child in files:
                    yield from _safe(_path_sources(child, forced))
            else:
                yield InputError("no such file or directory", source=item)


def _safe(sources: Iterator[Source]) -> Iterator[Source | InputError]:
    try:
        yield from sources
    except InputError as error:
        yield error
