"""Bytes to text: UTF-8 (with or without BOM), then Windows-1256, then a guess."""

from __future__ import annotations

import re

import charset_normalizer

from marsad.errors import InputError

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.IGNORECASE)


def looks_binary(data: bytes) -> bool:
    """True when the head of ``data`` holds NUL bytes, which text never has."""
    return b"\x00" in data[:8192]


def _plausible_cp1256(text: str) -> bool:
    # Windows-1256 decodes any byte, so accept it only if the non-ASCII
    # characters it produces are mostly Arabic letters.
    foreign = len(_NON_ASCII.findall(text))
    return foreign == 0 or len(_ARABIC.findall(text)) >= 0.6 * foreign


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag, if any."""
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`InputError` for binary or undecodable data."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            message = f"UTF-16 BOM but invalid UTF-16 at byte {exc.start}"
            raise InputError(message, source=source) from None
    if looks_binary(data):
        raise InputError("binary data, not text", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            message = f"UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}"
            raise InputError(message, source=source) from None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if declared and declared.replace("_", "-") not in ("utf-8", "utf8"):
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("cp1256")
    if _plausible_cp1256(text):
        return text, "windows-1256"
    best = charset_normalizer.from_bytes(data).best()
    # Without a BOM, a UTF-16/32 guess on NUL-free bytes is noise, not an encoding.
    if best is not None and not best.encoding.startswith(("utf_8", "utf_16", "utf_32", "cp1256")):
        return str(best), best.encoding
    raise InputError(
        f"undecodable bytes: not UTF-8 (byte {first_bad}) nor Windows-1256", source=source
    )
