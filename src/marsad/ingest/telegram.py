"""Telegram Desktop exports (``result.json``): one document per message, streamed.

Both layouts are read by one walk over the JSON events: a single chat
(``{name, type, id, messages: [...]}``) and a whole account
(``{chats: {list: [{name, id, messages: [...]}, ...]}}``). A message is built
into a dict only while it is read, so memory stays flat however long the
channel's history is.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import ijson
from ijson.common import ObjectBuilder

from marsad.document import Document
from marsad.errors import InputError
from marsad.ingest.context import ReaderContext, parser_message
from marsad.ingest.sources import Source

MESSAGE_SUFFIX = "messages.item"
MEDIA_KEYS = (
    "photo",
    "file",
    "media_type",
    "sticker_emoji",
    "poll",
    "location_information",
    "contact_information",
    "live_location_period_seconds",
    "game_title",
    "invoice_information",
)
_LINK_TYPES = ("link", "text_link")


def message_text(message: dict[str, Any]) -> tuple[str, list[str]]:
    """The plain text of a message and the links it carries."""
    entities = message.get("text_entities")
    parts = entities if isinstance(entities, list) and entities else None
    if parts is None:
        text = message.get("text")
        parts = [text] if isinstance(text, str) else text if isinstance(text, list) else []
    pieces: list[str] = []
    links: list[str] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
        elif isinstance(part, dict):
            piece = str(part.get("text") or "")
            pieces.append(piece)
            kind = part.get("type")
            if kind == "text_link" and part.get("href"):
                links.append(str(part["href"]))
            elif kind == "link" and piece:
                links.append(piece)
    return "".join(pieces), list(dict.fromkeys(links))


def read_telegram(source: Source, ctx: ReaderContext) -> Iterator[Document]:
    """Yield one document per text message of every chat in the export."""
    chats: dict[str, dict[str, Any]] = {}
    builder: ObjectBuilder | None = None
    found_messages = False
    with source.open() as stream:
        events = ijson.parse(stream, use_float=True)
        while True:
            try:
                prefix, event, value = next(events)
            except StopIteration:
                break
            except (ijson.JSONError, UnicodeDecodeError) as exc:
                raise InputError(
                    f"invalid or truncated Telegram export: {parser_message(exc)}",
                    source=source.name,
                ) from None
            if builder is not None:
                builder.event(event, value)
                if prefix.endswith(MESSAGE_SUFFIX) and event == "end_map":
                    chat = chats.get(prefix[: -len(MESSAGE_SUFFIX)], {})
                    doc = _message_document(builder.value, chat, source, ctx)
                    builder = None
                    if doc is not None:
                        yield doc
                continue
            if prefix.endswith(MESSAGE_SUFFIX) and event == "start_map":
                found_messages = True
                builder = ObjectBuilder()
                builder.event(event, value)
            elif event in ("string", "number", "integer") and (
                prefix.endswith(".name") or prefix.endswith(".id") or prefix in ("name", "id")
            ):
                chat_prefix, _, key = prefix.rpartition(".")
                chat_key = f"{chat_prefix}." if chat_prefix else ""
                chats.setdefault(chat_key, {})[key] = value
            elif event == "start_map" and prefix.endswith("list.item"):
                chats.pop(f"{prefix}.", None)  # a new chat of a full-account export
    if not found_messages:
        raise InputError("no messages found: not a Telegram Desktop export?", source=source.name)


def _message_document(
    message: Any, chat: dict[str, Any], source: Source, ctx: ReaderContext
) -> Document | None:
    channel = chat.get("name")
    channel_id = chat.get("id")
    chat_label = str(channel_id if channel_id is not None else channel or "unknown")
    if not isinstance(message, dict) or "id" not in message:
        ctx.skip_record(f"{source.name}:{chat_label}", "message without an id", "bad record")
        return None
    where = f"{source.name}:{chat_label}:{message['id']}"
    if message.get("type") != "message":
        ctx.report.skip("Telegram service message")
        return None
    text, links = message_text(message)
    if not text.strip():
        if any(key in message for key in MEDIA_KEYS):
            ctx.report.skip("Telegram media-only message")
        else:
            ctx.report.skip("no text")
        return None
    try:
        moment = datetime.fromtimestamp(int(message["date_unixtime"]), tz=UTC)
    except (KeyError, TypeError, ValueError):
        ctx.skip_record(where, "message without a valid date_unixtime", "bad record")
        return None
    metadata: dict[str, Any] = {
        "input": source.name,
        "format": "telegram",
        "channel": channel,
        "channel_id": channel_id,
        "message_id": message["id"],
        "datetime": moment.isoformat(),
        "published_source": "source",
    }
    optional = {
        "forwarded_from": message.get("forwarded_from"),
        "author": message.get("from"),
        "reply_to_message_id": message.get("reply_to_message_id"),
        "links": links or None,
        "media": message.get("media_type") or ("photo" if "photo" in message else None),
    }
    metadata.update({key: value for key, value in optional.items() if value is not None})
    return Document(
        id=f"telegram:{chat_label}:{message['id']}",
        text=text,
        source=channel,
        published=moment.date(),
        metadata=metadata,
    )
